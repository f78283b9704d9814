/**
 * What apply-on-merge tells the pull request: the plan comment is edited in place to show
 * each root's result (report/apply.ts), and the merge commit gets a commit status, so the
 * outcome is visible where the change was reviewed and on the commit itself. The action
 * calls this instead of mergeApplyCommand alone.
 */
import { utf16Length } from '../report/budget.js';
import { COMMENT_MAX_LENGTH, isPlanComment } from '../report/comment.js';
import { renderApplyComment, type ApplyReport, type RootApplyResult } from '../report/apply.js';
import type { CommitStatus, CommitStatusHost, PullRequestHost } from '../door-kit/github.js';
import { mergeApplyCommand, type MergeApplyOutcome, type Planner } from './merge-apply.js';
import type { EngineOptions } from '../door-kit/options.js';

/** The status's name on the merge commit (one per apply job). */
export const APPLY_STATUS_CONTEXT = 'streamalert/apply';

/** GitHub refuses a status description longer than this. */
const DESCRIPTION_MAX = 140;

export interface ApplyAndReport {
  outcome: MergeApplyOutcome;
  /** The edited comment, when the edit succeeded. */
  commentUrl?: string;
  /** Reporting that failed (a missing permission, say): logged, but the apply's result stands. */
  warnings: string[];
}

/** The per-root results of an outcome, in plan order. */
export function applyReportOf(outcome: MergeApplyOutcome, o: EngineOptions): ApplyReport {
  const results = new Map(outcome.results.map((r) => [r.root, r]));
  const roots = outcome.decisions.map((d): RootApplyResult => {
    if (d.kind === 'skip') return { root: d.root, result: 'no-changes' };
    if (d.kind === 'refuse') return { root: d.root, result: 'refused', reason: o.mask(d.reason) };
    const r = results.get(d.root);
    if (r && !r.ok) return { root: d.root, result: 'failed', output: o.mask(r.output) };
    return { root: d.root, result: 'applied', ...(d.subset ? { subset: d.subset } : {}) };
  });
  return {
    pullRequest: outcome.pullRequest,
    commit: o.commit,
    ...(o.runUrl ? { runUrl: o.runUrl } : {}),
    roots,
    ...(outcome.failure && roots.length === 0 ? { failure: o.mask(outcome.failure) } : {}),
  };
}

const cut = (text: string): string =>
  text.length <= DESCRIPTION_MAX ? text : `${text.slice(0, DESCRIPTION_MAX - 1)}…`;

/** `2 applied`, `failed: staging; refused: pci`: the status line names the roots to look at. */
export function applyStatus(report: ApplyReport): CommitStatus {
  const named = (result: RootApplyResult['result']): string[] =>
    report.roots.filter((r) => r.result === result).map((r) => r.root);
  const failed = named('failed');
  const refused = named('refused');
  const bad = report.failure !== undefined || failed.length > 0 || refused.length > 0;
  const description = report.failure
    ? 'Re-plan failed; nothing was applied'
    : bad
      ? [
          failed.length > 0 ? `failed: ${failed.join(', ')}` : '',
          refused.length > 0 ? `refused: ${refused.join(', ')}` : '',
        ]
          .filter((p) => p !== '')
          .join('; ')
      : `${named('applied').length} applied, ${named('no-changes').length} without changes`;
  return {
    state: bad ? 'failure' : 'success',
    context: APPLY_STATUS_CONTEXT,
    description: cut(description),
    ...(report.runUrl ? { targetUrl: report.runUrl } : {}),
  };
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Applies (mergeApplyCommand), then edits the pull request's comment and sets the commit
 * status. When nothing could be applied for want of a review (no pull request, no comment),
 * the status still says so, and the error is thrown on.
 */
export async function applyAndReport(
  o: EngineOptions,
  host: PullRequestHost & CommitStatusHost,
  plan?: Planner,
): Promise<ApplyAndReport> {
  const warnings: string[] = [];
  const setStatus = async (status: CommitStatus): Promise<void> => {
    try {
      await host.setCommitStatus(o.commit, status);
    } catch (err) {
      warnings.push(
        o.mask(
          `could not set the commit status ${status.context} (does the job have the statuses: write permission?): ${errorText(err)}`,
        ),
      );
    }
  };

  let outcome: MergeApplyOutcome;
  try {
    outcome = await mergeApplyCommand(o, host, plan);
  } catch (err) {
    await setStatus({
      state: 'failure',
      context: APPLY_STATUS_CONTEXT,
      description: cut(o.mask(errorText(err))),
      ...(o.runUrl ? { targetUrl: o.runUrl } : {}),
    });
    // The reason the job fails stands; a status that could not be set is only a footnote.
    if (warnings.length > 0 && err instanceof Error) err.message += `\n(${warnings.join('; ')})`;
    throw err;
  }

  const report = applyReportOf(outcome, o);
  let commentUrl: string | undefined;
  try {
    const body = renderApplyComment(report, outcome.reviewedComment, {
      maxLength: COMMENT_MAX_LENGTH,
      measure: utf16Length,
      elsewhere: o.runUrl ? 'the job summary and the run log' : 'the run log',
    });
    commentUrl = (await host.upsertComment(outcome.pullRequest, isPlanComment, body)).url;
  } catch (err) {
    warnings.push(
      o.mask(
        `could not update the comment on #${outcome.pullRequest} (does the job have the pull-requests: write permission?): ${errorText(err)}`,
      ),
    );
  }
  await setStatus(applyStatus(report));
  return { outcome, ...(commentUrl ? { commentUrl } : {}), warnings };
}
