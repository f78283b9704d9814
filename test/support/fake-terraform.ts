/**
 * A scripted Terraform for the runner's and the commands' unit tests: each root (the
 * folder's name) answers init/plan/show/apply as told, every call is recorded, and the
 * number of inits running at once is tracked. It writes what the real one leaves behind
 * that the runner reads: the lock file after init, the plan file after plan.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PlanJson } from '../../src/terraform/plan-json.js';
import { PLAN_FILE, type ExecResult, type Terraform } from '../../src/terraform/terraform.js';

export type Op = 'init' | 'plan' | 'show' | 'apply' | 'migrateState';

export interface RootScript {
  init?: Partial<ExecResult>;
  plan?: Partial<ExecResult>;
  /** The plan JSON `show` prints (default: no changes), or a raw result. */
  show?: PlanJson | { raw: Partial<ExecResult> };
  apply?: Partial<ExecResult>;
  migrateState?: Partial<ExecResult>;
}

export interface Call {
  root: string;
  op: Op;
  args?: readonly string[];
}

const ok = (r: Partial<ExecResult> = {}): ExecResult => ({ code: 0, stdout: '', stderr: '', ...r });

/** A resource change as `terraform show -json` prints it. */
export function change(
  address: string,
  type: string,
  actions: string[],
  after: Record<string, unknown> = {},
): NonNullable<PlanJson['resource_changes']>[number] {
  return { address, type, change: { actions, after, after_unknown: {}, after_sensitive: {} } };
}

export class FakeTerraform implements Terraform {
  readonly calls: Call[] = [];
  /** The most inits that ran at the same time. */
  maxConcurrentInits = 0;
  private runningInits = 0;

  constructor(private readonly script: Record<string, RootScript> = {}) {}

  private record(dir: string, op: Op, args?: readonly string[]): RootScript {
    const root = path.basename(dir);
    this.calls.push({ root, op, ...(args ? { args } : {}) });
    return this.script[root] ?? {};
  }

  /** The operations called per root, in order. */
  opsByRoot(): Record<string, Op[]> {
    const ops: Record<string, Op[]> = {};
    for (const c of this.calls) (ops[c.root] ??= []).push(c.op);
    return ops;
  }

  async init(dir: string, backendConfig: readonly string[]): Promise<ExecResult> {
    const s = this.record(dir, 'init', backendConfig);
    this.runningInits++;
    this.maxConcurrentInits = Math.max(this.maxConcurrentInits, this.runningInits);
    // Yield a few turns so that inits started together would overlap.
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    this.runningInits--;
    const result = ok(s.init);
    if (result.code === 0) writeFileSync(path.join(dir, '.terraform.lock.hcl'), `# ${dir}\n`);
    return result;
  }

  async plan(dir: string): Promise<ExecResult> {
    const s = this.record(dir, 'plan');
    const result = ok({
      stdout: 'No changes. Your infrastructure matches the configuration.\n',
      ...s.plan,
    });
    if (result.code === 0) writeFileSync(path.join(dir, PLAN_FILE), 'plan');
    return result;
  }

  async show(dir: string): Promise<ExecResult> {
    const s = this.record(dir, 'show');
    if (s.show && 'raw' in s.show) return ok(s.show.raw);
    return ok({ stdout: JSON.stringify(s.show ?? { resource_changes: [] }) });
  }

  async apply(dir: string): Promise<ExecResult> {
    return ok({ stdout: 'Apply complete!', ...this.record(dir, 'apply').apply });
  }

  async migrateState(dir: string, backendConfig: readonly string[]): Promise<ExecResult> {
    const s = this.record(dir, 'migrateState', backendConfig);
    return ok({ stdout: 'Successfully configured the backend "s3"!', ...s.migrateState });
  }
}
