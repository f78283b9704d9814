/**
 * Roots planned for real (Terraform and the AWS provider against moto): each with at most
 * three Terraform runs (init, plan -out, show -json), counted through a wrapper passed as
 * the Terraform binary (the CLI's --terraform-binary); planned side by side, each root's
 * report its own (the runner's ordering of inits and plans is unit-tested against a scripted
 * Terraform in plan-roots.test.ts); and a broken root still says which step failed, with
 * Terraform's own message. Two clusters in two regions planned at once interleave; each
 * root planned costs four starts of the AWS provider, so every root added here is seconds
 * of CPU for the whole gate.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { planCommand } from '../../src/commands/plan.js';
import { planRoots, type RunnerOptions } from '../../src/terraform/runner.js';
import { startMoto, type Moto } from '../support/moto.js';
import { clientConfig } from '../support/aws.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { writeStandInZips } from '../support/zips.js';

const CLUSTERS = ['alpha', 'bravo'];

let moto: Moto;
let work: string;
let log: string;

beforeAll(async () => {
  moto = await startMoto();
  await new S3Client(clientConfig(moto, 'us-east-1')).send(
    new CreateBucketCommand({ Bucket: 'acme.streamalert.terraform.state' }),
  );
  work = tempDir('plan-roots');
  log = path.join(work, 'terraform.log');
});
afterAll(async () => moto?.stop());

/** A terraform that appends `<root folder> <argv...>` to `log`, then execs the real one. */
function wrapper(dir: string, into: string): string {
  const real = execFileSync('sh', ['-c', 'command -v terraform']).toString().trim();
  const file = path.join(dir, 'terraform-counting');
  writeFileSync(
    file,
    `#!/bin/sh\nprintf '%s %s\\n' "$(basename "$PWD")" "$*" >> '${into}'\nexec '${real}' "$@"\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

/** Terraform commands (first argument) per root folder, in call order. */
function callsByRoot(): Record<string, string[]> {
  const calls: Record<string, string[]> = {};
  if (!existsSync(log)) return calls;
  for (const line of readFileSync(log, 'utf8').split('\n').filter(Boolean)) {
    const [root = '', command = ''] = line.split(' ');
    (calls[root] ??= []).push(command);
  }
  return calls;
}

const runner = (parallelism: number): RunnerOptions => ({
  binary: wrapper(work, log),
  env: moto.env,
  backendConfig: [],
  parallelism,
  mask: (t) => t,
});

it(
  'plans each root with exactly init, plan and show, side by side, each root its own report',
  { timeout: 900_000 },
  async () => {
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
    const conf = writeConf(seedGlobal(), clusters, work);
    mkdirSync(path.join(work, 'build'));
    writeStandInZips(path.join(work, 'build'));
    const plan = async (parallelism: number) => {
      writeFileSync(log, '');
      const { report } = await planCommand({
        configDir: conf,
        render: {
          outDir: path.join(work, 'terraform'),
          buildDir: path.join(work, 'build'),
          awsEndpoint: moto.endpoint,
        },
        only: CLUSTERS,
        runner: runner(parallelism),
        commit: 'c0ffee',
      });
      expect(callsByRoot()).toEqual({
        alpha: ['init', 'plan', 'show'],
        bravo: ['init', 'plan', 'show'],
      });
      return report;
    };

    const report = await plan(2);
    expect(report.roots.map((r) => [r.root, r.status, r.error?.message])).toEqual(
      CLUSTERS.map((id) => [id, 'changes', undefined]),
    );
    const planLine = readFileSync(log, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('alpha plan'));
    expect(planLine).toContain('-out=streamalert.tfplan');
    // The plan text comes from the plan run: the plan as `terraform show` prints it, no progress lines.
    const alpha = report.roots[0]!;
    const bravo = report.roots[1]!;
    expect(alpha.planText).toMatch(/^Terraform used the selected providers/);
    expect(alpha.planText).toContain(
      '# module.kinesis_streams.aws_kinesis_stream.this will be created',
    );
    expect(alpha.planText).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(alpha.planText).not.toMatch(/Reading\.\.\.|Read complete after|Saved the plan/);
    // Planned at once, in two regions: each root's plan is its own cluster's (alpha has one
    // shard, bravo two), never the other's.
    expect(alpha.planText).toMatch(/shard_count\s+=\s+1\n/);
    expect(bravo.planText).toMatch(/shard_count\s+=\s+2\n/);
    expect(bravo.planText).toContain(
      '# module.kinesis_streams.aws_kinesis_stream.this will be created',
    );
  },
);

it('names the failing step of a broken root, with Terraform’s message', async () => {
  const out = path.join(work, 'terraform');
  // Two broken copies of alpha (rendered above), each with its own state key.
  const broken = (name: string, edit: (tf: string) => string): void => {
    cpSync(path.join(out, 'alpha'), path.join(out, name), {
      recursive: true,
      filter: (src) => !src.includes('.terraform') && !src.endsWith('.tfplan'),
    });
    const main = path.join(out, name, 'main.tf');
    writeFileSync(
      main,
      edit(
        readFileSync(main, 'utf8').replace(
          'stream_alert_state/alpha/',
          `stream_alert_state/${name}/`,
        ),
      ),
    );
  };
  broken('syntax', (tf) => `${tf}\nresource "aws_sns_topic" "unclosed" {\n`);
  broken('value', (tf) => tf.replace(/^(\s*shards\s*=\s*)1$/m, '$10'));
  expect(readFileSync(path.join(out, 'value', 'main.tf'), 'utf8')).toMatch(/shards\s*=\s*0$/m);
  writeFileSync(log, '');
  const [syntax, value] = await planRoots(runner(2), out, ['syntax', 'value']);
  expect(syntax).toMatchObject({
    root: 'syntax',
    status: 'error',
    error: { step: 'init' },
    planText: '',
  });
  expect(syntax!.error!.message).toMatch(/Error: Unclosed configuration block/);
  expect(syntax!.error!.message).toContain('main.tf');
  // What `validate` used to report now comes from the plan step.
  expect(value).toMatchObject({
    root: 'value',
    status: 'error',
    error: { step: 'plan' },
    planText: '',
  });
  expect(value!.error!.message).toMatch(/Error: Invalid value for variable/);
  expect(value!.error!.message).toContain('shards must be a whole number >= 1.');
  expect(callsByRoot()).toEqual({ syntax: ['init'], value: ['init', 'plan'] });
}, 300_000);
