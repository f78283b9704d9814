/**
 * The all-outputs fixture (one rule routed to every alert output service) plans cleanly,
 * as its workflow would on a pull request: validate every conf file, render (its AWS
 * outputs go into the alert processor's IAM policy), build the zips with its rules, run
 * its rule fixtures, then init and plan every root against moto, each root costed.
 * The examples are planned, applied and run by the demo tests (test/demo/demo.test.ts,
 * test/moto/multi-region-apply.test.ts), which check their plans the same way.
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build.js';
import { planCommand } from '../../src/commands/plan.js';
import { testCommand } from '../../src/commands/test.js';
import { renderComment } from '../../src/report/comment.js';
import { clientConfig } from '../support/aws.js';
import { REPO_ROOT, tempDir } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import { createNamedResources } from '../support/prerequisites.js';
import { processorBundles } from '../support/processor-bundles.js';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => moto?.stop());

const source = path.join(REPO_ROOT, 'test', 'fixtures', 'all-outputs');

describe('the all-outputs fixture', () => {
  it(
    'plans every root without an error, its fixtures passing',
    { timeout: 1_200_000 },
    async () => {
      const work = tempDir(`plan-${path.basename(source)}`);
      cpSync(source, work, { recursive: true });
      const global = JSON.parse(readFileSync(path.join(work, 'conf', 'global.json'), 'utf8'));
      await new S3Client(clientConfig(moto, global.account.region)).send(
        new CreateBucketCommand({
          Bucket: global.terraform.tfstate_bucket,
          ...(global.account.region === 'us-east-1'
            ? {}
            : { CreateBucketConfiguration: { LocationConstraint: global.account.region } }),
        }),
      );
      // The VPCs, buckets and topics its clusters name: plans look them up.
      await createNamedResources(moto, path.join(work, 'conf'));
      const paths = {
        configDir: path.join(work, 'conf'),
        rulesDir: path.join(work, 'rules'),
        fixturesDir: path.join(work, 'tests', 'rules'),
        bundlesDir: processorBundles(),
      };
      const { report } = await planCommand({
        configDir: paths.configDir,
        render: {
          outDir: path.join(work, 'terraform'),
          buildDir: path.join(work, 'build'),
          awsEndpoint: moto.endpoint,
        },
        only: [],
        runner: {
          binary: 'terraform',
          env: moto.env,
          backendConfig: [],
          parallelism: 2,
          mask: (t) => t,
        },
        commit: 'c0ffee',
        build: async () => {
          await buildCommand({ ...paths, outDir: path.join(work, 'build') });
        },
        ruleTests: existsSync(paths.fixturesDir)
          ? async () => {
              const r = await testCommand(paths);
              return {
                passed: r.summary.passed,
                failed: r.summary.failed + r.problems.length,
                failures: r.problems,
              };
            }
          : undefined,
      });
      expect(report.failure).toBeUndefined();
      expect(report.ruleTests?.failed ?? 0).toBe(0);
      expect(report.roots.map((r) => [r.root, r.status, r.error?.message])).toEqual(
        report.roots.map((r) => [r.root, 'changes', undefined]),
      );
      expect(report.roots.length).toBeGreaterThanOrEqual(2);
      // Findings and cost (issue 13): every root is analysed and costed; the comment shows both.
      for (const r of report.roots) {
        expect(r.findings, r.root).toBeDefined();
        expect(r.cost, r.root).toBeDefined();
        if (r.root !== 'global') expect(r.cost!.after, r.root).toBeGreaterThan(0);
      }
      const comment = renderComment(report);
      expect(comment).toContain('**Findings:**');
      expect(comment).toContain('💰 **Monthly cost**');
    },
  );
});
