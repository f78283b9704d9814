/**
 * The comment's backtest section: one line per rule the pull request adds or changes, with
 * its alerts before → after over the fixtures and the sampled records, and its top merge
 * keys. It sits in the always-visible part of the comment, so it is bounded: at most
 * MAX_BACKTEST_RULES lines (the rest counted; all are in plan-report.json), merge key
 * values cut to MAX_KEY_LENGTH characters, at most MAX_BACKTEST_NOTES notes.
 *
 * Notes and the reason a backtest stopped quote data (object keys, rule names, error
 * messages from the sandbox or S3): they are shown in a code block, whose fence is longer
 * than any backtick run inside, so no mention, link, image or HTML of theirs is live.
 */
import type { AlertCounts, BacktestReport, RuleBacktest } from '../backtest/types.js';
import { fenceFor, inlineCode, plural } from './markdown.js';

export const MAX_BACKTEST_RULES = 20;
export const MAX_BACKTEST_NOTES = 5;
export const MAX_KEY_LENGTH = 60;
export const MAX_NOTE_LENGTH = 400;

const n = (x: number): string => x.toLocaleString('en-US');

function counts(c: AlertCounts): string {
  return c.before === undefined ? `${n(c.after)}` : `${n(c.before)} -> ${n(c.after)}`;
}

function cut(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_KEY_LENGTH ? `${flat.slice(0, MAX_KEY_LENGTH - 1)}…` : flat;
}

function ruleLine(r: RuleBacktest, b: BacktestReport): string {
  const parts = [
    `${inlineCode(r.rule)}${r.status === 'new' ? ' (new)' : ''}: ${counts(r.fixtures)} ${r.fixtures.after === 1 && r.fixtures.before === undefined ? 'alert' : 'alerts'} over the fixtures (${n(b.fixtureRecords)} ${b.fixtureRecords === 1 ? 'record' : 'records'})`,
  ];
  if (r.sample && b.sample)
    parts.push(
      `${counts(r.sample)} alerts over ${b.sample.hours} h (${n(b.sample.records)} records sampled)`,
    );
  if (r.topKeys.length > 0)
    parts.push(
      `top merge keys: ${r.topKeys.map((k) => `${inlineCode(cut(k.value))} (${n(k.count)})`).join(', ')}`,
    );
  return `- ${parts.join(' · ')}\n`;
}

/** One line of plain text, cut: a note as the code block shows it. */
const noteLine = (text: string): string => text.replace(/\s+/g, ' ').slice(0, MAX_NOTE_LENGTH);

/** The notes (and the stop reason first) as an inert code block, at most MAX_BACKTEST_NOTES. */
function notesBlock(lines: readonly string[]): string {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, MAX_BACKTEST_NOTES).map(noteLine);
  if (lines.length > MAX_BACKTEST_NOTES)
    shown.push(`… ${plural(lines.length - MAX_BACKTEST_NOTES, 'more note')} in plan-report.json`);
  const text = shown.join('\n');
  const fence = fenceFor(text);
  return `${fence}text\n${text}\n${fence}\n`;
}

export function backtestSection(report: { backtest?: BacktestReport }): string {
  const b = report.backtest;
  if (!b) return '';
  const against = b.baseAvailable
    ? `before = base ${inlineCode(b.base.slice(0, 12))}`
    : 'after only';
  // A backtest that stopped never claims that no rule changed: it may not have got that far.
  const head =
    b.stopped !== undefined
      ? `🔁 **Backtest stopped** before counting (${against}): no counts for the added or changed rules; why below.\n`
      : b.rules.length === 0
        ? `🔁 **Backtest:** no rule added or changed (${against}).\n`
        : `🔁 **Backtest** of ${plural(b.rules.length, 'added or changed rule')} (${against}):\n`;
  const lines = b.rules.slice(0, MAX_BACKTEST_RULES).map((r) => ruleLine(r, b));
  if (b.rules.length > MAX_BACKTEST_RULES)
    lines.push(
      `- … ${plural(b.rules.length - MAX_BACKTEST_RULES, 'more rule')} in plan-report.json\n`,
    );
  const notes = notesBlock([
    ...(b.stopped !== undefined ? [`the backtest stopped: ${b.stopped}`] : []),
    ...b.notes,
  ]);
  return [head + lines.join(''), notes].filter((t) => t !== '').join('\n');
}
