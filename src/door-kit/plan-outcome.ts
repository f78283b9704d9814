/** What a plan report means for the run: did it fail, what to print, what the step outputs say. */
import type { PlanReport, RootPlan, UnchangedRoot } from '../plan/types.js';
import { analysisSummary, analysisText } from '../report/analysis.js';
import { renderJobSummary, SUMMARY_MAX_BYTES } from '../report/summary.js';

/** Why the run fails (a stopped pipeline, failed rule tests, failed roots), or undefined. */
export function planFailure(report: PlanReport): string | undefined {
  if (report.failure)
    return `${report.failure.step} failed:\n${report.failure.messages.join('\n')}`;
  if (report.ruleTests && report.ruleTests.failed > 0)
    return `${report.ruleTests.failed} rule test(s) failed`;
  const failed = report.roots.filter((r) => r.status === 'error');
  if (failed.length > 0)
    return `terraform failed for ${failed.map((r) => `${r.root} (${r.error?.step})`).join(', ')}`;
  return undefined;
}

/**
 * The rule tests' count, then one line per root with its findings and monthly cost (or
 * the failure), for a terminal: what the pull request's comment says, in short.
 */
export function planLines(report: PlanReport): string[] {
  if (report.failure) return [`${report.failure.step} failed:`, ...report.failure.messages];
  const tests = report.ruleTests;
  return [
    ...(tests ? [`rule tests: ${tests.passed} passed, ${tests.failed} failed`] : []),
    ...report.roots.map((r) =>
      r.status === 'error'
        ? `${r.root}: error in terraform ${r.error?.step}\n${r.error?.message}`
        : `${r.root}: ${r.status} (+${r.add} ~${r.change} -${r.destroy})${analysisText(r)}`,
    ),
    ...(report.unchanged ?? []).map(
      (u) =>
        `${u.root}: unchanged since ${u.since.slice(0, 12)}, not planned (--plan-all plans it)`,
    ),
  ];
}

/**
 * The `summary` output: `{"production": {"status": "changes", "add": 3, ...}}`; a root left
 * out as unchanged (src/selection) is `{"status": "unchanged", "since": "<commit>"}`.
 */
export function summaryJson(
  roots: readonly RootPlan[],
  unchanged: readonly UnchangedRoot[] = [],
): string {
  return JSON.stringify(
    Object.fromEntries([
      ...roots.map((r) => [
        r.root,
        {
          status: r.status,
          add: r.add,
          change: r.change,
          destroy: r.destroy,
          ...analysisSummary(r),
        },
      ]),
      ...unchanged.map((u) => [u.root, { status: 'unchanged', since: u.since }]),
    ]),
  );
}

/** The `has-changes` output. */
export const hasChanges = (report: PlanReport): boolean =>
  report.roots.some((r) => r.status === 'changes');

/** The job summary of a plan (1 MiB budget), after `prefix` (which it leaves room for). */
export function jobSummary(report: PlanReport, prefix = ''): string {
  return (
    prefix + renderJobSummary(report, { maxBytes: SUMMARY_MAX_BYTES - Buffer.byteLength(prefix) })
  );
}
