/**
 * Files of the repository under review are the pull request author's (issue 28, item 1): a
 * rule or fixture that is a symbolic link to /proc/self/environ, or anything else outside
 * the repository, is refused with the file named and the target neither read nor quoted;
 * so is anything that is not a regular file. Links that stay inside the repository work.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleModules } from '../../src/build/rules.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { changedRules } from '../../src/backtest/changed-rules.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-repo-files-'));
const SECRET = 'ghs_planted0123456789secret';
const API = Buffer.from('export const rule = (r) => r;\n');
let saved: string | undefined;

beforeAll(() => {
  // What an attacker is after: this process's environment, reachable as /proc/self/environ.
  saved = process.env.PLANTED_TOKEN;
  process.env.PLANTED_TOKEN = SECRET;
});
afterAll(() => {
  if (saved === undefined) delete process.env.PLANTED_TOKEN;
  else process.env.PLANTED_TOKEN = saved;
  rmSync(temp, { recursive: true, force: true });
});

/** A repository (it has .git) with a rules folder and a fixtures folder. */
function repo(name: string): { root: string; rules: string; fixtures: string } {
  const root = path.join(temp, name);
  for (const d of ['.git', 'rules', 'lib', path.join('tests', 'rules')])
    mkdirSync(path.join(root, d), { recursive: true });
  writeFileSync(
    path.join(root, 'rules', 'good.ts'),
    "import { rule } from 'streamalert-action/rules';\nexport default rule({ name: 'good', logs: ['x'], outputs: [], rule: () => false });\n",
  );
  return {
    root,
    rules: path.join(root, 'rules'),
    fixtures: path.join(root, 'tests', 'rules'),
  };
}

describe('rule files', () => {
  it('refuses a rule linked to /proc/self/environ, naming the file and never the content', async () => {
    const r = repo('environ-rule');
    symlinkSync('/proc/self/environ', path.join(r.rules, 'zz_env.js'));
    const err = await ruleModules(r.rules, API).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `${path.join(r.rules, 'zz_env.js')}: is a symbolic link to a file outside the repository (${r.root}); refused (copy the file into the repository instead)`,
    );
    expect(err?.message).not.toContain(SECRET);
  });

  it('refuses a rules folder that links out of the repository, and a FIFO without blocking on it', async () => {
    const r = repo('linked-folder');
    const outside = path.join(temp, 'outside-rules');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'x.js'), 'export default 1;\n');
    rmSync(r.rules, { recursive: true });
    symlinkSync(outside, r.rules);
    await expect(ruleModules(r.rules, API)).rejects.toThrow(
      `${r.rules}: is a symbolic link to a folder outside the repository (${r.root}); refused`,
    );

    const f = repo('fifo-rule');
    execFileSync('mkfifo', [path.join(f.rules, 'stuck.js')]);
    await expect(ruleModules(f.rules, API)).rejects.toThrow(
      `${path.join(f.rules, 'stuck.js')}: is a FIFO (named pipe), not a regular file; rule files must be regular files`,
    );
  });

  it('follows a link that stays inside the repository', async () => {
    const r = repo('inner-link');
    writeFileSync(path.join(r.root, 'lib', 'shared.js'), 'export const shared = 42;\n');
    symlinkSync(path.join('..', 'lib', 'shared.js'), path.join(r.rules, 'shared.js'));
    const files = await ruleModules(r.rules, API);
    expect(files.get('rules/shared.mjs')?.toString()).toBe('export const shared = 42;\n');
    expect([...files.keys()].filter((k) => k.startsWith('rules/'))).toEqual([
      'rules/good.mjs',
      'rules/shared.mjs',
    ]);
  });

  it('the backtest does not read a linked rule file to compare it with the base', async () => {
    const root = path.join(temp, 'backtest-link');
    const rules = path.join(root, 'rules');
    mkdirSync(rules, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], {
        cwd: root,
        encoding: 'utf8',
      }).trim();
    git('init', '-q');
    writeFileSync(path.join(rules, 'zz_env.js'), 'export default 1;\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    rmSync(path.join(rules, 'zz_env.js'));
    symlinkSync('/proc/self/environ', path.join(rules, 'zz_env.js'));
    const err = await changedRules(rules, base, path.join(temp, 'base-out')).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toBe(
      `${path.join(rules, 'zz_env.js')}: is a symbolic link to a file outside the repository (${root}); refused (copy the file into the repository instead)`,
    );
  });
});

describe('fixture files', () => {
  it('refuses a fixture linked out of the repository and still loads the others', async () => {
    const r = repo('environ-fixture');
    symlinkSync('/proc/self/environ', path.join(r.fixtures, 'a_env.json'));
    writeFileSync(
      path.join(r.fixtures, 'b_ok.json'),
      JSON.stringify({
        records: [
          { description: 'ok', service: 'kinesis', source: 's', data: {}, trigger_rules: [] },
        ],
      }),
    );
    const { records, problems } = await loadFixtures(r.fixtures);
    expect(problems).toEqual([
      `${path.join(r.fixtures, 'a_env.json')}: is a symbolic link to a file outside the repository (${r.root}); refused (copy the file into the repository instead)`,
    ]);
    expect(JSON.stringify(problems)).not.toContain(SECRET);
    expect(records.map((x) => x.description)).toEqual(['ok']);
  });

  it('refuses a fixture folder that links out of the repository', async () => {
    const r = repo('linked-fixtures');
    rmSync(r.fixtures, { recursive: true });
    symlinkSync('/proc/self', r.fixtures);
    const { records, problems } = await loadFixtures(r.fixtures);
    expect(records).toEqual([]);
    expect(problems).toEqual([
      `${r.fixtures}: is a symbolic link to a folder outside the repository (${r.root}); refused`,
    ]);
  });
});
