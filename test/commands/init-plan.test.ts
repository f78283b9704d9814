/**
 * Straight after `streamalert init`, with no edits, a new repository passes `validate` and
 * `test`, and `plan --aws-endpoint` against a real moto (no state bucket yet) plans its
 * first deployment through the action's path: global with local state creating the bucket,
 * the cluster against empty state. Everything runs as a user runs it: the CLI as a process,
 * real Terraform with the provider mirror, the processor bundles built from src/.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/plan/types.js';
import { runCli } from '../support/cli-runner.js';
import { tempDir } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles } from '../support/processor-bundles.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

describe('a repository fresh from streamalert init', () => {
  it(
    'validates, passes its rule tests and plans its first deployment against moto, as written',
    { timeout: 1_200_000 },
    async () => {
      const dir = path.join(tempDir('init-plan'), 'detections');
      const bundlesDir = processorBundles();
      const cli = (args: string[]) =>
        runCli(args, dir, { bundlesDir, env: moto.env }).then((r) => {
          // What the CLI printed, should an assertion on it fail.
          expect.soft(r.code, `${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
          return r;
        });

      execFileSync('mkdir', ['-p', dir]);
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const init = await runCli(['init'], dir);
      expect(init).toMatchObject({ code: 0, stderr: '' });
      expect(init.stdout).toContain('.: wrote 12 file(s)');

      expect((await cli(['validate'])).stdout).toBe('conf: valid (1 cluster(s): production)\n');
      expect((await cli(['test'])).stdout).toContain('(7/7) rule tests passed');

      const plan = await cli(['plan', '--aws-endpoint', moto.endpoint]);
      expect(plan.code).toBe(0);
      const report = JSON.parse(
        readFileSync(path.join(dir, 'terraform', 'plan-report.json'), 'utf8'),
      ) as PlanReport;
      expect(report.failure).toBeUndefined();
      expect(report.firstDeployment).toEqual({ bucket: 'changeme.streamalert.terraform.state' });
      expect(report.ruleTests).toEqual({ passed: 7, failed: 0, failures: [] });
      expect(report.roots.map((r) => [r.root, r.status, r.error?.message])).toEqual([
        ['global', 'changes', undefined],
        ['production', 'changes', undefined],
      ]);
      // global creates the state bucket; both roots keep their state locally until the merge moves it.
      const global = report.roots[0]!;
      expect(global.changes.map((c) => c.address)).toContain(
        'module.terraform_state.aws_s3_bucket.this',
      );
      for (const root of ['global', 'production'])
        expect(readFileSync(path.join(dir, 'terraform', root, 'main.tf'), 'utf8')).toMatch(
          /backend "local"/,
        );
      const comment = readFileSync(path.join(dir, 'terraform', 'plan-comment.md'), 'utf8');
      expect(comment).toContain('First deployment');

      // The CLI does not apply a first deployment (the action does, on merge): it says so.
      const apply = await runCli(['apply', '--aws-endpoint', moto.endpoint], dir, {
        bundlesDir,
        env: moto.env,
      });
      expect(apply.code).toBe(1);
      expect(apply.stderr).toMatch(/^refused: the saved plan is the first deployment/);

      // What render, build and Terraform wrote is ignored: only the scaffold is left to commit.
      const untracked = execFileSync('git', ['ls-files', '--others', '--exclude-standard'], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(untracked.trim().split('\n')).toHaveLength(12);
      expect(untracked).not.toMatch(/^(terraform|build)\//m);
    },
  );
});
