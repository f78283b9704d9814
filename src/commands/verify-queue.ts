/**
 * Merge queue check: on `merge_group`, the queued commit (the pull request on top of the
 * branch as it will be) is planned, and the check fails when any root's plan is not the one
 * reviewed on the pull request (its fingerprint differs), so main only ever applies
 * reviewed plans. Nothing is written to the pull request: the queue's check, its job
 * summary and its failure message say which roots differ and how.
 */
import type { ConfigProblem } from '../config/problems.js';
import type { PlanReport, RootPlan } from '../plan/types.js';
import { isPlanComment, parseCommentState } from '../report/comment.js';
import { changeKey } from '../review/state.js';
import {
  describeUnreviewed,
  unreviewedChanges,
  type ReviewedRoot,
} from '../review/apply-decision.js';
import type { PullRequestHost } from '../door-kit/github.js';
import type { EngineOptions } from '../door-kit/options.js';
import { planCommand, planOptionsOf } from './plan.js';
import { jobSummary, planFailure } from '../door-kit/plan-outcome.js';
import type { Planner } from './merge-apply.js';

/**
 * The pull request a merge group was made for: GitHub names the queue branch
 * `gh-readonly-queue/<base>/pr-<number>-<base sha>`; with several pull requests in one
 * group, it is the last one (whose commit holds the others' changes too).
 */
export function queuedPullRequest(headRef: string): number | undefined {
  const m = /(?:^|\/)pr-(\d+)-[0-9a-f]+$/.exec(headRef);
  return m ? Number(m[1]) : undefined;
}

export interface QueuedRoot {
  root: string;
  /** `reviewed`: the plan is the reviewed one; `no-changes`: nothing to apply; `differs`: not reviewed. */
  result: 'reviewed' | 'no-changes' | 'differs';
  /** Why it differs. */
  reason?: string;
}

export interface VerifyQueueOutcome {
  pullRequest: number;
  report: PlanReport;
  problems: ConfigProblem[];
  roots: QueuedRoot[];
  /** Result lines (markdown), masked: the log and the top of the job summary. */
  lines: string[];
  summary: string;
  /** Set when the check fails: the plan failed, or a root differs from the review. */
  failure?: string;
}

const planPipeline: Planner = (o) => planCommand(planOptionsOf(o));

const counts = (r: { add?: number; change?: number; destroy?: number }): string =>
  `+${r.add ?? '?'} ~${r.change ?? '?'} -${r.destroy ?? '?'}`;

function compare(root: RootPlan, seen: ReviewedRoot | undefined, reviewedAt: string): QueuedRoot {
  if (root.status === 'no-changes') return { root: root.root, result: 'no-changes' };
  if (!seen) {
    return {
      root: root.root,
      result: 'differs',
      reason: `not part of the plan reviewed at ${reviewedAt} (now ${counts(root)}: ${root.changes.map(changeKey).join(', ')})`,
    };
  }
  if (seen.fingerprint === root.fingerprint) return { root: root.root, result: 'reviewed' };
  const extra = unreviewedChanges(root, seen);
  const how =
    extra === undefined
      ? `changes now: ${root.changes.map(changeKey).join(', ')}`
      : extra.length > 0
        ? `not reviewed: ${describeUnreviewed(extra)}`
        : 'the same or fewer resources and actions, with other planned values';
  return {
    root: root.root,
    result: 'differs',
    reason: `the plan differs from the one reviewed at ${reviewedAt} (reviewed ${counts(seen)}, now ${counts(root)}; ${how})`,
  };
}

export async function verifyQueueCommand(
  o: EngineOptions,
  host: PullRequestHost,
  pullRequest: number | undefined,
  plan: Planner = planPipeline,
): Promise<VerifyQueueOutcome> {
  if (pullRequest === undefined) {
    throw new Error(
      'merge_group: the queue branch does not name a pull request (expected gh-readonly-queue/<branch>/pr-<number>-<sha>)',
    );
  }
  const comment = await host.findComment(pullRequest, isPlanComment);
  const reviewed = comment ? parseCommentState(comment.body) : undefined;
  if (!reviewed) {
    throw new Error(
      `pull request #${pullRequest} has no streamalert plan comment: nothing was reviewed, so the queued commit is not let through`,
    );
  }
  const { report, problems } = await plan(o);
  const base = { pullRequest, report, problems };
  const failed = planFailure(report);
  if (failed) {
    return {
      ...base,
      roots: [],
      lines: [],
      summary: jobSummary(report),
      failure: o.mask(`plan of the queued commit failed: ${failed}`),
    };
  }
  const at = reviewed.commit.slice(0, 7);
  const roots = report.roots.map((r) => compare(r, reviewed.roots[r.root], at));
  const differs = roots.filter((r) => r.result === 'differs');
  const lines = [
    `## StreamAlert merge queue check for #${pullRequest} at ${o.commit.slice(0, 7)}`,
    '',
    ...roots.map((r) =>
      r.result === 'differs'
        ? `- **${r.root}**: :no_entry: ${r.reason}`
        : r.result === 'reviewed'
          ? `- **${r.root}**: :white_check_mark: the reviewed plan`
          : `- **${r.root}**: no changes`,
    ),
    ...(report.unchanged ?? []).map(
      (u) => `- **${u.root}**: unchanged since ${u.since.slice(0, 7)}, not planned`,
    ),
  ].map(o.mask);
  return {
    ...base,
    roots,
    lines,
    summary: jobSummary(report, `${lines.join('\n')}\n\n`),
    ...(differs.length > 0
      ? {
          failure: o.mask(
            `the queued commit plans what #${pullRequest} did not review, in ${differs.map((r) => r.root).join(', ')}: ` +
              `${differs.map((r) => `${r.root}: ${r.reason}`).join('; ')}. ` +
              'Update the pull request so its plan is made again, review it, and queue it again.',
          ),
        }
      : {}),
  };
}
