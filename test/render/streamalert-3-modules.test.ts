/**
 * StreamAlert 3's cluster-file module keys, rendered into the cluster root as the modules
 * take them (no Terraform here: test/render/streamalert-3-conf.test.ts validates the root).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { tempDir } from '../support/conf.js';
import { writeSa3Repo, type Files } from '../support/streamalert3.js';

async function corpRoot(change: (conf: Files) => void = () => undefined): Promise<string> {
  const conf = path.join(writeSa3Repo(change), 'conf');
  const out = path.join(tempDir('sa3-modules'), 'terraform');
  await renderCommand(conf, { outDir: out, buildDir: path.join(tempDir('sa3-mb'), 'build') });
  return readFileSync(path.join(out, 'corp', 'main.tf'), 'utf8');
}

/** The text of `module "<name>" { ... }` in a rendered root. */
const moduleBlock = (main: string, name: string): string => {
  const start = main.indexOf(`module "${name}" {`);
  expect(start, `module ${name}`).toBeGreaterThanOrEqual(0);
  return main.slice(start, main.indexOf('\n}\n', start) + 2);
};

describe("StreamAlert 3's cluster-file module keys, rendered", () => {
  it('kinesis.streams: the stream name, the trusted accounts and terraform_outputs', async () => {
    const main = await corpRoot();
    const streams = moduleBlock(main, 'kinesis_streams');
    expect(streams).toMatch(/\n {2}stream_name\s+= "acme_corp_streamalert"\n/);
    expect(streams).toMatch(/\n {2}trusted_accounts\s+= \["444455556666"\]\n/);
    // terraform_outputs: root outputs named as StreamAlert 3 named them.
    expect(main).toMatch(
      /output "kinesis_corp_user_arn" \{[^}]*value\s+= module\.kinesis_streams\.user_arn/,
    );
    expect(main).toMatch(
      /output "kinesis_corp_role_arn" \{[^}]*value\s+= module\.kinesis_streams\.role_arn/,
    );
  });

  it('kinesis.streams without the StreamAlert 3 keys renders as before', async () => {
    const main = await corpRoot((c: any) => {
      const streams = c['clusters/corp.json'].modules.kinesis.streams;
      delete streams.stream_name;
      delete streams.trusted_accounts;
      delete streams.terraform_outputs;
    });
    const streams = moduleBlock(main, 'kinesis_streams');
    expect(streams).not.toMatch(/stream_name|trusted_accounts/);
    expect(main).not.toContain('output "kinesis_corp_');
  });

  it('s3_events: one filter stays filter_prefix/filter_suffix, several go as filters', async () => {
    const several = moduleBlock(await corpRoot(), 's3_events_acme_corp_audit_logs');
    expect(several).toContain(
      'filters                      = [{ prefix = "audit/", suffix = ".json" }, { prefix = "audit/", suffix = ".json.gz" }]',
    );
    expect(several).not.toMatch(/filter_prefix|filter_suffix/);
    const one = moduleBlock(
      await corpRoot((c: any) => {
        c['clusters/corp.json'].modules.s3_events = {
          'acme.corp.audit.logs': [{ filter_prefix: '${x}/' }],
        };
      }),
      's3_events_acme_corp_audit_logs',
    );
    // Configuration text reaches Terraform as literal text.
    expect(one).toMatch(/\n {2}filter_prefix\s+= "\$\$\{x\}\/"\n {2}filter_suffix\s+= ""\n/);
    expect(one).not.toContain('filters');
  });
  it('cloudtrail and cloudwatch_events: one module, the rule with its pattern and permissions', async () => {
    const trail = moduleBlock(await corpRoot(), 'cloudtrail');
    expect(trail).toMatch(/\n {2}enable_logging\s+= true\n/);
    expect(trail).toMatch(/\n {2}existing_trail\s+= false\n/);
    expect(trail).toMatch(/\n {2}bucket_name\s+= "acme-corp-streamalert-cloudtrail"\n/);
    expect(trail).toMatch(/\n {2}cross_account_ids\s+= \["444455556666"\]\n/);
    expect(trail).toMatch(/\n {2}s3_data_events\s+= "WriteOnly"\n/);
    expect(trail).toContain(
      'event_pattern      = "{\\"source\\":[\\"aws.ec2\\"],\\"detail-type\\":[\\"EC2 Instance Launch Successful\\"]}"',
    );
    expect(trail).toMatch(/\n {2}event_bus_accounts = \["444455556666"\]\n/);
    expect(trail).toMatch(/\n {2}event_bus_org_ids\s+= \["o-aabbccddee"\]\n/);
    // cloudwatch_events alone: the rule alone.
    const rule = moduleBlock(
      await corpRoot((c: any) => {
        delete c['clusters/corp.json'].modules.cloudtrail;
        c['clusters/corp.json'].modules.cloudwatch_events = {};
      }),
      'cloudtrail',
    );
    expect(rule).toMatch(/\n {2}existing_trail\s+= true\n/);
    expect(rule).not.toMatch(/bucket_name|cross_account_ids|s3_data_events|event_bus_/);
  });

  it("cloudtrail without the StreamAlert 3 keys renders as the seed's did", async () => {
    const main = await corpRoot((c: any) => {
      delete c['clusters/corp.json'].modules.cloudwatch_events;
      c['clusters/corp.json'].modules.cloudtrail = { enabled: true };
    });
    expect(moduleBlock(main, 'cloudtrail')).toBe(
      [
        'module "cloudtrail" {',
        '  source = "../modules/cloudtrail"',
        '',
        '  prefix             = "acme"',
        '  cluster            = "corp"',
        '  account_id         = "111122223333"',
        '  region             = "us-west-2"',
        '  enable_logging     = true',
        '  existing_trail     = false',
        '  is_global_trail    = true',
        '  event_pattern      = "{\\"account\\":[\\"111122223333\\"]}"',
        '  kinesis_stream_arn = module.kinesis_streams.arn',
        '}',
      ].join('\n'),
    );
  });
  it("aws-lambda-v2: a role outputs.json names is the alert processor's to assume", async () => {
    const main = await corpRoot((c: any) => {
      c['outputs.json']['aws-lambda-v2'] = {
        'notify-v2': { assume_role_arn: 'arn:aws:iam::444455556666:role/streamalert-invoker' },
        local: { ssm_parameter: '/team/lambda-v2' },
      };
    });
    expect(moduleBlock(main, 'stream_alert')).toMatch(
      /\n {2}output_assume_roles\s+= \["arn:aws:iam::444455556666:role\/streamalert-invoker"\]\n/,
    );
    // StreamAlert's list form names no role: no grant, no line.
    expect(moduleBlock(await corpRoot(), 'stream_alert')).not.toContain('output_assume_roles');
  });
});
