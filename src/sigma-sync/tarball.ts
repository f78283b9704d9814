/**
 * The files of a GitHub tarball (`GET /repos/{owner}/{repo}/tarball/{ref}`: gzip of a ustar
 * archive with pax headers, every path under one `<owner>-<repo>-<sha>/` folder) that a sync
 * brings: regular `.yml`/`.yaml` files under the selected folders. The archive comes from a
 * repository someone else writes, so everything is bounded — compressed and decompressed
 * size, entries, bytes per file — and only plain files with plain names are taken: links,
 * devices, `..`, absolute paths and names with characters outside [A-Za-z0-9._/-] are
 * counted as refused and never written or shown.
 */
import { gunzipSync } from 'node:zlib';

export interface TarLimits {
  /** Most bytes of the archive as downloaded (gzip). */
  maxCompressedBytes: number;
  /** Most bytes once decompressed (the gzip bomb bound). */
  maxBytes: number;
  /** Most archive entries read. */
  maxEntries: number;
  /** Most bytes of one taken file. */
  maxFileBytes: number;
  /** Most files taken. */
  maxFiles: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = {
  maxCompressedBytes: 64 * 1024 * 1024,
  maxBytes: 384 * 1024 * 1024,
  maxEntries: 200_000,
  maxFileBytes: 1024 * 1024,
  maxFiles: 5_000,
};

export class TarballError extends Error {}

export interface TarFiles {
  /** Path inside the repository (the top folder removed) → content. */
  files: Map<string, string>;
  /** Entries under the selected folders that were not taken: links, odd names, too big. */
  refused: number;
}

/** A name a sync may write and show in a pull request: no `..`, no control or Markdown characters. */
export const SAFE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

const BLOCK = 512;

function text(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const end = slice.indexOf(0);
  return slice.subarray(0, end < 0 ? slice.length : end).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number, what: string): number {
  const raw = text(buf, start, length).trim();
  if (!/^[0-7]*$/.test(raw))
    throw new TarballError(`archive entry ${what}: size "${raw}" is not octal`);
  return raw === '' ? 0 : parseInt(raw, 8);
}

/** The `path` record of a pax extended header ("<len> path=<value>\n" records). */
function paxPath(data: Buffer): string | undefined {
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space < 0) break;
    const len = Number(data.subarray(at, space).toString('ascii'));
    if (!Number.isInteger(len) || len <= 0 || at + len > data.length) break;
    const record = data.subarray(space + 1, at + len - 1).toString('utf8');
    if (record.startsWith('path=')) return record.slice(5);
    at += len;
  }
  return undefined;
}

const isRuleName = (p: string): boolean => /\.ya?ml$/i.test(p);

/**
 * The `.yml` files under `folders` (repository paths, e.g. `rules/cloud`), from a GitHub
 * tarball. Throws TarballError when a bound is passed: a half-read upstream is never synced.
 */
export function readTarball(
  gz: Uint8Array,
  folders: readonly string[],
  limits: TarLimits = DEFAULT_TAR_LIMITS,
): TarFiles {
  if (gz.byteLength > limits.maxCompressedBytes)
    throw new TarballError(
      `the archive is ${gz.byteLength} bytes, over the ${limits.maxCompressedBytes} a sync reads`,
    );
  let tar: Buffer;
  try {
    tar = gunzipSync(gz, { maxOutputLength: limits.maxBytes });
  } catch (err) {
    throw new TarballError(
      err instanceof RangeError
        ? `the archive decompresses to more than ${limits.maxBytes} bytes`
        : `the archive is not gzip: ${(err as Error).message}`,
      { cause: err },
    );
  }
  const under = (p: string) => folders.some((f) => p === f || p.startsWith(`${f}/`));
  const files = new Map<string, string>();
  let refused = 0;
  let entries = 0;
  let at = 0;
  let longName: string | undefined;
  while (at + BLOCK <= tar.length) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    if (++entries > limits.maxEntries)
      throw new TarballError(`the archive holds more than ${limits.maxEntries} entries`);
    const type = String.fromCharCode(header[156] ?? 0);
    const size = octal(header, 124, 12, `${entries}`);
    const dataStart = at + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > tar.length) throw new TarballError('the archive is cut short');
    const data = tar.subarray(dataStart, dataEnd);
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'x' || type === 'L') {
      // The next entry's full name (pax or GNU long name); a global header ('g') only has the commit.
      longName = type === 'x' ? paxPath(data) : text(data, 0, data.length);
      continue;
    }
    if (type === 'g') continue;
    const prefix = text(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longName = undefined;
    // GitHub puts every path under one `<owner>-<repo>-<sha>/` folder.
    const inRepo = name.replace(/^[^/]*\/?/, '');
    if (!under(inRepo) || type === '5') continue;
    if (!isRuleName(inRepo)) continue;
    if ((type !== '0' && type !== '\0') || !SAFE_PATH.test(inRepo) || size > limits.maxFileBytes) {
      refused++;
      continue;
    }
    if (files.size >= limits.maxFiles)
      throw new TarballError(`more than ${limits.maxFiles} rule files under ${folders.join(', ')}`);
    files.set(inRepo, data.toString('utf8'));
  }
  return { files, refused };
}
