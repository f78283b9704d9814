/**
 * The source-health section (docs/source-health.md): per cluster, the log types whose
 * silence alarm is in ALARM with the rules that read nothing else (blind), then the log
 * types still sending but far below their baseline (dropped: critical, then warning) with
 * the rules reading them. It sits in the always-visible part of the comment and the drift
 * issue, so it is bounded: at most MAX_BLIND_NAMES names per list (the rest counted; all
 * are in plan-report.json). Rule names and log types come from the repository: code spans
 * only.
 */
import type { BlindRules } from '../plan/types.js';
import { inlineCode, plural } from './markdown.js';

export const MAX_BLIND_NAMES = 20;
export const MAX_BLIND_CLUSTERS = 10;

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_BLIND_NAMES).map(inlineCode).join(', ');
  const more = list.length - MAX_BLIND_NAMES;
  return more > 0 ? `${shown} and ${more} more` : shown;
}

/** One cluster's lines: blind rules first, then each drop level with its log types. */
function clusterLines(b: BlindRules): string[] {
  const lines: string[] = [];
  if (b.rules.length > 0)
    lines.push(
      `- ${inlineCode(b.cluster)}: no records of ${names(b.silent.map((s) => s.logType))}; ` +
        `blind: ${names(b.rules.map((r) => r.name))}\n`,
    );
  for (const level of ['critical', 'warning'] as const) {
    const dropped = (b.dropped ?? []).filter((d) => d.level === level);
    if (dropped.length === 0) continue;
    const rules = [...new Set(dropped.flatMap((d) => d.rules))].sort();
    lines.push(
      `- ${inlineCode(b.cluster)}: volume ${level === 'critical' ? '**critical**' : 'warning'}, ` +
        `far below baseline: ${names(dropped.map((d) => d.logType))}; ` +
        `rules seeing less: ${names(rules)}\n`,
    );
  }
  return lines;
}

export function blindRulesSection(report: { blindRules?: BlindRules[] }): string {
  const clusters = report.blindRules ?? [];
  if (clusters.length === 0) return '';
  const blind = clusters.reduce((n, b) => n + b.rules.length, 0);
  const dropped = clusters.reduce((n, b) => n + (b.dropped?.length ?? 0), 0);
  const lines = clusters.slice(0, MAX_BLIND_CLUSTERS).flatMap(clusterLines);
  if (clusters.length > MAX_BLIND_CLUSTERS)
    lines.push(
      `- … ${plural(clusters.length - MAX_BLIND_CLUSTERS, 'more cluster')} in plan-report.json\n`,
    );
  const heads: string[] = [];
  if (blind > 0)
    heads.push(
      `🙈 **${plural(blind, 'rule')} left blind by a silent source** ` +
        '(every log type each reads has its silence alarm in ALARM; see docs/source-health.md)',
    );
  if (dropped > 0)
    heads.push(
      `📉 **${plural(dropped, 'log type')} far below ${dropped === 1 ? 'its' : 'their'} usual volume** ` +
        '(the last hour against the same hour of the six days before; warning and critical levels in docs/source-health.md)',
    );
  return `${heads.join('; ')}:\n${lines.join('')}`;
}
