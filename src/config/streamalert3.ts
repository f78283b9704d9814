/**
 * StreamAlert 3's conf/ layout, read as it is (StreamAlert 3.0 to 3.5):
 *
 * - global.json may leave out `terraform` (the state bucket is then
 *   `<prefix>-streamalert-terraform-state`, created here) or name it with `bucket_name` and
 *   `state_key_name`; `general` and the 3.x `infrastructure` keys are accepted.
 * - A cluster file has no `region` (global.json's) and no `modules.stream_alert`: the rule
 *   processor is sized by the cluster's `classifier_config`, the alert processor by
 *   lambda.json's `alert_processor_config`. `data_sources` are the sources
 *   (src/config/processors/load.ts).
 *
 * Keys that configure what this project does differently are accepted and named as notes
 * (notices.ts), one per key, so they land in the one notice `validate` prints.
 */
import { LAMBDA_MEMORY, LAMBDA_TIMEOUT, S3_KEY_FOLDER_MAX } from './aws-limits.js';
import { s3BucketName, stringList, type Schema } from './modules/descriptor.js';
import { LOG_RETENTION_DAYS, lambdaAlarmsSchema } from './modules/stream-alert.js';
import type { ConfigNote } from './notices.js';
import { escapePointerToken } from './problems.js';

/** StreamAlert 3's default state bucket (streamalert_cli/terraform/common.py). */
export const v3StateBucket = (prefix: string): string => `${prefix}-streamalert-terraform-state`;

/** StreamAlert 3's default KMS alias, `<prefix>_streamalert_secrets`. */
export const v3KmsAlias = (prefix: string): string => `${prefix}_streamalert_secrets`;

/** A StreamAlert key accepted as any object: what it configures is named in a note. */
const anyObject = (description: string): Schema => ({ type: 'object', description });

/** global.json `infrastructure` keys of StreamAlert 3, with what becomes of each here. */
export const V3_INFRASTRUCTURE_NOTES: Record<string, string> = {
  alerts_table:
    'no DynamoDB alerts table: alerts go from the rule processor to the alert processor through the cluster SNS topic',
  alerts_firehose: 'alerts are not archived by a Firehose; use an aws-s3 or aws-firehose output',
  artifact_extractor: 'no artifact extractor',
  firehose:
    "no global data Firehose; each cluster's modules.kinesis.firehose keeps the data (docs/configuration.md)",
  rule_staging: 'rule staging is set per rule (docs/rules.md#staging), not with a DynamoDB table',
  classifier_sqs: 'no SQS queue between classifier and rules engine: one function does both',
  s3_access_logging: 'the buckets here log to no access-logging bucket',
  cloudwatch_monitoring: "alarms are each cluster's modules.cloudwatch_monitoring",
};

/** The schema fragments global.json takes for StreamAlert 3 (merged into schemas.ts). */
export const v3GlobalSchema = {
  general: anyObject(
    'StreamAlert 3\'s: accepted, unused (rules are read from the rules folder, no Python libraries), except `streamalert_generation`: the StreamAlert generation ("1.5", "1.6-2.x", "3.x") whose classification the conf follows',
  ),
  terraformKeys: {
    bucket_name: {
      ...s3BucketName,
      description:
        "StreamAlert 3's name of the state bucket; it is created here only when it is the default `<prefix>-streamalert-terraform-state`",
    },
    state_key_name: {
      type: 'string',
      maxLength: S3_KEY_FOLDER_MAX,
      pattern: "^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$",
      'x-message': 'must be an S3 key such as "streamalert_state/terraform.tfstate"',
      description: "StreamAlert 3's state key: its folder becomes the key prefix",
    },
  },
  infrastructure: Object.fromEntries(
    Object.entries(V3_INFRASTRUCTURE_NOTES).map(([key, note]) => [
      key,
      anyObject(`StreamAlert 3's: accepted; ${note}`),
    ]),
  ),
};

const processorV3 = (): Record<string, Schema> => ({
  timeout: { type: 'integer', minimum: LAMBDA_TIMEOUT.min, maximum: LAMBDA_TIMEOUT.max },
  memory: { type: 'integer', minimum: LAMBDA_MEMORY.min, maximum: LAMBDA_MEMORY.max },
  // Python's level names, as StreamAlert 3 took them.
  log_level: {
    type: 'string',
    enum: ['debug', 'info', 'warn', 'warning', 'error', 'critical'],
  },
  log_retention_days: { type: 'integer', enum: [...LOG_RETENTION_DAYS] },
  concurrency_limit: { type: 'integer', minimum: 0 },
  enable_custom_metrics: { type: 'boolean' },
  // The function's AWS/Lambda errors and throttles alarms (this project's `lambda_alarms`).
  metric_alarms: lambdaAlarmsSchema,
  // Empty lists: no VPC, as StreamAlert 3 ships it.
  vpc_config: {
    type: 'object',
    additionalProperties: false,
    properties: {
      subnet_ids: stringList(
        '^subnet-[0-9a-f]{8,17}$',
        'must be a subnet id such as "subnet-0123abcd"',
      ),
      security_group_ids: stringList(
        '^sg-[0-9a-f]{8,17}$',
        'must be a security group id such as "sg-0123abcd"',
      ),
    },
  },
});

/** A cluster file's `classifier_config` (StreamAlert 3): the rule processor's settings. */
export const classifierConfigSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  description:
    "StreamAlert 3's rule processor settings (instead of `modules.stream_alert`); the alert processor's come from lambda.json `alert_processor_config`",
  properties: {
    ...processorV3(),
    inputs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        'aws-sns': stringList(
          '^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$',
          'must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:topic"',
        ),
      },
    },
  },
};

/** conf/lambda.json as StreamAlert 3 writes it: one `<function>_config` object per function. */
export const lambdaSchema: Schema = {
  $id: 'lambda.json',
  type: 'object',
  propertyNames: {
    pattern: '^[a-z0-9_]+_config$',
    'x-message': 'must be a function setting such as "alert_processor_config"',
  },
  additionalProperties: { type: 'object' },
  properties: {
    alert_processor_config: {
      type: 'object',
      additionalProperties: false,
      properties: processorV3(),
    },
  },
};

/** lambda.json keys besides alert_processor_config, with what becomes of each here. */
const LAMBDA_NOTES: Record<string, string> = {
  rules_engine_config:
    "no rules engine function: the rules run in each cluster's rule processor, sized by its classifier_config",
  classifier_config:
    "the classifier is each cluster's rule processor, sized by its classifier_config",
  alert_merger_config:
    'the alert merger is set up per rule (merge_by_keys, merge_window_mins), its function sized by the module',
  athena_partitioner_config: 'no Athena partitioner',
  rule_promotion_config: 'promotion is a pull request (docs/operations.md), not a function',
  threat_intel_downloader_config:
    'no threat intel downloader: the managed feeds are pulled by the threat-intel collector (docs/threat-intel.md)',
};

/* The functions below run on documents the schemas accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

const isEmpty = (v: unknown) =>
  v === undefined || (typeof v === 'object' && v !== null && Object.keys(v as object).length === 0);

/** The Python level names StreamAlert 3 took, as ours. */
export function v3LogLevel(level: string | undefined): string | undefined {
  if (level === 'warning') return 'warn';
  if (level === 'critical') return 'error';
  return level;
}

/** Notes on one function's StreamAlert 3 settings (classifier_config, alert_processor_config). */
function processorNotes(d: any, file: string, at: string, fn: string): ConfigNote[] {
  const notes: ConfigNote[] = [];
  const note = (key: string, text: string) =>
    notes.push({ file, pointer: `${at}/${key}`, note: text });
  if (d.enable_custom_metrics === true)
    note(
      'enable_custom_metrics',
      `on: the ${fn} publishes this project's metric names (docs/configuration.md#metrics-and-metric-alarms)`,
    );
  if (d.log_level === 'warning' || d.log_level === 'critical')
    note('log_level', `"${d.log_level}" is read as "${v3LogLevel(d.log_level)}"`);
  const vpc = d.vpc_config;
  if (fn === 'rule processor' && vpc && (vpc.subnet_ids?.length || vpc.security_group_ids?.length))
    note('vpc_config', 'the rule processor does not run in a VPC here');
  return notes;
}

/** Notes on a StreamAlert 3 cluster file's keys. */
export function clusterNotes(d: any, file: string): ConfigNote[] {
  const notes: ConfigNote[] = [];
  if (d.classifier_config)
    notes.push(
      ...processorNotes(d.classifier_config, file, '/classifier_config', 'rule processor'),
    );
  const streams = d.modules?.kinesis?.streams;
  if (streams && streams.stream_name === undefined)
    notes.push({
      file,
      pointer: '/modules/kinesis/streams',
      note: "no stream_name: the stream is <prefix>_<cluster>_stream_alert_kinesis, not StreamAlert 3's <prefix>_<cluster>_streamalert (name it in stream_name to keep the deployed one)",
    });
  const cw = d.modules?.cloudwatch_monitoring;
  for (const key of ['kinesis_alarms_enabled', 'lambda_alarms_enabled'] as const)
    if (cw && cw[key] === false && cw.enabled)
      notes.push({
        file,
        pointer: `/modules/cloudwatch_monitoring/${key}`,
        note: 'false, but the cloudwatch_monitoring module makes its Lambda and Kinesis alarms together',
      });
  if (cw?.settings !== undefined)
    notes.push({
      file,
      pointer: '/modules/cloudwatch_monitoring/settings',
      note: "the alarms' thresholds are the module's",
    });
  return notes;
}

/**
 * Notes on a cluster file's keys of StreamAlert 3 that any cluster file may carry (not only
 * one with classifier_config): `modules.kinesis.firehose.enabled_logs`.
 */
export function firehoseNotes(d: any, file: string): ConfigNote[] {
  const firehose = d?.modules?.kinesis?.firehose;
  const logs = firehose?.enabled_logs;
  // Switched off, nothing is kept in either project: nothing differs.
  if (!firehose?.enabled || !logs || Object.keys(logs).length === 0) return [];
  const alarms = Object.values(logs as Record<string, any>).some((l) => l?.enable_alarm === true);
  const alarmNote =
    '; no per-log record-count alarm from it (source_health alarms when a log type falls silent: docs/source-health.md)';
  return [
    {
      file,
      pointer: '/modules/kinesis/firehose/enabled_logs',
      note: `the Firehose keeps every record of the stream, raw, in the data bucket, whatever log types this lists: no per-log delivery stream or Athena table${alarms ? alarmNote : ''}`,
    },
  ];
}

/** Notes on a StreamAlert 3 global.json's keys. */
export function globalNotes(d: any, file: string): ConfigNote[] {
  const notes: ConfigNote[] = [];
  // streamalert_generation is this project's own key (src/config/processors/generation.ts).
  const general = d.general && typeof d.general === 'object' ? Object.keys(d.general) : [];
  if (general.some((k) => k !== 'streamalert_generation'))
    notes.push({
      file,
      pointer: '/general',
      note: 'rules are the rules folder (TypeScript, JavaScript, Sigma); no Python libraries or publishers',
    });
  for (const [key, note] of Object.entries(V3_INFRASTRUCTURE_NOTES))
    if (d.infrastructure?.[key] !== undefined && !isDisabled(d.infrastructure[key]))
      notes.push({ file, pointer: `/infrastructure/${key}`, note });
  return notes;
}

/** `{"enabled": false}`: switched off, so nothing differs. */
const isDisabled = (v: any) => v && typeof v === 'object' && v.enabled === false;

/** Notes on lambda.json (read for a conf with StreamAlert 3 cluster files). */
export function lambdaNotes(d: any, file: string): ConfigNote[] {
  const notes: ConfigNote[] = [];
  for (const [key, value] of Object.entries(d as Record<string, any>)) {
    const pointer = `/${escapePointerToken(key)}`;
    if (key === 'alert_processor_config') {
      notes.push(...processorNotes(value, file, pointer, 'alert processor'));
      continue;
    }
    if (isEmpty(value) || isDisabled(value)) continue;
    notes.push({ file, pointer, note: LAMBDA_NOTES[key] ?? 'no such function here' });
  }
  return notes;
}

/**
 * The raw `modules.stream_alert` a StreamAlert 3 cluster stands for: the rule processor
 * from `classifier_config`, the alert processor from lambda.json. It is then validated (and
 * its defaults filled) by the stream_alert module's own schema.
 */
export function v3StreamAlertModule(classifier: any, alertProcessor: any): any {
  const fn = (d: any, defaults: { memory: number; timeout: number }) => ({
    timeout: d?.timeout ?? defaults.timeout,
    memory: d?.memory ?? defaults.memory,
    ...(d?.log_level ? { log_level: v3LogLevel(d.log_level) } : {}),
    ...(d?.enable_custom_metrics !== undefined ? { enable_metrics: d.enable_custom_metrics } : {}),
    ...(d?.log_retention_days !== undefined ? { log_retention_days: d.log_retention_days } : {}),
    ...(d?.concurrency_limit !== undefined ? { concurrency_limit: d.concurrency_limit } : {}),
    ...(d?.metric_alarms !== undefined ? { lambda_alarms: d.metric_alarms } : {}),
  });
  const vpc = alertProcessor?.vpc_config;
  return {
    rule_processor: {
      ...fn(classifier, { memory: 128, timeout: 60 }),
      ...(classifier?.inputs?.['aws-sns']?.length
        ? { inputs: { 'aws-sns': classifier.inputs['aws-sns'] } }
        : {}),
    },
    alert_processor: {
      ...fn(alertProcessor, { memory: 128, timeout: 60 }),
      ...(vpc?.subnet_ids?.length || vpc?.security_group_ids?.length
        ? {
            vpc_config: {
              subnet_ids: vpc.subnet_ids ?? [],
              security_group_ids: vpc.security_group_ids ?? [],
            },
          }
        : {}),
    },
  };
}

/**
 * Before a StreamAlert 3 cluster file is validated: its `cloudtrail` module is on unless it
 * says `"enabled": false` (StreamAlert 3's default), and with false StreamAlert 3 made
 * nothing of it, so it is dropped (this project's `enabled` is the trail's logging switch).
 */
export function v3ModuleDefaults(d: any): void {
  const modules = d?.modules;
  const ct = modules?.cloudtrail;
  if (!ct || typeof ct !== 'object' || Array.isArray(ct)) return;
  if (ct.enabled === false) delete modules.cloudtrail;
  else if (ct.enabled === undefined) ct.enabled = true;
}

/**
 * Notes on a cluster file's StreamAlert 3 `cloudtrail` and `cloudwatch_events` keys that any
 * cluster file may carry; `region` is the cluster's. The notes on what a StreamAlert 3
 * cluster file's cloudtrail module makes differently are for such files only.
 */
export function cloudtrailNotes(d: any, file: string, region: string): ConfigNote[] {
  const notes: ConfigNote[] = [];
  const note = (pointer: string, text: string) => notes.push({ file, pointer, note: text });
  const ct = d?.modules?.cloudtrail;
  const events = d?.modules?.cloudwatch_events;
  const eventsOn = events && events.enabled !== false;
  if (ct) {
    const v3 = 'classifier_config' in d;
    if (v3 && !eventsOn)
      note(
        '/modules/cloudtrail',
        `the module also sends this account's CloudWatch Events (${ct.event_pattern ? 'its event_pattern' : '{"account": ["<aws_account_id>"]}'}) to the cluster's stream through a rule, as StreamAlert 2's did; StreamAlert 3's sent nothing there without cloudwatch_events`,
      );
    if (v3 && !ct.existing_trail && !ct.s3_settings?.bucket_name && !ct.s3_bucket_name)
      note(
        '/modules/cloudtrail',
        "no s3_settings.bucket_name: the trail is <prefix>.<cluster>.streamalert.cloudtrail and its bucket <prefix>.<cluster with . for _>.streamalert.cloudtrail, not StreamAlert 3's <prefix>-<cluster>-streamalert-cloudtrail (name it in s3_settings.bucket_name to keep the deployed ones)",
      );
    const s3Events = ct.s3_settings?.enable_events ?? ct.enable_s3_events;
    if (s3Events === true)
      note(
        ct.s3_settings?.enable_events !== undefined
          ? '/modules/cloudtrail/s3_settings/enable_events'
          : '/modules/cloudtrail/enable_s3_events',
        "no S3 notifications of the trail's log files (nor ignore_digest): this account's events reach the stream through the CloudWatch Events rule, as cloudwatch:events records rather than cloudtrail:events; other accounts' log files stay in the bucket unread unless the bucket is listed under modules.s3_events",
      );
    if (ct.send_to_cloudwatch === true)
      note(
        '/modules/cloudtrail/send_to_cloudwatch',
        "no CloudWatch Logs group or destination (nor cloudwatch_destination_arn, exclude_home_region_events, retention_in_days): the events reach the stream through the CloudWatch Events rule, as cloudwatch:events records rather than cloudwatch:cloudtrail, and only those of the cluster's region (rules are regional)",
      );
    if (ct.send_to_sns === true)
      note(
        '/modules/cloudtrail/send_to_sns',
        'no SNS topic of new log files (nor allow_cross_account_sns): subscribe to the bucket with modules.s3_events or your own notification',
      );
  }
  if (eventsOn && events.cross_account) {
    const elsewhere: string[] = [];
    for (const scope of ['accounts', 'organizations'] as const)
      for (const [id, regions] of Object.entries(
        (events.cross_account[scope] ?? {}) as Record<string, string[]>,
      )) {
        const other = regions.filter((r) => r !== region);
        if (other.length > 0) elsewhere.push(`${id} in ${other.join(', ')}`);
      }
    if (elsewhere.length > 0)
      note(
        '/modules/cloudwatch_events/cross_account',
        `only the event bus of the cluster's region (${region}) is opened here, where the rule is; not: ${elsewhere.join('; ')}`,
      );
  }
  return notes;
}
