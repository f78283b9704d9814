/**
 * A StreamAlert checkout, read for `migrate`: conf/, the rules folder (Python rules and,
 * in StreamAlert 3, their test events beside them), StreamAlert 1.x/2.x's
 * tests/integration/rules, and any Python module a rule imports (matchers, helpers).
 *
 * The checkout is someone else's tree: a symbolic link must stay inside it (one that leaves
 * it refuses the whole migration before anything is written), links to folders are not
 * descended (os.walk's default; no loops), only regular files are read, each file and the
 * whole are bounded in size and count.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InitError } from '../init/safe-write.js';
import { isInside, readRepositoryFile, type RepoFileKind } from '../shared/repo-file.js';

/** No StreamAlert file comes near this; its own largest schema is under 100 KB. */
export const MAX_CHECKOUT_FILE_BYTES = 8 * 1024 * 1024;
/** The files migrate reads, all folders together. */
export const MAX_CHECKOUT_FILES = 10_000;
export const MAX_CHECKOUT_BYTES = 256 * 1024 * 1024;
const MAX_DEPTH = 20;

/** A refusal the message explains (exit 1): an InitError, as both write a new repository. */
export class MigrateError extends InitError {
  override name = 'MigrateError';
}

export interface CheckoutFile {
  /** `/`-separated, relative to the checkout. */
  path: string;
  bytes: Buffer;
}

export interface Checkout {
  root: string;
  conf: CheckoutFile[];
  /** *.py and *.json below rules/ (StreamAlert 3 keeps test events beside the rules). */
  rules: CheckoutFile[];
  /** StreamAlert 1.x/2.x test events: tests/integration/rules/**\/*.json. */
  legacyEvents: CheckoutFile[];
  /** Python modules a rule may import, by dotted name (`matchers.default`). */
  modules: Map<string, CheckoutFile>;
  /** Entries not read (links to folders, FIFOs...), one line each, for the report. */
  skipped: string[];
}

interface Budget {
  files: number;
  bytes: number;
}

export async function readCheckout(dir: string): Promise<Checkout> {
  let root: string;
  try {
    root = await realpath(dir);
  } catch {
    throw new MigrateError(`${dir}: no such folder (the StreamAlert checkout to migrate)`);
  }
  if (!(await lstat(root)).isDirectory()) throw new MigrateError(`${dir}: is not a folder`);
  const kind: RepoFileKind = {
    files: 'files of the checkout',
    where: `the StreamAlert checkout (${dir})`,
    into: 'the checkout',
    maxBytes: MAX_CHECKOUT_FILE_BYTES,
  };
  const budget: Budget = { files: 0, bytes: 0 };
  const skipped: string[] = [];
  const refused: string[] = [];

  async function walk(
    rel: string,
    keep: (name: string) => boolean,
    depth = 0,
  ): Promise<CheckoutFile[]> {
    const abs = path.join(root, rel);
    let names: string[];
    try {
      names = (await readdir(abs)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new MigrateError(`${path.join(dir, rel)}: cannot read: ${(err as Error).message}`);
    }
    const out: CheckoutFile[] = [];
    for (const name of names) {
      if (name.startsWith('.') || name === '__pycache__' || name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${name}` : name;
      const child = path.join(root, childRel);
      const s = await lstat(child);
      if (s.isSymbolicLink()) {
        const target = await realpath(child).catch(() => undefined);
        if (target === undefined) {
          skipped.push(`${childRel}: a symbolic link whose target does not exist`);
          continue;
        }
        if (!isInside(root, target)) {
          refused.push(`${childRel}: a symbolic link to something outside the checkout`);
          continue;
        }
        if ((await lstat(target)).isDirectory()) {
          skipped.push(`${childRel}: a link to a folder, not followed`);
          continue;
        }
      } else if (s.isDirectory()) {
        if (depth >= MAX_DEPTH)
          skipped.push(`${childRel}: more than ${MAX_DEPTH} folders deep, not read`);
        else out.push(...(await walk(childRel, keep, depth + 1)));
        continue;
      }
      if (!keep(name)) continue;
      if (++budget.files > MAX_CHECKOUT_FILES)
        throw new MigrateError(
          `${dir}: more than ${MAX_CHECKOUT_FILES} files to read; is this a StreamAlert checkout?`,
        );
      const read = await readRepositoryFile(child, root, kind);
      if ('missing' in read) continue;
      if ('refused' in read) {
        (read.refused.includes('outside') ? refused : skipped).push(`${childRel}: ${read.refused}`);
        continue;
      }
      budget.bytes += read.bytes.length;
      if (budget.bytes > MAX_CHECKOUT_BYTES)
        throw new MigrateError(
          `${dir}: more than ${MAX_CHECKOUT_BYTES / 1024 / 1024} MiB to read; is this a StreamAlert checkout?`,
        );
      out.push({ path: childRel, bytes: read.bytes });
    }
    return out;
  }

  const conf = await walk('conf', () => true);
  if (conf.length === 0 && refused.length === 0)
    throw new MigrateError(`${dir}: no conf/ folder: not a StreamAlert checkout`);
  const rules = await walk('rules', (n) => n.endsWith('.py') || n.endsWith('.json'));
  const legacyEvents = await walk('tests/integration/rules', (n) => n.endsWith('.json'));
  const modules = new Map<string, CheckoutFile>();
  for (const f of [
    ...rules,
    ...(await walk('matchers', (n) => n.endsWith('.py'))),
    ...(await walk('helpers', (n) => n.endsWith('.py'))),
  ]) {
    if (!f.path.endsWith('.py')) continue;
    modules.set(
      f.path
        .replace(/\.py$/, '')
        .replace(/\/__init__$/, '')
        .replace(/\//g, '.'),
      f,
    );
  }
  if (refused.length > 0)
    throw new MigrateError(
      [`${dir}: refused, nothing was written:`, ...refused.map((r) => `  ${r}`)].join('\n'),
    );
  return { root, conf, rules, legacyEvents, modules, skipped };
}
