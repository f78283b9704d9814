/**
 * Where staged rules' alerts are read from: the `staging/` prefix of each cluster's
 * Firehose data bucket (the alert processor writes staging/<rule>/dt=YYYY-MM-DD/<id>.json).
 * An interface, so the promote logic is tested with an in-memory store and run against
 * S3 (or moto) through the real SDK.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { s3Client } from '../shared/s3-client.js';

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
  const client = s3Client(options.region, options.endpoint);
  const pages = (bucket: string, prefix: string, delimiter?: string) =>
    paginateListObjectsV2(
      { client },
      { Bucket: bucket, Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}) },
    );
  return {
    async list(bucket, prefix) {
      const keys: string[] = [];
      for await (const page of pages(bucket, prefix))
        for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
      return keys;
    },
    async folders(bucket, prefix) {
      const found: string[] = [];
      for await (const page of pages(bucket, prefix, '/'))
        for (const p of page.CommonPrefixes ?? []) if (p.Prefix) found.push(p.Prefix);
      return found;
    },
    async get(bucket, key) {
      try {
        const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await res.Body!.transformToString();
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
        throw err;
      }
    },
    async put(bucket, key, body) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: 'application/json',
        }),
      );
    },
    async delete(bucket, key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
  };
}
