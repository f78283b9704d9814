/**
 * Small functions keep their young generation at its first size (memory over CPU); larger
 * ones, and processes outside Lambda, keep V8's default. The setting is checked for its
 * effect in a process of its own (V8's new space under churn of live objects, as a batch
 * makes it); the peak memory of a real batch is measured by bench/formats, not asserted here.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { keepYoungGenerationSmall } from '../../src/processors/shared/young-generation.js';
import { REPO_ROOT } from '../support/conf.js';

/**
 * A fresh process that applies the setting for `memory` (AWS_LAMBDA_FUNCTION_MEMORY_SIZE),
 * then keeps ~100,000 small objects alive while replacing them (each survives a few
 * scavenges): new space's size before and after.
 */
function newSpaceUnderChurn(memory: string): { applied: boolean; before: number; after: number } {
  const source = pathToFileURL(
    path.join(REPO_ROOT, 'src', 'processors', 'shared', 'young-generation.ts'),
  ).href;
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    import { keepYoungGenerationSmall } from ${JSON.stringify(source)};
    const size = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const applied = keepYoungGenerationSmall(process.env);
    const before = size();
    const ring = new Array(100_000);
    for (let i = 0; i < 3_000_000; i++) ring[i % ring.length] = { i, s: 'x' + i };
    console.log(JSON.stringify({ applied, before, after: size() }));`;
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(path.join(REPO_ROOT, 'bench', 'ts-loader.mjs')).href,
      '--input-type=module',
      '-e',
      script,
    ],
    { env: { ...process.env, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory }, encoding: 'utf8' },
  );
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout.trim().split('\n').pop()!);
}

describe('keepYoungGenerationSmall', () => {
  // The unit tier shares one process per worker: V8's default growth factor is put back.
  afterEach(() => setFlagsFromString('--semi-space-growth-factor=2'));

  it('applies to functions of 256 MB or less', () => {
    expect(keepYoungGenerationSmall({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128' })).toBe(true);
    expect(keepYoungGenerationSmall({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' })).toBe(true);
  });

  it('leaves larger functions and processes outside Lambda alone', () => {
    expect(keepYoungGenerationSmall({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' })).toBe(false);
    expect(keepYoungGenerationSmall({})).toBe(false);
    expect(keepYoungGenerationSmall({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: 'lots' })).toBe(false);
  });

  it('keeps new space from growing under churn where it applies, and only there', () => {
    const small = newSpaceUnderChurn('128');
    const large = newSpaceUnderChurn('512');
    expect(small.applied).toBe(true);
    expect(large.applied).toBe(false);
    // V8's default doubles the semi-spaces as live objects survive (1 MB to 32 MB here);
    // set after start, the growth factor of 1 still holds them near their first size.
    expect(large.after).toBeGreaterThanOrEqual(8 * large.before);
    expect(small.after).toBeLessThanOrEqual(2 * small.before);
  });
});
