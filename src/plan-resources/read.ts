/**
 * The planned resources of one root, read from `terraform show -json` of a saved plan:
 * what each resource looks like before the change (the prior state) and after it, with
 * its configuration expressions (for references that are unknown until apply, such as a
 * bucket id). Findings and cost both judge these; neither reads the plan JSON itself.
 */

export interface PlannedResource {
  /** Full address, e.g. `module.kinesis_firehose.aws_s3_bucket.this`. */
  address: string;
  type: string;
  /** `module.a.module.b` (instance keys removed), '' for the root module. */
  module: string;
  /** `type.name` inside its module, e.g. `aws_s3_bucket.this`. */
  local: string;
  /** What the plan does to it. `no-op` keeps it as it is. */
  action: 'create' | 'update' | 'replace' | 'delete' | 'no-op';
  /** Values before the change (undefined when it is being created). */
  before?: Record<string, unknown>;
  /** Values after the change (undefined when it is being deleted); unknown ones are absent. */
  after?: Record<string, unknown>;
  /** Mirrors `after`: `true` where the value is known only after apply. */
  afterUnknown: Record<string, unknown>;
  /** Configuration expressions (attribute -> `{ references }` / `{ constant_value }`). */
  expressions: Record<string, unknown>;
}

interface JsonResourceChange {
  address: string;
  module_address?: string;
  mode?: string;
  type: string;
  name: string;
  change: {
    actions: string[];
    before?: unknown;
    after?: unknown;
    after_unknown?: unknown;
  };
}

interface JsonConfigModule {
  resources?: { address: string; mode?: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module?: JsonConfigModule }>;
}

/** The part of the plan JSON this folder reads. */
export interface PlanDocument {
  resource_changes?: JsonResourceChange[];
  configuration?: { root_module?: JsonConfigModule };
}

/** `module.a["x"].module.b[0]` -> `module.a.module.b`. */
export function moduleKey(moduleAddress: string | undefined): string {
  return (moduleAddress ?? '').replace(/\[[^\]]*\]/g, '');
}

function actionOf(actions: readonly string[]): PlannedResource['action'] | undefined {
  const set = [...actions].sort().join(',');
  if (set === 'create') return 'create';
  if (set === 'update') return 'update';
  if (set === 'delete') return 'delete';
  if (set === 'create,delete') return 'replace';
  if (set === 'no-op') return 'no-op';
  return undefined; // read
}

function configExpressions(
  root: JsonConfigModule | undefined,
): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const walk = (mod: JsonConfigModule | undefined, prefix: string): void => {
    for (const r of mod?.resources ?? []) {
      if (r.mode === 'data') continue;
      out.set(`${prefix}|${r.address}`, r.expressions ?? {});
    }
    for (const [name, call] of Object.entries(mod?.module_calls ?? {}))
      walk(call.module, prefix === '' ? `module.${name}` : `${prefix}.module.${name}`);
  };
  walk(root, '');
  return out;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Managed resources of the plan, in plan order; data sources and reads are left out. */
export function plannedResources(plan: PlanDocument): PlannedResource[] {
  const expressions = configExpressions(plan.configuration?.root_module);
  const out: PlannedResource[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionOf(rc.change.actions);
    if (!action) continue;
    const module = moduleKey(rc.module_address);
    const local = `${rc.type}.${rc.name}`;
    const before = asRecord(rc.change.before);
    const after = action === 'delete' ? undefined : asRecord(rc.change.after);
    out.push({
      address: rc.address,
      type: rc.type,
      module,
      local,
      action,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      afterUnknown: asRecord(rc.change.after_unknown) ?? {},
      expressions: expressions.get(`${module}|${local}`) ?? {},
    });
  }
  return out;
}

/**
 * The resources (as `type.name`, same module) an attribute's expression refers to:
 * `aws_s3_bucket.this[0].id` -> `aws_s3_bucket.this`.
 */
export function referencedResources(resource: PlannedResource, attribute: string): string[] {
  const expr = asRecord(resource.expressions[attribute]);
  const refs = Array.isArray(expr?.references) ? (expr.references as unknown[]) : [];
  return refs
    .filter((r): r is string => typeof r === 'string' && /^aws_/.test(r))
    .map((r) =>
      r
        .replace(/\[[^\]]*\]/g, '')
        .split('.')
        .slice(0, 2)
        .join('.'),
    );
}
