/**
 * The existing AWS resources a configuration names (it does not create them), each read
 * by a Terraform data source in the rendered root. Terraform reads data sources while
 * planning, with the plan's credentials and provider, so a VPC, bucket or topic that does
 * not exist fails the pull request's plan instead of the apply after the merge.
 *
 * Each lookup keeps the file and JSON pointer of the value it came from: the templates
 * render the data sources from this list, and terraform/lookup-errors.ts maps a failed
 * data source's address back to the place in the configuration a user has to fix.
 */
import path from 'node:path';
import type { ClusterConfig, Config } from '../config/types.js';
import { configuredRegions } from './regions.js';

export type LookupDataType =
  | 'aws_vpc'
  | 'aws_subnet'
  | 'aws_network_interface'
  | 'aws_security_group'
  | 'aws_s3_bucket'
  | 'aws_sns_topic';

export interface Lookup {
  dataType: LookupDataType;
  /** The data block's name in the root. */
  block: string;
  /** The `for_each` key, or null for a block without `for_each`. */
  key: string | null;
  /** Configuration file the value comes from (as the user named it) and its JSON pointer. */
  file: string;
  pointer: string;
  /** What is looked up, for messages: `VPC vpc-0abc`. */
  what: string;
  /** Where it must exist, for messages: `us-east-1`; null for S3 buckets (one namespace). */
  region: string | null;
}

/** The Terraform address of the lookup's data source, as Terraform prints it in errors. */
export function lookupAddress(l: Lookup): string {
  return `data.${l.dataType}.${l.block}${l.key === null ? '' : `[${JSON.stringify(l.key)}]`}`;
}

/** The data source argument each type is looked up by. */
export const LOOKUP_ARGUMENT: Record<LookupDataType, string> = {
  aws_vpc: 'id',
  aws_subnet: 'id',
  aws_network_interface: 'id',
  aws_security_group: 'id',
  aws_s3_bucket: 'bucket',
  aws_sns_topic: 'name',
};

const NOUN: Record<LookupDataType, string> = {
  aws_vpc: 'VPC',
  aws_subnet: 'subnet',
  aws_network_interface: 'network interface',
  aws_security_group: 'security group',
  aws_s3_bucket: 'S3 bucket',
  aws_sns_topic: 'SNS topic',
};

/** One lookup per value of `values`, at `<pointer>/<index>`, in one `for_each` block. */
function each(
  dataType: LookupDataType,
  block: string,
  values: readonly string[],
  pointer: string,
  file: string,
  region: string | null,
): Lookup[] {
  return values.map((value, i) => ({
    dataType,
    block,
    key: value,
    file,
    pointer: `${pointer}/${i}`,
    what: `${NOUN[dataType]} ${value}`,
    region,
  }));
}

/**
 * The SNS topic name of an ARN in the cluster's own account and region, else null.
 * `aws_sns_topic` finds a topic by name among those the plan's credentials list in the
 * provider's region (ListTopics), so a topic of another account or region cannot be
 * looked up from the cluster's root; such inputs are left to the apply.
 */
function ownTopicName(arn: string, accountId: string, region: string): string | null {
  const [, , service, topicRegion, account, name] = arn.split(':');
  return service === 'sns' && topicRegion === region && account === accountId && name ? name : null;
}

export function clusterLookups(config: Config, cluster: ClusterConfig): Lookup[] {
  const { region, file } = cluster;
  const m = cluster.modules;
  const lookups: Lookup[] = [];
  const flow = m.flowLogs?.enabled ? m.flowLogs : null;
  if (flow) {
    const at = '/modules/flow_logs';
    lookups.push(
      ...each('aws_vpc', 'flow_logs_vpcs', flow.vpcs, `${at}/vpcs`, file, region),
      ...each('aws_subnet', 'flow_logs_subnets', flow.subnets, `${at}/subnets`, file, region),
      ...each('aws_network_interface', 'flow_logs_enis', flow.enis, `${at}/enis`, file, region),
    );
  }
  const vpc = m.streamAlert.alertProcessor.vpc;
  if (vpc) {
    const at = '/modules/stream_alert/alert_processor/vpc_config';
    lookups.push(
      ...each(
        'aws_subnet',
        'alert_processor_subnets',
        vpc.subnetIds,
        `${at}/subnet_ids`,
        file,
        region,
      ),
      ...each(
        'aws_security_group',
        'alert_processor_security_groups',
        vpc.securityGroupIds,
        `${at}/security_group_ids`,
        file,
        region,
      ),
    );
  }
  for (const s of m.s3Events) {
    lookups.push({
      dataType: 'aws_s3_bucket',
      block: 's3_events',
      key: s.bucketId,
      file,
      pointer: s.pointer,
      what: `${NOUN.aws_s3_bucket} ${s.bucketId}`,
      region: null,
    });
  }
  const accountId = config.global.account.awsAccountId;
  m.streamAlert.ruleProcessor.inputSnsTopics.forEach((arn, i) => {
    const name = ownTopicName(arn, accountId, region);
    if (name === null) return;
    lookups.push({
      dataType: 'aws_sns_topic',
      block: 'rule_processor_inputs',
      key: name,
      file,
      pointer: `/modules/stream_alert/rule_processor/inputs/aws-sns/${i}`,
      what: `${NOUN.aws_sns_topic} ${arn}`,
      region,
    });
  });
  return lookups;
}

/**
 * The global root's lookups: the existing monitoring topic (`create_sns_topic: false`),
 * which must exist in every region the global root serves (alarms notify a topic of their
 * own region), one data block per region named like its module (`monitoring_<alias>`).
 */
export function globalLookups(config: Config): Lookup[] {
  const { monitoring } = config.global;
  if (monitoring.createSnsTopic) return [];
  return configuredRegions(config).map(({ region, alias }) => ({
    dataType: 'aws_sns_topic',
    block: `monitoring_${alias}`,
    key: null,
    file: globalFile(config),
    pointer: '/infrastructure/monitoring/sns_topic_name',
    what: `${NOUN.aws_sns_topic} ${monitoring.snsTopicName}`,
    region,
  }));
}

/** Every root's lookups, by root (`global` or the cluster id). */
export function lookupsByRoot(config: Config): Map<string, Lookup[]> {
  return new Map([
    ['global', globalLookups(config)],
    ...config.clusters.map((c): [string, Lookup[]] => [c.id, clusterLookups(config, c)]),
  ]);
}

export function globalFile(config: Config): string {
  return path.join(config.configDir, 'global.json');
}

/** The lookups as the templates render them: one data block per block name, keys in order. */
export function lookupBlocks(lookups: readonly Lookup[]) {
  const blocks = new Map<
    string,
    { dataType: LookupDataType; block: string; argument: string; keys: string[] | false }
  >();
  // Padded as `terraform fmt` aligns it under `for_each`.
  for (const l of lookups) {
    const name = `${l.dataType}.${l.block}`;
    const block = blocks.get(name) ?? {
      dataType: l.dataType,
      block: l.block,
      argument: LOOKUP_ARGUMENT[l.dataType].padEnd('for_each'.length),
      keys: l.key === null ? false : [],
    };
    if (block.keys && l.key !== null && !block.keys.includes(l.key)) block.keys.push(l.key);
    blocks.set(name, block);
  }
  return [...blocks.values()];
}
