/** The AWS outputs: an S3 object per alert, an SNS message, an asynchronous Lambda invocation. */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert } from '../../shared/alert.js';

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
