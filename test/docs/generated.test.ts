/**
 * The reference tables of docs/ are what their sources say: every generated region equals
 * what `npm run docs` would write. A stale region fails naming the page, the region and the
 * command to run. The generator's parts are tested on small inputs below.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readActionMetadata } from '../../src/docs/action-yml.js';
import { DOCS_COMMAND, regionsOf, withRegions } from '../../src/docs/regions.js';
import { keyTable, schemaKeyRows } from '../../src/docs/schema-table.js';
import { GENERATORS } from '../../src/docs/tables.js';
import { GENERATED_PAGES, regeneratePage } from '../../src/docs/update.js';
import { REPO_ROOT } from '../support/conf.js';

/** The failure a stale page gets: what is stale and how to fix it. */
function staleness(page: string, text: string): string | undefined {
  const { changed } = regeneratePage(page, text, REPO_ROOT);
  return changed.length === 0
    ? undefined
    : `${page}: generated tables out of date (${changed.join(', ')}): run \`${DOCS_COMMAND}\` and commit ${page}`;
}

describe.each(GENERATED_PAGES)('%s', (page) => {
  it('has every generated table as its source says', () => {
    const text = readFileSync(path.join(REPO_ROOT, page), 'utf8');
    expect(staleness(page, text)).toBeUndefined();
  });
});

describe('the staleness check', () => {
  const page = 'docs/action.md';
  const text = readFileSync(path.join(REPO_ROOT, page), 'utf8');

  it('names the page, the region and the command when a row was edited by hand', () => {
    // Prepare: a default in the inputs table no longer what action.yml says.
    const edited = text.replace('| `command` | `auto` |', '| `command` | `plan` |');
    expect(edited).not.toBe(text);
    // Act, Assess
    expect(staleness(page, edited)).toBe(
      'docs/action.md: generated tables out of date (action-inputs): run `npm run docs` and commit docs/action.md',
    );
  });

  it('puts back exactly what the source says', () => {
    const edited = text.replace('| `command` | `auto` |', '| `command` | `plan` |');
    expect(regeneratePage(page, edited, REPO_ROOT).text).toBe(text);
  });

  it('refuses a page that lost a region, or holds one no generator writes', () => {
    const withoutFindings = text.replace('<!-- generated:findings -->', '<!-- findings -->');
    expect(() => regeneratePage(page, withoutFindings, REPO_ROOT)).toThrow(
      'docs/action.md: needs exactly one <!-- generated:findings --> ... <!-- /generated --> region',
    );
    const unknown = `${text}\n<!-- generated:nonsense -->\n<!-- /generated -->\n`;
    expect(() => regeneratePage(page, unknown, REPO_ROOT)).toThrow(
      'docs/action.md: no generator writes region "nonsense"',
    );
  });

  it('every generator has a page that exists', () => {
    for (const g of GENERATORS)
      expect(readFileSync(path.join(REPO_ROOT, g.page), 'utf8')).toContain(
        `<!-- generated:${g.name} -->`,
      );
  });
});

describe('regions', () => {
  it('reads an empty region and fills it', () => {
    const text = 'a\n<!-- generated:x -->\n<!-- /generated -->\nb\n';
    expect(regionsOf(text, 'p.md').map((r) => [r.name, r.body])).toEqual([['x', '']]);
    expect(withRegions(text, 'p.md', { x: '| t |' })).toBe(
      'a\n<!-- generated:x -->\n| t |\n<!-- /generated -->\nb\n',
    );
  });

  it('refuses a region that is never closed', () => {
    expect(() => regionsOf('<!-- generated:x -->\ntext\n', 'p.md')).toThrow(
      'p.md: <!-- generated:x --> has no <!-- /generated --> after it',
    );
  });
});

describe('readActionMetadata', () => {
  it('reads plain, quoted and folded values', () => {
    const yml = [
      'name: x',
      'inputs:',
      '  a:',
      '    description: >-',
      '      one',
      '      two',
      "    default: 'it''s'",
      '  b:',
      '    description: "quoted: yes"',
      'outputs:',
      '  c:',
      '    description: plain # a comment',
      'runs:',
      '  using: node24',
    ].join('\n');
    expect(readActionMetadata(yml)).toEqual({
      inputs: [
        { name: 'a', description: 'one two', default: "it's" },
        { name: 'b', description: 'quoted: yes', default: undefined },
      ],
      outputs: [{ name: 'c', description: 'plain', default: undefined }],
    });
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => readActionMetadata('inputs:\n  a:\n    description: |\n      x\n')).toThrow(
      'action.yml line 3: unsupported YAML value "|"',
    );
    expect(() => readActionMetadata('inputs:\n  a:\n    required: true\n')).toThrow(
      'action.yml: inputs.a has fields this reader does not know: required',
    );
  });

  it('reads every input and output of action.yml', () => {
    const { inputs, outputs } = readActionMetadata(
      readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'),
    );
    expect(inputs.map((i) => i.name)).toContain('command');
    expect(inputs.find((i) => i.name === 'command')?.default).toBe('auto');
    expect(outputs.map((o) => o.name)).toContain('has-changes');
  });
});

describe('schemaKeyRows', () => {
  it('writes one row per key: required, defaults, ranges, enums, lists of objects', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      properties: {
        a: { type: 'integer', minimum: 1, maximum: 5, description: 'seconds' },
        b: { type: 'string', enum: ['x', 'y'], default: 'x' },
        c: {
          type: 'object',
          properties: { d: { type: 'boolean', 'x-default': '`true` unless e' } },
        },
        w: {
          type: 'array',
          items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        },
      },
    };
    expect(keyTable(schemaKeyRows(schema))).toBe(
      [
        '| key | type | default | allowed | notes |',
        '|---|---|---|---|---|',
        '| `a` | integer | required | 1–5 | seconds |',
        '| `b` | string | `"x"` | `"x"`, `"y"` |  |',
        '| `c.d` | boolean | `true` unless e |  |  |',
        '| `w` | list of objects |  |  |  |',
        '| `w[].id` | string | required |  |  |',
      ].join('\n'),
    );
  });
});
