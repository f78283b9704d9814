/**
 * One run of the threat-intel feed collector: each configured feed that is due (its
 * table older than the feed's interval) is downloaded within its byte bound, parsed within
 * its indicator cap, and written as a new version of its indicator table — the gzip JSON
 * object (canonical indicator → row, plus the `streamalert:feed` row naming the version)
 * the rule processor's lookup store loads. A feed that fails (network, HTTP status, size,
 * count, format) writes nothing: its last good table stays, the failure is logged and
 * counted (`ThreatIntelFeedFailures`), and the other feeds go on.
 *
 * OTX is read page by page with its API key (read afresh each run, sent in a header only):
 * every page within one byte bound for the whole feed and `maxPages`, and a `next` page only
 * on the feed's own origin and path, so the key is never sent elsewhere.
 */
import { gzipSync } from 'node:zlib';
import { FEED_META_KEY, FEED_TABLE_MB, type FeedName } from '../config/threat-intel.js';
import { checkUrl } from '../collectors/http.js';
import type { Logger } from '../shared/logger.js';
import { FEEDS, FeedRows, type FeedSpec, type PagedFeed, type ParsedFeed } from './feeds.js';

export const FEED_FAILURE_METRIC = 'ThreatIntelFeedFailures';

export interface FeedBounds {
  maxDownloadBytes: number;
  maxIndicators: number;
  maxTableBytes: number;
  requestTimeoutMs: number;
  /** Pages a paged feed (OTX) may take in one run. */
  maxPages: number;
}

export const FEED_BOUNDS: Readonly<FeedBounds> = {
  /** Bytes a feed's answer may have once decompressed (URLhaus's recent CSV is a few MB). */
  maxDownloadBytes: 64 * 1024 * 1024,
  /** Indicators one feed may list. */
  maxIndicators: 2_000_000,
  /**
   * Bytes a written table may take decompressed; 0: the rule processor's default bound for
   * the feed's table (FEED_TABLE_MB), so what is written is also loaded.
   */
  maxTableBytes: 0,
  requestTimeoutMs: 60_000,
  /** 200 pages of 50 pulses: 10,000 pulses modified in the last 30 days. */
  maxPages: 200,
};

/** Where the tables are written: S3 in the Lambda (s3-store.ts), memory in tests. */
export interface IndicatorStore {
  /** When the feed's current table was fetched (epoch ms), or undefined when there is none. */
  fetchedAt(feed: FeedName): Promise<number | undefined>;
  /**
   * Writes a new version of the feed's table: `version` is when it was fetched (ISO),
   * `sourceVersion` the feed's own version when it states one (the plan comment shows both).
   */
  put(feed: FeedName, table: Buffer, version: string, sourceVersion?: string): Promise<void>;
}

export interface FeedOutcome {
  feed: FeedName;
  outcome: 'written' | 'not_due' | 'failed';
  indicators?: number;
  skipped?: number;
  version?: string;
  error?: string;
}

export interface CollectOptions {
  feeds: readonly FeedName[];
  store: IndicatorStore;
  logger: Logger;
  /** Feed → URL, replacing the published one (a mirror, or a stand-in server in tests). */
  urls?: Partial<Record<FeedName, string>>;
  /** Feed → minutes between pulls, replacing the feed's default. */
  intervals?: Partial<Record<FeedName, number>>;
  bounds?: Partial<FeedBounds>;
  /** Feed → its API key, read when the feed is pulled (OTX); a keyed feed without one fails. */
  keys?: Partial<Record<FeedName, () => Promise<string>>>;
  fetch?: typeof fetch;
  now?: () => number;
}

export class FeedError extends Error {}

async function download(
  url: string,
  bounds: FeedBounds,
  fetchImpl: typeof fetch,
  headers: Record<string, string> = {},
): Promise<string> {
  const target = checkUrl(url);
  let res: Response;
  try {
    res = await fetchImpl(target, {
      headers: {
        accept: '*/*',
        'user-agent': 'streamalert-action threat-intel collector',
        ...headers,
      },
      redirect: 'follow',
      signal: AbortSignal.timeout(bounds.requestTimeoutMs),
    });
  } catch (err) {
    throw new FeedError(`could not reach ${target.host}: ${(err as Error).message}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new FeedError(`${target.host} answered HTTP ${res.status}`);
  }
  const max = bounds.maxDownloadBytes;
  // fetch decompresses a gzip answer as it is read: the bound is on what it decompresses to.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new FeedError(
          `the answer of ${target.host} is more than ${max} bytes decompressed (max_download_bytes); the last good version is kept`,
        );
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** The table object: canonical indicator → row, with the version row. */
function tableOf(
  spec: FeedSpec,
  rows: Map<string, unknown>,
  meta: Record<string, unknown>,
  maxBytes: number,
): Buffer {
  // No prototype: an indicator spelled "__proto__" is a key like any other.
  const table = Object.create(null) as Record<string, unknown>;
  table[FEED_META_KEY] = meta;
  for (const [k, v] of rows) table[k] = v;
  const json = Buffer.from(JSON.stringify(table));
  if (json.length > maxBytes)
    throw new FeedError(
      `${spec.name}'s table would be ${json.length} bytes, more than the rule processor loads (${maxBytes}, max_size_mb); the last good version is kept`,
    );
  return gzipSync(json);
}

/** A paged feed read whole: its pages share the feed's byte bound; `next` stays on its URL. */
async function readPages(
  spec: FeedSpec,
  paged: PagedFeed,
  url: string,
  options: CollectOptions,
  bounds: FeedBounds,
): Promise<ParsedFeed> {
  const readKey = options.keys?.[spec.name];
  if (!readKey)
    throw new FeedError(`${spec.name} is pulled with an API key and none is configured`);
  const key = await readKey().catch((err: unknown) => {
    throw new FeedError(`${spec.name}'s API key could not be read: ${(err as Error).message}`);
  });
  const now = (options.now ?? Date.now)();
  const home = new URL(url);
  const rows = new FeedRows(spec.name, bounds.maxIndicators);
  let left = bounds.maxDownloadBytes;
  let page: string | undefined = paged.firstPage(url, now);
  for (let n = 1; page !== undefined; n++) {
    if (n > bounds.maxPages)
      throw new FeedError(
        `${spec.name} has more than ${bounds.maxPages} pages (max_pages); the last good version is kept`,
      );
    const body = await download(
      page,
      { ...bounds, maxDownloadBytes: left },
      options.fetch ?? fetch,
      {
        [paged.keyHeader]: key,
      },
    );
    left -= Buffer.byteLength(body);
    const next = paged.readPage(body, rows, now);
    if (next !== undefined) {
      let u: URL;
      try {
        u = new URL(next, page);
      } catch {
        throw new FeedError(`${spec.name}: page ${n}'s "next" is not a URL`);
      }
      // The key goes with every page: never to another host or API.
      if (u.origin !== home.origin || u.pathname !== home.pathname)
        throw new FeedError(
          `${spec.name}: page ${n}'s "next" leaves ${home.origin}${home.pathname} (${u.origin}${u.pathname}); the key is not sent there`,
        );
      page = u.toString();
    } else page = undefined;
  }
  return rows.done();
}

async function collectOne(
  spec: FeedSpec,
  options: CollectOptions,
  bounds: FeedBounds,
): Promise<FeedOutcome> {
  const now = options.now ?? Date.now;
  const interval = options.intervals?.[spec.name] ?? spec.intervalMinutes;
  const last = await options.store.fetchedAt(spec.name);
  // A minute's slack: a run scheduled every 4 minutes may start a little early.
  if (last !== undefined && now() - last < interval * 60_000 - 60_000)
    return { feed: spec.name, outcome: 'not_due' };
  const url = options.urls?.[spec.name] ?? spec.url;
  const parsed = spec.paged
    ? await readPages(spec, spec.paged, url, options, bounds)
    : spec.parse(await download(url, bounds, options.fetch ?? fetch), bounds.maxIndicators);
  const fetched = new Date(now()).toISOString();
  const version = parsed.sourceVersion ? `${fetched} (${parsed.sourceVersion})` : fetched;
  const table = tableOf(
    spec,
    parsed.rows,
    {
      version,
      feed: spec.name,
      fetched_at: fetched,
      source: new URL(url).origin + new URL(url).pathname,
      indicators: parsed.rows.size,
      ...(parsed.sourceVersion ? { source_version: parsed.sourceVersion } : {}),
    },
    bounds.maxTableBytes > 0 ? bounds.maxTableBytes : FEED_TABLE_MB[spec.name] * 1024 * 1024,
  );
  await options.store.put(spec.name, table, fetched, parsed.sourceVersion);
  return {
    feed: spec.name,
    outcome: 'written',
    indicators: parsed.rows.size,
    skipped: parsed.skipped,
    version,
  };
}

/** Runs every configured feed; never rejects for a feed's failure (its outcome says it). */
export async function collectFeeds(options: CollectOptions): Promise<FeedOutcome[]> {
  const bounds = { ...FEED_BOUNDS, ...options.bounds };
  const { logger } = options;
  // One after another: five downloads of a few MB each fit a run, and memory holds one feed.
  const outcomes: FeedOutcome[] = [];
  for (const name of options.feeds) {
    const spec = FEEDS[name];
    try {
      const outcome = await collectOne(spec, options, bounds);
      if (outcome.outcome === 'written')
        logger.info('threat-intel feed written', {
          feed: name,
          indicators: outcome.indicators,
          skipped_entries: outcome.skipped,
          version: outcome.version,
        });
      outcomes.push(outcome);
    } catch (err) {
      const error = (err as Error)?.message ?? String(err);
      logger.metric(FEED_FAILURE_METRIC, 1);
      logger.error('threat-intel feed failed; its last good version is kept', {
        feed: name,
        error,
      });
      outcomes.push({ feed: name, outcome: 'failed', error });
    }
  }
  return outcomes;
}
