/**
 * Alert merging, the pure part (StreamAlert v2's Alert.can_merge / Alert.merge): which
 * matches belong together, which windows are closed, and what the merged alert holds.
 * The rule processor, the merger Lambda and `streamalert test` all use it, so a merged
 * alert looks the same in a fixture and in Slack.
 *
 * Semantics carried over from StreamAlert:
 * - two matches merge when they come from the same rule, have equal values at every merge
 *   key, and the later one was created within the merge window of the FIRST one of the
 *   group (the window starts at the first match; it does not slide);
 * - the merged record holds AlertCount, AlertTimeFirst/Last, MergedBy (the merge key
 *   values), OtherCommonKeys (the greatest subset every record shares, merge keys left
 *   out) and ValueDiffs (per match, what differs from the common subset, keyed by its
 *   created time); the rule name, description and source come from the first match, the
 *   outputs and context from the latest.
 * Added here: `threshold` (a closed window with fewer matches sends nothing) and
 * DistinctValues (each differing field's distinct values, so a long window reads at a glance).
 * The merged alert itself is built match by match in ./merge-window.ts (mergeMatches).
 */
import { createHash } from 'node:crypto';
import type { Alert } from './alert.js';

/** How one rule merges; only rules with merge_window_mins have one. */
export interface MergeSettings {
  /** Dotted paths into the record; empty: every match of the rule in the window merges. */
  keys: readonly string[];
  windowMs: number;
  /** Matches a window needs before its alert is sent (1: every window with a match). */
  threshold: number;
}

/** The rule's merge settings, or undefined when it does not merge (no merge_window_mins). */
export function mergeSettingsOf(rule: {
  merge_by_keys?: readonly string[];
  merge_window_mins?: number;
  threshold?: number;
}): MergeSettings | undefined {
  if (rule.merge_window_mins === undefined) return undefined;
  return {
    keys: [...(rule.merge_by_keys ?? [])],
    windowMs: rule.merge_window_mins * 60_000,
    threshold: rule.threshold ?? 1,
  };
}

/** The value at a dotted path ("userIdentity.arn"); undefined when a step is missing. */
export function valueAt(record: unknown, dotted: string): unknown {
  let v = record;
  for (const step of dotted.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

/** The match's merge key values, as JSON text: matches with the same text merge. A missing key is null. */
export function mergeKeyOf(record: unknown, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => valueAt(record, k) ?? null));
}

/** One match of a merging rule, as stored until its window closes. */
export interface Match {
  alert: Alert;
  /** When the rule processor first saw it (ms since epoch): windows are measured on it. */
  created: number;
}

/**
 * Splits the matches of ONE rule and merge key (any order) into windows, oldest first:
 * each window starts at its first match and takes every later match within `windowMs`.
 * `closed`: the windows whose end has passed at `now`; `open`: the matches still waiting.
 */
export function windowsOf<M extends Match>(
  matches: readonly M[],
  windowMs: number,
  now: number,
  /** How long after its end a window still waits, for matches written just before it closed. */
  graceMs = 0,
): { closed: M[][]; open: M[] } {
  const sorted = [...matches].sort((a, b) => a.created - b.created || cmp(a.alert.id, b.alert.id));
  return cutWindows(sorted, windowMs, now, graceMs);
}

/** `windowsOf` on items already sorted by created time (the merger cuts its ranks with it). */
export function cutWindows<T extends { created: number }>(
  sorted: readonly T[],
  windowMs: number,
  now: number,
  graceMs = 0,
): { closed: T[][]; open: T[] } {
  const closed: T[][] = [];
  let i = 0;
  while (i < sorted.length) {
    const start = sorted[i]!.created;
    if (now < start + windowMs + graceMs) break;
    let j = i;
    while (j < sorted.length && sorted[j]!.created <= start + windowMs) j++;
    closed.push(sorted.slice(i, j));
    i = j;
  }
  return { closed, open: sorted.slice(i) };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The greatest subset every record shares (StreamAlert's _compute_common). */
export function commonOf(records: readonly Obj[]): Obj {
  if (records.length === 0) return {};
  if (records.length === 1) return records[0]!;
  const [first, ...others] = records as [Obj, ...Obj[]];
  const common: Obj = {};
  for (const [key, val] of Object.entries(first)) {
    if (!others.every((r) => key in r)) continue;
    if (others.every((r) => same(r[key], val))) common[key] = val;
    else if (isObj(val) && others.every((r) => isObj(r[key]))) {
      const nested = commonOf(records.map((r) => r[key] as Obj));
      if (Object.keys(nested).length > 0) common[key] = nested;
    }
  }
  return common;
}

/** What of `record` is not in `common` (StreamAlert's _compute_diff). */
export function diffOf(common: Obj, record: Obj): Obj {
  if (Object.keys(common).length === 0) return record;
  const diff: Obj = {};
  for (const [key, val] of Object.entries(record)) {
    if (!(key in common)) diff[key] = val;
    else if (same(val, common[key])) continue;
    else if (isObj(val) && isObj(common[key])) {
      const inner = diffOf(common[key], val);
      if (Object.keys(inner).length > 0) diff[key] = inner;
    } else diff[key] = val;
  }
  return diff;
}

/** Distinct values per differing field are listed up to this many (the merged alert stays readable and sendable). */
export const MAX_DISTINCT_VALUES = 20;
/** ValueDiffs keeps the first matches of a window, up to this many; AlertCount still counts all. */
export const MAX_VALUE_DIFFS = 50;

/** The merged alert's id: the same window of the same matches always gets the same id, so a re-sent one can be deduplicated. */
export function mergedId(rule: string, key: string, firstId: string): string {
  return createHash('sha256')
    .update(`merged\n${rule}\n${key}\n${firstId}`)
    .digest('hex')
    .slice(0, 32);
}
