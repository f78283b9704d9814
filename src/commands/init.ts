/**
 * `init [folder]` (CLI only): scaffolds a new detection repository from templates/init —
 * conf/, one rule with its fixtures, the workflows and a .gitignore — which passes
 * `validate`, `test` and `plan` as written.
 *
 * It never overwrites. A folder that holds anything (but `.git`) is refused unless `force`
 * is given; even then a file already there is left alone: identical ones are counted, ones
 * that differ are listed with how to see the difference. A link or anything but a regular
 * file where the scaffold writes is refused before anything is written (safe-write.ts).
 * Each file is written whole; should the disk fail part-way, the error names what was
 * written, and `--force` then adds the rest.
 */
import { lstat, mkdir, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InitError, inspect, writeNewFile, type Existing } from '../init/safe-write.js';
import { PLACEHOLDERS, scaffoldFiles, type ScaffoldFile } from '../init/scaffold.js';

export { InitError, PLACEHOLDERS };

export interface InitOptions {
  /** The new repository's folder (created when missing). */
  folder: string;
  /** Add the scaffold's missing files to a folder that is not empty. */
  force: boolean;
  /** Another scaffold than templates/init (tests). */
  templatesDir?: string;
}

export interface InitResult {
  folder: string;
  /** Paths in the folder (`/`-separated), sorted. */
  written: string[];
  /** Already there with the scaffold's content. */
  unchanged: string[];
  /** Already there with other content: kept, not overwritten. */
  kept: { path: string; template: string }[];
}

/** Entries that do not make a folder "not empty": a fresh `git init` leaves `.git`, which the scaffold never touches. */
const IGNORED_ENTRIES = new Set(['.git']);

/** The folder as a real path, made when missing; a file there is refused. */
async function targetFolder(folder: string): Promise<string> {
  try {
    await mkdir(folder, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  if (!(await lstat(folder).then((s) => s.isDirectory() || s.isSymbolicLink())))
    throw new InitError(`${folder}: is not a folder`);
  // The folder itself is the user's to name (a link to it is fine); nothing below it is followed.
  const real = await realpath(folder);
  if (!(await lstat(real)).isDirectory()) throw new InitError(`${folder}: is not a folder`);
  return real;
}

function list(names: readonly string[], max = 5): string {
  return names.length <= max
    ? names.join(', ')
    : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export async function initCommand(o: InitOptions): Promise<InitResult> {
  const files = await scaffoldFiles(o.templatesDir);
  const root = await targetFolder(o.folder);
  const shown = (rel: string): string => path.join(o.folder, rel);

  const present = (await readdir(root)).filter((n) => !IGNORED_ENTRIES.has(n)).sort();
  if (present.length > 0 && !o.force) {
    throw new InitError(
      `${o.folder}: not empty (${list(present)}); init writes into an empty or new folder. ` +
        'With --force it adds the scaffold files that are missing and never overwrites one that is there.',
    );
  }

  const found: [ScaffoldFile, Existing][] = [];
  for (const file of files) found.push([file, await inspect(root, file.path, file.content)]);
  const refused = found.flatMap(([, e]) => (e.kind === 'refused' ? [e.reason] : []));
  if (refused.length > 0) {
    throw new InitError(
      [
        `${o.folder}: refused, nothing was written:`,
        ...[...new Set(refused)].map((r) => `  ${r}`),
      ].join('\n'),
    );
  }

  const written: string[] = [];
  const pending = found.filter(([, e]) => e.kind === 'absent').map(([f]) => f);
  for (const [i, file] of pending.entries()) {
    try {
      await writeNewFile(root, file.path, file.content);
    } catch (err) {
      const rest = pending.slice(i).map((f) => f.path);
      throw new InitError(
        `${shown(file.path)}: could not be written: ${(err as Error).message}\n` +
          `written before the failure: ${written.length ? list(written, 50) : 'nothing'}\n` +
          `not written: ${list(rest, 50)}\n` +
          `fix the cause and run "streamalert init --force ${o.folder}" to add the files that are missing`,
      );
    }
    written.push(file.path);
  }
  return {
    folder: o.folder,
    written,
    unchanged: found.filter(([, e]) => e.kind === 'same').map(([f]) => f.path),
    kept: found
      .filter(([, e]) => e.kind === 'differs')
      .map(([f]) => ({ path: f.path, template: f.template })),
  };
}

/** A path as one shell word: quoted unless it is plainly safe. */
function shellWord(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

export function formatInit(r: InitResult): string {
  const lines: string[] = [];
  const at = (rel: string): string => path.join(r.folder, rel);
  lines.push(`${r.folder}: wrote ${r.written.length} file(s)`);
  for (const f of r.written) lines.push(`  ${f}`);
  if (r.unchanged.length > 0)
    lines.push(`already there, identical: ${r.unchanged.length} file(s): ${list(r.unchanged)}`);
  if (r.kept.length > 0) {
    lines.push(`kept, NOT overwritten (they differ from the scaffold): ${r.kept.length} file(s)`);
    for (const k of r.kept)
      lines.push(`  ${k.path}    see: diff -u ${shellWord(k.template)} ${shellWord(at(k.path))}`);
  }
  const width = Math.max(...PLACEHOLDERS.map((p) => p.value.length));
  lines.push(
    'placeholders to replace before the first deployment (README.md lists where):',
    ...PLACEHOLDERS.map((p) => `  ${p.value.padEnd(width)}  ${p.means}`),
    `then: ${path.resolve(r.folder) === process.cwd() ? '' : `cd ${shellWord(r.folder)} && `}streamalert validate && streamalert test`,
  );
  return `${lines.join('\n')}\n`;
}
