/**
 * The cache the collectors' OAuth tokens and the alert processor's assumed roles share:
 * callers of one key share the call in flight, a failure is not remembered, a value is
 * renewed shortly before it expires and one without a lifetime is not kept, and the oldest
 * key goes when the cache is full.
 */
import { describe, expect, it } from 'vitest';
import { createExpiringCache, type Expiring } from '../../src/processors/shared/expiring-cache.js';

const MIN = 60_000;

function setup(max = 3) {
  let clock = 0;
  const cache = createExpiringCache<string>({ renewBeforeMs: 5 * MIN, max, now: () => clock });
  const made: string[] = [];
  const maker =
    (key: string, life: number | null = 60 * MIN) =>
    async (): Promise<Expiring<string>> => {
      made.push(key);
      return {
        value: `${key}#${made.length}`,
        ...(life === null ? {} : { expiresAt: clock + life }),
      };
    };
  return { cache, made, maker, tick: (ms: number) => (clock += ms) };
}

describe('the expiring cache', () => {
  it('keeps a value until shortly before it expires, then makes a new one', async () => {
    const { cache, made, maker, tick } = setup();
    expect(await cache.get('a', maker('a'))).toBe('a#1');
    tick(54 * MIN);
    expect(await cache.get('a', maker('a'))).toBe('a#1');
    tick(MIN);
    expect(await cache.get('a', maker('a'))).toBe('a#2');
    expect(made).toEqual(['a', 'a']);
  });

  it('shares one call in flight between callers of the same key', async () => {
    const { cache, made, maker } = setup();
    const [x, y] = await Promise.all([cache.get('a', maker('a')), cache.get('a', maker('a'))]);
    expect([x, y]).toEqual(['a#1', 'a#1']);
    expect(made).toEqual(['a']);
  });

  it('does not remember a failure, nor a value without a lifetime or with too short a one', async () => {
    const { cache, made, maker } = setup();
    await expect(cache.get('a', () => Promise.reject(new Error('refused')))).rejects.toThrow(
      'refused',
    );
    expect(await cache.get('a', maker('a'))).toBe('a#1');
    expect(await cache.get('b', maker('b', null))).toBe('b#2');
    expect(await cache.get('b', maker('b', null))).toBe('b#3');
    expect(await cache.get('c', maker('c', 4 * MIN))).toBe('c#4');
    expect(await cache.get('c', maker('c', 4 * MIN))).toBe('c#5');
    expect(made).toEqual(['a', 'b', 'b', 'c', 'c']);
  });

  it('forgets a dropped key, and the oldest key when full', async () => {
    const { cache, made, maker } = setup(2);
    await cache.get('a', maker('a'));
    cache.drop('a');
    await cache.get('a', maker('a'));
    await cache.get('b', maker('b'));
    await cache.get('c', maker('c'));
    // 'a' was the oldest: made again; 'c' is still kept.
    await cache.get('c', maker('c'));
    await cache.get('a', maker('a'));
    expect(made).toEqual(['a', 'a', 'b', 'c', 'a']);
  });

  it('gives a value it does not keep no room', async () => {
    const { cache, made, maker } = setup(2);
    await cache.get('a', maker('a'));
    await cache.get('x', maker('x', null));
    await cache.get('c', maker('c'));
    await cache.get('a', maker('a'));
    expect(made).toEqual(['a', 'x', 'c']);
  });
});
