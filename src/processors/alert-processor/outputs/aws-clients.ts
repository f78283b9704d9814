/**
 * Default clients of the AWS outputs added after S3, SNS and Lambda: each SDK module is
 * imported, and its client made, when an alert first goes to that service, so a cold
 * start pays for none of them (the Lambda runtime carries the SDK; the bundle leaves it out).
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { SESClient } from '@aws-sdk/client-ses';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../registry.js';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= make().catch((err: unknown) => {
      value = undefined; // a failed import is tried again next time
      throw err;
    });
    return value;
  };
}

const defaults = {
  firehose: once<FirehoseClient>(() =>
    import('@aws-sdk/client-firehose').then((m) => new m.FirehoseClient({})),
  ),
  sqs: once<SQSClient>(() => import('@aws-sdk/client-sqs').then((m) => new m.SQSClient({}))),
  logs: once<CloudWatchLogsClient>(() =>
    import('@aws-sdk/client-cloudwatch-logs').then((m) => new m.CloudWatchLogsClient({})),
  ),
  ses: once<SESClient>(() => import('@aws-sdk/client-ses').then((m) => new m.SESClient({}))),
};

/** The client the processor was given for `service`, or the default one. */
export function awsClient<K extends keyof typeof defaults>(
  clients: AwsClients,
  service: K,
): ReturnType<(typeof defaults)[K]> {
  return (clients[service] ?? defaults[service])() as ReturnType<(typeof defaults)[K]>;
}
