/** The `cloudwatch_monitoring` module: the cluster's alarms, to its region's monitoring topic. */
import { cloudwatchMonitoringConfig } from '../../config/modules/cloudwatch-monitoring.js';
import { monitoringTopicArn, type ClusterModuleDescriptor } from './descriptor.js';

export const cloudwatchMonitoring: ClusterModuleDescriptor = {
  module: 'cloudwatch_monitoring',
  configKey: cloudwatchMonitoringConfig.configKey,
  enabled: (c) => c.modules.cloudwatchMonitoring?.enabled === true,
  context: ({ config, cluster }) => ({
    monitoring: cluster.modules.cloudwatchMonitoring?.enabled
      ? { topicArn: monitoringTopicArn(config, cluster.region) }
      : false,
  }),
};
