/**
 * The cluster modules whose configuration is a descriptor (see descriptor.ts), in the order
 * of the cluster file's `modules` keys. stream_alert is still written out in schemas.ts,
 * load.ts and module-outputs.ts.
 */
import { cloudtrailConfig } from './cloudtrail.js';
import { cloudwatchMonitoringConfig } from './cloudwatch-monitoring.js';
import type { ConfigModuleDescriptor } from './descriptor.js';
import { flowLogsConfig } from './flow-logs.js';
import { kinesisEventsConfig } from './kinesis-events.js';
import { kinesisConfig } from './kinesis.js';
import { s3EventsConfig } from './s3-events.js';

export const CONFIG_MODULES: readonly ConfigModuleDescriptor<unknown>[] = [
  cloudwatchMonitoringConfig,
  kinesisConfig,
  kinesisEventsConfig,
  cloudtrailConfig,
  flowLogsConfig,
  s3EventsConfig,
];
