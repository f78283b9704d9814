/**
 * `command: test` (issue 22: the action offers what the CLI does): the rule fixtures run as
 * the CLI's `test` runs them, the counts go to the rule-tests output and the text to the
 * job summary; a failing fixture fails the step. No Terraform, no AWS.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainRun, runAction } from '../support/action-runner.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';

/** The production example (conf, rules, fixtures) in a folder of its own. */
function exampleRepo(label: string): string {
  const repo = tempDir(label);
  for (const dir of ['conf', 'rules', 'tests'])
    cpSync(path.join(REPO_ROOT, 'examples', 'production', dir), path.join(repo, dir), {
      recursive: true,
    });
  return repo;
}

const invocation = (cwd: string) => ({
  eventName: 'workflow_dispatch',
  event: {},
  sha: 'a'.repeat(40),
  ref: 'refs/heads/main',
  inputs: { command: 'test', 'github-token': 'ghs_test' },
  env: {},
  cwd,
});

describe('the action, command test', () => {
  // The first run of a test file builds the processor bundles (minutes on a cold cache).
  it(
    'runs the rule fixtures, sets rule-tests and writes the job summary',
    { timeout: 900_000 },
    async () => {
      const repo = exampleRepo('action-test-ok');
      const r = await runAction(invocation(repo));
      expect(r.code, explainRun(r)).toBe(0);
      const counts = JSON.parse(r.outputs['rule-tests'] ?? '{}') as Record<string, unknown>;
      expect(counts).toMatchObject({ failed: 0, unclassified: 0 });
      expect(counts.passed).toBeGreaterThan(0);
      expect(r.summary).toContain('## StreamAlert rule tests');
      expect(r.summary).toContain(`rule tests passed`);
      expect(r.stdout).toContain('rule tests passed');
    },
  );

  it('fails the step when a fixture fails, naming how many', { timeout: 900_000 }, async () => {
    const repo = exampleRepo('action-test-fail');
    const file = path.join(repo, 'tests', 'rules', 'cloudtrail_stopped.json');
    const fixtures = JSON.parse(readFileSync(file, 'utf8')) as {
      records: { trigger_rules: string[] }[];
    };
    fixtures.records[0]!.trigger_rules = ['no_such_rule'];
    writeFileSync(file, JSON.stringify(fixtures));
    const r = await runAction(invocation(repo));
    expect(r.code).toBe(1);
    const counts = JSON.parse(r.outputs['rule-tests'] ?? '{}') as { failed: number };
    expect(counts.failed).toBeGreaterThanOrEqual(1);
    expect(r.stdout).toMatch(/::error::\d+ rule test\(s\) failed/);
    expect(r.summary).toContain('❌');
  });
});
