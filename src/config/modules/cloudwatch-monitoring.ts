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
    {
      // StreamAlert 3's switches and thresholds: accepted and named in the notice (streamalert3.ts).
      kinesis_alarms_enabled: {
        type: 'boolean',
        description:
          "StreamAlert 3's: accepted; the module makes Lambda and Kinesis alarms together",
      },
      lambda_alarms_enabled: {
        type: 'boolean',
        description:
          "StreamAlert 3's: accepted; the module makes Lambda and Kinesis alarms together",
      },
      settings: {
        type: 'object',
        description: "StreamAlert 3's thresholds: accepted, the module's apply",
      },
    },
  ),
  load: (raw) => (raw ? { enabled: raw.enabled } : null),
};
