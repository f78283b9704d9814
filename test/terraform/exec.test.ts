/**
 * The garbage-collector setting Terraform and the AWS provider run with: a larger GOGC
 * where the machine has the memory for it, the smaller one on small machines, and the
 * user's own GOGC always wins. The child here is a shell script standing in for the
 * binary: what is checked is the environment it is started with.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { defaultGogc, runTerraform } from '../../src/terraform/exec.js';
import { tempDir } from '../support/conf.js';

const GiB = 1024 ** 3;

it('takes GOGC=800 with at least 1.5 GiB per CPU, 400 below', () => {
  expect(defaultGogc(7 * GiB, 2)).toBe('800'); // a hosted 2-core runner
  expect(defaultGogc(16 * GiB, 4)).toBe('800'); // a hosted 4-core runner
  expect(defaultGogc(5 * GiB, 4)).toBe('400');
  expect(defaultGogc(1.5 * GiB, 1)).toBe('800');
  expect(defaultGogc(1.5 * GiB - 1, 1)).toBe('400');
});

/** A "terraform" that prints the GOGC it was started with. */
function printingGogc(): string {
  const file = path.join(tempDir('gogc'), 'terraform');
  writeFileSync(file, '#!/bin/sh\nprintf "%s" "${GOGC-unset}"\n');
  chmodSync(file, 0o755);
  return file;
}

const saved = process.env.GOGC;
afterEach(() => {
  if (saved === undefined) delete process.env.GOGC;
  else process.env.GOGC = saved;
});

it("starts Terraform with the default GOGC, or the user's own", async () => {
  const binary = printingGogc();
  delete process.env.GOGC;
  const byDefault = await runTerraform({ binary, env: {} }, [], path.dirname(binary));
  expect(byDefault.stdout).toBe(defaultGogc());

  process.env.GOGC = '150';
  const own = await runTerraform({ binary, env: {} }, [], path.dirname(binary));
  expect(own.stdout).toBe('150');
});
