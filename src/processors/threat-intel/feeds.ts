/**
 * The managed feeds, each read in its real published format into indicator rows keyed by
 * the canonical indicator (indicators.ts), the key the rule processor looks values up by:
 *
 * - abuse.ch URLhaus: `csv_recent` — `#` comment lines (the header among them), then one
 *   quoted CSV row per URL: id, dateadded, url, url_status, last_online, threat, tags,
 *   urlhaus_link, reporter.
 * - abuse.ch ThreatFox: `export/json/recent` — an object of id → [entry], each entry with
 *   ioc_value, ioc_type (ip:port, domain, url, md5_hash, sha1_hash, sha256_hash),
 *   threat_type, malware_printable, confidence_level, first_seen_utc, reference, tags.
 * - abuse.ch Feodo Tracker: `ipblocklist.json` — a list of {ip_address, port, status,
 *   malware, first_seen, last_online, as_name, country}.
 * - CISA Known Exploited Vulnerabilities: the JSON catalogue — {catalogVersion,
 *   vulnerabilities: [{cveID, vendorProject, product, vulnerabilityName, dateAdded,
 *   dueDate, knownRansomwareCampaignUse}]}.
 * - Tor exit list: `torbulkexitlist` — one IP address per line.
 * - AlienVault OTX: `/api/v1/pulses/subscribed` (with the account's API key in
 *   X-OTX-API-KEY) — pages of {count, next, previous, results: [pulse]}, each pulse with
 *   id, name, author_name, tlp, adversary, malware_families, tags and indicators: [{indicator,
 *   type (IPv4, IPv6, domain, hostname, URL, FileHash-MD5/SHA1/SHA256, CVE, ...), title,
 *   expiration, is_active}]; `next` is the URL of the next page, null on the last.
 *
 * A parser throws on a body that is not its format (the collector then keeps the last good
 * table) and skips single entries that are not indicators, counting them.
 */
import { readCsv } from '../rule-processor/parsers/csv-reader.js';
import type { FeedName } from '../config/threat-intel.js';
import { canonicalIndicator } from './indicators.js';

/** One indicator's row, as rules and alerts see it (`type` is what the matcher checks). */
export interface IndicatorRow {
  type: string;
  [field: string]: unknown;
}

export interface ParsedFeed {
  /** Canonical indicator → its row; the first entry of an indicator listed twice wins. */
  rows: Map<string, IndicatorRow>;
  /** Entries that were no indicator of their type (a bad URL, an unknown ioc_type...). */
  skipped: number;
  /** The feed's own version, when it states one (CISA's catalogVersion). */
  sourceVersion?: string;
}

export interface FeedSpec {
  readonly name: FeedName;
  /** Where it is published. */
  readonly url: string;
  /** Minutes between pulls: abuse.ch regenerates its exports every 5 minutes. */
  readonly intervalMinutes: number;
  parse(text: string, maxIndicators: number): ParsedFeed;
  /** A feed read page by page with an API key (OTX); the others are one download. */
  readonly paged?: PagedFeed;
}

export interface PagedFeed {
  /** The request header the API key is sent in (never in the URL, which is logged). */
  readonly keyHeader: string;
  /** The first page's URL, from the feed's URL. */
  firstPage(url: string, now: number): string;
  /** Adds one page's indicators to `rows`; the next page's URL, undefined on the last. */
  readPage(text: string, rows: FeedRows, now: number): string | undefined;
}

export class FeedFormatError extends Error {}

/** Collects rows within the indicator cap; throws once the feed passes it. */
export class FeedRows {
  readonly rows = new Map<string, IndicatorRow>();
  skipped = 0;
  constructor(
    private readonly feed: string,
    private readonly max: number,
  ) {}
  add(type: string, raw: unknown, row: Omit<IndicatorRow, 'type'>): void {
    const key = canonicalIndicator(type, raw);
    if (key === undefined) {
      this.skipped++;
      return;
    }
    if (this.rows.has(key)) return;
    if (this.rows.size >= this.max)
      throw new FeedFormatError(
        `${this.feed} lists more than ${this.max} indicators (the cap, max_indicators); the last good version is kept`,
      );
    this.rows.set(key, { type, ...row });
  }
  done(sourceVersion?: string): ParsedFeed {
    return {
      rows: this.rows,
      skipped: this.skipped,
      ...(sourceVersion ? { sourceVersion } : {}),
    };
  }
}

function parseJson(feed: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FeedFormatError(`${feed}: the answer is not JSON: ${(err as Error).message}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short text field of an entry, or undefined: a feed's free text never grows a row much. */
function text(v: unknown, max = 200): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string' || v === '') return undefined;
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

/** `row` without its undefined fields. */
function defined(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

/** Lines of a text feed without blank lines and `#` comments. */
function* dataLines(body: string): Generator<string> {
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line !== '' && !line.startsWith('#')) yield line;
  }
}

const URLHAUS_COLUMNS = 9;

function parseUrlhaus(body: string, max: number): ParsedFeed {
  const rows = new FeedRows('urlhaus', max);
  let lines = 0;
  for (const line of dataLines(body)) {
    lines++;
    const cells = readCsv(line, { delimiter: ',', quotechar: '"' })[0] ?? [];
    if (cells.length !== URLHAUS_COLUMNS) {
      // One bad line is skipped; a body none of whose lines is URLhaus's CSV is refused below.
      rows.skipped++;
      continue;
    }
    const [, dateAdded, url, status, , threat, tags, link] = cells;
    rows.add(
      'url',
      url,
      defined({
        threat: text(threat),
        url_status: text(status),
        tags: text(tags),
        date_added: text(dateAdded),
        reference: text(link),
      }),
    );
  }
  if (lines > 0 && rows.rows.size === 0)
    throw new FeedFormatError(
      `urlhaus: none of the ${lines} lines is a URLhaus CSV row (id, dateadded, url, ...)`,
    );
  return rows.done();
}

/** ThreatFox's ioc_type → the indicator type here. */
const THREATFOX_TYPES: Record<string, string> = {
  'ip:port': 'ip',
  domain: 'domain',
  url: 'url',
  md5_hash: 'md5',
  sha1_hash: 'sha1',
  sha256_hash: 'sha256',
};

/** "1.2.3.4:443" or "[2001:db8::1]:443" → [address, port]. */
function splitIpPort(value: string): [string, string | undefined] {
  const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(value);
  if (v6) return [v6[1]!, v6[2]];
  const at = value.lastIndexOf(':');
  if (at > 0 && value.indexOf(':') === at) return [value.slice(0, at), value.slice(at + 1)];
  return [value, undefined];
}

function parseThreatfox(body: string, max: number): ParsedFeed {
  const doc = parseJson('threatfox', body);
  if (!isObject(doc))
    throw new FeedFormatError('threatfox: the export must be an object of id → [IOC entries]');
  const rows = new FeedRows('threatfox', max);
  for (const entries of Object.values(doc)) {
    if (!Array.isArray(entries)) {
      rows.skipped++;
      continue;
    }
    for (const e of entries) {
      const type =
        isObject(e) && typeof e.ioc_type === 'string' ? THREATFOX_TYPES[e.ioc_type] : undefined;
      if (!type || typeof e.ioc_value !== 'string') {
        rows.skipped++;
        continue;
      }
      let value: string = e.ioc_value;
      let port: string | undefined;
      if (e.ioc_type === 'ip:port') [value, port] = splitIpPort(value);
      rows.add(
        type,
        value,
        defined({
          threat_type: text(e.threat_type),
          malware: text(e.malware_printable) ?? text(e.malware),
          confidence_level: typeof e.confidence_level === 'number' ? e.confidence_level : undefined,
          port: port === undefined ? undefined : Number(port),
          first_seen: text(e.first_seen_utc),
          tags: text(e.tags),
          reference: text(e.reference, 500),
        }),
      );
    }
  }
  return rows.done();
}

function parseFeodo(body: string, max: number): ParsedFeed {
  const doc = parseJson('feodo', body);
  if (!Array.isArray(doc))
    throw new FeedFormatError('feodo: the blocklist must be a list of {ip_address, port, ...}');
  const rows = new FeedRows('feodo', max);
  for (const e of doc) {
    if (!isObject(e)) {
      rows.skipped++;
      continue;
    }
    rows.add(
      'ip',
      e.ip_address,
      defined({
        malware: text(e.malware),
        port: typeof e.port === 'number' ? e.port : undefined,
        status: text(e.status),
        first_seen: text(e.first_seen),
        last_online: text(e.last_online),
        as_name: text(e.as_name),
        country: text(e.country),
      }),
    );
  }
  return rows.done();
}

function parseCisaKev(body: string, max: number): ParsedFeed {
  const doc = parseJson('cisa_kev', body);
  if (!isObject(doc) || !Array.isArray(doc.vulnerabilities))
    throw new FeedFormatError(
      'cisa_kev: the catalogue must be an object with "vulnerabilities": [...]',
    );
  const rows = new FeedRows('cisa_kev', max);
  for (const v of doc.vulnerabilities) {
    if (!isObject(v)) {
      rows.skipped++;
      continue;
    }
    rows.add(
      'cve',
      v.cveID,
      defined({
        vendor: text(v.vendorProject),
        product: text(v.product),
        name: text(v.vulnerabilityName),
        date_added: text(v.dateAdded),
        due_date: text(v.dueDate),
        known_ransomware_use: text(v.knownRansomwareCampaignUse),
      }),
    );
  }
  return rows.done(text(doc.catalogVersion));
}

function parseTorExits(body: string, max: number): ParsedFeed {
  const rows = new FeedRows('tor_exits', max);
  let lines = 0;
  for (const line of dataLines(body)) {
    lines++;
    rows.add('ip', line, { tor_exit: true });
  }
  // An HTML error page served with 200 is no exit list: refused rather than written empty.
  if (lines > 0 && rows.rows.size === 0)
    throw new FeedFormatError(`tor_exits: none of the ${lines} lines is an IP address`);
  return rows.done();
}

/** Pulses modified in the last this many days are read: older ones are mostly stale. */
export const OTX_PULSE_DAYS = 30;
/** Pulses per page (OTX's own limit is 50). */
const OTX_PAGE_SIZE = 50;

/** OTX's indicator type → the type here; other types (email, Mutex, YARA, ...) are skipped. */
const OTX_TYPES: Record<string, string> = {
  IPv4: 'ip',
  IPv6: 'ip',
  domain: 'domain',
  hostname: 'domain',
  URL: 'url',
  'FileHash-MD5': 'md5',
  'FileHash-SHA1': 'sha1',
  'FileHash-SHA256': 'sha256',
  CVE: 'cve',
};

/** A pulse's list of names (tags, or malware families as strings or {display_name}), as text. */
function names(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const list = v
    .map((x) => (isObject(x) ? (x.display_name ?? x.name) : x))
    .filter((x): x is string => typeof x === 'string' && x !== '')
    .slice(0, 20);
  return text(list.join(','));
}

function readOtxPage(body: string, rows: FeedRows, now: number): string | undefined {
  const doc = parseJson('otx', body);
  if (!isObject(doc) || !Array.isArray(doc.results))
    throw new FeedFormatError('otx: a page must be an object with "results": [pulses] and "next"');
  for (const pulse of doc.results) {
    if (!isObject(pulse) || !Array.isArray(pulse.indicators)) {
      rows.skipped++;
      continue;
    }
    const pulseRow = defined({
      pulse: text(pulse.name),
      pulse_id: text(pulse.id, 64),
      author: text(pulse.author_name),
      tlp: text(pulse.tlp ?? pulse.TLP, 16),
      adversary: text(pulse.adversary),
      malware: names(pulse.malware_families),
      tags: names(pulse.tags),
      modified: text(pulse.modified, 40),
    });
    for (const i of pulse.indicators) {
      const type = isObject(i) && typeof i.type === 'string' ? OTX_TYPES[i.type] : undefined;
      // An indicator its author retired, or past its expiration, is not matched.
      const expired =
        isObject(i) &&
        (i.is_active === 0 ||
          i.is_active === false ||
          (typeof i.expiration === 'string' && Date.parse(i.expiration) < now));
      if (!type || expired) {
        rows.skipped++;
        continue;
      }
      rows.add(type, i.indicator, { ...pulseRow, ...defined({ title: text(i.title) }) });
    }
  }
  if (doc.next === null || doc.next === undefined || doc.next === '') return undefined;
  if (typeof doc.next !== 'string') throw new FeedFormatError('otx: "next" must be a URL or null');
  return doc.next;
}

export const FEEDS: Readonly<Record<FeedName, FeedSpec>> = {
  urlhaus: {
    name: 'urlhaus',
    url: 'https://urlhaus.abuse.ch/downloads/csv_recent/',
    intervalMinutes: 4,
    parse: parseUrlhaus,
  },
  threatfox: {
    name: 'threatfox',
    url: 'https://threatfox.abuse.ch/export/json/recent/',
    intervalMinutes: 4,
    parse: parseThreatfox,
  },
  feodo: {
    name: 'feodo',
    url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.json',
    intervalMinutes: 4,
    parse: parseFeodo,
  },
  cisa_kev: {
    name: 'cisa_kev',
    url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
    intervalMinutes: 60,
    parse: parseCisaKev,
  },
  tor_exits: {
    name: 'tor_exits',
    url: 'https://check.torproject.org/torbulkexitlist',
    intervalMinutes: 30,
    parse: parseTorExits,
  },
  otx: {
    name: 'otx',
    url: 'https://otx.alienvault.com/api/v1/pulses/subscribed',
    // The subscribed pulses change by the hour; a full read is many pages.
    intervalMinutes: 60,
    parse(body, max) {
      const rows = new FeedRows('otx', max);
      readOtxPage(body, rows, Date.now());
      return rows.done();
    },
    paged: {
      keyHeader: 'X-OTX-API-KEY',
      firstPage(url, now) {
        const u = new URL(url);
        u.searchParams.set('limit', String(OTX_PAGE_SIZE));
        u.searchParams.set(
          'modified_since',
          new Date(now - OTX_PULSE_DAYS * 24 * 60 * 60_000).toISOString(),
        );
        return u.toString();
      },
      readPage: readOtxPage,
    },
  },
};
