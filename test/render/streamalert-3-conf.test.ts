/**
 * A repository in StreamAlert 3's own layout (test/support/streamalert3.ts, written by the
 * test) goes through test, build and render unchanged: its test events beside the rules
 * (bare lists, nested folders, classify_only, a gzipped record and a two-line S3 object),
 * `test --classify-only`, zips carrying the merged schemas and sources, and rendered roots
 * that pass `terraform validate` with the real AWS provider.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDetectionBundle } from '../../src/processors/detection/bundle.js';
import { buildCommand } from '../../src/commands/build.js';
import { renderCommand } from '../../src/commands/render.js';
import { testCommand } from '../../src/commands/test.js';
import { tempDir } from '../support/conf.js';
import { processorBundles } from '../support/processor-bundles.js';
import { writeSa3Repo } from '../support/streamalert3.js';
import { expectValidRoots } from '../support/terraform.js';

const repo = writeSa3Repo();
const conf = path.join(repo, 'conf');
const rules = path.join(repo, 'rules');

describe('a StreamAlert 3 repository, unchanged', () => {
  it('passes its test events, kept beside the rules as bare lists', async () => {
    // No tests/rules folder: StreamAlert 3 keeps the events in the rules folders.
    const result = await testCommand({
      configDir: conf,
      rulesDir: rules,
      fixturesDir: path.join(repo, 'tests', 'rules'),
      bundlesDir: processorBundles(),
    });
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.summary.results.map((r) => [r.fixture.description, r.log, r.fired])).toEqual([
      ['an S3 object of two audit lines', 'audit:event', []],
      ['an audit event from the app', 'audit:event', []],
      ['a non-admin reads an admin page', 'websrv:access', ['websrv_admin_access']],
      // Gzipped: the log comes from the processor, not "classified as undefined".
      ['the admin reads an admin page, gzipped', 'websrv:access', []],
    ]);
    expect(result.ok).toBe(true);
  }, 300_000);

  it('checks classification alone with --classify-only (manage.py test classifier)', async () => {
    const result = await testCommand({
      configDir: conf,
      rulesDir: rules,
      fixturesDir: path.join(repo, 'tests', 'rules'),
      bundlesDir: processorBundles(),
      classifyOnly: true,
    });
    expect(result.summary.results.every((r) => r.fixture.classifyOnly && r.passed)).toBe(true);
    expect(result.summary.results.map((r) => r.fired)).toEqual([[], [], [], []]);
    expect(result.ok).toBe(true);
  }, 300_000);

  it('says which folder has no test events, instead of "(0/0) passed"', async () => {
    const empty = path.join(tempDir('sa3-empty'), 'tests');
    mkdirSync(path.join(empty, 'nested'), { recursive: true });
    const emptyRules = path.join(tempDir('sa3-norules'), 'rules');
    mkdirSync(emptyRules);
    const result = await testCommand({
      configDir: conf,
      rulesDir: emptyRules,
      fixturesDir: empty,
      bundlesDir: processorBundles(),
    });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      `${empty}: no test events found: no *.json files in it or its folders (nor beside the rules in ${emptyRules})`,
    ]);
    expect(result.text).not.toContain('(0/0)');
  }, 300_000);

  it('builds a detection bundle carrying the schemas and data_sources in the form the Lambda reads', async () => {
    const out = tempDir('sa3-build');
    await buildCommand({
      configDir: conf,
      rulesDir: rules,
      outDir: out,
      bundlesDir: processorBundles(),
    });
    // The conf the rule processor reads ships in the detection bundle, not in its zip.
    const bundle = parseDetectionBundle(readFileSync(path.join(out, 'detection-bundle.json')));
    const read = (name: string) =>
      JSON.parse(bundle.files.get(name)!.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(read('conf/logs.json'))).toEqual([
      'websrv:error',
      'websrv:access',
      'audit:event',
    ]);
    expect(read('conf/sources.json')).toEqual({
      kinesis: { acme_corp_streamalert: { logs: ['websrv', 'audit'] } },
      s3: { 'acme.corp.audit.logs': { logs: ['audit'] } },
      sns: { acme_corp_alerts_topic: { logs: ['websrv'] } },
      stream_alert_app: { acme_corp_audit_app: { logs: ['audit'] } },
    });
    expect(read('conf/types.json')).toEqual({
      audit: { userName: ['actor'] },
      websrv: { sourceAddress: ['client_ip'], userName: ['user'] },
    });
    // The Lambda classifies as StreamAlert 3 did: the layout says so.
    expect(read('conf/generation.json')).toEqual({ generation: '3.x' });
  }, 300_000);

  it('renders roots that pass terraform validate', { timeout: 600_000 }, async () => {
    const out = path.join(tempDir('sa3-render'), 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: path.join(tempDir('sa3-b'), 'build') });
    const roots = readdirSync(out)
      .filter((n) => n !== 'modules' && !n.startsWith('.'))
      .sort();
    expect(roots).toEqual(['corp', 'global']);
    const main = readFileSync(path.join(out, 'corp', 'main.tf'), 'utf8');
    expect(main).toContain('"us-west-2"');
    expect(main).toMatch(/output_ses_identities\s*=\s*\["\*"\]/);
    // classifier_config's log_retention_days and lambda.json's concurrency_limit act.
    expect(main).toMatch(/\n {2}rule_processor_log_retention_days\s*= 14\n/);
    expect(main).toMatch(/\n {2}alert_processor_concurrency_limit\s*= 4\n/);
    expect(main).not.toMatch(/alert_processor_log_retention_days|rule_processor_concurrency_limit/);
    // Each function's metric_alarms: AWS/Lambda alarms with StreamAlert 3's names.
    expect(main).toMatch(/monitoring_sns_topic_arn\s*= "arn:aws:sns:us-west-2:111122223333:/);
    const alarm = (name: string) => main.slice(main.indexOf(`"${name}" = {`)).split('}')[0];
    expect(alarm('acme_corp_streamalert_rule_processor_invocation_errors')).toMatch(
      /function\s*= "rule_processor"\s+metric_name\s*= "Errors"\s+threshold\s*= 0\s+evaluation_periods = 1\s+period\s*= 120/,
    );
    expect(alarm('acme_corp_streamalert_alert_processor_throttles')).toMatch(
      /function\s*= "alert_processor"\s+metric_name\s*= "Throttles"\s+threshold\s*= 2\s+evaluation_periods = 3\s+period\s*= 300/,
    );
    expect(main).not.toContain('alert_processor_invocation_errors');
    // s3_events in StreamAlert 3's form: one notification per filter of the bucket.
    expect(main).toContain(
      'filters                      = [{ prefix = "audit/", suffix = ".json" }, { prefix = "audit/", suffix = ".json.gz" }]',
    );
    await expectValidRoots(out, roots);
  });
});
