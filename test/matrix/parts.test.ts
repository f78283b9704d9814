/**
 * A matrix plan's report parts: written per job, checked (one commit, one configuration,
 * each root once) and merged into the one report; a root no part planned stays visible.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planFailure } from '../../src/door-kit/plan-outcome.js';
import {
  mergeParts,
  partFileName,
  readParts,
  writePart,
  type MergeContext,
} from '../../src/matrix/parts.js';
import { splitRoots } from '../../src/commands/roots.js';
import { parseCommentState, renderComment } from '../../src/report/comment.js';
import { tempDir } from '../support/conf.js';
import {
  COMMIT,
  CONFIG_HASH,
  kinesisDestroy,
  noChanges,
  planError,
  productionChanges,
  report,
  RUN_URL,
} from '../report/fixtures.js';

const ROOTS = ['global', 'production', 'staging'];
const ctx: MergeContext = {
  commit: COMMIT,
  runUrl: RUN_URL,
  roots: ROOTS,
  configHash: CONFIG_HASH,
  clusterCount: 2,
};

async function partsDir(...parts: [string[], ReturnType<typeof report>][]): Promise<string> {
  const dir = tempDir('parts');
  for (const [clusters, r] of parts) await writePart(dir, clusters, r);
  return dir;
}

describe('report parts', () => {
  it('merges disjoint parts into one report whose comment state has every root', async () => {
    const dir = await partsDir(
      [['global'], report([noChanges('global')])],
      [['production', 'staging'], report([productionChanges(), kinesisDestroy('staging')])],
    );
    const parts = await readParts(dir);
    expect(parts.map((p) => path.basename(p.file))).toEqual([
      'plan-part-global.json',
      'plan-part-production+staging.json',
    ]);
    const merged = mergeParts(parts, ctx);
    expect(merged.roots.map((r) => r.root)).toEqual(ROOTS);
    expect(planFailure(merged)).toBeUndefined();
    const state = parseCommentState(renderComment(merged));
    expect(state?.commit).toBe(COMMIT);
    expect(state?.configHash).toBe(CONFIG_HASH);
    expect(Object.keys(state!.roots).sort()).toEqual(ROOTS);
    expect(state!.roots.production!.fingerprint).toBe(productionChanges().fingerprint);
  });

  it('keeps the backtest of the parts (each ran the same one) in the merged comment', async () => {
    const backtest = {
      base: 'b'.repeat(40),
      baseAvailable: true,
      fixtureRecords: 3,
      rules: [
        {
          rule: 'osquery_changes',
          file: 'osquery_changes.ts',
          status: 'changed' as const,
          fixtures: { before: 2, after: 3 },
          topKeys: [],
        },
      ],
      notes: [],
    };
    const dir = await partsDir(
      [['global'], { ...report([noChanges('global')]), backtest }],
      [['production', 'staging'], report([productionChanges(), kinesisDestroy('staging')])],
    );
    const merged = mergeParts(await readParts(dir), ctx);
    expect(merged.backtest).toEqual(backtest);
    expect(renderComment(merged)).toContain(
      '- `osquery_changes`: 2 -> 3 alerts over the fixtures (3 records)\n',
    );

    const bad = tempDir('parts');
    await writePart(bad, ['global'], {
      ...report([noChanges('global')]),
      backtest: { ...backtest, notes: 'none' as unknown as string[] },
    });
    await expect(readParts(bad)).rejects.toThrow(
      /plan-part-global\.json: \/report\/backtest: must have base, rules and notes/,
    );
  });

  it('finds parts in the sub-folders download-artifact makes without merge-multiple', async () => {
    const dir = tempDir('parts');
    await writePart(
      path.join(dir, 'streamalert-plan-0'),
      ['global'],
      report([noChanges('global')]),
    );
    await writePart(
      path.join(dir, 'streamalert-plan-1'),
      ['production', 'staging'],
      report([noChanges('production'), noChanges('staging')]),
    );
    expect(mergeParts(await readParts(dir), ctx).roots.map((r) => r.status)).toEqual([
      'no-changes',
      'no-changes',
      'no-changes',
    ]);
  });

  it('refuses parts that cover a root twice, naming both files', async () => {
    const dir = await partsDir(
      [['global', 'production'], report([noChanges('global'), noChanges('production')])],
      [['production', 'staging'], report([productionChanges(), noChanges('staging')])],
    );
    const parts = await readParts(dir);
    expect(() => mergeParts(parts, ctx)).toThrow(
      /plan-part-global\+production\.json and .*plan-part-production\+staging\.json both cover production/,
    );
  });

  it('refuses parts of another commit, naming each such file and its commit', async () => {
    const old = 'b'.repeat(40);
    const dir = await partsDir(
      [['global'], report([noChanges('global')])],
      [['production', 'staging'], report([noChanges('production')], { commit: old })],
    );
    const parts = await readParts(dir);
    expect(() => mergeParts(parts, ctx)).toThrow(
      new RegExp(
        `another commit than ${COMMIT}: \\S*plan-part-production\\+staging\\.json \\(${old}\\)`,
      ),
    );
    expect(() => mergeParts(parts, ctx)).not.toThrow(/plan-part-global/);
  });

  it('refuses parts rendered from another configuration', async () => {
    const dir = await partsDir([[], report(ROOTS.map(noChanges), { configHash: 'f'.repeat(64) })]);
    await expect(readParts(dir).then((p) => mergeParts(p, ctx))).rejects.toThrow(
      /plan-part-all\.json \(ffffffffffff\).*same config-dir/,
    );
  });

  it('refuses a part with an empty or missing config hash like one of another configuration', async () => {
    // A forged part: every root "no changes", and no hash to compare.
    const empty = await partsDir([[], report(ROOTS.map(noChanges), { configHash: '' })]);
    await expect(readParts(empty).then((p) => mergeParts(p, ctx))).rejects.toThrow(
      /another configuration.*plan-part-all\.json \(no config hash\).*same config-dir/,
    );
    const missing = tempDir('parts');
    await writePart(missing, [], report(ROOTS.map(noChanges)));
    const file = path.join(missing, partFileName([]));
    const part = JSON.parse(readFileSync(file, 'utf8')) as { report: Record<string, unknown> };
    delete part.report.configHash;
    writeFileSync(file, JSON.stringify(part));
    await expect(readParts(missing).then((p) => mergeParts(p, ctx))).rejects.toThrow(
      /another configuration.*plan-part-all\.json \(no config hash\)/,
    );
  });

  it('accepts no config hash from a part that stopped before rendering and plans nothing', async () => {
    const dir = await partsDir(
      [['global'], report([noChanges('global')])],
      [
        ['production', 'staging'],
        report([], {
          configHash: '',
          failure: { step: 'validate', messages: ['conf/clusters/staging.json: bad'] },
        }),
      ],
    );
    const merged = mergeParts(await readParts(dir), ctx);
    expect(merged.failure).toEqual({
      step: 'validate',
      messages: ['conf/clusters/staging.json: bad'],
    });
    // It planned nothing, so a root of it is never "no changes".
    expect(merged.roots.find((r) => r.root === 'staging')?.status).toBe('error');
  });

  it('keeps the roots a job left out as unchanged: listed, neither planned nor missing', async () => {
    const since = 'ab'.repeat(20);
    const dir = await partsDir(
      [['global'], { ...report([]), unchanged: [{ root: 'global', since }] }],
      [
        ['production', 'staging'],
        // A job's unchanged entry for a root it does not cover is not its to give.
        {
          ...report([productionChanges()]),
          unchanged: [
            { root: 'staging', since },
            { root: 'global', since: 'cd'.repeat(20) },
          ],
        },
      ],
    );
    const merged = mergeParts(await readParts(dir), ctx);
    expect(merged.roots.map((r) => r.root)).toEqual(['production']);
    expect(merged.unchanged).toEqual([
      { root: 'global', since },
      { root: 'staging', since },
    ]);
    expect(planFailure(merged)).toBeUndefined();
    expect(renderComment(merged)).toContain('| `staging` | ⏭️ Unchanged since ababab');
    const bad = await partsDir([
      ['global'],
      { ...report([]), unchanged: [{ root: 'global' }] },
    ] as never);
    await expect(readParts(bad)).rejects.toThrow(
      /\/report\/unchanged\/0: must have a root and a since/,
    );
  });

  it('shows a root whose part never arrived as failed, so the run fails and apply refuses it', async () => {
    const dir = await partsDir(
      [['global'], report([noChanges('global')])],
      [['production'], report([productionChanges()])],
    );
    const merged = mergeParts(await readParts(dir), ctx);
    const staging = merged.roots.find((r) => r.root === 'staging');
    expect(staging?.status).toBe('error');
    expect(planFailure(merged)).toMatch(/staging/);
    const comment = renderComment(merged);
    expect(comment).toContain('No plan for staging: no report part covers it');
    expect(comment).toMatch(/\| `staging` \| ❌/);
    // No fingerprint to match: apply on merge refuses the root rather than applying blind.
    expect(parseCommentState(comment)!.roots.staging).toMatchObject({
      status: 'error',
      fingerprint: '',
    });
  });

  it('fails when a part failed: its pipeline failure and its roots are in the merged report', async () => {
    const dir = await partsDir(
      [['global'], report([noChanges('global')])],
      [['production'], report([planError('production')])],
      [
        ['staging'],
        report([], {
          failure: { step: 'build', messages: ['rules/bad.ts: Expected ";" but found "}"'] },
        }),
      ],
    );
    const merged = mergeParts(await readParts(dir), ctx);
    expect(merged.failure).toEqual({
      step: 'build',
      messages: ['rules/bad.ts: Expected ";" but found "}"'],
    });
    expect(merged.roots.map((r) => [r.root, r.status])).toEqual([
      ['global', 'no-changes'],
      ['production', 'error'],
      ['staging', 'error'],
    ]);
    expect(merged.roots[2]!.error?.message).toMatch(
      /plan-part-staging\.json has none .*stopped at build/,
    );
    const comment = renderComment(merged);
    expect(comment).toContain('Expected ";" but found "}"');
    expect(comment).toContain('A Kinesis stream needs at least one shard.');
    expect(planFailure(merged)).toMatch(/^build failed/);
  });

  it('names the file and the place of a bad part', async () => {
    const dir = tempDir('parts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'plan-part-global.json'), '{"kind": ');
    await expect(readParts(dir)).rejects.toThrow(/plan-part-global\.json: not valid JSON/);

    const part = {
      kind: 'streamalert-plan-part',
      version: 1,
      clusters: ['global'],
      report: report([noChanges('global')]),
    };
    writeFileSync(path.join(dir, 'plan-part-global.json'), JSON.stringify({ ...part, version: 2 }));
    await expect(readParts(dir)).rejects.toThrow(
      /plan-part-global\.json: \/version: is 2; this action reads version 1/,
    );

    const broken = structuredClone(part) as { report: { roots: { add: unknown }[] } };
    broken.report.roots[0]!.add = -1;
    writeFileSync(path.join(dir, 'plan-part-global.json'), JSON.stringify(broken));
    await expect(readParts(dir)).rejects.toThrow(
      /plan-part-global\.json: \/report\/roots\/0\/add: must be a whole number >= 0/,
    );
  });

  it('says when the folder holds no parts', async () => {
    await expect(readParts(tempDir('parts'))).rejects.toThrow(/no report parts/);
    await expect(readParts('/nonexistent/parts')).rejects.toThrow(/does not exist/);
  });

  it('names a part by its roots, and a long list by its ends and a hash', () => {
    expect(partFileName(['global', 'production'])).toBe('plan-part-global+production.json');
    const many = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const name = partFileName(many);
    expect(name).toMatch(/^plan-part-c0-to-c199-200-roots-[0-9a-f]{12}\.json$/);
    expect(partFileName([...many.slice(0, 199), 'x'])).not.toBe(name);
  });
});

describe('splitting roots over matrix jobs', () => {
  it('makes contiguous groups that differ by at most one root and cover each root once', () => {
    const roots = ['global', ...Array.from({ length: 9 }, (_, i) => `c${i}`)];
    const groups = splitRoots(roots, 3);
    expect(groups.map((g) => g.length)).toEqual([4, 3, 3]);
    expect(groups.flat()).toEqual(roots);
    expect(splitRoots(['global', 'a'], 5)).toEqual([['global'], ['a']]);
  });
});
