/**
 * `modules.flow_logs` of a cluster file: VPC flow logs of the listed VPCs, subnets and ENIs.
 * The model of a module's configuration half (see descriptor.ts); its rendering half is
 * src/render/modules/flow-logs.ts.
 */
import {
  plainOutput,
  stringList,
  type ConfigModuleDescriptor,
  switchedBlock,
} from './descriptor.js';

export interface FlowLogsModule {
  enabled: boolean;
  logGroupName: string;
  subnets: string[];
  vpcs: string[];
  enis: string[];
}

export const flowLogsConfig: ConfigModuleDescriptor<'flowLogs', FlowLogsModule | null> = {
  configKey: 'flow_logs',
  field: 'flowLogs',
  schema: switchedBlock(undefined, {
    log_group_name: {
      type: 'string',
      pattern: '^[A-Za-z0-9_./#-]{1,512}$',
      'x-message': 'must be a CloudWatch Logs group name (letters, digits, _ . / # -)',
      'x-default': '`"<prefix>_<cluster>_streamalert_flow_logs"`',
    },
    subnets: stringList('^subnet-[0-9a-f]{8,17}$', 'must be a subnet id such as "subnet-0123abcd"'),
    vpcs: stringList('^vpc-[0-9a-f]{8,17}$', 'must be a VPC id such as "vpc-0123abcd"'),
    enis: stringList(
      '^eni-[0-9a-f]{8,17}$',
      'must be a network interface id such as "eni-0123abcd"',
    ),
  }),
  isOn: (m) => m?.enabled === true,
  load: (raw, { prefix, clusterId }) =>
    raw
      ? {
          enabled: raw.enabled,
          logGroupName: raw.log_group_name ?? `${prefix}_${clusterId}_streamalert_flow_logs`,
          subnets: raw.subnets,
          vpcs: raw.vpcs,
          enis: raw.enis,
        }
      : null,
  outputs: {
    log_group_name: plainOutput('flow_logs'),
    log_group_arn: plainOutput('flow_logs'),
  },
};
