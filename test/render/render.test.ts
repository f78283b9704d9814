import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/problems.js';
import { renderCommand } from '../../src/commands/render.js';
import {
  EXAMPLES,
  REPO_ROOT,
  copyExample,
  seedCluster,
  seedGlobal,
  tempDir,
  writeConf,
} from '../support/conf.js';
import { expectValidRoots } from '../support/terraform.js';

/** Resource type prefix -> the AWS provider's endpoint key ('' = no AWS call of its own). */
function readTree(dir: string, base = dir): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    const full = path.join(dir, entry);
    if (entry === '.terraform' || entry === '.terraform.lock.hcl') continue;
    if (statSync(full).isDirectory()) for (const [k, v] of readTree(full, base)) files.set(k, v);
    else files.set(path.relative(base, full), readFileSync(full, 'utf8'));
  }
  return files;
}

describe.each(EXAMPLES)('example %s', (example) => {
  const conf = path.join(REPO_ROOT, 'examples', example, 'conf');

  it(
    'renders roots that are fmt-clean and valid for the real AWS provider',
    { timeout: 600_000 },
    async () => {
      const out = path.join(tempDir(`render-${example}`), 'terraform');
      const { roots } = await renderCommand(conf, { outDir: out, buildDir: 'build' });
      const config = await loadConfig(conf);
      expect(roots).toEqual(['global', ...config.clusters.map((c) => c.id)]);

      await expectValidRoots(out, roots);
    },
  );

  it('renders byte-identical trees, whatever the folder it runs in', async () => {
    const a = tempDir('render-a');
    const b = tempDir('render-b');
    // Same relative layout (conf, terraform, build side by side) in two different places.
    cpSync(conf, path.join(a, 'conf'), { recursive: true });
    cpSync(conf, path.join(b, 'conf'), { recursive: true });
    await renderCommand(path.join(a, 'conf'), {
      outDir: path.join(a, 'terraform'),
      buildDir: path.join(a, 'build'),
    });
    const first = readTree(path.join(a, 'terraform'));
    await renderCommand(path.join(a, 'conf'), {
      outDir: path.join(a, 'terraform'),
      buildDir: path.join(a, 'build'),
    });
    await renderCommand(path.join(b, 'conf'), {
      outDir: path.join(b, 'terraform'),
      buildDir: path.join(b, 'build'),
    });
    expect(readTree(path.join(a, 'terraform'))).toEqual(first);
    expect(readTree(path.join(b, 'terraform'))).toEqual(first);
    for (const content of first.values()) {
      expect(content).not.toContain(a);
      expect(content).not.toContain(REPO_ROOT);
    }
  });
});

describe('rendered roots', () => {
  it('give each cluster its own state key, provider region and sensitive secret outputs', async () => {
    const out = path.join(tempDir('render-prod'), 'terraform');
    await renderCommand(copyExample('production'), { outDir: out, buildDir: 'build' });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain('key          = "stream_alert_state/production/terraform.tfstate"');
    expect(main).toMatch(/provider "aws" \{\n {2}region = "us-west-2"\n\}/);
    expect(main).toMatch(
      /output "kinesis_production_secret_key" \{[^}]*value += module\.kinesis_streams\.secret_key\n {2}sensitive += true\n\}/,
    );
    expect(main).toMatch(
      /output "kinesis_production_username" \{[^}]*value += module\.kinesis_streams\.username\n\}/,
    );
    expect(main).not.toContain('endpoints');
    expect(main).not.toContain('shared_config_files');
    expect(existsSync(path.join(out, 'production', 'aws-endpoint.config'))).toBe(false);
    const global = readFileSync(path.join(out, 'global', 'main.tf'), 'utf8');
    expect(global).toContain('key          = "stream_alert_state/global/terraform.tfstate"');
    // Alarms notify topics in their own region only: one monitoring module per region.
    expect(global).toContain('module "monitoring_us_east_1"');
    expect(global).toContain('module "monitoring_us_west_2"');
    // The detection bundle: published by the global root, named (only) by every cluster root.
    expect(global).toMatch(
      /module "detection_bundle" \{\n {2}source = "\.\.\/modules\/detection_bundle"\n\n {2}bucket_name = "(\w+)-(\d{12})-streamalert-detection"\n {2}object_key {2}= "detection\/bundle\.json"\n {2}prefix {6}= "\1"\n {2}account_id {2}= "\2"\n {2}bundle_file = "(\.\.\/)+[^"]*build\/detection-bundle\.json"\n {2}writer_arn {2}= null\n\}/,
    );
    expect(main).toMatch(
      /detection_bundle = \{\n {4}bucket = "\w+-\d{12}-streamalert-detection"\n {4}key {4}= "detection\/bundle\.json"\n {4}region = "[a-z0-9-]+"\n {2}\}/,
    );
    expect(main).not.toContain('detection-bundle.json');
    expect(readdirSync(path.join(out, 'modules')).sort()).toEqual([
      'cloudtrail',
      'cloudwatch_monitoring',
      'detection_bundle',
      'flow_logs',
      'kinesis_events',
      'kinesis_firehose',
      'kinesis_streams',
      'monitoring',
      's3_events',
      'stream_alert',
      'terraform_state',
    ]);
  });

  it('grant the alert processor exactly the outputs conf/outputs.json names', async () => {
    const out = path.join(tempDir('render-grants'), 'terraform');
    await renderCommand(copyExample('multi-region'), { outDir: out, buildDir: 'build' });
    const corp = readFileSync(path.join(out, 'corp', 'main.tf'), 'utf8');
    expect(corp).toContain('output_sns_topics                      = ["secops-alarms"]');
    expect(corp).toContain(
      'output_secrets                         = ["streamalert/outputs/pagerduty"]',
    );
    expect(corp).toContain('output_secret_parameters               = []');
  });

  it('send every AWS call to --aws-endpoint, path-style, only when asked', async () => {
    const out = path.join(tempDir('render-endpoint'), 'terraform');
    await renderCommand(copyExample('production'), {
      outDir: out,
      buildDir: 'build',
      awsEndpoint: 'http://127.0.0.1:4566',
    });
    for (const root of ['global', 'production']) {
      const main = readFileSync(path.join(out, root, 'main.tf'), 'utf8');
      // Every provider configuration of the root (global has one per region) reads the
      // endpoint from the file beside it, for every service: none is left to a list that
      // could miss one (DynamoDB once went to the real account of whoever's credentials were set).
      const providers = main.match(/^provider "aws" \{[\s\S]*?^\}/gm) ?? [];
      expect(providers.length).toBeGreaterThan(0);
      for (const p of providers) {
        expect(p).toContain('shared_config_files         = ["${path.module}/aws-endpoint.config"]');
        expect(p).toContain('s3_use_path_style           = true');
        expect(p).not.toContain('profile');
        // The provider's endpoints block costs ~3.5 CPU-s each time a provider starts.
        expect(p).not.toContain('endpoints');
      }
      expect(readFileSync(path.join(out, root, 'aws-endpoint.config'), 'utf8')).toMatch(
        /^\[default\]\nendpoint_url = http:\/\/127\.0\.0\.1:4566\n/m,
      );
      // The S3 backend (Terraform's own client) keeps its endpoints.
      expect(main).toContain('use_path_style              = true');
      expect(main).toContain('s3       = "http://127.0.0.1:4566"');
    }
  });

  it('keep configuration strings literal', async () => {
    const cluster = seedCluster() as { modules: Record<string, unknown> };
    cluster.modules.cloudtrail = {
      enabled: true,
      event_pattern: {
        detail: { userName: ['${file("/etc/passwd")}', '%{ if true }x%{ endif }'] },
      },
    };
    const out = path.join(tempDir('render-inject'), 'terraform');
    await renderCommand(writeConf(seedGlobal(), { production: cluster }), {
      outDir: out,
      buildDir: 'build',
    });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain(
      'event_pattern      = "{\\"detail\\":{\\"userName\\":[\\"$${file(\\\\\\"/etc/passwd\\\\\\")}\\",\\"%%{ if true }x%%{ endif }\\"]}}"',
    );
  });
});

describe('writing the tree', () => {
  it('writes nothing when validation fails, and leaves the previous tree untouched', async () => {
    const dir = tempDir('render-fail');
    const out = path.join(dir, 'terraform');
    const conf = copyExample('production');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    const before = readTree(out);
    mkdirSync(path.join(out, 'production', '.terraform'));
    writeFileSync(path.join(conf, 'clusters', 'production.json'), '{"id": "production"}');
    await expect(renderCommand(conf, { outDir: out, buildDir: 'build' })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(readTree(out)).toEqual(before);
    expect(existsSync(path.join(out, 'production', '.terraform'))).toBe(true);
    expect(readdirSync(dir)).toEqual(['terraform']);

    const fresh = path.join(dir, 'never');
    await expect(renderCommand(conf, { outDir: fresh, buildDir: 'build' })).rejects.toBeInstanceOf(
      ConfigError,
    );
    expect(existsSync(fresh)).toBe(false);
  });

  it('keeps what Terraform wrote in each root across renders, above all local state', async () => {
    const out = path.join(tempDir('render-keep'), 'terraform');
    const conf = copyExample('production');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    mkdirSync(path.join(out, 'production', '.terraform'));
    writeFileSync(path.join(out, 'production', '.terraform.lock.hcl'), '# lock\n');
    // The bootstrap apply keeps the global root's state on disk until it is migrated.
    writeFileSync(path.join(out, 'global', 'terraform.tfstate'), '{"serial": 1}\n');
    writeFileSync(path.join(out, 'production', 'streamalert.tfplan'), 'stale plan');
    writeFileSync(path.join(out, 'production', 'extra.tf'), '# hand-written');
    await renderCommand(conf, { outDir: out, buildDir: 'build' });
    expect(existsSync(path.join(out, 'production', '.terraform'))).toBe(true);
    expect(readFileSync(path.join(out, 'production', '.terraform.lock.hcl'), 'utf8')).toBe(
      '# lock\n',
    );
    expect(readFileSync(path.join(out, 'global', 'terraform.tfstate'), 'utf8')).toBe(
      '{"serial": 1}\n',
    );
    // Configuration is ours to render, and a saved plan is stale once it changes.
    expect(existsSync(path.join(out, 'production', 'streamalert.tfplan'))).toBe(false);
    expect(existsSync(path.join(out, 'production', 'extra.tf'))).toBe(false);
  });

  it('refuses to replace a folder it did not write', async () => {
    const dir = tempDir('render-foreign');
    writeFileSync(path.join(dir, 'precious.txt'), 'keep me');
    await expect(
      renderCommand(copyExample('production'), { outDir: dir, buildDir: 'build' }),
    ).rejects.toThrow(
      /refusing to replace .*: it is not empty and was not written by "streamalert render"/,
    );
    expect(readdirSync(dir)).toEqual(['precious.txt']);
  });
});
