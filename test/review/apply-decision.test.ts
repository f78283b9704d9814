/** Which roots of the merge-time plan apply-on-merge applies, skips or refuses, and why. */
import { describe, expect, it } from 'vitest';
import { decideApply, type ReviewedPlan } from '../../src/review/apply-decision.js';
import { ALLOW_DESTROY_LABEL } from '../../src/review/safety.js';
import type { PlanReport, RootPlan } from '../../src/plan/types.js';
import { changeHash, changeKey } from '../../src/review/state.js';
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

/** The reviewed plan as a version 2 comment keeps it: counts and the change list. */
const reviewedOf = (roots: RootPlan[]): ReviewedPlan => ({
  commit: 'abc1234def',
  roots: Object.fromEntries(
    roots.map((r) => [r.root, { ...r, changes: r.changes.map(changeKey) }]),
  ),
});

/** As a version 1 comment kept it: fingerprint and counts only. */
const reviewedV1 = (roots: RootPlan[]): ReviewedPlan => ({
  commit: 'abc1234def',
  roots: Object.fromEntries(roots.map((r) => [r.root, { ...r, changes: undefined }])),
});

/** As a version 2 comment keeps a big plan: short hashes. */
const reviewedHashed = (roots: RootPlan[]): ReviewedPlan => ({
  commit: 'abc1234def',
  roots: Object.fromEntries(
    roots.map((r) => [
      r.root,
      { ...r, changes: undefined, changeHashes: r.changes.map(changeHash).join('') },
    ]),
  ),
});

const stream = change('module.kinesis_streams.aws_kinesis_stream.this', 'replace', true);
const alarm = change('module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a', 'create');

const forgetBucket = change('module.terraform_state.aws_s3_bucket.this', 'forget', true);

describe('decideApply', () => {
  it('applies a reviewed forget-only root, and names a forget the review did not see', () => {
    const roots = [changed('global', [forgetBucket])];
    expect(decideApply(report(roots), reviewedOf(roots), [])).toEqual([
      { kind: 'apply', root: 'global' },
    ]);
    const reviewed = reviewedOf([changed('global', [alarm])]);
    const [decision] = decideApply(
      report([changed('global', [alarm, forgetBucket], 'global:v2')]),
      reviewed,
      [],
    );
    expect(decision).toMatchObject({ kind: 'refuse', root: 'global' });
    expect((decision as { reason: string }).reason).toContain(
      'forget module.terraform_state.aws_s3_bucket.this',
    );
  });

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
        'now: 2 to add, 0 to change, 0 to destroy; not reviewed: create aws_sns_topic.extra). ' +
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

  describe('after a failed or partial apply (the plan is a part of the reviewed one)', () => {
    const topic = change('aws_sns_topic.alerts', 'create');
    const role = change('aws_iam_role.processor', 'create');
    const reviewedRoots = [changed('production', [alarm, role, topic])];
    // The role was applied before the failure; the alarm and the topic remain.
    const rest = changed('production', [alarm, topic], 'production:rest');

    it('applies a plan whose changes were all reviewed, with fewer of them', () => {
      for (const reviewed of [reviewedOf(reviewedRoots), reviewedHashed(reviewedRoots)]) {
        expect(decideApply(report([rest]), reviewed, [])).toEqual([
          { kind: 'apply', root: 'production', subset: { planned: 2, reviewed: 3 } },
        ]);
      }
    });

    it('refuses an extra address, naming it', () => {
      const now = changed('production', [alarm, change('aws_sns_topic.extra', 'create')], 'x');
      for (const reviewed of [reviewedOf(reviewedRoots), reviewedHashed(reviewedRoots)]) {
        const [decision] = decideApply(report([now]), reviewed, []);
        expect(decision).toMatchObject({ kind: 'refuse', root: 'production' });
        expect(decision?.kind === 'refuse' && decision.reason).toContain(
          'not reviewed: create aws_sns_topic.extra). Open a pull request',
        );
      }
    });

    it('refuses a changed action on a reviewed address, naming both actions', () => {
      // The role was created; a second attempt wants to update it: not what was reviewed.
      const now = changed('production', [alarm, change('aws_iam_role.processor', 'update')], 'y');
      for (const reviewed of [reviewedOf(reviewedRoots), reviewedHashed(reviewedRoots)]) {
        const [decision] = decideApply(report([now]), reviewed, []);
        expect(decision?.kind === 'refuse' && decision.reason).toContain(
          'not reviewed: update aws_iam_role.processor (reviewed as create)',
        );
      }
    });

    it('refuses the same changes with other values (same addresses and actions, another fingerprint)', () => {
      const now = changed('production', [alarm, role, topic], 'production:other-values');
      const [decision] = decideApply(report([now]), reviewedOf(reviewedRoots), []);
      expect(decision?.kind === 'refuse' && decision.reason).toContain(
        'the same resources and actions, with other values',
      );
    });

    it('takes the half of a reviewed replace that is left', () => {
      const reviewed = reviewedOf([changed('production', [stream, alarm])]);
      const now = changed('production', [change(stream.address, 'create', true)], 'half');
      expect(decideApply(report([now]), reviewed, [ALLOW_DESTROY_LABEL])).toEqual([
        { kind: 'apply', root: 'production', subset: { planned: 1, reviewed: 2 } },
      ]);
    });

    it('a version 1 review (no change list) is fingerprint-only: a part of it is refused', () => {
      const [decision] = decideApply(report([rest]), reviewedV1(reviewedRoots), []);
      expect(decision?.kind === 'refuse' && decision.reason).toContain(
        'the review kept no change list, so a part of it cannot be recognised',
      );
      // The reviewed plan itself still applies from a version 1 review.
      expect(decideApply(report(reviewedRoots), reviewedV1(reviewedRoots), [])).toEqual([
        { kind: 'apply', root: 'production' },
      ]);
    });
  });
});
