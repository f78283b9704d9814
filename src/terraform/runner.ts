/**
 * Plans and applies rendered roots with at most three Terraform runs per root: init
 * (with the user's backend-config lines), plan to a saved file (plan validates the
 * configuration itself, so a separate `validate` would only start the provider again;
 * its output, progress lines removed, is the human plan text), and one `show -json` of
 * the saved plan. Roots run in parallel up to `parallelism`; one failing root is
 * reported and never hides the others. Terraform itself is behind the `Terraform`
 * interface (terraform.ts): the real binary unless the options carry another.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { RootPlan, TerraformStep } from '../plan/types.js';
import { planFingerprint, resourceChanges, type PlanJson } from './plan-json.js';
import type { TerraformEnv } from './exec.js';
import { planTextFromPlanOutput } from './plan-output.js';
import { explainPlanError } from './lookup-errors.js';
import { withProviderMirror } from './mirror.js';
import type { Lookup } from '../render/lookups.js';
import { PLAN_FILE, terraformCli, type ExecResult, type Terraform } from './terraform.js';
import { mapLimit } from '../shared/map-limit.js';

export { PLAN_FILE };
const LOCK_FILE = '.terraform.lock.hcl';
/** The shared provider cache in RUNNER_TEMP when the user configured none (see withPluginCache). */
export const PLUGIN_CACHE_DIR = 'streamalert-terraform-plugin-cache';

export interface RunnerOptions extends TerraformEnv {
  /** `key=value` lines passed as `-backend-config` to every init. */
  backendConfig: string[];
  parallelism: number;
  /** Applied to every text that leaves Terraform (plan text, errors). */
  mask: (text: string) => string;
  /**
   * The Terraform to run; by default the binary named by `binary` (with the plugin cache
   * of withPluginCache). Tests pass a scripted one.
   */
  terraform?: Terraform;
  /** Judges a root's plan JSON (findings, cost; see commands/plan.ts); its fields join the RootPlan. */
  analyse?: (root: string, plan: PlanJson) => Pick<RootPlan, 'findings' | 'cost'>;
  /** The existing resources a root looks up (render/lookups.ts), to name their config keys when a plan fails. */
  lookups?: (root: string) => readonly Lookup[];
}

class StepFailed extends Error {
  constructor(
    readonly step: TerraformStep,
    message: string,
  ) {
    super(message);
  }
}

/** The result, or StepFailed with Terraform's message (stderr, else stdout, else the exit code). */
async function step(stepName: TerraformStep, run: Promise<ExecResult>): Promise<ExecResult> {
  const result = await run;
  if (result.code !== 0) {
    const text = (
      result.stderr.trim() ||
      result.stdout.trim() ||
      `exit code ${result.code}`
    ).replace(/\n{3,}/g, '\n\n');
    throw new StepFailed(stepName, text);
  }
  return result;
}

function terraformOf(opts: RunnerOptions): Terraform {
  return opts.terraform ?? terraformCli(withPluginCache(withProviderMirror(opts)));
}

/**
 * A reused workspace (a self-hosted runner without a clean checkout) keeps each root's
 * .terraform/, which remembers the backend of an earlier render: another endpoint, other
 * backend-config lines. Terraform then refuses with "Backend configuration changed". The
 * rendered backend is the truth and the state lives there, so such a root is initialised
 * again with -reconfigure — unless it holds a local state file (an interrupted first
 * deployment), whose resources only a deliberate migration may move.
 */
async function initRoot(opts: RunnerOptions, tf: Terraform, dir: string): Promise<void> {
  const first = await tf.init(dir, opts.backendConfig);
  if (first.code !== 0 && BACKEND_CHANGED.test(first.stderr + first.stdout)) {
    if (!hasLocalState(dir)) {
      await step('init', tf.init(dir, opts.backendConfig, { reconfigure: true }));
      return;
    }
    throw new StepFailed(
      'init',
      `${path.join(dir, LOCAL_STATE)} holds state and the rendered backend changed: move it with "terraform -chdir=${dir} init -migrate-state" (or delete it if it is stale), then run again\n\n${(first.stderr || first.stdout).trim()}`,
    );
  }
  await step('init', Promise.resolve(first));
}

const BACKEND_CHANGED = /Backend configuration changed/;
const LOCAL_STATE = 'terraform.tfstate';

function hasLocalState(dir: string): boolean {
  try {
    return statSync(path.join(dir, LOCAL_STATE)).size > 0;
  } catch {
    return false;
  }
}

function parsePlanJson(stdout: string): PlanJson {
  try {
    return JSON.parse(stdout) as PlanJson;
  } catch (err) {
    throw new StepFailed('show', `terraform show -json printed no JSON: ${(err as Error).message}`);
  }
}

/** Plans one root whose init is `init` (already started; its failure is this root's). */
async function planRoot(
  opts: RunnerOptions,
  tf: Terraform,
  treeDir: string,
  root: string,
  init: Promise<void>,
): Promise<RootPlan> {
  const dir = path.join(treeDir, root);
  try {
    await init;
    // Configuration errors (what `validate` reported) come out of this step, as 'plan'.
    const planned = await step('plan', tf.plan(dir));
    const json = parsePlanJson((await step('show', tf.show(dir))).stdout);
    const text = planTextFromPlanOutput(planned.stdout);
    const changes = resourceChanges(json);
    const count = (...actions: string[]) =>
      changes.filter((c) => actions.includes(c.action)).length;
    return {
      root,
      status: changes.length > 0 ? 'changes' : 'no-changes',
      add: count('create', 'replace'),
      change: count('update'),
      destroy: count('delete', 'replace'),
      changes,
      planText: opts.mask(text),
      fingerprint: planFingerprint(json),
      ...opts.analyse?.(root, json),
    };
  } catch (err) {
    const failed = err instanceof StepFailed ? err : new StepFailed('plan', (err as Error).message);
    return {
      root,
      status: 'error',
      add: 0,
      change: 0,
      destroy: 0,
      changes: [],
      planText: '',
      error: failedError(opts, root, failed),
      fingerprint: '',
    };
  }
}

/** The root's error; a plan that failed looking up configured resources names their keys first. */
function failedError(
  opts: RunnerOptions,
  root: string,
  failed: StepFailed,
): NonNullable<RootPlan['error']> {
  const explained =
    failed.step === 'plan' && opts.lookups
      ? explainPlanError(failed.message, opts.lookups(root))
      : undefined;
  if (!explained) return { step: failed.step, message: opts.mask(failed.message) };
  return {
    step: failed.step,
    message: opts.mask(explained.message),
    problems: explained.problems.map((p) => ({ ...p, message: opts.mask(p.message) })),
  };
}

/**
 * Without a plugin cache every root's init installs its own copy of the AWS provider
 * (hundreds of MB, downloaded again per root). Inside GitHub Actions, unless the user
 * configured a cache (TF_PLUGIN_CACHE_DIR, or plugin_cache_dir in the CLI configuration),
 * the roots share one in RUNNER_TEMP: the runner empties it after the job and runs one job
 * at a time, so no other process writes to it. Outside Actions nothing is changed (a
 * cache in a temp folder could vanish between `plan` and `apply`).
 */
export function withPluginCache(
  opts: RunnerOptions,
  env: NodeJS.ProcessEnv = process.env,
): RunnerOptions {
  const runnerTemp = env.RUNNER_TEMP;
  if (!runnerTemp || opts.env.TF_PLUGIN_CACHE_DIR || env.TF_PLUGIN_CACHE_DIR) return opts;
  const cliConfig =
    opts.env.TF_CLI_CONFIG_FILE ?? env.TF_CLI_CONFIG_FILE ?? path.join(homedir(), '.terraformrc');
  try {
    if (/^\s*plugin_cache_dir\s*=/m.test(readFileSync(cliConfig, 'utf8'))) return opts;
  } catch {
    // no CLI configuration
  }
  const cache = path.join(runnerTemp, PLUGIN_CACHE_DIR);
  mkdirSync(cache, { recursive: true });
  return { ...opts, env: { ...opts.env, TF_PLUGIN_CACHE_DIR: cache } };
}

/** The `required_providers` block of a rendered root, to tell which roots share a provider set. */
function providerSet(dir: string): string | undefined {
  try {
    return /\n([ \t]*)required_providers\s*\{[\s\S]*?\n\1\}/
      .exec(readFileSync(path.join(dir, 'main.tf'), 'utf8'))?.[0]
      .replace(/\s+/g, ' ');
  } catch {
    return undefined;
  }
}

/**
 * Plans every root. Providers are installed once per provider set: the first root's init
 * runs alone and fills the plugin cache, then its lock file goes to every root with the
 * same `required_providers` that has none yet, so their inits find the provider locked
 * and only link to the cache. (An init without a lock entry installs into the cache again
 * — removing and re-creating the provider's folder — which fails, or breaks a plan that
 * starts the provider at that moment, when roots run in parallel.) Inits never overlap
 * each other and run ahead of the plans; plans and shows run `parallelism` at a time.
 */
export async function planRoots(
  options: RunnerOptions,
  treeDir: string,
  roots: string[],
): Promise<RootPlan[]> {
  if (roots.length === 0) return [];
  const tf = terraformOf(options);
  const [first] = roots as [string, ...string[]];
  const firstDir = path.join(treeDir, first);
  const firstInit = initRoot(options, tf, firstDir);
  await firstInit.catch(() => undefined); // a failure is reported by planRoot, which awaits it again
  const lock = path.join(firstDir, LOCK_FILE);
  const set = providerSet(firstDir);
  if (existsSync(lock) && set) {
    for (const root of roots.slice(1)) {
      const dir = path.join(treeDir, root);
      if (!existsSync(path.join(dir, LOCK_FILE)) && providerSet(dir) === set)
        copyFileSync(lock, path.join(dir, LOCK_FILE));
    }
  }
  // Every init is queued now, in plan order, rather than when its root gets a plan slot: an
  // init is light next to a plan, so the next roots are ready by the time a slot frees and
  // init time leaves the critical path.
  let queue: Promise<unknown> = Promise.resolve();
  const inits = new Map<string, Promise<void>>([[first, firstInit]]);
  for (const root of roots.slice(1)) {
    const run = queue.then(() => initRoot(options, tf, path.join(treeDir, root)));
    queue = run.catch(() => undefined);
    // Awaited (and its failure reported) by planRoot; never an unhandled rejection meanwhile.
    run.catch(() => undefined);
    inits.set(root, run);
  }
  return mapLimit(roots, options.parallelism, (root) =>
    planRoot(options, tf, treeDir, root, inits.get(root)!),
  );
}

export interface ApplyResult {
  root: string;
  ok: boolean;
  /** Terraform's output (masked): the apply log on success, the error on failure. */
  output: string;
}

/** Applies a saved plan. Terraform refuses it by itself if the state moved since the plan. */
export async function applyRoot(
  opts: RunnerOptions,
  treeDir: string,
  root: string,
): Promise<ApplyResult> {
  const result = await terraformOf(opts).apply(path.join(treeDir, root));
  const output = opts.mask(
    (result.code === 0 ? result.stdout : result.stderr || result.stdout).trim(),
  );
  if (result.code !== 0 && /saved plan is stale/i.test(output)) {
    return {
      root,
      ok: false,
      output: `refused: the state changed since this plan was made (saved plan is stale); plan again.\n\n${output}`,
    };
  }
  return { root, ok: result.code === 0, output };
}

/**
 * Moves a root's state to the backend its (re-rendered) configuration names: after the
 * first deployment's global apply, from the local file into the bucket it created.
 */
export async function migrateRootState(
  opts: RunnerOptions,
  treeDir: string,
  root: string,
): Promise<ApplyResult> {
  const result = await terraformOf(opts).migrateState(path.join(treeDir, root), opts.backendConfig);
  const output = opts.mask(
    (result.code === 0 ? result.stdout : result.stderr || result.stdout).trim(),
  );
  return { root, ok: result.code === 0, output };
}
