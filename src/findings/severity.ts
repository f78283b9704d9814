/** Severity order and the `fail-on` threshold. */
import type { Finding, RootFindings, Severity } from './types.js';

export type FailOn = 'none' | 'high' | 'medium';

export const FAIL_ON_VALUES: readonly FailOn[] = ['none', 'high', 'medium'];

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export function severityRank(severity: Severity): number {
  return RANK[severity];
}

/** New unwaived findings at or above `failOn` (none for `none`). */
export function blockingFindings(
  roots: readonly { findings?: RootFindings }[],
  failOn: FailOn,
): Finding[] {
  if (failOn === 'none') return [];
  const floor = RANK[failOn];
  return roots.flatMap((r) => (r.findings?.new ?? []).filter((f) => RANK[f.severity] >= floor));
}

/** Why the plan fails under `failOn` (the blocking findings, one per line), or undefined. */
export function findingsFailure(
  report: { roots: readonly { root: string; findings?: RootFindings }[] },
  failOn: FailOn,
): string | undefined {
  const lines = report.roots.flatMap((r) =>
    blockingFindings([r], failOn).map(
      (f) => `${r.root}: ${f.id} (${f.severity}) ${f.address}: ${f.message}`,
    ),
  );
  if (lines.length === 0) return undefined;
  return `${lines.length} new security finding(s) at or above fail-on: ${failOn}\n${lines.join('\n')}`;
}
