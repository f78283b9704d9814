/**
 * The typed configuration every other part of the engine consumes. It is produced once,
 * by `loadConfig`, after schema validation and defaults; nothing downstream reads JSON.
 */
import type { OutputsConfig, ProcessorsConfig } from '../processors/config/types.js';
import type { MetricFunction } from './metrics.js';
import type { CloudTrailModule } from './modules/cloudtrail.js';
import type { CloudwatchMonitoringModule } from './modules/cloudwatch-monitoring.js';
import type { FlowLogsModule } from './modules/flow-logs.js';
import type { KinesisEventsModule } from './modules/kinesis-events.js';
import type { KinesisModule } from './modules/kinesis.js';
import type { S3EventsSource } from './modules/s3-events.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface GlobalConfig {
  account: {
    awsAccountId: string;
    prefix: string;
    region: string;
    kmsKeyAlias: string;
  };
  terraform: {
    tfstateBucket: string;
    /** Folder inside the state bucket; each root gets `<prefix>/<root>/terraform.tfstate`. */
    tfstateKeyPrefix: string;
    /**
     * Whether the global root manages the state bucket (creating it on the first deployment);
     * false uses an existing bucket and never touches it.
     */
    createStateBucket: boolean;
  };
  /** Findings waived in global.json `findings.waivers` (id + resource address, with a reason). */
  findings: { waivers: { id: string; address: string; reason: string }[] };
  monitoring: {
    createSnsTopic: boolean;
    snsTopicName: string;
    /** Aggregate alarms (global.json `infrastructure.monitoring.metric_alarms`), per function. */
    metricAlarms: Record<MetricFunction, MetricAlarm[]>;
  };
}

/** A CloudWatch alarm on one StreamAlert custom metric (namespace `StreamAlert`). */
export interface MetricAlarm {
  /** The alarm name: the key in `metric_alarms`. */
  name: string;
  description: string;
  comparisonOperator: string;
  evaluationPeriods: number;
  /** Full CloudWatch metric name, e.g. `RuleProcessor-FailedParses-PROD` or `RuleProcessor-FailedParses`. */
  metricName: string;
  /** Seconds. */
  period: number;
  statistic: string;
  threshold: number;
}

export interface ProcessorSettings {
  timeout: number;
  memory: number;
  /** `$LATEST` or a published version number, as a string. */
  currentVersion: string;
  logLevel: LogLevel;
  enableMetrics: boolean;
  /** Alarms on this cluster's metrics of the function, in file order. */
  metricAlarms: MetricAlarm[];
}

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

export type {
  CloudTrailModule,
  CloudwatchMonitoringModule,
  FlowLogsModule,
  KinesisEventsModule,
  KinesisModule,
  S3EventsSource,
};

export interface ClusterConfig {
  /** Cluster name: the file name without `.json`, equal to its `id`. */
  id: string;
  /** Path of the cluster file as the user named it (used in messages). */
  file: string;
  region: string;
  /** The traffic the cost estimate assumes (cluster file `traffic`, defaults filled in). */
  traffic: { eventsPerSecond: number; averageEventBytes: number };
  modules: {
    streamAlert: StreamAlertModule;
    cloudwatchMonitoring: CloudwatchMonitoringModule | null;
    kinesis: KinesisModule | null;
    kinesisEvents: KinesisEventsModule | null;
    cloudtrail: CloudTrailModule | null;
    flowLogs: FlowLogsModule | null;
    s3Events: S3EventsSource[];
  };
  /** Cluster outputs: configuration module key -> output names, as in the seed. */
  outputs: Record<string, string[]>;
}

export interface Config {
  configDir: string;
  global: GlobalConfig;
  clusters: ClusterConfig[];
  /** conf/outputs.json (empty when absent): the alert processor's IAM grants are rendered from it. */
  alertOutputs: OutputsConfig;
  /** conf/logs.json, sources.json, outputs.json and types.json, validated with the rest. */
  processors: ProcessorsConfig;
  /** Entries of conf/ this project does not read (StreamAlert's lambda.json...), for a notice. */
  unusedFiles: string[];
}
