/**
 * The two parts of promote a user must be able to trust without AWS or GitHub: the edit
 * of a rule file (only `staged: true` goes, or the file is refused by name) and the
 * counts per rule and day with the verdicts (an in-memory staging store).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCounts, type PromoteSettings } from '../../src/promote/counts.js';
import { removeStaged, StagedEditError } from '../../src/promote/edit.js';
import type { StagingStore } from '../../src/promote/staging-store.js';
import { REPO_ROOT } from '../support/conf.js';

const FILE = `import { rule } from 'streamalert-action/rules';

export default [
  rule({
    name: 'a_rule',
    outputs: ['slack:sec'],
    context: { note: '{ staged: true }' }, // staged: true in a comment
    staged: true,
    rule: (r) => ({ staged: true }).staged && r.x === '}',
  }),
  rule({ name: "b_rule", staged: true, outputs: [], rule: () => false }),
];
`;

describe('removeStaged', () => {
  it('removes only the line of the rule it promotes', () => {
    expect(removeStaged(FILE, 'a_rule', 'rules/x.ts')).toBe(
      FILE.replace('    staged: true,\n    rule: (r) =>', '    rule: (r) =>'),
    );
  });

  it('removes an inline entry with its comma and nothing else', () => {
    expect(removeStaged(FILE, 'b_rule', 'rules/x.ts')).toBe(
      FILE.replace('name: "b_rule", staged: true, outputs', 'name: "b_rule", outputs'),
    );
  });

  it("promotes the production example's staged rule by removing its one line", () => {
    const file = path.join(
      REPO_ROOT,
      'examples',
      'production',
      'rules',
      'vpc_flow_ssh_from_internet.ts',
    );
    const text = readFileSync(file, 'utf8');
    const promoted = removeStaged(text, 'vpc_flow_ssh_from_internet', file);
    expect(promoted).toBe(text.replace('  staged: true,\n', ''));
    expect(promoted).not.toBe(text);
  });

  it('refuses, naming the file, when the rule has no or several staged: true', () => {
    const twice = FILE.replace('    staged: true,\n', '    staged: true,\n    staged: true,\n');
    expect(() => removeStaged(twice, 'a_rule', 'rules/x.ts')).toThrow(
      /^rules\/x\.ts: rule "a_rule": expected exactly one `staged: true` in the rule's options, found 2/,
    );
    const computed = FILE.replace('    staged: true,\n', '    staged: isNew,\n');
    expect(() => removeStaged(computed, 'a_rule', 'rules/x.ts')).toThrow(StagedEditError);
    expect(() => removeStaged(FILE, 'c_rule', 'rules/x.ts')).toThrow(
      /rules\/x\.ts: rule "c_rule": expected its `name: 'c_rule'` once, found it 0 times/,
    );
  });
  it('keeps code valid: a comment after the property stays out of the way', () => {
    const inline = FILE.replace(
      'name: "b_rule", staged: true, outputs',
      'name: "b_rule", staged: true /* c */, outputs',
    );
    expect(removeStaged(inline, 'b_rule', 'rules/x.ts')).toBe(
      FILE.replace('name: "b_rule", staged: true, outputs', 'name: "b_rule", outputs'),
    );
    const ownLine = FILE.replace('    staged: true,\n', '    staged: true /* c */,\n');
    expect(removeStaged(ownLine, 'a_rule', 'rules/x.ts')).toBe(
      FILE.replace('    staged: true,\n', ''),
    );
    const last = `rule({\n  name: 'c_rule',\n  rule: () => false,\n  staged: true\n});\n`;
    expect(removeStaged(last, 'c_rule', 'rules/c.ts')).toBe(
      `rule({\n  name: 'c_rule',\n  rule: () => false\n});\n`,
    );
  });

  it("touches only the rule's own option: not a nested one after a regex holding ]]", () => {
    const text = `import { rule } from 'streamalert-action/rules';

export default rule({
  name: 'nested',
  matchers: [(r) => /[[\\]]]/.test(String(r.x))],
  context: { demo: { staged: true } },
  staged: true,
  rule: () => true,
});
`;
    expect(removeStaged(text, 'nested', 'rules/nested.ts')).toBe(
      text.replace('  staged: true,\n', ''),
    );
    // Only the nested one: not the rule's option, so nothing is edited.
    const onlyNested = text.replace('  staged: true,\n', '');
    expect(() => removeStaged(onlyNested, 'nested', 'rules/nested.ts')).toThrow(
      /expected exactly one `staged: true` in the rule's options, found 0/,
    );
  });
});

function memoryStore(objects: Record<string, string>): StagingStore & { objects: typeof objects } {
  return {
    objects,
    list: async (b, p) =>
      Object.keys(objects)
        .filter((k) => k.startsWith(`${b}/${p}`))
        .map((k) => k.slice(b.length + 1)),
    folders: async (b, p) => [
      ...new Set(
        Object.keys(objects)
          .filter((k) => k.startsWith(`${b}/${p}`))
          .map((k) => `${p}${k.slice(b.length + 1 + p.length).split('/')[0]}/`),
      ),
    ],
    get: async (b, k) => objects[`${b}/${k}`],
    put: async (b, k, body) => void (objects[`${b}/${k}`] = body),
    delete: async (b, k) => void delete objects[`${b}/${k}`],
  };
}

describe('readCounts', () => {
  const settings: PromoteSettings = {
    quietThreshold: 2,
    minStagedHours: 48,
    now: new Date('2026-12-05T12:00:00Z'),
  };

  it('counts per day since the marker over every bucket and decides each rule', async () => {
    const store = memoryStore({
      'b1/staging/r_quiet/staged-since.json': '{"staged_since":"2026-12-02T08:00:00Z"}',
      // Before the marker: an earlier staging of the rule, not counted.
      'b1/staging/r_quiet/dt=2026-11-20/old.json': '{}',
      'b1/staging/r_quiet/dt=2026-12-03/a.json': '{}',
      'b2/staging/r_quiet/dt=2026-12-03/b.json': '{}',
      'b1/staging/r_noisy/dt=2026-12-04/1.json': '{"record":{"user":"root"}}',
      'b1/staging/r_noisy/dt=2026-12-04/2.json': '{"record":{"user":"root"}}',
      'b2/staging/r_noisy/dt=2026-12-04/3.json': '{"record":{"user":"bob"}}',
    });
    const counts = await readCounts(
      store,
      ['b1', 'b2'],
      [
        { name: 'r_quiet', file: 'rules/a.ts' },
        { name: 'r_noisy', file: 'rules/a.ts', mergeByKeys: ['user'] },
        { name: 'r_new', file: 'rules/b.ts' },
      ],
      settings,
    );
    const byName = Object.fromEntries(counts.map((c) => [c.rule.name, c]));
    expect(byName.r_quiet).toMatchObject({
      verdict: 'quiet',
      total: 2,
      days: [
        ['2026-12-02', 0],
        ['2026-12-03', 2],
        ['2026-12-04', 0],
        ['2026-12-05', 0],
      ],
    });
    expect(byName.r_noisy).toMatchObject({
      verdict: 'noisy',
      since: '2026-12-04T00:00:00.000Z',
      topKeys: [
        { values: 'user="root"', count: 2 },
        { values: 'user="bob"', count: 1 },
      ],
    });
    expect(byName.r_new).toMatchObject({ verdict: 'watching', total: 0 });
    // The markers now exist in both buckets, with the same start.
    expect(store.objects['b2/staging/r_quiet/staged-since.json']).toBe(
      '{"staged_since":"2026-12-02T08:00:00.000Z"}\n',
    );
    expect(store.objects['b1/staging/r_new/staged-since.json']).toBe(
      '{"staged_since":"2026-12-05T12:00:00.000Z"}\n',
    );
  });

  it("groups a merging rule's merged alerts by their MergedBy values", async () => {
    const merged = (host: string) =>
      JSON.stringify({ record: { AlertCount: 7, MergedBy: { 'detail.host': host } } });
    const store = memoryStore({
      'b1/staging/r_merged/dt=2026-12-04/1.json': merged('bastion-1'),
      'b1/staging/r_merged/dt=2026-12-04/2.json': merged('bastion-1'),
      'b1/staging/r_merged/dt=2026-12-05/3.json': merged('bastion-2'),
    });
    const [counts] = await readCounts(
      store,
      ['b1'],
      [{ name: 'r_merged', file: 'rules/a.ts', mergeByKeys: ['detail.host'] }],
      { ...settings, quietThreshold: 1 },
    );
    expect(counts).toMatchObject({
      verdict: 'noisy',
      total: 3,
      topKeys: [
        { values: 'detail.host="bastion-1"', count: 2 },
        { values: 'detail.host="bastion-2"', count: 1 },
      ],
    });
  });
});
