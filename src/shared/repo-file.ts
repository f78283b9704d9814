/**
 * Reading files that come from the repository under review. On a pull request every file
 * there is the author's: `rules/x.js` may be a symbolic link to /proc/self/environ, a FIFO
 * that blocks the reader, or a gigabyte. Whatever reads rules, fixtures, configuration or
 * any other file of the repository goes through here:
 *   - only regular files are opened (a FIFO, device or socket is refused before opening);
 *   - a symbolic link (of the file or of a folder on its way) must resolve inside `root`
 *     (the repository); its target is never read nor named;
 *   - the size is bounded before and while reading.
 * Each refusal is one sentence; callers put the file's name in front.
 */
import { constants, existsSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

export type RepoRead = { bytes: Buffer } | { refused: string } | { missing: true };

/** How refusals name things: the files ("rule files") and where they must stay. */
export interface RepoFileKind {
  /** Plural, e.g. "rule files". */
  files: string;
  /** e.g. "the repository (/work/repo)". */
  where: string;
  /** Where to copy a linked file instead, e.g. "the repository". */
  into: string;
  maxBytes: number;
}

export const REPOSITORY = (root: string, files: string, maxBytes: number): RepoFileKind => ({
  files,
  where: `the repository (${root})`,
  into: 'the repository',
  maxBytes,
});

function kindOf(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
}

/**
 * The repository a folder belongs to: the nearest folder above it (by name, not following
 * links) that holds `.git`; without one, the working directory when the folder is inside it,
 * else the folder itself.
 */
export function repositoryRoot(dir: string): string {
  const start = path.resolve(dir);
  for (let at = start; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return at;
    if (path.dirname(at) === at) break;
  }
  return isInside(process.cwd(), start) ? process.cwd() : start;
}

async function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => path.resolve(root));
}

/** The bytes of `file` when it is a regular file inside `root` of at most `kind.maxBytes`. */
export async function readRepositoryFile(
  file: string,
  root: string,
  kind: RepoFileKind,
): Promise<RepoRead> {
  const notRegular = (s: Stats) => ({
    refused: `is ${kindOf(s)}, not a regular file; ${kind.files} must be regular files`,
  });
  let link: Stats;
  try {
    link = await lstat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { missing: true };
    return { refused: `cannot read: ${code ?? 'error'}` };
  }
  if (!link.isFile() && !link.isSymbolicLink()) return notRegular(link);
  // Wherever it (or a folder on its way) links to, the file read must be inside the repository.
  let real: string;
  try {
    real = await realpath(file);
  } catch {
    return { refused: 'is a symbolic link whose target does not exist' };
  }
  if (!isInside(await realRoot(root), real))
    return {
      refused: `is a symbolic link to a file outside ${kind.where}; refused (copy the file into ${kind.into} instead)`,
    };
  let handle;
  try {
    // O_NONBLOCK: should the file have been swapped for a FIFO since the check, opening does not wait for a writer.
    handle = await open(
      real,
      constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0),
    );
  } catch (err) {
    return { refused: `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    const s = await handle.stat();
    if (!s.isFile()) return notRegular(s);
    const limit = `${kind.files} may be at most ${kind.maxBytes / 1024 / 1024} MiB`;
    if (s.size > kind.maxBytes) return { refused: `is ${s.size} bytes; ${limit}` };
    const bytes = await handle.readFile();
    if (bytes.length > kind.maxBytes) return { refused: `grew while read; ${limit}` };
    return { bytes };
  } catch (err) {
    return { refused: `cannot read: ${(err as NodeJS.ErrnoException).code ?? 'error'}` };
  } finally {
    await handle.close();
  }
}

/**
 * The names in a repository folder, after checking that the folder (followed through any
 * link) lies inside `root`; `undefined` when it does not exist. Throws naming the folder.
 */
export async function listRepositoryFolder(
  dir: string,
  root: string,
): Promise<string[] | undefined> {
  let real: string;
  try {
    real = await realpath(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!isInside(await realRoot(root), real))
    throw new Error(
      `${dir}: is a symbolic link to a folder outside the repository (${root}); refused`,
    );
  return readdir(dir);
}

/** readRepositoryFile, or an Error naming the file. */
export async function repositoryFileBytes(
  file: string,
  root: string,
  kind: RepoFileKind,
): Promise<Buffer> {
  const read = await readRepositoryFile(file, root, kind);
  if ('bytes' in read) return read.bytes;
  throw new Error(`${file}: ${'refused' in read ? read.refused : 'file not found'}`);
}
