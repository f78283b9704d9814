/**
 * Planning clusters in parallel gives the same report as planning them one by one. Two
 * clusters in two regions planned at once interleave; each root planned costs four starts
 * of the AWS provider, so every cluster added here is seconds of CPU for the whole gate (a
 * third cluster cost 20 CPU seconds and found nothing two do not).
 */
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { planCommand } from '../../src/commands/plan.js';
import type { RunnerOptions } from '../../src/terraform/runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { writeStandInZips } from '../support/zips.js';

const CLUSTERS = ['alpha', 'bravo'];

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: 'acme.streamalert.terraform.state' }),
  );
});
afterAll(async () => moto?.stop());

it('reports the same plans for parallelism 1 and 2', { timeout: 900_000 }, async () => {
  const clusters = Object.fromEntries(
    CLUSTERS.map((id, i) => {
      const c = seedCluster() as {
        id: string;
        region: string;
        modules: { kinesis: { streams: { shards: number } } };
      };
      c.id = id;
      c.region = i % 2 ? 'us-east-1' : 'eu-west-1';
      c.modules.kinesis.streams.shards = i + 1;
      return [id, c];
    }),
  );
  const work = tempDir('parallel');
  const conf = writeConf(seedGlobal(), clusters, work);
  mkdirSync(path.join(work, 'build'));
  writeStandInZips(path.join(work, 'build'));
  const plan = async (parallelism: number, out: string) => {
    const runner: RunnerOptions = {
      binary: 'terraform',
      env: moto.env,
      backendConfig: [],
      parallelism,
      mask: (t) => t,
    };
    const { report } = await planCommand({
      configDir: conf,
      render: {
        outDir: path.join(work, out),
        buildDir: path.join(work, 'build'),
        awsEndpoint: moto.endpoint,
      },
      only: CLUSTERS,
      runner,
      commit: 'c0ffee',
    });
    return report;
  };
  const sequential = await plan(1, 'terraform');
  const parallel = await plan(2, 'terraform');
  expect(sequential.roots.map((r) => [r.root, r.status, r.error?.message])).toEqual(
    CLUSTERS.map((id) => [id, 'changes', undefined]),
  );
  expect(parallel).toEqual(sequential);
});
