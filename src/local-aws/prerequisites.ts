/**
 * An empty local AWS account made ready for a configuration: the existing resources the
 * configuration names but does not create — exactly the ones its plan looks up
 * (src/render/lookups.ts): flow-log VPCs, subnets and network interfaces, the alert
 * processor's subnets and security groups, the s3_events buckets, the rule processor's
 * input topics of its own account and region, and an existing monitoring topic in every
 * region. An example's README lists the same things as its prerequisites.
 *
 * moto makes up EC2 ids, so the configuration's EC2 ids are rewritten, at the JSON pointer
 * each lookup came from, to the ids moto gave (in the configuration folder given: use a
 * copy). Buckets and topics are created with the names written.
 */
import { readFile, writeFile } from 'node:fs/promises';
import {
  CreateNetworkInterfaceCommand,
  CreateTagsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateBucketCommand, S3Client, type BucketLocationConstraint } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Config } from '../config/types.js';
import { lookupsByRoot, type Lookup } from '../render/lookups.js';
import { localClientConfig } from './clients.js';

export interface Prepared {
  /** One line per resource created: `S3 bucket acme.production.osquery.logs`. */
  created: string[];
  /** `<region>/<conf id>` → the id moto gave, for EC2 resources. */
  ids: Map<string, string>;
}

/** Creates the bucket; one this account already owns (created earlier) is kept. */
export async function createBucket(
  endpoint: string,
  bucket: string,
  region: string,
): Promise<void> {
  try {
    await new S3Client(localClientConfig(endpoint, region)).send(
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

/** Creates the topic (CreateTopic returns the existing one of that name) and returns its ARN. */
export async function createTopic(endpoint: string, name: string, region: string): Promise<string> {
  const out = await new SNSClient(localClientConfig(endpoint, region)).send(
    new CreateTopicCommand({ Name: name }),
  );
  return out.TopicArn!;
}

const EC2_TYPES = new Set(['aws_vpc', 'aws_subnet', 'aws_network_interface', 'aws_security_group']);

/** The tag that marks what an EC2 resource stands in for, so a second run finds it again. */
const STANDS_IN_FOR = 'streamalert:stands-in-for';

/**
 * One root's EC2 lookups: every subnet, interface and security group goes into its first
 * VPC (or one made for them). Resources made by an earlier run (tagged) are used again, so
 * the same stand-in can take the same configuration twice.
 */
async function createNetwork(
  endpoint: string,
  region: string,
  lookups: readonly Lookup[],
  ids: Map<string, string>,
  created: string[],
): Promise<void> {
  const ec2 = new EC2Client(localClientConfig(endpoint, region));
  const at = (l: Lookup): string => `${region}/${l.key}`;
  const earlier = async (standsInFor: string): Promise<string | undefined> =>
    (
      await ec2.send(
        new DescribeTagsCommand({
          Filters: [
            { Name: 'key', Values: [STANDS_IN_FOR] },
            { Name: 'value', Values: [standsInFor] },
          ],
        }),
      )
    ).Tags?.[0]?.ResourceId;
  const tag = async (id: string, standsInFor: string): Promise<string> => {
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [{ Key: STANDS_IN_FOR, Value: standsInFor }],
      }),
    );
    return id;
  };
  const newVpc = async (standsInFor: string): Promise<string> =>
    tag(
      (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!,
      standsInFor,
    );
  let home: string | undefined;
  const homeVpc = async (): Promise<string> =>
    (home ??= (await earlier('vpc of the stand-ins')) ?? (await newVpc('vpc of the stand-ins')));
  const newSubnet = async (standsInFor: string): Promise<string> => {
    const vpc = await homeVpc();
    const used = new Set(
      (
        (
          await ec2.send(
            new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }),
          )
        ).Subnets ?? []
      ).map((n) => n.CidrBlock),
    );
    let i = 0;
    while (used.has(`10.0.${i}.0/24`)) i++;
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.0.${i}.0/24` }),
    );
    return tag(subnet.Subnet!.SubnetId!, standsInFor);
  };
  const order = ['aws_vpc', 'aws_subnet', 'aws_network_interface', 'aws_security_group'];
  const sorted = [...lookups].sort((a, b) => order.indexOf(a.dataType) - order.indexOf(b.dataType));
  for (const l of sorted) {
    if (!EC2_TYPES.has(l.dataType) || l.key === null || ids.has(at(l))) continue;
    const again = await earlier(l.key);
    let id: string;
    if (again) {
      id = again;
      if (l.dataType === 'aws_vpc') home ??= id;
    } else if (l.dataType === 'aws_vpc') {
      id = home === undefined ? (home = await newVpc(l.key)) : await newVpc(l.key);
    } else if (l.dataType === 'aws_subnet') id = await newSubnet(l.key);
    else if (l.dataType === 'aws_network_interface') {
      const subnet =
        (await earlier('subnet of the interfaces')) ??
        (await newSubnet('subnet of the interfaces'));
      id = await tag(
        (await ec2.send(new CreateNetworkInterfaceCommand({ SubnetId: subnet }))).NetworkInterface!
          .NetworkInterfaceId!,
        l.key,
      );
    } else
      id = await tag(
        (
          await ec2.send(
            new CreateSecurityGroupCommand({
              GroupName: l.key,
              Description: `stands in for ${l.key}`,
              VpcId: await homeVpc(),
            }),
          )
        ).GroupId!,
        l.key,
      );
    ids.set(at(l), id);
    created.push(
      `${l.what} in ${region} (the stand-in's id: ${id}${again ? ', made by an earlier run' : ''})`,
    );
  }
}

/** Writes the ids moto gave into the configuration files, at each lookup's JSON pointer. */
async function rewriteIds(lookups: readonly Lookup[], ids: Map<string, string>): Promise<void> {
  const byFile = new Map<string, Lookup[]>();
  for (const l of lookups)
    if (EC2_TYPES.has(l.dataType)) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  for (const [file, list] of byFile) {
    const json = JSON.parse(await readFile(file, 'utf8')) as unknown;
    for (const l of list) {
      const id = ids.get(`${l.region}/${l.key}`);
      if (id === undefined) continue;
      const parts = l.pointer
        .split('/')
        .slice(1)
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      const last = parts.pop()!;
      let node = json as Record<string, unknown>;
      for (const p of parts) node = node[p] as Record<string, unknown>;
      if (node[last] === l.key) node[last] = id;
    }
    await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  }
}

/** Creates in the stand-in what `config` looks up, and rewrites the EC2 ids in its files. */
export async function createExistingResources(config: Config, endpoint: string): Promise<Prepared> {
  const created: string[] = [];
  const ids = new Map<string, string>();
  const all: Lookup[] = [];
  const regionOf = new Map(config.clusters.map((c) => [c.id, c.region]));
  for (const [root, lookups] of lookupsByRoot(config)) {
    all.push(...lookups);
    const rootRegion = regionOf.get(root) ?? config.global.account.region;
    const byRegion = new Map<string, Lookup[]>();
    for (const l of lookups) {
      const region = l.region ?? rootRegion;
      byRegion.set(region, [...(byRegion.get(region) ?? []), l]);
    }
    for (const [region, list] of byRegion) {
      await createNetwork(endpoint, region, list, ids, created);
      for (const l of list) {
        if (l.dataType === 'aws_s3_bucket' && l.key !== null) {
          await createBucket(endpoint, l.key, region);
          created.push(`${l.what} in ${region}`);
        } else if (l.dataType === 'aws_sns_topic') {
          const name = l.key ?? config.global.monitoring.snsTopicName;
          await createTopic(endpoint, name, region);
          created.push(`SNS topic ${name} in ${region}`);
        }
      }
    }
  }
  await rewriteIds(all, ids);
  return { created: [...new Set(created)], ids };
}
