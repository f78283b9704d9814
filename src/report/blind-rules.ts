/**
 * The section naming the rules a silent source leaves blind (docs/source-health.md): per
 * cluster, the log types whose silence alarm is in ALARM and the rules that read nothing
 * else. It sits in the always-visible part of the comment and the drift issue, so it is
 * bounded: at most MAX_BLIND_NAMES names per list (the rest counted; all are in
 * plan-report.json). Rule names and log types come from the repository: code spans only.
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

export function blindRulesSection(report: { blindRules?: BlindRules[] }): string {
  const blind = report.blindRules ?? [];
  if (blind.length === 0) return '';
  const total = blind.reduce((n, b) => n + b.rules.length, 0);
  const lines = blind
    .slice(0, MAX_BLIND_CLUSTERS)
    .map(
      (b) =>
        `- ${inlineCode(b.cluster)}: no records of ${names(b.silent.map((s) => s.logType))}; ` +
        `blind: ${names(b.rules.map((r) => r.name))}\n`,
    );
  if (blind.length > MAX_BLIND_CLUSTERS)
    lines.push(
      `- … ${plural(blind.length - MAX_BLIND_CLUSTERS, 'more cluster')} in plan-report.json\n`,
    );
  return (
    `🙈 **${plural(total, 'rule')} left blind by a silent source** ` +
    '(every log type each reads has its silence alarm in ALARM; see docs/source-health.md):\n' +
    lines.join('')
  );
}
