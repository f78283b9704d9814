/**
 * Lambda entry of the threat-intel feed collector, run by its EventBridge schedule (every
 * 4 minutes by default: an abuse.ch export is then at most 4 minutes old when written, and
 * the rule processor checks for a new table every minute, so never more than 5 minutes
 * stale). Its environment (set by the module): THREAT_INTEL_BUCKET and _PREFIX, the feeds
 * (THREAT_INTEL_FEEDS, comma-separated), and optional bounds. Each due feed is written;
 * a failed one keeps its last good table and counts ThreatIntelFeedFailures. OTX's API key
 * is read from where THREAT_INTEL_OTX_CREDENTIAL says (an SSM parameter name or a Secrets
 * Manager ARN) on every run, so a rotated key is used from the next run on; it is never
 * logged.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createSecretStore, type SecretStore } from '../alert-processor/secrets.js';
import type { SecretRef } from '../config/types.js';
import {
  FEED_NAMES,
  PUBLIC_FEEDS,
  THREAT_INTEL_DEFAULTS,
  type FeedName,
} from '../config/threat-intel.js';
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
  /** Where OTX's API key is, when otx is pulled. */
  otxKey?: SecretRef;
}

/** The environment read and checked; a missing or bad variable names itself. */
export function readFeedsEnv(env: NodeJS.ProcessEnv): FeedsEnv {
  const bucket = env.THREAT_INTEL_BUCKET;
  if (!bucket) throw new Error("the feed collector's environment has no THREAT_INTEL_BUCKET");
  const feeds = (env.THREAT_INTEL_FEEDS ?? PUBLIC_FEEDS.join(','))
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
  const maxPages = positive('THREAT_INTEL_MAX_PAGES');
  const otxCredential = env.THREAT_INTEL_OTX_CREDENTIAL;
  if (feeds.includes('otx') && !otxCredential)
    throw new Error(
      'THREAT_INTEL_FEEDS names otx and THREAT_INTEL_OTX_CREDENTIAL (where its API key is) is not set',
    );
  return {
    bucket,
    prefix: env.THREAT_INTEL_PREFIX ?? THREAT_INTEL_DEFAULTS.prefix,
    feeds: feeds as FeedName[],
    urls,
    bounds: {
      ...(maxDownloadBytes ? { maxDownloadBytes } : {}),
      ...(maxIndicators ? { maxIndicators } : {}),
      ...(maxTableBytes ? { maxTableBytes } : {}),
      ...(maxPages ? { maxPages } : {}),
    },
    ...(otxCredential && feeds.includes('otx')
      ? {
          otxKey: otxCredential.startsWith('arn:')
            ? { secretsManagerSecret: otxCredential }
            : { ssmParameter: otxCredential },
        }
      : {}),
  };
}

/** The key as stored: the bare key, or a JSON object with `api_key` (a Secrets Manager pair). */
export function otxKeyOf(secret: string): string {
  const text = secret.trim();
  if (!text.startsWith('{')) return text;
  let key: unknown;
  try {
    key = (JSON.parse(text) as { api_key?: unknown }).api_key;
  } catch {
    key = undefined;
  }
  if (typeof key !== 'string' || key === '')
    throw new Error('the OTX secret is JSON without a string "api_key"');
  return key;
}

const logger = createLogger({
  level: levelFrom(process.env.LOGGER_LEVEL),
  // The failure metric is what the module's alarm watches: always on.
  metrics: true,
});

let client: Promise<S3Client> | undefined;

// ttl 0: the key is read again on every run (rotation).
let secrets: Promise<SecretStore> | undefined;
const secretStore = () =>
  (secrets ??= Promise.all([
    import('@aws-sdk/client-ssm'),
    import('@aws-sdk/client-secrets-manager'),
  ]).then(([ssm, sm]) => {
    const ssmClient = new ssm.SSMClient({});
    const smClient = new sm.SecretsManagerClient({});
    return createSecretStore({ ssm: () => ssmClient, secretsManager: () => smClient }, 0);
  }));

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
    ...(env.otxKey
      ? { keys: { otx: async () => otxKeyOf(await (await secretStore()).get(env.otxKey!)) } }
      : {}),
  });
  return { feeds };
}
