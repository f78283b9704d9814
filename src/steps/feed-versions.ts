/**
 * The version of each threat-intel feed the rule processors use, read at plan time for the
 * plan comment (docs/threat-intel.md): the rule processors load each feed's current table
 * (`<prefix><feed>.json.gz`), so its HeadObject says which version that is — when the
 * collector fetched it (`fetched-at` metadata), its S3 version id, the feed's own version
 * (`source-version`, CISA's catalogVersion). Without a readable bucket (no credentials, no
 * deployment yet) every feed is `unread`: latest, unpinned. A plan never fails for it.
 */
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/types.js';
import type { FeedVersion } from '../plan/types.js';

export interface FeedVersionsReadOptions {
  /** False: nothing is read (no state bucket: the deployment may not exist, nor credentials). */
  read: boolean;
  awsEndpoint?: string;
  /** The S3 client (tests). */
  client?: () => Pick<S3Client, 'send' | 'destroy'>;
}

const statusOf = (err: unknown) =>
  (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** The feeds matched, each with its version; undefined when threat intel matches nothing. */
export async function readFeedVersions(
  config: Config,
  o: FeedVersionsReadOptions,
): Promise<FeedVersion[] | undefined> {
  const ti = config.processors.threatIntel;
  if (!ti?.enabled || ti.feeds.length === 0) return undefined;
  const unread = ti.feeds.map((f): FeedVersion => ({ feed: f.feed, status: 'unread' }));
  if (!o.read) return unread;
  const client =
    o.client?.() ??
    new S3Client({
      // The bucket may be in any region: S3 redirects, the client follows.
      region: config.global.account.region,
      followRegionRedirects: true,
      ...(o.awsEndpoint ? { endpoint: o.awsEndpoint, forcePathStyle: true } : {}),
    });
  try {
    const out: FeedVersion[] = [];
    for (const f of ti.feeds) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: f.bucket, Key: f.key }));
        const meta = head.Metadata ?? {};
        out.push({
          feed: f.feed,
          status: 'current',
          ...(meta['fetched-at'] ? { fetchedAt: meta['fetched-at'] } : {}),
          ...(head.VersionId && head.VersionId !== 'null' ? { objectVersion: head.VersionId } : {}),
          ...(meta['source-version'] ? { sourceVersion: meta['source-version'] } : {}),
        });
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
        out.push({ feed: f.feed, status: 'absent' });
      }
    }
    return out;
  } catch {
    // Refused or unreachable: say what the processors do (the latest), not something wrong.
    return unread;
  } finally {
    client.destroy();
  }
}
