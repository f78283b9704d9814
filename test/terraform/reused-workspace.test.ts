/**
 * A self-hosted runner without a clean checkout keeps each root's .terraform/, which
 * remembers the backend of an earlier run (issue 21, item 4). The real Terraform, a root on
 * the local backend whose `path` comes from -backend-config like a bucket or endpoint would.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { planRoots, type RunnerOptions } from '../../src/terraform/runner.js';
import { tempDir } from '../support/conf.js';
import { terraformOk } from '../support/terraform.js';

const options = (backendConfig: string[]): RunnerOptions => ({
  binary: 'terraform',
  env: {},
  backendConfig,
  parallelism: 1,
  mask: (t) => t,
});

function tree(): string {
  const dir = tempDir('reused-workspace');
  mkdirSync(path.join(dir, 'alpha'));
  writeFileSync(
    path.join(dir, 'alpha', 'main.tf'),
    'terraform {\n  backend "local" {}\n}\n\nresource "terraform_data" "marker" {\n  input = "one"\n}\n',
  );
  return dir;
}

it('plans again after the rendered backend changed, without migrating anything', async () => {
  const dir = tree();
  const [before] = await planRoots(options(['path=first.tfstate']), dir, ['alpha']);
  expect(before!.error).toBeUndefined();
  expect(before!.add).toBe(1);
  const [after] = await planRoots(options(['path=second.tfstate']), dir, ['alpha']);
  expect(after!.error).toBeUndefined();
  expect(after!.add).toBe(1);
  // .terraform/ now names the second backend: Terraform itself plans without re-init.
  await terraformOk(['plan', '-input=false', '-no-color'], path.join(dir, 'alpha'));
}, 120_000);

it('refuses to forget a root whose local state file holds resources', async () => {
  const dir = tree();
  await planRoots(options(['path=first.tfstate']), dir, ['alpha']);
  // An interrupted first deployment: state only in the root's own terraform.tfstate.
  writeFileSync(path.join(dir, 'alpha', 'terraform.tfstate'), '{"version": 4, "serial": 1}\n');
  const [after] = await planRoots(options(['path=second.tfstate']), dir, ['alpha']);
  expect(after!.status).toBe('error');
  expect(after!.error!.step).toBe('init');
  expect(after!.error!.message).toContain(
    `${path.join(dir, 'alpha', 'terraform.tfstate')} holds state and the rendered backend changed`,
  );
  expect(after!.error!.message).toContain('Backend configuration changed');
}, 120_000);
