/**
 * Apply on merge: on a push to the default branch, apply exactly what was reviewed. The
 * merged pull request's plan comment holds, hidden, each root's plan fingerprint; the
 * commit is planned again, each root is decided (apply, skip, refuse: apply-decision.ts)
 * and the approved ones are applied. Nothing is applied when the pull request, its
 * comment or the re-plan is missing or failed.
 */
import { ALLOW_DESTROY_LABEL } from '../plan/safety.js';
import type { PlanReport } from '../plan/types.js';
import type { ConfigProblem } from '../config/problems.js';
import { isPlanComment, parseCommentState } from '../report/comment.js';
import { applyRoot, type ApplyResult } from '../terraform/runner.js';
import { decideApply, type ApplyDecision } from './apply-decision.js';
import type { PullRequestHost } from './github.js';
import { runnerOptions, type EngineOptions } from './options.js';
import { planCommand, planOptionsOf, type PlanOutcome } from './plan.js';
import { jobSummary, planFailure } from './plan-outcome.js';

export interface MergeApplyOutcome {
  pullRequest: number;
  report: PlanReport;
  /** Configuration problems of the re-plan, for annotations. */
  problems: ConfigProblem[];
  decisions: ApplyDecision[];
  /** One per root decided `apply`, in the same order. */
  results: ApplyResult[];
  /** Per-root result lines (markdown), masked: the log and the top of the job summary. */
  lines: string[];
  /** The job summary: the lines, then the re-plan. */
  summary: string;
  /** Set when the job must fail: the re-plan failed, or a root was refused or failed to apply. */
  failure?: string;
}

/** Plans the commit again (validate, render, build, rule tests, Terraform). */
export type Planner = (o: EngineOptions) => Promise<PlanOutcome>;

const planPipeline: Planner = (o) => planCommand(planOptionsOf(o));

export async function mergeApplyCommand(
  o: EngineOptions,
  host: PullRequestHost,
  plan: Planner = planPipeline,
): Promise<MergeApplyOutcome> {
  const pr = await host.mergedPullRequestFor(o.commit);
  if (!pr) {
    throw new Error(
      `no merged pull request found for commit ${o.commit}: nothing was reviewed, so nothing is applied`,
    );
  }
  const comment = await host.findComment(pr.number, isPlanComment);
  const reviewed = comment ? parseCommentState(comment.body) : undefined;
  if (!reviewed) {
    throw new Error(
      `pull request #${pr.number} has no streamalert plan comment: nothing was reviewed, so nothing is applied`,
    );
  }

  const { report, problems } = await plan(o);
  const base = { pullRequest: pr.number, report, problems };
  const replanFailure = planFailure(report);
  if (replanFailure) {
    return {
      ...base,
      decisions: [],
      results: [],
      lines: [],
      summary: jobSummary(report),
      failure: o.mask(`re-plan on merge failed, nothing applied: ${replanFailure}`),
    };
  }

  const decisions = decideApply(report, reviewed, pr.labels);
  const lines = [`## StreamAlert apply for #${pr.number} at ${o.commit.slice(0, 7)}`, ''];
  const results: ApplyResult[] = [];
  let refused = 0;
  for (const d of decisions) {
    if (d.kind === 'skip') lines.push(`- **${d.root}**: no changes`);
    else if (d.kind === 'refuse') {
      refused++;
      lines.push(`- **${d.root}**: :no_entry: refused — ${d.reason}`);
    } else {
      // Applied one at a time: a failure is reported before the next root changes anything.
      const result = await applyRoot(runnerOptions(o), o.outDir, d.root);
      results.push(result);
      lines.push(
        result.ok
          ? `- **${d.root}**: :white_check_mark: applied`
          : `- **${d.root}**: :x: apply failed\n\n\`\`\`\n${result.output}\n\`\`\``,
      );
    }
  }
  const masked = lines.map(o.mask);
  const failed = results.filter((r) => !r.ok).length;
  return {
    ...base,
    decisions,
    results,
    lines: masked,
    summary: jobSummary(report, `${masked.join('\n')}\n\n`),
    ...(refused > 0 || failed > 0
      ? {
          failure: `${refused} root(s) refused and ${failed} failed; see the job summary. Data-losing changes need the label ${ALLOW_DESTROY_LABEL}.`,
        }
      : {}),
  };
}
