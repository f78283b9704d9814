/**
 * Small functions keep their young generation at its first size (memory over CPU); larger
 * ones, and processes outside Lambda, keep V8's default. The memory effect itself is
 * measured by bench/formats (peak RSS of a 6 MB flow-log batch), not asserted here.
 */
import { setFlagsFromString } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { keepYoungGenerationSmall } from '../../src/processors/shared/young-generation.js';

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
});
