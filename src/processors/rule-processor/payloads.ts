/**
 * From a Lambda event record to its source (service + entity, as sources.json names
 * them) and its raw log lines. Kinesis data may be gzip or zlib (CloudWatch Logs
 * subscriptions gzip theirs); S3 objects are streamed and split into lines, gunzipped
 * when they start with the gzip magic bytes, so a large object is never held whole.
 *
 * Work per record is bounded: decompression stops at `maxDecompressedBytes` (a Kinesis
 * record's whole data, one line of an S3 object) and the record is then poison
 * (BadRecordError). S3 read errors are TransientError: a retry may fix them.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Service } from '../config/types.js';
import {
  BadRecordError,
  DEFAULT_LIMITS,
  safeStringify,
  sizeText as size,
  type RecordLimits,
} from './limits.js';
import { objectLines } from './object-lines.js';

export { BadRecordError, TransientError } from './limits.js';

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
  open(
    bucket: string,
    key: string,
    region?: string,
  ): Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

export interface Payload {
  service: Service;
  entity: string;
  /** Kinesis sequence number (what batchItemFailures names), S3 bucket/key, or SNS message id. */
  id: string;
  lines(): AsyncIterable<string> | Iterable<string>;
  /** The record's own bytes, for the dead-letter queue (S3: none, the object stays in its bucket). */
  data(): Buffer | undefined;
}

/** True for Node's "output would exceed the limit" error of the zlib *Sync calls. */
function overLimit(err: unknown): boolean {
  return (
    (err as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError
  );
}

/**
 * Kinesis data is base64-decoded into this buffer, reused from record to record (a record's
 * data is at most 1 MiB): a Buffer made per record cost about as much as decoding a short
 * line. What leaves decodeKinesisData (the text, inflated bytes) is always a copy.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const SCRATCH_MAX = 2 * 1024 * 1024;

/** The decoded bytes of base64 `data`: in `scratch` when they fit it. */
function base64Bytes(data: string): Buffer {
  const most = Math.ceil(data.length / 4) * 3;
  if (most > SCRATCH_MAX) return Buffer.from(data, 'base64');
  if (most > scratch.length) scratch = Buffer.allocUnsafeSlow(most);
  return scratch.subarray(0, scratch.write(data, 0, 'base64'));
}

/**
 * A byte past ASCII in atob's one-char-per-byte string (it holds only U+0000-U+00FF): the
 * string is then not the UTF-8 text.
 */
const NOT_ASCII = /[\x80-\xff]/;

/**
 * The text of base64 `data` when it is plain ASCII, else undefined. atob decodes a short
 * line in a third of the time of a Buffer and its toString (most line formats are ASCII),
 * and for ASCII its one-char-per-byte string is the UTF-8 text. Data that may be gzip
 * ("H4s": 1f 8b) or zlib ("e": 0x78) is left to the byte path, as is what atob refuses
 * (URL-safe alphabet, stray characters: Buffer decodes those leniently) and anything
 * holding a byte past 0x7f, so the text is what the byte path gives in every case.
 */
function asciiText(data: string): string | undefined {
  const c = data.charCodeAt(0);
  if (c === 0x65 /* e */ || (c === 0x48 /* H */ && data.startsWith('H4s'))) return undefined;
  let text: string;
  try {
    text = atob(data);
  } catch {
    return undefined;
  }
  return NOT_ASCII.test(text) ? undefined : text;
}

/**
 * Kinesis data as text: gunzipped or inflated when compressed, never past `maxBytes` of
 * output (zlib stops there: a small "gzip bomb" costs at most the ceiling).
 */
export function decodeKinesisData(
  data: string,
  maxBytes = DEFAULT_LIMITS.maxDecompressedBytes,
): string {
  const ascii = asciiText(data);
  if (ascii !== undefined) return ascii;
  const bytes = base64Bytes(data);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
    } catch (err) {
      if (overLimit(err))
        throw new BadRecordError(
          `gzip data decompresses to more than ${size(maxBytes)} (the limit); decompression stopped there`,
          data.slice(0, 200),
        );
      throw new BadRecordError(
        `gzip data does not decompress: ${(err as Error).message}`,
        data.slice(0, 200),
      );
    }
  }
  // zlib streams start with 0x78 and a header whose 16-bit value is a multiple of 31.
  if (bytes[0] === 0x78 && bytes.length > 2 && ((bytes[0] << 8) | bytes[1]!) % 31 === 0) {
    try {
      return inflateSync(bytes, { maxOutputLength: maxBytes }).toString('utf8');
    } catch (err) {
      if (overLimit(err))
        throw new BadRecordError(
          `zlib data decompresses to more than ${size(maxBytes)} (the limit); decompression stopped there`,
          data.slice(0, 200),
        );
      // plain data that happens to start like a zlib header
    }
  }
  return bytes.toString('utf8');
}

/** S3 event keys are URL-encoded with "+" for spaces. */
export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

/** The stream name of the last Kinesis ARN seen: a batch's records share one. */
let lastArn: string | undefined;
let lastStream = '';

export function streamOf(arn: string): string {
  if (arn !== lastArn) {
    lastStream = arn.split('/')[1] ?? '';
    lastArn = arn;
  }
  return lastStream;
}

/** The payload of one event record, or undefined when it is not a Kinesis, S3, SNS or StreamAlert app record. */
export function payloadOf(
  record: EventRecord,
  objects: ObjectSource,
  limits: RecordLimits = DEFAULT_LIMITS,
  /** StreamAlert 3: an S3 object that is one JSON document is one record (see objectLines). */
  wholeJson = false,
): Payload | undefined {
  if ('kinesis' in record) {
    const entity = streamOf(record.eventSourceARN);
    return {
      service: 'kinesis',
      entity,
      id: record.kinesis.sequenceNumber,
      lines: () => [decodeKinesisData(record.kinesis.data, limits.maxDecompressedBytes)],
      data: () => Buffer.from(record.kinesis.data, 'base64'),
    };
  }
  if ('s3' in record) {
    const bucket = record.s3.bucket.name;
    const key = decodeS3Key(record.s3.object.key);
    return {
      service: 's3',
      entity: bucket,
      id: `s3://${bucket}/${key}`,
      lines: () =>
        objectLines(objects, bucket, key, record.awsRegion, limits, undefined, wholeJson),
      data: () => undefined,
    };
  }
  if ('stream_alert_app' in record && Array.isArray(record.logs)) {
    const logs = record.logs;
    return {
      service: 'stream_alert_app',
      entity: String(record.stream_alert_app),
      id: `stream_alert_app:${String(record.stream_alert_app)}`,
      // JSON.stringify throws on a log too deep to serialize: the payload is then poison.
      lines: () => logs.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))),
      data: () => Buffer.from(safeStringify(logs)),
    };
  }
  if ('Sns' in record) {
    const entity = record.Sns.TopicArn.split(':')[5] ?? '';
    return {
      service: 'sns',
      entity,
      id: record.Sns.MessageId ?? record.Sns.TopicArn,
      lines: () => [record.Sns.Message],
      data: () => Buffer.from(String(record.Sns.Message)),
    };
  }
  return undefined;
}
