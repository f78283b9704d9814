/**
 * Writing new files into a folder someone else may have prepared. The folder can hold a
 * symbolic link where a file is to go (`conf/global.json` -> ~/.bashrc) or where a folder
 * is to go (`conf` -> /etc): following either would write outside the folder, or replace
 * a file the user never meant to give up. So:
 *   - nothing below the folder is followed: every part of every path is looked at with
 *     lstat, and a link, or anything other than a folder or a regular file, is refused;
 *   - a file is never replaced: each one is written whole under a temporary name in its
 *     folder (O_EXCL, which also refuses a link), then hard-linked to its name, which fails
 *     when anything at all holds that name by then. A reader never sees half a file.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, realpath, rename, rm, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

/** A refusal or failure of `init` the message explains (exit 1). */
export class InitError extends Error {
  override name = 'InitError';
}

/** What stands where a file is to be written. */
export type Existing =
  | { kind: 'absent' }
  | { kind: 'same' }
  | { kind: 'differs' }
  /** A link or something that is not a regular file (or, on the way, not a folder). */
  | { kind: 'refused'; reason: string };

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException).code;

function describe(s: Stats): string {
  if (s.isDirectory()) return 'a folder';
  if (s.isFIFO()) return 'a FIFO (named pipe)';
  if (s.isSocket()) return 'a socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

async function lstatOrAbsent(file: string): Promise<Stats | undefined> {
  try {
    return await lstat(file);
  } catch (err) {
    if (errno(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Whether the regular file at `file` holds exactly `want`; opened without following a link. */
async function holds(file: string, size: number, want: Buffer): Promise<boolean> {
  if (size !== want.length) return false;
  // O_NONBLOCK: should it have become a FIFO since lstat, opening does not wait for a writer.
  const handle = await open(
    file,
    constants.O_RDONLY | constants.O_NOFOLLOW | (constants.O_NONBLOCK ?? 0),
  );
  try {
    const s = await handle.stat();
    return s.isFile() && s.size === want.length && (await handle.readFile()).equals(want);
  } finally {
    await handle.close();
  }
}

/** What is at `rel` (`/`-separated) under the folder `root`, following no link below `root`. */
export async function inspect(root: string, rel: string, want: Buffer): Promise<Existing> {
  const parts = rel.split('/');
  let at = root;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    const shown = parts.slice(0, i + 1).join('/');
    const s = await lstatOrAbsent(at);
    if (!s) return { kind: 'absent' };
    if (s.isSymbolicLink())
      return {
        kind: 'refused',
        reason: `${shown} is a symbolic link; links are never followed (remove it, or init another folder)`,
      };
    if (i < parts.length - 1) {
      if (!s.isDirectory())
        return {
          kind: 'refused',
          reason: `${shown} is ${describe(s)}, where ${rel} needs a folder`,
        };
      continue;
    }
    if (!s.isFile())
      return { kind: 'refused', reason: `${shown} is ${describe(s)}, not a regular file` };
    return (await holds(at, s.size, want)) ? { kind: 'same' } : { kind: 'differs' };
  }
  return { kind: 'absent' };
}

/** The folder `relDir` under `root`, made where missing; a link or a file on the way is refused. */
async function ensureFolder(root: string, relDir: string): Promise<string> {
  let at = root;
  for (const part of relDir === '.' ? [] : relDir.split('/')) {
    at = path.join(at, part);
    try {
      await mkdir(at);
    } catch (err) {
      if (errno(err) !== 'EEXIST') throw err;
    }
    const s = await lstat(at);
    if (!s.isDirectory())
      throw new Error(`${path.relative(root, at)} is no longer a folder (changed while writing)`);
  }
  // A link swapped in between the checks above would show here: the real path moved.
  if ((await realpath(at)) !== at)
    throw new Error(`${relDir} is no longer a folder inside the target (changed while writing)`);
  return at;
}

const appeared = (rel: string, cause: unknown): Error =>
  new Error(`${rel} appeared while writing; left as it is`, { cause });

/** Filesystems without hard links (some network and FUSE mounts) answer link() with these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Writes `content` as the new file `rel` under `root` (a real path): whole or not at all,
 * never over anything that holds the name, never through a link.
 */
export async function writeNewFile(root: string, rel: string, content: Buffer): Promise<void> {
  const dir = await ensureFolder(root, path.posix.dirname(rel));
  const target = path.join(dir, path.posix.basename(rel));
  const temp = path.join(
    dir,
    `.${path.posix.basename(rel)}.streamalert-init-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  // Ours to remove afterwards unless the name was taken before we created it.
  let ours = true;
  try {
    await writeFile(temp, content, { flag: 'wx' }).catch((err: unknown) => {
      ours = errno(err) !== 'EEXIST';
      throw err;
    });
    await link(temp, target).catch(async (err: unknown) => {
      if (errno(err) === 'EEXIST') throw appeared(rel, err);
      if (!NO_HARD_LINKS.has(errno(err) ?? '')) throw err;
      // No hard links here: rename replaces whatever holds the name, so look first (a
      // narrow window, which only a filesystem without hard links leaves open).
      if (await lstatOrAbsent(target)) throw appeared(rel, err);
      await rename(temp, target);
    });
  } finally {
    if (ours) await rm(temp, { force: true });
  }
}
