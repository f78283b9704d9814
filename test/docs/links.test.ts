/**
 * Every relative link of README.md and docs/*.md leads to a file, every `#anchor` to a
 * heading of its page (GitHub's slugs), and every docs citation in src/'s messages to a page
 * and section that exist. The checker itself is tested on small pages below.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import {
  anchorsOf,
  badCitations,
  brokenLinks,
  docsPages,
  githubSlug,
  linksOf,
} from './markdown-links.js';

describe.each(docsPages(REPO_ROOT).map((p) => path.relative(REPO_ROOT, p)))('%s', (page) => {
  it('has no link to a missing file or heading', () => {
    expect(brokenLinks(path.join(REPO_ROOT, page), REPO_ROOT)).toEqual([]);
  });
});

it('src/ cites only docs pages and sections that exist', () => {
  expect(badCitations(REPO_ROOT)).toEqual([]);
});

it('README.md stays at most 300 lines', () => {
  const lines = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8').split('\n').length;
  expect(lines).toBeLessThanOrEqual(300);
});

describe('the link checker', () => {
  /** A throwaway repository: README.md, docs/a.md, src/x.ts. */
  function repo(files: Record<string, string>): string {
    const root = tempDir('docs-links');
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), text);
    }
    return root;
  }

  it('makes anchors as GitHub does', () => {
    expect(githubSlug('After the merge: apply results, recovery, merge queue')).toBe(
      'after-the-merge-apply-results-recovery-merge-queue',
    );
    expect(githubSlug('conf/clusters/<id>.json')).toBe('confclustersidjson');
    expect(githubSlug('Rules — and fixtures')).toBe('rules--and-fixtures');
    expect([
      ...anchorsOf('# `conf/outputs.json`\n## Notes\n## Notes\n```\n# not a heading\n```\n'),
    ]).toEqual(['confoutputsjson', 'notes', 'notes-1']);
  });

  it('finds links in text, tables and definitions, but not in code', () => {
    const page = [
      'See [a](a.md#x) and [multi',
      'line](b.md).',
      '| [`code label`](c.md) |',
      '`[not](a link)`',
      '```',
      '[not](either.md)',
      '```',
      '[ref]: d.md',
    ].join('\n');
    expect(linksOf(page).map((l) => [l.target, l.line])).toEqual([
      ['a.md#x', 1],
      ['b.md', 2],
      ['c.md', 3],
      ['d.md', 8],
    ]);
  });

  it('names a missing file and a missing anchor, with file and line', () => {
    const root = repo({
      'README.md':
        '# Title\n\n[ok](docs/a.md#there) [gone](docs/b.md) [bad](docs/a.md#nowhere) [self](#title)\n',
      'docs/a.md': '# A\n\n## There\n\n[up](../README.md#no-such)\n',
    });
    expect(brokenLinks(path.join(root, 'README.md'), root)).toEqual([
      'README.md:3: docs/b.md: docs/b.md does not exist',
      'README.md:3: docs/a.md#nowhere: no heading of docs/a.md has the anchor #nowhere',
    ]);
    expect(brokenLinks(path.join(root, 'docs/a.md'), root)).toEqual([
      'docs/a.md:5: ../README.md#no-such: no heading of README.md has the anchor #no-such',
    ]);
  });

  it('names a message in src/ whose citation does not resolve', () => {
    const root = repo({
      'README.md': '# Title\n\n## Writing rules\n',
      'docs/a.md': '# A\n\n## Log schemas\n',
      'src/x.ts': [
        "export const ok = 'see docs/a.md#log-schemas';",
        'export const okReadme = \'see the README, "Writing rules"\';',
        "export const badAnchor = 'see docs/a.md#writing-a-log-schema';",
        'export const badPage = `see docs/missing.md for ${ok}`;',
        'export const badSection = \'see the README, "Writing a log schema"\';',
        "export const vague = 'see the README';",
        '// a comment about the README is not a message',
        "export const notDocs = 'src/docs/tables.ts';",
      ].join('\n'),
    });
    expect(badCitations(root)).toEqual([
      'src/x.ts:3: cites docs/a.md#writing-a-log-schema, but no heading of docs/a.md has that anchor',
      'src/x.ts:4: cites docs/missing.md, which does not exist',
      'src/x.ts:5: cites the README section "Writing a log schema", which does not exist',
      'src/x.ts:6: mentions the README or docs/ without a page and section that can be checked (cite docs/<page>.md#<anchor>): "see the README"',
    ]);
  });
});
