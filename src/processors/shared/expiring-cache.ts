/**
 * Values that expire, kept for the life of a function's container: OAuth tokens of the
 * collectors, assumed-role clients of the alert processor. A warm invocation reuses what an
 * earlier one made until shortly before it expires, so a poll every minute or a burst of
 * alerts asks the issuer once an hour, not once per call.
 *
 * Callers asking for the same key while it is being made share that one call. A value that
 * failed is not remembered (the next caller tries again); one without a lifetime, or with
 * one too short to be worth keeping, is returned but not kept. The cache holds at most
 * `max` keys, the oldest going first: the key it was made for (a credential, a role name)
 * has most likely rotated or was a typo, and neither may grow the cache.
 */

/** What `make` gave: the value and when it expires (ms since the epoch), if it does. */
export interface Expiring<V> {
  readonly value: V;
  readonly expiresAt?: number;
}

export interface ExpiringCache<V> {
  /** The value kept for `key` while it has more than `renewBeforeMs` left, else `make`'s. */
  get(key: string, make: () => Promise<Expiring<V>>): Promise<V>;
  /** Forgets the value kept for `key`. */
  drop(key: string): void;
}

export interface ExpiringCacheOptions {
  /** A value is renewed this long before it expires, so it does not run out mid-use. */
  readonly renewBeforeMs: number;
  readonly max: number;
  readonly now?: () => number;
}

export function createExpiringCache<V>(options: ExpiringCacheOptions): ExpiringCache<V> {
  const { renewBeforeMs, max, now = Date.now } = options;
  interface Entry {
    value: Promise<V>;
    /** Until `make` settles, everyone shares it. */
    renewAt: number;
  }
  const kept = new Map<string, Entry>();
  const forget = (key: string, entry: Entry) => {
    if (kept.get(key) === entry) kept.delete(key);
  };

  return {
    get(key, make) {
      const hit = kept.get(key);
      if (hit && now() < hit.renewAt) return hit.value;
      kept.delete(key);
      if (kept.size >= max) kept.delete(kept.keys().next().value!);
      const entry = { renewAt: Infinity } as Entry;
      entry.value = make().then(
        (made) => {
          const at = made.expiresAt;
          entry.renewAt =
            typeof at === 'number' && Number.isFinite(at) ? at - renewBeforeMs : -Infinity;
          if (!(now() < entry.renewAt)) forget(key, entry);
          return made.value;
        },
        (err: unknown) => {
          forget(key, entry);
          throw err;
        },
      );
      kept.set(key, entry);
      return entry.value;
    },
    drop(key) {
      kept.delete(key);
    },
  };
}
