/**
 * The global root's provider configurations: one per region, the account's region being the
 * default provider (a second configuration for the same region costs two more AWS provider
 * starts per plan). Deployments whose global root was rendered with an alias for the
 * account's region as well (before 2026-12-07) plan no change with the new root: a resource
 * still in the configuration takes its provider from the configuration, not from the state.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { copyExample } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { terraform, terraformOk } from '../support/terraform.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
}, 60_000);
afterAll(async () => {
  await moto?.stop();
});

/** The example with its cluster moved to `clusterRegion` (the account's region is us-east-1). */
async function renderGlobal(clusterRegion: string): Promise<string> {
  const conf = copyExample('production');
  const clusterFile = path.join(conf, 'clusters', 'production.json');
  const cluster = JSON.parse(readFileSync(clusterFile, 'utf8'));
  cluster.region = clusterRegion;
  writeFileSync(clusterFile, JSON.stringify(cluster));
  const out = path.join(path.dirname(conf), 'terraform');
  await renderCommand(conf, { outDir: out, buildDir: 'build', awsEndpoint: moto.endpoint });
  return path.join(out, 'global');
}

const providerBlocks = (main: string): string[] =>
  [...main.matchAll(/^provider "aws" \{\n([\s\S]*?)^\}/gm)].map((m) =>
    (m[1] as string)
      .split('\n')
      .filter((l) => /^\s*(alias|region)\s*=/.test(l))
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .join(', '),
  );

describe('the global root’s providers', () => {
  it('has one provider configuration per region, the account’s the default', async () => {
    const root = await renderGlobal('us-west-2');
    const main = readFileSync(path.join(root, 'main.tf'), 'utf8');
    expect(providerBlocks(main)).toEqual([
      'region = "us-east-1"',
      'alias = "us_west_2", region = "us-west-2"',
    ]);
    expect(main).toMatch(/module "monitoring_us_east_1" \{[^}]*aws = aws\n/);
    expect(main).toMatch(/module "monitoring_us_west_2" \{[^}]*aws = aws\.us_west_2\n/);
  });

  it(
    'plans no change for a deployment made with an alias for the account’s region',
    { timeout: 600_000 },
    async () => {
      const root = await renderGlobal('us-east-1');
      const main = readFileSync(path.join(root, 'main.tf'), 'utf8');
      expect(providerBlocks(main)).toEqual(['region = "us-east-1"']);
      // The root as an earlier version rendered it: the same region again, as an alias.
      const defaultProvider = /^provider "aws" \{\n[\s\S]*?^\}\n/m.exec(main)![0];
      const earlier = main
        .replace(
          defaultProvider,
          `${defaultProvider}\n${defaultProvider.replace('{\n', '{\n  alias  = "us_east_1"\n')}`,
        )
        .replace(/(module "monitoring_us_east_1" \{[^}]*aws = )aws\n/, '$1aws.us_east_1\n');
      expect(providerBlocks(earlier)).toEqual([
        'region = "us-east-1"',
        'alias = "us_east_1", region = "us-east-1"',
      ]);
      // State stays local and the state bucket is not this test's subject.
      writeFileSync(
        path.join(root, 'backend_override.tf'),
        'terraform {\n  backend "local" {}\n}\n',
      );
      writeFileSync(path.join(root, 'main.tf'), earlier);
      await terraformOk(['init', '-input=false', '-no-color'], root, moto.env);
      await terraformOk(
        [
          'apply',
          '-auto-approve',
          '-input=false',
          '-no-color',
          '-target=module.monitoring_us_east_1',
        ],
        root,
        moto.env,
      );
      const state = readFileSync(path.join(root, 'terraform.tfstate'), 'utf8');
      expect(state).toContain('provider[\\"registry.terraform.io/hashicorp/aws\\"].us_east_1');

      writeFileSync(path.join(root, 'main.tf'), main);
      const plan = await terraform(
        [
          'plan',
          '-input=false',
          '-no-color',
          '-detailed-exitcode',
          '-target=module.monitoring_us_east_1',
        ],
        root,
        moto.env,
      );
      // 0: no changes (2 would be changes, 1 an error such as a missing provider configuration).
      expect(plan.code, `${plan.stdout}\n${plan.stderr}`).toBe(0);
    },
  );
});
