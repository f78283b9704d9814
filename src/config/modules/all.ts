/**
 * The cluster modules whose configuration is a descriptor (see descriptor.ts). The other
 * module keys (stream_alert, kinesis, kinesis_events, cloudwatch_monitoring, cloudtrail,
 * s3_events) are still written out in schemas.ts, load.ts and module-outputs.ts.
 */
import type { ConfigModuleDescriptor } from './descriptor.js';
import { flowLogsConfig } from './flow-logs.js';

export const CONFIG_MODULES: readonly ConfigModuleDescriptor<unknown>[] = [flowLogsConfig];
