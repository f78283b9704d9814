/**
 * conf/threat_intel.json (StreamAlert 3's), typed: which normalized types hold which kind of
 * indicator (`normalized_ioc_types`, ioc type → normalized types), the indicators never to
 * match (`excluded_iocs`), and — this project's addition — where the managed feeds' indicator
 * tables are (`feeds`). Made once from JSON that passed validation
 * (src/config/processors/threat-intel-schema.ts), in the Lambda from the bundle's copy.
 *
 * StreamAlert 3 asked DynamoDB (`dynamodb_table_name`) for every batch's values; here each
 * feed is an indicator table held in memory like a lookup table (s3 driver, gzip JSON written
 * by the feed collector), so a record is matched with no network call.
 */
import type { S3LookupTable } from './lookup-tables.js';

/** The public feeds: pulled without a key, and the default `sources`. */
export const PUBLIC_FEEDS = ['urlhaus', 'threatfox', 'feodo', 'cisa_kev', 'tor_exits'] as const;

/**
 * The feeds the collector can pull (src/processors/threat-intel/feeds.ts reads each format):
 * the public ones, and AlienVault OTX, pulled only with an API key (`feeds.otx.credential`).
 */
export const FEED_NAMES = [...PUBLIC_FEEDS, 'otx'] as const;
export type FeedName = (typeof FEED_NAMES)[number];

/** Where OTX's API key is: an SSM parameter name (SecureString) or a Secrets Manager ARN. */
export interface OtxSettings {
  readonly credential: string;
}

/** Indicator types the feeds write and values are normalized as (others match as written). */
export const IOC_TYPES = ['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'cve'] as const;

export const THREAT_INTEL_DEFAULTS = {
  prefix: 'threat-intel/',
  /**
   * How often the rule processor asks S3 for a new version of a feed's table (a conditional
   * GET: an unchanged object costs a 304). With the collector's 4-minute schedule, an
   * abuse.ch indicator reaches the rules at most 5 minutes after the collector could see it.
   */
  refreshMinutes: 1,
  /** Indicators one feed's table may hold. */
  maxKeys: 2_000_000,
} as const;

/**
 * MB each feed's table may take once decompressed, by default (`feeds.max_size_mb` sets one
 * bound for all): a few times what each feed's table is today, so that all five fit a
 * 256 MB rule processor with the memory check's reload headroom (src/config/lookup-memory.ts).
 */
export const FEED_TABLE_MB: Readonly<Record<FeedName, number>> = {
  urlhaus: 16,
  threatfox: 8,
  feodo: 1,
  cisa_kev: 4,
  tor_exits: 2,
  // The subscribed pulses of the last OTX_PULSE_DAYS: a few thousand indicators for most keys.
  otx: 8,
};

/** The key a feed's table is written under: `<prefix><feed>.json.gz`. */
export const feedObjectKey = (prefix: string, feed: string) => `${prefix}${feed}.json.gz`;

/**
 * A row of a feed table under this key describes the version (when it was fetched, from
 * where); it can be no indicator (no normalized IP, domain, URL, hash or CVE has this form).
 */
export const FEED_META_KEY = 'streamalert:feed';

/** Excluded indicators of one type: exact (normalized) values, and for `ip`, networks too. */
export interface Exclusions {
  readonly values: ReadonlySet<string>;
  /** `ip` only: "10.0.0.0/8" or "fd00::/8" (exact addresses are in `values`). */
  readonly networks: readonly string[];
}

export interface FeedTable extends S3LookupTable {
  readonly feed: string;
}

export interface ThreatIntelConfig {
  /** StreamAlert's `enabled`: false matches nothing. */
  readonly enabled: boolean;
  /** Normalized type → ioc type (StreamAlert 3 inverted normalized_ioc_types the same way). */
  readonly iocTypeOf: ReadonlyMap<string, string>;
  /** ioc type → what never matches, as written (normalized when the matcher is made). */
  readonly excluded: ReadonlyMap<string, { values: string[] }>;
  /** One indicator table per feed, in the order of `feeds.sources`. */
  readonly feeds: readonly FeedTable[];
  /** `feeds.otx`: where the OTX key is (only the feed collector reads it). */
  readonly otx?: OtxSettings;
}

export const NO_THREAT_INTEL: ThreatIntelConfig = {
  enabled: false,
  iocTypeOf: new Map(),
  excluded: new Map(),
  feeds: [],
};

/* Runs on a document the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** StreamAlert 3 wrote excluded_iocs.<type> as value → {comment}; a list is taken too. */
const excludedValues = (v: any): string[] => (Array.isArray(v) ? v : Object.keys(v ?? {}));

export function toThreatIntel(doc: unknown): ThreatIntelConfig {
  if (doc === undefined || doc === null) return NO_THREAT_INTEL;
  const d = doc as any;
  const iocTypeOf = new Map<string, string>();
  for (const [iocType, normalized] of Object.entries((d.normalized_ioc_types ?? {}) as any))
    for (const n of normalized as string[]) iocTypeOf.set(n, iocType);
  const excluded = new Map(
    Object.entries((d.excluded_iocs ?? {}) as any).map(([t, v]) => [
      t,
      { values: excludedValues(v) },
    ]),
  );
  const f = d.feeds;
  const prefix: string = f?.prefix ?? THREAT_INTEL_DEFAULTS.prefix;
  // By default every public feed, and OTX when a key is configured.
  const sources: string[] = f?.sources ?? (f?.otx ? [...PUBLIC_FEEDS, 'otx'] : [...PUBLIC_FEEDS]);
  const feeds: FeedTable[] = f?.bucket
    ? sources.map((feed) => ({
        driver: 's3',
        name: `threat_intel:${feed}`,
        feed,
        bucket: f.bucket,
        key: feedObjectKey(prefix, feed),
        compression: 'gzip',
        format: 'json',
        refreshMinutes: f.cache_refresh_minutes ?? THREAT_INTEL_DEFAULTS.refreshMinutes,
        maxKeys: f.cache_maximum_key_count ?? THREAT_INTEL_DEFAULTS.maxKeys,
        maxBytes: Math.round((f.max_size_mb ?? FEED_TABLE_MB[feed as FeedName]) * 1024 * 1024),
        // Before the collector's first run there is no table yet: records are matched
        // against the feeds that exist instead of failing.
        optional: true,
      }))
    : [];
  return {
    enabled: d.enabled === true,
    iocTypeOf,
    excluded,
    feeds,
    ...(f?.otx ? { otx: { credential: f.otx.credential as string } } : {}),
  };
}
