/**
 * Alerts too large for the alerts topic (issue 28, item 5), against a real moto through the
 * real SNS SDK client: an alerting field of 600,000 `"` or 400,000 U+0001 is far larger once
 * escaped than its character count, and such an alert used to be refused by SNS on every
 * try. Every alert is delivered: cut to the topic's limit, or reduced to a size note and the
 * record's location. moto counts characters where SNS counts bytes, so the test asserts the
 * bytes of what arrived.
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { createRuleProcessor } from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { s3ObjectSource } from '../../src/processors/rule-processor/s3-objects.js';
import { createSnsPublisher } from '../../src/processors/rule-processor/sink.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { rule } from '../../src/rules-api/index.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-west-2';
const STREAM = 'oversized_alerts_stream';
const BUCKET = 'oversized-alerts-logs';
/** What SNS takes per message: 256 KiB of UTF-8. */
const SNS_LIMIT = 256 * 1024;

const LOGS = { 'test:events': { parser: 'json', schema: { kind: 'string', payload: {} } } };
const SOURCES = { kinesis: { [STREAM]: { logs: ['test'] } }, s3: { [BUCKET]: { logs: ['test'] } } };
const RULES = [
  rule({
    name: 'kind_alert',
    logs: ['test:events'],
    outputs: ['slack:security'],
    rule: (r) => r.kind === 'alert',
  }),
  // Copies the alerting field into its context, as a rule filling in what an output acts on does.
  rule({
    name: 'copies_to_context',
    logs: ['test:events'],
    outputs: ['slack:security'],
    context: { slack: { text: '' } },
    rule: (r, context) => {
      if (r.kind !== 'copy') return false;
      context!.slack.text = (r.payload as { field: string }).field;
      return true;
    },
  }),
];

let moto: Moto;
let sqs: SQSClient;
let sns: SNSClient;
let s3: S3Client;
let alertsQueue: string;
let topicArn: string;
let logLines: string[];

function kinesisRecord(data: string, seq: string) {
  return {
    eventSourceARN: `arn:aws:kinesis:${REGION}:123456789012:stream/${STREAM}`,
    kinesis: { data: Buffer.from(data).toString('base64'), sequenceNumber: seq, partitionKey: 'p' },
  };
}
const event = (kind: string, field: string) => JSON.stringify({ kind, payload: { field } });

function processor() {
  logLines = [];
  const logger = createLogger({ level: 'debug', metrics: true, write: (l) => logLines.push(l) });
  return createRuleProcessor({
    classifier: createClassifier({ logs: toLogs(LOGS), sources: toSources(SOURCES) }),
    engine: createRulesEngine(RULES, logger),
    publisher: createSnsPublisher(sns, topicArn, logger, 1),
    objects: s3ObjectSource(() => s3),
    logger,
  });
}

/** The raw bodies SNS delivered to the queue so far. */
async function delivered(expected: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let idle = 0; idle < 2;) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: alertsQueue,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: bodies.length >= expected ? 0 : 1,
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) idle++;
    for (const m of messages) {
      bodies.push(m.Body!);
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: alertsQueue, ReceiptHandle: m.ReceiptHandle! }),
      );
    }
  }
  return bodies;
}

beforeAll(async () => {
  moto = await startMoto();
  sqs = new SQSClient(clientConfig(moto, REGION));
  sns = new SNSClient(clientConfig(moto, REGION));
  s3 = new S3Client(clientConfig(moto, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'oversized_streamalerts' }))).TopicArn!;
  alertsQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-reader' }))).QueueUrl!;
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
  await s3.send(
    new CreateBucketCommand({
      Bucket: BUCKET,
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
}, 600_000);

afterAll(async () => {
  await moto?.stop();
});

describe('alerts too large for the topic', () => {
  it('are delivered cut to the limit in bytes, escapes and UTF-8 included, and never retried', async () => {
    const fields = {
      quotes: '"'.repeat(600_000),
      controls: '\u0001'.repeat(400_000),
      accents: 'é'.repeat(200_000), // 200,000 characters, 400,000 bytes
      emoji: '😀'.repeat(100_000) + 'x', // surrogate pairs: a cut must not split one
    };
    const records = Object.values(fields).map((f, i) =>
      kinesisRecord(event('alert', f), String(i + 1)),
    );
    const result = await processor().handle({
      Records: [kinesisRecord(event('alert', 'small'), '0'), ...records],
    });
    expect(result).toEqual({ batchItemFailures: [] });

    const bodies = await delivered(5);
    expect(bodies).toHaveLength(5);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(SNS_LIMIT);
    const records_ = bodies.map(
      (b) => (JSON.parse(b) as { record: Record<string, unknown> }).record,
    );
    expect(records_.filter((r) => 'payload' in r)).toEqual([
      { kind: 'alert', payload: { field: 'small' } },
    ]);
    const cut = records_.filter((r) => 'streamalert:truncated' in r);
    expect(cut).toHaveLength(4);
    for (const field of Object.values(fields)) {
      const original = JSON.stringify({ kind: 'alert', payload: { field } });
      const match = cut.find((r) => r['streamalert:record_bytes'] === Buffer.byteLength(original))!;
      const start = match['streamalert:truncated'] as string;
      // The start of the record's JSON text, as much of it as the limit allows.
      expect(original.startsWith(start)).toBe(true);
      expect(start.length).toBeGreaterThan(40_000);
      expect(start).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
    expect(logLines.filter((l) => l.includes('"metric_name":"AlertsReduced"'))).toHaveLength(4);
  }, 120_000);

  it('whose record cannot fit beside a large context are delivered reduced: a size note and where the record is', async () => {
    const big = '\u0001'.repeat(100_000); // 600,000 bytes once escaped
    const key = 'logs/2026-12-05.json';
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: [event('nothing', ''), event('copy', big), event('alert', 'small')].join('\n'),
      }),
    );
    const result = await processor().handle({
      Records: [{ awsRegion: REGION, s3: { bucket: { name: BUCKET }, object: { key } } }],
    });
    expect(result).toEqual({ batchItemFailures: [] });

    const bodies = await delivered(2);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(SNS_LIMIT);
    const reduced = bodies
      .map((b) => JSON.parse(b) as Record<string, unknown>)
      .find((a) => a.rule_name === 'copies_to_context')!;
    expect(reduced.record).toEqual({
      'streamalert:record_too_large': {
        record_bytes: Buffer.byteLength(JSON.stringify({ kind: 'copy', payload: { field: big } })),
        limit_bytes: expect.any(Number),
        note: expect.stringContaining('does not fit'),
        location: { service: 's3', entity: BUCKET, origin: `s3://${BUCKET}/${key}`, line: 2 },
      },
    });
    expect(reduced.context).toEqual({
      'streamalert:context_too_large': {
        context_bytes: Buffer.byteLength(JSON.stringify({ slack: { text: big } })),
      },
    });
    expect(reduced.outputs).toEqual(['slack:security']);
  }, 120_000);
});
