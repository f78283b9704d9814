/**
 * The drift issue: one open issue per repository, found again by its hidden marker, whose
 * body is the scheduled plan laid out like the pull-request comment (table, warnings, per
 * cluster plans) within GitHub's 65,536-character body limit. It carries no apply state:
 * nothing is ever applied from it.
 */
import type { PlanReport } from '../plan/types.js';
import { utf16Length } from './budget.js';
import { COMMENT_MAX_LENGTH } from './comment.js';
import { linkTarget } from './overview.js';
import { renderReport } from './render.js';

/** First line of the drift issue's body; distinct from the plan comment's marker. */
export const DRIFT_MARKER = '<!-- streamalert-action:drift-issue -->';

export const DRIFT_TITLE =
  'StreamAlert drift: deployed infrastructure differs from the configuration';

/** The label the issue gets (GitHub creates it on first use; see the client). */
export const DRIFT_LABEL = 'streamalert:drift';

export function isDriftIssue(body: string): boolean {
  return body === DRIFT_MARKER || body.startsWith(`${DRIFT_MARKER}\n`);
}

const INTRO =
  '> A scheduled plan of the default branch found changes: the deployed infrastructure no longer ' +
  'matches the configuration (a change made outside Terraform, or a configuration that was merged ' +
  'but not applied). Applying the configuration again undoes the out-of-band changes; changing the ' +
  'configuration through a pull request keeps them. This issue is updated by every drift run and ' +
  'closed by the first one that finds no changes. Rules left blind by a silent source (no records of ' +
  'every log type they read) and sources far below their usual volume are listed here too; blind rules ' +
  'and critical drops keep the issue open until their source recovers.\n\n';

export function renderDriftIssue(report: PlanReport, maxLength = COMMENT_MAX_LENGTH): string {
  const summary = report.runUrl
    ? `the [job summary](${linkTarget(report.runUrl)})`
    : 'the job summary';
  const rendered = renderReport(report, {
    maxLength: maxLength - utf16Length(INTRO),
    title: 'StreamAlert drift',
    measure: utf16Length,
    elsewhere: `${summary} and the run log`,
    marker: DRIFT_MARKER,
    applyState: false,
  });
  // The introduction goes right under the marker, which must stay the first line.
  const cut = rendered.indexOf('\n') + 1;
  return cut === 0 ? rendered : rendered.slice(0, cut) + INTRO + rendered.slice(cut);
}

/** The comment that closes the issue. */
export function renderDriftGone(report: PlanReport): string {
  const run = report.runUrl ? ` ([workflow run](${linkTarget(report.runUrl)}))` : '';
  const roots = report.roots.length;
  return (
    `✅ **No drift any more:** ${roots === 1 ? 'the root' : `all ${roots} roots`} planned ` +
    `without changes at commit ${report.commit.slice(0, 7)}${run}. Closing this issue; the next drift opens a new one.\n`
  );
}
