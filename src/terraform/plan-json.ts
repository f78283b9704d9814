/**
 * Reads `terraform show -json <planfile>` into the report's resource changes and the
 * fingerprint that apply-on-merge compares.
 */
import { createHash } from 'node:crypto';
import { isDataBearing } from '../review/safety.js';
import type { ChangeAction, ResourceChange } from '../plan/types.js';

interface JsonChange {
  address: string;
  type: string;
  mode?: string;
  change: {
    actions: string[];
    after?: unknown;
    after_unknown?: unknown;
    after_sensitive?: unknown;
  };
}

export interface PlanJson {
  resource_changes?: JsonChange[];
  output_changes?: Record<string, { actions: string[]; after_sensitive?: unknown }>;
}

function actionOf(actions: string[]): ChangeAction | undefined {
  const set = [...actions].sort().join(',');
  if (set === 'create') return 'create';
  if (set === 'update') return 'update';
  if (set === 'delete') return 'delete';
  if (set === 'create,delete') return 'replace';
  if (set === 'forget') return 'forget';
  return undefined; // no-op, read
}

export function resourceChanges(plan: PlanJson): ResourceChange[] {
  const changes: ResourceChange[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    changes.push({
      address: rc.address,
      type: rc.type,
      action,
      dataBearing: isDataBearing(rc.type, action),
    });
  }
  return changes.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Replaces sensitive values by a marker and unknown ones by another, so neither a secret nor an apply-time value enters the hash. */
function normalise(value: unknown, unknown: unknown, sensitive: unknown): unknown {
  if (sensitive === true) return '(sensitive)';
  if (unknown === true) return '(known after apply)';
  if (Array.isArray(value)) {
    return value.map((v, i) =>
      normalise(
        v,
        (unknown as unknown[] | undefined)?.[i],
        (sensitive as unknown[] | undefined)?.[i],
      ),
    );
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const u = (unknown ?? {}) as Record<string, unknown>;
    const s = (sensitive ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(value).sort())
      out[key] = normalise((value as Record<string, unknown>)[key], u[key], s[key]);
    // Keys that are wholly unknown are absent from `after`.
    for (const key of Object.keys(u).sort())
      if (!(key in out) && u[key] === true) out[key] = '(known after apply)';
    return out;
  }
  return value;
}

/** SHA-256 over what the plan would do: addresses, actions and planned values. */
export function planFingerprint(plan: PlanJson): string {
  const entries = (plan.resource_changes ?? [])
    .filter((rc) => rc.mode !== 'data' && actionOf(rc.change.actions))
    .map((rc) => ({
      address: rc.address,
      actions: [...rc.change.actions].sort(),
      after: normalise(rc.change.after, rc.change.after_unknown, rc.change.after_sensitive),
    }))
    .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const outputs = Object.keys(plan.output_changes ?? {})
    .sort()
    .filter((k) => !(plan.output_changes?.[k]?.actions ?? []).every((a) => a === 'no-op'))
    .map((k) => ({ output: k, actions: plan.output_changes?.[k]?.actions }));
  return createHash('sha256').update(JSON.stringify({ entries, outputs })).digest('hex');
}
