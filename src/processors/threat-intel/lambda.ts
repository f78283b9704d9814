/**
 * Lambda entry of the threat-intel feed collector, run by its EventBridge schedule (every
 * 4 minutes by default: an abuse.ch export is then at most 4 minutes old when written, and
 * the rule processor checks for a new table every minute, so never more than 5 minutes
 * stale). Its environment (set by the module): THREAT_INTEL_BUCKET and _PREFIX, the feeds
 * (THREAT_INTEL_FEEDS, comma-separated), and optional bounds. Each due feed is written;
 * a failed one keeps its last good table and counts ThreatIntelFeedFailures.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { FEED_NAMES, THREAT_INTEL_DEFAULTS, type FeedName } from '../config/threat-intel.js';
import { createLogger, levelFrom } from '../shared/logger.js';
import { s3ClientOptions } from '../shared/package-dir.js';
import { collectFeeds, type FeedBounds, type FeedOutcome } from './collector.js';
import { s3IndicatorStore } from './s3-store.js';

export interface FeedsEnv {
  bucket: string;
  prefix: string;
  feeds: FeedName[];
  urls: Partial<Record<FeedName, string>>;
  bounds: Partial<FeedBounds>;
}

/** The environment read and checked; a missing or bad variable names itself. */
export function readFeedsEnv(env: NodeJS.ProcessEnv): FeedsEnv {
  const bucket = env.THREAT_INTEL_BUCKET;
  if (!bucket) throw new Error("the feed collector's environment has no THREAT_INTEL_BUCKET");
  const feeds = (env.THREAT_INTEL_FEEDS ?? FEED_NAMES.join(','))
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const unknown = feeds.filter((f) => !(FEED_NAMES as readonly string[]).includes(f));
  if (unknown.length > 0)
    throw new Error(
      `THREAT_INTEL_FEEDS names unknown feeds: ${unknown.join(', ')} (known: ${FEED_NAMES.join(', ')})`,
    );
  // A mirror per feed: THREAT_INTEL_URL_<FEED> (an https URL).
  const urls: Partial<Record<FeedName, string>> = {};
  for (const f of feeds) {
    const url = env[`THREAT_INTEL_URL_${f.toUpperCase()}`];
    if (url) urls[f as FeedName] = url;
  }
  const positive = (name: string): number | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a whole number > 0`);
    return n;
  };
  const maxDownloadBytes = positive('THREAT_INTEL_MAX_DOWNLOAD_BYTES');
  const maxIndicators = positive('THREAT_INTEL_MAX_INDICATORS');
  const maxTableBytes = positive('THREAT_INTEL_MAX_TABLE_BYTES');
  return {
    bucket,
    prefix: env.THREAT_INTEL_PREFIX ?? THREAT_INTEL_DEFAULTS.prefix,
    feeds: feeds as FeedName[],
    urls,
    bounds: {
      ...(maxDownloadBytes ? { maxDownloadBytes } : {}),
      ...(maxIndicators ? { maxIndicators } : {}),
      ...(maxTableBytes ? { maxTableBytes } : {}),
    },
  };
}

const logger = createLogger({
  level: levelFrom(process.env.LOGGER_LEVEL),
  // The failure metric is what the module's alarm watches: always on.
  metrics: true,
});

let client: Promise<S3Client> | undefined;

export async function handler(): Promise<{ feeds: FeedOutcome[] }> {
  const env = readFeedsEnv(process.env);
  client ??= import('@aws-sdk/client-s3').then(
    ({ S3Client }) => new S3Client({ ...s3ClientOptions() }),
  );
  const feeds = await collectFeeds({
    feeds: env.feeds,
    store: s3IndicatorStore(() => client!, env.bucket, env.prefix),
    logger,
    urls: env.urls,
    bounds: env.bounds,
  });
  return { feeds };
}
