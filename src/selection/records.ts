/**
 * Keeping the applied records true (select.ts trusts them to leave roots out): a record
 * is removed before a root is applied, destroyed or refused with changes — whatever
 * happens next, its live infrastructure may no longer be what the record says — and
 * written only once the root's state matches its inputs (applied, or planned without
 * changes). A record that cannot be removed stops that root's apply; one that cannot be
 * written only means the root is planned again next time.
 */
import type { RootPlan } from '../plan/types.js';
import type { StateStore } from '../state/store.js';

/** Removes the root's record before it changes; the error to report instead of applying, if that failed. */
export async function forgetApplied(
  store: StateStore | undefined,
  root: string,
): Promise<string | undefined> {
  if (!store) return undefined;
  try {
    await store.removeApplied(root);
    return undefined;
  } catch (err) {
    return `not applied: its applied record could not be removed first (${(err as Error).message})`;
  }
}

/** Records the root's inputs as applied at `commit`; a note when that failed. */
export async function recordApplied(
  store: StateStore | undefined,
  root: Pick<RootPlan, 'root' | 'inputs'>,
  commit: string,
): Promise<string | undefined> {
  if (!store || !root.inputs) return undefined;
  try {
    await store.writeApplied(root.root, { inputs: root.inputs, commit });
    return undefined;
  } catch (err) {
    return `its applied record could not be written, so the next pull request plans it again (${(err as Error).message})`;
  }
}
