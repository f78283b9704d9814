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
import type { PipelinePaths } from './pipeline.js';

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
  /** Another Terraform than the binary (tests). */
  terraform?: Terraform;
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
