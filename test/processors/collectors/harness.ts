/**
 * What the collector tests share: a real moto (Kinesis stream, DynamoDB checkpoint table,
 * SSM credential), a local HTTP stand-in of a SaaS API with faults injected (429 with
 * Retry-After, 5xx, delays, late events, a rotated credential), and reading back every
 * record the collector put on the stream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import {
  CreateStreamCommand,
  DescribeStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type KinesisClient,
  PutRecordsCommand,
} from '@aws-sdk/client-kinesis';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { dynamoCheckpointStore } from '../../../src/processors/collectors/checkpoint.js';
import {
  type CollectorOptions,
  type RunResult,
  runCollector,
} from '../../../src/processors/collectors/collector.js';
import { kinesisSink, type RecordSink } from '../../../src/processors/collectors/kinesis.js';
import type { CollectorSource } from '../../../src/processors/collectors/source.js';
import { createLogger } from '../../../src/processors/shared/logger.js';
import { clientConfig, kinesisClient } from '../../support/aws.js';
import { startMoto, type Moto } from '../../support/moto.js';

export const REGION = 'us-east-1';
export const TABLE = 'collector_checkpoints';

export interface Aws {
  moto: Moto;
  kinesis: KinesisClient;
  dynamo: DynamoDBClient;
  ssm: SSMClient;
}

export async function startAws(): Promise<Aws> {
  const moto = await startMoto();
  const aws = {
    moto,
    kinesis: kinesisClient(moto, REGION),
    dynamo: new DynamoDBClient(clientConfig(moto, REGION)),
    ssm: new SSMClient(clientConfig(moto, REGION)),
  };
  await aws.dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: 'collector', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'collector', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client: aws.dynamo, maxWaitTime: 30 }, { TableName: TABLE });
  return aws;
}

export async function createStream(aws: Aws, name: string): Promise<void> {
  await aws.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 2 }));
}

export async function putCredential(aws: Aws, name: string, value: string): Promise<void> {
  await aws.ssm.send(
    new PutParameterCommand({ Name: name, Value: value, Type: 'SecureString', Overwrite: true }),
  );
}

/** Every record on the stream, in no particular order, parsed. */
export async function readStream(aws: Aws, name: string): Promise<unknown[]> {
  const d = await aws.kinesis.send(new DescribeStreamCommand({ StreamName: name }));
  const out: unknown[] = [];
  for (const shard of d.StreamDescription?.Shards ?? []) {
    let it = (
      await aws.kinesis.send(
        new GetShardIteratorCommand({
          StreamName: name,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      )
    ).ShardIterator;
    while (it) {
      const r = await aws.kinesis.send(new GetRecordsCommand({ ShardIterator: it, Limit: 10000 }));
      for (const rec of r.Records ?? [])
        out.push(JSON.parse(Buffer.from(rec.Data ?? new Uint8Array()).toString('utf8')));
      if (!r.Records?.length) break;
      it = r.NextShardIterator;
    }
  }
  return out;
}

/**
 * A Kinesis client whose PutRecords fails some records (ProvisionedThroughputExceeded, as
 * Kinesis answers per record) on the calls `failCall` picks: the others go to moto.
 */
export function flakyKinesis(real: KinesisClient, failCall: (n: number) => boolean): KinesisClient {
  let calls = 0;
  return {
    send: async (cmd: PutRecordsCommand) => {
      calls++;
      if (!(cmd instanceof PutRecordsCommand) || !failCall(calls)) return real.send(cmd);
      const records = cmd.input.Records ?? [];
      // Every third record fails; the rest really go in.
      const keep = records.filter((_, i) => i % 3 !== 1);
      const res = keep.length
        ? await real.send(new PutRecordsCommand({ ...cmd.input, Records: keep }))
        : { Records: [] };
      let k = 0;
      return {
        FailedRecordCount: records.length - keep.length,
        Records: records.map((_, i) =>
          i % 3 === 1
            ? { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' }
            : res.Records![k++],
        ),
      };
    },
  } as unknown as KinesisClient;
}

export interface RunSetup {
  aws: Aws;
  source: CollectorSource;
  name: string;
  stream: string;
  parameter: string;
  settings: Record<string, string>;
  logLines: string[];
  waits: number[];
  overlapMs?: number;
  kinesis?: KinesisClient;
  leaseMs?: number;
  batchSize?: number;
  /** The invocation dies (throws) once this many records went in: a restart mid-page. */
  crashAfter?: number;
}

/** A sink that dies, as a killed invocation, before the batch that would pass `after`. */
function crashing(sink: RecordSink, after: number): RecordSink {
  let sent = 0;
  return {
    async put(events, delivered) {
      if (sent + events.length > after) throw new Error('invocation killed (test)');
      await sink.put(events, (e) => {
        sent++;
        delivered(e);
      });
    },
  };
}

/**
 * One invocation as the Lambda runs it, with the test's clients; sleeps shortened, recorded.
 * The default budget is generous: on a loaded 2-core machine a run that is not about the time
 * limit must not stop at it (the gate once saw a 64-event run take 22 s). Tests of the limit
 * get there by a Retry-After or a cap, not by this figure.
 */
export function invoke(s: RunSetup, budgetMs = 45_000): Promise<RunResult> {
  const sink = kinesisSink(s.kinesis ?? s.aws.kinesis, s.stream, { backoffMs: 5 });
  const options: CollectorOptions = {
    name: s.name,
    source: s.source,
    settings: s.settings,
    store: dynamoCheckpointStore(s.aws.dynamo, TABLE, s.name),
    sink: s.crashAfter === undefined ? sink : crashing(sink, s.crashAfter),
    readCredential: async () => {
      const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
      const r = await s.aws.ssm.send(
        new GetParameterCommand({ Name: s.parameter, WithDecryption: true }),
      );
      return r.Parameter?.Value ?? '';
    },
    logger: createLogger({ level: 'info', metrics: true, write: (l) => s.logLines.push(l) }),
    overlapMs: s.overlapMs ?? 10 * 60_000,
    initialLookbackMs: 24 * 3600_000,
    leaseMs: s.leaseMs ?? 60_000,
    batchSize: s.batchSize,
    http: {
      backoffMs: 5,
      // The asked wait is recorded; the test does not sit through it.
      sleep: async (ms) => {
        s.waits.push(ms);
        await new Promise((r) => setTimeout(r, Math.min(ms, 20)));
      },
    },
  };
  return runCollector(options, Date.now() + budgetMs);
}

/** An event of the stand-in: `visibleAt` later than `time` makes it a late event. */
export interface StandInEvent {
  id: string;
  time: number;
  visibleAt: number;
  body: Record<string, unknown>;
}

export interface Faults {
  /** Answer the request numbered n (1-based, all paths) with this instead. */
  plan: Map<number, { status: number; headers?: Record<string, string> }>;
  /** Delay each answer by this many ms. */
  delayMs: number;
}

export interface StandIn {
  url: string;
  events: StandInEvent[];
  faults: Faults;
  requests: number;
  /** Requests whose credential was refused. */
  refused: number;
  setToken(token: string): void;
  /** Runs before request n is answered (a rotation mid-run, ...). */
  onRequest?: (n: number) => Promise<void>;
  close(): Promise<void>;
}

export type Route = (
  req: IncomingMessage,
  url: URL,
  visible: StandInEvent[],
  token: string,
  /** The request body, for POST APIs. */
  body: string,
) => { status: number; headers?: Record<string, string>; body: unknown } | undefined;

/**
 * A stand-in server: `route` answers from the events visible now (sorted oldest first, ties
 * by id), or undefined for 401. Faults are applied before the route.
 */
export async function startStandIn(route: Route, initialToken: string): Promise<StandIn> {
  let token = initialToken;
  const state: StandIn = {
    url: '',
    events: [] as StandInEvent[],
    faults: { plan: new Map(), delayMs: 0 } as Faults,
    requests: 0,
    refused: 0,
    setToken: (t: string) => {
      token = t;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.requests++;
    const n = state.requests;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    const answer = () => {
      const fault = state.faults.plan.get(n);
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
        res.end(JSON.stringify({ error: `injected ${fault.status}` }));
        return;
      }
      const url = new URL(req.url ?? '/', state.url);
      const now = Date.now();
      const visible = state.events
        .filter((e) => e.visibleAt <= now)
        .sort((a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const out = route(req, url, visible, token, Buffer.concat(chunks).toString('utf8'));
      if (!out) {
        state.refused++;
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end('{"error":"unauthorized"}');
        return;
      }
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.body));
    };
    req.on('end', () => {
      void (state.onRequest?.(n) ?? Promise.resolve()).then(() => {
        if (state.faults.delayMs > 0) setTimeout(answer, state.faults.delayMs);
        else answer();
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Ids delivered more than once, and ids never delivered. */
export function compareIds(
  expected: readonly string[],
  delivered: readonly string[],
): { duplicated: string[]; lost: string[]; unexpected: string[] } {
  const counts = new Map<string, number>();
  for (const id of delivered) counts.set(id, (counts.get(id) ?? 0) + 1);
  const want = new Set(expected);
  return {
    duplicated: [...counts].filter(([, c]) => c > 1).map(([id]) => id),
    lost: expected.filter((id) => !counts.has(id)),
    unexpected: [...counts.keys()].filter((id) => !want.has(id)),
  };
}

export interface Scenario {
  setup: RunSetup;
  api: StandIn;
  /** A new event of the stand-in at `time` (whole seconds for second-grained APIs). */
  event(time: number, visibleAt?: number): StandInEvent;
  /** The id of a record read back from the stream. */
  idOf(record: unknown): string;
  /** Rotates the credential in SSM and at the stand-in, as an administrator would. */
  rotate(): Promise<void>;
  /** How this API says "rate limited" (status and headers), made when the fault is injected. */
  rateLimited: () => { status: number; headers: Record<string, string> };
}

/**
 * The fault run every source goes through: a crash in the middle of a page; rate limits,
 * server errors and Kinesis refusing records; a credential rotated mid-run; late events.
 * Then the ids on the stream equal the stand-in's, each once.
 */
export async function exactlyOnce(sc: Scenario): Promise<void> {
  const { setup, api } = sc;
  const sec = (t: number) => Math.floor(t / 1000) * 1000;
  const base = sec(Date.now() - (setup.source.delayMs ?? 0) - 10 * 60_000);
  for (let i = 0; i < 300; i++)
    api.events.push(sc.event(base - 5 * 3600_000 + Math.floor(i / 3) * 60_000));

  const steps: RunResult[] = [];
  // A restart in the middle of a page: killed once 77 records are in.
  await expectReject(invoke({ ...setup, batchSize: 10, crashAfter: 77 }), 'invocation killed');

  const r0 = api.requests;
  api.faults.plan.set(r0 + 2, sc.rateLimited());
  api.faults.plan.set(r0 + 4, { status: 503 });
  api.faults.plan.set(r0 + 6, { status: 502 });
  steps.push(
    await invoke({
      ...setup,
      batchSize: 10,
      kinesis: flakyKinesis(setup.aws.kinesis, (n) => n % 3 === 1),
    }),
  );
  check(steps.at(-1)!, { status: 'done' });
  if (!setup.waits.some((w) => w >= 900))
    throw new Error(`no rate-limit wait: ${setup.waits.join(',')}`);

  // New events; the credential rotated during the run.
  for (let i = 1; i <= 30; i++) api.events.push(sc.event(base + i * 1000));
  const rotateAt = api.requests + 2;
  api.onRequest = async (n) => {
    if (n === rotateAt) await sc.rotate();
  };
  steps.push(await invoke(setup));
  api.onRequest = undefined;
  check(steps.at(-1)!, { status: 'done', delivered: 30 });
  if (api.refused !== 1) throw new Error(`expected one refused request, got ${api.refused}`);

  // Late events: a minute behind the watermark, shown only now.
  for (let i = 0; i < 12; i++) api.events.push(sc.event(base - 60_000 + i * 1000));
  steps.push(await invoke(setup));
  check(steps.at(-1)!, { status: 'done', delivered: 12, lateEvents: 12 });

  const records = await readStream(setup.aws, setup.stream);
  const cmp = compareIds(
    api.events.map((e) => e.id),
    records.map((r) => sc.idOf(r)),
  );
  if (cmp.duplicated.length || cmp.lost.length || cmp.unexpected.length || records.length !== 342)
    throw new Error(
      `not exactly once: ${records.length} records, ${JSON.stringify({ ...cmp, lost: cmp.lost.slice(0, 5) })}`,
    );
}

async function expectReject(p: Promise<unknown>, text: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (String((err as Error).message).includes(text)) return;
    throw err;
  }
  throw new Error(`expected the invocation to fail with "${text}"`);
}

function check(r: RunResult, want: Partial<RunResult>): void {
  for (const [k, v] of Object.entries(want))
    if ((r as unknown as Record<string, unknown>)[k] !== v)
      throw new Error(`run ${JSON.stringify(r)}: expected ${k} ${String(v)}`);
}
