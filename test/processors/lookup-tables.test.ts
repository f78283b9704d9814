/**
 * Lookup tables in the rule processor, without AWS: decoding an object (JSON, JSON lines,
 * CSV, gzip) within its bounds, the store's cold load, background reload, atomic swap and
 * last good version, and a rule reading a row through the rules API's lookup() with the row
 * carried in its alert.
 */
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogDefinition } from '../../src/processors/config/types.js';
import type { S3LookupTable } from '../../src/processors/config/lookup-tables.js';
import { decodeTable, type DecodeOptions } from '../../src/processors/lookup-tables/decode.js';
import {
  installLookups,
  MAX_RECORDED_LOOKUPS,
} from '../../src/processors/lookup-tables/provider.js';
import { createLookupStore, type TableLoader } from '../../src/processors/lookup-tables/store.js';
import { loadS3Table } from '../../src/processors/lookup-tables/loaders.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { lookup, rule } from '../../src/rules-api/index.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const opts = (o: Partial<DecodeOptions> = {}): DecodeOptions => ({
  format: 'json',
  compression: false,
  maxBytes: 1024 * 1024,
  maxKeys: 1000,
  ...o,
});

describe('decoding a table object', () => {
  it("reads StreamAlert 3's JSON object, gzipped or not, own keys only", () => {
    const body = { '1.2.3.4': { feed: 'tor' }, 'evil.example': ['c2'] };
    for (const [bytes, compression] of [
      [json(body), false],
      [gzipSync(json(body)), 'gzip'],
      // StreamAlert read an object that says gzip but is not as it is: so does this.
      [json(body), 'gzip'],
    ] as const) {
      const rows = decodeTable(bytes, opts({ compression }));
      expect(rows.size).toBe(2);
      expect(rows.get('1.2.3.4')).toEqual({ feed: 'tor' });
      expect(rows.get('constructor')).toBeUndefined();
      expect(rows.get('__proto__')).toBeUndefined();
    }
  });

  it('reads JSON lines and CSV, keyed by key_column', () => {
    const lines = '{"ip":"10.0.0.1","owner":"a"}\n\n{"ip":"10.0.0.2","owner":"b"}\n';
    const jsonl = decodeTable(Buffer.from(lines), opts({ format: 'jsonl', keyColumn: 'ip' }));
    expect(jsonl.get('10.0.0.2')).toEqual({ ip: '10.0.0.2', owner: 'b' });
    const csv = decodeTable(
      Buffer.from('user,team,"note"\nalice,sec,"on call, weekends"\nbob,ops,\n'),
      opts({ format: 'csv' }),
    );
    expect(csv.size).toBe(2);
    expect(csv.get('alice')).toEqual({ user: 'alice', team: 'sec', note: 'on call, weekends' });
    const byTeam = decodeTable(Buffer.from('user,team\nalice,sec\n'), {
      ...opts({ format: 'csv' }),
      keyColumn: 'team',
    });
    expect(byTeam.get('sec')).toEqual({ user: 'alice', team: 'sec' });
  });

  it('gives rows a rule cannot change for the next record', () => {
    const rows = decodeTable(json({ k: { tags: ['a'] } }), opts());
    const row = rows.get('k') as { tags: string[] };
    expect(() => row.tags.push('b')).toThrow();
    expect(rows.get('k')).toEqual({ tags: ['a'] });
  });

  it('refuses what passes its bounds: a gzip bomb, too many keys, a bad shape', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(() => decodeTable(bomb, opts({ compression: 'gzip' }))).toThrow(
      /decompresses to more than its size bound \(max_size_mb, 1 MB\)/,
    );
    expect(() => decodeTable(Buffer.alloc(2 * 1024 * 1024, 0x20), opts())).toThrow(
      /is 2 MB, more than its size bound \(max_size_mb, 1 MB\)/,
    );
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    expect(() => decodeTable(json(many), opts({ maxKeys: 10 }))).toThrow(
      /more than cache_maximum_key_count \(10\)/,
    );
    expect(() => decodeTable(Buffer.from('[1,2]'), opts())).toThrow(/must be a JSON object/);
    expect(() => decodeTable(Buffer.from('{"a":'), opts())).toThrow(/is not JSON/);
    expect(() => decodeTable(Buffer.from('a,b\n1\n'), opts({ format: 'csv' }))).toThrow(
      /line 2 has 1 columns, the header 2/,
    );
    expect(() =>
      decodeTable(Buffer.from('{"x":1}\n'), opts({ format: 'jsonl', keyColumn: 'ip' })),
    ).toThrow(/line 1: the key column holds no string or number/);
  });
});

const table: S3LookupTable = {
  driver: 's3',
  name: 'bad_ips',
  bucket: 'b',
  key: 'bad_ips.json',
  compression: false,
  format: 'json',
  refreshMinutes: 10,
  maxKeys: 1000,
  maxBytes: 1024 * 1024,
};

/** A loader serving whatever `object.body` holds now (undefined: the object is missing). */
function objectLoader(object: { body?: unknown; tag?: string }): TableLoader {
  return async () => {
    if (object.body === undefined) return 'absent';
    return {
      rows: decodeTable(
        Buffer.from(typeof object.body === 'string' ? object.body : JSON.stringify(object.body)),
        opts(),
      ),
    };
  };
}

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'debug',
    metrics: true,
    write: (l) => lines.push(JSON.parse(l) as Record<string, unknown>),
  });
  return { lines, logger };
}

describe('the lookup store', () => {
  it('loads at cold start, reloads after cache_refresh_minutes and swaps the new version in', async () => {
    let now = 1_000_000;
    const object = { body: { '1.2.3.4': 'v1' } as unknown };
    const { logger } = capture();
    const store = createLookupStore({
      tables: [table],
      load: objectLoader(object),
      logger,
      now: () => now,
    });
    await store.ready();
    expect(store.lookup('bad_ips', '1.2.3.4')).toEqual({ found: true, value: 'v1' });
    object.body = { '1.2.3.4': 'v2', '5.6.7.8': 'new' };
    now += 9 * 60_000;
    await store.refreshDue();
    // Not due yet: the loaded version stays.
    expect(store.lookup('bad_ips', '5.6.7.8')).toEqual({ found: false });
    now += 60_000;
    await store.refreshDue();
    expect(store.lookup('bad_ips', '1.2.3.4')).toEqual({ found: true, value: 'v2' });
    expect(store.lookup('bad_ips', '5.6.7.8')).toEqual({ found: true, value: 'new' });
  });

  it('keeps the last good version when a reload fails, with a log line and a metric', async () => {
    let now = 0;
    const object = { body: { k: 'good' } as unknown };
    const { lines, logger } = capture();
    const store = createLookupStore({
      tables: [table],
      load: objectLoader(object),
      logger,
      now: () => now,
    });
    await store.ready();
    for (const broken of ['{"k": "half', undefined]) {
      object.body = broken;
      now += 10 * 60_000;
      await store.refreshDue(); // never rejects
      expect(store.lookup('bad_ips', 'k')).toEqual({ found: true, value: 'good' });
    }
    const failures = lines.filter(
      (l) => l.message === 'lookup table reload failed; the last good version is kept',
    );
    expect(failures.map((l) => l.error)).toEqual([
      expect.stringMatching(/is not JSON/),
      'the object does not exist',
    ]);
    expect(lines.filter((l) => l.metric_name === 'LookupTableRefreshFailures')).toHaveLength(2);
    // Fixed: the next reload takes it.
    object.body = { k: 'fixed' };
    now += 10 * 60_000;
    await store.refreshDue();
    expect(store.lookup('bad_ips', 'k')).toEqual({ found: true, value: 'fixed' });
  });

  it('fails the cold start of a table that cannot be loaded, and tries again next time', async () => {
    const object = { body: undefined as unknown };
    const store = createLookupStore({
      tables: [table],
      load: objectLoader(object),
      logger: capture().logger,
    });
    await expect(store.ready()).rejects.toThrow(
      'lookup table "bad_ips" (s3://b/bad_ips.json): the object does not exist',
    );
    object.body = { k: 1 };
    await store.ready();
    expect(store.lookup('bad_ips', 'k')).toEqual({ found: true, value: 1 });
  });

  it('skips an optional table not written yet without a failure, and loads it once written', async () => {
    let now = 0;
    const object = { body: undefined as unknown };
    const { lines, logger } = capture();
    const store = createLookupStore({
      tables: [{ ...table, optional: true, refreshMinutes: 1 }],
      load: objectLoader(object),
      logger,
      now: () => now,
    });
    await store.ready(); // resolves: the records are judged without it
    now += 60_000;
    await store.refreshDue();
    expect(store.lookup('bad_ips', 'k')).toEqual({ found: false });
    const notes = lines.filter(
      (l) => l.message === 'lookup table not written yet; its records are judged without it',
    );
    expect(notes.map((l) => l.level)).toEqual(['info', 'debug']);
    expect(lines.filter((l) => l.metric_name || l.level === 'error')).toEqual([]);
    object.body = { k: 'first' };
    now += 60_000;
    await store.refreshDue();
    expect(store.lookup('bad_ips', 'k')).toEqual({ found: true, value: 'first' });
    // Once it had a version, the object vanishing is a failure: the version is kept.
    object.body = undefined;
    now += 60_000;
    await store.refreshDue();
    expect(store.lookup('bad_ips', 'k')).toEqual({ found: true, value: 'first' });
    expect(lines.filter((l) => l.metric_name === 'LookupTableRefreshFailures')).toHaveLength(1);
  });

  it('finds nothing in a table that is not configured, logging the name once', async () => {
    const { lines, logger } = capture();
    const store = createLookupStore({ tables: [], load: objectLoader({}), logger });
    expect(store.lookup('nope', 'k')).toEqual({ found: false });
    expect(store.lookup('nope', 'k')).toEqual({ found: false });
    expect(lines.filter((l) => l.table === 'nope')).toHaveLength(1);
  });
});

describe("an s3 table's object that does not exist", () => {
  /** An S3 client answering GetObject with `get` and ListObjectsV2 with `list` (an Error: thrown). */
  const s3 = (get: number, list: { Key: string }[] | Error) => {
    const sent: string[] = [];
    const client = {
      async send(command: { constructor: { name: string }; input: unknown }) {
        sent.push(`${command.constructor.name} ${JSON.stringify(command.input)}`);
        if (command.constructor.name === 'GetObjectCommand')
          throw Object.assign(new Error(get === 403 ? 'Access Denied' : 'NoSuchKey'), {
            $metadata: { httpStatusCode: get },
          });
        if (list instanceof Error) throw list;
        return { Contents: list };
      },
    };
    return { client: client as unknown as S3Client, sent };
  };

  it('is absent when S3 says 404', async () => {
    const { client, sent } = s3(404, []);
    expect(await loadS3Table(client, table, undefined)).toBe('absent');
    expect(sent).toHaveLength(1);
  });

  it("is absent on a 403 when a listing of exactly its key (the grant's s3:prefix) has no such object", async () => {
    const { client, sent } = s3(403, [{ Key: 'bad_ips.json.old' }]);
    expect(await loadS3Table(client, table, undefined)).toBe('absent');
    expect(sent[1]).toBe('ListObjectsV2Command {"Bucket":"b","Prefix":"bad_ips.json","MaxKeys":1}');
  });

  it('keeps the 403 when the object is listed or the listing is refused too', async () => {
    await expect(
      loadS3Table(s3(403, [{ Key: 'bad_ips.json' }]).client, table, undefined),
    ).rejects.toThrow('Access Denied');
    await expect(
      loadS3Table(s3(403, new Error('also denied')).client, table, undefined),
    ).rejects.toThrow('Access Denied');
  });
});

const log: LogDefinition = {
  name: 'auth:login',
  category: 'auth',
  parser: 'json',
  schema: { user: 'string', ip: 'string' },
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

describe('lookup() in a rule', () => {
  afterEach(() => installLookups(undefined));

  it('reads the row, and the alert carries the rows the rule read', async () => {
    const store = createLookupStore({
      tables: [table],
      load: objectLoader({ body: { '6.6.6.6': { feed: 'abuse.example', score: 90 } } }),
      logger: capture().logger,
    });
    await store.ready();
    installLookups(store);
    const badIp = rule({
      name: 'login_from_bad_ip',
      logs: [log.name],
      outputs: ['slack:security'],
      context: { slack: { channel: '#sec' } },
      rule: (r) => lookup('bad_ips', r.ip) !== undefined,
    });
    const notAllowed = rule({
      name: 'user_not_allowed',
      logs: [log.name],
      outputs: ['slack:security'],
      rule: (r) => lookup('allowed_users', r.user, false) === false,
    });
    const engine = createRulesEngine([badIp, notAllowed], capture().logger);
    const alerts = engine.run(
      {
        log,
        records: [
          { user: 'alice', ip: '6.6.6.6' },
          { user: 'bob', ip: '10.0.0.1' },
        ],
        rejected: [],
      },
      'kinesis',
      'stream',
    );
    const bad = alerts.filter((a) => a.rule_name === 'login_from_bad_ip');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.context).toEqual({
      slack: { channel: '#sec' },
      lookup_tables: [
        {
          table: 'bad_ips',
          key: '6.6.6.6',
          found: true,
          value: { feed: 'abuse.example', score: 90 },
        },
      ],
    });
    // A miss is context too (an allow list the user is not on); a table not configured misses.
    const missed = alerts.filter((a) => a.rule_name === 'user_not_allowed');
    expect(missed.map((a) => a.context)).toEqual([
      { lookup_tables: [{ table: 'allowed_users', key: 'alice', found: false }] },
      { lookup_tables: [{ table: 'allowed_users', key: 'bob', found: false }] },
    ]);
  });

  it('records at most a bounded number of rows per alert, and none for a rule that read none', () => {
    installLookups({ lookup: () => ({ found: true, value: 1 }) });
    const loop = rule({
      name: 'loops',
      logs: [log.name],
      outputs: ['slack:security'],
      rule: () => {
        for (let i = 0; i < 100; i++) lookup('t', i);
        return true;
      },
    });
    const plain = rule({ name: 'plain', logs: [log.name], outputs: ['slack:x'], rule: () => true });
    const [a, b] = createRulesEngine([loop, plain], capture().logger).runRecord(
      log,
      { user: 'u', ip: 'i' },
      'kinesis',
      's',
    );
    expect((a!.context!.lookup_tables as unknown[]).length).toBe(MAX_RECORDED_LOOKUPS);
    expect(b!.context).toBeUndefined();
  });

  it('returns the fallback when the processor installed no tables', () => {
    expect(lookup('t', 'k', 'dflt')).toBe('dflt');
    expect(lookup('t', { not: 'a key' }, 0)).toBe(0);
  });
});
