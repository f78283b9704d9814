/**
 * The comment's backtest section stays bounded: hundreds of changed rules with long merge
 * key values and many notes keep the comment within its size limit, the rest counted.
 */
import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src/backtest/types.js';
import type { PlanReport } from '../../src/plan/types.js';
import {
  backtestSection,
  MAX_BACKTEST_NOTES,
  MAX_NOTE_LENGTH,
  MAX_BACKTEST_RULES,
  MAX_KEY_LENGTH,
} from '../../src/report/backtest.js';
import { COMMENT_MAX_LENGTH, renderComment } from '../../src/report/comment.js';

function bigBacktest(rules: number): BacktestReport {
  return {
    base: '0123456789abcdef0123456789abcdef01234567',
    baseAvailable: true,
    fixtureRecords: 1200,
    sample: { records: 52_000, bytes: 40_000_000, objects: 30, hours: 6 },
    rules: Array.from({ length: rules }, (_, i) => ({
      rule: `rule_${i}`,
      file: `rule_${i}.ts`,
      status: i % 2 ? ('new' as const) : ('changed' as const),
      fixtures: i % 2 ? { after: i } : { before: 3, after: 41 },
      sample: i % 2 ? { after: 2 } : { before: 3, after: 41_000 },
      topKeys: [1, 2, 3].map((k) => ({
        value: `arn:aws:iam::123:user/${'x'.repeat(500)}${k}`,
        count: k,
      })),
    })),
    notes: Array.from({ length: 40 }, (_, i) => `note ${i} ${'y'.repeat(1000)}`),
  };
}

const report = (backtest: BacktestReport): PlanReport => ({
  commit: 'abc1234',
  configHash: '',
  clusterCount: 1,
  roots: [],
  backtest,
});

describe('backtestSection', () => {
  it('shows at most MAX_BACKTEST_RULES rules and MAX_BACKTEST_NOTES notes, long values cut', () => {
    const text = backtestSection(report(bigBacktest(300)));
    const ruleLines = text.split('\n').filter((l) => l.startsWith('- `rule_'));
    expect(ruleLines).toHaveLength(MAX_BACKTEST_RULES);
    expect(text).toContain(`- … ${300 - MAX_BACKTEST_RULES} more rules in plan-report.json\n`);
    expect(text.split('\n').filter((l) => l.startsWith('note '))).toHaveLength(MAX_BACKTEST_NOTES);
    expect(text).toContain(`… ${40 - MAX_BACKTEST_NOTES} more notes in plan-report.json\n`);
    expect(ruleLines[0]).toContain('3 -> 41 alerts over the fixtures (1,200 records)');
    expect(ruleLines[0]).toContain('3 -> 41,000 alerts over 6 h (52,000 records sampled)');
    const longest = Math.max(...[...text.matchAll(/`(arn:[^`]*)`/g)].map((m) => m[1]!.length));
    expect(longest).toBe(MAX_KEY_LENGTH);
  });

  it('keeps the comment within its limit, and within a small one', () => {
    const full = renderComment(report(bigBacktest(300)));
    expect(full.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    expect(full).toContain('🔁 **Backtest** of 300 added or changed rules');
    const small = renderComment(report(bigBacktest(300)), { maxLength: 8000 });
    expect(small.length).toBeLessThanOrEqual(8000);
  });

  it('says so when the pull request changes no rule', () => {
    expect(backtestSection(report({ ...bigBacktest(0), notes: [] }))).toBe(
      '🔁 **Backtest:** no rule added or changed (before = base `0123456789ab`).\n',
    );
  });

  it('shows notes inert: a mention, an image, a link, HTML or a fence in a note stays text', () => {
    const hostile = [
      'cluster prod: could not read s3://b/@org/team <img src=https://x/y.png> [link](https://evil)',
      'rule "x" said ```\n# heading\n``` and ````',
      '> quote *bold* <details><summary>s</summary>',
    ];
    const text = backtestSection(report({ ...bigBacktest(1), notes: hostile }));
    const fence = '`````';
    const start = text.indexOf(`${fence}text\n`);
    expect(start).toBeGreaterThan(0);
    // Everything after the rule lines is one code block: nothing of the notes is outside it.
    expect(text.slice(start)).toBe(
      `${fence}text\n` +
        'cluster prod: could not read s3://b/@org/team <img src=https://x/y.png> [link](https://evil)\n' +
        'rule "x" said ``` # heading ``` and ````\n' +
        '> quote *bold* <details><summary>s</summary>\n' +
        `${fence}\n`,
    );
    expect(text.slice(0, start)).not.toMatch(/@org|<img|\[link\]|<details>/);
  });

  it('cuts every note to MAX_NOTE_LENGTH characters', () => {
    const text = backtestSection(report({ ...bigBacktest(1), notes: ['z'.repeat(5000)] }));
    expect(text).toContain(`\n${'z'.repeat(MAX_NOTE_LENGTH)}\n`);
    expect(text).not.toContain('z'.repeat(MAX_NOTE_LENGTH + 1));
  });

  it('says the backtest stopped and why, never that no rule changed, when it could not count', () => {
    const text = backtestSection(
      report({
        ...bigBacktest(0),
        notes: [],
        stopped: 'a rule file fails to load: <b>boom</b> @team',
      }),
    );
    expect(text).not.toContain('no rule added or changed');
    expect(text).toBe(
      '🔁 **Backtest stopped** before counting (before = base `0123456789ab`): no counts for the added or changed rules; why below.\n' +
        '\n```text\nthe backtest stopped: a rule file fails to load: <b>boom</b> @team\n```\n',
    );
  });
});
