/**
 * The parts of the comment that shrink to fit: the error blocks and the per-cluster
 * `<details>` sections. Each item knows its full size, its smallest form, and how to
 * render itself within any budget between the two (render.ts decides the budgets).
 */
import type { ChangeAction, PlanReport, ResourceChange, RootPlan } from '../plan/types.js';
import { fitLines, type Measure } from './budget.js';
import { escapeHtml, fenceFor, inlineCode, plural } from './markdown.js';
import { isDestructive, losesData } from '../review/safety.js';
import { planDiffLines } from './plan-text.js';

export interface Item {
  /** Size of the smallest rendering (headline and a "not shown" note). */
  min: number;
  /** Size of the full rendering. */
  full: number;
  /** Renders within `budget` (at least `min`); whole when `budget >= full`. */
  render(budget: number): string;
}

export interface ItemContext {
  measure: Measure;
  /** Where the text cut from this body can be read, e.g. "the job summary and the run log". */
  elsewhere: string;
}

/** A fenced block of `lines`; the fence is chosen from all lines so it is stable when cut. */
function codeBlock(fence: string, lang: string, lines: readonly string[]): string {
  return `${fence}${lang}\n${lines.map((l) => `${l}\n`).join('')}${fence}\n`;
}

/** Joins parts (each ending in a newline) with blank lines, skipping empty ones. */
function paragraphs(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('\n');
}

/**
 * An item made of a headline, then `lines` in a code block, cut to fit with a note.
 * Used for errors, config problems and failing rule tests.
 */
export function blockItem(
  head: string,
  lines: readonly string[],
  lang: string,
  ctx: ItemContext,
): Item {
  const { measure } = ctx;
  const fence = fenceFor(lines.join('\n'));
  const cutNote = (n: number): string =>
    `… ${plural(n, 'more line')} not shown — the full text is in ${ctx.elsewhere}.\n`;
  const build = (keep: number, note: string): string =>
    paragraphs(head, codeBlock(fence, lang, lines.slice(0, keep)), note);
  const full = lines.length > 0 ? build(lines.length, '') : head;
  const smallest =
    lines.length > 0
      ? paragraphs(
          head,
          `(${plural(lines.length, 'line')} not shown — the full text is in ${ctx.elsewhere}.)\n`,
        )
      : head;
  return {
    full: measure(full),
    min: measure(smallest),
    render(budget) {
      if (measure(full) <= budget) return full;
      // The shell is measured with the note for the largest count, so the real one is never longer.
      const keep = fitLines(lines, budget - measure(build(0, cutNote(lines.length))), measure);
      return keep === 0 ? smallest : build(keep, cutNote(lines.length - keep));
    },
  };
}

export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  return lines.length === 1 && lines[0] === '' ? [] : lines;
}

/** Most roots named in one error headline; the table shows every failed cluster anyway. */
const MAX_NAMED_ROOTS = 10;

function namedRoots(roots: readonly string[]): string {
  const names = roots.slice(0, MAX_NAMED_ROOTS).map(inlineCode);
  if (roots.length > MAX_NAMED_ROOTS) names.push(`${roots.length - MAX_NAMED_ROOTS} more`);
  return names.join(', ');
}

/**
 * The error section's items: the pipeline failure, the root errors, failing rule tests.
 * Roots failing with the same step and message are shown once — a missing credential
 * fails every cluster identically, and 60 copies of one error would bury everything else.
 */
export function problemItems(report: PlanReport, ctx: ItemContext): Item[] {
  const items: Item[] = [];
  const { failure, ruleTests } = report;
  if (failure) {
    const head = `**The run stopped at ${inlineCode(failure.step)}** (${plural(failure.messages.length, 'problem')}):\n`;
    items.push(blockItem(head, failure.messages, 'text', ctx));
  }

  const groups = new Map<string, { roots: string[]; root: RootPlan }>();
  for (const root of report.roots) {
    if (root.status !== 'error') continue;
    const key = JSON.stringify([root.error?.step ?? '', root.error?.message ?? '']);
    const group = groups.get(key);
    if (group) group.roots.push(root.root);
    else groups.set(key, { roots: [root.root], root });
  }
  for (const { roots, root } of groups.values()) {
    const where = root.error ? ` at ${inlineCode(root.error.step)}` : '';
    const head = `**${namedRoots(roots)} failed${where}:**\n`;
    items.push(blockItem(head, splitLines(root.error?.message ?? '(no message)'), 'text', ctx));
  }

  if (ruleTests && ruleTests.failed > 0) {
    const head = `**Rule tests: ${ruleTests.failed} failed:**\n`;
    items.push(blockItem(head, ruleTests.failures, 'text', ctx));
  }
  return items;
}

const GROUPS: ReadonlyArray<[ChangeAction, string]> = [
  ['create', 'Create'],
  ['update', 'Update'],
  ['replace', 'Replace'],
  ['delete', 'Destroy'],
  ['forget', 'Forget (left in AWS, no longer managed here)'],
];

/**
 * Resource addresses grouped by action. Only destroyed or replaced data-bearing resources
 * carry the mark: creating or updating a stream loses nothing, and a mark on every
 * stream would teach reviewers to ignore it.
 */
function addressLines(changes: readonly ResourceChange[]): string[] {
  const lines: string[] = [];
  for (const [action, label] of GROUPS) {
    const inGroup = changes.filter((c) => c.action === action);
    if (inGroup.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`**${label}** (${inGroup.length})`);
    for (const c of inGroup) {
      lines.push(`- ${inlineCode(c.address)}${losesData(c) ? ' — 🛑 holds data' : ''}`);
    }
  }
  return lines;
}

function summaryText(root: RootPlan): string {
  const name = `<code>${escapeHtml(root.root)}</code>`;
  if (root.status === 'error') {
    return `${name} · ❌ failed${root.error ? ` at <code>${escapeHtml(root.error.step)}</code>` : ''}`;
  }
  if (root.status === 'no-changes') return `${name} · ✅ no changes`;
  const mark = root.changes.some(losesData)
    ? '🛑'
    : root.changes.some(isDestructive) || root.destroy > 0
      ? '⚠️'
      : '📝';
  const forget = root.changes.filter((c) => c.action === 'forget').length;
  if (root.add + root.change + root.destroy + forget === 0)
    return `${name} · ${mark} changes to outputs only`;
  const counts = `${root.add} to add, ${root.change} to change, ${root.destroy} to destroy`;
  return `${name} · ${mark} ${counts}${forget > 0 ? `, ${forget} to forget` : ''}`;
}

/**
 * One cluster's collapsible section. When it must shrink: first the plan text is cut
 * (the address list already names every resource), then the address list, down to the
 * summary line and a note saying where the full plan is.
 */
export function detailsItem(root: RootPlan, ctx: ItemContext): Item {
  const { measure } = ctx;
  const open = `<details><summary>${summaryText(root)}</summary>\n`;
  const close = '</details>\n';
  const diff = planDiffLines(root.planText);
  let intro = '';
  if (root.status === 'error') intro = 'The error is shown above.\n';

  const addrs = addressLines(root.changes);
  const isEntry = (l: string): boolean => l.startsWith('- ');
  const totalEntries = addrs.filter(isEntry).length;
  const addrBlock = (lines: readonly string[]): string => lines.map((l) => `${l}\n`).join('');
  const addrCut = (n: number): string => `- … ${plural(n, 'more resource')} not listed here\n`;

  const fence = fenceFor(diff.join('\n'));
  const planBlock = (keep: number): string =>
    keep > 0 ? codeBlock(fence, 'diff', diff.slice(0, keep)) : '';
  const planCut = (n: number): string =>
    `… ${plural(n, 'more line')} of the plan not shown — the full plan is in ${ctx.elsewhere}.\n`;
  const planHidden =
    diff.length > 0
      ? `The plan (${plural(diff.length, 'line')}) is not shown here — the full plan is in ${ctx.elsewhere}.\n`
      : '';

  const withPlan = (keep: number, note: string): string =>
    paragraphs(
      open,
      intro,
      addrBlock(addrs),
      keep > 0 ? codeBlock(fence, 'diff', diff.slice(0, keep)) : '',
      note,
      close,
    );
  const withAddresses = (kept: readonly string[], omitted: number): string =>
    paragraphs(
      open,
      intro,
      addrBlock(kept) + (omitted > 0 ? addrCut(omitted) : ''),
      planHidden,
      close,
    );

  const full = paragraphs(open, intro, addrBlock(addrs), planBlock(diff.length), close);
  const smallest = withAddresses([], totalEntries);

  return {
    full: measure(full),
    min: measure(smallest),
    render(budget) {
      if (measure(full) <= budget) return full;
      // 1. Every address, the head of the plan. The shell is measured with a one-line block
      // (one character for its empty line) and the widest note, so the result never overshoots.
      const shell = measure(withPlan(1, planCut(diff.length))) - measure(`${diff[0] ?? ''}\n`);
      const keepPlan = diff.length > 0 ? fitLines(diff, budget - shell, measure) : 0;
      if (keepPlan > 0) return withPlan(keepPlan, planCut(diff.length - keepPlan));
      // 2. No plan, the head of the address list.
      const room = budget - measure(withAddresses([], totalEntries));
      const kept = addrs.slice(0, fitLines(addrs, room, measure));
      // A group heading or separator left without its entries says nothing: drop it.
      while (kept.length > 0 && !isEntry(kept[kept.length - 1]!)) kept.pop();
      return withAddresses(kept, totalEntries - kept.filter(isEntry).length);
    },
  };
}
