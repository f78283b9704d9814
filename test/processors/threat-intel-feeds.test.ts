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
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEED_META_KEY,
  PUBLIC_FEEDS,
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
import { otxKeyOf, readFeedsEnv } from '../../src/processors/threat-intel/lambda.js';
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

// AlienVault OTX's subscribed pulses API: pages of {count, next, previous, results}, the
// account's key in X-OTX-API-KEY. Two pages here, linked by `next` (absolute, as OTX writes it).
const OTX_PATH = '/api/v1/pulses/subscribed';
const OTX_KEY = 'otx-test-key-0f3a9c';
const otxRequests: { url: string; key: string | string[] | undefined }[] = [];
const otx = {
  /** Page number → body; `next` of page n points at page n + 1 when there is one. */
  pages: [] as unknown[][],
  nextOverride: undefined as string | undefined,
};
const pulse = (id: string, name: string, indicators: Record<string, unknown>[]) => ({
  id,
  name,
  description: 'written for these tests',
  author_name: 'tester',
  modified: '2026-12-06T10:00:00.000000',
  created: '2026-12-01T10:00:00.000000',
  tlp: 'white',
  adversary: '',
  malware_families: [{ id: 'Emotet', display_name: 'Emotet' }],
  tags: ['c2', 'phishing'],
  references: [],
  indicators: indicators.map((i, n) => ({
    id: Number(`${id.length}${n}`),
    created: '2026-12-01T10:00:00',
    title: '',
    description: '',
    expiration: null,
    is_active: 1,
    role: null,
    ...i,
  })),
});
function serveOtxDefaults() {
  otx.nextOverride = undefined;
  otx.pages = [
    [
      pulse('6750aa01', 'Emotet C2 [December]', [
        { indicator: '203.0.113.44', type: 'IPv4', title: 'C2' },
        { indicator: 'Login-Portal.Example.COM', type: 'hostname' },
        { indicator: 'a'.repeat(32), type: 'FileHash-MD5' },
        { indicator: 'phish@example.com', type: 'email' },
        { indicator: '198.51.100.200', type: 'IPv4', is_active: 0 },
        { indicator: '198.51.100.201', type: 'IPv4', expiration: '2026-01-01T00:00:00' },
      ]),
    ],
    [
      pulse('6750aa02', 'Log4Shell exploitation', [
        { indicator: 'cve-2021-44228', type: 'CVE' },
        { indicator: 'http://Exploit.Example.NET:80/x', type: 'URL' },
        // Listed by the first pulse too: the first wins.
        { indicator: '203.0.113.44', type: 'IPv4' },
      ]),
    ],
  ];
}
function serveOtx(url: string, key: unknown, res: import('node:http').ServerResponse) {
  if (key !== OTX_KEY) {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end('{"detail": "Authentication required"}');
    return;
  }
  const u = new URL(url, base);
  const page = Number(u.searchParams.get('page') ?? '1');
  const results = otx.pages[page - 1];
  if (!results) {
    res.writeHead(404).end('{"detail": "Invalid page."}');
    return;
  }
  const next = new URL(u);
  next.searchParams.set('page', String(page + 1));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      count: otx.pages.reduce((n, p) => n + p.length, 0),
      next: otx.nextOverride ?? (page < otx.pages.length ? next.toString() : null),
      previous: page > 1 ? url : null,
      results,
    }),
  );
}

function serveDefaults() {
  served['/downloads/csv_recent/'] = { body: URLHAUS, headers: { 'content-type': 'text/csv' } };
  served['/export/json/recent/'] = { body: THREATFOX };
  served['/downloads/ipblocklist.json'] = { body: FEODO };
  served['/feeds/known_exploited_vulnerabilities.json'] = { body: KEV };
  served['/torbulkexitlist'] = { body: TOR };
}

const PATHS: Record<(typeof PUBLIC_FEEDS)[number], string> = {
  urlhaus: '/downloads/csv_recent/',
  threatfox: '/export/json/recent/',
  feodo: '/downloads/ipblocklist.json',
  cisa_kev: '/feeds/known_exploited_vulnerabilities.json',
  tor_exits: '/torbulkexitlist',
};

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith(OTX_PATH)) {
      otxRequests.push({ url: req.url, key: req.headers['x-otx-api-key'] });
      serveOtx(req.url, req.headers['x-otx-api-key'], res);
      return;
    }
    const s = served[req.url ?? ''] ?? served[(req.url ?? '').split('?')[0]!];
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
  Object.fromEntries(PUBLIC_FEEDS.map((f) => [f, `${base}${PATHS[f]}`])) as Record<
    FeedName,
    string
  >;

const rowsOf = (body: Buffer) =>
  decodeTable(body, { format: 'json', compression: 'gzip', maxBytes: 1 << 26, maxKeys: 1000 });

describe('the feed collector', () => {
  it('reads each feed in its real format into canonical indicator tables', async () => {
    serveDefaults();
    const { tables, store } = memoryStore();
    const { logger } = capture();
    const now = Date.parse('2026-12-07T18:00:00Z');
    const outcomes = await collectFeeds({
      feeds: PUBLIC_FEEDS,
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
    await collectFeeds({ feeds: PUBLIC_FEEDS, store, logger: capture().logger, urls: urls() });
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
      feeds: PUBLIC_FEEDS,
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
      feeds: PUBLIC_FEEDS,
      store,
      logger,
      urls: urls(),
      now: () => now,
      bounds: { maxDownloadBytes: 1024 * 1024 },
    });
    expect(outcomes.map((o) => [o.feed, o.outcome])).toEqual(
      PUBLIC_FEEDS.map((f) => [f, 'failed']),
    );
    expect(outcomes.map((o) => o.error)).toEqual([
      expect.stringContaining('answered HTTP 503'),
      expect.stringContaining('threatfox: the answer is not JSON'),
      expect.stringContaining('more than 1048576 bytes decompressed'),
      'cisa_kev: the catalogue must be an object with "vulnerabilities": [...]',
      'tor_exits: none of the 1 lines is an IP address',
    ]);
    for (const [feed, body] of good) expect(tables.get(feed)!.body.equals(body)).toBe(true);
    expect(lines.filter((l) => l.metric_name === FEED_FAILURE_METRIC)).toHaveLength(5);
    expect(lines.filter((l) => l.level === 'error').map((l) => l.feed)).toEqual([...PUBLIC_FEEDS]);

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
      feeds: [...PUBLIC_FEEDS],
    });
    expect(() => readFeedsEnv({})).toThrow(/no THREAT_INTEL_BUCKET/);
    expect(() =>
      readFeedsEnv({ THREAT_INTEL_BUCKET: 'b', THREAT_INTEL_FEEDS: 'feodo,pastebin' }),
    ).toThrow(
      'THREAT_INTEL_FEEDS names unknown feeds: pastebin (known: urlhaus, threatfox, feodo, cisa_kev, tor_exits, otx)',
    );
    expect(() =>
      readFeedsEnv({ THREAT_INTEL_BUCKET: 'b', THREAT_INTEL_FEEDS: 'feodo,otx' }),
    ).toThrow(
      'THREAT_INTEL_FEEDS names otx and THREAT_INTEL_OTX_CREDENTIAL (where its API key is) is not set',
    );
    expect(
      readFeedsEnv({
        THREAT_INTEL_BUCKET: 'b',
        THREAT_INTEL_FEEDS: 'otx',
        THREAT_INTEL_OTX_CREDENTIAL: '/streamalert/threat-intel/otx',
      }).otxKey,
    ).toEqual({ ssmParameter: '/streamalert/threat-intel/otx' });
    expect(otxKeyOf(' k3y\n')).toBe('k3y');
    expect(otxKeyOf('{"api_key": "k3y"}')).toBe('k3y');
    expect(() => otxKeyOf('{"key": "k3y"}')).toThrow(
      'the OTX secret is JSON without a string "api_key"',
    );
    expect(() =>
      readFeedsEnv({ THREAT_INTEL_BUCKET: 'b', THREAT_INTEL_MAX_INDICATORS: '-1' }),
    ).toThrow('THREAT_INTEL_MAX_INDICATORS must be a whole number > 0');
  });
});

describe('AlienVault OTX, with an API key', () => {
  const key = async () => OTX_KEY;
  const collectOtx = (
    options: Partial<Parameters<typeof collectFeeds>[0]> = {},
    store = memoryStore().store,
  ) =>
    collectFeeds({
      feeds: ['otx'],
      store,
      logger: capture().logger,
      urls: { otx: `${base}${OTX_PATH}` },
      keys: { otx: key },
      now: () => Date.parse('2026-12-07T18:00:00Z'),
      ...options,
    });

  it('reads every subscribed pulse page by page, the key only in its header', async () => {
    serveOtxDefaults();
    otxRequests.length = 0;
    const { tables, store } = memoryStore();
    const { lines, logger } = capture();
    const [outcome] = await collectOtx({ logger }, store);
    expect(outcome).toMatchObject({ feed: 'otx', outcome: 'written', indicators: 5, skipped: 3 });
    expect(otxRequests.map((r) => r.key)).toEqual([OTX_KEY, OTX_KEY]);
    const first = new URL(otxRequests[0]!.url, base);
    expect(first.searchParams.get('limit')).toBe('50');
    expect(first.searchParams.get('modified_since')).toBe('2026-11-07T18:00:00.000Z');
    expect(new URL(otxRequests[1]!.url, base).searchParams.get('page')).toBe('2');
    const table = JSON.parse(gunzipSync(tables.get('otx')!.body).toString()) as object;
    expect(Object.keys(table).sort()).toEqual([
      '203.0.113.44',
      'CVE-2021-44228',
      'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'http://exploit.example.net/x',
      'login-portal.example.com',
      FEED_META_KEY,
    ]);
    const rows = rowsOf(tables.get('otx')!.body);
    expect(rows.get('203.0.113.44')).toEqual({
      type: 'ip',
      pulse: 'Emotet C2 [December]',
      pulse_id: '6750aa01',
      author: 'tester',
      tlp: 'white',
      malware: 'Emotet',
      tags: 'c2,phishing',
      modified: '2026-12-06T10:00:00.000000',
      title: 'C2',
    });
    expect(rows.get(FEED_META_KEY)).toMatchObject({
      feed: 'otx',
      source: `${base}${OTX_PATH}`,
      indicators: 5,
    });
    // The key is in no log line, outcome or table.
    expect(JSON.stringify([lines, outcome])).not.toContain(OTX_KEY);
    expect(JSON.stringify(table)).not.toContain(OTX_KEY);
  });

  it('fails without a key, with a refused key, and on a next page off its API', async () => {
    serveOtxDefaults();
    const [noKey] = await collectOtx({ keys: {} });
    expect(noKey!.error).toBe('otx is pulled with an API key and none is configured');
    const [unreadable] = await collectOtx({
      keys: {
        otx: async () => {
          throw new Error('ParameterNotFound');
        },
      },
    });
    expect(unreadable!.error).toBe("otx's API key could not be read: ParameterNotFound");
    const [refused] = await collectOtx({ keys: { otx: async () => 'wrong' } });
    expect(refused!.error).toMatch(/answered HTTP 403$/);

    otxRequests.length = 0;
    otx.nextOverride = 'https://collector.example.net/api/v1/pulses/subscribed?page=2';
    const { lines, logger } = capture();
    const [elsewhere] = await collectOtx({ logger });
    expect(elsewhere!.error).toBe(
      `otx: page 1's "next" leaves ${base}${OTX_PATH} (https://collector.example.net${OTX_PATH}); the key is not sent there`,
    );
    expect(otxRequests).toHaveLength(1);
    expect(lines.filter((l) => l.metric_name === FEED_FAILURE_METRIC)).toHaveLength(1);
    otx.nextOverride = `${base}/api/v1/users/me`;
    expect((await collectOtx())[0]!.error).toContain('leaves');
  });

  it('keeps its bounds: pages, bytes over all pages, indicators', async () => {
    serveOtxDefaults();
    expect((await collectOtx({ bounds: { maxPages: 1 } }))[0]!.error).toBe(
      'otx has more than 1 pages (max_pages); the last good version is kept',
    );
    const firstPage = JSON.stringify({ results: otx.pages[0] }).length;
    // Each page fits alone; both do not.
    expect(
      (await collectOtx({ bounds: { maxDownloadBytes: Math.round(firstPage * 1.5) } }))[0]!.error,
    ).toMatch(/decompressed \(max_download_bytes\)/);
    expect((await collectOtx({ bounds: { maxIndicators: 3 } }))[0]!.error).toBe(
      'otx lists more than 3 indicators (the cap, max_indicators); the last good version is kept',
    );
    // Not its format: refused, nothing written.
    otx.pages = [[{ not: 'a pulse' }]];
    const [odd] = await collectOtx();
    expect(odd).toMatchObject({ outcome: 'written', indicators: 0, skipped: 1 });
    otx.pages = [];
    served['/html'] = { body: '<html>login</html>' };
    const { tables, store } = memoryStore();
    const [html] = await collectOtx({ urls: { otx: `${base}/html` } }, store);
    expect(html!.error).toMatch(/^otx: the answer is not JSON/);
    expect(tables.size).toBe(0);
  });
});
