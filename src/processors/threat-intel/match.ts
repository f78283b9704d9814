/**
 * Threat-intel matching of one record, as StreamAlert 3's rules engine did before its rules
 * ran: the record's values of the normalized types that `normalized_ioc_types` maps to an
 * ioc type are normalized (indicators.ts), excluded ones dropped (`excluded_iocs`: exact
 * values, and networks for IPs), and the rest looked up in every feed's indicator table —
 * in memory, no network call per record. A match is written into the record under
 * `streamalert:ioc` (ioc type → values, StreamAlert 3's key) so rules read it, and returned
 * with its feed so the alert carries it (`context.threat_intel`).
 */
import { BlockList, isIPv4 } from 'node:net';
import { FEED_META_KEY, type FeedTable, type ThreatIntelConfig } from '../config/threat-intel.js';
import type { LookupSource } from '../lookup-tables/provider.js';
import type { Normalized } from '../rule-processor/normalize.js';
import { canonicalIndicator, canonicalIp } from './indicators.js';

/** StreamAlert 3's ThreatIntel.IOC_KEY: where a record's matched indicators are put. */
export const IOC_KEY = 'streamalert:ioc';

/** Matches kept per record: a record listing a thousand bad IPs must not make a huge alert. */
export const MAX_MATCHES_PER_RECORD = 20;
/** Values of one field looked at (a field may hold a list). */
const MAX_VALUES_PER_FIELD = 100;

/** One matched indicator, as the alert carries it. */
export interface IocMatch {
  type: string;
  value: string;
  /** The record's field that held it (its key path, dot-joined). */
  field: string;
  /** The normalized type the field belongs to. */
  normalized_type: string;
  feed: string;
  /** When the feed's table was fetched (its `streamalert:feed` row), when it says. */
  feed_version?: string;
  /** The feed's row for the indicator (threat, malware, first seen...). */
  indicator: unknown;
}

export interface ThreatIntelMatcher {
  /**
   * The record's matches (none: an empty list), `streamalert:ioc` written into the record
   * when there is one. `normalized`: the record's normalized types (all of its category).
   */
  match(record: Record<string, unknown>, normalized: Normalized): IocMatch[];
  /** The normalized types matching reads (the rules engine finds only these). */
  readonly normalizedTypes: readonly string[];
}

interface Excluder {
  excluded(type: string, value: string): boolean;
}

function excluderOf(config: ThreatIntelConfig): Excluder {
  const exact = new Map<string, Set<string>>();
  const networks = new BlockList();
  for (const [type, { values }] of config.excluded) {
    const set = new Set<string>();
    for (const v of values) {
      if (type === 'ip' && v.includes('/')) {
        const [address, bits] = v.split('/') as [string, string];
        const ip = canonicalIp(address);
        // The schema checked the form; a network that does not parse excludes nothing.
        if (ip) networks.addSubnet(ip, Number(bits), isIPv4(ip) ? 'ipv4' : 'ipv6');
        continue;
      }
      set.add(canonicalIndicator(type, v) ?? v);
    }
    exact.set(type, set);
  }
  return {
    excluded(type, value) {
      if (exact.get(type)?.has(value)) return true;
      return type === 'ip' && networks.check(value, isIPv4(value) ? 'ipv4' : 'ipv6');
    },
  };
}

const NO_MATCHES: IocMatch[] = Object.freeze([]) as unknown as IocMatch[];

function valuesAt(record: Record<string, unknown>, path: readonly string[]): unknown[] {
  let v: unknown = record;
  for (const key of path)
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  if (Array.isArray(v)) return v.slice(0, MAX_VALUES_PER_FIELD);
  return v === undefined ? [] : [v];
}

/** A feed as matching reads it: its table's name in `tables`, and the name alerts show. */
type FeedRef = Pick<FeedTable, 'name' | 'feed'>;

export function createThreatIntelMatcher(
  config: ThreatIntelConfig,
  tables: LookupSource,
  /** The tables matched instead of config.feeds (a rule test's pinned indicators). */
  feeds: readonly FeedRef[] = config.feeds,
): ThreatIntelMatcher {
  const excluder = excluderOf(config);
  const versionOf = (feed: FeedRef): string | undefined => {
    const meta = tables.lookup(feed.name, FEED_META_KEY);
    const v = meta.found ? (meta.value as { version?: unknown } | undefined)?.version : undefined;
    return typeof v === 'string' ? v : undefined;
  };

  return {
    normalizedTypes: [...config.iocTypeOf.keys()],
    match(record, normalized) {
      let matches: IocMatch[] | undefined;
      const seen = new Set<string>();
      for (const [normalizedType, paths] of Object.entries(normalized)) {
        const type = config.iocTypeOf.get(normalizedType);
        if (!type) continue;
        for (const path of paths) {
          for (const raw of valuesAt(record, path)) {
            const value = canonicalIndicator(type, raw);
            if (value === undefined || excluder.excluded(type, value)) continue;
            for (const feed of feeds) {
              const hit = tables.lookup(feed.name, value);
              // A feed's row says its type: a domain-named URL path never meets an IP row.
              if (!hit.found || (hit.value as { type?: unknown })?.type !== type) continue;
              const id = `${feed.feed}\u0000${type}\u0000${value}\u0000${path.join('.')}`;
              if (seen.has(id)) continue;
              seen.add(id);
              const version = versionOf(feed);
              (matches ??= []).push({
                type,
                value,
                field: path.join('.'),
                normalized_type: normalizedType,
                feed: feed.feed,
                ...(version ? { feed_version: version } : {}),
                indicator: hit.value,
              });
              if (matches.length >= MAX_MATCHES_PER_RECORD) return attach(record, matches);
            }
          }
        }
      }
      return matches ? attach(record, matches) : NO_MATCHES;
    },
  };
}

/** StreamAlert 3's insertion: `streamalert:ioc` → ioc type → values (lists here: JSON). */
function attach(record: Record<string, unknown>, matches: IocMatch[]): IocMatch[] {
  const iocs: Record<string, string[]> = {};
  for (const m of matches) {
    const list = (iocs[m.type] ??= []);
    if (!list.includes(m.value)) list.push(m.value);
  }
  record[IOC_KEY] = iocs;
  return matches;
}
