/**
 * A conf/ in StreamAlert 1.5's own shape (test/fixtures/streamalert-1.5, written for this
 * test) goes through validate, test, build and render unchanged, and every rendered root
 * passes `terraform validate` with the real AWS provider.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDetectionBundle } from '../../src/processors/detection/bundle.js';
import { buildCommand } from '../../src/commands/build.js';
import { renderCommand } from '../../src/commands/render.js';
import { testCommand } from '../../src/commands/test.js';
import { loadConfig } from '../../src/config/load.js';
import { compatibilityNotice } from '../../src/config/notices.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import { processorBundles } from '../support/processor-bundles.js';
import { expectValidRoots } from '../support/terraform.js';

const repo = path.join(REPO_ROOT, 'test', 'fixtures', 'streamalert-1.5');
const conf = path.join(repo, 'conf');

describe('a StreamAlert 1.5 conf/, unchanged', () => {
  it('validates, naming lambda.json as unused', async () => {
    const config = await loadConfig(conf);
    expect(config.clusters.map((c) => c.id)).toEqual(['prod']);
    expect(config.unusedFiles).toEqual(['lambda.json']);
    expect(compatibilityNotice(config)).toContain('not used by this project: lambda.json');
    expect([...config.processors.outputs.keys()].sort()).toEqual([
      'aws-lambda:alert-sink',
      'aws-s3:archive',
      'pagerduty:security-oncall',
      'phantom:soc-triage',
      'slack:security-alerts',
    ]);
    expect(config.processors.types.get('edr')?.get('sourceAddress')).toEqual([
      'local_ip',
      'remote_ip',
    ]);
  });

  it('passes its rule fixtures (dotted log names, datatypes, a rule without logs)', async () => {
    const result = await testCommand({
      configDir: conf,
      rulesDir: path.join(repo, 'rules'),
      fixturesDir: path.join(repo, 'tests', 'rules'),
      bundlesDir: processorBundles(),
    });
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.summary.results).toHaveLength(3);
    expect(result.ok).toBe(true);
  }, 300_000);

  it('builds a detection bundle that carries types.json', async () => {
    const out = tempDir('sa15-build');
    await buildCommand({
      configDir: conf,
      rulesDir: path.join(repo, 'rules'),
      outDir: out,
      bundlesDir: processorBundles(),
    });
    // The conf the rule processor reads ships in the detection bundle, not in its zip.
    const entries = [
      ...parseDetectionBundle(readFileSync(path.join(out, 'detection-bundle.json'))).files.keys(),
    ];
    expect(entries).toEqual(
      expect.arrayContaining(['conf/logs.json', 'conf/sources.json', 'conf/types.json']),
    );
  }, 300_000);

  it('renders roots that pass terraform validate', { timeout: 600_000 }, async () => {
    const out = path.join(tempDir('sa15-render'), 'terraform');
    await renderCommand(conf, { outDir: out, buildDir: path.join(tempDir('sa15-b'), 'build') });
    const roots = readdirSync(out)
      .filter((n) => n !== 'modules' && !n.startsWith('.'))
      .sort();
    expect(roots).toEqual(['global', 'prod']);
    await expectValidRoots(out, roots);
  });
});
