/**
 * The alert merger and the merge writer against hostile and unlucky inputs (issue 28 item
 * 2), on moto's DynamoDB, SNS and SQS: a window of 5,000 matches of one key, an item nested
 * 45,000 deep or dated ten years ahead inside a legit window, a run that runs out of time,
 * a merged alert larger than SNS takes, a match the table throttles past every retry or
 * refuses as too large. Each window is sent, each poison item is set aside in the
 * dead-letter queue, and the counts are right.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertMerger, type RunContext } from '../../src/processors/alert-merger/merger.js';
import { createSqsDeadLetterSink } from '../../src/processors/rule-processor/dead-letters.js';
import { createMergeWriter } from '../../src/processors/rule-processor/merge-writer.js';
import { createSnsPublisher } from '../../src/processors/rule-processor/sink.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import type { MergeSettings } from '../../src/processors/shared/merge.js';
import { toItem, type Item } from '../../src/processors/shared/merge-table.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-west-2';
const MIN = 60_000;
const T0 = Date.parse('2026-12-05T06:00:00Z');
const FAST = { attempts: 3, baseDelayMs: 1 };
const RULE = 'ssh_brute_force';
const SETTINGS: MergeSettings = { keys: ['host'], windowMs: 10 * MIN, threshold: 3 };
const RULES = new Map([[RULE, SETTINGS]]);
/** The merger runs 11 minutes after T0: a window opened at T0 has closed (10 min + 30 s grace). */
const AFTER = T0 + 11 * MIN;
/** A Lambda with its whole 50 s ahead of it, counted on the wall clock. */
const fullRun = (): RunContext => {
  const start = Date.now();
  return { getRemainingTimeInMillis: () => 50_000 - (Date.now() - start) };
};

let moto: Moto;
let sqs: SQSClient;
let topicArn: string;
let alertsQueue: string;
let tables = 0;

const dynamo = (extra: Partial<DynamoDBClientConfig> = {}) =>
  new DynamoDBClient({ ...clientConfig(moto, REGION), ...extra });

function alertOf(i: number, record: Record<string, unknown>, rule = RULE): Alert {
  return {
    id: `a${String(i).padStart(8, '0')}`,
    rule_name: rule,
    rule_description: 'many failed logins on one host',
    log_source: 'syslog:log',
    log_type: 'syslog',
    source_service: 'kinesis',
    source_entity: 'acme_production_stream_alert_kinesis',
    outputs: ['slack:sec'],
    record,
  };
}

const login = (i: number, host = 'bastion-1') => ({
  host,
  application: 'sshd',
  user: `user${i % 7}`,
  message: `Failed password for user${i % 7} from 203.0.${(i >> 8) & 255}.${i & 255} port ${40000 + i} ssh2`,
});

/** A long syslog line (the sshd debug dump a verbose host sends), about 2 KB. */
const rawLine = (i: number): string =>
  `<38>Dec  5 06:00:00 bastion-1 sshd[${1000 + i}]: debug1: ${'kex_input_kexinit: '.repeat(100)}${i}`;

/** A match as the rule processor writes it (toItem), created `at`. */
const matchItem = (i: number, at: number, record: Record<string, unknown> = login(i)): Item => {
  const alert = alertOf(i, record);
  return toItem({ alert, created: at }, SETTINGS, JSON.stringify(alert));
};

async function createTable(): Promise<string> {
  const name = `hostile_${++tables}`;
  await dynamo().send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'RuleName', AttributeType: 'S' },
        { AttributeName: 'AlertID', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'RuleName', KeyType: 'HASH' },
        { AttributeName: 'AlertID', KeyType: 'RANGE' },
      ],
    }),
  );
  return name;
}

async function put(table: string, items: Item[]): Promise<void> {
  const client = dynamo();
  const chunks: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  for (let i = 0; i < chunks.length; i += 8)
    await Promise.all(
      chunks.slice(i, i + 8).map((chunk) =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: { [table]: chunk.map((Item) => ({ PutRequest: { Item } })) },
          }),
        ),
      ),
    );
}

async function tableCount(table: string): Promise<number> {
  return (await dynamo().send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
}

async function createQueue(name: string): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

/** Every message in the queue (the bodies, UTF-8 as sent). */
async function drain(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (let idle = 0; idle < 2;) {
    const res = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) idle++;
    for (const m of messages) {
      bodies.push(m.Body!);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
    }
  }
  return bodies;
}

function setup(table: string, deadLetterQueue?: string, client = dynamo()) {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', metrics: true, write: (l) => logLines.push(l) });
  const publisher = createSnsPublisher(new SNSClient(clientConfig(moto, REGION)), topicArn, logger);
  const merger = (publish = publisher) =>
    createAlertMerger({
      dynamo: client,
      table,
      publisher: publish,
      logger,
      rules: RULES,
      now: () => AFTER,
      policy: FAST,
      ...(deadLetterQueue
        ? { deadLetters: createSqsDeadLetterSink(sqs, deadLetterQueue, logger) }
        : {}),
    });
  const metric = (name: string) =>
    logLines
      .map((l) => JSON.parse(l) as { metric_name?: string; metric_value?: number })
      .filter((l) => l.metric_name === name)
      .reduce((n, l) => n + l.metric_value!, 0);
  return { merger, publisher, logLines, metric };
}

beforeAll(async () => {
  moto = await startMoto();
  sqs = new SQSClient(clientConfig(moto, REGION));
  const sns = new SNSClient(clientConfig(moto, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'hostile_streamalerts' }))).TopicArn!;
  alertsQueue = await createQueue('hostile-alerts');
  const queueArn = (
    await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: alertsQueue, AttributeNames: ['QueueArn'] }),
    )
  ).Attributes!.QueueArn!;
  await sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      Attributes: { RawMessageDelivery: 'true' },
    }),
  );
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

describe('the alert merger on hostile windows', () => {
  it('merges a window of 1,250 matches of one key, read over several pages, into one alert and empties it', async () => {
    const table = await createTable();
    // Enough for a window that spans several of DynamoDB's 1 MB Scan pages (moto pages the
    // same way), the point of the case. Each match carries its 2 KB raw line: moto's time
    // goes by item and attribute, not by byte (5,000 small matches took ~30 CPU-s, 20,000
    // took 220 s); bench/merger sends 100,000.
    const n = 1_250;
    await put(
      table,
      Array.from({ length: n }, (_, i) =>
        matchItem(i, T0 + Math.floor((i * 10 * MIN) / n), { ...login(i), raw: rawLine(i) }),
      ),
    );
    const client = dynamo();
    let scans = 0;
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'ScanCommand') scans++;
        return next(args);
      },
      { step: 'initialize', name: 'countScans' },
    );
    const { merger } = setup(table, undefined, client);
    // No Lambda clock: moto's Scan is far slower than DynamoDB's (bench/merger prints the merger's own time).
    const report = await merger().run();
    expect(scans).toBeGreaterThanOrEqual(3);
    expect(report.leftForNextRun).toBe(0);
    expect(report.sent.map((a) => a.record.AlertCount)).toEqual([n]);
    const [body, ...others] = await drain(alertsQueue);
    expect(others).toEqual([]);
    const alert = JSON.parse(body!) as Alert;
    expect(alert.record).toMatchObject({
      AlertCount: n,
      MergedBy: { host: 'bastion-1' },
      OtherCommonKeys: { application: 'sshd' },
    });
    // Distinct values: the first 20 and how many more (7 users: all listed).
    expect((alert.record.DistinctValues as Record<string, unknown[]>).user).toHaveLength(7);
    expect((alert.record.DistinctValues as Record<string, unknown[]>).message).toHaveLength(21);
    expect(await tableCount(table)).toBe(0);
  }, 240_000);

  it('sets aside an item nested 45,000 deep; its window of 10 is sent', async () => {
    const table = await createTable();
    const deadLetters = await createQueue('hostile-dlq-deep');
    const legit = Array.from({ length: 10 }, (_, i) => matchItem(i, T0 + i * 1000));
    // Made as text: JSON.stringify of such a value would overflow the test's own stack.
    const depth = 45_000;
    const poisonAlert = alertOf(99, { host: 'bastion-1', application: 'sshd', deep: 0 });
    const text = JSON.stringify(poisonAlert).replace(
      '"deep":0',
      `"deep":${'['.repeat(depth)}${']'.repeat(depth)}`,
    );
    const poison = toItem({ alert: poisonAlert, created: T0 + 5000 }, SETTINGS, text);
    await put(table, [...legit, poison]);
    const { merger, logLines, metric } = setup(table, deadLetters);

    const report = await merger().run(fullRun());
    expect(report.sent.map((a) => a.record.AlertCount)).toEqual([10]);
    expect(report.setAside).toBe(1);
    expect(metric('MergeItemsSetAside')).toBe(1);
    const logged = logLines.find((l) => l.includes('set aside'))!;
    expect(JSON.parse(logged)).toMatchObject({
      rule: RULE,
      key: '["bastion-1"]',
      alert_id: poisonAlert.id,
      reason: expect.stringContaining('nested deeper than') as unknown,
    });
    const [letter, ...more] = await drain(deadLetters);
    expect(more).toEqual([]);
    expect(JSON.parse(letter!)).toMatchObject({
      origin: `${RULE}/${poisonAlert.id}`,
      reason: expect.stringContaining('nested deeper than') as unknown,
    });
    expect(await drain(alertsQueue)).toHaveLength(1);
    // The window went out and the poison left the table: nothing blocks the next run.
    expect(await tableCount(table)).toBe(0);
  }, 60_000);

  it('sets aside an item dated ten years ahead with WindowMs 1e15; its window is sent', async () => {
    const table = await createTable();
    const deadLetters = await createQueue('hostile-dlq-future');
    const legit = Array.from({ length: 5 }, (_, i) => matchItem(i, T0 + i * MIN));
    const future = matchItem(50, T0 + 10 * 365 * 24 * 60 * MIN);
    future.WindowMs = { N: '1000000000000000' };
    await put(table, [...legit, future]);
    const { merger, metric } = setup(table, deadLetters);

    const report = await merger().run(fullRun());
    expect(report.sent.map((a) => a.record.AlertCount)).toEqual([5]);
    expect(report.setAside).toBe(1);
    expect(metric('MergeItemsSetAside')).toBe(1);
    const letters = (await drain(deadLetters)).map((b) => JSON.parse(b) as { reason: string });
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toMatch(/in the future/);
    expect(await drain(alertsQueue)).toHaveLength(1);
    expect(await tableCount(table)).toBe(0);
  }, 60_000);

  it('cuts windows with the deployed rule, not with the window an item claims', async () => {
    const table = await createTable();
    // Every item claims a 1-minute window; the rule merges over 10: one window of 4, not 4 of 1.
    const items = [0, 2, 4, 6].map((m, i) => {
      const item = matchItem(i, T0 + m * MIN);
      item.WindowMs = { N: String(MIN) };
      item.Threshold = { N: '1' };
      return item;
    });
    await put(table, items);
    const { merger } = setup(table);
    const report = await merger().run(fullRun());
    expect(report.sent.map((a) => a.record.AlertCount)).toEqual([4]);
    await drain(alertsQueue);
  }, 60_000);

  it('stops before its time runs out and leaves the rest to the next run; nothing is lost', async () => {
    const table = await createTable();
    const hosts = ['web-1', 'web-2', 'web-3'];
    await put(
      table,
      hosts.flatMap((host, h) =>
        [0, 1, 2].map((k) => matchItem(h * 10 + k, T0 + h * 1000 + k * MIN, login(k, host))),
      ),
    );
    const { merger, publisher, metric } = setup(table);
    // The Lambda's clock: plenty until the first window is published, then 5 s left.
    let left = 50_000;
    const context: RunContext = { getRemainingTimeInMillis: () => left };
    const slow = {
      publish: async (alerts: readonly Alert[]) => {
        const failed = await publisher.publish(alerts);
        left = 5_000;
        return failed;
      },
    };
    const first = await merger(slow).run(context);
    expect(first.sent).toHaveLength(1);
    expect(first.leftForNextRun).toBe(2);
    expect(metric('MergeWindowsLeft')).toBe(2);
    expect(await tableCount(table)).toBe(6);

    const second = await merger().run(fullRun());
    expect(second.sent).toHaveLength(2);
    const sent = [...first.sent, ...second.sent].map((a) => a.record.MergedBy);
    expect(sent).toEqual(expect.arrayContaining(hosts.map((host) => ({ host }))));
    expect(await drain(alertsQueue)).toHaveLength(3);
    expect(await tableCount(table)).toBe(0);
  }, 60_000);

  it('sends a merged alert too large for SNS reduced: the count, the first and latest records, a sample', async () => {
    const table = await createTable();
    const n = 300;
    // 8 KB of escapes per record (6 bytes each in JSON): 50 diffs alone are past 256 KiB.
    const big = (i: number) => ({ ...login(i), blob: `${i}:${'\u0001'.repeat(1400)}` });
    await put(
      table,
      Array.from({ length: n }, (_, i) => matchItem(i, T0 + i * 1000, big(i))),
    );
    const { merger } = setup(table);
    const report = await merger().run(fullRun());
    expect(report.sent).toHaveLength(1);
    const [body] = await drain(alertsQueue);
    expect(Buffer.byteLength(body!)).toBeLessThanOrEqual(256 * 1024);
    const record = (JSON.parse(body!) as Alert).record;
    expect(record.AlertCount).toBe(n);
    expect(record.FirstRecord).toEqual(big(0));
    expect(record.LatestRecord).toEqual(big(n - 1));
    expect((record.Sample as unknown[]).length).toBeGreaterThan(0);
    expect(record['streamalert:reduced']).toBeDefined();
  }, 60_000);
});

describe('the merge writer when the table does not take a match', () => {
  /** A client whose PutItem calls all fail like DynamoDB throttling, counted. */
  function throttled(): { client: DynamoDBClient; calls: () => number } {
    const client = dynamo({ maxAttempts: 1 });
    let calls = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutItemCommand') {
          calls++;
          throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
            name: 'ProvisionedThroughputExceededException',
            $metadata: {},
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'testThrottle' },
    );
    return { client, calls: () => calls };
  }

  it('dead-letters a match throttled past every retry, with the reason and a metric', async () => {
    const table = await createTable();
    const deadLetters = await createQueue('hostile-dlq-throttled');
    const logLines: string[] = [];
    const logger = createLogger({ metrics: true, write: (l) => logLines.push(l) });
    const { client, calls } = throttled();
    const writer = createMergeWriter(
      client,
      table,
      logger,
      FAST,
      () => T0,
      createSqsDeadLetterSink(sqs, deadLetters, logger),
    );
    const alert = alertOf(1, login(1));
    // Handled (not handed back for a Kinesis retry that would meet the same throttled table).
    expect(await writer.write([{ alert, settings: SETTINGS }])).toEqual([]);
    expect(calls()).toBe(FAST.attempts);
    const [letter] = (await drain(deadLetters)).map(
      (b) => JSON.parse(b) as { reason: string; data_base64: string },
    );
    expect(letter!.reason).toMatch(/not counted in its window.*ProvisionedThroughputExceeded/);
    expect(JSON.parse(Buffer.from(letter!.data_base64, 'base64').toString())).toMatchObject({
      id: alert.id,
      rule_name: RULE,
    });
    expect(logLines).toContain(
      JSON.stringify({ metric_name: 'MergeMatchesDeadLettered', metric_value: 1 }),
    );
  }, 60_000);

  it('takes a match over DynamoDB’s 400 KB as poison at once, not as a transient failure', async () => {
    const table = await createTable();
    const deadLetters = await createQueue('hostile-dlq-large');
    const logLines: string[] = [];
    const logger = createLogger({ metrics: true, write: (l) => logLines.push(l) });
    const { client, calls } = throttled();
    const writer = createMergeWriter(
      client,
      table,
      logger,
      FAST,
      () => T0,
      createSqsDeadLetterSink(sqs, deadLetters, logger),
    );
    // The alert text is cut to fit SNS, but a 300 KB merge key value is stored twice (MergeKey and Alert).
    const alert = alertOf(2, { ...login(2), host: 'x'.repeat(300 * 1024) });
    expect(await writer.write([{ alert, settings: SETTINGS }])).toEqual([]);
    expect(calls()).toBe(0);
    const [letter] = (await drain(deadLetters)).map((b) => JSON.parse(b) as { reason: string });
    expect(letter!.reason).toMatch(/over DynamoDB's item limit/);
    expect(logLines).toContain(
      JSON.stringify({ metric_name: 'MergePoisonMatches', metric_value: 1 }),
    );
  }, 60_000);
});
