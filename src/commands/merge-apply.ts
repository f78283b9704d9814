/**
 * Apply on merge: on a push to the default branch, apply exactly what was reviewed. The
 * merged pull request's plan comment holds, hidden, each root's plan fingerprint; the
 * commit is planned again, each root is decided (apply, skip, refuse: src/review/apply-decision.ts)
 * and the approved ones are applied. Nothing is applied when the pull request, its
 * comment or the re-plan is missing or failed.
 */
import { ALLOW_DESTROY_LABEL } from '../review/safety.js';
import type { PlanReport } from '../plan/types.js';
import type { ConfigProblem } from '../config/problems.js';
import { isPlanComment, parseCommentState } from '../report/comment.js';
import { applyRoot, type ApplyResult } from '../terraform/runner.js';
import { decideApply, type ApplyDecision } from '../review/apply-decision.js';
import {
  bootstrapFirstDeployment,
  openStateStore,
  type BootstrapOutcome,
} from '../steps/lifecycle.js';
import type { PullRequestHost } from '../door-kit/github.js';
import { labelsAskPlanAll, runnerOptions, type EngineOptions } from '../door-kit/options.js';
import { planCommand, planOptionsOf, stateRender, type PlanOutcome } from './plan.js';
import { jobSummary, planFailure } from '../door-kit/plan-outcome.js';
import { forgetApplied, recordApplied } from '../selection/records.js';
import { rootInputs } from '../selection/inputs.js';
import { loadConfig } from '../config/load.js';
import { renderTree } from '../render/render.js';

export interface MergeApplyOutcome {
  pullRequest: number;
  /** The plan comment as it was found (the reviewed state), for the apply report to edit. */
  reviewedComment: string;
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
  /** The first deployment's global apply and state move, before the re-plan (src/steps/lifecycle.ts). */
  bootstrap?: BootstrapOutcome;
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
  if (!comment || !reviewed) {
    throw new Error(
      `pull request #${pr.number} has no streamalert plan comment: nothing was reviewed, so nothing is applied`,
    );
  }

  // First deployment: global (which creates the state bucket) is applied and its state moved
  // into the bucket before anything else is planned against it.
  const boot = await bootstrapFirstDeployment(o, reviewed, pr.labels, plan);
  const header = [`## StreamAlert apply for #${pr.number} at ${o.commit.slice(0, 7)}`, ''];
  if (boot?.failure) {
    const masked = [...header, ...boot.lines].map(o.mask);
    return {
      pullRequest: pr.number,
      reviewedComment: comment.body,
      report: boot.report,
      problems: boot.problems,
      decisions: [boot.decision],
      results: boot.result ? [boot.result] : [],
      lines: masked,
      bootstrap: boot,
      summary: jobSummary(boot.report, `${masked.join('\n')}\n\n`),
      failure: o.mask(boot.failure),
    };
  }

  // Global was just applied from this commit: its applied record lets the re-plan leave it
  // out (plan what changed), one plan of global fewer on every first deployment. Without the
  // record (it could not be written, or the inputs differ) global is planned again, as before.
  if (boot) await recordBootstrapped(o);

  // Reviewed with every root planned: the merge plans every root too, so what was reviewed is what it compares.
  const { report, problems } = await plan(
    labelsAskPlanAll(pr.labels) ? { ...o, planAll: true } : o,
  );
  const base = { pullRequest: pr.number, reviewedComment: comment.body, report, problems };
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

  const removed = new Set(report.roots.filter((r) => r.removed).map((r) => r.root));
  const plans = new Map(report.roots.map((r) => [r.root, r]));
  // Also where nothing is removed: the applied records (src/selection/records.ts) live there.
  const state = await openStateStore(o);
  const decisions = decideApply(report, reviewed, pr.labels);
  const lines = [...header, ...(boot?.lines ?? [])];
  const results: ApplyResult[] = [];
  let refused = 0;
  for (const d of decisions) {
    const plan = plans.get(d.root)!;
    if (d.kind === 'skip' && removed.has(d.root)) {
      // A removed cluster whose state holds nothing (destroyed before): only its state object is left.
      await state?.removeState(d.root);
      await forgetApplied(state, d.root);
      lines.push(`- **${d.root}**: cluster removed, nothing left to destroy; state object removed`);
    } else if (d.kind === 'skip') {
      // No changes: its live infrastructure is what its inputs describe.
      const note = await recordApplied(state, plan, o.commit);
      // After the first deployment's bootstrap, global's line is the bootstrap's.
      if (!(boot && d.root === 'global')) lines.push(`- **${d.root}**: no changes`);
      if (note) lines.push(`  - ${d.root}: ${note}`);
    } else if (d.kind === 'refuse') {
      refused++;
      // Its plan has changes nobody applies: the record (if any) no longer says what is live.
      await forgetApplied(state, d.root);
      lines.push(`- **${d.root}**: :no_entry: refused — ${d.reason}`);
    } else {
      const blocked = await forgetApplied(state, d.root);
      if (blocked) {
        results.push({ root: d.root, ok: false, output: blocked });
        lines.push(`- **${d.root}**: :x: ${blocked}`);
        continue;
      }
      // Applied one at a time: a failure is reported before the next root changes anything.
      const result = await applyRoot(runnerOptions(o), o.outDir, d.root);
      results.push(result);
      if (result.ok && removed.has(d.root)) {
        // Destroyed: its (now empty) state object goes too, so later plans no longer list it.
        await state?.removeState(d.root);
        lines.push(
          `- **${d.root}**: :white_check_mark: destroyed (cluster removed); state object removed`,
        );
      } else {
        lines.push(
          result.ok
            ? `- **${d.root}**: :white_check_mark: applied${d.subset ? ` (the remaining ${d.subset.planned} of ${d.subset.reviewed} reviewed changes, after an earlier attempt)` : ''}`
            : `- **${d.root}**: :x: apply failed\n\n\`\`\`\n${result.output}\n\`\`\``,
        );
        const note = result.ok ? await recordApplied(state, plan, o.commit) : undefined;
        if (note) lines.push(`  - ${d.root}: ${note}`);
      }
    }
  }
  for (const u of report.unchanged ?? [])
    // After the first deployment's bootstrap, global's line is the bootstrap's.
    if (!(boot && u.root === 'global'))
      lines.push(`- **${u.root}**: unchanged since ${u.since.slice(0, 7)}, not planned`);
  const masked = lines.map(o.mask);
  const failed = results.filter((r) => !r.ok).length;
  return {
    ...base,
    // After the first deployment's bootstrap, global's result is that apply (its re-plan has no changes).
    decisions: boot ? withBootstrap(decisions, boot.decision) : decisions,
    results: boot?.result ? [boot.result, ...results] : results,
    lines: masked,
    summary: jobSummary(report, `${masked.join('\n')}\n\n`),
    ...(boot ? { bootstrap: boot } : {}),
    ...(refused > 0 || failed > 0
      ? {
          failure: `${refused} root(s) refused and ${failed} failed; see the job summary. Data-losing changes need the label ${ALLOW_DESTROY_LABEL}.`,
        }
      : {}),
  };
}

/**
 * Global's decision is the bootstrap's: its re-plan (if it ran: see recordBootstrapped)
 * has no changes, and a global left out of the re-plan has no decision of its own.
 */
function withBootstrap(decisions: ApplyDecision[], bootstrap: ApplyDecision): ApplyDecision[] {
  if (!decisions.some((d) => d.root === 'global')) return [bootstrap, ...decisions];
  return decisions.map((d) => (d.root === 'global' && d.kind === 'skip' ? bootstrap : d));
}

/**
 * Writes global's applied record with the inputs the re-plan will compute for it: rendered
 * as the re-plan renders (the state bucket now exists and holds global's state), from the
 * build the bootstrap's plan made of this same commit. Any failure leaves no record, and
 * the re-plan plans global (no changes) as it would without this.
 */
async function recordBootstrapped(o: EngineOptions): Promise<void> {
  const options = planOptionsOf(o);
  if (!options.state) return;
  try {
    const config = await loadConfig(o.configDir);
    const { render, store } = await stateRender(
      config,
      options.render,
      options.runner.backendConfig,
      options.state,
    );
    const inputs = rootInputs(
      renderTree(config, render),
      options.render.buildDir,
      options.runner.backendConfig,
    ).get('global');
    if (inputs) await recordApplied(store, { root: 'global', inputs }, o.commit);
  } catch {
    // no record: global is planned again
  }
}
