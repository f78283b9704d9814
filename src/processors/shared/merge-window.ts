/**
 * One window's merged alert, built match by match in bounded memory: the merger folds a
 * window of any size (100,000 matches) without holding its records, and in any order (the
 * table is scanned in hash order, not by time). What it keeps:
 * - the count, the first and the latest match (ordered by created time, then id);
 * - the common subset, folded pairwise (intersection does not depend on the order);
 * - the first MAX_VALUE_DIFFS records (their diffs are made at the end, against the final
 *   common subset);
 * - per leaf path, the distinct values in order of first appearance, up to
 *   MAX_DISTINCT_VALUES shown and DISTINCT_COUNTED counted.
 * Every add costs O(size of the record), whatever the window holds: the merge is linear.
 *
 * Records reach this code only through the merger's depth check (or from the rule processor,
 * which refuses records nested past MAX_NESTING_DEPTH): the recursive walks below are bounded
 * by that depth, never by the window.
 */
import { createHash } from 'node:crypto';
import type { Alert } from './alert.js';
import {
  commonOf,
  diffOf,
  MAX_DISTINCT_VALUES,
  MAX_VALUE_DIFFS,
  mergedId,
  mergeKeyOf,
  valueAt,
  type Match,
} from './merge.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Distinct values counted per path; past it, the merged alert says "at least". */
export const DISTINCT_COUNTED = 1000;
/** Leaf paths tracked per window (a record may have many keys; the alert stays readable). */
export const MAX_PATHS = 500;
/** A merged alert is sent whole up to this many UTF-8 bytes of JSON: SNS takes 256 KiB, less room for the request. */
export const MERGED_ALERT_MAX_BYTES = 256 * 1024 - 4096;
/** A value (key text, distinct value) longer than this is counted by its hash. */
const LONG_VALUE = 256;

/** Where a match stands in its window: created time, then id (the order windows are cut in). */
export interface Rank {
  created: number;
  id: string;
}

export const rankOf = (m: Match): Rank => ({ created: m.created, id: m.alert.id });

export function before(a: Rank, b: Rank): boolean {
  return a.created < b.created || (a.created === b.created && a.id < b.id);
}

const matchBefore = (a: Match, b: Match) => before(rankOf(a), rankOf(b));

/** Leaves deeper than this are taken whole (their subtree is one value): a path costs at most this many steps. */
const MAX_PATH_STEPS = 32;

interface Seen {
  json: string;
  value: unknown;
  /** A rank, not the match: the record of every listed value is not kept alive. */
  at: Rank;
}

interface PathValues {
  steps: string[];
  /** The earliest distinct values (at most MAX_DISTINCT_VALUES), earliest first. */
  first: Seen[];
  /** Keys (JSON or its hash) of the distinct values counted so far. */
  counted: Set<string>;
  overflow: boolean;
}

/** The record without the merge keys (shown once, under MergedBy). Copies only the objects on the keys' paths. */
function withoutKeys(record: Obj, keys: readonly string[]): Obj {
  if (keys.length === 0) return record;
  const copy: Obj = { ...record };
  for (const key of keys) {
    const steps = key.split('.');
    let v: Obj = copy;
    for (const step of steps.slice(0, -1)) {
      const next = v[step];
      if (!isObj(next)) {
        v = {};
        break;
      }
      v = v[step] = { ...next };
    }
    delete v[steps[steps.length - 1]!];
  }
  return copy;
}

export class WindowMerge {
  count = 0;
  private first?: Match;
  private latest?: Match;
  private common?: Obj;
  /** The earliest MAX_VALUE_DIFFS matches (record without keys), earliest first. */
  private earliest: { match: Match; record: Obj }[] = [];
  private paths = new Map<string, PathValues>();
  private pathsNotListed = 0;

  constructor(readonly keys: readonly string[]) {}

  add(match: Match): void {
    this.count++;
    if (!this.first || matchBefore(match, this.first)) this.first = match;
    if (!this.latest || matchBefore(this.latest, match)) this.latest = match;
    const record = withoutKeys(match.alert.record, this.keys);
    this.common = this.common === undefined ? record : commonOf([this.common, record]);
    this.keepEarliest(match, record);
    this.leaves(record, rankOf(match));
  }

  private keepEarliest(match: Match, record: Obj): void {
    const list = this.earliest;
    if (list.length === MAX_VALUE_DIFFS && !matchBefore(match, list[list.length - 1]!.match))
      return;
    let i = list.length;
    while (i > 0 && matchBefore(match, list[i - 1]!.match)) i--;
    list.splice(i, 0, { match, record });
    if (list.length > MAX_VALUE_DIFFS) list.pop();
  }

  /** Each leaf of the record (a value that is not a non-empty object) under its dotted path. */
  private leaves(record: Obj, at: Rank): void {
    const stack: { v: unknown; steps: string[] }[] = [{ v: record, steps: [] }];
    while (stack.length > 0) {
      const { v, steps } = stack.pop()!;
      if (isObj(v) && Object.keys(v).length > 0 && steps.length < MAX_PATH_STEPS) {
        // Pushed last key first: paths are listed in the record's key order.
        const entries = Object.entries(v);
        for (let i = entries.length - 1; i >= 0; i--)
          stack.push({ v: entries[i]![1], steps: [...steps, entries[i]![0]] });
        continue;
      }
      if (steps.length === 0) continue;
      this.see(steps, v, at);
    }
  }

  private see(steps: string[], value: unknown, at: Rank): void {
    const path = steps.join('.');
    let p = this.paths.get(path);
    if (!p) {
      if (this.paths.size >= MAX_PATHS) {
        this.pathsNotListed++;
        return;
      }
      this.paths.set(path, (p = { steps, first: [], counted: new Set(), overflow: false }));
    }
    const json = JSON.stringify(value) ?? 'null';
    const key =
      json.length > LONG_VALUE ? `#${createHash('sha1').update(json).digest('base64')}` : json;
    if (!p.counted.has(key)) {
      if (p.counted.size < DISTINCT_COUNTED) p.counted.add(key);
      else p.overflow = true;
    }
    // The earliest distinct values: a value seen again earlier moves up; a later one past the list is dropped.
    const known = p.first.findIndex((s) => s.json === json);
    if (known >= 0) {
      if (!before(at, p.first[known]!.at)) return;
      p.first.splice(known, 1);
    } else if (
      p.first.length === MAX_DISTINCT_VALUES + 1 &&
      !before(at, p.first[p.first.length - 1]!.at)
    )
      return;
    let i = p.first.length;
    while (i > 0 && before(at, p.first[i - 1]!.at)) i--;
    p.first.splice(i, 0, { json, value, at });
    // One more than shown is kept: it tells "more" from "exactly MAX_DISTINCT_VALUES".
    if (p.first.length > MAX_DISTINCT_VALUES + 1) p.first.pop();
  }

  /** True when the common subset holds the record's leaf at `steps` (the same for every record). */
  private covered(p: PathValues): boolean {
    let v: unknown = this.common;
    for (const step of p.steps) {
      if (!isObj(v) || !(step in v)) return false;
      v = v[step];
    }
    if (!isObj(v) || Object.keys(v).length === 0) return true;
    // A subtree taken whole (past MAX_PATH_STEPS): common when every record had the same one.
    return p.counted.size === 1 && !p.overflow && JSON.stringify(v) === p.first[0]?.json;
  }

  /** The merged alert (as mergeMatches makes it), cut to fit SNS when it would not. */
  finish(): Alert {
    const first = this.first!;
    const latest = this.latest!;
    const common = this.common!;
    const diffs: Obj = {};
    for (const { match, record } of this.earliest) {
      // Two matches in the same millisecond keep both diffs.
      const iso = new Date(match.created).toISOString();
      let at = iso;
      for (let n = 2; at in diffs; n++) at = `${iso}#${n}`;
      diffs[at] = diffOf(common, record);
    }
    const distinct: Obj = {};
    for (const [path, p] of this.paths) {
      if (this.covered(p)) continue;
      const values = p.first.map((s) => s.value);
      const counted = p.counted.size;
      distinct[path] =
        counted > MAX_DISTINCT_VALUES
          ? [
              ...values.slice(0, MAX_DISTINCT_VALUES),
              p.overflow
                ? `(at least ${counted - MAX_DISTINCT_VALUES} more)`
                : `(${counted - MAX_DISTINCT_VALUES} more)`,
            ]
          : values.slice(0, MAX_DISTINCT_VALUES);
    }
    if (this.pathsNotListed > 0) distinct['streamalert:values_not_listed'] = this.pathsNotListed;
    const key = mergeKeyOf(first.alert.record, this.keys);
    const alert: Alert = {
      id: mergedId(first.alert.rule_name, key, first.alert.id),
      rule_name: first.alert.rule_name,
      rule_description: first.alert.rule_description,
      log_source: first.alert.log_source,
      log_type: first.alert.log_type,
      source_service: first.alert.source_service,
      source_entity: first.alert.source_entity,
      outputs: [...latest.alert.outputs],
      ...(latest.alert.context === undefined ? {} : { context: latest.alert.context }),
      // A staged rule's merged alert is staged too: it goes to staging/, never to the outputs.
      ...(latest.alert.staged === true ? { staged: true as const } : {}),
      // The rule's severity, id, tags and references, as its single alerts carry them.
      ...(latest.alert.severity === undefined ? {} : { severity: latest.alert.severity }),
      ...(latest.alert.rule_id === undefined ? {} : { rule_id: latest.alert.rule_id }),
      ...(latest.alert.rule_tags === undefined ? {} : { rule_tags: latest.alert.rule_tags }),
      ...(latest.alert.rule_references === undefined
        ? {}
        : { rule_references: latest.alert.rule_references }),
      record: {
        AlertCount: this.count,
        AlertTimeFirst: new Date(first.created).toISOString(),
        AlertTimeLast: new Date(latest.created).toISOString(),
        MergedBy: Object.fromEntries(
          this.keys.map((k) => [k, valueAt(first.alert.record, k) ?? '(n/a)']),
        ),
        OtherCommonKeys: common,
        ValueDiffs: diffs,
        DistinctValues: distinct,
      },
    };
    return fitMergedAlert(alert, first, latest, this.earliest);
  }
}

const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/** A value as it fits in `room` bytes: whole, or the start of its JSON text and its size. */
function cut(value: unknown, room: number): unknown {
  const json = JSON.stringify(value) ?? 'null';
  const size = Buffer.byteLength(json);
  if (size <= room) return value;
  // Characters are at most 3 bytes in UTF-8 (a lone surrogate too): room/3 characters always fit.
  let keep = Math.max(0, Math.floor(room / 3) - 100);
  // Never end on half a surrogate pair.
  if (keep > 0 && /[\ud800-\udbff]/.test(json[keep - 1]!)) keep--;
  return { 'streamalert:truncated': json.slice(0, keep), 'streamalert:bytes': size };
}

/**
 * The merged alert when its JSON fits SNS; otherwise the reduced merged record: the count,
 * the times, MergedBy, the first and latest records, and as many of the earliest records
 * as fit (measured in UTF-8 bytes of the JSON sent, escapes included).
 */
export function fitMergedAlert(
  alert: Alert,
  first: Match,
  latest: Match,
  earliest: readonly { match: Match; record: Obj }[],
): Alert {
  if (bytes(alert) <= MERGED_ALERT_MAX_BYTES) return alert;
  const full = alert.record;
  const shell = {
    ...alert,
    record: {
      AlertCount: full.AlertCount,
      AlertTimeFirst: full.AlertTimeFirst,
      AlertTimeLast: full.AlertTimeLast,
      MergedBy: cut(full.MergedBy, 16 * 1024),
      'streamalert:reduced': {
        merged_bytes: bytes(full),
        limit_bytes: MERGED_ALERT_MAX_BYTES,
        note: 'the merged alert did not fit in an SNS message: it keeps the count, the first and latest records and a sample of the earliest',
      },
    },
  };
  const left = MERGED_ALERT_MAX_BYTES - bytes(shell) - 200;
  const firstRecord = cut(first.alert.record, Math.floor(left / 3));
  const latestRecord = cut(latest.alert.record, Math.floor(left / 3));
  let room = left - bytes(firstRecord) - bytes(latestRecord);
  const sample: unknown[] = [];
  for (const { match } of earliest) {
    if (match === first || match === latest) continue;
    const size = bytes(match.alert.record) + 1;
    if (size > room) break;
    sample.push(match.alert.record);
    room -= size;
  }
  return {
    ...shell,
    record: {
      ...shell.record,
      FirstRecord: firstRecord,
      LatestRecord: latestRecord,
      Sample: sample,
    },
  };
}

/** The one alert a window of matches (same rule and merge key, any order) becomes. */
export function mergeMatches(matches: readonly Match[], keys: readonly string[]): Alert {
  const merge = new WindowMerge(keys);
  for (const m of matches) merge.add(m);
  return merge.finish();
}
