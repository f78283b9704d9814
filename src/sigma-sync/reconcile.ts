/**
 * What a sync does with each upstream file, from three versions: the last synced one (the
 * base, from the lock), the repository's (ours) and upstream's new one (theirs). Nothing
 * here reads or writes: the command gathers the versions and applies the decisions.
 */
import { merge3 } from './merge3.js';

export type Decision =
  /** New upstream file, written. */
  | { kind: 'add'; path: string; text: string }
  /** Upstream changed a file not edited here: upstream's version written. */
  | { kind: 'update'; path: string; text: string }
  /** Both changed it, on different lines: the merge written. */
  | { kind: 'merge'; path: string; text: string }
  /** Removed upstream, not edited here: deleted. */
  | { kind: 'delete'; path: string }
  /** Both changed it on the same lines, or it is ours and upstream's at once: ours kept. */
  | { kind: 'conflict'; path: string; reason: string }
  /** Upstream's new version cannot run here (it does not compile, its name is taken): ours kept. */
  | { kind: 'held'; path: string; reason: string }
  /** A new upstream file that cannot run here: not brought. */
  | { kind: 'skipped'; path: string; reason: string }
  /** Deleted here and changed upstream: stays deleted. */
  | { kind: 'declined'; path: string }
  /** Nothing to write (same text, or only a local edit). */
  | { kind: 'same'; path: string };

export interface Versions {
  path: string;
  /** Last synced version (undefined: never synced). */
  base?: string;
  ours?: string;
  theirs?: string;
}

/** Why a version cannot run here (compile problem, name taken), or undefined. */
export type Check = (path: string, text: string) => string | undefined;

export interface Reconciled {
  decision: Decision;
  /** Whether the lock's entry moves to the new commit, stays, or goes. */
  lock: 'new' | 'keep' | 'drop';
}

export function reconcile(v: Versions, check: Check): Reconciled {
  const { path, base, ours, theirs } = v;
  if (theirs !== undefined && theirs !== ours) {
    const problem = check(path, theirs);
    if (problem !== undefined)
      return ours === undefined && base === undefined
        ? { decision: { kind: 'skipped', path, reason: problem }, lock: 'drop' }
        : { decision: { kind: 'held', path, reason: problem }, lock: 'keep' };
  }
  if (theirs !== undefined && theirs === ours)
    return { decision: { kind: 'same', path }, lock: 'new' };
  if (base === undefined) {
    if (theirs === undefined) return { decision: { kind: 'same', path }, lock: 'drop' };
    if (ours === undefined) return { decision: { kind: 'add', path, text: theirs }, lock: 'new' };
    return {
      decision: {
        kind: 'conflict',
        path,
        reason: 'a file of this path is here already and was never synced',
      },
      lock: 'drop',
    };
  }
  if (theirs === undefined) {
    if (ours === undefined || ours === base)
      return {
        decision: ours === undefined ? { kind: 'same', path } : { kind: 'delete', path },
        lock: 'drop',
      };
    return {
      decision: { kind: 'conflict', path, reason: 'removed upstream, edited here: kept' },
      lock: 'drop',
    };
  }
  if (ours === undefined)
    return {
      decision: theirs === base ? { kind: 'same', path } : { kind: 'declined', path },
      lock: 'new',
    };
  if (ours === base) return { decision: { kind: 'update', path, text: theirs }, lock: 'new' };
  if (theirs === base) return { decision: { kind: 'same', path }, lock: 'new' };
  const merged = merge3(base, ours, theirs);
  if (!merged.clean)
    return { decision: { kind: 'conflict', path, reason: merged.reason }, lock: 'keep' };
  const problem = check(path, merged.text);
  if (problem !== undefined)
    return {
      decision: { kind: 'conflict', path, reason: `the merged file does not compile: ${problem}` },
      lock: 'keep',
    };
  return { decision: { kind: 'merge', path, text: merged.text }, lock: 'new' };
}
