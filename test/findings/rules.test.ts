/**
 * Each finding rule over plan JSON as `terraform show -json` prints it: what it reports
 * (id, severity, address, the statement it names), what it leaves alone (the patterns
 * this project's modules use), and which findings count as new.
 */
import { describe, expect, it } from 'vitest';
import { rootFindings } from '../../src/findings/index.js';
import type { PlanDocument } from '../../src/plan-resources/read.js';
import { planFixture } from './support.js';

const summary = (plan: PlanDocument) =>
  rootFindings(plan, []).new.map((f) => `${f.id} ${f.severity} ${f.address}: ${f.message}`);

describe('findings of a plan with one of each problem', () => {
  it('reports every rule once, high first, with the resource address and what is wrong', () => {
    expect(summary(planFixture('insecure'))).toEqual([
      'SA-IAM-001 high module.custom.aws_iam_role_policy.admin: statement Everything allows *',
      'SA-ENC-003 high module.custom.aws_s3_bucket.raw: S3 bucket has no server-side encryption configuration',
      'SA-NET-001 high module.custom.aws_security_group.open: ingress rule #2 (ports 22-22) admits 0.0.0.0/0',
      'SA-TRAIL-001 medium module.custom.aws_cloudtrail.trail: CloudTrail log file validation is off',
      'SA-IAM-002 medium module.custom.aws_iam_role_policy.admin: statement Everything allows * on Resource "*"',
      'SA-ENC-004 medium module.custom.aws_kinesis_firehose_delivery_stream.direct: Firehose delivery stream is not encrypted at rest',
      'SA-ENC-001 medium module.custom.aws_kinesis_stream.events: Kinesis stream is not encrypted at rest',
      'SA-LAMBDA-001 medium module.custom.aws_lambda_function.fn: Lambda function has no dead-letter queue or on-failure destination',
      'SA-S3-002 medium module.custom.aws_s3_bucket.raw: S3 bucket has no public access block',
      'SA-ENC-002 medium module.custom.aws_sns_topic.alerts: SNS topic is not encrypted at rest',
      'SA-ENC-005 low module.custom.aws_cloudwatch_log_group.fn: log group is not encrypted with a KMS key',
      'SA-LOG-001 low module.custom.aws_cloudwatch_log_group.fn: log group keeps its events forever (no retention)',
    ]);
  });

  it('gives every finding a one-line fix', () => {
    for (const f of rootFindings(planFixture('insecure'), []).new) {
      expect(f.fix).toMatch(/\S/);
      expect(f.fix).not.toContain('\n');
    }
  });

  it('counts findings on resources the plan leaves as they are, without listing them', () => {
    const r = rootFindings(planFixture('insecure'), []);
    // module.custom.aws_cloudwatch_log_group.old: no retention, no-op in this plan.
    expect(r.existing).toBe(1);
    expect(r.new.map((f) => f.address)).not.toContain('module.custom.aws_cloudwatch_log_group.old');
  });

  it('lists the finding of an existing resource as new once the plan updates it', () => {
    const plan = planFixture('insecure');
    const old = plan.resource_changes!.find((c) => c.address.endsWith('log_group.old'))!;
    old.change.actions = ['update'];
    const r = rootFindings(plan, []);
    expect(r.existing).toBe(0);
    expect(r.new.map((f) => `${f.id} ${f.address}`)).toContain(
      'SA-LOG-001 module.custom.aws_cloudwatch_log_group.old',
    );
  });
});

describe("the patterns of this project's modules", () => {
  it('raise only the findings that are really there', () => {
    // Buckets matched to their encryption and public access block through configuration
    // references (the bucket id is unknown until apply; one bucket has count = 1), the rule
    // processor's on-failure destination through its invoke config, a Kinesis-sourced
    // Firehose, a conditioned "*" and a key policy's kms:* for the account root.
    expect(summary(planFixture('cluster'))).toEqual([
      'SA-IAM-002 medium module.stream_alert.aws_iam_role_policy.rule_processor: statement PutMetrics allows cloudwatch:PutMetricData on Resource "*"',
      'SA-LAMBDA-001 medium module.stream_alert.aws_lambda_function.alert_processor: Lambda function has no dead-letter queue or on-failure destination',
      'SA-ENC-005 low module.stream_alert.aws_cloudwatch_log_group.rule_processor: log group is not encrypted with a KMS key',
    ]);
  });
});

describe('values known only after apply', () => {
  it('are not judged: an unknown policy, encryption setting or dead-letter target gives no finding', () => {
    const plan = planFixture('insecure');
    for (const c of plan.resource_changes!) {
      const after = c.change.after as Record<string, unknown>;
      if (c.type === 'aws_iam_role_policy') {
        delete after.policy;
        (c.change.after_unknown as Record<string, unknown>).policy = true;
      }
      if (c.type === 'aws_lambda_function') {
        // A dead-letter queue created in the same plan: its ARN is unknown, the block is there.
        after.dead_letter_config = [{}];
        (c.change.after_unknown as Record<string, unknown>).dead_letter_config = [
          { target_arn: true },
        ];
      }
      if (c.type === 'aws_kinesis_stream') {
        delete after.encryption_type;
        (c.change.after_unknown as Record<string, unknown>).encryption_type = true;
      }
    }
    const ids = rootFindings(plan, []).new.map((f) => f.id);
    expect(ids).not.toContain('SA-IAM-001');
    expect(ids).not.toContain('SA-ENC-001');
    expect(ids).not.toContain('SA-LAMBDA-001');
  });
});

describe('public buckets', () => {
  it('reports a public ACL and a policy open to everyone, and a partial public access block', () => {
    const plan: PlanDocument = {
      resource_changes: [
        {
          address: 'aws_s3_bucket.site',
          mode: 'managed',
          type: 'aws_s3_bucket',
          name: 'site',
          change: {
            actions: ['create'],
            after: { bucket: 'acme-site', acl: 'public-read' },
            after_unknown: {},
          },
        },
        {
          address: 'aws_s3_bucket_policy.site',
          mode: 'managed',
          type: 'aws_s3_bucket_policy',
          name: 'site',
          change: {
            actions: ['create'],
            after: {
              bucket: 'acme-site',
              policy: JSON.stringify({
                Statement: [
                  {
                    Sid: 'Read',
                    Effect: 'Allow',
                    Principal: '*',
                    Action: 's3:GetObject',
                    Resource: 'arn:aws:s3:::acme-site/*',
                  },
                ],
              }),
            },
            after_unknown: {},
          },
        },
        {
          address: 'aws_s3_bucket_public_access_block.site',
          mode: 'managed',
          type: 'aws_s3_bucket_public_access_block',
          name: 'site',
          change: {
            actions: ['create'],
            after: {
              bucket: 'acme-site',
              block_public_acls: true,
              block_public_policy: false,
              ignore_public_acls: true,
              restrict_public_buckets: false,
            },
            after_unknown: {},
          },
        },
      ],
    };
    expect(summary(plan).filter((s) => s.startsWith('SA-S3'))).toEqual([
      'SA-S3-001 high aws_s3_bucket.site: S3 bucket is public (ACL public-read)',
      'SA-S3-002 medium aws_s3_bucket.site: public access block leaves block_public_policy, restrict_public_buckets off',
    ]);
    (plan.resource_changes![0]!.change.after as Record<string, unknown>).acl = null;
    expect(summary(plan).find((s) => s.startsWith('SA-S3-001'))).toBe(
      'SA-S3-001 high aws_s3_bucket.site: S3 bucket is public (policy statement Read allows Principal "*" without a condition)',
    );
  });
});
