/**
 * Creates in moto the existing resources a conf/ names (what a real account already has):
 * the VPCs, subnets, network interfaces and security groups of flow_logs and vpc_config,
 * the s3_events buckets, the input SNS topics of the cluster's account and region, and the
 * existing monitoring topic in every region. Plans look them up (src/render/lookups.ts), so
 * a conf/ planned against an empty moto fails without them.
 *
 * moto makes up EC2 ids, so the conf/'s EC2 ids are rewritten in place to the ids created
 * (the map is returned); bucket and topic names are created as written.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateNetworkInterfaceCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { clientConfig } from './aws.js';
import type { Moto } from './moto.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- conf files as written by users */

/** Creates the bucket; one that this account already owns (two repositories naming it in one moto) is kept. */
export async function createBucket(moto: Moto, bucket: string, region: string): Promise<void> {
  try {
    await new S3Client(clientConfig(moto, region)).send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1'
          ? {}
          : {
              CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint },
            }),
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'BucketAlreadyOwnedByYou') throw err;
  }
}

export async function createTopic(moto: Moto, name: string, region: string): Promise<string> {
  const out = await new SNSClient(clientConfig(moto, region)).send(
    new CreateTopicCommand({ Name: name }),
  );
  return out.TopicArn!;
}

/** One cluster's EC2 resources: every subnet, ENI and security group goes into its first VPC. */
async function createNetwork(moto: Moto, c: any, ids: Map<string, string>): Promise<void> {
  const flow = c.modules?.flow_logs?.enabled ? c.modules.flow_logs : {};
  const vpcConfig = c.modules?.stream_alert?.alert_processor?.vpc_config ?? {};
  const vpcs: string[] = flow.vpcs ?? [];
  const subnets: string[] = [...(flow.subnets ?? []), ...(vpcConfig.subnet_ids ?? [])];
  const enis: string[] = flow.enis ?? [];
  const groups: string[] = vpcConfig.security_group_ids ?? [];
  if (vpcs.length + subnets.length + enis.length + groups.length === 0) return;

  const ec2 = new EC2Client(clientConfig(moto, c.region));
  const newVpc = async (): Promise<string> =>
    (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
  let cidr = 0;
  const newSubnet = async (vpc: string): Promise<string> =>
    (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${cidr++}.0/24` })))
      .Subnet!.SubnetId!;

  const home = await newVpc();
  for (const [i, id] of vpcs.entries())
    if (!ids.has(id)) ids.set(id, i === 0 ? home : await newVpc());
  for (const id of subnets) if (!ids.has(id)) ids.set(id, await newSubnet(home));
  const eniSubnet = enis.length > 0 ? await newSubnet(home) : '';
  for (const id of enis) {
    if (ids.has(id)) continue;
    const eni = await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: eniSubnet }));
    ids.set(id, eni.NetworkInterface!.NetworkInterfaceId!);
  }
  for (const id of groups) {
    if (ids.has(id)) continue;
    const group = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: id, Description: 'test', VpcId: home }),
    );
    ids.set(id, group.GroupId!);
  }
}

/** Creates what `confDir` names; returns the EC2 ids it rewrote (conf id -> moto id). */
export async function createNamedResources(
  moto: Moto,
  confDir: string,
): Promise<Map<string, string>> {
  const global = JSON.parse(readFileSync(path.join(confDir, 'global.json'), 'utf8'));
  const account: string = global.account.aws_account_id;
  const files = readdirSync(path.join(confDir, 'clusters'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(confDir, 'clusters', f));
  const regions = new Set<string>([global.account.region]);
  const ids = new Map<string, string>();

  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const c = JSON.parse(text);
    regions.add(c.region);
    const mine = new Map<string, string>();
    await createNetwork(moto, c, mine);
    const s3 = c.modules?.s3_events;
    for (const source of s3 === undefined ? [] : Array.isArray(s3) ? s3 : [s3])
      await createBucket(moto, source.s3_bucket_id, c.region);
    for (const arn of c.modules?.stream_alert?.rule_processor?.inputs?.['aws-sns'] ?? []) {
      const [, , , region, owner, name] = String(arn).split(':');
      if (region === c.region && owner === account) await createTopic(moto, name!, region!);
    }
    let rewritten = text;
    for (const [from, to] of mine) rewritten = rewritten.replaceAll(`"${from}"`, `"${to}"`);
    if (rewritten !== text) writeFileSync(file, rewritten);
    for (const [from, to] of mine) ids.set(from, to);
  }

  const monitoring = global.infrastructure?.monitoring;
  if (monitoring?.create_sns_topic === false) {
    for (const region of regions) await createTopic(moto, monitoring.sns_topic_name, region);
  }
  return ids;
}
