/**
 * `plan` for N clusters against moto, compared with what a user would run by hand: a bare
 * sequential `terraform init && terraform plan` loop over the same rendered roots. Prints
 * wall times, the action's time as a ratio to the bare loop, Terraform runs per root, the
 * CPU seconds Terraform and the provider used on each side, the mean time per step and
 * peak memory (sum of the resident sizes of every Terraform and provider process alive at
 * once, sampled from /proc every 100 ms; moto is left out). Asserts nothing.
 *
 *   node --import ./bench/ts-loader.mjs bench/plan-clusters.ts [sizes, default 1,5,20] [parallelism, default CPUs]
 *
 * The bare loop gets the same environment (AWS endpoint, CLI configuration with the
 * plugin cache) but nothing the runner adds itself (GOGC). KEEP=1 keeps the scratch folder.
 *
 * Then the pull-request kinds with plan what changed (src/selection), each in a fresh tree
 * against a state bucket whose applied records say every root was applied as configured:
 * a pull request changing one cluster file, and one changing only the rules (a new
 * detection bundle: the rules ship apart from the zips), beside planning everything, and
 * planning that one cluster's root alone (the target: one-cluster PR <= 1.5x of it);
 * PR_KINDS=0 skips them.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { planCommand } from '../src/commands/plan.js';
import { loadConfig } from '../src/config/load.js';
import { renderTree } from '../src/render/render.js';
import { writeTree } from '../src/render/write-tree.js';
import { startMoto } from '../test/support/moto.js';
import { clientConfig } from '../test/support/aws.js';
import { seedCluster, seedGlobal, writeConf } from '../test/support/conf.js';
import { writeTerraformCliConfig } from '../test/support/terraform.js';
import { writeStandInZips } from '../test/support/zips.js';
import { rootInputs } from '../src/selection/inputs.js';
import type { StateStoreFactory } from '../src/state/store.js';

/** A bucket where every root has state and was last applied with the inputs `applied` gives. */
function appliedBucket(roots: string[], applied: ReadonlyMap<string, string>): StateStoreFactory {
  return () => ({
    bucketExists: async () => true,
    stateRoots: async () => roots,
    readState: async () => '{"version":4,"resources":[]}',
    removeState: async () => undefined,
    readApplied: async (root) =>
      applied.has(root) ? { inputs: applied.get(root)!, commit: 'main' } : undefined,
    writeApplied: async () => undefined,
    removeApplied: async () => undefined,
  });
}

const sizes = (process.argv[2] ?? '1,5,20').split(',').map(Number);
const cpus = availableParallelism();
const parallelism = Number(process.argv[3] ?? cpus);
const scratch = mkdtempSync(path.join(tmpdir(), 'streamalert-bench-'));
process.env.TF_CLI_CONFIG_FILE = writeTerraformCliConfig(scratch);

/** Resident memory (bytes) of every descendant of this process except moto, sampled until stopped; returns the peak sum. */
function sampleMemory(): () => number {
  const pageSize = 4096;
  let peak = 0;
  const sample = (): void => {
    const parent = new Map<number, number>();
    const rss = new Map<number, number>();
    const skip = new Set<number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parent.set(pid, Number(fields[1]));
        rss.set(pid, Number(fields[21]) * pageSize);
        if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('moto')) skip.add(pid);
      } catch {
        // exited meanwhile
      }
    }
    let total = 0;
    for (const [pid, bytes] of rss) {
      if (pid === process.pid) continue;
      let p: number | undefined = pid;
      let mine = false;
      while (p && p > 1) {
        if (skip.has(p)) break;
        if (p === process.pid) {
          mine = true;
          break;
        }
        p = parent.get(p);
      }
      if (mine) total += bytes;
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 100);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * CPU seconds (user + system) of this process's finished children and their descendants:
 * Terraform and the provider it starts, reaped through the wrappers. A wall-time ratio on
 * a shared 2-core VM moves by ±0.1 between identical runs; the CPU each side spent moves
 * far less, and says whether a change made Terraform do less work.
 */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS;
}

/** A terraform that logs each call's command to `log`, then execs the real one. */
function countingTerraform(dir: string, log: string): string {
  const file = path.join(dir, 'terraform-counting');
  writeFileSync(
    file,
    `#!/bin/sh\ns=$(date +%s.%N)\nterraform "$@"\nrc=$?\necho "$1 $s $(date +%s.%N)" >> '${log}'\nexit $rc\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

function sh(script: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-4000)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} in ${cwd} exited ${code}: ${err}`)),
    );
  });
}

/** `init 2.1 s, plan 12.0 s, show 3.6 s` from the counting wrapper's `command start end` lines. */
function stepAverages(calls: string[]): string {
  const sums = new Map<string, { total: number; count: number }>();
  for (const call of calls) {
    const [command = '', start = '0', end = '0'] = call.split(' ');
    const sum = sums.get(command) ?? { total: 0, count: 0 };
    sum.total += Number(end) - Number(start);
    sum.count++;
    sums.set(command, sum);
  }
  return [...sums]
    .map(([command, { total, count }]) => `${command} ${(total / count).toFixed(1)} s`)
    .join(', ');
}

const steps: string[] = [];
const prRows: string[] = [];
const mb = (bytes: number): string => `${Math.round(bytes / 2 ** 20)}`;

const moto = await startMoto();
try {
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: 'acme.streamalert.terraform.state' }),
  );
  console.log(
    `plan against moto, ${cpus} CPUs, action parallelism ${parallelism}; bare = sequential "terraform init && terraform plan" per root`,
  );
  console.log(
    'clusters | bare loop s | action s | action/bare | runs/root | bare CPU s | action CPU s | CPU action/bare | bare peak MB | action peak MB',
  );
  for (const n of sizes) {
    const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(2, '0')}`);
    const clusters = Object.fromEntries(ids.map((id) => [id, { ...seedCluster(), id }]));
    const work = mkdtempSync(path.join(scratch, `n${n}-`));
    const conf = writeConf(seedGlobal(), clusters, work);
    mkdirSync(path.join(work, 'build'));
    writeStandInZips(path.join(work, 'build'));
    const log = path.join(work, 'calls.log');
    const out = path.join(work, 'action');

    // The bare loop runs on a copy of the rendered tree, so neither run reuses the other's
    // initialised roots; the render is done once (outside both timings).
    await writeTree(
      out,
      renderTree(await loadConfig(conf), {
        outDir: out,
        buildDir: path.join(work, 'build'),
        awsEndpoint: moto.endpoint,
      }),
    );
    const bareTree = path.join(work, 'bare');
    cpSync(out, bareTree, { recursive: true });

    let stop = sampleMemory();
    let cpu = childCpuSeconds();
    let start = process.hrtime.bigint();
    for (const id of ids)
      await sh(
        'terraform init -input=false -no-color >/dev/null && terraform plan -input=false -no-color >/dev/null',
        path.join(bareTree, id),
        moto.env,
      );
    const bare = Number(process.hrtime.bigint() - start) / 1e9;
    const barePeak = stop();
    const bareCpu = childCpuSeconds() - cpu;

    stop = sampleMemory();
    cpu = childCpuSeconds();
    start = process.hrtime.bigint();
    const { report } = await planCommand({
      configDir: conf,
      render: { outDir: out, buildDir: path.join(work, 'build'), awsEndpoint: moto.endpoint },
      only: ids,
      runner: {
        binary: countingTerraform(work, log),
        env: moto.env,
        backendConfig: [],
        parallelism,
        mask: (t) => t,
      },
      commit: 'bench',
    });
    const action = Number(process.hrtime.bigint() - start) / 1e9;
    const actionPeak = stop();
    const actionCpu = childCpuSeconds() - cpu;
    const failed = report.failure ?? report.roots.find((r) => r.status === 'error');
    if (failed) throw new Error(`plan failed: ${JSON.stringify(failed).slice(0, 500)}`);
    const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const runs = calls.length / n;
    steps.push(`${n} clusters: ${stepAverages(calls)}`);

    if (process.env.PR_KINDS !== '0') {
      const config = await loadConfig(conf);
      const renderOpts = {
        outDir: out,
        buildDir: path.join(work, 'build'),
        awsEndpoint: moto.endpoint,
      };
      const tree = renderTree(config, { ...renderOpts, removedRoots: [], globalStateRegions: [] });
      const applied = rootInputs(tree, path.join(work, 'build'), []);
      const bucket = appliedBucket(tree.roots, applied);
      const kind = async (label: string, change: () => void): Promise<void> => {
        change();
        const dir = path.join(work, label.replace(/\W+/g, '-'));
        const t0 = process.hrtime.bigint();
        const { report: r } = await planCommand({
          configDir: conf,
          render: { ...renderOpts, outDir: dir },
          only: [],
          runner: {
            binary: 'terraform',
            env: moto.env,
            backendConfig: [],
            parallelism,
            mask: (t) => t,
          },
          commit: 'bench',
          state: bucket,
        });
        const wall = Number(process.hrtime.bigint() - t0) / 1e9;
        const bad = r.failure ?? r.roots.find((x) => x.status === 'error');
        if (bad) throw new Error(`${label}: plan failed: ${JSON.stringify(bad).slice(0, 500)}`);
        prRows.push(
          `${String(n).padStart(8)} | ${label.padEnd(24)} | ${`${r.roots.length} of ${tree.roots.length}`.padStart(13)} | ${wall.toFixed(1).padStart(6)} | ${(wall / action).toFixed(2).padStart(18)}x`,
        );
      };
      await kind('one cluster file', () => {
        const cluster = { ...seedCluster(), id: ids[0]! } as unknown as {
          modules: { stream_alert: { rule_processor: { memory: number } } };
        };
        cluster.modules.stream_alert.rule_processor.memory = 512;
        writeConf(seedGlobal(), { ...clusters, [ids[0]!]: cluster }, work);
      });
      await kind('rules only (new bundle)', () => {
        writeConf(seedGlobal(), clusters, work);
        const bundle = JSON.parse(readFileSync(path.join(work, 'build', 'detection-bundle.json'), 'utf8'));
        bundle.files['rules/changed.mjs'] = Buffer.from(`export const changed = ${Date.now()};\n`).toString('base64');
        writeFileSync(path.join(work, 'build', 'detection-bundle.json'), `${JSON.stringify(bundle)}\n`);
      });
      // The yardstick of the one-cluster pull request: that root alone, planned by the action.
      {
        const dir = path.join(work, 'one-root-alone');
        const t0 = process.hrtime.bigint();
        const { report: r } = await planCommand({
          configDir: conf,
          render: { ...renderOpts, outDir: dir },
          only: [ids[0]!],
          runner: { binary: 'terraform', env: moto.env, backendConfig: [], parallelism, mask: (t) => t },
          commit: 'bench',
        });
        const wall = Number(process.hrtime.bigint() - t0) / 1e9;
        if (r.failure) throw new Error(`one root alone: ${r.failure}`);
        prRows.push(
          `${String(n).padStart(8)} | ${'(that cluster root alone)'.padEnd(24)} | ${`${r.roots.length} of ${tree.roots.length}`.padStart(13)} | ${wall.toFixed(1).padStart(6)} | ${(wall / action).toFixed(2).padStart(18)}x`,
        );
      }
    }

    console.log(
      `${String(n).padStart(8)} | ${bare.toFixed(1).padStart(11)} | ${action.toFixed(1).padStart(8)} | ${(action / bare).toFixed(2).padStart(10)}x | ${runs.toFixed(1).padStart(9)} | ${bareCpu.toFixed(0).padStart(10)} | ${actionCpu.toFixed(0).padStart(12)} | ${(actionCpu / bareCpu).toFixed(2).padStart(14)}x | ${mb(barePeak).padStart(12)} | ${mb(actionPeak).padStart(14)}`,
    );
  }
  console.log(
    `\naction, mean wall time per Terraform run (runs overlap: plans run ${parallelism} at a time, inits one at a time beside them)`,
  );
  for (const line of steps) console.log(line);
  if (prRows.length > 0) {
    console.log(
      '\npull-request kinds, plan what changed (fresh trees, same moto): roots planned and wall time against planning everything above',
    );
    console.log(
      'clusters | pull request             | roots planned | wall s | vs plan everything',
    );
    for (const line of prRows) console.log(line);
  }
} finally {
  await moto.stop();
  if (!process.env.KEEP) rmSync(scratch, { recursive: true, force: true });
}
