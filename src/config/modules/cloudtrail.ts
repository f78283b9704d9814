/**
 * `modules.cloudtrail` of a cluster file: a trail (or an existing one's events) into the
 * cluster's stream, through a CloudWatch Events rule. Its rendering half is
 * src/render/modules/cloudtrail.ts.
 *
 * StreamAlert 3's keys are taken too (its streamalert_cli/terraform/cloudtrail.py, 3.0's flat
 * `s3_*` keys and 3.5's `s3_settings`): the bucket's name, other accounts' trails writing to
 * it, S3 data events and `enable_logging` are honoured; the ways StreamAlert 3 delivered the
 * trail's logs (S3 events, CloudWatch Logs, SNS) are accepted and named in the notice
 * (src/config/streamalert3.ts, cloudtrailNotes), since here the events go through the rule.
 */
import { EVENT_PATTERN_KEYS } from '../aws-limits.js';
import {
  plainOutput,
  s3BucketName,
  stringList,
  type ConfigModuleDescriptor,
  type Schema,
  switchedBlock,
} from './descriptor.js';

export interface CloudTrailModule {
  /** Whether the trail records API calls (`enabled`, or StreamAlert 3's `enable_logging`). */
  enabled: boolean;
  existingTrail: boolean;
  isGlobalTrail: boolean;
  /** The CloudWatch Events pattern as the JSON text handed to Terraform. */
  eventPattern: string;
  /** JSON pointer of the pattern in the cluster file (cloudwatch_events may give it), for messages. */
  eventPatternPointer: string;
  /** Whether `event_pattern` was written under `cloudtrail` itself. */
  eventPatternGiven: boolean;
  /** JSON pointer of the key that switched the module on, for messages. */
  pointer: string;
  /** StreamAlert 3's bucket (and trail) name; undefined: this project's names. */
  bucketName?: string;
  /** Where bucketName was written, for messages. */
  bucketNamePointer?: string;
  /** Other accounts whose trails write to the bucket (StreamAlert 3). */
  crossAccountIds: string[];
  /** S3 data events recorded ("ReadOnly", "WriteOnly", "All"); undefined: none. */
  s3DataEvents?: string;
  /** Accounts and organizations allowed on the region's default event bus (cloudwatch_events). */
  eventBusAccounts: string[];
  eventBusOrgIds: string[];
}

const accountIds = (description: string): Schema => ({
  ...stringList('^\\d{12}$', 'must be a 12-digit AWS account id such as "444455556666"'),
  description,
});

const selectorType: Schema = {
  type: 'string',
  enum: ['ReadOnly', 'WriteOnly', 'All', ''],
  description: 'S3 object-level events the trail records ("" none)',
};

const bucketName = (description: string): Schema => ({ ...s3BucketName, description });

/** StreamAlert 3's switches that only say how its logs travelled; read for the notice. */
const flag = (description: string): Schema => ({ type: 'boolean', description });

/** StreamAlert 3.5's `s3_settings`. */
const s3Settings: Schema = {
  type: 'object',
  additionalProperties: false,
  description:
    "StreamAlert 3.5's S3 settings: `bucket_name`, `cross_account_ids` and `event_selector_type` are honoured; `enable_events` and `ignore_digest` are named in the notice (the events reach the stream through the rule)",
  properties: {
    bucket_name: bucketName("the trail's bucket, and the trail's name (as StreamAlert 3)"),
    cross_account_ids: accountIds("other accounts whose trails may write to the trail's bucket"),
    event_selector_type: selectorType,
    enable_events: flag('S3 notifications of new log files to the rule processor: see the notice'),
    ignore_digest: flag('with enable_events: see the notice'),
  },
};

export const cloudtrailConfig: ConfigModuleDescriptor<'cloudtrail', CloudTrailModule | null> = {
  configKey: 'cloudtrail',
  field: 'cloudtrail',
  schema: switchedBlock(
    'trail logging on or off (in a StreamAlert 3 cluster file: the module on or off, default true)',
    {
      existing_trail: {
        type: 'boolean',
        default: false,
        description: 'true: the module creates no trail (and uses none)',
      },
      is_global_trail: { type: 'boolean', default: true },
      // Its values are checked in cross-checks.ts (a bare value is refused there, by pointer).
      event_pattern: {
        type: 'object',
        minProperties: 1,
        propertyNames: { enum: [...EVENT_PATTERN_KEYS] },
        'x-default': '`{"account": ["<aws_account_id>"]}`',
        description: 'the CloudWatch Events pattern of the rule that feeds the stream',
      },
      enable_logging: flag("StreamAlert 3's: trail logging on or off (over `enabled`)"),
      s3_settings: s3Settings,
      // StreamAlert 3.0's flat forms of s3_settings' keys.
      s3_bucket_name: bucketName("StreamAlert 3.0's `s3_settings.bucket_name`"),
      s3_cross_account_ids: accountIds("StreamAlert 3.0's `s3_settings.cross_account_ids`"),
      s3_event_selector_type: { ...selectorType, description: "StreamAlert 3.0's form" },
      enable_s3_events: flag("StreamAlert 3.0's `s3_settings.enable_events`: see the notice"),
      send_to_cloudwatch: flag(
        "StreamAlert 3's delivery through CloudWatch Logs: see the notice (the rule sends the events instead)",
      ),
      cloudwatch_destination_arn: {
        type: 'string',
        pattern: '^arn:aws[a-z-]*:logs:[a-z0-9-]+:\\d{12}:destination:[^\\s]+$',
        'x-message': 'must be a CloudWatch Logs destination ARN',
        description: 'with send_to_cloudwatch: see the notice',
      },
      exclude_home_region_events: flag('with send_to_cloudwatch: see the notice'),
      retention_in_days: {
        type: 'integer',
        minimum: 0,
        description: 'with send_to_cloudwatch: see the notice',
      },
      send_to_sns: flag("StreamAlert 3's SNS topic of new log files: see the notice"),
      allow_cross_account_sns: flag('with send_to_sns: see the notice'),
    },
  ),
  isOn: (m) => m !== null,
  load: (raw, { accountId }) => {
    if (!raw) return null;
    const s3 = raw.s3_settings ?? {};
    const selector: string = s3.event_selector_type ?? raw.s3_event_selector_type ?? '';
    return {
      enabled: raw.enable_logging ?? raw.enabled,
      existingTrail: raw.existing_trail,
      isGlobalTrail: raw.is_global_trail,
      // StreamAlert's default: every event of this account.
      eventPattern: JSON.stringify(raw.event_pattern ?? { account: [accountId] }),
      eventPatternPointer: '/modules/cloudtrail/event_pattern',
      eventPatternGiven: raw.event_pattern !== undefined,
      pointer: '/modules/cloudtrail',
      bucketName: s3.bucket_name ?? raw.s3_bucket_name,
      bucketNamePointer:
        s3.bucket_name !== undefined
          ? '/modules/cloudtrail/s3_settings/bucket_name'
          : raw.s3_bucket_name !== undefined
            ? '/modules/cloudtrail/s3_bucket_name'
            : undefined,
      // StreamAlert 3 added the deployment account itself: its own trail needs no entry.
      crossAccountIds: [
        ...new Set<string>([...(s3.cross_account_ids ?? []), ...(raw.s3_cross_account_ids ?? [])]),
      ]
        .filter((id) => id !== accountId)
        .sort(),
      s3DataEvents: selector === '' ? undefined : selector,
      eventBusAccounts: [],
      eventBusOrgIds: [],
    };
  },
  outputs: {
    trail_arn: plainOutput('cloudtrail'),
    bucket_name: plainOutput('cloudtrail'),
    event_rule_arn: plainOutput('cloudtrail'),
  },
};
