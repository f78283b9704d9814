/**
 * Wall time of `plan` for 1, 5 and 20 clusters against moto, sequential (parallelism 1)
 * versus parallel (parallelism = CPUs). Prints figures; asserts nothing.
 *
 *   node --import ./bench/ts-loader.mjs bench/plan-clusters.ts [sizes, default 1,5,20]
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { planCommand } from '../src/commands/plan.js';
import { startMoto } from '../test/support/moto.js';
import { clientConfig } from '../test/support/aws.js';
import { seedCluster, seedGlobal, writeConf } from '../test/support/conf.js';
import { writeTerraformCliConfig } from '../test/support/terraform.js';
import { writeStandInZips } from '../test/support/zips.js';

const sizes = (process.argv[2] ?? '1,5,20').split(',').map(Number);
const cpus = availableParallelism();
const scratch = mkdtempSync(path.join(tmpdir(), 'streamalert-bench-'));
process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(scratch);

const moto = await startMoto();
try {
  await new S3Client(clientConfig(moto, 'us-east-1')).send(new CreateBucketCommand({ Bucket: 'acme.streamalert.terraform.state' }));
  console.log(`plan wall time against moto (${cpus} CPUs)`);
  console.log('clusters | sequential s | parallel s | speed-up');
  for (const n of sizes) {
    const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const clusters = Object.fromEntries(ids.map((id) => [id, { ...seedCluster(), id }]));
    const work = mkdtempSync(path.join(scratch, `n${n}-`));
    const conf = writeConf(seedGlobal(), clusters, work);
    mkdirSync(path.join(work, 'build'));
    writeStandInZips(path.join(work, 'build'));
    const time = async (parallelism: number, out: string): Promise<number> => {
      const start = process.hrtime.bigint();
      const { report } = await planCommand({
        configDir: conf,
        render: { outDir: path.join(work, out), buildDir: path.join(work, 'build'), awsEndpoint: moto.endpoint },
        only: ids,
        runner: { binary: 'terraform', env: moto.env, backendConfig: [], parallelism, mask: (t) => t },
        commit: 'bench',
      });
      const failed = report.failure ?? report.roots.find((r) => r.status === 'error');
      if (failed) throw new Error(`plan failed: ${JSON.stringify(failed).slice(0, 500)}`);
      return Number(process.hrtime.bigint() - start) / 1e9;
    };
    // Separate trees, so neither run benefits from the other's initialised roots.
    const sequential = await time(1, 'seq');
    const parallel = await time(cpus, 'par');
    console.log(`${String(n).padStart(8)} | ${sequential.toFixed(1).padStart(12)} | ${parallel.toFixed(1).padStart(10)} | ${(sequential / parallel).toFixed(2)}x`);
  }
} finally {
  await moto.stop();
  rmSync(scratch, { recursive: true, force: true });
}
