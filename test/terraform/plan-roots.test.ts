/**
 * The runner's own logic against a scripted Terraform (no binary, no AWS): what a root's
 * result says for each failing step, the counts and plan text of a successful one, that
 * inits never overlap and share the first root's lock file, and how apply reports a
 * stale saved plan.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRoot, planRoots, type RunnerOptions } from '../../src/terraform/runner.js';
import { tempDir } from '../support/conf.js';
import { change, FakeTerraform, type RootScript } from '../support/fake-terraform.js';

const PROVIDERS = `terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.100" }\n  }\n}\n`;

/** A tree with one folder per root, each with a main.tf naming the providers. */
function tree(roots: string[], providers: Record<string, string> = {}): string {
  const dir = tempDir('plan-roots');
  for (const root of roots) {
    mkdirSync(path.join(dir, root));
    writeFileSync(path.join(dir, root, 'main.tf'), providers[root] ?? PROVIDERS);
  }
  return dir;
}

function options(terraform: FakeTerraform, extra: Partial<RunnerOptions> = {}): RunnerOptions {
  return {
    binary: 'terraform-not-run',
    env: {},
    backendConfig: ['bucket=state', 'role_arn=arn:aws:iam::1:role/x'],
    parallelism: 3,
    mask: (t) => t.replaceAll('hunter2', '***'),
    terraform,
    ...extra,
  };
}

describe('planRoots', () => {
  it('reports each root at the step it failed, with masked messages, and still plans the others', async () => {
    const script: Record<string, RootScript> = {
      initfail: {
        init: {
          code: 1,
          stderr: 'Error: Failed to get existing workspaces\npassword hunter2\n\n\n\nend',
        },
      },
      planfail: { plan: { code: 1, stderr: 'Error: Invalid value for variable' } },
      quiet: { plan: { code: 2, stderr: '', stdout: '' } },
      showfail: { show: { raw: { code: 1, stdout: 'Error: plan file is corrupt', stderr: '' } } },
      notjson: { show: { raw: { stdout: 'not json' } } },
      good: {
        plan: {
          stdout:
            'aws_sns_topic.t: Refreshing state... [id=t]\n\nTerraform will perform the following actions:\n\nPlan: 1 to add, 0 to change, 0 to destroy.\n',
        },
        show: { resource_changes: [change('aws_sns_topic.t', 'aws_sns_topic', ['create'])] },
      },
    };
    const roots = Object.keys(script);
    const tf = new FakeTerraform(script);
    const plans = await planRoots(options(tf), tree(roots), roots);

    expect(plans.map((p) => [p.root, p.status, p.error?.step])).toEqual([
      ['initfail', 'error', 'init'],
      ['planfail', 'error', 'plan'],
      ['quiet', 'error', 'plan'],
      ['showfail', 'error', 'show'],
      ['notjson', 'error', 'show'],
      ['good', 'changes', undefined],
    ]);
    const byRoot = Object.fromEntries(plans.map((p) => [p.root, p]));
    // Terraform's message, masked, with runs of blank lines squeezed.
    expect(byRoot.initfail!.error!.message).toBe(
      'Error: Failed to get existing workspaces\npassword ***\n\nend',
    );
    expect(byRoot.planfail!.error!.message).toBe('Error: Invalid value for variable');
    // Nothing on either stream: the exit code, not an empty message.
    expect(byRoot.quiet!.error!.message).toBe('exit code 2');
    // stdout when stderr is empty.
    expect(byRoot.showfail!.error!.message).toBe('Error: plan file is corrupt');
    expect(byRoot.notjson!.error!.message).toMatch(/^terraform show -json printed no JSON: /);
    // An errored root carries no counts, plan or fingerprint that could be mistaken for a result.
    for (const p of plans.filter((p) => p.status === 'error'))
      expect(p).toMatchObject({
        add: 0,
        change: 0,
        destroy: 0,
        changes: [],
        planText: '',
        fingerprint: '',
      });
    // A step after a failed one never runs.
    expect(tf.opsByRoot()).toEqual({
      initfail: ['init'],
      planfail: ['init', 'plan'],
      quiet: ['init', 'plan'],
      showfail: ['init', 'plan', 'show'],
      notjson: ['init', 'plan', 'show'],
      good: ['init', 'plan', 'show'],
    });
    // Every init gets the backend-config lines.
    expect(tf.calls.filter((c) => c.op === 'init').every((c) => c.args?.length === 2)).toBe(true);
  });

  it('counts adds, changes and destroys from the plan JSON (a replacement is one add and one destroy)', async () => {
    const tf = new FakeTerraform({
      prod: {
        plan: {
          stdout:
            'module.k.aws_kinesis_stream.this: Reading...\nPlan: 2 to add, 1 to change, 2 to destroy.\n',
        },
        show: {
          resource_changes: [
            change('module.k.aws_kinesis_stream.this', 'aws_kinesis_stream', ['delete', 'create']),
            change('aws_sns_topic.new', 'aws_sns_topic', ['create']),
            change('aws_iam_role.r', 'aws_iam_role', ['update']),
            change('aws_s3_bucket.old', 'aws_s3_bucket', ['delete']),
            change('aws_sns_topic.same', 'aws_sns_topic', ['no-op']),
            { ...change('data.aws_region.current', 'aws_region', ['read']), mode: 'data' },
          ],
        },
      },
    });
    const [prod] = await planRoots(options(tf), tree(['prod']), ['prod']);
    expect(prod).toMatchObject({ status: 'changes', add: 2, change: 1, destroy: 2 });
    expect(prod!.changes.map((c) => [c.address, c.action, c.dataBearing])).toEqual([
      ['aws_iam_role.r', 'update', false],
      ['aws_s3_bucket.old', 'delete', true],
      ['aws_sns_topic.new', 'create', false],
      ['module.k.aws_kinesis_stream.this', 'replace', true],
    ]);
    expect(prod!.planText).toBe('Plan: 2 to add, 1 to change, 2 to destroy.');
    expect(prod!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same fingerprint for the same planned changes and another for different ones', async () => {
    const json = (shards: number) => ({
      resource_changes: [
        change('aws_kinesis_stream.s', 'aws_kinesis_stream', ['update'], { shard_count: shards }),
      ],
    });
    const tf = new FakeTerraform({
      a: { show: json(1) },
      b: { show: json(1) },
      c: { show: json(2) },
    });
    const [a, b, c] = await planRoots(options(tf), tree(['a', 'b', 'c']), ['a', 'b', 'c']);
    expect(a!.fingerprint).toBe(b!.fingerprint);
    expect(c!.fingerprint).not.toBe(a!.fingerprint);
  });

  it('runs the first init alone and never two inits at once, while plans run in parallel', async () => {
    const roots = ['global', 'alpha', 'bravo', 'charlie', 'delta'];
    const tf = new FakeTerraform();
    const plans = await planRoots(options(tf, { parallelism: 4 }), tree(roots), roots);
    expect(plans.map((p) => [p.root, p.status])).toEqual(roots.map((r) => [r, 'no-changes']));
    // The fake's init yields several times: overlapping inits would be counted.
    expect(tf.maxConcurrentInits).toBe(1);
    expect(tf.calls[0]).toEqual({ root: 'global', op: 'init', args: expect.any(Array) });
    // Every root's own plan comes after its own init.
    for (const ops of Object.values(tf.opsByRoot())) expect(ops).toEqual(['init', 'plan', 'show']);
  });

  it('copies the lock file only where none exists and the providers match', async () => {
    const roots = ['global', 'same', 'own', 'other'];
    const dir = tree(roots, { other: PROVIDERS.replace('~> 5.100', '~> 6.0') });
    writeFileSync(path.join(dir, 'own', '.terraform.lock.hcl'), '# own\n');
    // Later inits fail, so the lock files are what planRoots left before they ran.
    const failing = { init: { code: 1, stderr: 'Error: offline' } };
    const tf = new FakeTerraform({ same: failing, own: failing, other: failing });
    await planRoots(options(tf), dir, roots);
    const lock = (root: string) => {
      try {
        return readFileSync(path.join(dir, root, '.terraform.lock.hcl'), 'utf8');
      } catch {
        return undefined;
      }
    };
    expect(lock('same')).toBe(lock('global'));
    expect(lock('own')).toBe('# own\n');
    expect(lock('other')).toBeUndefined();
  });

  it('reports a failed first init at its root and still plans the rest', async () => {
    const tf = new FakeTerraform({
      global: { init: { code: 1, stderr: 'Error: no credentials' } },
    });
    const plans = await planRoots(options(tf), tree(['global', 'prod']), ['global', 'prod']);
    expect(plans.map((p) => [p.root, p.status, p.error?.step])).toEqual([
      ['global', 'error', 'init'],
      ['prod', 'no-changes', undefined],
    ]);
    expect(tf.opsByRoot().global).toEqual(['init']);
  });

  it('plans nothing for no roots', async () => {
    const tf = new FakeTerraform();
    expect(await planRoots(options(tf), tree([]), [])).toEqual([]);
    expect(tf.calls).toEqual([]);
  });
});

describe('applyRoot', () => {
  it('says a saved plan is stale in words, and masks what Terraform printed', async () => {
    const tf = new FakeTerraform({
      stale: {
        apply: {
          code: 1,
          stderr:
            'Error: Saved plan is stale\n\nThe given plan file can no longer be applied (hunter2).',
        },
      },
      broken: { apply: { code: 1, stderr: '', stdout: 'Error: AccessDenied' } },
      fine: { apply: { stdout: 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.\n' } },
    });
    const dir = tree(['stale', 'broken', 'fine']);
    const stale = await applyRoot(options(tf), dir, 'stale');
    expect(stale.ok).toBe(false);
    expect(stale.output).toMatch(
      /^refused: the state changed since this plan was made \(saved plan is stale\); plan again\./,
    );
    expect(stale.output).toContain('can no longer be applied (***)');
    expect(await applyRoot(options(tf), dir, 'broken')).toEqual({
      root: 'broken',
      ok: false,
      output: 'Error: AccessDenied',
    });
    expect(await applyRoot(options(tf), dir, 'fine')).toEqual({
      root: 'fine',
      ok: true,
      output: 'Apply complete! Resources: 1 added, 0 changed, 0 destroyed.',
    });
  });
});
