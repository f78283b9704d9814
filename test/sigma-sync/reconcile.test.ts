/** What a sync does with each file, from the last synced, the local and upstream's version. */
import { describe, expect, it } from 'vitest';
import { reconcile, type Check } from '../../src/sigma-sync/reconcile.js';

const ok: Check = () => undefined;
const broken: Check = (_p, text) =>
  text.includes('broken') ? 'line 1, column 1: broken' : undefined;
const p = 'rules/cloud/a.yml';

describe('reconcile', () => {
  it('adds a new upstream file, and leaves a file that is only here alone', () => {
    expect(reconcile({ path: p, theirs: 'a\n' }, ok)).toEqual({
      decision: { kind: 'add', path: p, text: 'a\n' },
      lock: 'new',
    });
    expect(reconcile({ path: p, ours: 'mine\n' }, ok)).toEqual({
      decision: { kind: 'same', path: p },
      lock: 'drop',
    });
  });

  it('does not overwrite a file of the same path that was never synced', () => {
    expect(reconcile({ path: p, ours: 'mine\n', theirs: 'a\n' }, ok).decision.kind).toBe(
      'conflict',
    );
    // ...unless it is the same text: then it is adopted.
    expect(reconcile({ path: p, ours: 'a\n', theirs: 'a\n' }, ok)).toEqual({
      decision: { kind: 'same', path: p },
      lock: 'new',
    });
  });

  it('removes what upstream removed, unless it was edited here', () => {
    expect(reconcile({ path: p, base: 'a\n', ours: 'a\n' }, ok).decision.kind).toBe('delete');
    const edited = reconcile({ path: p, base: 'a\n', ours: 'a\nmine\n' }, ok);
    expect(edited).toEqual({
      decision: { kind: 'conflict', path: p, reason: 'removed upstream, edited here: kept' },
      lock: 'drop',
    });
  });

  it('keeps a file deleted here deleted, remembering the new upstream version as seen', () => {
    expect(reconcile({ path: p, base: 'a\n', theirs: 'b\n' }, ok)).toEqual({
      decision: { kind: 'declined', path: p },
      lock: 'new',
    });
  });

  it('holds the local version when the new upstream one cannot run here, keeping its base', () => {
    expect(reconcile({ path: p, base: 'a\n', ours: 'a\n', theirs: 'broken\n' }, broken)).toEqual({
      decision: { kind: 'held', path: p, reason: 'line 1, column 1: broken' },
      lock: 'keep',
    });
    expect(reconcile({ path: p, theirs: 'broken\n' }, broken)).toEqual({
      decision: { kind: 'skipped', path: p, reason: 'line 1, column 1: broken' },
      lock: 'drop',
    });
  });

  it('is a conflict when a clean merge does not compile', () => {
    const base = 'x\ny\nz\nw\n';
    const r = reconcile(
      { path: p, base, ours: 'x\nbroken\nz\nw\n', theirs: 'x\ny\nz\nw2\n' },
      broken,
    );
    // Upstream's own version compiles; the merge carries the local broken line.
    expect(r.decision).toEqual({
      kind: 'conflict',
      path: p,
      reason: 'the merged file does not compile: line 1, column 1: broken',
    });
    expect(r.lock).toBe('keep');
  });
});
