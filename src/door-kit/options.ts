/**
 * The one options object both doors produce (the action from its inputs and event, the
 * CLI from its flags) and every command reads. Paths are as the door resolved them
 * (the action joins them to working-directory); the doors never build engine options
 * of their own.
 */
import type { FailOn } from '../findings/severity.js';
import type { RenderOptions } from '../render/model.js';
import type { RunnerOptions } from '../terraform/runner.js';
import type { Terraform } from '../terraform/terraform.js';
import { s3StateStore } from '../state/s3-store.js';
import type { StateStoreFactory } from '../state/store.js';
import type { BacktestSettings } from '../backtest/types.js';
import { PLAN_ALL_LABEL } from '../review/safety.js';

/** Where plan's build and rule-test steps (src/steps/pipeline.ts) read and write. */
export interface PipelinePaths {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  buildDir: string;
}

export interface EngineOptions {
  configDir: string;
  rulesDir: string;
  /** Rule fixtures (tests/rules/*.json); `plan` skips them when the folder does not exist. */
  fixturesDir: string;
  /** The rendered Terraform tree; `plan` writes plan-comment.md and plan-report.json here. */
  outDir: string;
  /** The processor zips and manifest. */
  buildDir: string;
  /** Send every AWS call to this endpoint, S3 path-style (LocalStack, moto). */
  awsEndpoint?: string;
  /** Render the global root with a local backend (creates the state bucket). */
  bootstrap: boolean;
  /** Roots to plan/apply (`global` and/or cluster ids); empty means all. */
  clusters: string[];
  parallelism: number;
  /** `terraform` or `tofu` (or a path to either). */
  terraformBinary: string;
  /** `key=value` entries for every `terraform init`. */
  backendConfig: string[];
  /** The commit planned for (the pull request's head, the pushed commit, git HEAD). */
  commit: string;
  /** Link to the workflow run, when there is one. */
  runUrl?: string;
  /** Masks every text that leaves the engine (see masking.ts). */
  mask: (text: string) => string;
  /** `plan` fails when a new, unwaived finding is at or above this severity (default `none`). */
  failOn?: FailOn;
  /**
   * A matrix job's folder of report parts: `plan` writes its part there instead of the
   * pull-request comment, and `comment` merges every part found there (src/matrix/parts.ts).
   */
  partsDir?: string;
  /** Another Terraform than the binary (tests). */
  terraform?: Terraform;
  /**
   * Look at the state bucket before planning (the action, and the CLI's `plan` and
   * `apply`): a missing bucket makes the plan the first deployment, and clusters removed
   * from conf with state left are planned as destroys. The CLI's `apply` refuses both
   * kinds of saved plan; the action applies them on merge (src/steps/lifecycle.ts).
   */
  manageState?: boolean;
  /**
   * On a pull request: count the alerts of the rules it adds or changes, before (its base
   * commit) and after, over the fixtures and a sample of the Firehose data buckets.
   */
  backtest?: BacktestSettings;
  /**
   * Plan every root, also those whose inputs are the ones last applied (src/selection);
   * the action's `plan-all` input or the pull request's `streamalert:plan-all` label.
   */
  planAll?: boolean;
  /** `test`: check the events' classification only (StreamAlert's `manage.py test classifier`). */
  classifyOnly?: boolean;
  /** Another state bucket than S3 through the SDK (tests); implies manageState. */
  stateStore?: StateStoreFactory;
  /** `demo`: the example under examples/ to deploy (default production). */
  example?: string;
}

/** The state bucket the engine looks at, when it looks at one (see `manageState`). */
export function stateStoreOf(o: EngineOptions): StateStoreFactory | undefined {
  return o.stateStore ?? (o.manageState ? s3StateStore(o.awsEndpoint) : undefined);
}

export function renderOptions(o: EngineOptions): RenderOptions {
  return {
    outDir: o.outDir,
    buildDir: o.buildDir,
    awsEndpoint: o.awsEndpoint,
    ...(o.bootstrap ? { bootstrap: true } : {}),
  };
}

export function runnerOptions(o: EngineOptions): RunnerOptions {
  return {
    binary: o.terraformBinary,
    env: {},
    backendConfig: o.backendConfig,
    parallelism: o.parallelism,
    mask: o.mask,
    ...(o.terraform ? { terraform: o.terraform } : {}),
  };
}

export function pipelinePaths(o: EngineOptions): PipelinePaths {
  return {
    configDir: o.configDir,
    rulesDir: o.rulesDir,
    fixturesDir: o.fixturesDir,
    buildDir: o.buildDir,
  };
}

/** Whether a pull request's labels ask to plan every root (src/selection). */
export const labelsAskPlanAll = (labels: readonly string[] | undefined): boolean =>
  labels?.includes(PLAN_ALL_LABEL) ?? false;
