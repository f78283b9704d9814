/**
 * The deploy lifecycle steps of apply on merge that go beyond "apply the reviewed plan":
 * - the first deployment: the state bucket does not exist, so the global root (which
 *   creates it) is applied with local state — only when its plan is the reviewed one — and
 *   its state is then moved into the new bucket, before the clusters are planned against it;
 * - a removed cluster, once destroyed, leaves an empty state object: it is removed, so the
 *   cluster no longer shows up as removed in every later plan.
 */
import { loadConfig } from '../config/load.js';
import type { ConfigProblem } from '../config/problems.js';
import type { PlanOutcome, PlanReport } from '../plan/types.js';
import { renderTree } from '../render/render.js';
import { writeTree } from '../render/write-tree.js';
import { stateLocation } from '../state/location.js';
import type { StateStore } from '../state/store.js';
import { applyRoot, migrateRootState, type ApplyResult } from '../terraform/runner.js';
import { decideApply, type ApplyDecision, type ReviewedPlan } from '../review/apply-decision.js';
import {
  renderOptions,
  runnerOptions,
  stateStoreOf,
  type EngineOptions,
} from '../door-kit/options.js';
import { planFailure } from '../door-kit/plan-outcome.js';

/** The state bucket of this configuration, when the engine manages state (undefined otherwise, or when the configuration does not load: the re-plan reports that). */
export async function openStateStore(o: EngineOptions): Promise<StateStore | undefined> {
  const factory = stateStoreOf(o);
  if (!factory) return undefined;
  try {
    const config = await loadConfig(o.configDir);
    return factory(stateLocation(config, o.backendConfig));
  } catch {
    return undefined;
  }
}

export interface BootstrapOutcome {
  /** The global root's bootstrap plan. */
  report: PlanReport;
  problems: ConfigProblem[];
  decision: ApplyDecision;
  result?: ApplyResult;
  /** Result lines (markdown, not yet masked). */
  lines: string[];
  /** Set when the job must stop here: nothing else is applied. */
  failure?: string;
}

/**
 * Applies the first deployment's global root and moves its state into the bucket it
 * created. Undefined when this is not a first deployment (the bucket exists, or
 * global.json does not let the global root create it).
 */
export async function bootstrapFirstDeployment(
  o: EngineOptions,
  reviewed: ReviewedPlan,
  labels: string[],
  plan: (o: EngineOptions) => Promise<PlanOutcome>,
): Promise<BootstrapOutcome | undefined> {
  const factory = stateStoreOf(o);
  if (!factory) return undefined;
  let config;
  try {
    config = await loadConfig(o.configDir);
  } catch {
    return undefined; // the re-plan reports the configuration's problems
  }
  if (!config.global.terraform.createStateBucket) return undefined;
  if (await factory(stateLocation(config, o.backendConfig)).bucketExists()) return undefined;

  // The plan sees the missing bucket too and renders global with a local backend.
  const { report, problems } = await plan({ ...o, clusters: ['global'] });
  const base = { report, problems };
  const failed = planFailure(report);
  if (failed || !report.firstDeployment) {
    const why = failed ?? 'the state bucket appeared while planning';
    return {
      ...base,
      decision: { kind: 'refuse', root: 'global', reason: why },
      lines: [],
      failure: `first deployment: the global root's plan failed, nothing applied: ${why}`,
    };
  }
  const bucket = report.firstDeployment.bucket;
  const [decision] = decideApply(report, reviewed, labels);
  if (!decision || decision.kind !== 'apply') {
    const reason =
      decision?.kind === 'refuse'
        ? decision.reason
        : 'it plans no change, yet the bucket is missing';
    return {
      ...base,
      decision: decision ?? { kind: 'refuse', root: 'global', reason },
      lines: [`- **global**: :no_entry: refused — ${reason}`],
      failure: `first deployment: the global root (which creates the state bucket ${bucket}) was refused, nothing applied: ${reason}`,
    };
  }
  const runner = runnerOptions(o);
  const result = await applyRoot(runner, o.outDir, 'global');
  if (!result.ok) {
    return {
      ...base,
      decision,
      result,
      lines: [`- **global**: :x: apply failed\n\n\`\`\`\n${result.output}\n\`\`\``],
      failure: 'first deployment: the global root failed to apply; nothing else was applied',
    };
  }
  // The same tree with global on the S3 backend (the local state file is carried over), then
  // Terraform copies that state into the bucket the apply just created.
  await writeTree(o.outDir, renderTree(config, renderOptions(o)));
  const moved = await migrateRootState(runner, o.outDir, 'global');
  if (!moved.ok) {
    return {
      ...base,
      decision,
      result,
      lines: [
        `- **global**: :x: applied, but moving its state into ${bucket} failed\n\n\`\`\`\n${moved.output}\n\`\`\``,
      ],
      failure:
        `first deployment: the global root was applied (state bucket ${bucket} created) but its state could not be ` +
        `moved into the bucket; it is only in ${o.outDir}/global/terraform.tfstate on this runner. ` +
        'Import the resources (or copy that file to the bucket) before the next run.',
    };
  }
  return {
    ...base,
    decision,
    result,
    lines: [
      `- **global**: :white_check_mark: applied (first deployment: state bucket ${bucket} created, state moved into it)`,
    ],
  };
}
