/**
 * The detection bundle a processor runs with, kept current: loaded at cold start (a
 * failure there fails the invocation, and the next one tries again: there is nothing to
 * run with), then checked at most once per interval with a cheap HEAD. A new object is
 * fetched, checked, unpacked and made into what the processor runs (`load`) before it
 * replaces the current one, so an invocation runs one whole version. When the new one
 * fails at any step, the last good version keeps running and the failure is logged and
 * counted (metric DetectionBundleLoadFailures) at every check until a good one is published.
 */
import type { Logger } from '../shared/logger.js';
import {
  BUNDLE_MAX_FILES,
  DEFAULT_BUNDLE_MAX_BYTES,
  parseDetectionBundle,
  type DetectionBundle,
} from './bundle.js';

/** Where the bundle is read from (S3 in the Lambda: s3-store.ts). */
export interface BundleStore {
  /** Names the object in messages (`s3://bucket/key`). */
  readonly where: string;
  /** The object's current ETag. */
  etag(): Promise<string>;
  /** The object's bytes and ETag; refuses an object larger than `maxBytes` before reading it. */
  get(maxBytes: number): Promise<{ etag: string; body: Buffer }>;
}

export interface Loaded<T> {
  version: string;
  value: T;
}

export interface DetectionSource<T> {
  current(): Promise<Loaded<T>>;
}

export interface DetectionSourceOptions<T> {
  store: BundleStore;
  /** Makes what the processor runs from a checked bundle (unpack it, import the rules, …). */
  load(bundle: DetectionBundle): Promise<T>;
  logger: Logger;
  intervalMs: number;
  maxBytes?: number;
  now?: () => number;
}

export const LOAD_FAILURES_METRIC = 'DetectionBundleLoadFailures';
export const DEFAULT_CHECK_INTERVAL_SECONDS = 60;

export function createDetectionSource<T>(o: DetectionSourceOptions<T>): DetectionSource<T> {
  const now = o.now ?? Date.now;
  const limits = { maxBytes: o.maxBytes ?? DEFAULT_BUNDLE_MAX_BYTES, maxFiles: BUNDLE_MAX_FILES };
  let current: (Loaded<T> & { etag: string }) | undefined;
  let checkedAt = 0;

  async function fetchAndLoad(): Promise<Loaded<T> & { etag: string }> {
    const { etag, body } = await o.store.get(limits.maxBytes);
    let bundle: DetectionBundle;
    try {
      bundle = parseDetectionBundle(body, limits);
    } catch (err) {
      throw new Error(`${o.store.where} ${(err as Error).message}`, { cause: err });
    }
    // The same bytes published again: nothing to load.
    if (current && bundle.version === current.version) return { ...current, etag };
    return { etag, version: bundle.version, value: await o.load(bundle) };
  }

  return {
    async current() {
      const t = now();
      if (!current) {
        current = await fetchAndLoad();
        checkedAt = t;
        o.logger.info('detection bundle loaded', { version: current.version });
        return current;
      }
      if (t - checkedAt < o.intervalMs) return current;
      checkedAt = t;
      try {
        if ((await o.store.etag()) === current.etag) return current;
        const next = await fetchAndLoad();
        if (next.version !== current.version)
          o.logger.info('detection bundle updated', {
            version: next.version,
            previous: current.version,
          });
        current = next;
      } catch (err) {
        o.logger.error('detection bundle not loaded: the last good version keeps running', {
          version: current.version,
          error: (err as Error)?.message ?? String(err),
        });
        o.logger.metric(LOAD_FAILURES_METRIC, 1);
      }
      return current;
    },
  };
}

/** The check interval of the environment (DETECTION_CHECK_INTERVAL_SECONDS), in ms. */
export function checkIntervalMs(env: NodeJS.ProcessEnv): number {
  const s = Number(env.DETECTION_CHECK_INTERVAL_SECONDS);
  return (
    (Number.isFinite(s) && s >= 0 && env.DETECTION_CHECK_INTERVAL_SECONDS !== ''
      ? s
      : DEFAULT_CHECK_INTERVAL_SECONDS) * 1000
  );
}
