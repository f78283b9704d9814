/**
 * Lays the report out within a size limit. The budget rule, in order of what is kept:
 *   1. marker, state, heading, the whole table, warnings, validation/rule-test lines, the findings,
 *      backtest and cost sections (analysis.ts, backtest.ts; bounded, the cost table cut with the
 *      cluster table), footer;
 *   2. the error blocks and the sections of clusters that change or fail, sharing what is left (budget.ts): every
 *      one first gets its one-line form, then the spare is split fairly;
 *   3. if those one-line forms do not all fit, the cluster sections go (one note says so)
 *      and the errors stay;
 *   4. only past that (hundreds of clusters in a small limit) are table rows cut;
 *   5. and only when the state alone outgrows the limit (about 500 clusters in a comment)
 *      is the state left out, with a note: without it apply refuses, the safe way to fail.
 */
import type { PlanReport } from '../plan/types.js';
import { shareBudget, type Measure } from './budget.js';
import { detailsItem, problemItems, type Item, type ItemContext } from './items.js';
import { plural } from './markdown.js';
import {
  footer,
  heading,
  moreRowsRow,
  noRootsLine,
  statusLines,
  tableHeader,
  tableRow,
  unchangedNote,
  unchangedRow,
  warnings,
} from './overview.js';
import { costSection, findingsSection } from './analysis.js';
import { backtestSection } from './backtest.js';
import { blindRulesSection } from './blind-rules.js';
import { feedVersionsSection } from './feed-versions.js';
import { lifecycleNotes } from './lifecycle.js';
import { COMMENT_MARKER, renderStateLine, stateFromReport } from '../review/state.js';

export interface LayoutOptions {
  maxLength: number;
  title: string;
  measure: Measure;
  /** Where cut text can be read in full, e.g. "the job summary and the run log". */
  elsewhere: string;
  /** First line, by which the text is found again; default the plan comment's marker. */
  marker?: string;
  /**
   * false: no hidden state line (and no note about its absence). For texts nothing is
   * applied from, such as the drift issue.
   */
  applyState?: boolean;
}

const ERRORS_HEADING = '### ❌ Errors\n';
const PLANS_HEADING = '### Plans\n';

function join(parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n');
}

/** Renders items with the budgets given; details sections are separated by blank lines too. */
function renderItems(items: readonly Item[], budgets: readonly number[]): string {
  return join(items.map((item, i) => item.render(budgets[i]!)));
}

export function renderReport(report: PlanReport, options: LayoutOptions): string {
  const { measure, maxLength } = options;
  const ctx: ItemContext = { measure, elsewhere: options.elsewhere };
  const fits = (text: string): boolean => measure(text) <= maxLength;

  const marker = `${options.marker ?? COMMENT_MARKER}\n`;
  const applyState = options.applyState ?? true;
  const top = heading(report, options.title);
  const warn = [lifecycleNotes(report), warnings(report)].filter((t) => t !== '').join('\n');
  const status = join([statusLines(report), unchangedNote(report)]);
  const foot = footer(report);
  const found = findingsSection(report);
  const backtest = backtestSection(report);
  const blind = blindRulesSection(report);
  const feeds = feedVersionsSection(report);
  const problems = problemItems(report, ctx);
  // A cluster without changes gets its table row only: its plan is Terraform's "No changes"
  // boilerplate, and 50 collapsed sections saying so would bury the clusters that change.
  const details = report.roots
    .filter((r) => r.status !== 'no-changes')
    .map((r) => detailsItem(r, ctx));

  // The planned roots, then those left out as unchanged (src/selection).
  const rowTexts = [...report.roots.map(tableRow), ...(report.unchanged ?? []).map(unchangedRow)];
  const table = (rows: number): string => {
    if (rowTexts.length === 0) return noRootsLine(report);
    const shown = rowTexts.slice(0, rows).join('');
    const cut = rowTexts.length - rows;
    return tableHeader() + shown + (cut > 0 ? moreRowsRow(cut) : '');
  };
  const state = `${renderStateLine(stateFromReport(report))}\n`;
  const page = (withState: boolean, rows: number, errors: string, plans: string): string =>
    marker +
    (withState ? state : '') +
    join([
      top,
      withState || !applyState ? '' : STATELESS_NOTE,
      table(rows),
      warn,
      status,
      found,
      blind,
      feeds,
      backtest,
      costSection(report, rows),
      errors === '' ? '' : join([ERRORS_HEADING, errors]),
      plans === '' ? '' : join([PLANS_HEADING, plans]),
      foot,
    ]);

  const dropped =
    `The per-cluster plans do not fit in this comment (${plural(details.length, 'cluster')}); ` +
    `they are in ${options.elsewhere}.\n`;

  // Room left for items inside a page whose sections hold `errors` / `plans` (a one-character
  // stand-in marks a section the items will fill): measure is additive, so this is exact.
  const room = (
    withState: boolean,
    rows: number,
    items: { errors: number; plans: number },
    plans: string,
  ): number => {
    const shell = page(withState, rows, items.errors > 0 ? 'x' : '', items.plans > 0 ? 'x' : plans);
    const standIns = (items.errors > 0 ? 1 : 0) + (items.plans > 0 ? 1 : 0);
    const gaps = Math.max(0, items.errors - 1) + Math.max(0, items.plans - 1);
    return maxLength - (measure(shell) - standIns) - gaps;
  };

  const layout = (withState: boolean): string | undefined => {
    for (let rows = rowTexts.length; rows >= 0; rows = nextRows(rows)) {
      // 2. Errors and cluster sections share one pool.
      if (details.length > 0) {
        const sizes = { errors: problems.length, plans: details.length };
        const budgets = shareBudget([...problems, ...details], room(withState, rows, sizes, ''));
        if (budgets) {
          const errors = renderItems(problems, budgets.slice(0, problems.length));
          const plans = renderItems(details, budgets.slice(problems.length));
          const text = page(withState, rows, errors, plans);
          if (fits(text)) return text;
        }
      }
      // 3. Errors only; the cluster sections give way to one note.
      const note = details.length > 0 ? dropped : '';
      const budgets = shareBudget(
        problems,
        room(withState, rows, { errors: problems.length, plans: 0 }, note),
      );
      if (budgets) {
        const text = page(withState, rows, renderItems(problems, budgets), note);
        if (fits(text)) return text;
      }
    }
    return undefined;
  };

  // 5. When the state of thousands of clusters outgrows the comment, keep the table for the
  // reviewers and say plainly that this plan cannot be applied from.
  if (!applyState) return layout(false) ?? lastResort(marker, top, foot, maxLength, measure, '');
  return layout(true) ?? layout(false) ?? lastResort(marker, top, foot, maxLength, measure);
}

const STATELESS_NOTE =
  '> ⛔ **This plan cannot be applied on merge:** the comment has no room for the state that apply checks. Split the change into smaller pull requests.\n';

/** Table rows to try next: 10% fewer while many, so 10,000 clusters stay cheap. */
function nextRows(rows: number): number {
  return rows === 0 ? -1 : rows > 64 ? Math.floor(rows * 0.9) : rows - 1;
}

function lastResort(
  marker: string,
  top: string,
  foot: string,
  maxLength: number,
  measure: Measure,
  note = STATELESS_NOTE,
): string {
  const text = marker + join([top, note, foot]);
  if (measure(text) <= maxLength) return text;
  // A limit smaller than a heading is a caller's mistake; still, never exceed it.
  let cut = marker;
  while (measure(cut) > maxLength) cut = cut.slice(0, -1);
  return cut;
}
