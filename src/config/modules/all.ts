/**
 * Every cluster module's configuration descriptor (see descriptor.ts), in the order of the
 * cluster file's `modules` keys (and of the docs tables).
 */
import { cloudtrailConfig } from './cloudtrail.js';
import { cloudwatchMonitoringConfig } from './cloudwatch-monitoring.js';
import type { ConfigModuleDescriptor } from './descriptor.js';
import { flowLogsConfig } from './flow-logs.js';
import { kinesisEventsConfig } from './kinesis-events.js';
import { kinesisConfig } from './kinesis.js';
import { s3EventsConfig } from './s3-events.js';
import { streamAlertConfig } from './stream-alert.js';

export const CONFIG_MODULES: readonly ConfigModuleDescriptor<unknown>[] = [
  streamAlertConfig,
  cloudwatchMonitoringConfig,
  kinesisConfig,
  kinesisEventsConfig,
  cloudtrailConfig,
  flowLogsConfig,
  s3EventsConfig,
];
