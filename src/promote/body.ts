/**
 * The promotion pull request's title and body: a table of staged alerts per rule and day,
 * what is promoted, what stays staged because it is noisy (with its top merge keys) or
 * not watched long enough yet, and the rules whose file could not be edited safely.
 *
 * Merge key values come from alerts, that is from logs anyone can write to: every value
 * from data (and every name) is shown as inline code, fenced by more backticks than it
 * holds, so no value can close its span and become a live @mention, image, link or HTML.
 * A long value is cut with a note, and the body always fits GitHub's limit.
 */
import { SHOWN_DAYS, type PromoteSettings, type RuleCounts } from './counts.js';

/** Hidden marker: finds nothing by itself (the branch name finds the pull request), but says who wrote it. */
export const PROMOTE_MARKER = '<!-- streamalert-action:promote -->';

/** GitHub refuses a pull request body longer than this many characters (422). */
export const MAX_BODY_CHARS = 65_536;
/** Characters of one value shown; the rest is cut with a note. */
export const MAX_VALUE_CHARS = 200;
/** Kept free for the lines that say what was left out, and the footer. */
const RESERVE = 2_000;

/**
 * `value` as inert inline code on one line: the fence is one backtick longer than the
 * longest run of backticks in the value, padded with a space where the value starts or
 * ends with a backtick (CommonMark strips that one space again). Cut to `max` characters
 * with a note after the span.
 */
export function inlineCode(value: string, max = MAX_VALUE_CHARS): string {
  let shown = value;
  let note = '';
  if (value.length > max) {
    // Never half a surrogate pair.
    const end = /[\ud800-\udbff]/.test(value[max - 1] ?? '') ? max - 1 : max;
    note = ` … (cut: ${value.length} characters)`;
    shown = value.slice(0, end);
  }
  shown = shown.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  if (shown === '') return '(empty)';
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(shown) && shown.trim() !== '' ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}${note}`;
}

/** Inline code in a table cell: a pipe, even inside the span, would end the cell. */
const codeCell = (value: string) => inlineCode(value).replace(/\|/g, '\\|');

/** A timestamp as written by promote; anything else (the marker is data) as code. */
const when = (since: string) =>
  /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(since) ? since.slice(0, 16).replace('T', ' ') : codeCell(since);

export function promoteTitle(promoted: readonly string[]): string {
  return promoted.length === 1
    ? `Promote staged rule ${promoted[0]}`
    : `Promote ${promoted.length} staged rules`;
}

/** Adds lines while they fit in `budget` characters; the rest are counted in `more`. */
class Budget {
  constructor(private left: number) {}
  take(line: string): boolean {
    if (line.length + 1 > this.left) return false;
    this.left -= line.length + 1;
    return true;
  }
}

export function promoteBody(
  counts: readonly RuleCounts[],
  promoted: readonly string[],
  refused: readonly string[],
  settings: PromoteSettings,
): string {
  const days = [...new Set(counts.flatMap((c) => c.days.map(([d]) => d)))]
    .sort()
    .slice(-SHOWN_DAYS);
  const head = [
    PROMOTE_MARKER,
    `Staged rules that stayed at or under **${settings.quietThreshold}** alert(s) on every day (UTC) for at least ${settings.minStagedHours} h lose \`staged: true\` in this pull request: once it is merged and applied, their alerts go to their outputs.`,
    '',
    `| Rule | Staged since | ${days.map((d) => d.slice(5)).join(' | ')} | Total | Decision |`,
    `|---|---|${days.map(() => '---:').join('|')}|---:|---|`,
  ];
  const footer =
    '_Counts: objects under `staging/<rule>/dt=<day>/` in the clusters’ Firehose data buckets. Opened by `streamalert-action` `command: promote`; the next run updates this pull request._';
  const budget = new Budget(MAX_BODY_CHARS - RESERVE - head.join('\n').length - footer.length - 2);

  const row = (c: RuleCounts) => {
    const per = new Map(c.days);
    const decision = promoted.includes(c.rule.name)
      ? 'promoted'
      : c.verdict === 'noisy'
        ? 'stays staged: noisy'
        : c.verdict === 'watching'
          ? 'stays staged: watched too briefly'
          : 'stays staged: not edited';
    return `| ${codeCell(c.rule.name)} | ${when(c.since)} | ${days.map((d) => (per.has(d) ? String(per.get(d)) : '')).join(' | ')} | ${c.total} | ${decision} |`;
  };
  // The promoted rules' rows first in the budget (the pull request is about them), in table order.
  const rows = counts.map(row);
  const shown = new Set<number>();
  for (const pass of [true, false])
    counts.forEach((c, i) => {
      if (promoted.includes(c.rule.name) === pass && budget.take(rows[i]!)) shown.add(i);
    });
  const lines = [...head, ...rows.filter((_, i) => shown.has(i))];
  if (shown.size < rows.length)
    lines.push(
      '',
      `_${rows.length - shown.size} more rule(s) not shown: the body has a size limit; the job log lists every rule._`,
    );

  const noisy = counts.filter((c) => c.verdict === 'noisy');
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    const out = ['', title, ''];
    let kept = 0;
    for (const item of items) {
      if (!budget.take(item)) break;
      out.push(item);
      kept++;
    }
    if (kept < items.length) out.push(`- … ${items.length - kept} more line(s): see the job log`);
    lines.push(...out);
  };
  section(
    '### Noisy rules (left staged)',
    noisy.flatMap((c) => [
      `- ${inlineCode(c.rule.name)} (${inlineCode(c.rule.file)}): ${c.total} alert(s)`,
      ...(c.topKeys && c.topKeys.length > 0
        ? c.topKeys.map((k) => `  - ${k.count} × ${inlineCode(k.values)}`)
        : ['  - no `merge_by_keys`: nothing to group its alerts by']),
    ]),
  );
  section(
    '### Not edited',
    refused.map((r) => `- ${inlineCode(r, 1000)}`),
  );
  lines.push('', footer);
  return `${lines.join('\n')}\n`;
}
