/**
 * Which rule files a pull request adds or changes, and their base version. The base
 * commit's rules folder is read with git from the checkout (`git ls-tree`/`git show`): a
 * file is changed when it is new or its text differs. A shallow checkout (actions/checkout's
 * default fetch-depth: 1) does not hold the base commit; that is a result, not an error,
 * so the backtest can say so and show after-only counts.
 */
import { execFile } from 'node:child_process';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { isRuleFile, MAX_RULE_FILE_BYTES, ruleFileNames } from '../build/rules.js';
import { REPOSITORY, repositoryFileBytes, repositoryRoot } from '../shared/repo-file.js';

const run = promisify(execFile);

export type ChangedRules =
  | {
      baseAvailable: true;
      /** Rule files (names inside the rules folder) new or different at the head. */
      changed: string[];
      /** Rule files that exist at the base (the rest of `changed` are new). */
      atBase: string[];
    }
  | {
      baseAvailable: false;
      /** Why not: the sentence the comment shows. */
      reason: string;
      /** Every rule file at the head: without a base, all of them are shown after-only. */
      changed: string[];
    };

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

const headFiles = ruleFileNames;

/** The rules folder's place in its git repository, or undefined when it is not in one. */
async function repoPath(rulesDir: string): Promise<{ top: string; rel: string } | undefined> {
  const dir = await realpath(rulesDir).catch(() => undefined);
  if (!dir) return undefined;
  try {
    const top = await realpath((await git(dir, ['rev-parse', '--show-toplevel'])).trim());
    return { top, rel: path.relative(top, dir).split(path.sep).join('/') };
  } catch {
    return undefined;
  }
}

/**
 * The rule files at the base commit, written into `into` (created), and which head files
 * differ from them. `rulesDir` is the checked-out head.
 */
export async function changedRules(
  rulesDir: string,
  base: string,
  into: string,
): Promise<ChangedRules> {
  const head = await headFiles(rulesDir);
  const where = await repoPath(rulesDir);
  if (!where)
    return { baseAvailable: false, reason: `${rulesDir} is not in a git checkout`, changed: head };
  try {
    await git(where.top, ['cat-file', '-e', `${base}^{commit}`]);
  } catch {
    return {
      baseAvailable: false,
      reason: `base commit ${base.slice(0, 12)} not fetched — check out with fetch-depth: 0`,
      changed: head,
    };
  }
  const prefix = where.rel === '' ? '' : `${where.rel}/`;
  // Sub-folders too (rules/community/<log>/), as ruleFileNames reads the head.
  const listed = await git(where.top, [
    'ls-tree',
    '-r',
    '-z',
    '--name-only',
    base,
    '--',
    prefix || '.',
  ]);
  const atBase = listed
    .split('\0')
    .filter((p) => p !== '' && p.startsWith(prefix))
    .map((p) => p.slice(prefix.length))
    .filter(
      (p) => isRuleFile(p) && !p.split('/').some((d) => d === 'node_modules' || d.startsWith('.')),
    )
    .sort();
  await mkdir(into, { recursive: true });
  const baseText = new Map<string, Buffer>();
  for (const name of atBase) {
    const { stdout } = await run('git', ['show', `${base}:${prefix}${name}`], {
      cwd: where.top,
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    baseText.set(name, stdout);
    await mkdir(path.dirname(path.join(into, ...name.split('/'))), { recursive: true });
    await writeFile(path.join(into, ...name.split('/')), stdout);
  }
  const changed: string[] = [];
  const root = repositoryRoot(rulesDir);
  for (const name of head) {
    const before = baseText.get(name);
    const now = () =>
      repositoryFileBytes(
        path.join(rulesDir, name),
        root,
        REPOSITORY(root, 'rule files', MAX_RULE_FILE_BYTES),
      );
    if (!before || !before.equals(await now())) changed.push(name);
  }
  return { baseAvailable: true, changed, atBase };
}
