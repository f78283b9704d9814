/**
 * `modules.cloudwatch_events` of a cluster file (StreamAlert 3's, its
 * streamalert_cli/terraform/cloudwatch_events.py): a CloudWatch Events rule sending the
 * events its pattern matches to the cluster's stream, and other accounts or organizations
 * allowed to put events on the event bus. That rule is the one the cloudtrail module makes
 * (modules/cloudtrail): this key sets its pattern, and without `cloudtrail` it is the module
 * with `existing_trail` (the rule alone). No rendering half of its own: withEventRule below.
 */
import { EVENT_PATTERN_KEYS } from '../aws-limits.js';
import type { CloudTrailModule } from './cloudtrail.js';
import type { ConfigModuleDescriptor, Schema } from './descriptor.js';

export interface CloudWatchEventsModule {
  /** The pattern as JSON text. */
  eventPattern: string;
  /** Each account or organization allowed on the bus, and the regions StreamAlert 3 allowed it in. */
  accounts: { id: string; regions: string[] }[];
  organizations: { id: string; regions: string[] }[];
}

/**
 * StreamAlert 3 read `{}` or null as "every event, whichever account": EventBridge takes no
 * empty pattern, and this one matches every event (every event has a source).
 */
export const EVERY_EVENT_PATTERN = { source: [{ prefix: '' }] };

const regions: Schema = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: {
    type: 'string',
    pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$',
    'x-message': 'must be an AWS region such as "us-east-1"',
  },
};

const byId = (pattern: string, message: string, description: string): Schema => ({
  type: 'object',
  description,
  propertyNames: { pattern, 'x-message': message },
  additionalProperties: regions,
});

export const cloudwatchEventsConfig: ConfigModuleDescriptor<
  'cloudwatchEvents',
  CloudWatchEventsModule | null
> = {
  configKey: 'cloudwatch_events',
  field: 'cloudwatchEvents',
  schema: {
    type: 'object',
    additionalProperties: false,
    description:
      "StreamAlert 3's CloudWatch Events rule into the cluster's stream: the cloudtrail module's rule, with this pattern (the rule alone when there is no `cloudtrail`); needs `kinesis`",
    properties: {
      enabled: { type: 'boolean', default: true },
      // Values are checked in cross-checks.ts, as cloudtrail's.
      event_pattern: {
        type: ['object', 'null'],
        propertyNames: { enum: [...EVENT_PATTERN_KEYS] },
        'x-default': '`{"account": ["<aws_account_id>"]}`',
        description:
          'the pattern of the events sent to the stream; `{}` or null: every event, whichever account (as StreamAlert 3)',
      },
      cross_account: {
        type: 'object',
        additionalProperties: false,
        description:
          "accounts and organizations allowed to put events on the default event bus, each with its regions: the cluster's region is granted here, other regions are named in the notice",
        properties: {
          accounts: byId(
            '^\\d{12}$',
            'must be a 12-digit AWS account id such as "444455556666"',
            '`{"<account id>": ["<region>", ...]}`',
          ),
          organizations: byId(
            '^o-[a-z0-9]{10,32}$',
            'must be an AWS Organizations id such as "o-aabbccddee"',
            '`{"<organization id>": ["<region>", ...]}`',
          ),
        },
      },
    },
  },
  load: (raw, { accountId }) => {
    if (!raw || raw.enabled === false) return null;
    const pattern =
      raw.event_pattern === undefined
        ? { account: [accountId] }
        : raw.event_pattern === null || Object.keys(raw.event_pattern).length === 0
          ? EVERY_EVENT_PATTERN
          : raw.event_pattern;
    const list = (m: Record<string, string[]> | undefined) =>
      Object.entries(m ?? {}).map(([id, r]) => ({ id, regions: r }));
    return {
      eventPattern: JSON.stringify(pattern),
      accounts: list(raw.cross_account?.accounts),
      organizations: list(raw.cross_account?.organizations),
    };
  },
};

/**
 * The cluster's cloudtrail module with cloudwatch_events folded in: the rule takes its
 * pattern, the bus its permissions for `region` (the cluster's; the provider's region).
 * Without `cloudtrail` the module is the rule alone (`existing_trail`).
 */
export function withEventRule(
  cloudtrail: CloudTrailModule | null,
  events: CloudWatchEventsModule | null,
  region: string,
): CloudTrailModule | null {
  if (!events) return cloudtrail;
  const here = (l: { id: string; regions: string[] }[]) =>
    l.filter((e) => e.regions.includes(region)).map((e) => e.id);
  const base: CloudTrailModule = cloudtrail ?? {
    enabled: true,
    existingTrail: true,
    isGlobalTrail: true,
    eventPattern: events.eventPattern,
    eventPatternPointer: '',
    eventPatternGiven: false,
    pointer: '/modules/cloudwatch_events',
    crossAccountIds: [],
    eventBusAccounts: [],
    eventBusOrgIds: [],
  };
  return {
    ...base,
    eventPattern: events.eventPattern,
    eventPatternPointer: '/modules/cloudwatch_events/event_pattern',
    eventBusAccounts: here(events.accounts).sort(),
    eventBusOrgIds: here(events.organizations).sort(),
  };
}
