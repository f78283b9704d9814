/**
 * `modules.cloudwatch_monitoring` of a cluster file: the cluster's alarms, notifying the
 * monitoring topic. Its rendering half is src/render/modules/cloudwatch-monitoring.ts.
 */
import { type ConfigModuleDescriptor, switchedBlock } from './descriptor.js';

export interface CloudwatchMonitoringModule {
  enabled: boolean;
}

export const cloudwatchMonitoringConfig: ConfigModuleDescriptor<
  'cloudwatchMonitoring',
  CloudwatchMonitoringModule | null
> = {
  configKey: 'cloudwatch_monitoring',
  field: 'cloudwatchMonitoring',
  schema: switchedBlock(
    'alarms (Lambda errors, throttles and iterator age; Kinesis iterator age and write throttles; Firehose freshness) notifying the monitoring topic',
  ),
  load: (raw) => (raw ? { enabled: raw.enabled } : null),
};
