/**
 * The alert processor delivering for real: S3 and SNS in moto, a webhook on a local
 * HTTP server, the webhook URL read from an SSM SecureString in moto.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import { createAlertProcessor } from '../../src/processors/alert-processor/processor.js';
import { createSecretStore } from '../../src/processors/alert-processor/secrets.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { clientConfig } from '../support/aws.js';
import { startMoto, type Moto } from '../support/moto.js';

const REGION = 'us-west-2';
const FUNCTION_ARN = `arn:aws:lambda:${REGION}:123456789012:function:acme_production_streamalert_alert_processor:production`;
let moto: Moto;
let server: Server;
let webhookBase: string;
const received: { path: string; body: unknown }[] = [];
let failuresLeft = 0;
let queueUrl: string;
let logLines: string[] = [];

const alert: Alert = {
  id: '0123456789abcdef0123456789abcdef',
  rule_name: 'cloudtrail_root_account_use',
  rule_description: 'The AWS root account was used',
  log_source: 'cloudwatch:events',
  log_type: 'json',
  source_service: 'kinesis',
  source_entity: 'acme_production_stream_alert_kinesis',
  outputs: ['aws-s3:archive', 'aws-sns:soc', 'slack:security', 'webhook:flaky'],
  record: { detail: { userIdentity: { type: 'Root' } } },
};

function processor() {
  const outputs = toOutputs({
    'aws-s3': { archive: 'acme.streamalerts' },
    'aws-sns': { soc: 'acme_soc_alerts' },
    slack: { security: { ssm_parameter: '/streamalert/outputs/slack/security' } },
    webhook: {
      flaky: { ssm_parameter: '/streamalert/outputs/webhook/flaky' },
      down: { ssm_parameter: '/streamalert/outputs/webhook/down' },
    },
  });
  const logger = createLogger({ level: 'debug', write: (l) => logLines.push(l) });
  return createAlertProcessor({
    outputs,
    clients: {
      s3: () => new S3Client(clientConfig(moto, REGION)),
      sns: () => new SNSClient(clientConfig(moto, REGION)),
      lambda: () => new LambdaClient(clientConfig(moto, REGION)),
    },
    secrets: createSecretStore({
      ssm: () => new SSMClient(clientConfig(moto, REGION)),
      secretsManager: () => new SecretsManagerClient(clientConfig(moto, REGION)),
    }),
    logger,
    retry: { attempts: 3, baseDelayMs: 1 },
    now: () => new Date('2024-05-01T10:15:00Z'),
  });
}

const snsEvent = (a: unknown) => ({
  Records: [{ Sns: { Message: JSON.stringify(a), MessageId: 'm-1' } }],
});

beforeAll(async () => {
  moto = await startMoto();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/flaky' && failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end();
        return;
      }
      if (req.url === '/down') {
        res.writeHead(500).end();
        return;
      }
      received.push({ path: req.url ?? '', body: JSON.parse(body) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  webhookBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const s3 = new S3Client(clientConfig(moto, REGION));
  await s3.send(
    new CreateBucketCommand({
      Bucket: 'acme.streamalerts',
      CreateBucketConfiguration: { LocationConstraint: REGION },
    }),
  );
  const sns = new SNSClient(clientConfig(moto, REGION));
  const sqs = new SQSClient(clientConfig(moto, REGION));
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: 'acme_soc_alerts' }))).TopicArn!;
  queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'soc' }))).QueueUrl!;
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
  const ssm = new SSMClient(clientConfig(moto, REGION));
  for (const [name, url] of [
    ['security', `${webhookBase}/slack`],
    ['flaky', `${webhookBase}/flaky`],
    ['down', `${webhookBase}/down`],
  ]) {
    const prefix =
      name === 'security' ? '/streamalert/outputs/slack/' : '/streamalert/outputs/webhook/';
    await ssm.send(
      new PutParameterCommand({ Name: `${prefix}${name}`, Type: 'SecureString', Value: url }),
    );
  }
}, 120_000);

afterAll(async () => {
  server?.close();
  await moto?.stop();
});

describe('alert processor against moto and a local webhook', () => {
  it('delivers one alert to S3, SNS, Slack and a webhook, retrying the one that fails at first', async () => {
    failuresLeft = 2;
    logLines = [];
    const { deliveries } = await processor().handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['aws-s3:archive', true, 1],
      ['aws-sns:soc', true, 1],
      ['slack:security', true, 1],
      ['webhook:flaky', true, 3],
    ]);

    const s3 = new S3Client(clientConfig(moto, REGION));
    const key = `alerts/dt=2024-05-01-10/cloudtrail_root_account_use/${alert.id}.json`;
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'acme.streamalerts' }));
    expect(listed.Contents?.map((c) => c.Key)).toEqual([key]);
    const stored = await (
      await s3.send(new GetObjectCommand({ Bucket: 'acme.streamalerts', Key: key }))
    ).Body!.transformToString();
    expect(JSON.parse(stored)).toEqual(alert);

    const sqs = new SQSClient(clientConfig(moto, REGION));
    const messages =
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 2,
          }),
        )
      ).Messages ?? [];
    expect(messages.map((m) => JSON.parse(m.Body!))).toEqual([alert]);

    const slack = received.find((r) => r.path === '/slack')!.body as {
      text: string;
      attachments: { text: string }[];
    };
    expect(slack.text).toBe('*StreamAlert rule triggered: cloudtrail_root_account_use*');
    expect(slack.attachments[0]!.text).toContain('"type": "Root"');
    expect(received.find((r) => r.path === '/flaky')!.body).toEqual(alert);

    // The secret URL (the credential) never reaches the logs.
    expect(logLines.join('\n')).not.toContain(webhookBase);
    expect(logLines.filter((l) => JSON.parse(l).message === 'output attempt failed')).toHaveLength(
      2,
    );
  });

  it('keeps delivering to the other outputs when one keeps failing, reports it and fails the invocation', async () => {
    logLines = [];
    received.length = 0;
    const partly = {
      ...alert,
      id: 'fedcba9876543210fedcba9876543210',
      outputs: ['webhook:down', 'slack:security', 'aws-s3:unknown'],
    };
    const p = processor();
    const { deliveries } = await p.process(snsEvent(partly), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts, d.error])).toEqual([
      ['webhook:down', false, 3, 'HTTP 500'],
      ['slack:security', true, 1, undefined],
      ['aws-s3:unknown', false, 0, 'output "aws-s3:unknown" is not in conf/outputs.json'],
    ]);
    expect(received.map((r) => r.path)).toEqual(['/slack']);
    await expect(p.handle(snsEvent(partly), FUNCTION_ARN)).rejects.toThrow(
      /2 of 3 deliveries failed: webhook:down \(HTTP 500\)/,
    );
    expect(logLines.join('\n')).not.toContain(webhookBase);
  });

  it('skips messages that are not alerts (a CloudWatch alarm on the same topic) without failing', async () => {
    const { deliveries, rejected } = await processor().process(
      { Records: [{ Sns: { Message: '{"AlarmName":"x"}' } }] },
      FUNCTION_ARN,
    );
    expect(deliveries).toEqual([]);
    expect(rejected).toBe(1);
  });
});
