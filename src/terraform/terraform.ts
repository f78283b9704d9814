/**
 * Terraform as the runner sees it: four operations on one root folder, each giving the
 * process's exit code and output. The runner (runner.ts) decides what a result means —
 * which step failed, what the plan contains, whether a saved plan went stale — so that
 * logic is tested against a scripted fake without Terraform, and `terraformCli` is the
 * only place that knows the command lines.
 */
import { runTerraform, type ExecResult, type TerraformEnv } from './exec.js';

export type { ExecResult };

/** The plan file every `plan` writes and `show`/`apply` read, inside the root folder. */
export const PLAN_FILE = 'streamalert.tfplan';

export interface Terraform {
  /**
   * `init` with `-backend-config=<line>` per backendConfig line; `reconfigure` adds
   * `-reconfigure` (forget the backend .terraform/ remembers, migrate nothing).
   */
  init(
    dir: string,
    backendConfig: readonly string[],
    options?: { reconfigure?: boolean },
  ): Promise<ExecResult>;
  /** `plan` into PLAN_FILE; stdout is the human plan (with progress lines). */
  plan(dir: string): Promise<ExecResult>;
  /** `show -json` of PLAN_FILE; stdout is the plan JSON. */
  show(dir: string): Promise<ExecResult>;
  /** `apply` of PLAN_FILE; Terraform itself refuses a plan whose state moved. */
  apply(dir: string): Promise<ExecResult>;
  /**
   * `init -migrate-state -force-copy`: moves the root's state to the backend its
   * configuration now names (the first deployment: local state into the new bucket).
   */
  migrateState(dir: string, backendConfig: readonly string[]): Promise<ExecResult>;
}

/** The real Terraform (or OpenTofu) binary named by `env.binary`. */
export function terraformCli(env: TerraformEnv): Terraform {
  const run = (dir: string, args: string[]) => runTerraform(env, args, dir);
  return {
    init: (dir, backendConfig, options) =>
      run(dir, [
        'init',
        '-input=false',
        '-no-color',
        ...(options?.reconfigure ? ['-reconfigure'] : []),
        ...backendConfig.map((kv) => `-backend-config=${kv}`),
      ]),
    plan: (dir) =>
      run(dir, ['plan', '-input=false', '-no-color', '-lock-timeout=300s', `-out=${PLAN_FILE}`]),
    show: (dir) => run(dir, ['show', '-json', PLAN_FILE]),
    apply: (dir) =>
      run(dir, ['apply', '-input=false', '-no-color', '-lock-timeout=300s', PLAN_FILE]),
    migrateState: (dir, backendConfig) =>
      run(dir, [
        'init',
        '-input=false',
        '-no-color',
        '-migrate-state',
        // Copies without asking: the target key is empty (its bucket was created by this very apply).
        '-force-copy',
        ...backendConfig.map((kv) => `-backend-config=${kv}`),
      ]),
  };
}
