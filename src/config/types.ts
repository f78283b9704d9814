/**
 * The typed configuration every other part of the engine consumes. It is produced once,
 * by `loadConfig`, after schema validation and defaults; nothing downstream reads JSON.
 */
import type { SourceHealth } from './source-health.js';
import type { OutputsConfig, ProcessorsConfig } from '../processors/config/types.js';
import type { MetricAlarm } from './metric-alarms.js';
import type { ConfigNote } from './notices.js';
import type { MetricFunction } from './metrics.js';
import type { ClusterModules } from './modules/all.js';
import type { CloudTrailModule } from './modules/cloudtrail.js';
import type { CloudwatchMonitoringModule } from './modules/cloudwatch-monitoring.js';
import type { FlowLogsModule } from './modules/flow-logs.js';
import type { KinesisEventsModule } from './modules/kinesis-events.js';
import type { KinesisModule } from './modules/kinesis.js';
import type { S3EventsSource } from './modules/s3-events.js';
import type { LogLevel, ProcessorSettings, StreamAlertModule } from './modules/stream-alert.js';

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
    /** The role applies run as: the detection bundle's only writer when set. */
    applyRoleArn?: string;
  };
  /** Findings waived in global.json `findings.waivers` (id + resource address, with a reason). */
  findings: { waivers: { id: string; address: string; reason: string }[] };
  monitoring: {
    createSnsTopic: boolean;
    snsTopicName: string;
    /** Aggregate alarms (global.json `infrastructure.monitoring.metric_alarms`), per function. */
    metricAlarms: Record<MetricFunction, MetricAlarm[]>;
    /** Source-health defaults of every cluster (`infrastructure.monitoring.source_health`). */
    sourceHealth: SourceHealth;
  };
}

// Each module's typed form is written in its descriptor (src/config/modules); the rest of
// the engine imports the configuration's types from here.
export type {
  CloudTrailModule,
  CloudwatchMonitoringModule,
  FlowLogsModule,
  KinesisEventsModule,
  KinesisModule,
  LogLevel,
  MetricAlarm,
  ProcessorSettings,
  S3EventsSource,
  StreamAlertModule,
};

export interface ClusterConfig {
  /** Cluster name: the file name without `.json`, equal to its `id`. */
  id: string;
  /** Path of the cluster file as the user named it (used in messages). */
  file: string;
  region: string;
  /** The traffic the cost estimate assumes (cluster file `traffic`, defaults filled in). */
  traffic: { eventsPerSecond: number; averageEventBytes: number };
  /** One field per module (src/config/modules/all.ts), holding its typed form. */
  modules: ClusterModules;
  /** Cluster outputs: configuration module key -> output names, as in the seed. */
  outputs: Record<string, string[]>;
  /** Source health of this cluster: global.json's defaults with the cluster file's overrides. */
  sourceHealth: SourceHealth;
}

export interface Config {
  configDir: string;
  global: GlobalConfig;
  clusters: ClusterConfig[];
  /** conf/outputs.json (empty when absent): the alert processor's IAM grants are rendered from it. */
  alertOutputs: OutputsConfig;
  /** conf/logs.json, sources.json, outputs.json and types.json, validated with the rest. */
  processors: ProcessorsConfig;
  /** StreamAlert keys accepted but acting differently here, for the one notice (notices.ts). */
  notes: ConfigNote[];
  /** Entries of conf/ this project does not read (StreamAlert's threat_intel.json...), for the notice. */
  unusedFiles: string[];
}
