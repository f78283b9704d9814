/**
 * A plan that fails reading the data sources of resources the configuration names
 * (render/lookups.ts) is reported as configuration problems: the cluster file, the JSON
 * pointer of the key and a plain message, before any other error Terraform printed.
 * `fixtures/plan-lookup-errors.txt` is Terraform 1.11's stderr for the production example
 * planned against an empty moto (AWS provider 5.100), before its processor zips were built:
 * five lookups not found, then two errors that are not lookups.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { lookupsByRoot } from '../../src/render/lookups.js';
import { explainPlanError, parseDiagnostics } from '../../src/terraform/lookup-errors.js';
import { planRoots } from '../../src/terraform/runner.js';
import { copyExample, seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { FakeTerraform } from '../support/fake-terraform.js';

const CAPTURED = readFileSync(
  path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'plan-lookup-errors.txt'),
  'utf8',
);

async function productionLookups() {
  const conf = copyExample('production');
  const config = await loadConfig(conf);
  return { conf, lookups: lookupsByRoot(config).get('production')! };
}

describe('parseDiagnostics', () => {
  it('splits the captured output into its errors, each with the address Terraform names', () => {
    const diagnostics = parseDiagnostics(CAPTURED);
    expect(diagnostics.map((d) => [d.severity, d.summary, d.address])).toEqual([
      [
        'Error',
        'no matching EC2 VPC found',
        'data.aws_vpc.flow_logs_vpcs["vpc-0f1e2d3c4b5a69788"]',
      ],
      [
        'Error',
        'no matching EC2 Subnet found',
        'data.aws_subnet.flow_logs_subnets["subnet-0a1b2c3d4e5f60718"]',
      ],
      [
        'Error',
        'no matching EC2 Network Interface found',
        'data.aws_network_interface.flow_logs_enis["eni-0123456789abcdef0"]',
      ],
      [
        'Error',
        "reading S3 Bucket (acme.production.osquery.logs): couldn't find resource",
        'data.aws_s3_bucket.s3_events["acme.production.osquery.logs"]',
      ],
      [
        'Error',
        'reading SNS Topic (acme-osquery-results): empty result',
        'data.aws_sns_topic.rule_processor_inputs["acme-osquery-results"]',
      ],
      ['Error', 'Error in function call', undefined],
      ['Error', 'Error in function call', undefined],
    ]);
  });
});

describe('explainPlanError', () => {
  it('names the cluster file and key of every resource that was not found, then keeps the other errors', async () => {
    const { conf, lookups } = await productionLookups();
    const file = path.join(conf, 'clusters', 'production.json');
    const explained = explainPlanError(CAPTURED, lookups)!;
    expect(explained.problems).toEqual([
      {
        file,
        pointer: '/modules/flow_logs/vpcs/0',
        message: 'VPC vpc-0f1e2d3c4b5a69788 does not exist in us-west-2 (looked up while planning)',
      },
      {
        file,
        pointer: '/modules/flow_logs/subnets/0',
        message:
          'subnet subnet-0a1b2c3d4e5f60718 does not exist in us-west-2 (looked up while planning)',
      },
      {
        file,
        pointer: '/modules/flow_logs/enis/0',
        message:
          'network interface eni-0123456789abcdef0 does not exist in us-west-2 (looked up while planning)',
      },
      {
        file,
        // The seed's single-object form of s3_events.
        pointer: '/modules/s3_events/s3_bucket_id',
        message: 'S3 bucket acme.production.osquery.logs does not exist (looked up while planning)',
      },
      {
        file,
        pointer: '/modules/stream_alert/rule_processor/inputs/aws-sns/0',
        message:
          'SNS topic arn:aws:sns:us-west-2:123456789012:acme-osquery-results does not exist in us-west-2 (looked up while planning)',
      },
    ]);
    const [first, ...rest] = explained.message.split('\n\n');
    expect(first!.split('\n')).toEqual(
      explained.problems.map((p) => `${p.file}: ${p.pointer}: ${p.message}`),
    );
    // The two errors that are not lookups, as Terraform printed them; no lookup error twice.
    expect(rest.join('\n\n')).toContain('Call to function "filebase64sha256" failed');
    expect(explained.message.match(/Error in function call/g)).toHaveLength(2);
    expect(explained.message).not.toContain('no matching EC2');
  });

  it('reports a lookup that failed for another reason with the provider’s words', async () => {
    const { lookups } = await productionLookups();
    // The same block with the error the provider reports when the plan role may not DescribeVpcs.
    const denied = CAPTURED.replace(
      'no matching EC2 VPC found',
      'reading EC2 VPC: operation error EC2: DescribeVpcs, https response error StatusCode: 403, api error UnauthorizedOperation: You are not authorized to perform this operation.',
    );
    const explained = explainPlanError(denied, lookups)!;
    expect(explained.problems[0]).toMatchObject({
      pointer: '/modules/flow_logs/vpcs/0',
      message: expect.stringMatching(
        /^VPC vpc-0f1e2d3c4b5a69788 could not be looked up in us-west-2: reading EC2 VPC: .*UnauthorizedOperation/,
      ),
    });
  });

  it('leaves output without lookup errors alone', async () => {
    const { lookups } = await productionLookups();
    const other = CAPTURED.slice(CAPTURED.indexOf('Error: Error in function call'));
    expect(explainPlanError(other, lookups)).toBeUndefined();
    // An address of another root's lookup is not this root's.
    expect(explainPlanError(CAPTURED, [])).toBeUndefined();
  });

  it('names global.json for the existing monitoring topic, per region', async () => {
    const global = seedGlobal() as { infrastructure: unknown };
    global.infrastructure = { monitoring: { create_sns_topic: false, sns_topic_name: 'secops' } };
    const conf = writeConf(global, { production: seedCluster() });
    const lookups = lookupsByRoot(await loadConfig(conf)).get('global')!;
    const output = `
Error: reading SNS Topic (secops): empty result

  with data.aws_sns_topic.monitoring_us_west_2,
  on main.tf line 40, in data "aws_sns_topic" "monitoring_us_west_2":
  40: data "aws_sns_topic" "monitoring_us_west_2" {
`;
    expect(explainPlanError(output, lookups)!.problems).toEqual([
      {
        file: path.join(conf, 'global.json'),
        pointer: '/infrastructure/monitoring/sns_topic_name',
        message: 'SNS topic secops does not exist in us-west-2 (looked up while planning)',
      },
    ]);
  });
});

describe('planRoots with lookups', () => {
  it('puts the problems on the failed root, masked, and the message starts with them', async () => {
    const { conf, lookups } = await productionLookups();
    const dir = path.dirname(conf);
    mkdirSync(path.join(dir, 'production'));
    const terraform = new FakeTerraform({ production: { plan: { code: 1, stderr: CAPTURED } } });
    const [root] = await planRoots(
      {
        binary: 'terraform-not-run',
        env: {},
        backendConfig: [],
        parallelism: 1,
        mask: (t) => t.replaceAll('acme-osquery-results', '***'),
        terraform,
        lookups: (r) => (r === 'production' ? lookups : []),
      },
      dir,
      ['production'],
    );
    expect(root!.status).toBe('error');
    expect(root!.error!.step).toBe('plan');
    expect(root!.error!.problems!.map((p) => p.pointer)).toEqual([
      '/modules/flow_logs/vpcs/0',
      '/modules/flow_logs/subnets/0',
      '/modules/flow_logs/enis/0',
      '/modules/s3_events/s3_bucket_id',
      '/modules/stream_alert/rule_processor/inputs/aws-sns/0',
    ]);
    expect(root!.error!.problems![4]!.message).toContain('arn:aws:sns:us-west-2:123456789012:***');
    expect(root!.error!.message).not.toContain('acme-osquery-results');
    expect(root!.error!.message.split('\n')[0]).toBe(
      `${path.join(conf, 'clusters', 'production.json')}: /modules/flow_logs/vpcs/0: VPC vpc-0f1e2d3c4b5a69788 does not exist in us-west-2 (looked up while planning)`,
    );
  });
});
