/**
 * The `flow_logs` module: VPC flow logs of the cluster file's VPCs, subnets and ENIs, into a
 * log group whose subscription feeds the cluster's stream. The model descriptor: its config
 * key, when it is on, the fields its template part (templates/modules/flow_logs.tf.hbs)
 * reads, and the provider endpoints its resources need.
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
  endpoints: [
    ['aws_caller_identity', 'sts'],
    ['aws_cloudwatch_log_', 'cloudwatchlogs'],
    ['aws_flow_log', 'ec2'],
    ['aws_iam_', 'iam'],
  ],
};
