/** The AWS outputs: an S3 object per alert, an SNS message, an asynchronous Lambda invocation. */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert } from '../../shared/alert.js';
import {
  LAMBDA_FUNCTION_MESSAGE,
  LAMBDA_FUNCTION_PATTERN,
  S3_BUCKET_NAME_MESSAGE,
  S3_BUCKET_NAME_PATTERN,
} from '../../../shared/aws-names.js';
import type { OutputDescriptor } from './descriptor.js';
import { awsMap } from './descriptor-schema.js';

/** `alerts/dt=YYYY-MM-DD-HH/<rule>/<alert id>.json`: hourly partitions (StreamAlert's Athena layout), one object per alert. */
export function s3AlertKey(alert: Alert, now: Date): string {
  const dt = now.toISOString().slice(0, 13).replace('T', '-');
  return `alerts/dt=${dt}/${alert.rule_name}/${alert.id}.json`;
}

export async function sendToS3(
  s3: S3Client,
  bucket: string,
  alert: Alert,
  now: Date,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: s3AlertKey(alert, now),
      Body: JSON.stringify(alert),
      ContentType: 'application/json',
    }),
  );
}

/** A topic name from outputs.json becomes an ARN in the function's own account and region. */
export function topicArn(
  topic: string,
  functionArn: { partition: string; region: string; account: string },
): string {
  return topic.startsWith('arn:')
    ? topic
    : `arn:${functionArn.partition}:sns:${functionArn.region}:${functionArn.account}:${topic}`;
}

export async function sendToSns(sns: SNSClient, arn: string, alert: Alert): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: arn,
      Message: JSON.stringify(alert),
      Subject: `StreamAlert: ${alert.rule_name}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
    }),
  );
}

/** `name`, `name:qualifier` or an ARN (qualified or not), as StreamAlert accepted. */
export function splitFunction(fn: string): { name: string; qualifier?: string } {
  const parts = fn.split(':');
  if (fn.startsWith('arn:'))
    return parts.length === 8
      ? { name: parts.slice(0, 7).join(':'), qualifier: parts[7] }
      : { name: fn };
  return parts.length === 2 ? { name: parts[0]!, qualifier: parts[1] } : { name: fn };
}

export async function sendToLambda(lambda: LambdaClient, fn: string, alert: Alert): Promise<void> {
  const { name, qualifier } = splitFunction(fn);
  const res = await lambda.send(
    new InvokeCommand({
      FunctionName: name,
      Qualifier: qualifier,
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(alert)),
    }),
  );
  if (res.FunctionError) throw new Error(`function error: ${res.FunctionError}`);
  if (res.StatusCode !== undefined && (res.StatusCode < 200 || res.StatusCode >= 300))
    throw new Error(`invoke returned status ${res.StatusCode}`);
}

/**
 * The `aws-s3` output: an object per alert. The naming rules a pattern cannot word ("..",
 * IP form, reserved affixes) are checked in src/config/processors/validate.ts.
 */
export const s3Output: OutputDescriptor<{
  readonly service: 'aws-s3';
  readonly descriptor: string;
  readonly bucket: string;
}> = {
  service: 'aws-s3',
  kind: 'aws',
  schema: awsMap('bucket name', {
    type: 'string',
    pattern: S3_BUCKET_NAME_PATTERN,
    'x-message': S3_BUCKET_NAME_MESSAGE,
  }),
  toTarget: (descriptor, value) => ({ service: 'aws-s3', descriptor, bucket: value as string }),
  grants: (t) => ({ s3Buckets: [t.bucket] }),
  doc: {
    credential: 'none (bucket name in outputs.json)',
    sends:
      'the alert as JSON, one object per alert under `alerts/dt=YYYY-MM-DD-HH/<rule>/<id>.json`',
  },
  deliver: (target, { clients, alert, now }) => sendToS3(clients.s3(), target.bucket, alert, now()),
};

/** The `aws-sns` output: the alert published to a topic of the function's own account and region. */
export const snsOutput: OutputDescriptor<{
  readonly service: 'aws-sns';
  readonly descriptor: string;
  readonly topic: string;
}> = {
  service: 'aws-sns',
  kind: 'aws',
  schema: awsMap('topic name', {
    type: 'string',
    pattern: '^[A-Za-z0-9_-]{1,256}(\\.fifo)?$',
    'x-message': 'must be an SNS topic name (letters, digits, _ and -, at most 256)',
  }),
  toTarget: (descriptor, value) => ({ service: 'aws-sns', descriptor, topic: value as string }),
  grants: (t) => ({ snsTopics: [t.topic] }),
  doc: {
    credential: 'none (topic name)',
    sends: 'the alert as the message',
  },
  deliver: async (target, { clients, alert, identity }) => {
    if (!identity && !target.topic.startsWith('arn:'))
      throw new Error('cannot tell the topic ARN: function ARN unknown');
    return sendToSns(clients.sns(), topicArn(target.topic, identity!), alert);
  },
};

/** The `aws-lambda` output: the alert, invoked asynchronously. */
export const lambdaOutput: OutputDescriptor<{
  readonly service: 'aws-lambda';
  readonly descriptor: string;
  readonly functionName: string;
}> = {
  service: 'aws-lambda',
  kind: 'aws',
  schema: awsMap('function', {
    type: 'string',
    pattern: LAMBDA_FUNCTION_PATTERN,
    'x-message': LAMBDA_FUNCTION_MESSAGE,
  }),
  toTarget: (descriptor, value) => ({
    service: 'aws-lambda',
    descriptor,
    functionName: value as string,
  }),
  grants: (t) => ({ lambdaFunctions: [t.functionName] }),
  doc: {
    credential: 'none (`name`, `name:qualifier` or ARN)',
    sends: 'the alert, invoked asynchronously',
  },
  deliver: (target, { clients, alert }) =>
    sendToLambda(clients.lambda(), target.functionName, alert),
};
