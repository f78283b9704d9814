/**
 * The backtest's sample sees the lookup and feed tables as they are: the host reads each s3
 * table's object within its bound (a feed not written yet left out quietly, a table it may
 * not read left out with a note, DynamoDB named as not read), and the rules run over a
 * sampled record with those rows and indicators — while a fixture record keeps only the rows
 * it pins. No AWS: an S3 client standing in answers as S3 does.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchLiveTables } from '../../src/backtest/tables.js';
import { liveTables } from '../../src/sandbox/live-tables.js';
import type { Config } from '../../src/config/types.js';
import { toLogs, toSources, toTypes } from '../../src/processors/config/convert.js';
import { toLookupTables } from '../../src/processors/config/lookup-tables.js';
import { FEED_META_KEY, toThreatIntel } from '../../src/processors/config/threat-intel.js';
import type { ProcessorsConfig } from '../../src/processors/config/types.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { runFixtures } from '../../src/rule-test/run.js';
import { lookup, rule } from '../../src/rules-api/index.js';
import { tempDir } from '../support/conf.js';

const threatIntel = toThreatIntel({
  enabled: true,
  normalized_ioc_types: { ip: ['sourceAddress'] },
  feeds: { bucket: 'acme-threat-intel', sources: ['feodo', 'tor_exits'] },
});
const lookupTables = toLookupTables({
  enabled: true,
  tables: {
    contractors: { driver: 's3', bucket: 'acme-lookups', key: 'contractors.json' },
    vendors: { driver: 's3', bucket: 'acme-lookups', key: 'vendors.json' },
    owners: {
      driver: 'dynamodb',
      table: 'acme-owners',
      partition_key: 'account',
      value_key: 'owner',
    },
  },
});

const config = {
  global: { account: { region: 'us-east-1' } },
  clusters: [{ modules: { streamAlert: { ruleProcessor: { memory: 512 } } } }],
  processors: { lookupTables, threatIntel },
} as unknown as Config;

/** S3 as the tables' buckets hold them: a JSON table, a feed table, the rest missing or refused. */
const objects: Record<string, Buffer> = {
  'contractors.json': Buffer.from(JSON.stringify({ jdoe: { team: 'vendor-ops' } })),
  'threat-intel/feodo.json.gz': gzipSync(
    JSON.stringify({
      [FEED_META_KEY]: { version: '2026-12-07T18:00:00.000Z', feed: 'feodo' },
      '203.0.113.5': { type: 'ip', malware: 'QakBot' },
    }),
  ),
};
const s3 = {
  async send(command: { constructor: { name: string }; input: { Key: string } }) {
    const fail = (status: number) => {
      throw Object.assign(new Error(status === 403 ? 'Access Denied' : 'NoSuchKey'), {
        $metadata: { httpStatusCode: status },
      });
    };
    if (command.constructor.name === 'ListObjectsV2Command') fail(403);
    if (command.input.Key === 'vendors.json') fail(403);
    const body = objects[command.input.Key];
    if (!body) fail(404);
    return { Body: Readable.from([body!]), ContentLength: body!.length, ETag: '"e"' };
  },
} as unknown as S3Client;

const processors: ProcessorsConfig = {
  logs: toLogs({ auth: { parser: 'json', schema: { user: 'string', ip: 'string' } } }),
  sources: toSources({ kinesis: { auth_stream: { logs: ['auth'] } } }),
  outputs: new Map(),
  types: toTypes({ auth: { sourceAddress: ['ip'] } }),
  threatIntel,
};
const contractor = rule({
  name: 'contractor_login',
  logs: ['auth'],
  outputs: ['slack:security'],
  rule: (r) => lookup('contractors', r.user) !== undefined,
});
const knownBad = rule({
  name: 'login_from_known_bad_ip',
  logs: ['auth'],
  outputs: ['slack:security'],
  rule: (r) => Array.isArray((r['streamalert:ioc'] as { ip?: unknown })?.ip),
});

describe('the backtest with the tables as they are', () => {
  it('reads each s3 table within its bound, noting what it cannot read', async () => {
    const dir = tempDir('backtest-tables');
    const { tables, notes } = await fetchLiveTables(config, dir, () => s3);
    expect(tables.map((t) => t.table.name)).toEqual(['contractors', 'threat_intel:feodo']);
    // tor_exits is not written yet: left out without a note.
    expect(notes).toEqual([
      "lookup tables owners (dynamodb) are not read by the backtest: the sample's lookups in them find nothing",
      'lookup table vendors could not be read (Access Denied); the sample is run without it',
    ]);
    // Bounded as the rule processor bounds them: a bigger object is refused, not read whole.
    const small = {
      ...config,
      clusters: [{ modules: { streamAlert: { ruleProcessor: { memory: 512 } } } }],
      processors: {
        lookupTables: toLookupTables({
          enabled: true,
          tables: {
            contractors: {
              driver: 's3',
              bucket: 'acme-lookups',
              key: 'contractors.json',
              max_size_mb: 0.00001,
            },
          },
        }),
      },
    } as unknown as Config;
    expect((await fetchLiveTables(small, dir, () => s3)).notes).toEqual([
      expect.stringMatching(
        /^lookup table contractors could not be read \(the object is \d+ bytes, more than its size bound/,
      ),
    ]);
  });

  it('runs a sampled record with those rows and indicators; a fixture keeps its pins', async () => {
    const dir = tempDir('backtest-tables-run');
    const { tables } = await fetchLiveTables(config, dir, () => s3);
    const fixturesDir = path.join(dir, 'tests');
    mkdirSync(fixturesDir, { recursive: true });
    const event = (extra: Record<string, unknown>, trigger: string[]) => ({
      description: 'a login',
      service: 'kinesis',
      source: 'auth_stream',
      data: { user: 'jdoe', ip: '203.0.113.5' },
      trigger_rules: trigger,
      ...extra,
    });
    writeFileSync(
      path.join(fixturesDir, 'logins.json'),
      JSON.stringify([
        // As a sampled record: no pins.
        event({}, ['contractor_login', 'login_from_known_bad_ip']),
        // A fixture pinning its rows sees only them.
        event({ test_fixtures: { lookup_tables: { contractors: {} }, threat_intel: [] } }, []),
      ]),
    );
    const { records } = await loadFixtures(fixturesDir);
    const live = liveTables(tables);
    const results = await runFixtures(records, processors, [contractor, knownBad], {}, live);
    expect(results.map((r) => [r.passed, r.fired])).toEqual([
      [true, ['contractor_login', 'login_from_known_bad_ip']],
      [true, []],
    ]);
    // `test` (no live tables): the unpinned record sees nothing.
    const offline = await runFixtures(records, processors, [contractor, knownBad]);
    expect(offline[0]!.fired).toEqual([]);
  });
});
