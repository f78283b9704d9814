/**
 * The merge state table (the stream_alert module creates it: on-demand, encrypted, TTL on
 * ExpiresAt): one item per match of a merging rule, keyed like StreamAlert's alerts table
 * (RuleName, AlertID). The rule processor writes the items, the merger Lambda reads them,
 * sends one alert per closed window and deletes them.
 *
 * Exactly-once counting: AlertID is the match's alert id, a hash of rule + record +
 * source, and the write is conditional on the item not existing, so a Kinesis batch that
 * is retried (or the same record twice in a batch) never counts twice, and the retried
 * write keeps the first one's created time (the window does not move).
 *
 * Throttling: every call goes through `withThrottleRetries`; a throttled call is retried
 * with backoff, each throttle is counted (metric MergeThrottles), and what still fails is
 * handed back to the caller, which retries it later (the rule processor through the
 * Kinesis batch, the merger at its next run): nothing is dropped.
 */
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Alert } from './alert.js';
import { isAlert } from './alert.js';
import type { Logger } from './logger.js';
import { mergeKeyOf, type Match, type MergeSettings } from './merge.js';

/** A match with how its rule merges, as the table holds it. */
export interface StoredMatch extends Match {
  settings: MergeSettings;
  /** The merge key values as JSON text (mergeKeyOf). */
  key: string;
}

/** An item is kept this long after its window closes, in case the merger is down; then TTL removes it. */
export const TTL_GRACE_MS = 24 * 3600_000;

export type Item = Record<string, AttributeValue>;

export function toItem(match: Match, settings: MergeSettings, alertText: string): Item {
  return {
    RuleName: { S: match.alert.rule_name },
    AlertID: { S: match.alert.id },
    MergeKey: { S: mergeKeyOf(match.alert.record, settings.keys) },
    MergeByKeys: { S: JSON.stringify(settings.keys) },
    WindowMs: { N: String(settings.windowMs) },
    Threshold: { N: String(settings.threshold) },
    Created: { N: String(match.created) },
    ExpiresAt: {
      N: String(Math.ceil((match.created + settings.windowMs + TTL_GRACE_MS) / 1000)),
    },
    Alert: { S: alertText },
  };
}

/** The stored match, or undefined for an item this code did not write (logged by the caller). */
export function fromItem(item: Item): StoredMatch | undefined {
  try {
    const alert = JSON.parse(item.Alert?.S ?? '') as unknown;
    const keys = JSON.parse(item.MergeByKeys?.S ?? '') as unknown;
    const windowMs = Number(item.WindowMs?.N);
    const threshold = Number(item.Threshold?.N);
    const created = Number(item.Created?.N);
    if (
      !isAlert(alert) ||
      !Array.isArray(keys) ||
      !keys.every((k) => typeof k === 'string') ||
      ![windowMs, threshold, created].every(Number.isFinite) ||
      typeof item.MergeKey?.S !== 'string'
    )
      return undefined;
    return {
      alert: alert as Alert,
      created,
      key: item.MergeKey.S,
      settings: { keys, windowMs, threshold },
    };
  } catch {
    return undefined;
  }
}

const THROTTLES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

export function isThrottle(err: unknown): boolean {
  return THROTTLES.has((err as { name?: string })?.name ?? '');
}

export interface ThrottlePolicy {
  attempts: number;
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { attempts: 5, baseDelayMs: 50 };

/** A failure no retry can fix (the request itself is refused): `withThrottleRetries` throws it at once. */
export class PermanentError extends Error {}

/**
 * Calls `fn` until it succeeds or the attempts run out; throttles (and other errors, which
 * may be transient network failures) are retried with exponential backoff and full jitter,
 * a PermanentError is not. Each throttle is counted in `counts.throttles`.
 */
export async function withThrottleRetries<T>(
  policy: ThrottlePolicy,
  counts: { throttles: number },
  logger: Logger,
  what: string,
  fn: () => Promise<T>,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (isThrottle(err)) counts.throttles++;
      if (attempt >= policy.attempts || err instanceof PermanentError) throw err;
      logger.warn(`${what} failed; retrying`, {
        error: (err as Error)?.name ?? String(err),
        attempt,
      });
      await sleep(Math.random() * policy.baseDelayMs * 2 ** attempt);
    }
  }
}

/** The client, or a function making it at first use (cold start: only rules that merge load the SDK). */
export type DynamoSource = DynamoDBClient | (() => Promise<DynamoDBClient>);

export type DynamoModule = typeof import('@aws-sdk/client-dynamodb');

/** Connects once (client and command classes); a failed connect is tried again next time. */
export function lazyDynamo(
  source: DynamoSource,
): () => Promise<{ client: DynamoDBClient; sdk: DynamoModule }> {
  let ready: Promise<{ client: DynamoDBClient; sdk: DynamoModule }> | undefined;
  return () =>
    (ready ??= Promise.all([
      typeof source === 'function' ? source() : source,
      import('@aws-sdk/client-dynamodb'),
    ])
      .then(([client, sdk]) => ({ client, sdk }))
      .catch((err: unknown) => {
        ready = undefined;
        throw err;
      }));
}
