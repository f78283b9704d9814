/** Which roots of the merge-time plan apply-on-merge applies, skips or refuses, and why. */
import { describe, expect, it } from 'vitest';
import { decideApply, type ReviewedPlan } from '../../src/commands/apply-decision.js';
import { ALLOW_DESTROY_LABEL } from '../../src/plan/safety.js';
import type { PlanReport, RootPlan } from '../../src/plan/types.js';
import { change, COMMIT, CONFIG_HASH, fingerprint, noChanges } from '../report/fixtures.js';

function changed(root: string, changes: RootPlan['changes'], print = `${root}:v1`): RootPlan {
  return {
    root,
    status: 'changes',
    add: changes.filter((c) => c.action === 'create' || c.action === 'replace').length,
    change: changes.filter((c) => c.action === 'update').length,
    destroy: changes.filter((c) => c.action === 'delete' || c.action === 'replace').length,
    changes,
    planText: '',
    fingerprint: fingerprint(print),
  };
}

const report = (roots: RootPlan[]): PlanReport => ({
  commit: COMMIT,
  configHash: CONFIG_HASH,
  clusterCount: roots.length,
  roots,
});

const reviewedOf = (roots: RootPlan[]): ReviewedPlan => ({
  commit: 'abc1234def',
  roots: Object.fromEntries(roots.map((r) => [r.root, { ...r }])),
});

const stream = change('module.kinesis_streams.aws_kinesis_stream.this', 'replace', true);
const alarm = change('module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a', 'create');

describe('decideApply', () => {
  it('applies a root whose plan is the reviewed one and skips a root without changes', () => {
    const roots = [noChanges('global'), changed('production', [alarm])];
    expect(decideApply(report(roots), reviewedOf(roots), [])).toEqual([
      { kind: 'skip', root: 'global' },
      { kind: 'apply', root: 'production' },
    ]);
  });

  it('refuses a root whose plan differs, saying what was reviewed and what changes now', () => {
    const reviewed = reviewedOf([changed('production', [alarm])]);
    const now = changed(
      'production',
      [alarm, change('aws_sns_topic.extra', 'create')],
      'production:v2',
    );
    const [decision] = decideApply(report([now]), reviewed, []);
    expect(decision).toEqual({
      kind: 'refuse',
      root: 'production',
      reason:
        'the plan differs from the one reviewed at abc1234 (reviewed: 1 to add, 0 to change, 0 to destroy; ' +
        'now: 2 to add, 0 to change, 0 to destroy; changes now: create module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a, create aws_sns_topic.extra). ' +
        'Open a pull request to review the new plan.',
    });
  });

  it('refuses a root that was not part of the reviewed plan', () => {
    const [decision] = decideApply(report([changed('pci', [alarm])]), reviewedOf([]), []);
    expect(decision).toEqual({
      kind: 'refuse',
      root: 'pci',
      reason: 'it was not part of the plan reviewed at abc1234',
    });
  });

  it('refuses a reviewed data-losing plan without the label, and applies it with the label', () => {
    const roots = [changed('production', [stream, alarm])];
    expect(decideApply(report(roots), reviewedOf(roots), ['bug', 'streamalert:allow'])).toEqual([
      {
        kind: 'refuse',
        root: 'production',
        reason: `it would lose data (replace module.kinesis_streams.aws_kinesis_stream.this) and the pull request lacks the label ${ALLOW_DESTROY_LABEL}`,
      },
    ]);
    expect(decideApply(report(roots), reviewedOf(roots), [ALLOW_DESTROY_LABEL])).toEqual([
      { kind: 'apply', root: 'production' },
    ]);
  });

  it('needs no label to destroy what holds no data', () => {
    const roots = [changed('production', [change('aws_iam_role.r', 'delete')])];
    expect(decideApply(report(roots), reviewedOf(roots), [])).toEqual([
      { kind: 'apply', root: 'production' },
    ]);
  });
});
