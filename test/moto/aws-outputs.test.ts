/**
 * The AWS outputs added for StreamAlert v3 (aws-firehose, aws-sqs, aws-cloudwatch-log,
 * aws-ses) against moto: the alert processor delivers through the real SDK and each
 * message is read back where a user would find it (the queue, the Firehose destination
 * bucket, the log stream, SES's sent count). Failures are per output and never stop the
 * others; the SES credential's content never reaches a log line.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
} from '@aws-sdk/client-firehose';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSendQuotaCommand, SESClient, VerifyDomainIdentityCommand } from '@aws-sdk/client-ses';
import { SNSClient } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAlertProcessor } from '../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../src/processors/alert-processor/secrets.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-east-1';
const ACCOUNT = '123456789012';
const FUNCTION = 'acme_prod_streamalert_alert_processor';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}:production`;
const TO = 'soc-team@example.com, oncall@example.com';

const OUTPUTS = {
  'aws-sqs': {
    alerts: 'security-alerts',
    ordered: 'security-alerts.fifo',
    missing: 'no-such-queue',
  },
  'aws-firehose': { alerts: 'streamalert-alerts' },
  'aws-cloudwatch-log': { audit: '/security/alerts' },
  'aws-ses': {
    soc: { identity: 'example.com' },
    wrong: { identity: 'other.example.org' },
  },
};

// A rule's context travels with the alert (StreamAlert's `context`): every output carries it.
const alert = {
  id: '0123456789abcdef0123456789abcdef',
  rule_name: 'cloudtrail_root_account_use',
  rule_description: 'The AWS root account was used',
  log_source: 'cloudtrail:events',
  log_type: 'json',
  source_service: 's3',
  source_entity: 'acme.cloudtrail',
  outputs: [
    'aws-sqs:alerts',
    'aws-sqs:ordered',
    'aws-firehose:alerts',
    'aws-cloudwatch-log:audit',
    'aws-ses:soc',
  ],
  record: {
    eventName: 'ConsoleLogin',
    userIdentity: { type: 'Root' },
    sourceIPAddress: '198.51.100.7',
  },
  context: { 'aws-ses': { runbook: 'https://wiki.example.com/root-login' } },
} as Alert;

let moto: Moto;
let logLines: string[] = [];
const cfg = () => clientConfig(moto, REGION);

function processor(outputs: unknown = OUTPUTS) {
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  return createAlertProcessor({
    outputs: toOutputs(outputs),
    clients: {
      s3: () => new S3Client(cfg()),
      sns: () => new SNSClient(cfg()),
      lambda: () => new LambdaClient(cfg()),
      firehose: async () => new FirehoseClient(cfg()),
      sqs: async () => new SQSClient(cfg()),
      logs: async () => new CloudWatchLogsClient(cfg()),
      ses: async () => new SESClient(cfg()),
    },
    secrets: createSecretStore({
      ssm: () => new SSMClient(cfg()),
      secretsManager: () => new SecretsManagerClient(cfg()),
    }),
    logger,
    retry: { attempts: 2, baseDelayMs: 1 },
  });
}

const snsEvent = (a: Alert) => ({
  Records: [{ Sns: { Message: JSON.stringify(a), MessageId: 'm-1' } }],
});

async function queueUrl(name: string): Promise<string> {
  return (await new SQSClient(cfg()).send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

/**
 * The queue's messages, deleted as they are read: a message only received would show again
 * after the visibility timeout (30 s), in a later test of a slow run.
 */
async function receive(name: string): Promise<string[]> {
  const sqs = new SQSClient(cfg());
  const QueueUrl = await queueUrl(name);
  const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
  for (const m of res.Messages ?? [])
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle! }));
  return (res.Messages ?? []).map((m) => m.Body!);
}

async function sentLast24Hours(): Promise<number> {
  return (await new SESClient(cfg()).send(new GetSendQuotaCommand({}))).SentLast24Hours ?? 0;
}

/** The raw messages moto's SES accepted (moto's model dump, /moto-api/data.json). */
async function sesMessages(): Promise<{ source: string; raw_data: string }[]> {
  const res = await fetch(`${moto.endpoint}/moto-api/data.json`);
  const data = (await res.json()) as {
    ses?: { RawMessage?: { source: string; raw_data: string }[] };
  };
  return data.ses?.RawMessage ?? [];
}

beforeAll(async () => {
  moto = await startMoto();
  const sqs = new SQSClient(cfg());
  await sqs.send(new CreateQueueCommand({ QueueName: 'security-alerts' }));
  await sqs.send(
    new CreateQueueCommand({
      QueueName: 'security-alerts.fifo',
      Attributes: { FifoQueue: 'true' },
    }),
  );
  await new S3Client(cfg()).send(new CreateBucketCommand({ Bucket: 'acme-alerts-archive' }));
  await new FirehoseClient(cfg()).send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: 'streamalert-alerts',
      DeliveryStreamType: 'DirectPut',
      ExtendedS3DestinationConfiguration: {
        BucketARN: 'arn:aws:s3:::acme-alerts-archive',
        RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose`,
        Prefix: 'alerts/',
      },
    }),
  );
  await new CloudWatchLogsClient(cfg()).send(
    new CreateLogGroupCommand({ logGroupName: '/security/alerts' }),
  );
  await new SESClient(cfg()).send(new VerifyDomainIdentityCommand({ Domain: 'example.com' }));
  const ssm = new SSMClient(cfg());
  for (const name of ['soc', 'wrong'])
    await ssm.send(
      new PutParameterCommand({
        Name: `/streamalert/outputs/aws-ses/${name}`,
        Type: 'SecureString',
        Value: JSON.stringify({ from_email: 'streamalert@example.com', to_emails: TO }),
      }),
    );
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

beforeEach(() => {
  logLines = [];
});

describe('AWS outputs against moto', () => {
  it('delivers one alert to SQS, Firehose, a log group and SES, each readable where it lands', async () => {
    const sentBefore = await sentLast24Hours();
    const { deliveries } = await processor().handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual(
      alert.outputs.map((o) => [o, true, 1]),
    );

    // SQS: the whole alert (description, record, source), as JSON.
    const [body] = await receive('security-alerts');
    expect(JSON.parse(body!)).toEqual(alert);
    expect(await receive('security-alerts.fifo')).toEqual([JSON.stringify(alert)]);

    // Firehose: the stream is active and its S3 destination holds the alert, one per line.
    const stream = await new FirehoseClient(cfg()).send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: 'streamalert-alerts' }),
    );
    expect(stream.DeliveryStreamDescription?.DeliveryStreamStatus).toBe('ACTIVE');
    const s3 = new S3Client(cfg());
    const objects = await s3.send(new ListObjectsV2Command({ Bucket: 'acme-alerts-archive' }));
    expect(objects.Contents?.length).toBe(1);
    const object = await s3.send(
      new GetObjectCommand({ Bucket: 'acme-alerts-archive', Key: objects.Contents![0]!.Key! }),
    );
    expect(await object.Body!.transformToString()).toBe(`${JSON.stringify(alert)}\n`);

    // CloudWatch Logs: one event in the stream named after the alert processor.
    const events = await new CloudWatchLogsClient(cfg()).send(
      new GetLogEventsCommand({ logGroupName: '/security/alerts', logStreamName: FUNCTION }),
    );
    expect(events.events?.map((e) => JSON.parse(e.message!) as unknown)).toEqual([alert]);

    // SES: one message to the two recipients (SES counts recipients).
    expect(await sentLast24Hours()).toBe(sentBefore + 2);
    const sent = await sesMessages();
    expect(sent.length).toBe(1);
    const raw = sent[0]!.raw_data;
    expect(raw).toContain(`Subject: ${alert.rule_name} triggered alert ${alert.id}`);
    expect(raw).toContain('To: soc-team@example.com, oncall@example.com');
    expect(raw).toContain('filename="record.json"');
    const parts = raw.split(/--streamalert-[0-9a-f]+/);
    const decoded = parts
      .map((p) => p.split('\r\n\r\n')[1] ?? '')
      .map((b) => Buffer.from(b.replace(/\s+/g, ''), 'base64').toString('utf8'));
    expect(decoded[1]).toContain(alert.rule_description);
    expect(decoded[1]).toContain('"runbook": "https://wiki.example.com/root-login"');
    expect(JSON.parse(decoded[2]!)).toEqual(alert.record);
  });

  it('a second delivery reuses the stream and the queue URL; the FIFO queue deduplicates by alert id', async () => {
    await new SQSClient(cfg()).send(
      new CreateQueueCommand({ QueueName: 'dedup-check.fifo', Attributes: { FifoQueue: 'true' } }),
    );
    const p = processor({
      'aws-sqs': { once: 'dedup-check.fifo' },
      'aws-cloudwatch-log': { audit: '/security/alerts' },
    });
    const only = { ...alert, outputs: ['aws-cloudwatch-log:audit', 'aws-sqs:once'] };
    for (let i = 0; i < 2; i++) {
      const { deliveries } = await p.handle(snsEvent(only), FUNCTION_ARN);
      expect(deliveries.every((d) => d.ok && d.attempts === 1)).toBe(true);
    }
    const events = await new CloudWatchLogsClient(cfg()).send(
      new GetLogEventsCommand({ logGroupName: '/security/alerts', logStreamName: FUNCTION }),
    );
    // One from the first test, two from here: the existing stream is written to, not refused.
    expect(events.events?.length).toBe(3);
    // Sent twice with the same alert id (a retried Lambda event): the queue holds it once.
    expect(await receive('dedup-check.fifo')).toEqual([JSON.stringify(only)]);
  });

  it('StreamAlert’s list form of aws-cloudwatch-log writes the alert to the processor’s own log', async () => {
    const p = processor({ 'aws-cloudwatch-log': ['default'] });
    const { deliveries } = await p.handle(
      snsEvent({ ...alert, outputs: ['aws-cloudwatch-log:default'] }),
      FUNCTION_ARN,
    );
    expect(deliveries[0]).toMatchObject({ ok: true, attempts: 1 });
    const line = logLines
      .map((l) => JSON.parse(l) as { message: string; alert?: unknown })
      .find((l) => l.message === 'New Alert');
    expect(line?.alert).toEqual({ ...alert, outputs: ['aws-cloudwatch-log:default'] });
  });

  it('a failing output is retried and reported while the others are delivered; credentials stay out of logs', async () => {
    const sentBefore = await sentLast24Hours();
    const mixed = { ...alert, outputs: ['aws-sqs:missing', 'aws-ses:wrong', 'aws-sqs:alerts'] };
    const p = processor();
    const { deliveries } = await p.process(snsEvent(mixed), FUNCTION_ARN);
    const by = new Map(deliveries.map((d) => [d.output, d]));
    expect(by.get('aws-sqs:alerts')).toMatchObject({ ok: true, attempts: 1 });
    expect(by.get('aws-sqs:missing')).toMatchObject({ ok: false, attempts: 2 });
    expect(by.get('aws-sqs:missing')!.error).toMatch(/queue/i);
    // The sender is outside the identity the grant names: refused before SES is called, once (retrying cannot fix it).
    expect(by.get('aws-ses:wrong')).toMatchObject({ ok: false, attempts: 1 });
    expect(by.get('aws-ses:wrong')!.error).toContain('SES identity other.example.org');
    expect(await sentLast24Hours()).toBe(sentBefore);
    expect(await receive('security-alerts')).toEqual([JSON.stringify(mixed)]);
    // handle() throws so Lambda retries the event, naming the failed outputs.
    await expect(p.handle(snsEvent(mixed), FUNCTION_ARN)).rejects.toThrow(
      /2 of 3 deliveries failed: .*aws-sqs:missing.*aws-ses:wrong/,
    );
    expect(logLines.join('\n')).not.toContain('soc-team@example.com');
    expect(logLines.join('\n')).not.toContain('streamalert@example.com');
  });

  it('an alert over a service limit is refused once, with the limit named, and nothing is sent', async () => {
    const big = {
      ...alert,
      outputs: ['aws-sqs:alerts', 'aws-firehose:alerts'],
      record: { blob: 'x'.repeat(1_100_000) },
    };
    const { deliveries } = await processor().process(snsEvent(big), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['aws-sqs:alerts', false, 1],
      ['aws-firehose:alerts', false, 1],
    ]);
    expect(deliveries[0]!.error).toMatch(/over SQS's 262144-byte limit/);
    expect(deliveries[1]!.error).toMatch(/over Firehose's 1000000-byte record limit/);
    // (the queue still holds the earlier test's retried alert, not this one)
    expect((await receive('security-alerts')).filter((b) => b.includes('xxxx'))).toEqual([]);
  });

  it('an unreadable SES credential names its parameter and field, never its value', async () => {
    await new SSMClient(cfg()).send(
      new PutParameterCommand({
        Name: '/streamalert/outputs/aws-ses/broken',
        Type: 'SecureString',
        Value: JSON.stringify({ from_email: 'not-an-address', to_emails: TO }),
      }),
    );
    const p = processor({ 'aws-ses': { broken: { identity: 'example.com' } } });
    const { deliveries } = await p.process(
      snsEvent({ ...alert, outputs: ['aws-ses:broken'] }),
      FUNCTION_ARN,
    );
    expect(deliveries[0]!.ok).toBe(false);
    expect(deliveries[0]!.error).toBe(
      'SSM parameter /streamalert/outputs/aws-ses/broken: secret JSON "from_email" is not an email address',
    );
    expect(logLines.join('\n')).not.toContain('not-an-address');
  });
});
