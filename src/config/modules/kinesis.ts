/**
 * `modules.kinesis` of a cluster file: the cluster's Kinesis stream (with its optional
 * writer IAM user) and, under `firehose`, its copy into the data bucket. Its rendering
 * halves are src/render/modules/kinesis-streams.ts and kinesis-firehose.ts.
 */
import { KINESIS_RETENTION_HOURS, KINESIS_SHARD_LEVEL_METRICS } from '../aws-limits.js';
import {
  plainOutput,
  stringList,
  type ConfigModuleDescriptor,
  switchedBlock,
} from './descriptor.js';

/** The kinesis_streams module's outputs StreamAlert 3's `terraform_outputs` may name. */
export const KINESIS_STREAMS_OUTPUTS = [
  'arn',
  'stream_name',
  'username',
  'user_arn',
  'access_key_id',
  'secret_key',
  'role_arn',
] as const;

export interface KinesisModule {
  streams: {
    /** The stream's name: StreamAlert 3's `stream_name`, else `<prefix>_<cluster>_stream_alert_kinesis`. */
    name: string;
    /** Whether `name` was given (rendered only then, so other roots stay as they were). */
    customName: boolean;
    shards: number;
    retention: number;
    shardLevelMetrics: string[];
    createUser: boolean;
    /** Accounts whose principals may assume the writer role (StreamAlert 3). */
    trustedAccounts: string[];
  };
  firehose: {
    enabled: boolean;
    s3BucketSuffix: string;
    bufferSize: number;
    bufferInterval: number;
    compressionFormat: string;
  };
}

/** The stream's name when the cluster file names none (modules/kinesis_streams). */
export const defaultStreamName = (prefix: string, clusterId: string): string =>
  `${prefix}_${clusterId}_stream_alert_kinesis`;

export const kinesisConfig: ConfigModuleDescriptor<'kinesis', KinesisModule | null> = {
  configKey: 'kinesis',
  field: 'kinesis',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['streams'],
    properties: {
      streams: {
        type: 'object',
        additionalProperties: false,
        required: ['shards', 'retention'],
        properties: {
          shards: { type: 'integer', minimum: 1, maximum: 10000 },
          retention: {
            type: 'integer',
            minimum: KINESIS_RETENTION_HOURS.min,
            maximum: KINESIS_RETENTION_HOURS.max,
            description: 'hours',
          },
          shard_level_metrics: {
            type: 'array',
            items: { type: 'string', enum: [...KINESIS_SHARD_LEVEL_METRICS] },
            uniqueItems: true,
            default: [],
          },
          create_user: {
            type: 'boolean',
            default: true,
            description: "the stream's writer IAM user and access key",
          },
          stream_name: {
            type: 'string',
            pattern: '^[a-zA-Z0-9_.-]{1,128}$',
            'x-message': "must be a Kinesis stream name: 1-128 letters, digits, '_', '.' or '-'",
            'x-default': '`"<prefix>_<cluster>_stream_alert_kinesis"`',
            description:
              "the stream's name (StreamAlert 3's key; renaming a deployed stream replaces it, and its records are lost)",
          },
          trusted_accounts: {
            ...stringList('^\\d{12}$', 'must be a 12-digit AWS account id such as "444455556666"'),
            description:
              "AWS accounts that write to the stream through the role `<prefix>_<cluster>_streamalert_role` (StreamAlert 3's): each account's root may assume it, the role may only write to the stream",
          },
          terraform_outputs: {
            type: 'array',
            items: { type: 'string', enum: [...KINESIS_STREAMS_OUTPUTS] },
            uniqueItems: true,
            default: [],
            description:
              "StreamAlert 3's form of `outputs.kinesis`: these become root outputs `kinesis_<cluster>_<name>` too",
          },
        },
      },
      firehose: switchedBlock(
        'Firehose from the stream into the data bucket; honoured (StreamAlert 1.5 ignored it)',
        {
          s3_bucket_suffix: {
            type: 'string',
            pattern: '^(?!.*\\.\\.)[a-z0-9][a-z0-9.-]*[a-z0-9]$',
            default: 'streamalert.results',
            'x-message':
              'must be lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without ".." (it ends the bucket name)',
            description:
              'the data bucket is `<prefix>.<cluster>.<s3_bucket_suffix>` (the cluster id with `.` for `_`)',
          },
          buffer_size: {
            type: 'integer',
            minimum: 1,
            maximum: 128,
            default: 64,
            description: 'MB',
          },
          buffer_interval: {
            type: 'integer',
            minimum: 60,
            maximum: 900,
            default: 300,
            description: 'seconds',
          },
          compression_format: {
            type: 'string',
            enum: ['UNCOMPRESSED', 'GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'],
            default: 'GZIP',
          },
          enabled_logs: {
            type: 'object',
            description:
              "StreamAlert 3's log types kept for historical search, each with its settings: accepted and named in the notice; the Firehose keeps every record of the stream, raw, whatever it lists",
            propertyNames: {
              pattern: '^[A-Za-z0-9_.:-]{1,128}$',
              'x-message': 'must be a log type such as "cloudtrail" or "osquery:differential"',
            },
            additionalProperties: {
              type: 'object',
              additionalProperties: false,
              properties: {
                enable_alarm: { type: 'boolean' },
                log_min_count_threshold: { type: 'integer', minimum: 0 },
                evaluation_periods: { type: 'integer', minimum: 1 },
                period_seconds: { type: 'integer', minimum: 10 },
                alarm_actions: {
                  anyOf: [
                    { type: 'string', minLength: 1 },
                    { type: 'array', items: { type: 'string', minLength: 1 } },
                  ],
                },
              },
            },
          },
        },
      ),
    },
  },
  isOn: (m) => m !== null,
  load: (raw, ctx) =>
    raw
      ? {
          streams: {
            name: raw.streams.stream_name ?? defaultStreamName(ctx.prefix, ctx.clusterId),
            customName: raw.streams.stream_name !== undefined,
            shards: raw.streams.shards,
            retention: raw.streams.retention,
            shardLevelMetrics: raw.streams.shard_level_metrics,
            createUser: raw.streams.create_user,
            trustedAccounts: raw.streams.trusted_accounts,
          },
          // Without `firehose` (the schema fills no defaults into an absent object) it is off.
          firehose: {
            enabled: raw.firehose?.enabled ?? false,
            s3BucketSuffix: raw.firehose?.s3_bucket_suffix ?? 'streamalert.results',
            bufferSize: raw.firehose?.buffer_size ?? 64,
            bufferInterval: raw.firehose?.buffer_interval ?? 300,
            compressionFormat: raw.firehose?.compression_format ?? 'GZIP',
          },
        }
      : null,
  // The stream's outputs, and the Firehose's, which exist only when it is enabled.
  outputs: {
    arn: plainOutput('kinesis_streams'),
    stream_name: plainOutput('kinesis_streams'),
    username: plainOutput('kinesis_streams'),
    user_arn: plainOutput('kinesis_streams'),
    access_key_id: plainOutput('kinesis_streams'),
    secret_key: { module: 'kinesis_streams', sensitive: true },
    role_arn: plainOutput('kinesis_streams'),
    delivery_stream_arn: plainOutput('kinesis_firehose', 'firehose'),
    delivery_stream_name: plainOutput('kinesis_firehose', 'firehose'),
    bucket_arn: plainOutput('kinesis_firehose', 'firehose'),
    bucket_name: plainOutput('kinesis_firehose', 'firehose'),
  },
};
