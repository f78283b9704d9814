/**
 * Merging and thresholds against moto: the rule processor writes the matches of a merging
 * rule to a DynamoDB table shaped like the stream_alert module's, the merger sends one
 * alert per closed window to a moto SNS topic (drained through SQS). Time is a parameter
 * of both, so windows open and close without waiting.
 */
import path from 'node:path';
import {
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
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { ProcessorsConfig } from '../../src/processors/config/types.js';
import { createAlertMerger } from '../../src/processors/alert-merger/merger.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { createMergeWriter } from '../../src/processors/rule-processor/merge-writer.js';
import { createRuleProcessor } from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createSnsPublisher } from '../../src/processors/rule-processor/sink.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { mergeSettingsOf } from '../../src/processors/shared/merge.js';
import { rule, type Rule } from '../../src/rules-api/index.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';
import { REPO_ROOT } from '../support/processor-bundles.js';

const REGION = 'us-west-2';
const STREAM = 'acme_production_stream_alert_kinesis';
const MIN = 60_000;
const T0 = Date.parse('2026-01-12T06:00:00Z');
const FAST = { attempts: 5, baseDelayMs: 1 };

let moto: Moto;
let sqs: SQSClient;
let queueUrl: string;
let topicArn: string;
let config: ProcessorsConfig;
let tables = 0;

const sshFailures = rule({
  name: 'ssh_failures',
  description: 'sshd logged a failed login',
  logs: ['syslog:log'],
  outputs: ['aws-s3:alerts-archive'],
  merge_by_keys: ['host'],
  merge_window_mins: 10,
  threshold: 3,
  rule: (rec) => rec.application === 'sshd' && String(rec.message).startsWith('Failed password'),
});

function line(host: string, user: string, n: number): string {
  return `Jan 12 06:21:${String(n % 60).padStart(2, '0')} ${host} sshd[${2800 + n}]: Failed password for ${user} from 203.0.113.${n} port 40122 ssh2`;
}

function kinesisRecord(data: string, seq: string) {
  return {
    eventSourceARN: `arn:aws:kinesis:${REGION}:123456789012:stream/${STREAM}`,
    kinesis: { data: Buffer.from(data).toString('base64'), sequenceNumber: seq, partitionKey: 'p' },
  };
}

/** A fresh table shaped like the module's (RuleName + AlertID, on demand). */
async function createTable(): Promise<string> {
  const name = `merge_${++tables}`;
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

function dynamo(extra: Partial<DynamoDBClientConfig> = {}): DynamoDBClient {
  return new DynamoDBClient({ ...clientConfig(moto, REGION), ...extra });
}

/** A client whose first `n` calls of `command` fail as DynamoDB does when it throttles (before the SDK's own retries). */
function throttlingDynamo(
  command: string,
  n: number,
): { client: DynamoDBClient; thrown: () => number } {
  const client = dynamo({ maxAttempts: 1 });
  let thrown = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === command && thrown < n) {
        thrown++;
        throw Object.assign(
          new Error('The level of configured provisioned throughput for the table was exceeded'),
          {
            name: 'ProvisionedThroughputExceededException',
            $metadata: {},
          },
        );
      }
      return next(args);
    },
    { step: 'initialize', name: 'testThrottle' },
  );
  return { client, thrown: () => thrown };
}

function setup(
  table: string,
  client: DynamoDBClient,
  clock: { now: number },
  rules: Rule[] = [sshFailures],
) {
  const logLines: string[] = [];
  const logger = createLogger({ level: 'debug', metrics: true, write: (l) => logLines.push(l) });
  const settings = new Map(rules.map((r) => [r.name, mergeSettingsOf(r)!]));
  const processor = createRuleProcessor({
    classifier: createClassifier(config),
    engine: createRulesEngine(rules, logger),
    publisher: createSnsPublisher(new SNSClient(clientConfig(moto, REGION)), topicArn, logger),
    objects: { open: () => Promise.reject(new Error('no S3 here')) },
    logger,
    merging: { settings, writer: createMergeWriter(client, table, logger, FAST, () => clock.now) },
  });
  const merger = createAlertMerger({
    dynamo: client,
    table,
    publisher: createSnsPublisher(new SNSClient(clientConfig(moto, REGION)), topicArn, logger),
    logger,
    rules: settings,
    now: () => clock.now,
    policy: FAST,
  });
  return { processor, merger, logLines };
}

async function tableCount(table: string): Promise<number> {
  return (await dynamo().send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
}

/** Drains the queue: every alert SNS delivered so far. */
async function receivedAlerts(expected: number): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (let idle = 0; idle < 2;) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: alerts.length >= expected ? 1 : 2,
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) idle++;
    for (const m of messages) {
      alerts.push(JSON.parse(m.Body!) as Alert);
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }),
      );
    }
  }
  return alerts;
}

beforeAll(async () => {
  moto = await startMoto();
  sqs = new SQSClient(clientConfig(moto, REGION));
  const sns = new SNSClient(clientConfig(moto, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'merging_streamalerts' }))).TopicArn!;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'merged-alerts' }))).QueueUrl!;
  const queueArn = (
    await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
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
  ({ config } = await loadProcessorsConfig(path.join(REPO_ROOT, 'examples', 'production', 'conf')));
}, 120_000);

afterAll(async () => {
  await moto?.stop();
});

describe('alert merging and thresholds against moto DynamoDB', () => {
  it('N matches in a window become one alert with the count; a retried batch does not count twice', async () => {
    const table = await createTable();
    const clock = { now: T0 };
    const { processor, merger } = setup(table, dynamo(), clock);
    const batch = {
      Records: [
        kinesisRecord(line('bastion-1', 'admin', 1), '1'),
        kinesisRecord(line('bastion-1', 'root', 2), '2'),
        kinesisRecord(line('bastion-2', 'admin', 3), '3'),
      ],
    };
    expect(await processor.handle(batch)).toEqual({ batchItemFailures: [] });
    // Kinesis delivers the same batch again (a retry): the same records count once.
    clock.now = T0 + 1 * MIN;
    expect(await processor.handle(batch)).toEqual({ batchItemFailures: [] });
    clock.now = T0 + 4 * MIN;
    await processor.handle({
      Records: [
        kinesisRecord(line('bastion-1', 'admin', 4), '4'),
        kinesisRecord(line('bastion-1', 'oracle', 5), '5'),
      ],
    });
    // Nothing goes out while the window is open, and matches are not sent one by one.
    clock.now = T0 + 9 * MIN;
    expect((await merger.run()).sent).toEqual([]);
    expect(await tableCount(table)).toBe(5);

    clock.now = T0 + 11 * MIN;
    const report = await merger.run();
    // bastion-1: 4 matches >= threshold 3; bastion-2: 1 match, below it: dropped.
    expect(report.sent.map((a) => a.record.AlertCount)).toEqual([4]);
    expect(report.belowThreshold).toBe(1);
    const [alert, ...others] = await receivedAlerts(1);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      rule_name: 'ssh_failures',
      log_source: 'syslog:log',
      source_entity: STREAM,
      outputs: ['aws-s3:alerts-archive'],
      record: {
        AlertCount: 4,
        AlertTimeFirst: new Date(T0).toISOString(),
        AlertTimeLast: new Date(T0 + 4 * MIN).toISOString(),
        MergedBy: { host: 'bastion-1' },
        OtherCommonKeys: { application: 'sshd' },
      },
    });
    expect((alert!.record.DistinctValues as Record<string, unknown[]>).message).toHaveLength(4);
    expect(Object.keys(alert!.record.ValueDiffs as object)).toHaveLength(4);
    // Sent windows leave the table; the next run sends nothing again.
    expect(await tableCount(table)).toBe(0);
    expect((await merger.run()).sent).toEqual([]);
  }, 60_000);

  it('matches of one key across two windows become two alerts', async () => {
    const table = await createTable();
    const clock = { now: T0 };
    const { processor, merger } = setup(table, dynamo(), clock);
    const at = async (mins: number, n: number) => {
      clock.now = T0 + mins * MIN;
      await processor.handle({ Records: [kinesisRecord(line('web-1', 'deploy', n), String(n))] });
    };
    // Window 1 starts at 0 and ends at 10; the match at 12 starts window 2 (ends at 22).
    for (const [mins, n] of [
      [0, 1],
      [3, 2],
      [9, 3],
      [12, 4],
      [15, 5],
      [21, 6],
    ] as const)
      await at(mins, n);
    clock.now = T0 + 40 * MIN;
    const report = await merger.run();
    expect(report.sent.map((a) => [a.record.AlertTimeFirst, a.record.AlertCount])).toEqual([
      [new Date(T0).toISOString(), 3],
      [new Date(T0 + 12 * MIN).toISOString(), 3],
    ]);
    const received = await receivedAlerts(2);
    expect(received.map((a) => a.id).sort()).toEqual(report.sent.map((a) => a.id).sort());
    expect(new Set(received.map((a) => a.id)).size).toBe(2);
  }, 60_000);

  it('a throttled write is retried and counted; one that keeps failing is retried by Kinesis, and nothing is lost', async () => {
    const table = await createTable();
    const clock = { now: T0 };
    // The first 3 PutItem calls are throttled: the writer's own retries get every match in.
    const first = throttlingDynamo('PutItemCommand', 3);
    const a = setup(table, first.client, clock);
    const records = [1, 2, 3, 4].map((n) => kinesisRecord(line('db-1', `u${n}`, n), String(n)));
    expect(await a.processor.handle({ Records: records })).toEqual({ batchItemFailures: [] });
    expect(first.thrown()).toBe(3);
    expect(a.logLines).toContain(
      JSON.stringify({ metric_name: 'MergeThrottles', metric_value: 3 }),
    );
    expect(await tableCount(table)).toBe(4);

    // Throttled past every retry (5 attempts): the record is handed back to Kinesis...
    const stuck = throttlingDynamo('PutItemCommand', 5);
    const b = setup(table, stuck.client, clock);
    const fifth = kinesisRecord(line('db-1', 'u5', 5), '5');
    expect(await b.processor.handle({ Records: [fifth] })).toEqual({
      batchItemFailures: [{ itemIdentifier: '5' }],
    });
    expect(b.logLines).toContain(
      JSON.stringify({ metric_name: 'MergeWriteFailures', metric_value: 1 }),
    );
    // ...whose retry gets it in.
    expect(await b.processor.handle({ Records: [fifth] })).toEqual({ batchItemFailures: [] });

    // The merger's reads and deletes are throttled too: retried, and the window goes out once.
    const merging = throttlingDynamo('ScanCommand', 2);
    const c = setup(table, merging.client, clock);
    clock.now = T0 + 11 * MIN;
    const report = await c.merger.run();
    expect(report.throttles).toBe(2);
    expect(report.sent.map((x) => x.record.AlertCount)).toEqual([5]);
    expect(await receivedAlerts(1)).toHaveLength(1);
    expect(await tableCount(table)).toBe(0);
  }, 60_000);
});
