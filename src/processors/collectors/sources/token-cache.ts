/**
 * OAuth access tokens kept for the life of the function's container. Google, Microsoft and
 * Box issue tokens for an hour; asking for one every poll (every minute) is 60 token requests
 * an hour against endpoints with their own rate limits, and a failure point for nothing. A
 * warm invocation reuses the token the previous one got until shortly before it expires.
 *
 * A token is kept under a hash of everything that got it (the endpoint, the credential, the
 * subject or scope): a rotated credential is another key, so another token, and the secret
 * is not kept in the key's clear text. An API call refused with a 401 (the token revoked, the
 * secret behind it rotated) drops the token it used before the error goes up; the core then
 * reads the credential again and polls once more (collector.ts), which asks for a new token.
 */
import { createHash } from 'node:crypto';
import { createExpiringCache } from '../../shared/expiring-cache.js';
import { type HttpClient, UnauthorizedError } from '../http.js';

/** What a token endpoint gave: the token and, as OAuth's `expires_in`, its lifetime. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresInSec?: number;
}

export interface TokenCache {
  /** The token kept for `key` while it has more than RENEW_BEFORE_MS left, else `issue`'s. */
  get(key: readonly string[], issue: () => Promise<IssuedToken>): Promise<string>;
  /** Forgets the token kept for `key`. */
  drop(key: readonly string[]): void;
}

/** A token is renewed this long before it expires, so it does not run out mid-poll. */
export const RENEW_BEFORE_MS = 5 * 60_000;
/** A function runs one collector: a handful of keys at most (a rotation adds one). */
const MAX_TOKENS = 8;

const hash = (key: readonly string[]) =>
  createHash('sha256').update(JSON.stringify(key)).digest('hex');

export function createTokenCache(now: () => number = Date.now): TokenCache {
  const kept = createExpiringCache<string>({
    renewBeforeMs: RENEW_BEFORE_MS,
    max: MAX_TOKENS,
    now,
  });
  return {
    get: (key, issue) =>
      kept.get(hash(key), async () => {
        const issued = await issue();
        const life = issued.expiresInSec;
        return {
          value: issued.token,
          // Without a lifetime the token is not kept.
          ...(typeof life === 'number' ? { expiresAt: now() + life * 1000 } : {}),
        };
      }),
    drop: (key) => kept.drop(hash(key)),
  };
}

/** `http`, dropping the token of `key` when a call is refused with a 401. */
export function droppingOnRefusal(
  http: HttpClient,
  cache: TokenCache,
  key: readonly string[],
): HttpClient {
  return {
    async get(req) {
      try {
        return await http.get(req);
      } catch (err) {
        if (err instanceof UnauthorizedError) cache.drop(key);
        throw err;
      }
    },
  };
}

/** OAuth's `expires_in` of a token endpoint's answer, when it is a number of seconds. */
export function expiresIn(body: unknown): number | undefined {
  const v = (body as { expires_in?: unknown } | null)?.expires_in;
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
