/**
 * From a Lambda event record to its source (service + entity, as sources.json names
 * them) and its raw log lines. Kinesis data may be gzip or zlib (CloudWatch Logs
 * subscriptions gzip theirs); S3 objects are streamed and split into lines, gunzipped
 * when they start with the gzip magic bytes, so a large object is never held whole.
 */
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import type { Service } from '../config/types.js';

export interface KinesisEventRecord {
  eventSourceARN: string;
  kinesis: { data: string; sequenceNumber: string; partitionKey?: string };
}
export interface S3EventRecord {
  awsRegion?: string;
  s3: { bucket: { name: string }; object: { key: string; size?: number } };
}
export interface SnsEventRecord {
  EventSubscriptionArn?: string;
  Sns: { TopicArn: string; Message: string; MessageId?: string };
}
/** StreamAlert's app delivery: the app's function invokes the rule processor with its logs. */
export interface AppEventRecord {
  stream_alert_app: string;
  logs: unknown[];
}
export type EventRecord = KinesisEventRecord | S3EventRecord | SnsEventRecord | AppEventRecord;

/** Opens an S3 object as a byte stream (the handler's only S3 need). */
export interface ObjectSource {
  open(bucket: string, key: string, region?: string): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

export interface Payload {
  service: Service;
  entity: string;
  /** Kinesis sequence number (what batchItemFailures names), S3 bucket/key, or SNS message id. */
  id: string;
  lines(): AsyncIterable<string> | Iterable<string>;
}

/** A record that can never be read (corrupt compression): reported as unclassified, not retried. */
export class BadRecordError extends Error {
  constructor(
    message: string,
    readonly sample: string,
  ) {
    super(message);
  }
}

export function decodeKinesisData(data: string): string {
  const bytes = Buffer.from(data, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch (err) {
      throw new BadRecordError(`gzip data does not decompress: ${(err as Error).message}`, data.slice(0, 200));
    }
  }
  // zlib streams start with 0x78 and a header whose 16-bit value is a multiple of 31.
  if (bytes[0] === 0x78 && bytes.length > 2 && ((bytes[0] << 8) | bytes[1]!) % 31 === 0) {
    try {
      return inflateSync(bytes).toString('utf8');
    } catch {
      // plain data that happens to start like a zlib header
    }
  }
  return bytes.toString('utf8');
}

/** S3 event keys are URL-encoded with "+" for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

async function* gunzipIfNeeded(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* all(): AsyncIterable<Uint8Array> {
    yield first.value;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const head = first.value;
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(all()).pipe(createGunzip());
  else yield* all();
}

async function* objectLines(source: ObjectSource, bucket: string, key: string, region?: string): AsyncIterable<string> {
  const body = await source.open(bucket, key, region);
  const lines = createInterface({ input: Readable.from(gunzipIfNeeded(Readable.from(body))), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim() !== '') yield line;
}

/** The payload of one event record, or undefined when it is not a Kinesis, S3, SNS or StreamAlert app record. */
export function payloadOf(record: EventRecord, objects: ObjectSource): Payload | undefined {
  if ('kinesis' in record) {
    const entity = record.eventSourceARN.split('/')[1] ?? '';
    return { service: 'kinesis', entity, id: record.kinesis.sequenceNumber, lines: () => [decodeKinesisData(record.kinesis.data)] };
  }
  if ('s3' in record) {
    const bucket = record.s3.bucket.name;
    const key = decodeS3Key(record.s3.object.key);
    return { service: 's3', entity: bucket, id: `s3://${bucket}/${key}`, lines: () => objectLines(objects, bucket, key, record.awsRegion) };
  }
  if ('stream_alert_app' in record && Array.isArray(record.logs)) {
    const logs = record.logs;
    return {
      service: 'stream_alert_app',
      entity: String(record.stream_alert_app),
      id: `stream_alert_app:${String(record.stream_alert_app)}`,
      lines: () => logs.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))),
    };
  }
  if ('Sns' in record) {
    const entity = record.Sns.TopicArn.split(':')[5] ?? '';
    return { service: 'sns', entity, id: record.Sns.MessageId ?? record.Sns.TopicArn, lines: () => [record.Sns.Message] };
  }
  return undefined;
}
