/**
 * How loud each staged rule has been since it was staged, read from the staging
 * destination: one object per alert under staging/<rule>/dt=YYYY-MM-DD/, counted per
 * day by listing (S3 has the counts without reading a single alert; the CloudWatch
 * metric is for dashboards). "Since it was staged" is a marker object
 * staging/<rule>/staged-since.json that the first promote run seeing the rule staged
 * writes (its date: that rule's earliest staged alert, or now), and that a run finding
 * the rule no longer staged deletes, so staging a rule again starts a fresh watch.
 */
import type { StagingStore } from './staging-store.js';

export const MARKER = 'staged-since.json';
/** Days shown per rule in the pull request's table (the most recent). */
export const SHOWN_DAYS = 14;
/** Staged alerts read per noisy rule to find its top merge keys. */
export const SAMPLE_ALERTS = 200;

export interface PromoteSettings {
  /** Most alerts a rule may raise on any one day (UTC) and still be promoted. */
  quietThreshold: number;
  /** How long a rule stays staged, at least, before it can be promoted. */
  minStagedHours: number;
  now: Date;
}

export interface StagedRule {
  name: string;
  /** The user's file (rules/x.ts). */
  file: string;
  /** The rule's merge_by_keys (dotted paths into the record), when it has them. */
  mergeByKeys?: readonly string[];
}

export type Verdict = 'quiet' | 'noisy' | 'watching';

export interface RuleCounts {
  rule: StagedRule;
  /** ISO time the watch started. */
  since: string;
  /** Day (YYYY-MM-DD) → alerts, for every day from `since` to now, oldest first. */
  days: [string, number][];
  total: number;
  verdict: Verdict;
  /** Noisy rules: the most frequent merge key values in a sample of their alerts. */
  topKeys?: { values: string; count: number }[];
}

const day = (iso: string | Date) => new Date(iso).toISOString().slice(0, 10);

function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    out.push(day(new Date(t)));
  return out;
}

function valueAt(record: unknown, path: string): unknown {
  let v = record;
  for (const key of path.split('.'))
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

function mergedByOf(record: unknown): Record<string, unknown> | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const r = record as { AlertCount?: unknown; MergedBy?: unknown };
  return typeof r.AlertCount === 'number' && typeof r.MergedBy === 'object' && r.MergedBy !== null
    ? (r.MergedBy as Record<string, unknown>)
    : undefined;
}

async function topKeys(
  store: StagingStore,
  located: { bucket: string; key: string; day: string }[],
  paths: readonly string[],
): Promise<{ values: string; count: number }[]> {
  const sample = [...located].sort((a, b) => b.day.localeCompare(a.day)).slice(0, SAMPLE_ALERTS);
  const counts = new Map<string, number>();
  for (const { bucket, key } of sample) {
    let record: unknown;
    try {
      record = (JSON.parse((await store.get(bucket, key)) ?? 'null') as { record?: unknown })
        ?.record;
    } catch {
      continue; // not an alert: nothing to group
    }
    // A merging rule's alert is a merged one (src/processors/shared/merge.ts): its keys'
    // values are in MergedBy, under each dotted path as written in merge_by_keys.
    const mergedBy = mergedByOf(record);
    const values = paths
      .map((p) => `${p}=${JSON.stringify((mergedBy ? mergedBy[p] : valueAt(record, p)) ?? null)}`)
      .join(', ');
    counts.set(values, (counts.get(values) ?? 0) + 1);
  }
  return [...counts]
    .map(([values, count]) => ({ values, count }))
    .sort((a, b) => b.count - a.count || a.values.localeCompare(b.values))
    .slice(0, 5);
}

/** The watch of one staged rule over every staging bucket; writes the marker where it is missing. */
async function countRule(
  store: StagingStore,
  buckets: readonly string[],
  rule: StagedRule,
  settings: PromoteSettings,
): Promise<RuleCounts> {
  const prefix = `staging/${rule.name}/`;
  const located: { bucket: string; key: string; day: string }[] = [];
  const markers: string[] = [];
  const missing: string[] = [];
  for (const bucket of buckets) {
    for (const key of await store.list(bucket, prefix)) {
      const m = /^dt=(\d{4}-\d{2}-\d{2})\//.exec(key.slice(prefix.length));
      if (m) located.push({ bucket, key, day: m[1]! });
    }
    const marker = await store.get(bucket, prefix + MARKER);
    const since = marker === undefined ? undefined : sinceOf(marker);
    if (since) markers.push(since);
    else missing.push(bucket);
  }
  const earliest = located.map((l) => `${l.day}T00:00:00.000Z`).sort()[0];
  const since =
    [...markers].sort()[0] ??
    (earliest && earliest < settings.now.toISOString() ? earliest : settings.now.toISOString());
  for (const bucket of missing)
    await store.put(bucket, prefix + MARKER, `${JSON.stringify({ staged_since: since })}\n`);

  const perDay = new Map(daysBetween(day(since), day(settings.now)).map((d) => [d, 0]));
  for (const l of located) if (perDay.has(l.day)) perDay.set(l.day, perDay.get(l.day)! + 1);
  const days = [...perDay];
  const total = days.reduce((n, [, c]) => n + c, 0);
  const stagedMs = settings.now.getTime() - Date.parse(since);
  const noisy = days.some(([, c]) => c > settings.quietThreshold);
  const verdict: Verdict = noisy
    ? 'noisy'
    : stagedMs >= settings.minStagedHours * 3_600_000
      ? 'quiet'
      : 'watching';
  const counted = located.filter((l) => perDay.has(l.day));
  return {
    rule,
    since,
    days,
    total,
    verdict,
    ...(verdict === 'noisy' && rule.mergeByKeys && rule.mergeByKeys.length > 0
      ? { topKeys: await topKeys(store, counted, rule.mergeByKeys) }
      : {}),
  };
}

function sinceOf(text: string): string | undefined {
  try {
    const v = (JSON.parse(text) as { staged_since?: unknown }).staged_since;
    return typeof v === 'string' && !Number.isNaN(Date.parse(v))
      ? new Date(v).toISOString()
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every staged rule's counts; markers of rules that are no longer staged are deleted
 * (their alerts stay: the bucket's lifecycle owns them).
 */
export async function readCounts(
  store: StagingStore,
  buckets: readonly string[],
  staged: readonly StagedRule[],
  settings: PromoteSettings,
): Promise<RuleCounts[]> {
  const names = new Set(staged.map((r) => r.name));
  for (const bucket of buckets)
    for (const folder of await store.folders(bucket, 'staging/')) {
      const rule = folder.slice('staging/'.length, -1);
      if (!names.has(rule)) await store.delete(bucket, `${folder}${MARKER}`);
    }
  const out: RuleCounts[] = [];
  for (const rule of [...staged].sort((a, b) => a.name.localeCompare(b.name)))
    out.push(await countRule(store, buckets, rule, settings));
  return out;
}
