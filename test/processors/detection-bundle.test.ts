/**
 * The detection bundle: written deterministically by the build, read back only when every
 * path and size is one the build could have written, unpacked into a folder per version,
 * and swapped in by the source only when the whole new version loads (the last good one
 * keeps running otherwise, with a log line and a metric).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundleVersion,
  parseDetectionBundle,
  writeDetectionBundle,
  DETECTION_BUNDLE_FORMAT,
} from '../../src/processors/detection/bundle.js';
import {
  checkIntervalMs,
  createDetectionSource,
  LOAD_FAILURES_METRIC,
  type BundleStore,
} from '../../src/processors/detection/source.js';
import { pruneBundles, unpackBundle } from '../../src/processors/detection/unpack.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { tempDir } from '../support/conf.js';

const files = (rule = 'export const a = 1;\n') =>
  new Map<string, Buffer>([
    ['rules/a.mjs', Buffer.from(rule)],
    ['conf/sources.json', Buffer.from('{}\n')],
    ['conf/logs.json', Buffer.from('{"x":{}}\n')],
    ['node_modules/streamalert-action/rules.mjs', Buffer.from('export {};\n')],
  ]);

/** A bundle document with the given files (base64 of each text), as an attacker could write it. */
const doc = (body: Record<string, string>, format = DETECTION_BUNDLE_FORMAT) =>
  Buffer.from(
    JSON.stringify({
      format,
      files: Object.fromEntries(
        Object.entries(body).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
      ),
    }),
  );
const required = { 'conf/logs.json': '{}', 'conf/sources.json': '{}' };

describe('the detection bundle', () => {
  it('is the same bytes for the same files in any order, and its version is their SHA-256', () => {
    const a = writeDetectionBundle(files());
    const b = writeDetectionBundle(new Map([...files()].reverse()));
    expect(a.equals(b)).toBe(true);
    const parsed = parseDetectionBundle(a);
    expect(parsed.version).toBe(bundleVersion(a));
    expect(parsed.version).toMatch(/^[0-9a-f]{64}$/);
    expect([...parsed.files.keys()]).toEqual([
      'conf/logs.json',
      'conf/sources.json',
      'node_modules/streamalert-action/rules.mjs',
      'rules/a.mjs',
    ]);
    expect(parsed.files.get('rules/a.mjs')!.toString()).toBe('export const a = 1;\n');
    expect(parseDetectionBundle(writeDetectionBundle(files('changed'))).version).not.toBe(
      parsed.version,
    );
  });

  it('refuses paths that leave its folders, oversized and overfull bundles, and non-bundles', () => {
    const refused = (bytes: Buffer, limits?: { maxBytes: number; maxFiles: number }) => {
      try {
        parseDetectionBundle(bytes, limits);
      } catch (err) {
        return (err as Error).message;
      }
      return 'accepted';
    };
    for (const [name, why] of [
      ['rules/../../etc/passwd', /plain names/],
      ['../x.mjs', /must be under/],
      ['/rules/a.mjs', /must be under/],
      ['rules//a.mjs', /plain names/],
      ['rules/..\\a.mjs', /plain names/],
      ['rules/.hidden', /plain names/],
      ['index.js', /must be under/],
      ['conf/../index.js', /plain names|conf\/<name>/],
      ['conf/sub/logs.json', /conf\/<name>\.json/],
      ['node_modules/evil/index.js', /only the rules API/],
      [`rules/${'d/'.repeat(20)}a.mjs`, /too deep/],
    ] as const)
      expect(refused(doc({ ...required, [name]: 'x' })), name).toMatch(why);
    // A path is named by its JSON pointer.
    expect(refused(doc({ ...required, 'rules/../a': 'x' }))).toMatch(/^\/files\/rules~1\.\.~1a: /);
    expect(refused(doc({ ...required, 'rules/a': 'x', 'rules/a/b.mjs': 'y' }))).toMatch(
      /both a file and a folder/,
    );
    expect(refused(doc({ 'conf/logs.json': '{}' }))).toMatch(/no conf\/sources\.json/);
    expect(refused(doc(required, 'other-format'))).toMatch(/^\/format: /);
    expect(refused(Buffer.from('PK\u0003\u0004 a zip'))).toMatch(/is not JSON/);
    expect(refused(Buffer.from('[]'))).toMatch(/not a JSON object/);
    expect(
      refused(
        Buffer.from(
          JSON.stringify({
            format: DETECTION_BUNDLE_FORMAT,
            files: { ...required, 'rules/a.mjs': 'not base64!' },
          }),
        ),
      ),
    ).toMatch(/base64/);
    const big = writeDetectionBundle(files('x'.repeat(10_000)));
    expect(refused(big, { maxBytes: 5_000, maxFiles: 100 })).toMatch(/more than the 5000 allowed/);
    expect(refused(writeDetectionBundle(files()), { maxBytes: 1e6, maxFiles: 3 })).toMatch(
      /4 files, more than the 3 allowed/,
    );
  });

  it('unpacks each version into its own complete folder', async () => {
    const root = tempDir('detection');
    const one = parseDetectionBundle(writeDetectionBundle(files()));
    const dir = await unpackBundle(one, root);
    expect(dir).toBe(path.join(root, one.version));
    expect(readFileSync(path.join(dir, 'rules', 'a.mjs'), 'utf8')).toBe('export const a = 1;\n');
    expect(await unpackBundle(one, root)).toBe(dir); // already there: not written again
    const two = parseDetectionBundle(writeDetectionBundle(files('export const b = 2;\n')));
    const other = await unpackBundle(two, root);
    expect(readFileSync(path.join(other, 'rules', 'a.mjs'), 'utf8')).toBe('export const b = 2;\n');
    // No half-written staging folder is left behind.
    expect(readdirSync(root).sort()).toEqual([one.version, two.version].sort());
  });

  it('prunes the versions it is not told to keep, and nothing that is not a version', async () => {
    const root = tempDir('detection');
    const versions = await Promise.all(
      ['1', '2', '3'].map(async (n) => {
        const b = parseDetectionBundle(writeDetectionBundle(files(`export const v = ${n};\n`)));
        await unpackBundle(b, root);
        return b.version;
      }),
    );
    mkdirSync(path.join(root, 'not-a-version'));
    const [v1, v2, v3] = versions as [string, string, string];
    expect(await pruneBundles(new Set([v2, v3]), root)).toEqual({ removed: [v1], failed: [] });
    expect(readdirSync(root).sort()).toEqual(['not-a-version', v2, v3].sort());
    // A root that does not exist yet (a cold container): nothing to do.
    expect(await pruneBundles(new Set(), path.join(root, 'none'))).toEqual({
      removed: [],
      failed: [],
    });
  });
});

/** A bucket object in memory: what is there, and how often it was fetched. */
class MemoryStore implements BundleStore {
  readonly where = 's3://bucket/detection/bundle.json';
  gets = 0;
  heads = 0;
  private n = 0;
  private body: Buffer = Buffer.alloc(0);
  private tag = '';
  failHead = false;

  put(body: Buffer): void {
    this.body = body;
    this.tag = `"etag-${++this.n}"`;
  }

  async etag(): Promise<string> {
    this.heads++;
    if (this.failHead) throw new Error('HeadObject: throttled');
    return this.tag;
  }

  async get(maxBytes: number): Promise<{ etag: string; body: Buffer }> {
    this.gets++;
    if (this.body.length > maxBytes) throw new Error('too big');
    return { etag: this.tag, body: this.body };
  }
}

describe('the detection source', () => {
  const setup = (load?: (rule: string) => Promise<string>) => {
    const store = new MemoryStore();
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ metrics: true, write: (l) => lines.push(JSON.parse(l)) });
    let clock = 1_000_000;
    const source = createDetectionSource({
      store,
      logger,
      intervalMs: 60_000,
      now: () => clock,
      load: async (bundle) => {
        const rule = bundle.files.get('rules/a.mjs')!.toString();
        return load ? load(rule) : rule;
      },
    });
    return { store, lines, source, advance: (ms: number) => (clock += ms) };
  };

  it('loads at cold start, checks at most once per interval, and swaps in a new version', async () => {
    const { store, source, advance, lines } = setup();
    store.put(writeDetectionBundle(files('v1')));
    const first = await source.current();
    expect(first.value).toBe('v1');
    expect(first.version).toBe(bundleVersion(writeDetectionBundle(files('v1'))));
    store.put(writeDetectionBundle(files('v2')));
    advance(59_000);
    expect((await source.current()).value).toBe('v1'); // within the interval: no request at all
    expect([store.heads, store.gets]).toEqual([0, 1]);
    advance(1_000);
    const second = await source.current();
    expect(second.value).toBe('v2');
    expect(second.version).toBe(bundleVersion(writeDetectionBundle(files('v2'))));
    expect(lines.filter((l) => l.message === 'detection bundle updated')).toEqual([
      {
        level: 'info',
        message: 'detection bundle updated',
        version: second.version,
        previous: first.version,
      },
    ]);
    // Unchanged: one HEAD per interval, no GET.
    advance(60_000);
    await source.current();
    expect([store.heads, store.gets]).toEqual([2, 2]);
  });

  it('keeps the last good version when a new one is corrupt or fails to load, and says so', async () => {
    let failLoad = false;
    const { store, source, advance, lines } = setup(async (rule) => {
      if (failLoad) throw new SyntaxError('Unexpected token in rules/a.mjs');
      return rule;
    });
    store.put(writeDetectionBundle(files('good')));
    const good = await source.current();
    store.put(Buffer.from('{"format":"streamalert-detection-bundle-1","files":{"rules/../x":""}}'));
    advance(60_000);
    expect(await source.current()).toEqual(good);
    store.put(writeDetectionBundle(files('throws')));
    failLoad = true;
    advance(60_000);
    expect(await source.current()).toEqual(good);
    store.failHead = true;
    advance(60_000);
    expect(await source.current()).toEqual(good);
    const failures = lines.filter((l) => l.level === 'error');
    expect(failures.map((l) => l.error)).toEqual([
      expect.stringMatching(/^s3:\/\/bucket\/detection\/bundle\.json \/files\/rules~1\.\.~1x: /),
      'Unexpected token in rules/a.mjs',
      'HeadObject: throttled',
    ]);
    for (const l of failures) expect(l.version).toBe(good.version);
    expect(lines.filter((l) => l.metric_name === LOAD_FAILURES_METRIC)).toHaveLength(3);
    // A good version published again is picked up.
    failLoad = false;
    store.failHead = false;
    store.put(writeDetectionBundle(files('fixed')));
    advance(60_000);
    expect((await source.current()).value).toBe('fixed');
  });

  it('fails the cold start when there is no good version yet, and tries again next time', async () => {
    const { store, source } = setup();
    store.put(Buffer.from('not json'));
    await expect(source.current()).rejects.toThrow(/bundle\.json is not JSON/);
    store.put(writeDetectionBundle(files('ok')));
    expect((await source.current()).value).toBe('ok');
  });

  it('takes its interval from DETECTION_CHECK_INTERVAL_SECONDS, 60 s by default', () => {
    expect(checkIntervalMs({})).toBe(60_000);
    expect(checkIntervalMs({ DETECTION_CHECK_INTERVAL_SECONDS: '2' })).toBe(2_000);
    expect(checkIntervalMs({ DETECTION_CHECK_INTERVAL_SECONDS: 'soon' })).toBe(60_000);
    expect(checkIntervalMs({ DETECTION_CHECK_INTERVAL_SECONDS: '' })).toBe(60_000);
  });
});
