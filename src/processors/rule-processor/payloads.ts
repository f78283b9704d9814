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
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync, inflateSync } from 'node:zlib';
import type { Service } from '../config/types.js';
import {
  BadRecordError,
  DEFAULT_LIMITS,
  safeStringify,
  TransientError,
  type RecordLimits,
} from './limits.js';

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

const MiB = 1024 * 1024;
const size = (n: number) => (n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MiB` : `${n} bytes`);

/** True for Node's "output would exceed the limit" error of the zlib *Sync calls. */
function overLimit(err: unknown): boolean {
  return (
    (err as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError
  );
}

/**
 * Kinesis data as text: gunzipped or inflated when compressed, never past `maxBytes` of
 * output (zlib stops there: a small "gzip bomb" costs at most the ceiling).
 */
export function decodeKinesisData(
  data: string,
  maxBytes = DEFAULT_LIMITS.maxDecompressedBytes,
): string {
  const bytes = Buffer.from(data, 'base64');
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

/** The body's chunks; a failure to read them (network, S3) is transient. */
async function* readBody(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  where: string,
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (err) {
    throw new TransientError(`reading ${where} failed: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** Gunzips when the stream starts with the gzip magic bytes; corrupt gzip is poison, read errors stay transient. */
async function* gunzipIfNeeded(
  body: AsyncIterable<Uint8Array>,
  where: string,
): AsyncIterable<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* all(): AsyncIterable<Uint8Array> {
    yield first.value;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const head = first.value;
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield* all();
    return;
  }
  const source = Readable.from(all());
  // 64 KiB out per call instead of 16: a quarter of the chunks through the line splitter.
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  // pipe() does not forward errors: a failed read must end the gunzip stream with that error.
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    // Leaving this loop early (the line limit) destroys the gunzip stream: inflation stops.
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    if (err instanceof TransientError) throw err;
    throw new BadRecordError(
      `gzip data of ${where} does not decompress: ${(err as Error)?.message ?? String(err)}`,
      '',
    );
  } finally {
    source.destroy();
  }
}

/** A character String.prototype.trim keeps (\S is the complement of what it strips). */
const NOT_BLANK = /\S/;

/**
 * Non-empty lines (split at \n, \r\n or \r, as readline does) of a byte stream; a line
 * longer than `maxBytes` is poison and stops the reading there.
 */
async function* splitLines(
  bytes: AsyncIterable<Uint8Array>,
  maxBytes: number,
  where: string,
): AsyncIterable<string> {
  const decoder = new StringDecoder('utf8');
  // The pieces of the line not ended yet, joined once it ends: a line made of many chunks
  // (a CloudTrail object is one line) is then one flat string, not a rope of them.
  let pending: string[] = [];
  let restBytes = 0;
  let lineNo = 0;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only a longer text needs counting.
  const tooLong = (text: string) =>
    text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes;
  for await (const chunk of bytes) {
    const parts = decoder
      .write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
      .split(/\r\n|\r|\n/);
    const last = parts.pop()!;
    for (const part of parts) {
      let line = part;
      if (pending.length > 0) {
        pending.push(part);
        line = pending.join('');
        pending = [];
      }
      restBytes = 0;
      lineNo++;
      if (tooLong(line))
        throw new BadRecordError(
          `line ${lineNo} of ${where} is longer than ${size(maxBytes)} (the limit)`,
          line.slice(0, 200),
        );
      if (NOT_BLANK.test(line)) yield line;
    }
    if (last !== '') pending.push(last);
    restBytes += Buffer.byteLength(last);
    if (restBytes > maxBytes)
      throw new BadRecordError(
        `line ${lineNo + 1} of ${where} is longer than ${size(maxBytes)} (the limit); reading stopped there`,
        pending.join('').slice(0, 200),
      );
  }
  const rest = pending.join('') + decoder.end();
  if (NOT_BLANK.test(rest)) {
    if (tooLong(rest))
      throw new BadRecordError(
        `line ${lineNo + 1} of ${where} is longer than ${size(maxBytes)} (the limit)`,
        rest.slice(0, 200),
      );
    yield rest;
  }
}

async function* objectLines(
  source: ObjectSource,
  bucket: string,
  key: string,
  region: string | undefined,
  limits: RecordLimits,
): AsyncIterable<string> {
  const where = `s3://${bucket}/${key}`;
  let body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  try {
    body = await source.open(bucket, key, region);
  } catch (err) {
    throw new TransientError(`opening ${where} failed: ${(err as Error)?.message ?? String(err)}`);
  }
  yield* splitLines(
    gunzipIfNeeded(readBody(body, where), where),
    limits.maxDecompressedBytes,
    where,
  );
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
      lines: () => objectLines(objects, bucket, key, record.awsRegion, limits),
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
