/**
 * Apply safety: which roots of the merge-time plan may be applied. A root is applied only
 * when its plan is the one reviewed on the pull request (same fingerprint) or, after a
 * failed or partial apply, when every change it now plans was part of the reviewed plan
 * (same address and action: what was applied is gone from the plan, the rest remains).
 * A root that would destroy or replace a data-bearing resource needs the allow-destroy label.
 */
import { ALLOW_DESTROY_LABEL, allowsDataLoss, dataLosses } from './safety.js';
import type { ChangeAction, PlanReport, ResourceChange, RootPlan } from '../plan/types.js';
import { changeHash, changeKey } from './state.js';

/** What the pull-request comment recorded for each root when it was reviewed. */
export interface ReviewedRoot {
  fingerprint: string;
  status: string;
  add?: number;
  change?: number;
  destroy?: number;
  /** The reviewed changes as `action address` (comment state version 2). */
  changes?: string[];
  /** Or as concatenated short hashes of the same (big plans); see state.ts. */
  changeHashes?: string;
}

export interface ReviewedPlan {
  commit: string;
  roots: Record<string, ReviewedRoot>;
}

export type ApplyDecision =
  | {
      kind: 'apply';
      root: string;
      /** Set when the plan is a part of the reviewed one (a re-run after a partial apply). */
      subset?: { planned: number; reviewed: number };
    }
  | { kind: 'skip'; root: string }
  | { kind: 'refuse'; root: string; reason: string };

const counts = (r: { add?: number; change?: number; destroy?: number }): string =>
  `${r.add ?? '?'} to add, ${r.change ?? '?'} to change, ${r.destroy ?? '?'} to destroy`;

const ACTIONS: ChangeAction[] = ['create', 'update', 'delete', 'replace', 'forget'];

/** What the plan now holds that the review did not: each with the reviewed action of its address, if any. */
export interface Unreviewed {
  change: Pick<ResourceChange, 'action' | 'address'>;
  reviewedAs?: ChangeAction;
}

/**
 * The changes of `now` that are not in the reviewed list, or undefined when the review kept
 * no list (a version 1 comment, or a root past the state's budget): then only the
 * fingerprint can be compared.
 */
export function unreviewedChanges(
  now: Pick<RootPlan, 'changes'>,
  seen: ReviewedRoot,
): Unreviewed[] | undefined {
  let has: (c: Pick<ResourceChange, 'action' | 'address'>) => boolean;
  if (seen.changes) {
    const keys = new Set(seen.changes);
    has = (c) => keys.has(changeKey(c));
  } else if (seen.changeHashes !== undefined) {
    const size = changeHash({ action: 'create', address: '' }).length;
    const hashes = new Set<string>();
    for (let i = 0; i < seen.changeHashes.length; i += size)
      hashes.add(seen.changeHashes.slice(i, i + size));
    has = (c) => hashes.has(changeHash(c));
  } else return undefined;
  // A replace is a delete and a create: after a partial apply either half may be what is left.
  const reviewedPart = (c: Pick<ResourceChange, 'action' | 'address'>): boolean =>
    has(c) ||
    ((c.action === 'create' || c.action === 'delete') &&
      has({ action: 'replace', address: c.address }));
  return now.changes
    .filter((c) => !reviewedPart(c))
    .map((c) => {
      const reviewedAs = ACTIONS.find((action) => has({ action, address: c.address }));
      return {
        change: { action: c.action, address: c.address },
        ...(reviewedAs ? { reviewedAs } : {}),
      };
    });
}

/** `create a, update b (reviewed as create)`. */
export function describeUnreviewed(list: readonly Unreviewed[]): string {
  return list
    .map((u) => `${changeKey(u.change)}${u.reviewedAs ? ` (reviewed as ${u.reviewedAs})` : ''}`)
    .join(', ');
}

const reviewedCount = (seen: ReviewedRoot): number =>
  seen.changes?.length ??
  (seen.changeHashes ?? '').length / changeHash({ action: 'create', address: '' }).length;

export function decideApply(
  report: PlanReport,
  reviewed: ReviewedPlan,
  labels: string[],
): ApplyDecision[] {
  return report.roots.map((root): ApplyDecision => {
    if (root.status === 'no-changes') return { kind: 'skip', root: root.root };
    const seen = reviewed.roots[root.root];
    if (!seen) {
      return {
        kind: 'refuse',
        root: root.root,
        reason: `it was not part of the plan reviewed at ${reviewed.commit.slice(0, 7)}`,
      };
    }
    let subset: { planned: number; reviewed: number } | undefined;
    if (seen.fingerprint !== root.fingerprint) {
      const extra = unreviewedChanges(root, seen);
      const reviewedTotal = reviewedCount(seen);
      // Strictly fewer: the same changes with a different fingerprint are the same resources
      // with other values (main moved, or AWS changed), which nobody reviewed. After a partial
      // apply at least one reviewed change is gone from the plan.
      if (extra === undefined || extra.length > 0 || root.changes.length >= reviewedTotal) {
        const why =
          extra === undefined
            ? `changes now: ${root.changes.map(changeKey).join(', ') || 'none'}; the review kept no change list, so a part of it cannot be recognised`
            : extra.length > 0
              ? `not reviewed: ${describeUnreviewed(extra)}`
              : 'the same resources and actions, with other values';
        return {
          kind: 'refuse',
          root: root.root,
          reason:
            `the plan differs from the one reviewed at ${reviewed.commit.slice(0, 7)} ` +
            `(reviewed: ${counts(seen)}; now: ${counts(root)}; ${why}). ` +
            'Open a pull request to review the new plan.',
        };
      }
      // Every change left was reviewed: what is missing was applied by an earlier attempt.
      subset = { planned: root.changes.length, reviewed: reviewedTotal };
    }
    if (root.removed && !allowsDataLoss(labels)) {
      // A removed cluster's whole infrastructure goes, data-bearing or not: always an explicit allowance.
      return {
        kind: 'refuse',
        root: root.root,
        reason: `its cluster file was removed, so the plan destroys all of it, and the pull request lacks the label ${ALLOW_DESTROY_LABEL}`,
      };
    }
    const losing = dataLosses(root.changes);
    if (losing.length > 0 && !allowsDataLoss(labels)) {
      return {
        kind: 'refuse',
        root: root.root,
        reason: `it would lose data (${losing.join(', ')}) and the pull request lacks the label ${ALLOW_DESTROY_LABEL}`,
      };
    }
    return { kind: 'apply', root: root.root, ...(subset ? { subset } : {}) };
  });
}
