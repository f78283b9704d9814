/**
 * `modules.stream_alert` of a cluster file: the rule and alert processors, the core of
 * every cluster (the one module a cluster file must have). It has no rendering descriptor:
 * the cluster root always calls it (templates/cluster.tf.hbs).
 */
import { sourceHealthSchema } from '../source-health.js';
import {
  LAMBDA_FUNCTION_MESSAGE,
  LAMBDA_FUNCTION_PATTERN,
  LAMBDA_MEMORY,
  LAMBDA_TIMEOUT,
  S3_BUCKET_NAME_MESSAGE,
  S3_BUCKET_NAME_PATTERN,
} from '../aws-limits.js';
import { clusterMetricAlarms, loadMetricAlarms, type MetricAlarm } from '../metric-alarms.js';
import { plainOutput, stringList, type ConfigModuleDescriptor, type Schema } from './descriptor.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface ProcessorSettings {
  timeout: number;
  memory: number;
  /** `$LATEST` or a published version number, as a string. */
  currentVersion: string;
  logLevel: LogLevel;
  enableMetrics: boolean;
  /** Alarms on this cluster's metrics of the function, in file order. */
  metricAlarms: MetricAlarm[];
  /** Days its log group keeps; null: the module's default (60). */
  logRetentionDays: number | null;
  /** Reserved concurrency; null: none reserved. */
  concurrencyLimit: number | null;
  /** AWS/Lambda Errors and Throttles alarms of the function (StreamAlert 3's metric_alarms). */
  lambdaAlarms: LambdaAlarm[];
}

export interface LambdaAlarm {
  metric: 'Errors' | 'Throttles';
  threshold: number;
  evaluationPeriods: number;
  periodSecs: number;
}

/** CloudWatch Logs' retention values, in days (0: never expire). */
export const LOG_RETENTION_DAYS = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
  3288, 3653,
] as const;

/** One `errors` or `throttles` alarm as StreamAlert 3's function settings write it. */
const lambdaAlarmSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', default: true },
    threshold: { type: 'number', minimum: 0, default: 0 },
    evaluation_periods: { type: 'integer', minimum: 1, maximum: 1440, default: 1 },
    period_secs: {
      type: 'integer',
      enum: [10, 20, 30, ...Array.from({ length: 1440 }, (_, i) => (i + 1) * 60)],
      default: 120,
      'x-message': 'must be 10, 20, 30 or a multiple of 60 seconds up to 86400',
    },
  },
};

/** A function's Lambda alarms: StreamAlert 3's `metric_alarms` of a function. */
export const lambdaAlarmsSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  description:
    "alarms on the function's AWS/Lambda `errors` and `throttles` (Sum over `period_secs` above `threshold` for `evaluation_periods`), notifying the monitoring topic",
  properties: { errors: lambdaAlarmSchema, throttles: lambdaAlarmSchema },
};

export interface StreamAlertModule {
  ruleProcessor: ProcessorSettings & {
    inputSnsTopics: string[];
    /** Ceiling on the bytes one record may decompress to (MAX_DECOMPRESSED_BYTES). */
    maxDecompressedBytes: number;
    /** Retention of the cluster's dead-letter queue, in seconds. */
    deadLetterRetentionSeconds: number;
  };
  alertProcessor: ProcessorSettings & {
    outputS3Buckets: string[];
    outputLambdaFunctions: string[];
    vpc: { subnetIds: string[]; securityGroupIds: string[] } | null;
  };
}

const snsTopicArn = '^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}$';

/** The keys both processors share. */
const processorBase = (): Record<string, Schema> => ({
  timeout: {
    type: 'integer',
    minimum: LAMBDA_TIMEOUT.min,
    maximum: LAMBDA_TIMEOUT.max,
    description: 'seconds',
  },
  memory: {
    type: 'integer',
    minimum: LAMBDA_MEMORY.min,
    maximum: LAMBDA_MEMORY.max,
    description: 'MB',
  },
  current_version: {
    type: ['string', 'integer'],
    pattern: '^(\\$LATEST|[1-9][0-9]*)$',
    minimum: 1,
    default: '$LATEST',
    'x-message': 'must be "$LATEST" or a published version number',
    description: 'the version the `production` alias points at',
  },
  log_level: { type: 'string', enum: ['debug', 'info', 'warn', 'error'], default: 'info' },
  enable_metrics: {
    type: 'boolean',
    default: false,
    description: 'write metric log lines, which metric filters turn into CloudWatch metrics',
  },
  log_retention_days: {
    type: 'integer',
    enum: [...LOG_RETENTION_DAYS],
    'x-default': '60',
    description: "days the function's log group keeps (0: never expire)",
  },
  concurrency_limit: {
    type: 'integer',
    minimum: 0,
    description: "the function's reserved concurrency (none when left out)",
  },
  lambda_alarms: lambdaAlarmsSchema,
});

/** The enabled alarms of a `lambda_alarms` the schema accepted (defaults filled in). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadLambdaAlarms(d: any): LambdaAlarm[] {
  return (['errors', 'throttles'] as const)
    .filter((k) => d?.[k] && d[k].enabled !== false)
    .map((k) => ({
      metric: k === 'errors' ? 'Errors' : 'Throttles',
      threshold: d[k].threshold ?? 0,
      evaluationPeriods: d[k].evaluation_periods ?? 1,
      periodSecs: d[k].period_secs ?? 120,
    }));
}

/** The settings both processors share, from a value the schema accepted (defaults filled in). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function processor(d: any): ProcessorSettings {
  return {
    timeout: d.timeout,
    memory: d.memory,
    currentVersion: String(d.current_version),
    logLevel: d.log_level,
    enableMetrics: d.enable_metrics,
    metricAlarms: loadMetricAlarms(d.metric_alarms),
    logRetentionDays: d.log_retention_days ?? null,
    concurrencyLimit: d.concurrency_limit ?? null,
    lambdaAlarms: loadLambdaAlarms(d.lambda_alarms),
  };
}

export const streamAlertConfig: ConfigModuleDescriptor<'streamAlert', StreamAlertModule> = {
  configKey: 'stream_alert',
  field: 'streamAlert',
  required: true,
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['alert_processor', 'rule_processor'],
    properties: {
      alert_processor: {
        type: 'object',
        additionalProperties: false,
        required: ['timeout', 'memory'],
        properties: {
          ...processorBase(),
          metric_alarms: clusterMetricAlarms('alert_processor'),
          outputs: {
            type: 'object',
            additionalProperties: false,
            properties: {
              'aws-s3': {
                ...stringList(S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_MESSAGE),
                description: 'buckets the alert processor may write to',
              },
              'aws-lambda': {
                ...stringList(LAMBDA_FUNCTION_PATTERN, LAMBDA_FUNCTION_MESSAGE),
                description:
                  'functions (`name`, `name:qualifier` or ARN) the alert processor may invoke',
              },
            },
          },
          vpc_config: {
            type: 'object',
            additionalProperties: false,
            description: 'run the alert processor in a VPC',
            required: ['subnet_ids', 'security_group_ids'],
            properties: {
              subnet_ids: {
                ...stringList(
                  '^subnet-[0-9a-f]{8,17}$',
                  'must be a subnet id such as "subnet-0123abcd"',
                ),
                minItems: 1,
              },
              security_group_ids: {
                ...stringList(
                  '^sg-[0-9a-f]{8,17}$',
                  'must be a security group id such as "sg-0123abcd"',
                ),
                minItems: 1,
              },
            },
          },
        },
      },
      rule_processor: {
        type: 'object',
        additionalProperties: false,
        required: ['timeout', 'memory'],
        properties: {
          ...processorBase(),
          metric_alarms: clusterMetricAlarms('rule_processor'),
          source_health: sourceHealthSchema,
          // Bounded work per record: inflation stops here and the record is dead-lettered.
          // Default (when left out): 64 MiB or a quarter of the memory, whichever is smaller.
          max_decompressed_bytes: {
            type: 'integer',
            minimum: 1048576,
            maximum: 5368709120,
            'x-default': '64 MiB, or a quarter of `memory` when less',
            description:
              'bytes one record (a Kinesis record, one line of an S3 object) may decompress to; a record past it is dead-lettered',
          },
          dead_letter_queue: {
            type: 'object',
            additionalProperties: false,
            properties: {
              retention_seconds: {
                type: 'integer',
                minimum: 60,
                maximum: 1209600,
                default: 1209600,
                description: "how long the cluster's dead-letter queue keeps a message (14 days)",
              },
            },
          },
          inputs: {
            type: 'object',
            additionalProperties: false,
            properties: {
              'aws-sns': {
                ...stringList(
                  snsTopicArn,
                  'must be an SNS topic ARN such as "arn:aws:sns:us-east-1:123456789012:topic"',
                ),
                description: 'topic ARNs the rule processor subscribes to',
              },
            },
          },
        },
      },
    },
  },
  load: (sa) => ({
    ruleProcessor: {
      ...processor(sa.rule_processor),
      inputSnsTopics: sa.rule_processor.inputs?.['aws-sns'] ?? [],
      // 64 MiB, or a quarter of the memory when that is less: one record never exhausts the function.
      maxDecompressedBytes:
        sa.rule_processor.max_decompressed_bytes ??
        Math.min(64, Math.floor(sa.rule_processor.memory / 4)) * 1048576,
      deadLetterRetentionSeconds: sa.rule_processor.dead_letter_queue?.retention_seconds ?? 1209600,
    },
    alertProcessor: {
      ...processor(sa.alert_processor),
      outputS3Buckets: sa.alert_processor.outputs?.['aws-s3'] ?? [],
      outputLambdaFunctions: sa.alert_processor.outputs?.['aws-lambda'] ?? [],
      vpc: sa.alert_processor.vpc_config
        ? {
            subnetIds: sa.alert_processor.vpc_config.subnet_ids,
            securityGroupIds: sa.alert_processor.vpc_config.security_group_ids,
          }
        : null,
    },
  }),
  outputs: Object.fromEntries(
    [
      'rule_processor_function_name',
      'rule_processor_arn',
      'rule_processor_alias_arn',
      'rule_processor_role_name',
      'rule_processor_role_arn',
      'alert_processor_function_name',
      'alert_processor_arn',
      'alert_processor_alias_arn',
      'alert_processor_role_name',
      'alerts_topic_arn',
    ].map((name) => [name, plainOutput('stream_alert')]),
  ),
};
