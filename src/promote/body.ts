/**
 * The promotion pull request's title and body: a table of staged alerts per rule and day,
 * what is promoted, what stays staged because it is noisy (with its top merge keys) or
 * not watched long enough yet, and the rules whose file could not be edited safely.
 */
import { SHOWN_DAYS, type PromoteSettings, type RuleCounts } from './counts.js';

/** Hidden marker: finds nothing by itself (the branch name finds the pull request), but says who wrote it. */
export const PROMOTE_MARKER = '<!-- streamalert-action:promote -->';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function promoteTitle(promoted: readonly string[]): string {
  return promoted.length === 1
    ? `Promote staged rule ${promoted[0]}`
    : `Promote ${promoted.length} staged rules`;
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
  const lines = [
    PROMOTE_MARKER,
    `Staged rules that stayed at or under **${settings.quietThreshold}** alert(s) on every day (UTC) for at least ${settings.minStagedHours} h lose \`staged: true\` in this pull request: once it is merged and applied, their alerts go to their outputs.`,
    '',
    `| Rule | Staged since | ${days.map((d) => d.slice(5)).join(' | ')} | Total | Decision |`,
    `|---|---|${days.map(() => '---:').join('|')}|---:|---|`,
  ];
  for (const c of counts) {
    const per = new Map(c.days);
    const decision = promoted.includes(c.rule.name)
      ? 'promoted'
      : c.verdict === 'noisy'
        ? 'stays staged: noisy'
        : c.verdict === 'watching'
          ? 'stays staged: watched too briefly'
          : 'stays staged: not edited';
    lines.push(
      `| \`${cell(c.rule.name)}\` | ${c.since.slice(0, 16).replace('T', ' ')} | ${days.map((d) => (per.has(d) ? String(per.get(d)) : '')).join(' | ')} | ${c.total} | ${decision} |`,
    );
  }
  const noisy = counts.filter((c) => c.verdict === 'noisy');
  if (noisy.length > 0) {
    lines.push('', '### Noisy rules (left staged)', '');
    for (const c of noisy) {
      lines.push(`- \`${cell(c.rule.name)}\` (${c.rule.file}): ${c.total} alert(s)`);
      if (c.topKeys && c.topKeys.length > 0)
        for (const k of c.topKeys) lines.push(`  - ${k.count} × \`${cell(k.values)}\``);
      else lines.push('  - no `merge_by_keys`: nothing to group its alerts by');
    }
  }
  if (refused.length > 0) {
    lines.push('', '### Not edited', '', ...refused.map((r) => `- ${cell(r)}`));
  }
  lines.push(
    '',
    '_Counts: objects under `staging/<rule>/dt=<day>/` in the clusters’ Firehose data buckets. Opened by `streamalert-action` `command: promote`; the next run updates this pull request._',
  );
  return `${lines.join('\n')}\n`;
}
