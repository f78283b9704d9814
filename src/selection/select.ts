/**
 * Plan what changed: which roots a run plans. A root is left out when its inputs
 * fingerprint (inputs.ts) is the one recorded at its last successful apply (the state
 * bucket's applied record): the same configuration against the same state plans what the
 * last apply left, which is nothing unless AWS drifted — and drift is what the scheduled
 * run looks for, planning everything. Compared with the last apply rather than the pull
 * request's base commit: a base that was merged but failed to apply (or was never applied)
 * still has its roots planned, and no second checkout or build of the base is needed.
 * Always planned: a root without a record (new, or its last apply failed or was cut
 * short), a removed cluster, everything on the first deployment or when asked to.
 */
import type { UnchangedRoot } from '../plan/types.js';
import { mapLimit } from '../shared/map-limit.js';
import type { StateStore } from '../state/store.js';

export interface Selection {
  /** The roots to plan, in the order given. */
  plan: string[];
  /** The roots left out, with the commit their inputs were applied at. */
  unchanged: UnchangedRoot[];
}

/** How many applied records are read at once (one small GET each). */
const READ_AT_ONCE = 8;

export async function selectChanged(
  roots: readonly string[],
  inputs: ReadonlyMap<string, string>,
  store: StateStore,
  alwaysPlan: ReadonlySet<string>,
): Promise<Selection> {
  const records = await mapLimit(roots, READ_AT_ONCE, (root) =>
    alwaysPlan.has(root) ? Promise.resolve(undefined) : store.readApplied(root),
  );
  const plan: string[] = [];
  const unchanged: UnchangedRoot[] = [];
  roots.forEach((root, i) => {
    const record = records[i];
    const now = inputs.get(root);
    if (record && now !== undefined && record.inputs === now)
      unchanged.push({ root, since: record.commit });
    else plan.push(root);
  });
  return { plan, unchanged };
}
