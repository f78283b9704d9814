/**
 * The pull-request comment after apply-on-merge. The same comment the plan was reviewed in
 * is edited: the marker and the reviewed state line stay exactly as they were (a re-run
 * after a failed apply reads them again to know what was reviewed), then the apply results
 * — per root applied, refused with the difference, or failed with the error — with the
 * merge commit and the run link, then the reviewed plan, collapsed, when it still fits.
 * Failure output and refusal reasons share what is left of GitHub's limit (budget.ts).
 */
import { shareBudget, type Measure } from './budget.js';
import { blockItem, splitLines, type Item, type ItemContext } from './items.js';
import { cellCode, inlineCode, plural } from './markdown.js';
import { linkTarget } from './overview.js';
import { COMMENT_MARKER } from '../review/state.js';

export type RootApplyResult =
  | {
      root: string;
      result: 'applied';
      /** The rest of a reviewed plan after an earlier, partial attempt. */
      subset?: { planned: number; reviewed: number };
    }
  | { root: string; result: 'no-changes' }
  | { root: string; result: 'refused'; reason: string }
  | { root: string; result: 'failed'; output: string };

export interface ApplyReport {
  pullRequest: number;
  /** The merge commit applied. */
  commit: string;
  runUrl?: string;
  roots: RootApplyResult[];
  /** Set when nothing was decided: the re-plan failed (already masked). */
  failure?: string;
}

export interface ApplyLayout {
  maxLength: number;
  measure: Measure;
  /** Where cut text can be read in full. */
  elsewhere: string;
}

/** Between these two lines is the apply section; a re-run replaces it, the plan below stays. */
export const APPLY_START = '<!-- streamalert-action:apply -->';
export const APPLY_END = '<!-- streamalert-action:apply-end -->';

const RESULT: Record<RootApplyResult['result'], string> = {
  applied: '✅ Applied',
  'no-changes': '➖ No changes',
  refused: '⛔ Refused',
  failed: '❌ Apply failed',
};

const SHA = /^[0-9a-f]{7,64}$/i;

function headline(report: ApplyReport): string {
  const count = (r: RootApplyResult['result']) => report.roots.filter((x) => x.result === r).length;
  if (report.failure) return '## ❌ StreamAlert apply: the re-plan failed, nothing was applied\n';
  const bad = count('refused') + count('failed');
  const parts = [
    `${count('applied')} applied`,
    ...(count('refused') > 0 ? [`${count('refused')} refused`] : []),
    ...(count('failed') > 0 ? [`${count('failed')} failed`] : []),
    ...(count('no-changes') > 0 ? [`${count('no-changes')} without changes`] : []),
  ];
  return `## ${bad > 0 ? '❌' : '✅'} StreamAlert apply: ${parts.join(', ')}\n`;
}

function table(report: ApplyReport): string {
  if (report.roots.length === 0) return '';
  const rows = report.roots.map((r) => {
    const note =
      r.result === 'applied' && r.subset
        ? ` (the remaining ${plural(r.subset.planned, 'change')} of the ${r.subset.reviewed} reviewed)`
        : '';
    return `| ${cellCode(r.root)} | ${RESULT[r.result]}${note} |\n`;
  });
  return `| Cluster | Apply |\n|---|---|\n${rows.join('')}`;
}

function footer(report: ApplyReport): string {
  const commit = SHA.test(report.commit) ? report.commit.slice(0, 7) : inlineCode(report.commit);
  const run = report.runUrl ? ` · [workflow run](${linkTarget(report.runUrl)})` : '';
  return `---\n<sub>Applied at merge commit ${commit} of #${report.pullRequest}${run} · streamalert-action</sub>\n`;
}

/** The errors and refusals, each cut to its share of the budget. */
function detailItems(report: ApplyReport, ctx: ItemContext): Item[] {
  const items: Item[] = [];
  if (report.failure) {
    items.push(blockItem('**The re-plan failed:**\n', splitLines(report.failure), '', ctx));
  }
  for (const r of report.roots) {
    if (r.result === 'failed')
      items.push(blockItem(`**${inlineCode(r.root)} failed:**\n`, splitLines(r.output), '', ctx));
    if (r.result === 'refused')
      items.push(
        blockItem(`**${inlineCode(r.root)} was refused:**\n`, splitLines(r.reason), '', ctx),
      );
  }
  return items;
}

/**
 * The reviewed comment split into its state line and its plan: what follows the state, less
 * the apply section of an earlier attempt.
 */
function reviewedParts(body: string): { stateLine: string; plan: string } {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const stateLine = lines[1] ?? '';
  let rest = lines.slice(2).join('\n');
  const start = rest.indexOf(APPLY_START);
  const end = rest.indexOf(APPLY_END);
  if (start === 0 && end > 0) rest = rest.slice(end + APPLY_END.length).replace(/^\n+/, '');
  // An earlier apply wrapped the plan in a <details>; unwrap it so it is not nested again.
  const wrapped =
    /^<details><summary>The reviewed plan<\/summary>\n\n([\s\S]*)\n<\/details>\n?$/.exec(rest);
  return { stateLine, plan: wrapped ? wrapped[1]! : rest };
}

/**
 * The comment after apply: marker, the reviewed state line unchanged, the apply section,
 * then the reviewed plan collapsed (or a note when it no longer fits; GitHub keeps the
 * comment's earlier versions in its edit history).
 */
export function renderApplyComment(
  report: ApplyReport,
  reviewedBody: string,
  layout: ApplyLayout,
): string {
  const { measure, maxLength } = layout;
  const ctx: ItemContext = { measure, elsewhere: layout.elsewhere };
  const { stateLine, plan } = reviewedParts(reviewedBody);
  const head = `${COMMENT_MARKER}\n${stateLine}\n${APPLY_START}\n`;
  const items = detailItems(report, ctx);
  const section = (details: string): string =>
    [headline(report), table(report), details, footer(report)].filter((p) => p !== '').join('\n') +
    `${APPLY_END}\n`;
  const wrappedPlan = `<details><summary>The reviewed plan</summary>\n\n${plan.replace(/\n*$/, '\n')}</details>\n`;
  const planNote =
    "\n<sub>The reviewed plan no longer fits in this comment next to the apply results; it is in this comment's edit history.</sub>\n";

  const withItems = (room: number): string | undefined => {
    if (items.length === 0) return section('');
    // `section('x')` measures the shell with a one-character stand-in for the items (measure is additive).
    const gaps = items.length - 1;
    const budgets = shareBudget(items, room - measure(section('x')) + 1 - gaps);
    if (!budgets) return undefined;
    return section(items.map((item, i) => item.render(budgets[i]!)).join('\n'));
  };

  // The results come first: the reviewed plan stays only when every error and refusal fits
  // whole next to it, and only whole (half a plan is worse than a pointer to the full one).
  const whole = section(items.map((item) => item.render(item.full)).join('\n'));
  if (measure(head + whole + wrappedPlan) <= maxLength) return head + whole + wrappedPlan;
  const noPlan = withItems(maxLength - measure(head) - measure(planNote));
  if (noPlan !== undefined && measure(head + noPlan + planNote) <= maxLength)
    return head + noPlan + planNote;
  // Only a limit smaller than the table itself gets here: keep the marker and state.
  return (
    head +
    section('').slice(0, Math.max(0, maxLength - measure(head) - APPLY_END.length - 1)) +
    `${APPLY_END}\n`
  );
}
