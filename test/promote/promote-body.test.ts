/**
 * The promotion pull request's body with hostile data (issue 28, item 6): merge key values
 * come from logs anyone can write to. Every value stays inside its code span (no live
 * @mention, image, link or HTML), a long value is cut with a note, and the body stays
 * under GitHub's 65,536 characters whatever the data.
 */
import { describe, expect, it } from 'vitest';
import { inlineCode, MAX_BODY_CHARS, promoteBody } from '../../src/promote/body.js';
import type { PromoteSettings, RuleCounts } from '../../src/promote/counts.js';
import { outsideCode } from '../support/markdown.js';

const settings: PromoteSettings = { quietThreshold: 1, minStagedHours: 48, now: new Date() };

const HOSTILE = [
  '@acme/security-team please look',
  '<img src=x onerror=alert(1)>',
  '[click here](https://evil.test/)',
  '![pixel](https://evil.test/p.png)',
  'x` @acme/security-team `y',
  '``` <b>bold</b> ```',
  '`',
  'a | b\n| c | d |\n@acme/admins',
  '<!-- hidden --> @acme/ops',
];

const counts = (values: string[], name = 'noisy_rule'): RuleCounts => ({
  rule: { name, file: `rules/${name}.ts`, mergeByKeys: ['host'] },
  since: '2026-12-01T06:00:00.000Z',
  days: [['2026-12-04', values.length]],
  total: values.length,
  verdict: 'noisy',
  topKeys: values.map((v, i) => ({
    values: `host=${v}`,
    count: i + 1,
  })),
});

describe('promote body', () => {
  it('keeps every value from data inside its code span', () => {
    const body = promoteBody([counts(HOSTILE)], [], [], settings);
    const outside = body.split('\n').map(outsideCode).join('\n');
    expect(outside).not.toMatch(/@acme/);
    expect(outside).not.toMatch(/<img|<b>|<!-- hidden/);
    expect(outside).not.toMatch(/\]\(https/);
    // One line per key: a value's line break cannot start a new line of Markdown.
    expect(body.split('\n').filter((l) => l.startsWith('  - '))).toHaveLength(HOSTILE.length);
  });

  it('keeps a hostile rule name or staged-since inside the table cell', () => {
    const c = { ...counts([]), since: '| @acme/x <img src=y> |', verdict: 'watching' as const };
    const body = promoteBody(
      [{ ...c, rule: { ...c.rule, name: 'a`|`@acme/y' } }],
      [],
      [],
      settings,
    );
    const row = body.split('\n').find((l) => l.includes('watched too briefly'))!;
    expect(outsideCode(row)).not.toMatch(/@acme|<img/);
    // Six cells (rule, since, one day, total, decision): no pipe escaped its cell.
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
  });

  it('cuts a long value with a note', () => {
    const long = 'A'.repeat(70_000);
    expect(inlineCode(long)).toBe(`\`${'A'.repeat(200)}\` … (cut: 70000 characters)`);
    const body = promoteBody([counts([long])], [], [], settings);
    expect(body.length).toBeLessThan(5_000);
    expect(body).toContain('(cut: 70005 characters)');
  });

  it('stays under the limit whatever the data, listing the promoted rules first', () => {
    const many = Array.from({ length: 3_000 }, (_, i) => ({
      ...counts(
        HOSTILE.map((v) => v.repeat(500)),
        `rule_${i}_${'x'.repeat(150)}`,
      ),
      ...(i === 2_999 ? { verdict: 'quiet' as const } : {}),
    }));
    const promoted = [many[2_999]!.rule.name];
    const refused = Array.from({ length: 500 }, (_, i) => `rules/r${i}.ts: ${'`'.repeat(300)}`);
    const body = promoteBody(many, promoted, refused, settings);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(body).toContain(`| \`${promoted[0]}\` |`);
    expect(body).toMatch(/more rule\(s\) not shown/);
  });
});
