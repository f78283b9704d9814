/**
 * Apply safety: which roots of the merge-time plan may be applied. A root is applied only
 * when its plan is the one reviewed on the pull request (same fingerprint), and a root
 * that would destroy or replace a data-bearing resource needs the allow-destroy label.
 */
import { ALLOW_DESTROY_LABEL, allowsDataLoss, dataLosses } from '../plan/safety.js';
import type { PlanReport } from '../plan/types.js';

/** What the pull-request comment recorded for each root when it was reviewed. */
export interface ReviewedRoot {
  fingerprint: string;
  status: string;
  add?: number;
  change?: number;
  destroy?: number;
}

export interface ReviewedPlan {
  commit: string;
  roots: Record<string, ReviewedRoot>;
}

export type ApplyDecision =
  | { kind: 'apply'; root: string }
  | { kind: 'skip'; root: string }
  | { kind: 'refuse'; root: string; reason: string };

const counts = (r: { add?: number; change?: number; destroy?: number }): string =>
  `${r.add ?? '?'} to add, ${r.change ?? '?'} to change, ${r.destroy ?? '?'} to destroy`;

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
    if (seen.fingerprint !== root.fingerprint) {
      return {
        kind: 'refuse',
        root: root.root,
        reason:
          `the plan differs from the one reviewed at ${reviewed.commit.slice(0, 7)} ` +
          `(reviewed: ${counts(seen)}; now: ${counts(root)}; changes now: ${root.changes.map((c) => `${c.action} ${c.address}`).join(', ') || 'none'}). ` +
          'Open a pull request to review the new plan.',
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
    return { kind: 'apply', root: root.root };
  });
}
