/**
 * `<rules-dir>/sigma/sigma-sync.json`: what the last sync brought — the upstream repository,
 * ref and commit, the folders taken, and for each file the upstream commit its last
 * synced version came from. That version is the base of the next three-way merge, so a
 * local edit survives an upstream change; a file held back (its new upstream version does
 * not compile here, or it conflicts) keeps its older commit until it can move.
 */
import { SAFE_PATH } from './tarball.js';

export const LOCK_FILE = 'sigma-sync.json';

export interface SyncLock {
  repository: string;
  ref: string;
  commit: string;
  folders: string[];
  /** Upstream path → the upstream commit its synced version came from. */
  files: Record<string, string>;
}

export const COMMIT = /^[0-9a-f]{40}$/;
export const REPOSITORY_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** The lock file's content, or an Error naming the file and the key that is wrong. */
export function parseLock(text: string, file: string): SyncLock {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON: ${(err as Error).message}`, { cause: err });
  }
  const bad = (where: string, what: string) =>
    new Error(`${file}: ${where}: ${what} (the file sigma-sync writes; delete it to sync afresh)`);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw bad('/', 'must be an object');
  const o = data as Record<string, unknown>;
  if (typeof o.repository !== 'string' || !REPOSITORY_NAME.test(o.repository))
    throw bad('/repository', 'must be owner/name');
  if (typeof o.ref !== 'string' || o.ref === '') throw bad('/ref', 'must be a string');
  if (typeof o.commit !== 'string' || !COMMIT.test(o.commit))
    throw bad('/commit', 'must be a 40-character commit id');
  if (
    !Array.isArray(o.folders) ||
    !o.folders.every((f) => typeof f === 'string' && SAFE_PATH.test(f))
  )
    throw bad('/folders', 'must be a list of repository folders');
  if (typeof o.files !== 'object' || o.files === null || Array.isArray(o.files))
    throw bad('/files', 'must be an object');
  const files: Record<string, string> = {};
  for (const [p, c] of Object.entries(o.files as Record<string, unknown>)) {
    if (!SAFE_PATH.test(p)) throw bad(`/files/${p}`, 'is not a plain repository path');
    if (typeof c !== 'string' || !COMMIT.test(c))
      throw bad(`/files/${p}`, 'must be a 40-character commit id');
    files[p] = c;
  }
  return {
    repository: o.repository,
    ref: o.ref,
    commit: o.commit,
    folders: o.folders as string[],
    files,
  };
}

export function formatLock(lock: SyncLock): string {
  const files = Object.fromEntries(Object.entries(lock.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${JSON.stringify({ ...lock, files }, null, 2)}\n`;
}
