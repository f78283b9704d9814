import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCommand } from '../../src/commands/test.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

const example = path.join(REPO_ROOT, 'examples', 'production');

describe('streamalert test on examples/production', () => {
  it('passes every fixture of every example rule', async () => {
    const result = await testCommand({
      configDir: path.join(example, 'conf'),
      rulesDir: path.join(example, 'rules'),
      fixturesDir: path.join(example, 'tests', 'rules'),
      bundlesDir: processorBundles(),
    });
    expect(result.text).toContain('rule tests passed');
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.summary.untestedRules).toEqual([]);
    expect(result.summary.results.length).toBeGreaterThanOrEqual(14);
  }, 300_000);
});
