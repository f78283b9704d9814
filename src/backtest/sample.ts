/**
 * The sample of real records: per cluster with Firehose enabled, the newest objects of its
 * data bucket (modules/kinesis_firehose: `<prefix>.<cluster with . for _>.<suffix>`,
 * objects under `data/YYYY/MM/dd/HH/`, UTC) written in the last `hours`, newest first,
 * until `maxBytes` are read or the time budget is spent. Firehose copies the cluster's
 * Kinesis stream as it arrives, so each line becomes a record of that stream, classified
 * by the rule processor's own classifier with the cluster's sources. Read with the SDK's
 * credential chain and endpoint handling, as the state bucket is (src/state/s3-store.ts).
 * Nothing here throws for AWS reasons: an unreadable bucket is a note.
 */
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { s3Client } from '../shared/s3-client.js';
import type { ClusterConfig, Config } from '../config/types.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';
import type { SampleStats } from './types.js';

export interface SampleOptions {
  hours: number;
  maxBytes: number;
  /** Epoch milliseconds after which no further object is read. */
  deadline: number;
  now: number;
  awsEndpoint?: string;
}

export interface Sample {
  records: FixtureRecord[];
  stats: SampleStats;
  notes: string[];
}

/** What the backtest reads of a bucket; the S3 one below, or another in tests. */
export interface SampleBucket {
  /** Objects under `prefix`: key, size and time written. */
  list(prefix: string): Promise<{ key: string; size: number; modified: number }[]>;
  read(key: string): Promise<Buffer>;
}

export function dataBucketName(config: Config, cluster: ClusterConfig): string | undefined {
  const firehose = cluster.modules.kinesis?.firehose;
  if (!firehose?.enabled) return undefined;
  return `${config.global.account.prefix}.${cluster.id.replace(/_/g, '.')}.${firehose.s3BucketSuffix}`;
}

/** The Kinesis stream the cluster's Firehose copies (modules/kinesis_streams). */
export function streamName(config: Config, cluster: ClusterConfig): string {
  return `${config.global.account.prefix}_${cluster.id}_stream_alert_kinesis`;
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
      return Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    },
  };
}

const why = (err: unknown): string =>
  `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`.slice(0, 300);

/** Lines of an object as Firehose wrote it: gunzipped when gzipped (by magic, not by name). */
function lines(body: Buffer): string[] {
  const text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/**
 * Reads the sample of every cluster with Firehose (`bucketOf` gives the bucket to read;
 * S3 by default). The byte budget is shared: the first clusters may use all of it.
 */
export async function readSample(
  config: Config,
  o: SampleOptions,
  bucketOf: (name: string, cluster: ClusterConfig) => SampleBucket = (name, c) =>
    s3SampleBucket(name, c.region, o.awsEndpoint),
): Promise<Sample> {
  const records: FixtureRecord[] = [];
  const notes: string[] = [];
  const stats: SampleStats = { records: 0, bytes: 0, objects: 0, hours: o.hours };
  const since = o.now - o.hours * 3_600_000;
  const clusters = config.clusters.filter((c) => dataBucketName(config, c) !== undefined);
  if (clusters.length === 0) notes.push('no cluster has Firehose enabled: no records to sample');
  let stopped = false;
  for (const cluster of clusters) {
    if (stopped) break;
    const name = dataBucketName(config, cluster)!;
    const bucket = bucketOf(name, cluster);
    const source = streamName(config, cluster);
    try {
      for (const prefix of hourPrefixes(o.now, o.hours)) {
        if (stopped) break;
        const objects = (await bucket.list(prefix))
          .filter((x) => x.modified >= since)
          .sort((a, b) => b.modified - a.modified || b.key.localeCompare(a.key));
        for (const object of objects) {
          if (stats.bytes + object.size > o.maxBytes) {
            notes.push(
              `stopped at ${o.maxBytes / 1e6} MB (backtest-max-mb): the sample holds the newest objects`,
            );
            stopped = true;
            break;
          }
          if (Date.now() > o.deadline) {
            notes.push('stopped at the time budget: the sample holds the newest objects read');
            stopped = true;
            break;
          }
          const body = await bucket.read(object.key);
          stats.bytes += body.length;
          stats.objects += 1;
          let index = 0;
          for (const line of lines(body))
            records.push({
              file: `s3://${name}/${object.key}`,
              index: index++,
              description: '',
              service: 'kinesis',
              source,
              data: line,
              compress: false,
              classify: true,
              triggerRules: [],
            });
        }
      }
    } catch (err) {
      notes.push(`cluster ${cluster.id}: could not read s3://${name}: ${why(err)}`);
    }
  }
  stats.records = records.length;
  return { records, stats, notes };
}
