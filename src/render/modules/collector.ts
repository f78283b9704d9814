/**
 * The `collector` module, once per collector of the cluster file's `modules.collectors`: its
 * function reads the collector zip the build writes next to the processors' zips, and its
 * alarms go to the region's monitoring topic when the cluster's alarms do
 * (`cloudwatch_monitoring`).
 */
import { collectorsConfig } from '../../config/modules/collectors.js';
import {
  assertIdentifier,
  type ClusterModuleDescriptor,
  monitoringTopicArn,
} from './descriptor.js';

export const collector: ClusterModuleDescriptor = {
  module: 'collector',
  configKey: collectorsConfig.configKey,
  enabled: (c) => c.modules.collectors.length > 0,
  context: ({ config, cluster }) => {
    const alarms = cluster.modules.cloudwatchMonitoring?.enabled
      ? [monitoringTopicArn(config, cluster.region)]
      : [];
    return {
      collectors: cluster.modules.collectors.map((c) => ({
        ...c,
        block: assertIdentifier(`collector_${c.name}`),
        // Keys and values apart: two lists render as one escaped line (zipmap) in any order.
        settingKeys: Object.keys(c.settings).sort(),
        settingValues: Object.keys(c.settings)
          .sort()
          .map((k) => c.settings[k] ?? ''),
        alarmActions: alarms,
        // A StreamAlert app's: its credential as the app stored it, its log retention.
        streamalertApp: c.credentialFormat === 'streamalert_app',
        hasLogRetention: c.logRetentionDays !== undefined,
      })),
    };
  },
};
