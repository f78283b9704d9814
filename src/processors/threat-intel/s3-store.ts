/**
 * The feeds' indicator tables in S3. Each write puts the version under
 * `<prefix>versions/<feed>/<fetched-at>.json.gz` (kept for audit and for pinning; the
 * bucket's lifecycle ages them out) and then as the current table `<prefix><feed>.json.gz`,
 * the key the rule processor loads. The current object's `fetched-at` metadata says when the
 * feed was last pulled, so a run skips a feed that is not due.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { feedObjectKey, type FeedName } from '../config/threat-intel.js';
import type { IndicatorStore } from './collector.js';

const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

export function s3IndicatorStore(
  client: () => Promise<S3Client>,
  bucket: string,
  prefix: string,
): IndicatorStore {
  const sdk = () => import('@aws-sdk/client-s3');
  return {
    async fetchedAt(feed: FeedName) {
      const [{ HeadObjectCommand }, s3] = await Promise.all([sdk(), client()]);
      try {
        const res = await s3.send(
          new HeadObjectCommand({ Bucket: bucket, Key: feedObjectKey(prefix, feed) }),
        );
        const at = Date.parse(res.Metadata?.['fetched-at'] ?? '');
        return Number.isFinite(at) ? at : undefined;
      } catch (err) {
        if (statusOf(err) === 404) return undefined;
        throw err;
      }
    },
    async put(feed: FeedName, table: Buffer, version: string, sourceVersion?: string) {
      const [{ PutObjectCommand }, s3] = await Promise.all([sdk(), client()]);
      // Metadata is sent as headers: printable ASCII only, and short (it is the feed's text).
      const source = sourceVersion?.replace(/[^\x20-\x7e]/g, '').slice(0, 64);
      const object = {
        Bucket: bucket,
        Body: table,
        // Gzip bytes the loader gunzips itself (no Content-Encoding: nothing decodes them on the way).
        ContentType: 'application/gzip',
        Metadata: { 'fetched-at': version, feed, ...(source ? { 'source-version': source } : {}) },
      };
      const stamp = version.replace(/[^0-9TZ]/g, '');
      await s3.send(
        new PutObjectCommand({ ...object, Key: `${prefix}versions/${feed}/${stamp}.json.gz` }),
      );
      await s3.send(new PutObjectCommand({ ...object, Key: feedObjectKey(prefix, feed) }));
    },
  };
}
