/**
 * The CLI's `apply` of the plans `plan` saved: it refuses a plan that went stale (another
 * commit, a changed configuration, a plan with errors, no plan at all) before Terraform
 * runs, applies only the roots with changes (or those asked for), and says when
 * Terraform itself finds the saved plan stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyCommand, StalePlanError } from '../../src/commands/apply.js';
import { writeReport } from '../../src/commands/plan.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { change, FakeTerraform } from '../support/fake-terraform.js';
import { MemoryStateBucket } from '../support/memory-state.js';
import { engine, planWithoutBuild, script } from './engine.js';

async function planned(
  tf: FakeTerraform,
  extra: Partial<EngineOptions> = {},
): Promise<EngineOptions> {
  const o = engine(tf, extra);
  const { report } = await planWithoutBuild(o);
  await writeReport(o.outDir, report, 'comment');
  return o;
}

const applies = (tf: FakeTerraform) => tf.calls.filter((c) => c.op === 'apply').map((c) => c.root);

describe('apply of a saved plan', () => {
  it('applies the roots with changes and skips the others', async () => {
    const tf = new FakeTerraform(script());
    const o = await planned(tf);
    const results = await applyCommand(o);
    expect(results).toEqual([{ root: 'production', ok: true, output: 'Apply complete!' }]);
    expect(applies(tf)).toEqual(['production']);
  });

  it('refuses when there is no saved plan', async () => {
    const tf = new FakeTerraform(script());
    const o = engine(tf);
    await expect(applyCommand(o)).rejects.toThrow(
      new StalePlanError(
        `no saved plan in ${path.join(o.outDir, 'plan-report.json')}: run "streamalert plan" first`,
      ),
    );
  });

  it('refuses a plan made for another commit, and runs no Terraform', async () => {
    const tf = new FakeTerraform(script());
    const o = await planned(tf);
    await expect(
      applyCommand({ ...o, commit: 'fedcba9876543210fedcba9876543210fedcba98' }),
    ).rejects.toThrow(
      'the saved plan was made for commit 0123456789ab, but HEAD is fedcba987654: plan again',
    );
    expect(applies(tf)).toEqual([]);
  });

  it('accepts an unknown commit on either side (outside git)', async () => {
    const tf = new FakeTerraform(script());
    const o = await planned(tf);
    expect(await applyCommand({ ...o, commit: 'unknown' })).toHaveLength(1);
  });

  it('refuses when the configuration or the render options changed since the plan', async () => {
    const tf = new FakeTerraform(script());
    const o = await planned(tf);
    const file = path.join(o.configDir, 'clusters', 'production.json');
    const cluster = JSON.parse(readFileSync(file, 'utf8'));
    cluster.modules.kinesis.streams.shards = 2;
    writeFileSync(file, JSON.stringify(cluster));
    const stale =
      'the configuration (or the render options) changed since the saved plan: plan again';
    await expect(applyCommand(o)).rejects.toThrow(stale);
    cluster.modules.kinesis.streams.shards = 1;
    writeFileSync(file, JSON.stringify(cluster));
    await expect(applyCommand({ ...o, awsEndpoint: 'http://127.0.0.1:5000' })).rejects.toThrow(
      stale,
    );
    expect(await applyCommand(o)).toHaveLength(1);
  });

  it('refuses a saved plan with errors', async () => {
    const tf = new FakeTerraform(script({ plan: { code: 1, stderr: 'Error: boom' } }));
    const o = await planned(tf);
    await expect(applyCommand(o)).rejects.toThrow(
      'the saved plan has errors: fix them and plan again',
    );
    expect(applies(tf)).toEqual([]);
  });

  it('applies only the roots asked for, and refuses a root the plan does not have', async () => {
    const tf = new FakeTerraform({
      ...script(),
      global: script().production,
    });
    const o = await planned(tf);
    expect((await applyCommand({ ...o, clusters: ['global'] })).map((r) => r.root)).toEqual([
      'global',
    ]);
    await expect(applyCommand({ ...o, clusters: ['pci'] })).rejects.toThrow(
      'the saved plan has no root pci (planned: global, production): plan them first',
    );
    expect(applies(tf)).toEqual(['global']);
  });

  it('refuses the first deployment (the plan it saves when the state bucket is missing), running no Terraform', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const tf = new FakeTerraform(script());
    const o = await planned(tf, { stateStore: bucket.factory });
    await expect(applyCommand(o)).rejects.toThrow(
      new StalePlanError(
        'the saved plan is the first deployment (the state bucket acme.streamalert.terraform.state does not exist yet), ' +
          'which apply does not bootstrap: merge it for the action to apply global, move its state into the bucket and ' +
          'then apply the clusters, or bootstrap by hand with "streamalert render --bootstrap" (docs/operations.md#from-the-cli)',
      ),
    );
    expect(applies(tf)).toEqual([]);
  });

  it("renders as the plan did when it looked at the bucket, and refuses a removed cluster's destroy", async () => {
    const bucket = new MemoryStateBucket();
    bucket.states.set('global', MemoryStateBucket.stateIn('us-east-1'));
    bucket.states.set('staging', MemoryStateBucket.stateIn('eu-central-1'));
    const destroy = {
      show: {
        resource_changes: [
          change('module.stream_alert.aws_lambda_function.f', 'aws_lambda_function', ['delete']),
        ],
      },
    };
    const tf = new FakeTerraform({ ...script(), staging: destroy });
    const o = await planned(tf, { stateStore: bucket.factory });
    await expect(applyCommand(o)).rejects.toThrow(
      'the saved plan destroys removed cluster(s) staging, which apply never does: merge the pull request ' +
        'with the label streamalert:allow-destroy for the action to destroy them, or apply the other roots with --clusters',
    );
    expect(applies(tf)).toEqual([]);
    // The saved plan is current (rendered with the removed root): the others apply.
    expect((await applyCommand({ ...o, clusters: ['production'] })).map((r) => r.root)).toEqual([
      'production',
    ]);
  });

  it('reports a plan Terraform finds stale (state moved) as refused', async () => {
    const tf = new FakeTerraform(
      script({ apply: { code: 1, stderr: 'Error: Saved plan is stale' } }),
    );
    const o = await planned(tf);
    const [result] = await applyCommand(o);
    expect(result).toMatchObject({ root: 'production', ok: false });
    expect(result!.output).toMatch(/^refused: the state changed since this plan was made/);
  });
});
