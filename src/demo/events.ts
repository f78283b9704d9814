/**
 * The events AWS hands a function, built from what the event source really holds: Kinesis
 * records as GetRecords returned them (what Lambda's poller reads), an S3 object
 * notification for an object that was written, an SNS notification as SNS delivered it
 * (read back through an SQS subscription of the same topic), and EventBridge's scheduled
 * event. Field for field as the AWS documentation shows them, so the handler cannot tell.
 */
import { randomUUID } from 'node:crypto';

export interface KinesisRecordIn {
  SequenceNumber?: string;
  ApproximateArrivalTimestamp?: Date;
  Data?: Uint8Array;
  PartitionKey?: string;
}

/** One batch of a Kinesis event source mapping. */
export function kinesisEvent(
  records: readonly KinesisRecordIn[],
  shardId: string,
  streamArn: string,
  region: string,
  roleArn: string,
): { Records: object[] } {
  return {
    Records: records.map((r) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.PartitionKey ?? '',
        sequenceNumber: r.SequenceNumber ?? '',
        data: Buffer.from(r.Data ?? new Uint8Array()).toString('base64'),
        approximateArrivalTimestamp: (r.ApproximateArrivalTimestamp ?? new Date()).getTime() / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${shardId}:${r.SequenceNumber ?? ''}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: roleArn,
      awsRegion: region,
      eventSourceARN: streamArn,
    })),
  };
}

/** S3 encodes the key in notifications as a form value: spaces as '+', the rest percent-encoded. */
export function notificationKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

export interface S3ObjectIn {
  bucket: string;
  key: string;
  size: number;
  eTag: string;
  versionId?: string;
}

/** The notification for one object written (`s3:ObjectCreated:Put`). */
export function s3Event(
  object: S3ObjectIn,
  region: string,
  configurationId: string,
  account: string,
): { Records: object[] } {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: `AWS:${account}` },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomUUID().replaceAll('-', '').slice(0, 16).toUpperCase(),
          'x-amz-id-2': Buffer.from(randomUUID()).toString('base64'),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId,
          bucket: {
            name: object.bucket,
            ownerIdentity: { principalId: account },
            arn: `arn:aws:s3:::${object.bucket}`,
          },
          object: {
            key: notificationKey(object.key),
            size: object.size,
            eTag: object.eTag.replace(/"/g, ''),
            ...(object.versionId ? { versionId: object.versionId } : {}),
            sequencer: Date.now().toString(16).toUpperCase().padStart(18, '0'),
          },
        },
      },
    ],
  };
}

/** What SNS sends an SQS or HTTP subscriber (the JSON body when raw delivery is off). */
export interface SnsEnvelope {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Subject?: string | null;
  Message: string;
  Timestamp: string;
  SignatureVersion?: string;
  Signature?: string;
  SigningCertURL?: string;
  SigningCertUrl?: string;
  UnsubscribeURL?: string;
  UnsubscribeUrl?: string;
  MessageAttributes?: Record<string, { Type: string; Value: string }>;
}

/** SNS → Lambda: one record per invocation, the envelope's fields as Lambda names them. */
export function snsEvent(envelope: SnsEnvelope, subscriptionArn: string): { Records: object[] } {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: envelope.Type,
          MessageId: envelope.MessageId,
          TopicArn: envelope.TopicArn,
          Subject: envelope.Subject ?? null,
          Message: envelope.Message,
          Timestamp: envelope.Timestamp,
          SignatureVersion: envelope.SignatureVersion ?? '1',
          Signature: envelope.Signature ?? '',
          SigningCertUrl: envelope.SigningCertURL ?? envelope.SigningCertUrl ?? '',
          UnsubscribeUrl: envelope.UnsubscribeURL ?? envelope.UnsubscribeUrl ?? '',
          MessageAttributes: envelope.MessageAttributes ?? {},
        },
      },
    ],
  };
}

/** EventBridge's event for a schedule rule (`rate(1 minute)`) targeting the function. */
export function scheduledEvent(ruleArn: string, region: string, account: string): object {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region,
    resources: [ruleArn],
    detail: {},
  };
}
