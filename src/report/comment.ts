/**
 * The pull-request comment: one comment for the whole pull request, at most 65,536
 * characters (GitHub's limit), found again by its marker and edited in place.
 */
import type { PlanReport } from '../plan/types.js';
import { utf16Length } from './budget.js';
import { linkTarget } from './overview.js';
import { renderReport } from './render.js';

export { COMMENT_MARKER, isPlanComment, parseCommentState } from '../review/state.js';
export type { CommentRootState, CommentState } from '../review/state.js';
export { ALLOW_DESTROY_LABEL } from '../review/safety.js';
export { renderJobSummary } from './summary.js';

/** GitHub's limit on an issue or pull-request comment body. */
export const COMMENT_MAX_LENGTH = 65_536;

/**
 * Room the plan comment leaves for the apply section the merge adds above the plan (the
 * result table, the merge commit, errors and refusals, which are budgeted into what is
 * left). Without it a plan that used the whole limit was dropped after the merge, and the
 * reviewer lost the plan exactly when the apply results needed it.
 */
export const APPLY_SECTION_RESERVE = 2_048;

/** The plan comment's own limit. */
export const PLAN_COMMENT_MAX_LENGTH = COMMENT_MAX_LENGTH - APPLY_SECTION_RESERVE;

export const DEFAULT_TITLE = 'StreamAlert plan';

export interface CommentOptions {
  /** Upper bound on the body's JS string length; default PLAN_COMMENT_MAX_LENGTH. */
  maxLength?: number;
  /** Heading text; default "StreamAlert plan". */
  title?: string;
}

export function renderComment(report: PlanReport, options: CommentOptions = {}): string {
  // The run page holds the job summary, which has the full text of anything cut here.
  const summary = report.runUrl
    ? `the [job summary](${linkTarget(report.runUrl)})`
    : 'the job summary';
  return renderReport(report, {
    maxLength: options.maxLength ?? PLAN_COMMENT_MAX_LENGTH,
    title: (options.title ?? DEFAULT_TITLE).replace(/\s+/g, ' '),
    measure: utf16Length,
    elsewhere: `${summary} and the run log`,
  });
}
