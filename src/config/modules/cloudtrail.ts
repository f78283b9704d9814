/**
 * `modules.cloudtrail` of a cluster file: a trail (or an existing one's events) into the
 * cluster's stream, through a CloudWatch Events rule. Its rendering half is
 * src/render/modules/cloudtrail.ts.
 */
import { EVENT_PATTERN_KEYS } from '../aws-limits.js';
import { plainOutput, type ConfigModuleDescriptor, switchedBlock } from './descriptor.js';

export interface CloudTrailModule {
  enabled: boolean;
  existingTrail: boolean;
  isGlobalTrail: boolean;
  /** The CloudWatch Events pattern as the JSON text handed to Terraform. */
  eventPattern: string;
}

export const cloudtrailConfig: ConfigModuleDescriptor<'cloudtrail', CloudTrailModule | null> = {
  configKey: 'cloudtrail',
  field: 'cloudtrail',
  schema: switchedBlock('trail logging on or off', {
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
  }),
  isOn: (m) => m !== null,
  load: (raw, { accountId }) =>
    raw
      ? {
          enabled: raw.enabled,
          existingTrail: raw.existing_trail,
          isGlobalTrail: raw.is_global_trail,
          // StreamAlert's default: every event of this account.
          eventPattern: JSON.stringify(raw.event_pattern ?? { account: [accountId] }),
        }
      : null,
  outputs: {
    trail_arn: plainOutput('cloudtrail'),
    bucket_name: plainOutput('cloudtrail'),
    event_rule_arn: plainOutput('cloudtrail'),
  },
};
