/**
 * What the tests that run the rule processor's handler against moto share: the package the
 * handler loads (conf as `build` writes it, rules, the rules API as the build ships it), an
 * alerts topic whose deliveries land in a queue the test reads, and Kinesis events.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { transform } from 'sucrase';
import { RULES_PACKAGE_JSON } from '../../src/build/rules.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { clientConfig } from './aws.js';
import { REPO_ROOT } from './conf.js';
import type { Moto } from './moto.js';

/**
 * Writes the folder the handler runs from (STREAMALERT_PACKAGE_DIR): `conf` maps a file
 * name under conf/ to its text, `rules` a file name under rules/ to its source.
 */
export function writeRulePackage(
  pkg: string,
  conf: Record<string, string>,
  rules: Record<string, string>,
): string {
  const api = path.join(pkg, 'node_modules', 'streamalert-action');
  for (const dir of ['conf', 'rules']) mkdirSync(path.join(pkg, dir), { recursive: true });
  mkdirSync(api, { recursive: true });
  for (const [name, text] of Object.entries(conf))
    writeFileSync(path.join(pkg, 'conf', name), text);
  for (const [name, text] of Object.entries(rules))
    writeFileSync(path.join(pkg, 'rules', name), text);
  // The rules API as the build ships it (the bundle is the same module, compiled).
  const code = transform(readFileSync(path.join(REPO_ROOT, 'src/rules-api/index.ts'), 'utf8'), {
    transforms: ['typescript'],
  }).code;
  writeFileSync(path.join(api, 'rules.mjs'), code);
  writeFileSync(path.join(api, 'package.json'), RULES_PACKAGE_JSON);
  return pkg;
}

export interface AlertQueue {
  topicArn: string;
  /** Drains the queue: every alert delivered since the last call (waits while fewer than `expected`). */
  received(expected: number): Promise<Alert[]>;
}

/** An SNS topic with an SQS queue subscribed (raw delivery): the alerts the handler publishes. */
export async function alertQueue(
  moto: Moto,
  region: string,
  names: { topic: string; queue: string },
): Promise<AlertQueue> {
  const sns = new SNSClient(clientConfig(moto, region));
  const sqs = new SQSClient(clientConfig(moto, region));
  const topicArn = (await sns.send(new CreateTopicCommand({ Name: names.topic }))).TopicArn!;
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: names.queue }))).QueueUrl!;
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
  return {
    topicArn,
    async received(expected) {
      const alerts: Alert[] = [];
      for (let idle = 0; idle < 2;) {
        const res = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: alerts.length >= expected ? 0 : 1,
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
    },
  };
}

/** A Kinesis event of `stream` in `region`; objects are sent as JSON, strings as they are. */
export function kinesisEvents(region: string, stream: string) {
  let seq = 0;
  return (records: readonly unknown[]) => ({
    Records: records.map((data) => ({
      eventSourceARN: `arn:aws:kinesis:${region}:123456789012:stream/${stream}`,
      kinesis: {
        data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)).toString(
          'base64',
        ),
        sequenceNumber: String(++seq),
        partitionKey: 'p',
      },
    })),
  });
}
