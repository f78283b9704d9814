/**
 * Plan what changed, inside the engine: a pull request plans only the roots whose inputs
 * differ from those recorded at their last apply, the merge records what it applied, and
 * a root whose apply failed or was refused is planned again. The state bucket is an
 * in-memory one, Terraform a scripted one; validation, rendering and hashing are real.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishPlanComment } from '../../src/door-kit/github.js';
import { mergeApplyCommand } from '../../src/commands/merge-apply.js';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { planLines, summaryJson } from '../../src/door-kit/plan-outcome.js';
import { PLAN_ALL_LABEL } from '../../src/review/safety.js';
import { renderComment } from '../../src/report/comment.js';
import type { RenderedTree } from '../../src/render/render.js';
import { rootInputs } from '../../src/selection/inputs.js';
import { selectChanged } from '../../src/selection/select.js';
import { appliedRecordText, parseAppliedRecord } from '../../src/state/store.js';
import { appliedObjectKey, rootOfStateKey, stateLocation } from '../../src/state/location.js';
import type { Config } from '../../src/config/types.js';
import { seedCluster, seedGlobal, writeConf, tempDir } from '../support/conf.js';
import { FakeTerraform, type RootScript } from '../support/fake-terraform.js';
import { MemoryHost } from '../support/memory-host.js';
import { MemoryStateBucket } from '../support/memory-state.js';
import { engine, planWithoutBuild, script } from '../commands/engine.js';

const MERGE1 = '1111111111111111111111111111111111111111';
const MERGE2 = '2222222222222222222222222222222222222222';

/** production and staging, staging's rule processor at `memory` MB. */
function writeClusters(o: EngineOptions, memory = 256): void {
  const staging = seedCluster() as { id: string; modules: { stream_alert: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any
  staging.id = 'staging';
  staging.modules.stream_alert.rule_processor.memory = memory;
  writeConf(seedGlobal(), { production: seedCluster(), staging }, path.dirname(o.configDir));
}

/** A deployed account: every root has state; Terraform plans what `roots` says. */
function deployed(roots: Record<string, RootScript>, labels: string[] = []) {
  const bucket = new MemoryStateBucket();
  for (const root of ['global', 'production', 'staging'])
    bucket.states.set(root, MemoryStateBucket.stateIn('us-west-2'));
  const tf = new FakeTerraform(roots);
  const o = engine(tf, { stateStore: bucket.factory });
  writeClusters(o);
  const host = new MemoryHost({
    [MERGE1]: { number: 1, labels },
    [MERGE2]: { number: 2, labels },
  });
  return { bucket, tf, o, host };
}

const planned = (tf: FakeTerraform, from: number): string[] =>
  tf.calls
    .slice(from)
    .filter((c) => c.op === 'plan')
    .map((c) => c.root);

/** Plans the pull request and publishes its comment; the report. */
async function review(o: EngineOptions, host: MemoryHost, pr: number) {
  const { report } = await planWithoutBuild(o);
  await publishPlanComment(host, pr, renderComment(report));
  return report;
}

describe('plan what changed', () => {
  it('plans only the roots whose inputs changed since their last apply, and lists the others', async () => {
    const roots: Record<string, RootScript> = { ...script(), staging: script().production };
    const { bucket, tf, o, host } = deployed(roots);

    // No record yet: every root is planned; the merge records what it applied or found unchanged.
    const first = await review(o, host, 1);
    expect(first.roots.map((r) => r.root)).toEqual(['global', 'production', 'staging']);
    expect(first.unchanged).toBeUndefined();
    const merged = await mergeApplyCommand({ ...o, commit: MERGE1 }, host, planWithoutBuild);
    expect(merged.failure).toBeUndefined();
    expect([...bucket.applied.keys()].sort()).toEqual(['global', 'production', 'staging']);
    for (const r of merged.report.roots)
      expect(bucket.applied.get(r.root)).toEqual({ inputs: r.inputs, commit: MERGE1 });
    roots.production = {};
    roots.staging = {};

    // A pull request that changes staging only plans staging.
    writeClusters(o, 512);
    const before = tf.calls.length;
    const second = await review(o, host, 2);
    expect(planned(tf, before)).toEqual(['staging']);
    expect(second.roots.map((r) => r.root)).toEqual(['staging']);
    expect(second.unchanged).toEqual([
      { root: 'global', since: MERGE1 },
      { root: 'production', since: MERGE1 },
    ]);
    const comment = host.comments.get(2)!;
    expect(comment).toContain('| `production` | ⏭️ Unchanged since 1111111 | – | – | – |');
    expect(comment).toContain('| `global` | ⏭️ Unchanged since 1111111 | – | – | – |');
    expect(comment).toContain(`The label \`${PLAN_ALL_LABEL}\` plans every cluster.`);
    expect(planLines(second)).toEqual([
      'staging: no-changes (+0 ~0 -0) · findings: none new · $0.00 → $0.00 a month',
      'global: unchanged since 111111111111, not planned (--plan-all plans it)',
      'production: unchanged since 111111111111, not planned (--plan-all plans it)',
    ]);
    expect(JSON.parse(summaryJson(second.roots, second.unchanged))).toMatchObject({
      production: { status: 'unchanged', since: MERGE1 },
      staging: { status: 'no-changes' },
    });

    // Its merge plans and records staging alone; production keeps the record of its own apply.
    const mergeCalls = tf.calls.length;
    const again = await mergeApplyCommand({ ...o, commit: MERGE2 }, host, planWithoutBuild);
    expect(again.failure).toBeUndefined();
    expect(planned(tf, mergeCalls)).toEqual(['staging']);
    expect(again.lines).toContain('- **production**: unchanged since 1111111, not planned');
    expect(bucket.applied.get('staging')?.commit).toBe(MERGE2);
    expect(bucket.applied.get('production')?.commit).toBe(MERGE1);
  });

  it('plans a root again after its apply failed or was refused: it loses its record first', async () => {
    const roots: Record<string, RootScript> = { ...script(), staging: {} };
    const { bucket, tf, o, host } = deployed(roots);
    await review(o, host, 1);
    roots.production = { ...roots.production, apply: { code: 1, stderr: 'Error: throttled' } };
    const failed = await mergeApplyCommand({ ...o, commit: MERGE1 }, host, planWithoutBuild);
    expect(failed.failure).toMatch(/1 failed/);
    // staging and global planned no change: recorded; production's apply failed: no record.
    expect([...bucket.applied.keys()].sort()).toEqual(['global', 'staging']);
    const before = tf.calls.length;
    const next = await review(o, host, 2);
    expect(planned(tf, before)).toEqual(['production']);

    // A record whose root now plans changes nobody reviewed is dropped when the merge refuses it.
    bucket.applied.set('production', { inputs: next.roots[0]!.inputs!, commit: MERGE1 });
    await publishPlanComment(host, 2, renderComment({ ...next, roots: [] }));
    const refused = await mergeApplyCommand(
      { ...o, commit: MERGE2, planAll: true },
      host,
      planWithoutBuild,
    );
    expect(refused.lines.join('\n')).toMatch(/production\*\*: :no_entry: refused/);
    expect(bucket.applied.has('production')).toBe(false);
  });

  it('plans every root with plan-all, and on the merge of a pull request labelled for it', async () => {
    const roots: Record<string, RootScript> = { ...script(), staging: {} };
    const { bucket, tf, o, host: labelled } = deployed(roots, [PLAN_ALL_LABEL]);
    // No root has a record yet: the first review plans all three.
    const first = await review(o, labelled, 1);
    expect(first.roots.map((r) => r.root)).toEqual(['global', 'production', 'staging']);
    await mergeApplyCommand({ ...o, commit: MERGE1 }, labelled, planWithoutBuild);
    expect(bucket.applied.size).toBe(3);

    let before = tf.calls.length;
    const selected = await planWithoutBuild(o);
    expect(planned(tf, before)).toEqual([]);
    expect(selected.report.unchanged?.map((u) => u.root)).toEqual([
      'global',
      'production',
      'staging',
    ]);
    expect(renderComment(selected.report)).toContain('no changes');

    before = tf.calls.length;
    const all = await planWithoutBuild({ ...o, planAll: true });
    expect(planned(tf, before)).toEqual(['global', 'production', 'staging']);
    expect(all.report.unchanged).toBeUndefined();

    // The label on the merged pull request: its merge plans every root, as its review did.
    await publishPlanComment(labelled, 1, renderComment(all.report));
    before = tf.calls.length;
    await mergeApplyCommand({ ...o, commit: MERGE1 }, labelled, planWithoutBuild);
    expect(planned(tf, before)).toEqual(['global', 'production', 'staging']);
  });
});

describe("a root's inputs", () => {
  const tree = (files: Record<string, string>): RenderedTree => ({
    files: new Map(Object.entries(files)),
    roots: ['global', 'alpha', 'beta'],
  });
  const base = {
    'global/main.tf': 'module "monitoring" {\n  source = "../modules/monitoring"\n}',
    'alpha/main.tf':
      'module "stream_alert" {\n  source = "../modules/stream_alert"\n  rule_processor_zip = "../../build/rule_processor.zip"\n}',
    'beta/main.tf':
      'module "stream_alert" {\n  source = "../modules/stream_alert"\n  rule_processor_zip = "../../build/rule_processor.zip"\n}\n# beta',
    'modules/stream_alert/main.tf':
      'resource "aws_lambda_function" "f" {}\nmodule "alarms" {\n  source = "../alarms"\n}',
    'modules/alarms/main.tf': 'resource "aws_cloudwatch_metric_alarm" "a" {}',
    'modules/monitoring/main.tf': 'resource "aws_sns_topic" "t" {}',
    'modules/terraform_state/main.tf': 'resource "aws_s3_bucket" "b" {}',
  };
  const build = (zip: string): string => {
    const dir = tempDir('inputs');
    writeFileSync(path.join(dir, 'rule_processor.zip'), zip);
    return dir;
  };
  const changedRoots = (a: Map<string, string>, b: Map<string, string>): string[] =>
    [...a.keys()].filter((r) => a.get(r) !== b.get(r));

  it('change with their own files, the modules they call, the zips they name and the backend', () => {
    const dir = build('zip-1');
    const start = rootInputs(tree(base), dir, []);
    expect(new Set(start.values()).size).toBe(3);
    expect(rootInputs(tree(base), dir, [])).toEqual(start); // deterministic
    const alpha = rootInputs(
      tree({ ...base, 'alpha/main.tf': `${base['alpha/main.tf']}\n` }),
      dir,
      [],
    );
    expect(changedRoots(start, alpha)).toEqual(['alpha']);
    const changedModule = (name: string, text: string): string[] =>
      changedRoots(
        start,
        rootInputs(tree({ ...base, [`modules/${name}/main.tf`]: text }), dir, []),
      );
    expect(changedModule('stream_alert', 'resource "aws_lambda_function" "g" {}')).toEqual([
      'alpha',
      'beta',
    ]);
    // Called through stream_alert.
    expect(changedModule('alarms', '')).toEqual(['alpha', 'beta']);
    expect(changedModule('monitoring', '')).toEqual(['global']);
    // A module nobody calls any more (global.json stops managing the state bucket) changes no root.
    const withoutState = Object.fromEntries(
      Object.entries(base).filter(([rel]) => !rel.startsWith('modules/terraform_state/')),
    );
    expect(changedRoots(start, rootInputs(tree(withoutState), dir, []))).toEqual([]);
    // New rules are a new zip: the roots that deploy it, not global.
    expect(changedRoots(start, rootInputs(tree(base), build('zip-2'), []))).toEqual([
      'alpha',
      'beta',
    ]);
    expect(changedRoots(start, rootInputs(tree(base), dir, ['bucket=other']))).toEqual([
      'global',
      'alpha',
      'beta',
    ]);
  });

  it('read only the zips the build wrote that a root names, never a link planted beside them', () => {
    const dir = build('zip-1');
    const start = rootInputs(tree(base), dir, []);
    // Names that are a part of "rule_processor.zip" are other files; a symlink is never read.
    symlinkSync('/dev/zero', path.join(dir, 'r.zip'));
    writeFileSync(path.join(dir, 'processor.zip'), 'other');
    expect(rootInputs(tree(base), dir, [])).toEqual(start);
    writeFileSync(path.join(dir, 'processor.zip'), 'other, changed');
    expect(rootInputs(tree(base), dir, [])).toEqual(start);
  });

  it('leave out only a root whose record matches, never one that must always be planned', async () => {
    const bucket = new MemoryStateBucket();
    const store = bucket.factory({
      bucket: 'b',
      prefix: 'p',
      region: 'us-east-1',
      pathStyle: false,
    });
    const inputs = new Map([
      ['global', 'a'.repeat(64)],
      ['alpha', 'b'.repeat(64)],
      ['old', 'c'.repeat(64)],
    ]);
    bucket.applied.set('global', { inputs: 'a'.repeat(64), commit: MERGE1 });
    bucket.applied.set('alpha', { inputs: 'f'.repeat(64), commit: MERGE1 });
    bucket.applied.set('old', { inputs: 'c'.repeat(64), commit: MERGE1 });
    const selection = await selectChanged(
      ['global', 'alpha', 'old'],
      inputs,
      store,
      new Set(['old']),
    );
    expect(selection).toEqual({
      plan: ['alpha', 'old'],
      unchanged: [{ root: 'global', since: MERGE1 }],
    });
  });
});

describe('the applied record', () => {
  it('lives beside the state object, which it is never taken for', () => {
    const at = stateLocation(
      {
        global: {
          account: { region: 'us-east-1' },
          terraform: { tfstateBucket: 'b', tfstateKeyPrefix: 'sa', createStateBucket: true },
        },
      } as unknown as Config,
      [],
    );
    expect(appliedObjectKey(at, 'prod')).toBe('sa/prod/streamalert-applied.json');
    expect(rootOfStateKey(at, appliedObjectKey(at, 'prod'))).toBeUndefined();
  });

  it('is read back only when well formed', () => {
    const record = { inputs: 'e'.repeat(64), commit: MERGE1 };
    expect(parseAppliedRecord(appliedRecordText(record))).toEqual(record);
    for (const bad of [
      '',
      'null',
      '[]',
      JSON.stringify({ version: 2, inputs: 'e'.repeat(64), commit: MERGE1 }),
      JSON.stringify({ version: 1, inputs: 'E'.repeat(64), commit: MERGE1 }),
      JSON.stringify({ version: 1, inputs: 'e'.repeat(63), commit: MERGE1 }),
      JSON.stringify({ version: 1, inputs: 'e'.repeat(64), commit: 'a b' }),
      JSON.stringify({ version: 1, inputs: 'e'.repeat(64) }),
    ])
      expect(parseAppliedRecord(bad)).toBeUndefined();
  });
});
