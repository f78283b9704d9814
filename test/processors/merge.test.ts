/** The pure part of alert merging: StreamAlert's common subset and diffs, windows, the merged alert. */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../src/processors/shared/alert.js';
import {
  commonOf,
  diffOf,
  mergeKeyOf,
  mergeSettingsOf,
  windowsOf,
} from '../../src/processors/shared/merge.js';
import { mergeMatches } from '../../src/processors/shared/merge-window.js';
import { checkRuleShapes } from '../../src/processors/rules/load.js';
import { rule } from '../../src/rules-api/index.js';

const alert = (id: string, record: Record<string, unknown>, outputs = ['slack:sec']): Alert => ({
  id,
  rule_name: 'r',
  rule_description: 'd',
  log_source: 'l',
  log_type: 'json',
  source_service: 'kinesis',
  source_entity: 's',
  outputs,
  record,
});

describe('merge semantics (StreamAlert Alert.merge)', () => {
  it('keeps the greatest common subset and each record’s differences', () => {
    const a = { abc: 123, nested: { A: 1, B: 2 } };
    const b = { abc: 123, def: 456, nested: { A: 1 } };
    expect(commonOf([a, b])).toEqual({ abc: 123, nested: { A: 1 } });
    expect(diffOf({ abc: 123, nested: { A: 1 } }, a)).toEqual({ nested: { B: 2 } });
    expect(diffOf({ abc: 123, nested: { A: 1 } }, b)).toEqual({ def: 456 });
  });

  it('reads merge keys as dotted paths; a missing key is null', () => {
    expect(mergeKeyOf({ user: { arn: 'x' } }, ['user.arn', 'ip'])).toBe('["x",null]');
    expect(mergeSettingsOf({ merge_by_keys: ['a'] })).toBeUndefined();
    expect(mergeSettingsOf({ merge_window_mins: 5, threshold: 2 })).toEqual({
      keys: [],
      windowMs: 300_000,
      threshold: 2,
    });
  });

  it('starts each window at its first match and leaves open windows alone', () => {
    const m = (id: string, created: number) => ({ alert: alert(id, {}), created });
    const { closed, open } = windowsOf([m('c', 11), m('a', 0), m('b', 10), m('d', 25)], 10, 30);
    expect(closed.map((w) => w.map((x) => x.alert.id))).toEqual([['a', 'b'], ['c']]);
    expect(open.map((x) => x.alert.id)).toEqual(['d']);
    expect(windowsOf([m('a', 0)], 10, 9).closed).toEqual([]);
    expect(windowsOf([m('a', 0)], 10, 11, 5).closed).toEqual([]);
  });

  it('builds the merged record: count, first/last seen, merge keys, common keys, diffs, distinct values', () => {
    const merged = mergeMatches(
      [
        {
          alert: alert('2', { user: { arn: 'u', ip: '2' }, ev: 'x' }, ['pd:oncall']),
          created: 2000,
        },
        { alert: alert('1', { user: { arn: 'u', ip: '1' }, ev: 'x' }), created: 1000 },
        { alert: alert('3', { user: { arn: 'u', ip: '1' }, ev: 'x' }), created: 1000 },
      ],
      ['user.arn'],
    );
    expect(merged.outputs).toEqual(['pd:oncall']);
    expect(merged.record).toEqual({
      AlertCount: 3,
      AlertTimeFirst: new Date(1000).toISOString(),
      AlertTimeLast: new Date(2000).toISOString(),
      MergedBy: { 'user.arn': 'u' },
      OtherCommonKeys: { ev: 'x' },
      ValueDiffs: {
        [new Date(1000).toISOString()]: { user: { ip: '1' } },
        [`${new Date(1000).toISOString()}#2`]: { user: { ip: '1' } },
        [new Date(2000).toISOString()]: { user: { ip: '2' } },
      },
      DistinctValues: { 'user.ip': ['1', '2'] },
    });
    // The same window always gets the same id, whatever order the table returned it in.
    const again = mergeMatches(
      [
        { alert: alert('1', { user: { arn: 'u', ip: '1' }, ev: 'x' }), created: 1000 },
        { alert: alert('3', { user: { arn: 'u', ip: '1' }, ev: 'x' }), created: 1000 },
      ],
      ['user.arn'],
    );
    expect(again.id).toBe(merged.id);
  });

  it("keeps a staged rule's merged alert staged (staging/ only, never the outputs)", () => {
    const staged = (id: string, created: number) => ({
      alert: { ...alert(id, { host: 'h' }), staged: true as const },
      created,
    });
    expect(mergeMatches([staged('1', 1000), staged('2', 2000)], ['host']).staged).toBe(true);
    const plain = mergeMatches([{ alert: alert('1', { host: 'h' }), created: 1000 }], ['host']);
    expect(plain).not.toHaveProperty('staged');
  });
});

describe('merge options of a rule', () => {
  const base = { logs: ['l'], outputs: [], rule: () => true };
  it('are refused when malformed or without a window, naming the file and rule', () => {
    const problems = checkRuleShapes([
      { file: 'rules/a.ts', rule: rule({ ...base, name: 'a', merge_by_keys: ['host'] }) },
      {
        file: 'rules/b.ts',
        rule: rule({ ...base, name: 'b', threshold: 0, merge_window_mins: 1.5 }),
      },
      {
        file: 'rules/c.ts',
        rule: rule({ ...base, name: 'c', merge_by_keys: ['a..b'], merge_window_mins: 5 }),
      },
      {
        file: 'rules/d.ts',
        rule: rule({
          ...base,
          name: 'd',
          merge_by_keys: ['a.b'],
          merge_window_mins: 5,
          threshold: 3,
        }),
      },
    ]);
    expect(problems).toEqual([
      'rules/a.ts: rule "a": merge_by_keys needs merge_window_mins',
      'rules/b.ts: rule "b": merge_window_mins must be a whole number of minutes from 1 to 10080',
      'rules/b.ts: rule "b": threshold must be a whole number of matches, at least 1',
      'rules/c.ts: rule "c": merge_by_keys must be a non-empty list of dotted paths into the record (e.g. "userIdentity.arn")',
    ]);
  });
});
