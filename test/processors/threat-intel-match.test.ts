/**
 * Threat-intel matching in the rule processor, without AWS: conf/threat_intel.json in
 * StreamAlert 3's shape read into a matcher; a record's normalized values (types.json)
 * canonicalized and looked up in the feeds' in-memory indicator tables; excluded IOCs
 * (exact values and IP networks) never matching; the match written into the record under
 * `streamalert:ioc` for rules, and carried in the alert with its feed.
 */
import { describe, expect, it } from 'vitest';
import { toThreatIntel, FEED_META_KEY } from '../../src/processors/config/threat-intel.js';
import type { LogDefinition } from '../../src/processors/config/types.js';
import { toTypes } from '../../src/processors/config/convert.js';
import { decodeTable } from '../../src/processors/lookup-tables/decode.js';
import { pinnedLookups } from '../../src/processors/lookup-tables/pinned.js';
import { createLookupStore } from '../../src/processors/lookup-tables/store.js';
import { createNormalizer } from '../../src/processors/rule-processor/normalize.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { canonicalIndicator, canonicalIp } from '../../src/processors/threat-intel/indicators.js';
import {
  createThreatIntelMatcher,
  IOC_KEY,
  MAX_MATCHES_PER_RECORD,
} from '../../src/processors/threat-intel/match.js';
import { rule } from '../../src/rules-api/index.js';

// StreamAlert 3's shape: ioc type → normalized types; excluded_iocs as value → {comment}.
const THREAT_INTEL = {
  enabled: true,
  dynamodb_table_name: 'unused_here',
  excluded_iocs: {
    ip: { '10.0.0.0/8': { comment: 'RFC1918' }, '2001:db8::/32': {}, '198.51.100.7': {} },
    domain: { 'Corp.Example.': { comment: 'our own' } },
  },
  normalized_ioc_types: {
    ip: ['sourceAddress', 'destinationAddress'],
    domain: ['destinationDomain'],
    url: ['requestUrl'],
    sha256: ['fileHash'],
  },
  feeds: { bucket: 'acme-threat-intel', sources: ['feodo', 'urlhaus', 'threatfox'] },
};

const TYPES = toTypes({
  proxy: {
    sourceAddress: ['client_ip'],
    destinationAddress: ['server_ip', 'resolved'],
    destinationDomain: ['host'],
    requestUrl: ['url'],
    fileHash: ['sha256'],
  },
});

// Feed tables as the collector writes them: canonical key → row with its type.
const TABLES = {
  'threat_intel:feodo': {
    [FEED_META_KEY]: { version: '2026-12-07T18:00:00.000Z', source: 'feodo' },
    '203.0.113.9': { type: 'ip', malware: 'QakBot', port: 443 },
    '10.1.2.3': { type: 'ip', malware: 'listed but excluded' },
    '198.51.100.7': { type: 'ip', malware: 'listed but excluded exactly' },
    '2001:db8::1': { type: 'ip', malware: 'listed but excluded network' },
    '2001:470::5': { type: 'ip', malware: 'Emotet' },
  },
  'threat_intel:urlhaus': {
    'http://evil.example/payload.bin': { type: 'url', threat: 'malware_download' },
    'corp.example': { type: 'domain', threat: 'excluded' },
  },
  'threat_intel:threatfox': {
    'c2.example': { type: 'domain', malware: 'Cobalt Strike' },
    ['a'.repeat(64)]: { type: 'sha256', malware: 'Agent Tesla' },
    // A row of another type under the same text never matches a domain.
    'mixed.example': { type: 'url' },
  },
};

const log: LogDefinition = {
  name: 'proxy:access',
  category: 'proxy',
  parser: 'json',
  schema: {},
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

const matcher = () => createThreatIntelMatcher(toThreatIntel(THREAT_INTEL), pinnedLookups(TABLES));

function matchOf(record: Record<string, unknown>) {
  const m = matcher();
  const normalized = createNormalizer(TYPES).found(record, 'proxy', m.normalizedTypes);
  return m.match(record, normalized);
}

const quiet = () => createLogger({ level: 'error', write: () => undefined });

describe('canonical indicators', () => {
  it('gives one text per IP, domain, URL, hash and CVE, and none for what is not one', () => {
    expect(canonicalIp('203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp(' [2001:DB8:0:0::1] ')).toBe('2001:db8::1');
    expect(canonicalIp('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(canonicalIp('010.1.1.1')).toBeUndefined();
    expect(canonicalIp('fe80::1%eth0')).toBeUndefined();
    expect(canonicalIp('ec2-1-2-3-4.compute.amazonaws.com')).toBeUndefined();
    expect(canonicalIndicator('domain', 'C2.Example.')).toBe('c2.example');
    expect(canonicalIndicator('domain', 'bücher.example')).toBe('xn--bcher-kva.example');
    expect(canonicalIndicator('domain', 'http://c2.example/')).toBeUndefined();
    expect(canonicalIndicator('url', 'HTTP://Evil.Example:80/payload.bin')).toBe(
      'http://evil.example/payload.bin',
    );
    expect(canonicalIndicator('url', 'evil.example/payload.bin')).toBeUndefined();
    expect(canonicalIndicator('sha256', 'A'.repeat(64))).toBe('a'.repeat(64));
    expect(canonicalIndicator('md5', 'a'.repeat(64))).toBeUndefined();
    expect(canonicalIndicator('cve', 'cve-2021-44228')).toBe('CVE-2021-44228');
    expect(canonicalIndicator('ip', 42)).toBeUndefined();
    expect(canonicalIndicator('ip', '1'.repeat(5000))).toBeUndefined();
  });
});

describe('matching a record against the feeds', () => {
  it('finds each normalized value in its feed, whatever its spelling, and writes streamalert:ioc', () => {
    const record: Record<string, unknown> = {
      client_ip: '::ffff:203.0.113.9',
      dns: { resolved: ['2001:470:0::5', '192.0.2.1'] },
      host: 'C2.Example.',
      url: 'HTTP://EVIL.example/payload.bin',
      sha256: 'A'.repeat(64),
    };
    const matches = matchOf(record);
    expect(matches.map((m) => [m.feed, m.type, m.value, m.field])).toEqual([
      ['feodo', 'ip', '203.0.113.9', 'client_ip'],
      ['feodo', 'ip', '2001:470::5', 'dns.resolved'],
      ['threatfox', 'domain', 'c2.example', 'host'],
      ['urlhaus', 'url', 'http://evil.example/payload.bin', 'url'],
      ['threatfox', 'sha256', 'a'.repeat(64), 'sha256'],
    ]);
    expect(matches[0]).toMatchObject({
      normalized_type: 'sourceAddress',
      feed_version: '2026-12-07T18:00:00.000Z',
      indicator: { malware: 'QakBot', port: 443 },
    });
    // StreamAlert 3's record key: ioc type → values.
    expect(record[IOC_KEY]).toEqual({
      ip: ['203.0.113.9', '2001:470::5'],
      domain: ['c2.example'],
      url: ['http://evil.example/payload.bin'],
      sha256: ['a'.repeat(64)],
    });
  });

  it('never matches an excluded IOC: a network, an exact IP, an exact domain', () => {
    for (const ip of ['10.1.2.3', '198.51.100.7', '2001:db8:0::1', '::ffff:10.1.2.3']) {
      const record: Record<string, unknown> = { server_ip: ip };
      expect(matchOf(record)).toEqual([]);
      expect(record).not.toHaveProperty(IOC_KEY);
    }
    expect(matchOf({ host: 'CORP.example' })).toEqual([]);
  });

  it('ignores values of another type, of unmapped normalized types and of other categories', () => {
    expect(matchOf({ host: 'mixed.example' })).toEqual([]);
    expect(matchOf({ unrelated_field: '203.0.113.9' })).toEqual([]);
    const m = matcher();
    const record = { client_ip: '203.0.113.9' };
    expect(
      m.match(record, createNormalizer(TYPES).found(record, 'other', m.normalizedTypes)),
    ).toEqual([]);
  });

  it('keeps a bounded number of matches for a record listing many indicators', () => {
    const many = Array.from({ length: 60 }, (_, i) => `203.0.113.${i}`);
    const tables = {
      'threat_intel:feodo': Object.fromEntries(many.map((ip) => [ip, { type: 'ip' }])),
    };
    const m = createThreatIntelMatcher(toThreatIntel(THREAT_INTEL), pinnedLookups(tables));
    const record = { resolved: many };
    const found = m.match(
      record,
      createNormalizer(TYPES).found(record, 'proxy', m.normalizedTypes),
    );
    expect(found).toHaveLength(MAX_MATCHES_PER_RECORD);
  });

  it('reads feeds only where threat_intel.json names a bucket; StreamAlert 3 lists are taken too', () => {
    const c = toThreatIntel({
      enabled: true,
      excluded_iocs: { ip: ['10.0.0.0/8'] },
      normalized_ioc_types: { ip: ['sourceAddress'] },
    });
    expect(c.feeds).toEqual([]);
    expect(c.excluded.get('ip')).toEqual({ values: ['10.0.0.0/8'] });
    const all = toThreatIntel({ ...THREAT_INTEL, feeds: { bucket: 'b', prefix: 'ti/' } });
    expect(all.feeds.map((f) => [f.feed, f.key, f.optional])).toEqual([
      ['urlhaus', 'ti/urlhaus.json.gz', true],
      ['threatfox', 'ti/threatfox.json.gz', true],
      ['feodo', 'ti/feodo.json.gz', true],
      ['cisa_kev', 'ti/cisa_kev.json.gz', true],
      ['tor_exits', 'ti/tor_exits.json.gz', true],
    ]);
  });
});

describe('a rule reading the match', () => {
  it('sees streamalert:ioc and its alert carries the indicator and its feed', () => {
    const c2 = rule({
      name: 'proxy_to_known_c2',
      logs: ['proxy:access'],
      outputs: ['slack:sec'],
      rule: (r) => Array.isArray((r[IOC_KEY] as Record<string, unknown> | undefined)?.ip),
    });
    const engine = createRulesEngine([c2], quiet(), TYPES, undefined, undefined, matcher());
    const [alert, ...rest] = engine.runRecord(
      log,
      { client_ip: '203.0.113.9', host: 'www.example' },
      'kinesis',
      'proxy_stream',
    );
    expect(rest).toEqual([]);
    expect(alert!.record[IOC_KEY]).toEqual({ ip: ['203.0.113.9'] });
    expect(alert!.context?.threat_intel).toEqual([
      {
        type: 'ip',
        value: '203.0.113.9',
        field: 'client_ip',
        normalized_type: 'sourceAddress',
        feed: 'feodo',
        feed_version: '2026-12-07T18:00:00.000Z',
        indicator: { type: 'ip', malware: 'QakBot', port: 443 },
      },
    ]);
    // No indicator: the rule does not fire, and nothing is added to the record.
    const clean = { client_ip: '192.0.2.44' };
    expect(engine.runRecord(log, clean, 'kinesis', 'proxy_stream')).toEqual([]);
    expect(clean).not.toHaveProperty(IOC_KEY);
  });
});

describe('a feed table the collector has not written yet', () => {
  it('does not fail the invocation, is not asked for per batch, and loads once it exists', async () => {
    let now = 1_000_000;
    const object: { body?: string } = {};
    let gets = 0;
    const [feed] = toThreatIntel({
      ...THREAT_INTEL,
      feeds: { bucket: 'b', sources: ['feodo'] },
    }).feeds;
    const store = createLookupStore({
      tables: [feed!],
      logger: quiet(),
      now: () => now,
      load: async () => {
        gets++;
        if (object.body === undefined) throw new Error('NoSuchKey');
        return {
          rows: decodeTable(Buffer.from(object.body), { ...feed!, maxBytes: feed!.maxBytes! }),
        };
      },
    });
    await store.ready();
    await store.ready();
    expect(gets).toBe(1);
    expect(store.lookup(feed!.name, '203.0.113.9')).toEqual({ found: false });
    object.body = JSON.stringify({ '203.0.113.9': { type: 'ip' } });
    now += feed!.refreshMinutes * 60_000;
    await store.ready();
    await store.refreshDue();
    expect(gets).toBe(2);
    expect(store.lookup(feed!.name, '203.0.113.9')).toEqual({ found: true, value: { type: 'ip' } });
  });
});
