/**
 * The rule processor handler against a real moto: S3 objects read from moto, alerts
 * published to a moto SNS topic whose SQS subscription the test drains.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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
import { loadRuleSet } from '../../src/build/rule-set.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import {
  createRuleProcessor,
  type LambdaEvent,
  type RuleProcessor,
} from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { s3ObjectSource } from '../../src/processors/rule-processor/s3-objects.js';
import { createSnsPublisher } from '../../src/processors/rule-processor/sink.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

const REGION = 'us-west-2';
const STREAM = 'acme_production_stream_alert_kinesis';
const example = path.join(REPO_ROOT, 'examples', 'production');
const fixture = (name: string) =>
  JSON.parse(readFileSync(path.join(example, 'tests', 'rules', `${name}.json`), 'utf8')).records;
const text = (data: unknown) => (typeof data === 'string' ? data : JSON.stringify(data));

let moto: Moto;
let sqs: SQSClient;
let s3: S3Client;
let queueUrl: string;
let topicArn: string;
let logLines: string[];

function kinesisRecord(data: Buffer | string, seq: string, stream = STREAM) {
  return {
    eventSourceARN: `arn:aws:kinesis:${REGION}:123456789012:stream/${stream}`,
    kinesis: { data: Buffer.from(data).toString('base64'), sequenceNumber: seq, partitionKey: 'p' },
  };
}

async function processor(topic = topicArn, sourceHealth = false): Promise<RuleProcessor> {
  const { config } = await loadProcessorsConfig(path.join(example, 'conf'));
  const { rules } = await loadRuleSet(path.join(example, 'rules'), processorBundles(), config);
  const logger = createLogger({
    level: 'debug',
    metrics: true,
    sourceHealth,
    write: (l) => logLines.push(l),
  });
  return createRuleProcessor({
    classifier: createClassifier(config),
    engine: createRulesEngine(rules, logger),
    publisher: createSnsPublisher(new SNSClient(clientConfig(moto, REGION)), topic, logger),
    objects: s3ObjectSource(() => s3),
    logger,
  });
}

/** Drains the queue: every alert SNS delivered so far. */
async function receivedAlerts(expected: number): Promise<Alert[]> {
  const alerts: Alert[] = [];
  for (let idle = 0; idle < 3;) {
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
  s3 = new S3Client(clientConfig(moto, REGION));
  const sns = new SNSClient(clientConfig(moto, REGION));
  topicArn = (await sns.send(new CreateTopicCommand({ Name: 'acme_production_streamalerts' })))
    .TopicArn!;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'alerts-reader' }))).QueueUrl!;
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
  for (const bucket of ['acme.production.cloudtrail', 'acme.production.osquery.logs']) {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
  }
  processorBundles();
}, 600_000);

afterAll(async () => {
  await moto?.stop();
});

describe('rule processor handler against moto', () => {
  it('alerts on a Kinesis batch (plain and gzip records), exactly once per matching record', async () => {
    logLines = [];
    const [rootLogin, iamUser] = fixture('cloudtrail_root_account_use');
    const [flowBatch] = fixture('vpc_flow_ssh_from_internet');
    const [sshFail, , cron] = fixture('syslog_ssh_failures');
    const event: LambdaEvent = {
      Records: [
        kinesisRecord(text(rootLogin.data), '1'),
        kinesisRecord(text(iamUser.data), '2'),
        kinesisRecord(gzipSync(text(flowBatch.data)), '3'),
        kinesisRecord(sshFail.data, '4'),
        kinesisRecord(cron.data, '5'),
      ],
    };
    const result = await (await processor()).handle(event);
    expect(result).toEqual({ batchItemFailures: [] });
    const alerts = await receivedAlerts(3);
    expect(alerts.map((a) => a.rule_name).sort()).toEqual([
      'cloudtrail_root_account_use',
      'syslog_ssh_failures',
      'vpc_flow_ssh_from_internet',
    ]);
    const root = alerts.find((a) => a.rule_name === 'cloudtrail_root_account_use')!;
    expect(root).toMatchObject({
      rule_description: 'The AWS root account was used (console sign-in or API call)',
      log_source: 'cloudwatch:events',
      log_type: 'json',
      source_service: 'kinesis',
      source_entity: STREAM,
      outputs: ['aws-s3:alerts-archive', 'slack:security'],
    });
    expect(root.record).toEqual(rootLogin.data);
    // The example stages the flow-log rule: its alert says so, and the alert processor
    // sends it to staging/ instead of its outputs (test/moto/staging.test.ts).
    expect(alerts.find((a) => a.rule_name === 'vpc_flow_ssh_from_internet')!.staged).toBe(true);
    expect(root.staged).toBeUndefined();
    expect(root.id).toMatch(/^[0-9a-f]{32}$/);
    expect(logLines).toContain(JSON.stringify({ metric_name: 'TriggeredAlerts', metric_value: 3 }));
  });

  it('writes one RecordsByLogType line per log type it classified (source health), only when on', async () => {
    const [rootLogin, iamUser, otherEvent] = fixture('cloudtrail_root_account_use');
    const [flowBatch] = fixture('vpc_flow_ssh_from_internet');
    const [sshFail, , cron] = fixture('syslog_ssh_failures');
    const event = (): LambdaEvent => ({
      Records: [
        kinesisRecord(text(rootLogin.data), '11'),
        kinesisRecord(text(iamUser.data), '12'),
        kinesisRecord(text(otherEvent.data), '13'),
        // One Kinesis record holding three flow-log records (json_path logEvents[*]).
        kinesisRecord(gzipSync(text(flowBatch.data)), '14'),
        kinesisRecord(sshFail.data, '15'),
        kinesisRecord(cron.data, '16'),
        kinesisRecord('not a record any log takes', '17'),
      ],
    });
    const healthLines = () =>
      logLines.filter((l) => l.includes('"RecordsByLogType"')).map((l) => JSON.parse(l));

    logLines = [];
    await (await processor(topicArn, true)).handle(event());
    // Typed records per log type (the flow-log record counts its three), one line each,
    // whatever the batch size; the unclassified record counts for none.
    expect(healthLines()).toEqual([
      { metric_name: 'RecordsByLogType', log_type: 'cloudwatch:events', metric_value: 3 },
      { metric_name: 'RecordsByLogType', log_type: 'cloudwatch:flow_logs', metric_value: 3 },
      { metric_name: 'RecordsByLogType', log_type: 'syslog:log', metric_value: 2 },
    ]);
    await receivedAlerts(3);

    // A cluster with source health switched off writes none (SOURCE_HEALTH=false).
    logLines = [];
    await (await processor(topicArn, false)).handle(event());
    expect(healthLines()).toEqual([]);
    await receivedAlerts(3);
  });

  it('streams S3 objects line by line, gzip or not', async () => {
    logLines = [];
    const [, trailFile] = fixture('cloudtrail_stopped');
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme.production.cloudtrail',
        Key: 'AWSLogs/123456789012/CloudTrail/us-west-2/2024/05/01/trail file.json.gz',
        Body: gzipSync(text(trailFile.data)),
      }),
    );
    const [keyAdded, keyRemoved] = fixture('osquery_authorized_keys_added');
    const [sshFail] = fixture('syslog_ssh_failures');
    const lines = [];
    // Enough lines that the object arrives in many chunks.
    for (let i = 0; i < 2000; i++) lines.push(text({ ...keyRemoved.data, counter: i }));
    lines.splice(1000, 0, text(keyAdded.data), sshFail.data);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme.production.osquery.logs',
        Key: 'hosts/2024-05-01.log',
        Body: `${lines.join('\n')}\n`,
      }),
    );
    const s3Record = (bucket: string, key: string) => ({
      awsRegion: REGION,
      s3: {
        bucket: { name: bucket },
        object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/') },
      },
    });
    const p = await processor();
    const report = await p.process({
      Records: [
        s3Record(
          'acme.production.cloudtrail',
          'AWSLogs/123456789012/CloudTrail/us-west-2/2024/05/01/trail file.json.gz',
        ),
        s3Record('acme.production.osquery.logs', 'hosts/2024-05-01.log'),
      ],
    });
    expect(report.records).toBe(1 + 2002);
    expect(report.unclassifiedCount).toBe(0);
    const alerts = await receivedAlerts(3);
    expect(
      alerts.map((a) => `${a.rule_name}/${a.source_service}/${a.source_entity}`).sort(),
    ).toEqual([
      'cloudtrail_stopped/s3/acme.production.cloudtrail',
      'osquery_authorized_keys_added/s3/acme.production.osquery.logs',
      'syslog_ssh_failures/s3/acme.production.osquery.logs',
    ]);
  });

  it('alerts on SNS messages', async () => {
    const [keyAdded] = fixture('osquery_authorized_keys_added');
    const p = await processor();
    await p.handle({
      Records: [
        {
          Sns: {
            TopicArn: `arn:aws:sns:${REGION}:123456789012:acme-osquery-results`,
            Message: text(keyAdded.data),
            MessageId: 'm-1',
          },
        },
      ],
    });
    const alerts = await receivedAlerts(1);
    expect(alerts.map((a) => [a.rule_name, a.source_service, a.source_entity])).toEqual([
      ['osquery_authorized_keys_added', 'sns', 'acme-osquery-results'],
    ]);
  });

  it('in a mixed batch, alerts on the good records and counts and reports every bad one', async () => {
    logLines = [];
    const [rootLogin] = fixture('cloudtrail_root_account_use');
    const [sshFail] = fixture('syslog_ssh_failures');
    const event: LambdaEvent = {
      Records: [
        kinesisRecord('{"truncated json', '10'),
        kinesisRecord(text(rootLogin.data), '11'),
        kinesisRecord(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]), '12'), // gzip header, corrupt body
        kinesisRecord(text({ ...rootLogin.data, unexpected: true }), '13'), // a key the schema does not have
        kinesisRecord(sshFail.data, '14'),
        kinesisRecord(text(rootLogin.data), '15', 'some_other_stream'),
      ],
    };
    const p = await processor();
    const report = await p.process(event);
    expect(report.records).toBe(6);
    expect(report.unclassifiedCount).toBe(4);
    expect(report.unclassified.map((u) => [u.origin, u.entity])).toEqual([
      ['10', STREAM],
      ['12', STREAM],
      ['13', STREAM],
      ['15', 'some_other_stream'],
    ]);
    expect(report.unclassified[3]!.reason).toContain('not in sources.json');
    expect(report.batchItemFailures).toEqual([]);
    const alerts = await receivedAlerts(2);
    expect(alerts.map((a) => a.rule_name).sort()).toEqual([
      'cloudtrail_root_account_use',
      'syslog_ssh_failures',
    ]);
    expect(logLines).toContain(JSON.stringify({ metric_name: 'FailedParses', metric_value: 4 }));
    const warned = logLines
      .map((l) => JSON.parse(l))
      .filter((l) => l.message === 'record did not classify');
    expect(warned.map((l) => l.origin)).toEqual(['10', '12', '13', '15']);
    expect(warned[0]).toMatchObject({
      service: 'kinesis',
      entity: STREAM,
      sample: '{"truncated json',
    });
  });

  it('reports the Kinesis records whose alerts SNS did not take, for Lambda to retry', async () => {
    logLines = [];
    const [rootLogin] = fixture('cloudtrail_root_account_use');
    const [sshFail] = fixture('syslog_ssh_failures');
    const p = await processor(`arn:aws:sns:${REGION}:123456789012:no_such_topic`);
    const result = await p.handle({
      Records: [
        kinesisRecord('{}', '20'),
        kinesisRecord(text(rootLogin.data), '21'),
        kinesisRecord(sshFail.data, '22'),
      ],
    });
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '21' }, { itemIdentifier: '22' }]);
  });
});
