/**
 * Turns the repository's rules/*.ts|*.js into the ES modules the rule processor loads:
 * TypeScript is stripped with sucrase (pure JS, so it runs from the ncc-bundled dist/
 * with no install), files become .mjs (ES modules whatever package.json says), and
 * relative imports follow the rename. `streamalert-action/rules` resolves to a copy of
 * the rules API under node_modules/, next to the rules, in the zip and in `test` alike.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { transform } from 'sucrase';
import {
  listRepositoryFolder,
  REPOSITORY,
  repositoryFileBytes,
  repositoryRoot,
} from '../shared/repo-file.js';

/** No rule file comes near this; a bigger one is a mistake or an attack on the build. */
export const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

/** The files that become rule modules (the backtest lists the base commit's with it too). */
export const isRuleFile = (name: string): boolean =>
  /\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') && !/\.test\.[jt]s$/.test(name);

/** The rule files of a folder (sorted), after checking the folder stays inside its repository. */
export async function ruleFileNames(rulesDir: string): Promise<string[]> {
  const names = await listRepositoryFolder(rulesDir, repositoryRoot(rulesDir));
  return (names ?? []).filter(isRuleFile).sort();
}

export const RULES_PACKAGE_JSON = `${JSON.stringify({ name: 'streamalert-action', type: 'module', exports: { './rules': './rules.mjs' } }, null, 2)}\n`;

const RELATIVE_IMPORT =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)(\.(?:[cm]?[jt]s|tsx?))?\2/g;

function toModule(file: string, source: string): string {
  const code = file.endsWith('.ts')
    ? transform(source, { transforms: ['typescript'], filePath: file, disableESTransforms: true })
        .code
    : source;
  return code.replace(
    RELATIVE_IMPORT,
    (_m, lead: string, quote: string, spec: string) => `${lead}${quote}${spec}.mjs${quote}`,
  );
}

/** rules/<name>.mjs → code, plus the rules API package; paths relative to the package root. */
export async function ruleModules(
  rulesDir: string,
  rulesApiCode: Buffer,
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const root = repositoryRoot(rulesDir);
  const names = await ruleFileNames(rulesDir);
  const seen = new Map<string, string>();
  for (const name of names) {
    const base = name.replace(/\.(ts|js|mjs)$/, '');
    if (seen.has(base))
      throw new Error(
        `${path.join(rulesDir, name)} and ${seen.get(base)} would both become rules/${base}.mjs; rename one`,
      );
    seen.set(base, path.join(rulesDir, name));
    const file = path.join(rulesDir, name);
    // A rule file may be a link (say, to /proc/self/environ): only regular files of the repository are read.
    const source = (
      await repositoryFileBytes(file, root, REPOSITORY(root, 'rule files', MAX_RULE_FILE_BYTES))
    ).toString('utf8');
    let code: string;
    try {
      code = toModule(file, source);
    } catch (err) {
      throw new Error(`${file}: cannot compile: ${(err as Error).message}`, { cause: err });
    }
    files.set(`rules/${base}.mjs`, Buffer.from(code));
  }
  files.set('node_modules/streamalert-action/package.json', Buffer.from(RULES_PACKAGE_JSON));
  files.set('node_modules/streamalert-action/rules.mjs', rulesApiCode);
  return files;
}

export async function writeFiles(dir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  for (const [name, data] of files) {
    const target = path.join(dir, ...name.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}
