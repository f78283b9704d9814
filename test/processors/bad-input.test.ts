/**
 * The rule processor under bad input, against a real moto (issue 8, items 1 and 2):
 * poison records are dead-lettered to an SQS queue and never retried, publish failures
 * retry exactly the affected records, decompression stops at the ceiling, and a csv header
 * only orders the columns of its own payload.
 */
import { createGzip, gzipSync } from 'node:zlib';
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
import type { Alert } from '../../src/processors/shared/alert.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { createSqsDeadLetterSink } from '../../src/processors/rule-processor/dead-letters.js';
import {
  DEFAULT_LIMITS,
  limitsFromEnv,
  type RecordLimits,
} from '../../src/processors/rule-processor/limits.js';
import {
  createRuleProcessor,
  type RuleProcessorDeps,
} from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { s3ObjectSource } from '../../src/processors/rule-processor/s3-objects.js';
import {
  createSnsPublisher,
  type AlertPublisher,
} from '../../src/processors/rule-processor/sink.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { rule } from '../../src/rules-api/index.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-west-2';
const STREAM = 'bad_input_stream';
const OTHER_STREAM = 'other_csv_stream';
const BUCKET = 'bad-input-logs';
const MiB = 1024 * 1024;

const LOGS = {
  'test:events': { parser: 'json', schema: { kind: 'string', payload: {} } },
  'test:csv': {
    parser: 'csv',
    schema: { a: 'string', b: 'string', c: 'string' },
    configuration: { header: true },
  },
};
const SOURCES = {
  kinesis: { [STREAM]: { logs: ['test'] }, [OTHER_STREAM]: { logs: ['test:csv'] } },
  s3: { [BUCKET]: { logs: ['test'] } },
};

const RULES = [
  rule({
    name: 'kind_alert',
    logs: ['test:events'],
    outputs: ['slack:security'],
    rule: (r) => r.kind === 'alert',
  }),
  // Leaves its record unserializable: the alert it raises can never be published.
  rule({
    name: 'makes_cycle',
    logs: ['test:events'],
    outputs: ['slack:security'],
    rule: (r) => {
      if (r.kind !== 'cycle') return false;
      (r.payload as Record<string, unknown>).self = r;
      return true;
    },
  }),
  rule({
    name: 'throws',
    logs: ['test:events'],
    outputs: ['slack:security'],
    rule: (r) => {
      if (r.kind === 'boom') throw new Error('rule bug');
      return false;
    },
  }),
  rule({
    name: 'every_csv_row',
    logs: ['test:csv'],
    outputs: ['slack:security'],
    rule: () => true,
  }),
];

let moto: Moto;
let sqs: SQSClient;
let sns: SNSClient;
let s3: S3Client;
let alertsQueue: string;
let deadLetterQueue: string;
let topicArn: string;
let logLines: string[];

function kinesisRecord(data: Buffer | string, seq: string, stream = STREAM) {
  return {
    eventSourceARN: `arn:aws:kinesis:${REGION}:123456789012:stream/${stream}`,
    kinesis: { data: Buffer.from(data).toString('base64'), sequenceNumber: seq, partitionKey: 'p' },
  };
}
const event = (kind: string, payload: unknown = {}) => JSON.stringify({ kind, payload });

/**
 * A gzip "bomb": `prefix`, then `size` bytes of spaces, compressed chunk by chunk so the
 * test itself never holds the inflated bytes (the peak RSS is what the tests measure).
 */
async function gzipBomb(size: number, prefix = ''): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(MiB, 0x20);
  if (prefix) gzip.write(prefix);
  for (let written = 0; written < size; written += MiB) {
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

/**
 * Valid JSON that compresses about a thousand to one: `{"kind":"alert","payload":[` then
 * `{"k":"v"},` up to `size` bytes (two keys and values per 10 bytes), gzipped chunk by chunk.
 */
async function gzipJsonBomb(size: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  gzip.write('{"kind":"alert","payload":[');
  const chunk = Buffer.from('{"k":"v"},'.repeat(MiB / 8));
  for (let written = 0; written < size; written += chunk.length) {
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  }
  gzip.end('{}]}');
  await done;
  return Buffer.concat(out);
}

/** JSON text nested `depth` arrays deep (JSON.parse takes it; a recursive walk or JSON.stringify of it may not). */
const deepJson = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

function processor(
  options: {
    publisher?: AlertPublisher;
    deadLetterQueue?: string | null;
    limits?: Partial<RecordLimits>;
  } = {},
) {
  logLines = [];
  const logger = createLogger({ level: 'debug', metrics: true, write: (l) => logLines.push(l) });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const deps: RuleProcessorDeps = {
    // As the Lambda wires it: the classifier parses JSON within the same limits.
    classifier: createClassifier({ logs: toLogs(LOGS), sources: toSources(SOURCES) }, limits),
    engine: createRulesEngine(RULES, logger),
    publisher: options.publisher ?? createSnsPublisher(sns, topicArn, logger),
    objects: s3ObjectSource(() => s3),
    logger,
    collectAlerts: true,
    limits,
  };
  const dlq = options.deadLetterQueue === undefined ? deadLetterQueue : options.deadLetterQueue;
  if (dlq) deps.deadLetters = createSqsDeadLetterSink(sqs, dlq, logger, 1);
  return createRuleProcessor(deps);
}

/** Drains a queue: every message received so far. */
async function drain(queueUrl: string, expected: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let idle = 0; idle < 2;) {
    const res = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: bodies.length >= expected ? 0 : 1,
      }),
    );
    const messages = res.Messages ?? [];
    if (messages.length === 0) idle++;
    for (const m of messages) {
      bodies.push(m.Body!);
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }),
      );
    }
  }
  return bodies;
}
const alertsDelivered = async (expected: number) =>
  (await drain(alertsQueue, expected)).map((b) => JSON.parse(b) as Alert);
interface Letter {
  dead_letter: string;
  service: string;
  entity: string;
  origin: string;
  sequence_number?: string;
  line?: number;
  reason: string;
  data_base64: string | null;
  data_bytes: number;
  data_truncated: boolean;
}
const deadLetters = async (expected: number) =>
  (await drain(deadLetterQueue, expected)).map((b) => JSON.parse(b) as Letter);

beforeAll(async () => {
  moto = await startMoto();
  sqs = new SQSClient(clientConfig(moto, REGION));
  sns = new SNSClient(clientConfig(moto, REGION));
  s3 = new S3Client(clientConfig(moto, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'bad_input_streamalerts' }))).TopicArn!;
  alertsQueue = (await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-reader' }))).QueueUrl!;
  deadLetterQueue = (
    await sqs.send(new CreateQueueCommand({ QueueName: 'prefix_cluster_streamalert_dead_letters' }))
  ).QueueUrl!;
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

describe('bad input: bounded work per record', () => {
  // First in the file, so the process's peak RSS before it is the baseline.
  it('a Kinesis gzip bomb stops inflating at the ceiling and is dead-lettered, not retried', async () => {
    const ceiling = 8 * MiB;
    const bomb = await gzipBomb(400 * MiB); // ~400 KB that inflate to 400 MiB
    expect(bomb.length).toBeLessThan(1 * MiB);
    global.gc?.();
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const p = processor({ limits: { maxDecompressedBytes: ceiling } });
    const report = await p.process({
      Records: [
        kinesisRecord(event('alert', { n: 1 }), '1'),
        kinesisRecord(bomb, '2'),
        kinesisRecord(event('alert', { n: 2 }), '3'),
      ],
    });
    const peakAfter = process.resourceUsage().maxRSS * 1024;
    // The 400 MiB never existed: the process grew by about the ceiling at most, not by the bomb.
    expect(peakAfter - peakBefore).toBeLessThan(120 * MiB);
    expect(report.batchItemFailures).toEqual([]);
    expect(report.poisonCount).toBe(1);
    expect(report.deadLettered).toBe(1);
    expect(report.unclassified.map((u) => [u.origin, u.reason])).toEqual([
      ['2', 'gzip data decompresses to more than 8 MiB (the limit); decompression stopped there'],
    ]);
    const [letter] = await deadLetters(1);
    expect(letter).toMatchObject({
      dead_letter: 'streamalert:poison_record',
      service: 'kinesis',
      entity: STREAM,
      origin: '2',
      sequence_number: '2',
      data_bytes: bomb.length,
      data_truncated: true,
    });
    // The record as it was put on the stream (cut to fit SQS's 256 KiB): it can be replayed.
    expect(Buffer.from(letter!.data_base64!, 'base64')).toEqual(
      bomb.subarray(0, Buffer.from(letter!.data_base64!, 'base64').length),
    );
    expect((await alertsDelivered(2)).map((a) => a.record.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('an S3 object that inflates past the ceiling in one line stops there: earlier lines alert, the object is dead-lettered', async () => {
    const ceiling = 8 * MiB;
    const key = 'bombs/one-line.json.gz';
    const body = await gzipBomb(400 * MiB, `${event('alert', { n: 'before' })}\n`);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const report = await processor({ limits: { maxDecompressedBytes: ceiling } }).process({
      Records: [{ awsRegion: REGION, s3: { bucket: { name: BUCKET }, object: { key } } }],
    });
    expect(process.resourceUsage().maxRSS * 1024 - peakBefore).toBeLessThan(120 * MiB);
    expect(report.failedOrigins).toEqual([]);
    expect(report.poisonCount).toBe(1);
    expect(report.unclassified[0]!.reason).toBe(
      `line 2 of s3://${BUCKET}/${key} is longer than 8 MiB (the limit); reading stopped there`,
    );
    const [letter] = await deadLetters(1);
    expect(letter).toMatchObject({
      service: 's3',
      entity: BUCKET,
      origin: `s3://${BUCKET}/${key}`,
      data_base64: null,
    });
    expect((await alertsDelivered(1)).map((a) => a.record.payload)).toEqual([{ n: 'before' }]);
  });

  it('with a 256 MB function, JSON bombs under the byte ceiling are poison before they are parsed', async () => {
    // What the Lambda reads: its memory size (set by Lambda) and the configured ceiling.
    const limits = limitsFromEnv({
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      MAX_DECOMPRESSED_BYTES: String(64 * MiB),
    });
    // An eighth of the memory for the text, a quarter for the parsed value (100 bytes an item).
    expect(limits).toMatchObject({ maxDecompressedBytes: 32 * MiB, maxJsonItems: 671_088 });
    const manyItems = await gzipJsonBomb(16 * MiB); // 3.4 million keys and values
    const underOldCeiling = await gzipJsonBomb(64 * MiB - 64);
    expect(underOldCeiling.length).toBeLessThan(256 * 1024);
    const p = processor({ limits });
    const report = await p.process({
      Records: [
        kinesisRecord(event('alert', { n: 1 }), '1'),
        kinesisRecord(manyItems, '2'),
        kinesisRecord(underOldCeiling, '3'),
        kinesisRecord(event('alert', { n: 2 }), '4'),
      ],
    });
    expect(report.batchItemFailures).toEqual([]);
    expect(report.unclassified.map((u) => [u.origin, u.reason])).toEqual([
      [
        '2',
        "JSON holds more than 671,088 keys and values (the limit for the function's memory); not parsed",
      ],
      ['3', 'gzip data decompresses to more than 32 MiB (the limit); decompression stopped there'],
    ]);
    expect(report.poisonCount).toBe(2);
    expect(report.deadLettered).toBe(2);
    expect(logLines).toContain(JSON.stringify({ metric_name: 'PoisonRecords', metric_value: 2 }));
    expect((await deadLetters(2)).map((l) => [l.origin, l.data_bytes])).toEqual([
      ['2', manyItems.length],
      ['3', underOldCeiling.length],
    ]);
    expect((await alertsDelivered(2)).map((a) => a.record.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('an S3 line holding more JSON items than the memory allows is dead-lettered alone', async () => {
    const limits = limitsFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' });
    const key = 'bombs/many-items.json';
    const items = `{"kind":"alert","payload":[${'{"k":"v"},'.repeat(400_000)}{}]}`;
    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: gzipSync(
          [event('alert', { n: 'first' }), items, event('alert', { n: 'last' })].join('\n'),
        ),
      }),
    );
    const report = await processor({ limits }).process({
      Records: [{ awsRegion: REGION, s3: { bucket: { name: BUCKET }, object: { key } } }],
    });
    expect(report.failedOrigins).toEqual([]);
    expect(report.unclassified.map((u) => u.reason)).toEqual([
      "JSON holds more than 671,088 keys and values (the limit for the function's memory); not parsed",
    ]);
    const [letter] = await deadLetters(1);
    expect(letter).toMatchObject({ origin: `s3://${BUCKET}/${key}`, line: 2 });
    expect((await alertsDelivered(2)).map((a) => a.record.payload)).toEqual([
      { n: 'first' },
      { n: 'last' },
    ]);
  });

  it('csv header state is per payload: a header on one source never reorders another source', async () => {
    const p = processor();
    const report = await p.process({
      Records: [
        kinesisRecord('c,b,a', '1', OTHER_STREAM), // a header alone, in one record
        kinesisRecord('1,2,3', '2', OTHER_STREAM), // another record: schema order
        kinesisRecord('c,b,a\n4,5,6', '3', OTHER_STREAM), // header and row in the same record
        kinesisRecord('7,8,9', '4', OTHER_STREAM),
      ],
    });
    expect(report.batchItemFailures).toEqual([]);
    expect(report.alerts.map((a) => a.record)).toEqual([
      { a: '1', b: '2', c: '3' },
      { a: '6', b: '5', c: '4' },
      { a: '7', b: '8', c: '9' },
    ]);
    // An S3 object's header applies to its own later lines only.
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'csv/with-header.csv', Body: 'c,b,a\n1,2,3\n' }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'csv/without-header.csv', Body: '1,2,3\n' }),
    );
    const s3Report = await processor().process({
      Records: ['csv/with-header.csv', 'csv/without-header.csv'].map((key) => ({
        awsRegion: REGION,
        s3: { bucket: { name: BUCKET }, object: { key } },
      })),
    });
    expect(s3Report.alerts.map((a) => a.record)).toEqual([
      { a: '3', b: '2', c: '1' },
      { a: '1', b: '2', c: '3' },
    ]);
    await alertsDelivered(5);
  });
});

describe('bad input: poison records never block a shard', () => {
  it('in one batch: good alerts delivered, poison records dead-lettered and not retried, a throwing rule counts as no match', async () => {
    const deep = event('alert', JSON.parse(deepJson(600)));
    const veryDeep = `{"kind":"alert","payload":${deepJson(10_000)}}`;
    const corruptGzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]);
    const report = await processor().process({
      Records: [
        kinesisRecord(event('alert', { n: 1 }), '100'),
        kinesisRecord(veryDeep, '101'),
        kinesisRecord(event('info', 1), '102'),
        kinesisRecord(event('cycle'), '103'),
        kinesisRecord(event('boom'), '104'),
        kinesisRecord(deep, '105'),
        kinesisRecord(corruptGzip, '106'),
        kinesisRecord(event('alert', { n: 2 }), '107'),
      ],
    });
    expect(report.batchItemFailures).toEqual([]);
    expect(report.failedOrigins).toEqual([]);
    expect(report.poisonCount).toBe(4);
    expect(report.deadLettered).toBe(4);
    const poison = report.unclassified.filter((u) =>
      ['101', '103', '105', '106'].includes(u.origin),
    );
    expect(poison.map((u) => u.origin)).toEqual(['101', '103', '105', '106']);
    expect(poison[0]!.reason).toBe('JSON nested more than 512 levels deep (the limit)');
    expect(poison[1]!.reason).toMatch(/^processing the record threw: TypeError: .*circular/i);
    expect(poison[3]!.reason).toMatch(/^gzip data does not decompress/);
    // The throwing rule is logged, its record is not poison, and nothing fails.
    const logged = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual({
      level: 'error',
      message: 'rule threw; counted as no match',
      rule: 'throws',
      error: 'rule bug',
    });
    const poisonLogs = logged.filter(
      (l) => l.message === 'poison record: set aside, dead-lettered, not retried',
    );
    expect(poisonLogs.map((l) => [l.origin, l.sequence_number])).toEqual([
      ['101', '101'],
      ['103', '103'],
      ['105', '105'],
      ['106', '106'],
    ]);
    expect(logLines).toContain(JSON.stringify({ metric_name: 'PoisonRecords', metric_value: 4 }));

    const letters = await deadLetters(4);
    expect(letters.map((l) => [l.service, l.entity, l.sequence_number]).sort()).toEqual([
      ['kinesis', STREAM, '101'],
      ['kinesis', STREAM, '103'],
      ['kinesis', STREAM, '105'],
      ['kinesis', STREAM, '106'],
    ]);
    const bySeq = new Map(letters.map((l) => [l.sequence_number, l]));
    expect(Buffer.from(bySeq.get('101')!.data_base64!, 'base64').toString()).toBe(veryDeep);
    expect(bySeq.get('101')).toMatchObject({
      data_truncated: false,
      data_bytes: Buffer.byteLength(veryDeep),
      reason: 'JSON nested more than 512 levels deep (the limit)',
    });
    expect(Buffer.from(bySeq.get('106')!.data_base64!, 'base64')).toEqual(corruptGzip);

    expect((await alertsDelivered(2)).map((a) => a.record.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    // The handler returns the same: nothing to retry.
    expect(await processor().handle({ Records: [kinesisRecord(veryDeep, '200')] })).toEqual({
      batchItemFailures: [],
    });
    await deadLetters(1);
  });

  it('a poison line of an S3 object is dead-lettered alone; the object is not retried and its other lines alert', async () => {
    const key = 'mixed/2024-05-01.log';
    const lines = [
      event('alert', { n: 1 }),
      `{"kind":"alert","payload":${deepJson(2000)}}`,
      event('cycle'),
      event('alert', { n: 2 }),
    ];
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: gzipSync(lines.join('\n')) }),
    );
    const p = processor();
    await expect(
      p.handle({
        Records: [{ awsRegion: REGION, s3: { bucket: { name: BUCKET }, object: { key } } }],
      }),
    ).resolves.toEqual({ batchItemFailures: [] });
    const letters = await deadLetters(2);
    expect(
      letters.map((l) => [l.origin, l.line, Buffer.from(l.data_base64!, 'base64').toString()]),
    ).toEqual([
      [`s3://${BUCKET}/${key}`, 2, lines[1]],
      [`s3://${BUCKET}/${key}`, 3, lines[2]],
    ]);
    expect((await alertsDelivered(2)).map((a) => a.record.payload)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('an S3 read failure is transient: the invocation fails so Lambda retries it', async () => {
    const p = processor();
    await expect(
      p.handle({
        Records: [
          {
            awsRegion: REGION,
            s3: { bucket: { name: BUCKET }, object: { key: 'no/such/object' } },
          },
        ],
      }),
    ).rejects.toThrow(/must be retried: s3:\/\/bad-input-logs\/no\/such\/object/);
    expect(await deadLetters(0)).toEqual([]);
  });

  it('when the dead-letter queue cannot be written, the poison record is retried instead (never lost)', async () => {
    const missing = deadLetterQueue.replace(/[^/]+$/, 'no_such_queue');
    const result = await processor({ deadLetterQueue: missing }).handle({
      Records: [
        kinesisRecord(event('alert', { n: 1 }), '300'),
        kinesisRecord(deepJson(1000), '301'),
      ],
    });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '301' }] });
    await alertsDelivered(1);
  });
});

describe('bad input: publish failures retry exactly the affected records', () => {
  it('publish throwing mid-batch and SNS refusing some alerts: every affected record is in batchItemFailures, none lost', async () => {
    const logger = createLogger({ level: 'error', write: () => undefined });
    const real = createSnsPublisher(sns, topicArn, logger, 1);
    const missingTopic = createSnsPublisher(
      sns,
      `arn:aws:sns:${REGION}:123456789012:no_such_topic`,
      logger,
      1,
    );
    let calls = 0;
    const publisher: AlertPublisher = {
      async publish(alerts) {
        calls++;
        if (calls === 2) throw new Error('SNS unavailable'); // the second flush (alerts 101-200)
        if (calls === 3) {
          // SNS refuses every other alert of the last flush: they go to a topic that does not exist.
          const refused = await missingTopic.publish(alerts.filter((_, i) => i % 2 === 1));
          return [...(await real.publish(alerts.filter((_, i) => i % 2 === 0))), ...refused];
        }
        return real.publish(alerts);
      },
    };
    const records = Array.from({ length: 250 }, (_, i) =>
      kinesisRecord(event('alert', { n: i + 1 }), String(1000 + i + 1)),
    );
    const result = await processor({ publisher }).handle({ Records: records });
    expect(calls).toBe(3);
    const failedSeq = result.batchItemFailures.map((f) => Number(f.itemIdentifier) - 1000);
    const expectedFailed = [
      ...Array.from({ length: 100 }, (_, i) => 101 + i),
      ...Array.from({ length: 25 }, (_, i) => 202 + 2 * i),
    ];
    expect(failedSeq).toEqual(expectedFailed);
    const delivered = (await alertsDelivered(125)).map(
      (a) => (a.record.payload as { n: number }).n,
    );
    expect(delivered).toHaveLength(125);
    // None lost: every record was either delivered or handed back for retry, and never both.
    expect([...delivered, ...failedSeq].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
  });

  it('S3 and SNS events whose alerts were not published fail the invocation (Lambda retries them)', async () => {
    const publisher: AlertPublisher = {
      publish: async () => {
        throw new Error('SNS unavailable');
      },
    };
    const p = processor({ publisher });
    await expect(
      p.handle({
        Records: [
          {
            Sns: {
              TopicArn: `arn:aws:sns:${REGION}:123456789012:in`,
              Message: event('alert'),
              MessageId: 'm-1',
            },
          },
        ],
      }),
    ).resolves.toEqual({ batchItemFailures: [] });
    // The SNS topic "in" is not a source: nothing to publish, nothing to retry. A source that is:
    const key = 'publish/fails.log';
    await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: event('alert', { n: 9 }) }),
    );
    await expect(
      p.handle({
        Records: [{ awsRegion: REGION, s3: { bucket: { name: BUCKET }, object: { key } } }],
      }),
    ).rejects.toThrow(/must be retried/);
  });
});
