/**
 * The finding rules: each a pure function of the planned resources of one root. A value
 * Terraform knows only after apply is never judged (no finding on a guess). Resources are
 * matched to their companions (a bucket's encryption configuration, a function's on-failure
 * destination) by the configuration's references in the same module, or by a known name.
 */
import { referencedResources, type PlannedResource } from '../plan-resources/read.js';
import { statements } from './policy.js';
import { FINDINGS } from './ids.js';
import type { Finding, FindingId } from './types.js';

type Rule = (resources: readonly PlannedResource[]) => Finding[];

/** A finding of `id` on `address`: severity and fix come from the catalogue (ids.ts). */
const finding = (id: FindingId, address: string, message: string): Finding => ({
  id,
  severity: FINDINGS[id].severity,
  address,
  message,
  fix: FINDINGS[id].fix,
});

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const blocks = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v)
    ? v.filter((b): b is Record<string, unknown> => !!b && typeof b === 'object')
    : [];
const known = (r: PlannedResource, attr: string): boolean => r.afterUnknown[attr] !== true;
const live = (rs: readonly PlannedResource[], type: string): PlannedResource[] =>
  rs.filter((r) => r.type === type && r.after);

/** Does `companion` point at `target` (its `attr` refers to it, or holds its known `name`)? */
function pointsAt(
  companion: PlannedResource,
  attr: string,
  target: PlannedResource,
  nameAttr: string,
): boolean {
  if (
    companion.module === target.module &&
    referencedResources(companion, attr).includes(target.local)
  )
    return true;
  const name = str(target.after?.[nameAttr]);
  const value = str(companion.after?.[attr]);
  return (
    name !== '' &&
    (value === name || value.endsWith(`:${name}`) || value.includes(`:function:${name}:`))
  );
}

/** Policy attributes that hold an IAM policy document, by resource type. */
const POLICY_ATTRS: Record<string, string> = {
  aws_iam_role_policy: 'policy',
  aws_iam_user_policy: 'policy',
  aws_iam_group_policy: 'policy',
  aws_iam_policy: 'policy',
  aws_s3_bucket_policy: 'policy',
  aws_sns_topic_policy: 'policy',
  aws_sqs_queue_policy: 'policy',
  aws_kms_key: 'policy',
};

const wildcardAction = (a: string): boolean => a === '*' || /^[a-z0-9-]+:\*$/i.test(a);

const iam: Rule = (rs) =>
  rs.flatMap((r) => {
    const attr = POLICY_ATTRS[r.type];
    if (!attr || !r.after) return [];
    return statements(r.after[attr])
      .filter((s) => s.effect === 'Allow')
      .flatMap((s): Finding[] => {
        const found: Finding[] = [];
        // A key policy's kms:* for the account root is AWS's default: it hands the key's
        // access to IAM policies (which this rule judges), it grants nothing by itself.
        const delegation = r.type === 'aws_kms_key' && s.accountRootOnly;
        const actions = delegation ? [] : s.actions.filter(wildcardAction);
        if (actions.length > 0)
          found.push(
            finding('SA-IAM-001', r.address, `statement ${s.name} allows ${actions.join(', ')}`),
          );
        // In a key policy "*" means "this key", the only value KMS accepts.
        if (r.type !== 'aws_kms_key' && s.resources.includes('*'))
          found.push(
            finding(
              'SA-IAM-002',
              r.address,
              `statement ${s.name} allows ${s.actions.join(', ') || 'its actions'} on Resource "*"`,
            ),
          );
        return found;
      });
  });

const kinesisEncryption: Rule = (rs) =>
  live(rs, 'aws_kinesis_stream')
    .filter((r) => known(r, 'encryption_type') && str(r.after?.encryption_type) !== 'KMS')
    .map((r) => finding('SA-ENC-001', r.address, 'Kinesis stream is not encrypted at rest'));

const snsEncryption: Rule = (rs) =>
  live(rs, 'aws_sns_topic')
    .filter((r) => known(r, 'kms_master_key_id') && str(r.after?.kms_master_key_id) === '')
    .map((r) => finding('SA-ENC-002', r.address, 'SNS topic is not encrypted at rest'));

const bucketEncryption: Rule = (rs) => {
  const sse = live(rs, 'aws_s3_bucket_server_side_encryption_configuration');
  return live(rs, 'aws_s3_bucket')
    .filter((b) => !sse.some((c) => pointsAt(c, 'bucket', b, 'bucket')))
    .map((b) =>
      finding('SA-ENC-003', b.address, 'S3 bucket has no server-side encryption configuration'),
    );
};

const firehoseEncryption: Rule = (rs) =>
  live(rs, 'aws_kinesis_firehose_delivery_stream')
    // With a Kinesis stream as source Firehose keeps no data of its own: the stream's encryption covers it.
    .filter((r) => blocks(r.after?.kinesis_source_configuration).length === 0)
    .filter((r) => !blocks(r.after?.server_side_encryption).some((b) => b.enabled === true))
    .map((r) =>
      finding('SA-ENC-004', r.address, 'Firehose delivery stream is not encrypted at rest'),
    );

const logGroupEncryption: Rule = (rs) =>
  live(rs, 'aws_cloudwatch_log_group')
    .filter((r) => known(r, 'kms_key_id') && str(r.after?.kms_key_id) === '')
    .map((r) => finding('SA-ENC-005', r.address, 'log group is not encrypted with a KMS key'));

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const BLOCK_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

const publicBuckets: Rule = (rs) => {
  const buckets = live(rs, 'aws_s3_bucket');
  const acls = live(rs, 'aws_s3_bucket_acl');
  const policies = live(rs, 'aws_s3_bucket_policy');
  const blocksOf = live(rs, 'aws_s3_bucket_public_access_block');
  return buckets.flatMap((b): Finding[] => {
    const found: Finding[] = [];
    const acl = [
      str(b.after?.acl),
      ...acls.filter((a) => pointsAt(a, 'bucket', b, 'bucket')).map((a) => str(a.after?.acl)),
    ];
    const openStatement = policies
      .filter((p) => pointsAt(p, 'bucket', b, 'bucket'))
      .flatMap((p) => statements(p.after?.policy))
      .find((s) => s.effect === 'Allow' && s.anyPrincipal && !s.hasCondition);
    const publicAcl = acl.find((a) => PUBLIC_ACLS.has(a));
    if (publicAcl || openStatement)
      found.push(
        finding(
          'SA-S3-001',
          b.address,
          publicAcl
            ? `S3 bucket is public (ACL ${publicAcl})`
            : `S3 bucket is public (policy statement ${openStatement?.name} allows Principal "*" without a condition)`,
        ),
      );
    const block = blocksOf.find((p) => pointsAt(p, 'bucket', b, 'bucket'));
    if (!block || !BLOCK_FLAGS.every((f) => block.after?.[f] === true))
      found.push(
        finding(
          'SA-S3-002',
          b.address,
          block
            ? `public access block leaves ${BLOCK_FLAGS.filter((f) => block.after?.[f] !== true).join(', ')} off`
            : 'S3 bucket has no public access block',
        ),
      );
    return found;
  });
};

const logRetention: Rule = (rs) =>
  live(rs, 'aws_cloudwatch_log_group')
    .filter((r) => known(r, 'retention_in_days') && !(Number(r.after?.retention_in_days) > 0))
    .map((r) =>
      finding('SA-LOG-001', r.address, 'log group keeps its events forever (no retention)'),
    );

const lambdaFailurePath: Rule = (rs) => {
  const invokeConfigs = live(rs, 'aws_lambda_function_event_invoke_config').filter((c) =>
    blocks(c.after?.destination_config).some((d) => blocks(d.on_failure).length > 0),
  );
  const mappings = live(rs, 'aws_lambda_event_source_mapping').filter((m) =>
    blocks(m.after?.destination_config).some((d) => blocks(d.on_failure).length > 0),
  );
  return live(rs, 'aws_lambda_function')
    .filter((f) => {
      const dlq = blocks(f.after?.dead_letter_config).some((d) => str(d.target_arn) !== '');
      // after_unknown mirrors the block list: `[]` for none, `[{ target_arn: true }]` for a
      // queue created in the same plan.
      const u = f.afterUnknown.dead_letter_config;
      const unknownDlq =
        u === true ||
        (Array.isArray(u) &&
          u.some((b) => b === true || (b as Record<string, unknown> | null)?.target_arn === true));
      return !dlq && !unknownDlq;
    })
    .filter(
      (f) =>
        !invokeConfigs.some((c) => pointsAt(c, 'function_name', f, 'function_name')) &&
        !mappings.some((m) => pointsAt(m, 'function_name', f, 'function_name')),
    )
    .map((f) =>
      finding(
        'SA-LAMBDA-001',
        f.address,
        'Lambda function has no dead-letter queue or on-failure destination',
      ),
    );
};

const OPEN = new Set(['0.0.0.0/0', '::/0']);

const openSecurityGroups: Rule = (rs) => {
  const open = (cidrs: unknown): string | undefined =>
    (Array.isArray(cidrs) ? cidrs : [cidrs]).find(
      (c): c is string => typeof c === 'string' && OPEN.has(c),
    );
  const found: Finding[] = [];
  const add = (address: string, where: string, cidr: string): void => {
    found.push(finding('SA-NET-001', address, `${where} admits ${cidr}`));
  };
  for (const sg of live(rs, 'aws_security_group')) {
    blocks(sg.after?.ingress).forEach((rule, i) => {
      const cidr = open(rule.cidr_blocks) ?? open(rule.ipv6_cidr_blocks);
      if (cidr)
        add(sg.address, `ingress rule #${i + 1} (ports ${rule.from_port}-${rule.to_port})`, cidr);
    });
  }
  for (const r of live(rs, 'aws_security_group_rule')) {
    const cidr = open(r.after?.cidr_blocks) ?? open(r.after?.ipv6_cidr_blocks);
    if (r.after?.type === 'ingress' && cidr)
      add(r.address, `ingress rule (ports ${r.after?.from_port}-${r.after?.to_port})`, cidr);
  }
  for (const r of live(rs, 'aws_vpc_security_group_ingress_rule')) {
    const cidr = open(r.after?.cidr_ipv4) ?? open(r.after?.cidr_ipv6);
    if (cidr) add(r.address, 'ingress rule', cidr);
  }
  return found;
};

const trailValidation: Rule = (rs) =>
  live(rs, 'aws_cloudtrail')
    .filter(
      (r) => known(r, 'enable_log_file_validation') && r.after?.enable_log_file_validation !== true,
    )
    .map((r) => finding('SA-TRAIL-001', r.address, 'CloudTrail log file validation is off'));

export const RULES: readonly Rule[] = [
  iam,
  kinesisEncryption,
  snsEncryption,
  bucketEncryption,
  firehoseEncryption,
  logGroupEncryption,
  publicBuckets,
  logRetention,
  lambdaFailurePath,
  openSecurityGroups,
  trailValidation,
];
