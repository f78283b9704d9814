/**
 * The `flow_logs` module: VPC flow logs of the cluster file's VPCs, subnets and ENIs, into a
 * log group whose subscription feeds the cluster's stream. The model descriptor: its config
 * key, when it is on, and the fields its template part (templates/modules/flow_logs.tf.hbs)
 * reads.
 */
import { flowLogsConfig } from '../../config/modules/flow-logs.js';
import type { ClusterModuleDescriptor } from './descriptor.js';

export const flowLogs: ClusterModuleDescriptor = {
  module: 'flow_logs',
  configKey: flowLogsConfig.configKey,
  enabled: (c) => c.modules.flowLogs?.enabled === true,
  context: ({ cluster }) => ({
    flowLogs: cluster.modules.flowLogs?.enabled ? cluster.modules.flowLogs : false,
  }),
};
