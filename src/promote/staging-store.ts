/**
 * Where staged rules' alerts are read from: the `staging/` prefix of each cluster's
 * Firehose data bucket (the alert processor writes staging/<rule>/dt=YYYY-MM-DD/<id>.json).
 * An interface, so the promote logic is tested with an in-memory store and run against
 * S3 (or moto) through the real SDK, which is imported only when promote runs.
 */
import type { S3Client } from '@aws-sdk/client-s3';

export interface StagingStore {
  /** Every key under `prefix` in `bucket`. */
  list(bucket: string, prefix: string): Promise<string[]>;
  /** The "folders" right under `prefix` (ListObjectsV2 with Delimiter "/"), each ending in "/". */
  folders(bucket: string, prefix: string): Promise<string[]>;
  /** The object's text, or undefined when there is none. */
  get(bucket: string, key: string): Promise<string | undefined>;
  put(bucket: string, key: string, body: string): Promise<void>;
  delete(bucket: string, key: string): Promise<void>;
}

export interface S3StoreOptions {
  region: string;
  /** moto or LocalStack (`aws-endpoint`): path-style addressing. */
  endpoint?: string;
}

/** The real store: S3 through the AWS SDK, with the credentials of the workflow's role. */
export function s3StagingStore(options: S3StoreOptions): StagingStore {
  let client: Promise<{ s3: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;
  const s3 = () =>
    (client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      s3: new sdk.S3Client({
        region: options.region,
        ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      }),
    })));
  return {
    async list(bucket, prefix) {
      const { s3: c, sdk } = await s3();
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const res = await c.send(
          new sdk.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ContinuationToken: token,
          }),
        );
        for (const o of res.Contents ?? []) if (o.Key) keys.push(o.Key);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return keys;
    },
    async folders(bucket, prefix) {
      const { s3: c, sdk } = await s3();
      const found: string[] = [];
      let token: string | undefined;
      do {
        const res = await c.send(
          new sdk.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            Delimiter: '/',
            ContinuationToken: token,
          }),
        );
        for (const p of res.CommonPrefixes ?? []) if (p.Prefix) found.push(p.Prefix);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
      return found;
    },
    async get(bucket, key) {
      const { s3: c, sdk } = await s3();
      try {
        const res = await c.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
        return await res.Body!.transformToString();
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async put(bucket, key, body) {
      const { s3: c, sdk } = await s3();
      await c.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
        }),
      );
    },
    async delete(bucket, key) {
      const { s3: c, sdk } = await s3();
      await c.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
