/**
 * Retries with exponential backoff; delays are parameters so tests run without waiting.
 *
 * An error may say how to retry it (RetryHint): `retryable: false` stops at once (a 4xx
 * or a bad credential will not get better by asking again), `retryAfterMs` is the wait a
 * service asked for (HTTP 429 Retry-After). A wait longer than `maxDelayMs` is not slept:
 * the delivery fails now and Lambda's asynchronous retry comes back later.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** The longest wait between two attempts, a service's Retry-After included (default 30 s). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 30_000 };

/** What an error may carry to steer the retries. */
export interface RetryHint {
  retryable?: boolean;
  retryAfterMs?: number;
}

function hintOf(err: unknown): RetryHint {
  return typeof err === 'object' && err !== null ? (err as RetryHint) : {};
}

export async function withRetries<T>(
  policy: RetryPolicy,
  fn: (attempt: number) => Promise<T>,
  onError?: (err: unknown, attempt: number) => void,
): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxDelay = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs!;
  let last: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      last = err;
      onError?.(err, attempt);
      const hint = hintOf(err);
      if (hint.retryable === false || attempt >= policy.attempts) break;
      const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
      if (hint.retryAfterMs !== undefined && hint.retryAfterMs > maxDelay) break;
      await sleep(Math.min(Math.max(backoff, hint.retryAfterMs ?? 0), maxDelay));
    }
  }
  throw last;
}
