/**
 * The sample of real records: per cluster with Firehose enabled, the newest objects of its
 * data bucket (modules/kinesis_firehose: `<prefix>.<cluster with . for _>.<suffix>`,
 * objects under `data/YYYY/MM/dd/HH/`, UTC) written in the last `hours`, newest first.
 * Firehose copies the cluster's Kinesis stream as it arrives, so each line becomes a record
 * of that stream, classified by the rule processor's own classifier with the cluster's
 * sources. Read with the SDK's credential chain and endpoint handling, as the state bucket
 * is (src/state/s3-store.ts).
 *
 * What the objects hold is not trusted: a 360 KB gzip may hold 100 MB of lines. So the
 * records are streamed (never a whole object in memory), the budgets count DECOMPRESSED
 * bytes and records, the clock is checked as the bytes come, and a line longer than
 * MAX_LINE_BYTES (a Kinesis record's own limit) is skipped and counted. Memory held at
 * once is one object's read buffers plus one line, whatever the objects hold.
 * Nothing here throws for AWS or data reasons: an unreadable bucket, a failed read or a
 * corrupt gzip is a note, and the next object is read.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { defaultStreamName } from '../config/modules/kinesis.js';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/s3-client.js';
import type { ClusterConfig, Config } from '../config/types.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';
import type { SampleStats } from './types.js';

/** Kinesis takes at most 1 MiB per record: a longer Firehose line is not one of its records. */
export const MAX_LINE_BYTES = 1024 * 1024;
/**
 * Default record budget of the sample: the rule sandbox ran both sides of 200,000 osquery
 * records in 58 s on two shared cores, so half of that leaves the 60 s budget for the rest.
 */
export const DEFAULT_MAX_RECORDS = 100_000;

export interface SampleOptions {
  hours: number;
  /** Budget of decompressed bytes (every byte inflated counts, skipped lines too). */
  maxBytes: number;
  /** Budget of records (lines) taken. */
  maxRecords?: number;
  /** Epoch milliseconds after which nothing more is read. */
  deadline: number;
  now: number;
  awsEndpoint?: string;
  /** Lines longer than this are skipped (default MAX_LINE_BYTES). */
  maxLineBytes?: number;
}

/** What the reading found besides its records: filled in as the records are taken. */
export interface SampleProgress {
  stats: SampleStats;
  notes: string[];
}

/** What the backtest reads of a bucket; the S3 one below, or another in tests. */
export interface SampleBucket {
  /** Objects under `prefix`: key, size and time written. */
  list(prefix: string): Promise<{ key: string; size: number; modified: number }[]>;
  /** The object's bytes as they come (compressed or not). */
  read(key: string): Promise<AsyncIterable<Uint8Array>>;
}

export function dataBucketName(config: Config, cluster: ClusterConfig): string | undefined {
  const firehose = cluster.modules.kinesis?.firehose;
  if (!firehose?.enabled) return undefined;
  return `${config.global.account.prefix}.${cluster.id.replace(/_/g, '.')}.${firehose.s3BucketSuffix}`;
}

/** The Kinesis stream the cluster's Firehose copies (modules/kinesis_streams). */
export function streamName(config: Config, cluster: ClusterConfig): string {
  return (
    cluster.modules.kinesis?.streams.name ??
    defaultStreamName(config.global.account.prefix, cluster.id)
  );
}

/** `data/YYYY/MM/dd/HH/` for every hour from now back over `hours`, newest first. */
export function hourPrefixes(now: number, hours: number): string[] {
  const out: string[] = [];
  const start = Math.floor(now / 3_600_000);
  for (let h = start; h >= start - Math.ceil(hours); h--) {
    const d = new Date(h * 3_600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    out.push(
      `data/${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${p(d.getUTCHours())}/`,
    );
  }
  return out;
}

export function s3SampleBucket(bucket: string, region: string, awsEndpoint?: string): SampleBucket {
  const client = s3Client(region, awsEndpoint, { maxAttempts: 2 });
  return {
    async list(prefix) {
      const out: { key: string; size: number; modified: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const o of page.Contents ?? [])
          if (o.Key)
            out.push({ key: o.Key, size: o.Size ?? 0, modified: o.LastModified?.getTime() ?? 0 });
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return out;
    },
    async read(key) {
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!got.Body) throw new Error('the object has no body');
      return got.Body as AsyncIterable<Uint8Array>;
    },
  };
}

const why = (err: unknown): string =>
  `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);

const mb = (bytes: number): string => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** Why the reading stops early: a budget, spent. */
type Stop = 'bytes' | 'records' | 'time';

/** The object's bytes, gunzipped when they start with the gzip magic (not by name). */
async function* inflated(body: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* all(): AsyncIterable<Uint8Array> {
    yield first.value;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const head = first.value;
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    for await (const chunk of all()) yield Buffer.from(chunk);
    return;
  }
  const source = Readable.from(all());
  const gunzip = createGunzip();
  // pipe() does not forward errors: a failed read must end the gunzip stream with it.
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    // Leaving this loop early (a budget) destroys the gunzip stream: inflation stops.
    for await (const chunk of gunzip) yield chunk as Buffer;
  } finally {
    source.destroy();
  }
}

/**
 * Splits inflated bytes into non-empty lines, never holding more than `maxLine` bytes of
 * one: a longer line is dropped as it grows and counted in `skipped.lines`. `spent` is
 * called with every chunk's size before its lines, and may stop the reading (a budget).
 */
async function* boundedLines(
  chunks: AsyncIterable<Buffer>,
  maxLine: number,
  skipped: { lines: number },
  spent: (bytes: number) => boolean,
): AsyncIterable<string> {
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipping = false;
  const line = (): string | undefined => {
    const text = Buffer.concat(parts, partBytes).toString('utf8').replace(/\r$/, '');
    parts = [];
    partBytes = 0;
    return text.trim() === '' ? undefined : text;
  };
  for await (const chunk of chunks) {
    if (!spent(chunk.length)) return;
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); from < chunk.length; nl = chunk.indexOf(0x0a, from)) {
      const end = nl === -1 ? chunk.length : nl;
      if (!skipping) {
        if (partBytes + (end - from) > maxLine) {
          skipping = true;
          skipped.lines += 1;
          parts = [];
          partBytes = 0;
        } else if (end > from) {
          parts.push(chunk.subarray(from, end));
          partBytes += end - from;
        }
      }
      if (nl === -1) break;
      if (skipping) skipping = false;
      else {
        const text = line();
        if (text !== undefined) yield text;
      }
      from = nl + 1;
    }
  }
  if (!skipping && partBytes > 0) {
    const text = line();
    if (text !== undefined) yield text;
  }
}

/**
 * The sampled records of every cluster with Firehose, newest objects first, as they are
 * read (`bucketOf` gives the bucket to read; S3 by default). The budgets are shared: the
 * first clusters may use all of them. `progress` holds the stats and notes so far.
 */
export async function* sampleRecords(
  config: Config,
  o: SampleOptions,
  progress: SampleProgress,
  bucketOf: (name: string, cluster: ClusterConfig) => SampleBucket = (name, c) =>
    s3SampleBucket(name, c.region, o.awsEndpoint),
): AsyncIterable<FixtureRecord> {
  const { stats, notes } = progress;
  const maxRecords = o.maxRecords ?? DEFAULT_MAX_RECORDS;
  const maxLine = o.maxLineBytes ?? MAX_LINE_BYTES;
  const since = o.now - o.hours * 3_600_000;
  const skipped = { lines: 0 };
  let stop: Stop | undefined;
  const spent = (bytes: number): boolean => {
    if (stats.bytes >= o.maxBytes) stop = 'bytes';
    else if (Date.now() > o.deadline) stop = 'time';
    else stats.bytes += bytes;
    return stop === undefined;
  };
  const clusters = config.clusters.filter((c) => dataBucketName(config, c) !== undefined);
  if (clusters.length === 0) notes.push('no cluster has Firehose enabled: no records to sample');
  for (const cluster of clusters) {
    if (stop) break;
    const name = dataBucketName(config, cluster)!;
    const bucket = bucketOf(name, cluster);
    const source = streamName(config, cluster);
    for (const prefix of hourPrefixes(o.now, o.hours)) {
      if (stop) break;
      let objects;
      try {
        objects = (await bucket.list(prefix))
          .filter((x) => x.modified >= since)
          .sort((a, b) => b.modified - a.modified || b.key.localeCompare(a.key));
      } catch (err) {
        notes.push(`cluster ${cluster.id}: could not read s3://${name}: ${why(err)}`);
        break;
      }
      for (const object of objects) {
        if (stop || !spent(0)) break;
        const where = `s3://${name}/${object.key}`;
        stats.objects += 1;
        let index = 0;
        try {
          const body = await bucket.read(object.key);
          for await (const data of boundedLines(inflated(body), maxLine, skipped, spent)) {
            if (stats.records >= maxRecords) {
              stop = 'records';
              break;
            }
            stats.records += 1;
            yield {
              file: where,
              index: index++,
              description: '',
              service: 'kinesis',
              source,
              data,
              compress: false,
              classify: true,
              classifyOnly: false,
              triggerRules: [],
            };
          }
        } catch (err) {
          notes.push(`${where}: could not be read after ${index} line(s): ${why(err)}`);
        }
      }
    }
  }
  if (skipped.lines > 0)
    notes.push(
      `${skipped.lines} line(s) longer than ${mb(maxLine)} (more than a Kinesis record holds) were skipped`,
    );
  if (stop === 'bytes')
    notes.push(
      `stopped at ${mb(o.maxBytes)} decompressed (backtest-max-mb): the sample holds the newest records`,
    );
  else if (stop === 'records')
    notes.push(
      `stopped at ${maxRecords.toLocaleString('en-US')} records: the sample holds the newest records`,
    );
  else if (stop === 'time')
    notes.push('stopped at the time budget: the sample holds the newest records read');
}
