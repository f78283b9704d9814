/**
 * bench/formats: the rule processor's Lambda handler on each log format as users send it,
 * next to the floor of the same bytes, plus the peak memory of a 6 MB gzip flow-log batch
 * and a cold process's time to its first alert on SNS.
 *
 *   node --import ./bench/ts-loader.mjs bench/formats.ts
 *
 * Env: BENCH_N (typed records per format, default 20000), BENCH_ROUNDS (default 7),
 * BENCH_COLD=0 to skip the child processes (memory, cold start), BENCH_FORMATS (comma list
 * of format keys: trail,s3,flow,syslog,csv,kv), BENCH_CPU_PROF=DIR to write a CPU profile
 * of the warm handler rounds there, BENCH_KEEP=1 to keep the package folders (and bundle),
 * BENCH_WRITE=1 to write the figures (with date, machine and load) to
 * bench/results/formats.json, which `npm run docs` renders into docs/rules.md.
 *
 * The handler is the deployed one: the rule processor bundled by ncc (as package-processors
 * does it) and loaded with require() from a package folder holding conf/ and rules/, as
 * in the zip. In this process @aws-sdk/client-sns and client-s3 resolve to small fakes in
 * that folder (SNS accepts every entry; S3 serves in-memory objects in 16 KiB chunks, as an
 * HTTPS body arrives); the child processes run as in Lambda (credentials in the environment:
 * alerts go out by PublishBatch without the SNS SDK, sns-direct.ts) to a local HTTP endpoint
 * that plays SNS.
 *
 * share = floor CPU time / handler CPU time for the same bytes in the same round (user +
 * system CPU of the process, so zlib's thread pool and the GC threads count on both sides).
 * Floors: base64 decode, gunzip where the data is gzip (zlib's one-shot gunzipSync), then
 * JSON.parse for JSON; for syslog, csv and kv a minimal correct parse of each line into a
 * record object (one regex for syslog, a split for csv with a quote-aware path for lines
 * holding quotes, a split at the delimiter then at the first "=" for kv).
 * Memory: the handler's peak RSS beside the floor's (the same process decoding and parsing
 * each record, nothing else) and the 96 MB goal. Cold start: process start to the first
 * alert on SNS beside the floor of a bare Node process that posts one request to the same
 * endpoint, and the 150 ms goal.
 * Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { transform } from 'sucrase';
import { cloudTrailRecord, prng, REPO_ROOT } from './datasets.js';
import {
  ACCOUNT,
  benchConf,
  flowMessage,
  formatInputs,
  hex,
  int,
  PROXY_KEYS,
  REGION,
  RULES,
} from './format-inputs.js';

const N = Number(process.env.BENCH_N ?? 20_000);
/** What BENCH_WRITE=1 writes (bench/results/formats.json), for the docs' performance table. */
const results: Json = {};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ONLY = process.env.BENCH_FORMATS?.split(',');
const TOPIC = `arn:aws:sns:${REGION}:${ACCOUNT}:acme_production_streamalert_alerts`;
type Json = Record<string, unknown>;

const FAKE_SNS = `let published = 0;
class PublishBatchCommand { constructor(input) { this.input = input; } }
class SNSClient {
  async send(command) {
    const entries = command.input.PublishBatchRequestEntries;
    published += entries.length;
    return { Successful: entries.map((e) => ({ Id: e.Id, MessageId: 'm-' + e.Id })), Failed: [] };
  }
}
module.exports = { SNSClient, PublishBatchCommand, published: () => published };
`;
const FAKE_S3 = `const { Readable } = require('node:stream');
const objects = new Map();
class GetObjectCommand { constructor(input) { this.input = input; } }
class S3Client {
  async send(command) {
    const body = objects.get(command.input.Bucket + '/' + command.input.Key);
    if (!body) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
    const chunks = [];
    for (let i = 0; i < body.length; i += 16384) chunks.push(body.subarray(i, i + 16384));
    return { Body: Readable.from(chunks, { objectMode: false }) };
  }
}
module.exports = { S3Client, GetObjectCommand, objects };
`;

/** conf/, rules/ (with the rules API where the build puts it) and the bundle, as in the zip. */
function writePackage(dir: string, bundle: string, fakes: boolean): void {
  const { logs, sources } = benchConf();
  mkdirSync(path.join(dir, 'conf'), { recursive: true });
  writeFileSync(path.join(dir, 'conf', 'logs.json'), JSON.stringify(logs, null, 2));
  writeFileSync(path.join(dir, 'conf', 'sources.json'), JSON.stringify(sources, null, 2));
  const api = path.join(dir, 'rules', 'node_modules', 'streamalert-action');
  mkdirSync(api, { recursive: true });
  writeFileSync(
    path.join(api, 'package.json'),
    JSON.stringify({
      name: 'streamalert-action',
      type: 'module',
      exports: { './rules': './rules.mjs' },
    }),
  );
  const apiSource = readFileSync(path.join(REPO_ROOT, 'src', 'rules-api', 'index.ts'), 'utf8');
  writeFileSync(
    path.join(api, 'rules.mjs'),
    transform(apiSource, { transforms: ['typescript'], disableESTransforms: true }).code,
  );
  writeFileSync(path.join(dir, 'rules', 'bench_rules.mjs'), RULES);
  writeFileSync(path.join(dir, 'index.js'), bundle);
  if (fakes) {
    for (const [name, code] of [
      ['client-sns', FAKE_SNS],
      ['client-s3', FAKE_S3],
    ]) {
      const m = path.join(dir, 'node_modules', '@aws-sdk', name!);
      mkdirSync(m, { recursive: true });
      writeFileSync(path.join(m, 'index.js'), code!);
    }
  }
}

// ---------------------------------------------------------------- events

interface KinesisRecord {
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
  kinesis: {
    kinesisSchemaVersion: string;
    partitionKey: string;
    sequenceNumber: string;
    data: string;
    approximateArrivalTimestamp: number;
  };
}
let sequence = 49650000000000000000000000000000000000000000000000000n;
function kinesisRecord(stream: string, data: Buffer): KinesisRecord {
  sequence += 1n;
  return {
    eventSource: 'aws:kinesis',
    eventSourceARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${stream}`,
    awsRegion: REGION,
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: String(sequence % 1000n),
      sequenceNumber: String(sequence),
      data: data.toString('base64'),
      approximateArrivalTimestamp: 1733400000.123,
    },
  };
}
/** Kinesis events of at most `per` records and about 6 MB (Lambda's payload limit). */
function kinesisEvents(records: KinesisRecord[], per = 500): { Records: KinesisRecord[] }[] {
  const events: { Records: KinesisRecord[] }[] = [];
  let cur: KinesisRecord[] = [];
  let bytes = 0;
  for (const rec of records) {
    if (cur.length === per || (cur.length > 0 && bytes + rec.kinesis.data.length > 5.8e6)) {
      events.push({ Records: cur });
      cur = [];
      bytes = 0;
    }
    cur.push(rec);
    bytes += rec.kinesis.data.length + 300;
  }
  if (cur.length) events.push({ Records: cur });
  return events;
}

interface Format {
  key: string;
  label: string;
  events: object[];
  records: number;
  bytes: number;
  floor: () => number;
}

const SYSLOG = /^(\w{3} \d{2} [\d:]+) ([\w-]+) (\w+)(?:\[\w+\])?: (.*)$/;

function csvSplit(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** Parses one line of each format into a record (the floors of the line formats). */
const LINE_PARSE: Record<string, (line: string) => unknown> = {
  trail: (line) => JSON.parse(line) as unknown,
  syslog: (line) => {
    const m = SYSLOG.exec(line);
    return m ? { timestamp: m[1], host: m[2], application: m[3], message: m[4] } : undefined;
  },
  csv: (line) => {
    const cols = csvSplit(line);
    const rec: Json = {};
    for (let i = 0; i < cols.length; i++) rec[PROXY_KEYS[i]!] = cols[i];
    return rec;
  },
  kv: (line) => {
    const rec: Json = {};
    for (const field of line.split(' ')) {
      const at = field.indexOf('=');
      rec[field.slice(0, at)] = field.slice(at + 1);
    }
    return rec;
  },
};

function formats(n: number, s3Objects: Map<string, Buffer>): Format[] {
  const out: Format[] = [];
  for (const input of formatInputs(n)) {
    if (ONLY && !ONLY.includes(input.key)) continue;
    const base = { key: input.key, label: input.label, records: input.records, bytes: input.bytes };
    if (input.s3) {
      const { bucket, objects } = input.s3;
      for (const o of objects) s3Objects.set(`${bucket}/${o.key}`, o.body);
      const r = prng(5);
      out.push({
        ...base,
        events: objects.map((o) => ({
          Records: [
            {
              eventVersion: '2.1',
              eventSource: 'aws:s3',
              awsRegion: REGION,
              eventTime: '2024-12-05T10:00:00.000Z',
              eventName: 'ObjectCreated:Put',
              userIdentity: { principalId: 'AWS:AROAEXAMPLE:regionalDeliverySession' },
              requestParameters: { sourceIPAddress: '10.0.0.1' },
              responseElements: { 'x-amz-request-id': hex(r, 16).toUpperCase() },
              s3: {
                s3SchemaVersion: '1.0',
                configurationId: 'streamalert',
                bucket: {
                  name: bucket,
                  ownerIdentity: { principalId: 'A3EXAMPLE' },
                  arn: `arn:aws:s3:::${bucket}`,
                },
                object: {
                  key: o.key.replaceAll(' ', '+'),
                  size: o.body.length,
                  eTag: hex(r, 32),
                  sequencer: hex(r, 18).toUpperCase(),
                },
              },
            },
          ],
        })),
        floor: () => {
          let k = 0;
          for (const o of objects)
            k += (JSON.parse(gunzipSync(o.body).toString('utf8')) as { Records: unknown[] }).Records
              .length;
          return k;
        },
      });
      continue;
    }
    const { stream, data, perEvent } = input.kinesis!;
    const records = data.map((d) => kinesisRecord(stream, d));
    const b64 = records.map((k) => k.kinesis.data);
    const parse = LINE_PARSE[input.key];
    out.push({
      ...base,
      events: kinesisEvents(records, perEvent),
      floor: parse
        ? () => {
            let k = 0;
            for (const d of b64) if (parse(Buffer.from(d, 'base64').toString('utf8'))) k++;
            return k;
          }
        : () => {
            let k = 0;
            for (const d of b64)
              k += (
                JSON.parse(gunzipSync(Buffer.from(d, 'base64')).toString('utf8')) as {
                  logEvents: unknown[];
                }
              ).logEvents.length;
            return k;
          },
    });
  }
  return out;
}

// ---------------------------------------------------------------- build

async function bundle(): Promise<string> {
  const SDK = [
    '@aws-sdk/client-s3',
    '@aws-sdk/client-dynamodb',
    '@aws-sdk/client-sns',
    '@aws-sdk/client-sqs',
  ];
  // A specifier the type checker does not follow: ncc ships no types (and type-checks this file).
  const nccModule = '@vercel/ncc';
  const ncc = (
    (await import(nccModule)) as {
      default: (entry: string, options: object) => Promise<{ code: string }>;
    }
  ).default;
  try {
    const { code } = await ncc(
      path.join(REPO_ROOT, 'src', 'processors', 'rule-processor', 'lambda.cjs'),
      {
        externals: SDK,
        transpileOnly: false,
        quiet: true,
        cache: false,
        sourceMap: false,
        target: 'es2022',
      },
    );
    return code;
  } catch (err) {
    throw new Error(`ncc: ${String((err as Error)?.message ?? err).slice(0, 3000)}`, {
      cause: err,
    });
  }
}

/** The machine's 1-minute load when the bench starts: a busy neighbour shows here. */
const loadAtStart = Number(os.loadavg()[0]!.toFixed(2));
const tmp = mkdtempSync(path.join(tmpdir(), 'bench-formats-'));
const warm = path.join(tmp, 'warm');
const cold = path.join(tmp, 'cold');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;

try {
  const code = await bundle();
  writePackage(warm, code, true);
  writePackage(cold, code, false);
  const env = { ALERTS_TOPIC_ARN: TOPIC, AWS_REGION: REGION, LOGGER_LEVEL: 'error' };

  // ---- warm rounds, in this process
  Object.assign(process.env, env, { STREAMALERT_PACKAGE_DIR: warm });
  // Alerts go to the fake SNS SDK here: with credentials in its environment the handler would
  // publish without the SDK (sns-direct.ts), to the real SNS.
  for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
    delete process.env[k];
  const req = createRequire(path.join(warm, 'index.js'));
  const { handler } = req(path.join(warm, 'index.js')) as {
    handler: (e: object) => Promise<{ batchItemFailures: unknown[] }>;
  };
  const sns = req('@aws-sdk/client-sns') as { published: () => number };
  const s3 = req('@aws-sdk/client-s3') as { objects: Map<string, Buffer> };
  const list = formats(N, s3.objects);
  // The handler's log lines (unclassified records: lines no schema fits) are made as in
  // Lambda, but not written to this terminal.
  const write = process.stdout.write.bind(process.stdout);
  const runHandler = async (f: Format) => {
    let failures = 0;
    process.stdout.write = () => true;
    try {
      for (const e of f.events) failures += (await handler(e)).batchItemFailures.length;
    } finally {
      process.stdout.write = write;
    }
    if (failures) throw new Error(`${f.label}: ${failures} batch item failures`);
  };
  const alerts = new Map<string, number>();
  for (const f of list) {
    // warm-up (and the alert count)
    const before = sns.published();
    await runHandler(f);
    alerts.set(f.key, sns.published() - before);
    if (!(f.floor() > 0)) throw new Error(`${f.label}: the floor saw no records`);
  }
  const prof = process.env.BENCH_CPU_PROF;
  let session: Session | undefined;
  if (prof) {
    session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const times = new Map(
    list.map((f) => [f.key, { handler: [] as number[], floor: [] as number[] }]),
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (const f of list) {
      const t = times.get(f.key)!;
      for (const side of round % 2 === 0 ? ['handler', 'floor'] : ['floor', 'handler']) {
        const start = cpu();
        if (side === 'handler') await runHandler(f);
        else f.floor();
        t[side as 'handler' | 'floor'].push(cpu() - start);
      }
    }
  }
  if (session) {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(prof!, { recursive: true });
    writeFileSync(path.join(prof!, `formats-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
  console.log(
    `rule processor handler per format, ${N.toLocaleString('en-US')} typed records each, ${ROUNDS} interleaved rounds, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    'share = floor CPU time / handler CPU time for the same bytes in the same round (100% = as fast as decode + parse)\n',
  );
  const head = [
    'format',
    'alerts',
    'bytes/rec',
    'handler rec/s',
    'floor rec/s',
    'share min',
    'share median',
  ];
  const rows = list.map((f) => {
    const t = times.get(f.key)!;
    const shares = t.handler.map((h, i) => t.floor[i]! / h);
    return [
      f.label,
      fmt(alerts.get(f.key)!),
      `${(f.bytes / f.records).toFixed(0)} B`,
      fmt(f.records / median(t.handler)),
      fmt(f.records / median(t.floor)),
      pct(Math.min(...shares)),
      pct(median(shares)),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  results.formats = list.map((f) => {
    const t = times.get(f.key)!;
    const shares = t.handler.map((h, i) => t.floor[i]! / h);
    return {
      key: f.key,
      label: f.label,
      alerts: alerts.get(f.key)!,
      bytesPerRecord: Math.round(f.bytes / f.records),
      handlerRecordsPerSecond: Math.round(f.records / median(t.handler)),
      floorRecordsPerSecond: Math.round(f.records / median(t.floor)),
      shareMin: Number(Math.min(...shares).toFixed(3)),
      shareMedian: Number(median(shares).toFixed(3)),
    };
  });

  // ---- child processes: the real SDK, SNS played by a local endpoint
  if (process.env.BENCH_COLD !== '0') await children(cold, env);
  if (process.env.BENCH_WRITE === '1') {
    const file = path.join(REPO_ROOT, 'bench', 'results', 'formats.json');
    mkdirSync(path.dirname(file), { recursive: true });
    const doc = {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      node: process.version,
      loadAverage: loadAtStart,
      records: N,
      rounds: ROUNDS,
      ...results,
    };
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
  }
} finally {
  if (process.env.BENCH_KEEP === '1') console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

async function children(dir: string, env: Record<string, string>): Promise<void> {
  let firstArrival: number | undefined;
  const server = createServer((req, res) => {
    firstArrival ??= performance.timeOrigin + performance.now();
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const ids = [...new URLSearchParams(body).entries()]
        .filter(([k]) => /^PublishBatchRequestEntries\.member\.\d+\.Id$/.test(k))
        .map(([, v]) => v);
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        `<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful>${ids.map((id) => `<member><Id>${id}</Id><MessageId>${id}-m</MessageId></member>`).join('')}</Successful><Failed/></PublishBatchResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishBatchResponse>`,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const childEnv = {
    PATH: process.env.PATH ?? '',
    NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
    ...env,
    STREAMALERT_PACKAGE_DIR: dir,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
  };
  const run = (script: string, flags: string[] = []) =>
    new Promise<{ out: Json; spawned: number }>((resolve, reject) => {
      const spawned = performance.timeOrigin + performance.now();
      // Under /usr/bin/time: a process forked from this (large) one starts with its peak RSS,
      // which process.resourceUsage().maxRSS in the child would then report.
      const child = spawn(
        '/usr/bin/time',
        ['-f', 'maxrss-kib %M', process.execPath, ...flags, '-e', script],
        { cwd: dir, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('close', (status) => {
        if (status !== 0) return reject(new Error(err));
        const maxRSS = Number(/maxrss-kib (\d+)/.exec(err)?.[1]);
        resolve({
          out: { ...(JSON.parse(out.trim().split('\n').at(-1)!) as Json), maxRSS },
          spawned,
        });
      });
    });
  try {
    // 1. A 6 MB Kinesis batch of gzip CloudWatch Logs flow-log messages, parsed from its JSON
    //    text as the runtime hands it over; peak RSS of the whole process.
    const r = prng(7);
    const records: KinesisRecord[] = [];
    let size = 0;
    for (let i = 0; size < 5.9e6;) {
      const count = int(r, 300, 1500);
      const rec = kinesisRecord(
        'acme_flow_stream',
        gzipSync(JSON.stringify(flowMessage(r, i, count))),
      );
      size += rec.kinesis.data.length + 300;
      if (size >= 5.9e6) break;
      records.push(rec);
      i += count;
    }
    const eventFile = path.join(tmp, 'flow-batch.json');
    const eventText = JSON.stringify({ Records: records });
    writeFileSync(eventFile, eventText);
    const inflated = records.reduce(
      (s, k) => s + gunzipSync(Buffer.from(k.kinesis.data, 'base64')).length,
      0,
    );
    // mode: read the event only; handle it; or the floor (base64, gunzip, JSON.parse of each record).
    const rssScript = (
      mode: 'read' | 'handle' | 'floor',
    ) => `const fs = require('fs'); const zlib = require('zlib'); const h = require('./index.js');
      const text = fs.readFileSync(${JSON.stringify(eventFile)}, 'utf8');
      const event = JSON.parse(text);
      const floor = () => { for (const r of event.Records) JSON.parse(zlib.gunzipSync(Buffer.from(r.kinesis.data, 'base64')).toString('utf8')); return { batchItemFailures: [] }; };
      (${JSON.stringify(mode)} === 'handle' ? h.handler(event) : Promise.resolve(${JSON.stringify(mode)} === 'floor' ? floor() : { batchItemFailures: [] })).then((res) => {
        process.stdout.write(JSON.stringify({ failures: res.batchItemFailures.length }) + '\\n');
      });`;
    // Node's heap flags as Lambda's Node.js bootstrap sets them for 128 MB (new space a tenth
    // of the memory, the semi-space half of that, old space the rest): the default flags
    // size the young generation from this machine's memory, which a 128 MB function does not have.
    const LAMBDA_128 = ['--max-semi-space-size=6', '--max-old-space-size=116'];
    const memory: Json[] = [];
    for (const flags of [[], LAMBDA_128]) {
      const rss = { read: [] as number[], handle: [] as number[], floor: [] as number[] };
      for (let i = 0; i < 3; i++) {
        for (const mode of ['read', 'handle', 'floor'] as const) {
          const res = await run(rssScript(mode), flags);
          if (res.out.failures !== 0) throw new Error('flow batch failed');
          rss[mode].push((res.out.maxRSS as number) / 1024);
        }
      }
      const fig = (xs: number[]) => `${median(xs).toFixed(0)} MB`;
      console.log(
        `${flags.length ? '' : `\n6 MB Kinesis batch of gzip flow logs (${records.length} records, ${(eventText.length / 1e6).toFixed(1)} MB event, ${(inflated / 1e6).toFixed(1)} MB inflated), AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128, peak RSS (median of 3):\n`}  node ${flags.join(' ') || '(default heap flags)'}: handler ${fig(rss.handle)} (min ${Math.min(...rss.handle).toFixed(0)}, max ${Math.max(...rss.handle).toFixed(0)}); floor (decode + JSON.parse of each record) ${fig(rss.floor)}, handler/floor ${(median(rss.handle) / median(rss.floor)).toFixed(2)}; reading the event only ${fig(rss.read)}; goal 96 MB: ${median(rss.handle) <= 96 ? 'met' : 'not met'}`,
      );
      memory.push({
        flags: flags.join(' ') || '(default heap flags)',
        records: records.length,
        eventMB: Number((eventText.length / 1e6).toFixed(1)),
        inflatedMB: Number((inflated / 1e6).toFixed(1)),
        handlerMB: Math.round(median(rss.handle)),
        floorMB: Math.round(median(rss.floor)),
        readMB: Math.round(median(rss.read)),
      });
    }
    results.memory = memory;

    // 2. Cold start to the first alert: one Kinesis record that alerts.
    const alerting = JSON.stringify({
      ...cloudTrailRecord(prng(9), 1),
      eventName: 'StopLogging',
      eventSource: 'cloudtrail.amazonaws.com',
    });
    const event = { Records: [kinesisRecord('acme_trail_stream', Buffer.from(alerting))] };
    const coldScript = `const h = require('./index.js'); const loaded = performance.now();
      h.handler(${JSON.stringify(event)}).then(() => process.stdout.write(JSON.stringify({ origin: performance.timeOrigin, loaded, done: performance.now() }) + '\\n'));`;
    const cold = { sns: [] as number[], spawnToSns: [] as number[], loaded: [] as number[] };
    for (let i = 0; i < 7; i++) {
      firstArrival = undefined;
      const { out, spawned } = await run(coldScript);
      if (firstArrival === undefined) throw new Error('no alert reached SNS');
      cold.sns.push(firstArrival - (out.origin as number));
      cold.spawnToSns.push(firstArrival - spawned);
      cold.loaded.push(out.loaded as number);
    }
    // The floor: a bare Node process that posts one request to the same endpoint (process
    // start, an HTTP client, one round trip), what no handler goes below.
    const floorScript = `const http = require('http'); const u = new URL(process.env.AWS_ENDPOINT_URL);
      const req = http.request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, (res) => { res.resume(); res.on('end', () => process.stdout.write(JSON.stringify({ origin: performance.timeOrigin, done: performance.now() }) + '\\n')); });
      req.end('Action=PublishBatch');`;
    const bare: number[] = [];
    for (let i = 0; i < 7; i++) {
      firstArrival = undefined;
      const { out } = await run(floorScript);
      if (firstArrival === undefined) throw new Error('the bare request did not arrive');
      bare.push(firstArrival - (out.origin as number));
    }
    console.log(
      `cold start to the first alert on SNS (median of 7, ms): ${median(cold.sns).toFixed(0)} after process start (${median(cold.spawnToSns).toFixed(0)} after spawn); handler module loaded at ${median(cold.loaded).toFixed(0)}; floor (a bare Node process posting one request) ${median(bare).toFixed(0)}, handler/floor ${(median(cold.sns) / median(bare)).toFixed(2)}; goal 150 ms: ${median(cold.sns) <= 150 ? 'met' : 'not met'}`,
    );
    results.coldStart = {
      firstAlertMs: Math.round(median(cold.sns)),
      afterSpawnMs: Math.round(median(cold.spawnToSns)),
      handlerLoadedMs: Math.round(median(cold.loaded)),
      floorMs: Math.round(median(bare)),
    };
  } finally {
    server.close();
  }
}
