/**
 * `modules.kinesis` of a cluster file: the cluster's Kinesis stream (with its optional
 * writer IAM user) and, under `firehose`, its copy into the data bucket. Its rendering
 * halves are src/render/modules/kinesis-streams.ts and kinesis-firehose.ts.
 */
import { KINESIS_RETENTION_HOURS, KINESIS_SHARD_LEVEL_METRICS } from '../aws-limits.js';
import { plainOutput, type ConfigModuleDescriptor, switchedBlock } from './descriptor.js';

export interface KinesisModule {
  streams: { shards: number; retention: number; shardLevelMetrics: string[]; createUser: boolean };
  firehose: {
    enabled: boolean;
    s3BucketSuffix: string;
    bufferSize: number;
    bufferInterval: number;
    compressionFormat: string;
  };
}

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
        },
      ),
    },
  },
  isOn: (m) => m !== null,
  load: (raw) =>
    raw
      ? {
          streams: {
            shards: raw.streams.shards,
            retention: raw.streams.retention,
            shardLevelMetrics: raw.streams.shard_level_metrics,
            createUser: raw.streams.create_user,
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
    access_key_id: plainOutput('kinesis_streams'),
    secret_key: { module: 'kinesis_streams', sensitive: true },
    delivery_stream_arn: plainOutput('kinesis_firehose', 'firehose'),
    delivery_stream_name: plainOutput('kinesis_firehose', 'firehose'),
    bucket_arn: plainOutput('kinesis_firehose', 'firehose'),
    bucket_name: plainOutput('kinesis_firehose', 'firehose'),
  },
};
