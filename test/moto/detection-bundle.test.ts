/**
 * The built rule processor, pointed at a detection bundle in a moto bucket, run as Lambda
 * runs it: one long-lived Node process (a warm container) invoked again and again. It loads
 * the bundle at its first invocation, stamps every alert with the bundle's version, picks
 * up a new version once the check interval has passed, and keeps the last good version
 * when the new object is corrupt — saying so in a log line and a metric line.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../src/commands/build.js';
import {
  bundleVersion,
  parseDetectionBundle,
  writeDetectionBundle,
} from '../../src/processors/detection/bundle.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';
import { alertQueue, kinesisEvents, type AlertQueue } from '../support/rule-processor-moto.js';

const REGION = 'us-west-2';
const BUCKET = 'acme-streamalert-detection';
const KEY = 'detection/bundle.json';
const STREAM = 'acme_production_stream_alert_kinesis';
const example = path.join(REPO_ROOT, 'examples', 'production');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(example, 'tests', 'rules', `${name}.json`), 'utf8')).records;

const temp = mkdtempSync(path.join(tmpdir(), 'detection-moto-'));
let moto: Moto;
let s3: S3Client;
let alerts: AlertQueue;
let lambda: WarmLambda;

/**
 * The unzipped handler in one Node process: each line on stdin is an event, each answer a
 * `{"invocation": {"result" or "error": …}}` line on stdout among the processor's own JSON log lines.
 */
class WarmLambda {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: unknown) => void)[] = [];
  readonly logs: Record<string, unknown>[] = [];

  constructor(dir: string, env: Record<string, string>) {
    const script = `
      const handler = require('./index.js').handler;
      const rl = require('node:readline').createInterface({ input: process.stdin });
      rl.on('line', (line) => handler(JSON.parse(line)).then(
        (r) => process.stdout.write(JSON.stringify({ invocation: { result: r } }) + '\\n'),
        (e) => process.stdout.write(JSON.stringify({ invocation: { error: String(e && e.message) } }) + '\\n')));`;
    this.child = spawn(process.execPath, ['-e', script], { cwd: dir, env });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if ('invocation' in parsed) this.waiting.shift()?.(parsed.invocation);
      else this.logs.push(parsed);
    });
  }

  invoke(event: unknown): Promise<unknown> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${JSON.stringify(event)}\n`);
    });
  }

  stop(): void {
    this.child.kill();
  }
}

const event = kinesisEvents(REGION, STREAM);

const publish = (body: Buffer | string) =>
  s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: KEY, Body: body }));

const TABLE_KEY = 'tables/hosts.json';
/** conf/lookup_tables.json naming one S3 table, refreshed every `minutes`. */
const lookupTables = (minutes: number) =>
  JSON.stringify({
    enabled: true,
    tables: {
      hosts: { driver: 's3', bucket: BUCKET, key: TABLE_KEY, cache_refresh_minutes: minutes },
    },
  });
/** How often the processor loaded the table from S3 (its log line per load). */
const tableLoads = () =>
  lambda.logs.filter((l) => l.message === 'lookup table loaded' && l.table === 'hosts').length;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client(clientConfig(moto, REGION));
  alerts = await alertQueue(moto, REGION, {
    topic: 'acme_production_streamalerts',
    queue: 'detection-alerts',
  });
  await s3.send(
    new CreateBucketCommand({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  await buildCommand({
    configDir: path.join(example, 'conf'),
    rulesDir: path.join(example, 'rules'),
    outDir: path.join(temp, 'build'),
    bundlesDir: processorBundles(),
  });
  const code = path.join(temp, 'code');
  execFileSync('python3', [
    '-c',
    'import sys, zipfile\nzipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
    path.join(temp, 'build', 'rule_processor.zip'),
    code,
  ]);
  mkdirSync(path.join(temp, 'tmp'));
  lambda = new WarmLambda(code, {
    PATH: process.env.PATH ?? '',
    NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
    TMPDIR: path.join(temp, 'tmp'),
    ...moto.env,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    ALERTS_TOPIC_ARN: alerts.topicArn,
    DETECTION_BUNDLE_BUCKET: BUCKET,
    DETECTION_BUNDLE_KEY: KEY,
    DETECTION_BUNDLE_REGION: REGION,
    DETECTION_CHECK_INTERVAL_SECONDS: '1',
    ENABLE_METRICS: 'true',
    LOGGER_LEVEL: 'info',
  });
}, 600_000);

afterAll(async () => {
  lambda?.stop();
  await moto?.stop();
  rmSync(temp, { recursive: true, force: true });
});

describe('the rule processor with a detection bundle in S3', () => {
  it('alerts with the version it loaded, takes up a new one, and keeps it when the next is corrupt', async () => {
    const [rootLogin] = fixture('cloudtrail_root_account_use');
    const [sshFail] = fixture('syslog_ssh_failures');
    const batch = event([rootLogin.data, sshFail.data]);

    // The build's bundle, as the global root publishes it, with a lookup table (in S3) added.
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: TABLE_KEY, Body: '{"10.0.0.1": "bastion"}' }),
    );
    const built = parseDetectionBundle(
      readFileSync(path.join(temp, 'build', 'detection-bundle.json')),
    ).files;
    built.set('conf/lookup_tables.json', Buffer.from(lookupTables(5)));
    const v1 = writeDetectionBundle(built);
    await publish(v1);
    expect(await lambda.invoke(batch), JSON.stringify(lambda.logs)).toEqual({
      result: { batchItemFailures: [] },
    });
    const first = await alerts.received(2);
    expect(first.map((a) => [a.rule_name, a.detection_version]).sort()).toEqual([
      ['cloudtrail_root_account_use', bundleVersion(v1)],
      ['syslog_ssh_failures', bundleVersion(v1)],
    ]);

    // A pull request removes the ssh rule: a new bundle, taken up after the interval.
    const files = parseDetectionBundle(v1).files;
    files.delete('rules/syslog_ssh_failures.mjs');
    const v2 = writeDetectionBundle(files);
    await publish(v2);
    await sleep(1_100);
    expect(await lambda.invoke(batch)).toEqual({ result: { batchItemFailures: [] } });
    const second = await alerts.received(1);
    expect(second.map((a) => [a.rule_name, a.detection_version])).toEqual([
      ['cloudtrail_root_account_use', bundleVersion(v2)],
    ]);
    expect(lambda.logs).toContainEqual({
      level: 'info',
      message: 'detection bundle updated',
      version: bundleVersion(v2),
      previous: bundleVersion(v1),
    });

    // A corrupt object: the processor keeps running v2, and says so.
    await publish('{"format":"streamalert-detection-bundle-1","files":{"rules/../../x.mjs":""}}');
    await sleep(1_100);
    expect(await lambda.invoke(batch)).toEqual({ result: { batchItemFailures: [] } });
    const third = await alerts.received(1);
    expect(third.map((a) => [a.rule_name, a.detection_version])).toEqual([
      ['cloudtrail_root_account_use', bundleVersion(v2)],
    ]);
    expect(lambda.logs).toContainEqual({
      level: 'error',
      message: 'detection bundle not loaded: the last good version keeps running',
      version: bundleVersion(v2),
      error: `s3://${BUCKET}/${KEY} /files/rules~1..~1..~1x.mjs: must be plain names joined by "/" (letters, digits, _ . @ + -)`,
    });
    expect(lambda.logs).toContainEqual({
      metric_name: 'DetectionBundleLoadFailures',
      metric_value: 1,
    });
    // Each version was unpacked once into its own folder; nothing else was written.
    const unpacked = () => readdirSync(path.join(temp, 'tmp', 'streamalert-detection')).sort();
    expect(unpacked()).toEqual([bundleVersion(v1), bundleVersion(v2)].sort());
    // v2 changed rules only: its lookup table was not loaded from S3 again.
    expect(tableLoads()).toBe(1);

    // A version that changes the lookup tables' conf: they are loaded again, and the version
    // before the one running is removed from /tmp (a warm container lives for many merges).
    files.set('conf/lookup_tables.json', Buffer.from(lookupTables(10)));
    const v3 = writeDetectionBundle(files);
    await publish(v3);
    await sleep(1_100);
    expect(await lambda.invoke(batch)).toEqual({ result: { batchItemFailures: [] } });
    expect((await alerts.received(1)).map((a) => a.detection_version)).toEqual([bundleVersion(v3)]);
    expect(tableLoads()).toBe(2);
    expect(unpacked()).toEqual([bundleVersion(v2), bundleVersion(v3)].sort());
  }, 120_000);
});
