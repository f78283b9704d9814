/**
 * Every optional cluster module's descriptor (see descriptor.ts), in the order the cluster
 * root calls them. A new module is modules/<module>/, its descriptor, its template part
 * templates/modules/<module>.tf.hbs, and one line here (static imports for the bundle).
 */
import { cloudtrail } from './cloudtrail.js';
import { cloudwatchMonitoring } from './cloudwatch-monitoring.js';
import { collector } from './collector.js';
import type { ClusterModuleDescriptor } from './descriptor.js';
import { flowLogs } from './flow-logs.js';
import { kinesisEvents } from './kinesis-events.js';
import { kinesisFirehose } from './kinesis-firehose.js';
import { kinesisStreams } from './kinesis-streams.js';
import { s3Events } from './s3-events.js';
import { threatIntelFeeds } from './threat-intel-feeds.js';

export const CLUSTER_MODULES: readonly ClusterModuleDescriptor[] = [
  kinesisStreams,
  kinesisFirehose,
  kinesisEvents,
  cloudwatchMonitoring,
  cloudtrail,
  flowLogs,
  s3Events,
  collector,
  threatIntelFeeds,
];

/** The Handlebars partial name of a module's template part (templates.ts registers them). */
export function modulePartial(module: string): string {
  return `modules/${module}`;
}
