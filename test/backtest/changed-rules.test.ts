/**
 * Which rule files a pull request adds or changes, read with git from a real repository
 * with two commits; a base commit the checkout does not hold is said, not thrown.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { changedRules } from '../../src/backtest/changed-rules.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-changed-rules-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim();
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** A repository whose rules live in infra/rules: a base commit, then the head's changes. */
function repository(): { repo: string; rulesDir: string; base: string } {
  const repo = mkdtempSync(path.join(temp, 'repo-'));
  git(repo, 'init', '-q');
  const rulesDir = path.join(repo, 'infra', 'rules');
  write(path.join(rulesDir, 'same.ts'), 'export const a = 1;\n');
  write(path.join(rulesDir, 'edited.ts'), 'export const b = 1;\n');
  write(path.join(rulesDir, 'removed.ts'), 'export const c = 1;\n');
  write(path.join(rulesDir, 'helpers.d.ts'), 'export {};\n');
  write(path.join(repo, 'infra', 'other', 'x.ts'), 'export {};\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'base');
  const base = git(repo, 'rev-parse', 'HEAD');
  write(path.join(rulesDir, 'edited.ts'), 'export const b = 2;\n');
  write(path.join(rulesDir, 'added.js'), 'export const d = 1;\n');
  rmSync(path.join(rulesDir, 'removed.ts'));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'head');
  return { repo, rulesDir, base };
}

describe('changedRules', () => {
  it('lists the new and edited rule files and writes the base versions', async () => {
    const { rulesDir, base } = repository();
    const into = path.join(temp, 'base-1');
    const result = await changedRules(rulesDir, base, into);
    expect(result).toEqual({
      baseAvailable: true,
      changed: ['added.js', 'edited.ts'],
      atBase: ['edited.ts', 'removed.ts', 'same.ts'],
    });
    expect(readFileSync(path.join(into, 'edited.ts'), 'utf8')).toBe('export const b = 1;\n');
    expect(readFileSync(path.join(into, 'same.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('counts uncommitted edits of the checkout as changes', async () => {
    const { rulesDir, base } = repository();
    write(path.join(rulesDir, 'same.ts'), 'export const a = 3;\n');
    const result = await changedRules(rulesDir, base, path.join(temp, 'base-2'));
    expect(result.changed).toEqual(['added.js', 'edited.ts', 'same.ts']);
  });

  it('says the base commit is not fetched in a shallow checkout, and lists every rule file', async () => {
    const { repo, base } = repository();
    const clone = path.join(temp, 'shallow');
    git(temp, 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
    const result = await changedRules(
      path.join(clone, 'infra', 'rules'),
      base,
      path.join(temp, 'base-3'),
    );
    expect(result).toEqual({
      baseAvailable: false,
      reason: `base commit ${base.slice(0, 12)} not fetched — check out with fetch-depth: 0`,
      changed: ['added.js', 'edited.ts', 'same.ts'],
    });
  });

  it('says a rules folder outside git has no base', async () => {
    const dir = path.join(temp, 'loose', 'rules');
    write(path.join(dir, 'r.ts'), 'export {};\n');
    const result = await changedRules(dir, 'abc', path.join(temp, 'base-4'));
    expect(result).toMatchObject({ baseAvailable: false, changed: ['r.ts'] });
    expect(result.baseAvailable === false && result.reason).toContain('is not in a git checkout');
  });
});
