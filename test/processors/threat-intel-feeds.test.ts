/**
 * The threat-intel feed collector against a local HTTP server standing in for abuse.ch,
 * CISA and the Tor Project, each serving its feed's real format (sample data written here),
 * with an in-memory table store: every feed parsed into canonical indicator rows, written as
 * a table the rule processor's loader reads and matches with; a feed that fails (HTTP
 * error, garbage, too big once decompressed, too many indicators) keeps its last good
 * version and counts ThreatIntelFeedFailures while the others are written; a feed that is
 * not due is not fetched.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEED_META_KEY,
  FEED_NAMES,
  toThreatIntel,
  type FeedName,
} from '../../src/processors/config/threat-intel.js';
import { toTypes } from '../../src/processors/config/convert.js';
import { decodeTable } from '../../src/processors/lookup-tables/decode.js';
import { createLookupStore } from '../../src/processors/lookup-tables/store.js';
import { createNormalizer } from '../../src/processors/rule-processor/normalize.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import {
  collectFeeds,
  FEED_FAILURE_METRIC,
  type IndicatorStore,
} from '../../src/processors/threat-intel/collector.js';
import { readFeedsEnv } from '../../src/processors/threat-intel/lambda.js';
import { createThreatIntelMatcher } from '../../src/processors/threat-intel/match.js';

// URLhaus csv_recent: comment lines, the header among them, then quoted rows.
const URLHAUS = `################################################################
# abuse.ch URLhaus Database Dump (CSV - recent URLs)           #
# Last updated: 2026-12-07 18:00:00 (UTC)                      #
#                                                              #
################################################################
#
# id,dateadded,url,url_status,last_online,threat,tags,urlhaus_link,reporter
"900001","2026-12-07 17:55:01","http://198.51.100.23:4711/bins/sample.arm7","online","2026-12-07 17:55:01","malware_download","elf,mirai","https://urlhaus.abuse.ch/url/900001/","tester"
"900002","2026-12-07 17:50:12","HTTPS://Drop.Example.NET/a/b.exe","offline","","malware_download","exe","https://urlhaus.abuse.ch/url/900002/","tester"
"900003","2026-12-07 17:49:00","not a url","online","","malware_download","","https://urlhaus.abuse.ch/url/900003/","tester"
`;

// ThreatFox export/json/recent: id → [entry].
const THREATFOX = JSON.stringify({
  '1500001': [
    {
      ioc_value: '203.0.113.77:8443',
      ioc_type: 'ip:port',
      threat_type: 'botnet_cc',
      malware: 'win.cobalt_strike',
      malware_alias: null,
      malware_printable: 'Cobalt Strike',
      first_seen_utc: '2026-12-07 16:00:00',
      last_seen_utc: null,
      confidence_level: 75,
      reference: null,
      tags: 'c2',
      anonymous: '0',
      reporter: 'tester',
    },
  ],
  '1500002': [
    {
      ioc_value: 'C2-Panel.Example.ORG',
      ioc_type: 'domain',
      threat_type: 'botnet_cc',
      malware_printable: 'Sliver',
      confidence_level: 100,
    },
  ],
  '1500003': [
    {
      ioc_value: 'B'.repeat(64),
      ioc_type: 'sha256_hash',
      threat_type: 'payload',
      malware_printable: 'Agent Tesla',
    },
    { ioc_value: 'x', ioc_type: 'email', threat_type: 'payload' },
  ],
});

// Feodo Tracker ipblocklist.json.
const FEODO = JSON.stringify([
  {
    ip_address: '192.0.2.200',
    port: 443,
    status: 'online',
    hostname: null,
    as_number: 64500,
    as_name: 'EXAMPLE-AS',
    country: 'NL',
    first_seen: '2026-12-01 10:00:00',
    last_online: '2026-12-07',
    malware: 'QakBot',
  },
]);

// CISA KEV catalogue.
const KEV = JSON.stringify({
  title: 'CISA Catalog of Known Exploited Vulnerabilities',
  catalogVersion: '2026.12.07',
  dateReleased: '2026-12-07T15:00:00.000Z',
  count: 1,
  vulnerabilities: [
    {
      cveID: 'CVE-2026-12345',
      vendorProject: 'ExampleSoft',
      product: 'Gateway',
      vulnerabilityName: 'ExampleSoft Gateway Path Traversal',
      dateAdded: '2026-12-05',
      shortDescription: 'A path traversal lets a remote attacker read files.',
      requiredAction: 'Apply the update.',
      dueDate: '2026-12-26',
      knownRansomwareCampaignUse: 'Unknown',
      notes: '',
      cwes: ['CWE-22'],
    },
  ],
});

const TOR = '198.51.100.1\n198.51.100.2\n2001:db8:0:0::77\n';

interface Served {
  status?: number;
  body: string | Buffer;
  headers?: Record<string, string>;
}

let server: Server;
let base: string;
const served: Record<string, Served> = {};
const requests: string[] = [];

function serveDefaults() {
  served['/downloads/csv_recent/'] = { body: URLHAUS, headers: { 'content-type': 'text/csv' } };
  served['/export/json/recent/'] = { body: THREATFOX };
  served['/downloads/ipblocklist.json'] = { body: FEODO };
  served['/feeds/known_exploited_vulnerabilities.json'] = { body: KEV };
  served['/torbulkexitlist'] = { body: TOR };
}

const PATHS: Record<FeedName, string> = {
  urlhaus: '/downloads/csv_recent/',
  threatfox: '/export/json/recent/',
  feodo: '/downloads/ipblocklist.json',
  cisa_kev: '/feeds/known_exploited_vulnerabilities.json',
  tor_exits: '/torbulkexitlist',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const s = served[req.url ?? ''];
    if (!s) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(s.status ?? 200, s.headers ?? {});
    res.end(s.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function memoryStore() {
  const tables = new Map<FeedName, { body: Buffer; fetchedAt: number; version: string }>();
  const store: IndicatorStore = {
    async fetchedAt(feed) {
      return tables.get(feed)?.fetchedAt;
    },
    async put(feed, body, version) {
      tables.set(feed, { body, fetchedAt: Date.parse(version), version });
    },
  };
  return { tables, store };
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

const urls = () =>
  Object.fromEntries(FEED_NAMES.map((f) => [f, `${base}${PATHS[f]}`])) as Record<FeedName, string>;

const rowsOf = (body: Buffer) =>
  decodeTable(body, { format: 'json', compression: 'gzip', maxBytes: 1 << 26, maxKeys: 1000 });

describe('the feed collector', () => {
  it('reads each feed in its real format into canonical indicator tables', async () => {
    serveDefaults();
    const { tables, store } = memoryStore();
    const { logger } = capture();
    const now = Date.parse('2026-12-07T18:00:00Z');
    const outcomes = await collectFeeds({
      feeds: FEED_NAMES,
      store,
      logger,
      urls: urls(),
      now: () => now,
    });
    expect(outcomes.map((o) => [o.feed, o.outcome, o.indicators, o.skipped])).toEqual([
      ['urlhaus', 'written', 2, 1],
      ['threatfox', 'written', 3, 1],
      ['feodo', 'written', 1, 0],
      ['cisa_kev', 'written', 1, 0],
      ['tor_exits', 'written', 3, 0],
    ]);
    const urlhaus = rowsOf(tables.get('urlhaus')!.body);
    expect(urlhaus.get('https://drop.example.net/a/b.exe')).toMatchObject({
      type: 'url',
      threat: 'malware_download',
      url_status: 'offline',
      reference: 'https://urlhaus.abuse.ch/url/900002/',
    });
    expect(urlhaus.get(FEED_META_KEY)).toMatchObject({
      feed: 'urlhaus',
      version: '2026-12-07T18:00:00.000Z',
      indicators: 2,
    });
    const threatfox = rowsOf(tables.get('threatfox')!.body);
    expect(threatfox.get('203.0.113.77')).toEqual({
      type: 'ip',
      threat_type: 'botnet_cc',
      malware: 'Cobalt Strike',
      confidence_level: 75,
      port: 8443,
      first_seen: '2026-12-07 16:00:00',
      tags: 'c2',
    });
    expect(threatfox.get('c2-panel.example.org')).toMatchObject({ type: 'domain' });
    expect(threatfox.get('b'.repeat(64))).toMatchObject({ type: 'sha256' });
    expect(rowsOf(tables.get('feodo')!.body).get('192.0.2.200')).toMatchObject({
      type: 'ip',
      malware: 'QakBot',
      port: 443,
    });
    const kev = rowsOf(tables.get('cisa_kev')!.body);
    expect(kev.get('CVE-2026-12345')).toMatchObject({ type: 'cve', vendor: 'ExampleSoft' });
    expect(kev.get(FEED_META_KEY)).toMatchObject({ source_version: '2026.12.07' });
    expect(rowsOf(tables.get('tor_exits')!.body).get('2001:db8::77')).toEqual({
      type: 'ip',
      tor_exit: true,
    });
  });

  it("writes tables the rule processor's store loads and matches records against", async () => {
    serveDefaults();
    const { tables, store } = memoryStore();
    await collectFeeds({ feeds: FEED_NAMES, store, logger: capture().logger, urls: urls() });
    const config = toThreatIntel({
      enabled: true,
      normalized_ioc_types: { ip: ['sourceAddress'], domain: ['destinationDomain'] },
      feeds: { bucket: 'acme-threat-intel' },
    });
    const lookups = createLookupStore({
      tables: config.feeds,
      logger: capture().logger,
      load: async (t) => ({
        rows: decodeTable(tables.get(t.name.split(':')[1] as FeedName)!.body, {
          format: 'json',
          compression: 'gzip',
          maxBytes: t.driver === 's3' ? t.maxBytes! : 0,
          maxKeys: t.maxKeys,
        }),
      }),
    });
    await lookups.ready();
    const matcher = createThreatIntelMatcher(config, lookups);
    const types = toTypes({ fw: { sourceAddress: ['src'], destinationDomain: ['dst_host'] } });
    const record = { src: '198.51.100.2', dst_host: 'c2-panel.example.org.' };
    const matches = matcher.match(
      record,
      createNormalizer(types).found(record, 'fw', matcher.normalizedTypes),
    );
    expect(matches.map((m) => [m.feed, m.value, m.feed_version !== undefined])).toEqual([
      ['tor_exits', '198.51.100.2', true],
      ['threatfox', 'c2-panel.example.org', true],
    ]);
  });

  it('keeps the last good version of a feed that fails, counts it, and writes the others', async () => {
    serveDefaults();
    const { tables, store } = memoryStore();
    let now = Date.parse('2026-12-07T18:00:00Z');
    await collectFeeds({
      feeds: FEED_NAMES,
      store,
      logger: capture().logger,
      urls: urls(),
      now: () => now,
    });
    const good = new Map([...tables].map(([k, v]) => [k, v.body]));

    served[PATHS.urlhaus] = { status: 503, body: 'maintenance' };
    served[PATHS.threatfox] = { body: '<html>not json</html>' };
    served[PATHS.tor_exits] = { body: '<html><body>Oops</body></html>\n' };
    served[PATHS.cisa_kev] = { body: JSON.stringify({ vulnerabilities: 'none' }) };
    // Feodo's answer: a gzip bomb, small on the wire, over the bound once decompressed.
    served[PATHS.feodo] = {
      body: gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)),
      headers: { 'content-encoding': 'gzip' },
    };
    now += 60 * 60_000;
    const { lines, logger } = capture();
    const outcomes = await collectFeeds({
      feeds: FEED_NAMES,
      store,
      logger,
      urls: urls(),
      now: () => now,
      bounds: { maxDownloadBytes: 1024 * 1024 },
    });
    expect(outcomes.map((o) => [o.feed, o.outcome])).toEqual(FEED_NAMES.map((f) => [f, 'failed']));
    expect(outcomes.map((o) => o.error)).toEqual([
      expect.stringContaining('answered HTTP 503'),
      expect.stringContaining('threatfox: the answer is not JSON'),
      expect.stringContaining('more than 1048576 bytes decompressed'),
      'cisa_kev: the catalogue must be an object with "vulnerabilities": [...]',
      'tor_exits: none of the 1 lines is an IP address',
    ]);
    for (const [feed, body] of good) expect(tables.get(feed)!.body.equals(body)).toBe(true);
    expect(lines.filter((l) => l.metric_name === FEED_FAILURE_METRIC)).toHaveLength(5);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.feed)).toEqual([...FEED_NAMES]);

    // One feed back: written, the others still failing and kept.
    serveDefaults();
    served[PATHS.urlhaus] = { status: 500, body: '' };
    now += 60 * 60_000;
    const next = await collectFeeds({
      feeds: ['urlhaus', 'feodo'],
      store,
      logger,
      urls: urls(),
      now: () => now,
    });
    expect(next.map((o) => o.outcome)).toEqual(['failed', 'written']);
  });

  it('refuses a feed over its indicator cap and a table the rule processor would not load', async () => {
    serveDefaults();
    served[PATHS.tor_exits] = {
      body: Array.from({ length: 50 }, (_, i) => `198.51.100.${i}`).join('\n'),
    };
    const { tables, store } = memoryStore();
    const [capped] = await collectFeeds({
      feeds: ['tor_exits'],
      store,
      logger: capture().logger,
      urls: urls(),
      bounds: { maxIndicators: 10 },
    });
    expect(capped!.error).toBe(
      'tor_exits lists more than 10 indicators (the cap, max_indicators); the last good version is kept',
    );
    const [tooBig] = await collectFeeds({
      feeds: ['tor_exits'],
      store,
      logger: capture().logger,
      urls: urls(),
      bounds: { maxTableBytes: 500 },
    });
    expect(tooBig!.error).toMatch(
      /^tor_exits's table would be \d+ bytes, more than the rule processor loads \(500/,
    );
    expect(tables.size).toBe(0);
  });

  it('pulls a feed only when it is due, and never over plain http off the machine', async () => {
    serveDefaults();
    const { store } = memoryStore();
    let now = Date.parse('2026-12-07T18:00:00Z');
    const run = () =>
      collectFeeds({
        feeds: ['feodo', 'cisa_kev'],
        store,
        logger: capture().logger,
        urls: urls(),
        now: () => now,
      });
    await run();
    requests.length = 0;
    now += 4 * 60_000;
    expect((await run()).map((o) => o.outcome)).toEqual(['written', 'not_due']);
    expect(requests).toEqual([PATHS.feodo]);
    const [refused] = await collectFeeds({
      feeds: ['feodo'],
      store: memoryStore().store,
      logger: capture().logger,
      urls: { feodo: 'http://feeds.example.com/ipblocklist.json' },
    });
    expect(refused!.error).toMatch(/refusing http:\/\/feeds.example.com/);
  });

  it("reads the Lambda's environment, naming what is wrong", () => {
    expect(readFeedsEnv({ THREAT_INTEL_BUCKET: 'b' })).toMatchObject({
      bucket: 'b',
      prefix: 'threat-intel/',
      feeds: [...FEED_NAMES],
    });
    expect(() => readFeedsEnv({})).toThrow(/no THREAT_INTEL_BUCKET/);
    expect(() =>
      readFeedsEnv({ THREAT_INTEL_BUCKET: 'b', THREAT_INTEL_FEEDS: 'feodo,otx' }),
    ).toThrow(
      'THREAT_INTEL_FEEDS names unknown feeds: otx (known: urlhaus, threatfox, feodo, cisa_kev, tor_exits)',
    );
    expect(() =>
      readFeedsEnv({ THREAT_INTEL_BUCKET: 'b', THREAT_INTEL_MAX_INDICATORS: '-1' }),
    ).toThrow('THREAT_INTEL_MAX_INDICATORS must be a whole number > 0');
  });
});
