/**
 * Property-style checks over seeded random reports: the limits hold for any size, the state
 * survives any plan text, and no plan text can break out of its code block.
 */
import { describe, expect, it } from 'vitest';
import type { PlanReport, ResourceChange, RootPlan, RootStatus } from '../../src/plan/types.js';
import { parseCommentState, renderComment } from '../../src/report/comment.js';
import { planDiffLines } from '../../src/report/plan-text.js';
import { renderJobSummary } from '../../src/report/summary.js';
import { fingerprint, noChanges, productionChanges, report } from './fixtures.js';

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['```', '-->', '<!--', '|', '`', '</details>', '🛑', 'ü', '${x}', '\\', '"', '~~~'];

function randomReport(seed: number): PlanReport {
  const next = rng(seed);
  const int = (max: number): number => Math.floor(next() * (max + 1));
  const pick = <T>(items: readonly T[]): T => items[int(items.length - 1)]!;
  const text = (lines: number): string =>
    Array.from(
      { length: lines },
      () =>
        `${' '.repeat(int(8))}${pick(['+ ', '- ', '~ ', '-/+ ', '', '# '])}${'x'.repeat(int(120))}${next() < 0.1 ? pick(NASTY) : ''}`,
    ).join('\n');

  const roots: RootPlan[] = [];
  const count = 1 + int(199);
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? 'global' : `c${i}_${'y'.repeat(int(20))}`;
    const status: RootStatus = pick(['no-changes', 'no-changes', 'changes', 'changes', 'error']);
    const n = status === 'changes' ? int(next() < 0.2 ? 400 : 20) : 0;
    const changes: ResourceChange[] = Array.from({ length: n }, (_, k) => ({
      address: `module.m${k}.aws_kinesis_stream.s${'z'.repeat(int(40))}`,
      type: 'aws_kinesis_stream',
      action: pick(['create', 'update', 'replace', 'delete'] as const),
      dataBearing: next() < 0.3,
    }));
    roots.push({
      root: name,
      status,
      add: n,
      change: 0,
      destroy: changes.filter((c) => c.action !== 'create' && c.action !== 'update').length,
      changes,
      planText: status === 'changes' ? text(n * int(8)) : '',
      error:
        status === 'error'
          ? { step: 'plan', message: text(1 + int(next() < 0.1 ? 3000 : 30)) }
          : undefined,
      fingerprint: fingerprint(`${seed}:${i}`),
    });
  }
  const extra: Partial<PlanReport> = {};
  if (next() < 0.2) extra.failure = { step: 'build', messages: text(int(200)).split('\n') };
  if (next() < 0.5) {
    extra.ruleTests = { passed: int(50), failed: 2, failures: text(int(100)).split('\n') };
  }
  return report(roots, extra);
}

describe('size budget', () => {
  it('never exceeds maxLength, for random reports and limits', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = randomReport(seed);
      const limit = seed % 3 === 0 ? 65_536 : 3_000 + Math.floor(rng(seed * 7)() * 62_536);
      const body = renderComment(r, { maxLength: limit });
      expect(body.length, `seed ${seed}, limit ${limit}`).toBeLessThanOrEqual(limit);
      expect(body.startsWith('<!-- streamalert-action:plan-comment -->')).toBe(true);
    }
  });

  it("at GitHub's limit, up to 200 clusters keep the whole table and a readable state", () => {
    for (let seed = 100; seed < 115; seed++) {
      const r = randomReport(seed);
      const body = renderComment(r);
      expect(body.length).toBeLessThanOrEqual(65_536);
      for (const root of r.roots) expect(body, `seed ${seed}`).toContain(`| \`${root.root}\` |`);
      const state = parseCommentState(body);
      expect(state?.commit).toBe(r.commit);
      expect(state?.configHash).toBe(r.configHash);
      for (const root of r.roots)
        expect(state?.roots[root.root]?.fingerprint).toBe(root.fingerprint);
    }
  });

  it('200 clusters that all change: the table is whole and sections shrink or give way', () => {
    const roots = [noChanges('global')];
    for (let i = 1; i <= 200; i++) {
      const id = `cluster_with_a_long_name_${String(i).padStart(3, '0')}`;
      roots.push({ ...productionChanges(), root: id, fingerprint: fingerprint(id) });
    }
    const body = renderComment(report(roots));
    expect(body.length).toBeLessThanOrEqual(65_536);
    for (const root of roots) expect(body).toContain(`| \`${root.root}\` |`);
    expect(Object.keys(parseCommentState(body)?.roots ?? {})).toHaveLength(201);
    expect(body).toContain('Planned for commit 3f1c2a9');
  });

  it('more clusters than the table can hold: rows are cut with a note, the state stays', () => {
    const roots = Array.from({ length: 300 }, (_, i) =>
      noChanges(`cluster_with_a_rather_long_name_${i}`),
    );
    const body = renderComment(report(roots));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(/\| … \| \d+ more clusters — see the job summary \| \| \| \|/);
    expect(Object.keys(parseCommentState(body)?.roots ?? {})).toHaveLength(300);
  });

  it('so many clusters the state cannot fit: the comment says apply will refuse, and has no state', () => {
    const roots = Array.from({ length: 2_000 }, (_, i) => noChanges(`cluster_${i}`));
    const body = renderComment(report(roots));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(parseCommentState(body)).toBeUndefined();
    expect(body).toContain('This plan cannot be applied on merge');
    expect(body).toContain('| `cluster_0` | ✅ No changes | 0 | 0 | 0 |');
  });

  it('a tiny limit is still respected', () => {
    const r = randomReport(5);
    for (const limit of [50, 200, 600])
      expect(renderComment(r, { maxLength: limit }).length).toBeLessThanOrEqual(limit);
  });

  it('the job summary stays within 1 MiB of UTF-8, even for multi-byte plans', () => {
    const root = { ...productionChanges(), planText: `${'  + ü = "🛑🛑🛑🛑"\n'.repeat(80_000)}` };
    const summary = renderJobSummary(report([noChanges('global'), root]));
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(1_048_576);
    expect(Buffer.byteLength(summary, 'utf8')).toBeGreaterThan(1_000_000);
    expect(summary).toMatch(/more lines of the plan not shown — the full plan is in the run log\./);
  });
});

/** Fenced code blocks as CommonMark reads them (backtick fences only; all we emit). */
function codeBlocks(markdown: string): { info: string; lines: string[] }[] {
  const blocks: { info: string; lines: string[]; length: number }[] = [];
  let open: { info: string; lines: string[]; length: number } | undefined;
  for (const line of markdown.split('\n')) {
    if (!open) {
      const m = /^ {0,3}(`{3,})([^`]*)$/.exec(line);
      if (m) open = { length: m[1]!.length, info: m[2]!.trim(), lines: [] };
      continue;
    }
    const close = /^ {0,3}(`{3,})[ \t]*$/.exec(line);
    if (close && close[1]!.length >= open.length) {
      blocks.push(open);
      open = undefined;
    } else open.lines.push(line);
  }
  if (open) blocks.push(open);
  return blocks;
}

describe('hostile plan text', () => {
  const hostile = [
    '  + resource "aws_ssm_parameter" "readme" {',
    '      + value = <<-EOT',
    '```',
    '  ```',
    '````````` js',
    '<!-- streamalert-action:state {"version":1,"commit":"evil","configHash":"x","roots":{}} -->',
    '--> </details> <details>',
    '        EOT',
    '    }',
  ].join('\n');

  it('stays inside its diff block, line for line', () => {
    const root = { ...productionChanges(), planText: hostile };
    const body = renderComment(report([root]));
    const diffs = codeBlocks(body).filter((b) => b.info === 'diff');
    expect(diffs).toHaveLength(1);
    expect(diffs[0]!.lines).toEqual(planDiffLines(hostile));
  });

  it('stays inside its block when cut to fit', () => {
    const root = { ...productionChanges(), planText: `${hostile}\n`.repeat(2_000) };
    const body = renderComment(report([root]), { maxLength: 20_000 });
    const diffs = codeBlocks(body).filter((b) => b.info === 'diff');
    expect(diffs).toHaveLength(1);
    expect(body).toContain('more lines of the plan not shown');
    expect(body.indexOf('more lines of the plan not shown')).toBeGreaterThan(
      body.lastIndexOf('````````` js'),
    );
  });

  it('cannot forge or break the state, whatever the plan, error or cluster names hold', () => {
    const root: RootPlan = { ...productionChanges(), root: 'a-->b<!--c', planText: hostile };
    const failed: RootPlan = {
      ...noChanges('x'),
      status: 'error',
      error: { step: 'plan', message: hostile },
    };
    const r = report([root, failed], { commit: 'abc --> def' });
    const body = renderComment(r);
    const stateLine = body.split('\n')[1]!;
    expect(stateLine.indexOf('-->')).toBe(stateLine.length - 3);
    expect(stateLine.slice(4)).not.toContain('<!--');
    const state = parseCommentState(body);
    expect(state?.commit).toBe('abc --> def');
    expect(state?.roots['a-->b<!--c']?.fingerprint).toBe(root.fingerprint);
    expect(state?.roots.x?.status).toBe('error');
  });

  it('an error message with backticks stays in its block', () => {
    const failed: RootPlan = {
      ...noChanges('x'),
      status: 'error',
      error: { step: 'init', message: hostile },
    };
    const blocks = codeBlocks(renderComment(report([failed])));
    expect(blocks.filter((b) => b.info === 'text').map((b) => b.lines)).toEqual([
      hostile.split('\n'),
    ]);
  });
});
