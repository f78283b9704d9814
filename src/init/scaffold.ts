/**
 * What `streamalert init` writes: the files under templates/init/ of the action's checkout,
 * byte for byte. There is no substitution step on purpose: every template is a real file
 * (JSON, TypeScript, workflow YAML) that the tests validate, run and plan exactly as it
 * ships, so a new repository is known to pass `validate`, `test` and `plan` before anyone
 * edits it. What a user must change is marked by placeholders that are valid values
 * (PLACEHOLDERS), the same value everywhere.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.js';

export interface ScaffoldFile {
  /** Where it goes in the new repository, `/`-separated (e.g. `conf/global.json`). */
  path: string;
  /** The template it comes from (absolute): what `diff` compares a kept file with. */
  template: string;
  content: Buffer;
}

export interface Placeholder {
  value: string;
  /** What to put there instead. */
  means: string;
}

/** Every placeholder of the scaffold; templates/init/README.md lists where each one is. */
export const PLACEHOLDERS: readonly Placeholder[] = [
  { value: '123456789012', means: 'your AWS account id' },
  { value: 'changeme', means: 'the prefix of every resource name and of the state bucket' },
  { value: 'us-east-1', means: 'the AWS region of the account settings, cluster and workflows' },
  { value: 'org/streamalert-action@v1', means: 'this action, at the release you use' },
];

/**
 * Templates kept under another name: a file named `.gitignore` in templates/init would
 * apply to this repository's own tree, and npm leaves `.gitignore` files out of packages.
 */
const TARGET_NAMES: ReadonlyMap<string, string> = new Map([['gitignore', '.gitignore']]);

export function scaffoldDir(): string {
  return path.join(packageRoot(), 'templates', 'init');
}

async function walk(dir: string, rel: string[]): Promise<[string, string[]][]> {
  const found: [string, string[]][] = [];
  for (const name of (await readdir(dir)).sort()) {
    const file = path.join(dir, name);
    const s = await lstat(file);
    if (s.isDirectory()) found.push(...(await walk(file, [...rel, name])));
    else if (s.isFile()) found.push([file, [...rel, name]]);
    // The scaffold is copied byte for byte: a link in it would copy whatever it points at.
    else throw new Error(`${file}: the scaffold holds only regular files and folders`);
  }
  return found;
}

/** The scaffold's files, sorted by their path in the new repository. */
export async function scaffoldFiles(dir = scaffoldDir()): Promise<ScaffoldFile[]> {
  const files: ScaffoldFile[] = [];
  for (const [template, parts] of await walk(dir, [])) {
    const last = parts.length - 1;
    parts[last] = TARGET_NAMES.get(parts.join('/')) ?? parts[last]!;
    files.push({ path: parts.join('/'), template, content: await readFile(template) });
  }
  if (files.length === 0) throw new Error(`${dir}: the scaffold is missing`);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
