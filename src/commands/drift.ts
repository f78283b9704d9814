/**
 * `drift`, for a scheduled workflow on the default branch: plans every root as it is
 * merged, and keeps one issue in step with the result. A root whose plan has changes has
 * drifted (someone changed AWS outside Terraform, or a merge was never applied). Any drift
 * opens the issue, or updates the open one (found by its marker, never a second one); a
 * clean plan of every root closes it with a comment. A failed plan says nothing about drift:
 * the job fails and an open issue stays open.
 */
import type { ConfigProblem } from '../config/problems.js';
import type { PlanReport } from '../plan/types.js';
import {
  DRIFT_LABEL,
  DRIFT_TITLE,
  isDriftIssue,
  renderDriftGone,
  renderDriftIssue,
} from '../report/drift.js';
import type { IssueTracker } from '../door-kit/github.js';
import type { EngineOptions } from '../door-kit/options.js';
import { planCommand, planOptionsOf, type PlanOutcome } from './plan.js';
import { jobSummary, planFailure } from '../door-kit/plan-outcome.js';

export type DriftIssueAction = 'opened' | 'updated' | 'closed' | 'kept-open';

export interface DriftOutcome {
  report: PlanReport;
  /** Configuration problems of the plan, for annotations. */
  problems: ConfigProblem[];
  /** Roots whose plan has changes, in report order. */
  drifted: string[];
  /**
   * Whether the deployment has drifted: true when any root has, false when every root
   * planned clean, undefined when the plan failed before finding any drift.
   */
  isDrifted?: boolean;
  /** What happened to the drift issue; undefined when there was none and none was needed. */
  issue?: { number: number; url: string; action: DriftIssueAction };
  /** Lines for the log and the top of the job summary (masked). */
  lines: string[];
  summary: string;
  /** A label that could not be added to a new issue (the issue is there all the same). */
  warning?: string;
  /** Set when the job must fail: the plan did. */
  failure?: string;
}

export type Planner = (o: EngineOptions) => Promise<PlanOutcome>;

/**
 * The plan pipeline without the rule fixtures: they judge rules, not the deployment, and a
 * scheduled job reports drift. The processor build stays: the zips' hashes are in the plan.
 */
// Drift is what selection (src/selection) cannot see: every root is planned.
const planPipeline: Planner = (o) =>
  planCommand({ ...planOptionsOf(o), ruleTests: undefined, planAll: true });

export async function driftCommand(
  o: EngineOptions,
  tracker: IssueTracker,
  plan: Planner = planPipeline,
): Promise<DriftOutcome> {
  const { report, problems } = await plan(o);
  const drifted = report.roots.filter((r) => r.status === 'changes').map((r) => r.root);
  const failed = planFailure(report);
  const open = await tracker.findOpenIssue(isDriftIssue);

  let issue: DriftOutcome['issue'];
  let warning: string | undefined;
  // Rules left blind by a silent source, and sources at a critical volume drop
  // (docs/source-health.md), keep the issue open too: the deployment matches its
  // configuration, yet those detections see nothing or next to nothing. A warning drop is
  // listed when the issue is open anyway, but opens none.
  const blind = (report.blindRules ?? []).reduce(
    (n, b) => n + b.rules.length + (b.dropped ?? []).filter((d) => d.level === 'critical').length,
    0,
  );
  if (drifted.length > 0 || blind > 0) {
    // Drift found in the roots that did plan is reported even when others failed.
    const body = o.mask(renderDriftIssue(report));
    if (open) {
      issue = { ...(await tracker.updateIssue(open.number, body)), action: 'updated' };
    } else {
      const created = await tracker.createIssue(DRIFT_TITLE, body, [DRIFT_LABEL]);
      issue = { number: created.number, url: created.url, action: 'opened' };
      if (created.labelError)
        warning = o.mask(
          `drift issue #${created.number} opened without the label ${DRIFT_LABEL}: ${created.labelError}`,
        );
    }
  } else if (open && !failed) {
    const closed = await tracker.closeIssue(open.number, o.mask(renderDriftGone(report)));
    issue = { ...closed, action: 'closed' };
  } else if (open) {
    issue = { number: open.number, url: open.url, action: 'kept-open' };
  }

  const isDrifted = drifted.length > 0 ? true : failed ? undefined : false;
  const lines = [`## StreamAlert drift at ${report.commit.slice(0, 7)}`, ''];
  for (const r of report.roots) {
    if (r.status === 'changes')
      lines.push(`- **${r.root}**: drifted (+${r.add} ~${r.change} -${r.destroy})`);
    else if (r.status === 'no-changes') lines.push(`- **${r.root}**: no drift`);
    else lines.push(`- **${r.root}**: :x: plan failed at ${r.error?.step ?? 'terraform'}`);
  }
  for (const b of report.blindRules ?? []) {
    if (b.rules.length > 0)
      lines.push(
        `- **${b.cluster}**: ${b.rules.length} rule(s) blind, no records of ${b.silent.map((s) => s.logType).join(', ')}`,
      );
    for (const d of b.dropped ?? [])
      lines.push(`- **${b.cluster}**: ${d.logType} volume ${d.level}, far below its baseline`);
  }
  if (issue) lines.push('', issueLine(issue));
  const masked = lines.map(o.mask);
  return {
    report,
    problems,
    drifted,
    ...(isDrifted !== undefined ? { isDrifted } : {}),
    ...(issue ? { issue } : {}),
    lines: masked,
    summary: jobSummary(report, `${masked.join('\n')}\n\n`),
    ...(warning ? { warning } : {}),
    ...(failed
      ? {
          failure: o.mask(
            `drift check failed, ${issue?.action === 'kept-open' ? `issue #${issue.number} left open` : 'no issue closed'}: ${failed}`,
          ),
        }
      : {}),
  };
}

function issueLine(issue: NonNullable<DriftOutcome['issue']>): string {
  switch (issue.action) {
    case 'opened':
      return `Drift issue opened: ${issue.url}`;
    case 'updated':
      return `Drift issue updated: ${issue.url}`;
    case 'closed':
      return `No drift any more; drift issue closed: ${issue.url}`;
    case 'kept-open':
      return `Drift issue left open (the plan failed): ${issue.url}`;
  }
}
