/**
 * Evaluates Sigma correlation rules (correlation.ts) over the matches of the rules they
 * reference, one event at a time, behind a small window-state interface: `test`, the
 * backtest and the rule processor share this code and differ only in where the windows
 * live (memory here; a table in the stream).
 *
 * Semantics, as docs/rules.md#sigma-correlation-rules states them:
 * - An event is one match of a referenced rule: its group (the group-by fields' values,
 *   aliases applied per rule), its time, and for value_count the counted field's value.
 *   An event missing a group-by field (or the value_count field) is not counted.
 * - Its time is the record's event time (the first of EVENT_TIME_FIELDS that reads as a
 *   date), else its arrival time. Late and out-of-order events count: every window of
 *   `timespan` that holds the new event is checked, wherever the event falls in it.
 * - A group keeps the events within `timespan` of its newest one; an event older than that
 *   is too late and not counted.
 * - When a window satisfies the condition, one alert; its events are then used up, so a
 *   burst past the threshold alerts once, and the next alert needs a fresh set.
 * - An event id seen before (a retried batch) is ignored: it is counted once.
 */
import { valuesAt } from './match.js';
import { conditionHolds, type CompiledCorrelation } from './correlation.js';

/** One match of a referenced rule, as the window state keeps it. */
export interface WindowEvent {
  /** Unique per match and stable across retries (the record's origin and the rule). */
  id: string;
  rule: string;
  /** Event time, ms since the epoch. */
  t: number;
  /** value_count: the counted field's value as text. */
  v?: string;
  /** Used up by an alert: kept only so that a retry of it is still recognised. */
  used?: true;
}

/**
 * Where windows live. Keys: the correlation's name and the group's key. Implementations:
 * memoryWindowState (offline runs); a table with conditional writes in the stream.
 */
export interface WindowState {
  /**
   * Adds `event` to the group unless an event of its id is there (then undefined: a retry);
   * returns the group's events, the new one included.
   */
  add(correlation: string, group: string, event: WindowEvent): Promise<WindowEvent[] | undefined>;
  /** Marks events used (an alert counted them) and forgets others (out of every window). */
  update(correlation: string, group: string, used: string[], drop: string[]): Promise<void>;
}

/** Events kept per group: past it the oldest are forgotten (an attack or a runaway rule). */
export const MAX_EVENTS_PER_GROUP = 10_000;

/** Windows in memory, for `test` and the backtest: one run, one state. */
export function memoryWindowState(): WindowState {
  const groups = new Map<string, Map<string, WindowEvent>>();
  const keyOf = (c: string, g: string) => `${c}\n${g}`;
  return {
    async add(c, g, event) {
      const k = keyOf(c, g);
      let events = groups.get(k);
      if (!events) groups.set(k, (events = new Map()));
      if (events.has(event.id)) return undefined;
      events.set(event.id, { ...event });
      if (events.size > MAX_EVENTS_PER_GROUP) {
        const oldest = [...events.values()].sort((a, b) => a.t - b.t)[0]!;
        events.delete(oldest.id);
      }
      return [...events.values()].map((e) => ({ ...e }));
    },
    async update(c, g, used, drop) {
      const events = groups.get(keyOf(c, g));
      if (!events) return;
      for (const id of used) {
        const e = events.get(id);
        if (e) e.used = true;
      }
      for (const id of drop) events.delete(id);
    },
  };
}

/**
 * Record fields read as the event time, first found first: CloudTrail, ECS/Elastic, most
 * JSON logs, Okta, GitHub, Google Workspace, GCP audit.
 */
export const EVENT_TIME_FIELDS = [
  'eventTime',
  '@timestamp',
  'timestamp',
  'time',
  'published',
  'created_at',
  'id.time',
  'receiveTimestamp',
] as const;

/** 2000-01-01 and 2100-01-01: a number outside is not a time. */
const TIME_MIN = 946_684_800_000;
const TIME_MAX = 4_102_444_800_000;

/** A value as ms since the epoch: an ISO date text, or a number of seconds or milliseconds. */
export function timeOf(v: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v < 1e11 ? v * 1000 : v;
  else if (typeof v === 'string' && v.length <= 64) {
    ms = /^\d+(\.\d+)?$/.test(v) ? timeOf(Number(v)) : Date.parse(v);
  }
  return ms !== undefined && ms >= TIME_MIN && ms <= TIME_MAX ? ms : undefined;
}

/** The record's event time, or undefined when none of EVENT_TIME_FIELDS reads as one. */
export function eventTimeOf(record: unknown): number | undefined {
  for (const f of EVENT_TIME_FIELDS) {
    const found = valuesAt(record, f);
    for (const v of found.values) {
      const t = timeOf(v);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

/** A match of a referenced rule, as the caller sees it. */
export interface CorrelationInput {
  rule: string;
  record: Record<string, unknown>;
  /** Stable across retries; with the rule name it identifies the event. */
  id: string;
  /** When it arrived (ms): the fallback for a record with no event time. */
  arrival: number;
  /** A time given outright (a fixture's `time`): wins over the record's. */
  time?: number;
}

/** A correlation that fired. */
export interface CorrelationMatch {
  correlation: CompiledCorrelation;
  /** group-by field (or alias) → value. */
  group: Record<string, unknown>;
  /** What the condition counted: events, distinct values, or distinct rules. */
  count: number;
  /** The referenced rules whose events are in the window, in the correlation's order. */
  rules: string[];
  /** First and last event time in the window (ms). */
  first: number;
  last: number;
  /** Events in the window. */
  events: number;
  /** value_count: the distinct values counted (at most 100). */
  values?: string[];
}

/** A scalar as group and value text; objects and lists as JSON. */
const textOf = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The first value at `path` (a group value), or undefined when the record has none. */
function firstValue(record: unknown, path: string): unknown {
  const found = valuesAt(record, path);
  return found.values.find((v) => v !== null && v !== undefined);
}

export interface Correlator {
  /** Rules some correlation references. */
  readonly referenced: ReadonlySet<string>;
  /** True when the rule's own alerts are not sent: every correlation naming it has generate false. */
  suppressed(rule: string): boolean;
  /** Counts one match of a referenced rule; returns the correlations it made fire. */
  observe(input: CorrelationInput): Promise<CorrelationMatch[]>;
}

export function createCorrelator(
  correlations: readonly CompiledCorrelation[],
  state: WindowState,
): Correlator {
  const byRule = new Map<string, CompiledCorrelation[]>();
  const generated = new Set<string>();
  for (const c of correlations)
    for (const r of c.rules) {
      byRule.set(r, [...(byRule.get(r) ?? []), c]);
      if (c.generate) generated.add(r);
    }
  const fieldFor = (c: CompiledCorrelation, rule: string, name: string) =>
    c.aliases?.[name]?.[rule] ?? name;

  async function observeOne(
    c: CompiledCorrelation,
    input: CorrelationInput,
    t: number,
  ): Promise<CorrelationMatch | undefined> {
    const group: Record<string, unknown> = {};
    for (const g of c.group_by) {
      const v = firstValue(input.record, fieldFor(c, input.rule, g));
      if (v === undefined) return undefined;
      group[g] = v;
    }
    let v: string | undefined;
    if (c.type === 'value_count') {
      const raw = firstValue(input.record, fieldFor(c, input.rule, c.field!));
      if (raw === undefined) return undefined;
      v = textOf(raw);
    }
    const key = JSON.stringify(c.group_by.map((g) => group[g]));
    const event: WindowEvent = {
      id: `${input.rule}\n${input.id}`,
      rule: input.rule,
      t,
      ...(v !== undefined ? { v } : {}),
    };
    const events = await state.add(c.name, key, event);
    if (!events) return undefined;
    const span = c.timespan_s * 1000;
    const newest = Math.max(...events.map((e) => e.t));
    // Out of every window of the newest event: forgotten (the used ones too, past a retry's reach).
    const drop = events.filter((e) => e.t < newest - span).map((e) => e.id);
    if (t < newest - span) {
      await state.update(c.name, key, [], drop);
      return undefined;
    }
    const live = events.filter((e) => !e.used && e.t >= newest - span).sort(byTime);
    const found = findWindow(c, live, t, span);
    if (!found && drop.length === 0) return undefined;
    await state.update(c.name, key, found ? found.window.map((e) => e.id) : [], drop);
    if (!found) return undefined;
    const rules = c.rules.filter((r) => found.window.some((e) => e.rule === r));
    const values =
      c.type === 'value_count' ? [...new Set(found.window.map((e) => e.v!))].sort() : undefined;
    return {
      correlation: c,
      group,
      count: found.count,
      rules,
      first: found.window[0]!.t,
      last: found.window[found.window.length - 1]!.t,
      events: found.window.length,
      ...(values ? { values: values.slice(0, 100) } : {}),
    };
  }

  return {
    referenced: new Set(byRule.keys()),
    suppressed: (rule) => byRule.has(rule) && !generated.has(rule),
    async observe(input) {
      const list = byRule.get(input.rule);
      if (!list) return [];
      const t = input.time ?? eventTimeOf(input.record) ?? input.arrival;
      const out: CorrelationMatch[] = [];
      for (const c of list) {
        const m = await observeOne(c, input, t);
        if (m) out.push(m);
      }
      return out;
    },
  };
}

const byTime = (a: WindowEvent, b: WindowEvent) => a.t - b.t || (a.id < b.id ? -1 : 1);

/**
 * The first window (of length `span`, starting at an event) that holds time `t` and
 * satisfies the condition: its events and count. `events` sorted by time.
 */
function findWindow(
  c: CompiledCorrelation,
  events: readonly WindowEvent[],
  t: number,
  span: number,
): { window: WindowEvent[]; count: number } | undefined {
  if (c.type === 'temporal_ordered') return orderedWindow(c.rules, events, t, span);
  // Two pointers: [i, j) is the window starting at events[i]; `seen` counts its keys.
  const keyOf = (e: WindowEvent) =>
    c.type === 'value_count' ? e.v! : c.type === 'temporal' ? e.rule : e.id;
  const seen = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < events.length; i++) {
    const start = events[i]!.t;
    if (start > t) break;
    while (j < events.length && events[j]!.t <= start + span) {
      const k = keyOf(events[j]!);
      seen.set(k, (seen.get(k) ?? 0) + 1);
      j++;
    }
    if (start >= t - span && conditionHolds(c.condition, seen.size))
      return { window: events.slice(i, j), count: seen.size };
    const k = keyOf(events[i]!);
    const n = seen.get(k)! - 1;
    if (n === 0) seen.delete(k);
    else seen.set(k, n);
  }
  return undefined;
}

/** temporal_ordered: events of rules[0], rules[1], ... in that order of time, all within `span`, holding `t`. */
function orderedWindow(
  rules: readonly string[],
  events: readonly WindowEvent[],
  t: number,
  span: number,
): { window: WindowEvent[]; count: number } | undefined {
  for (let i = 0; i < events.length; i++) {
    const first = events[i]!;
    if (first.rule !== rules[0] || first.t < t - span) continue;
    if (first.t > t) break;
    const chain = [first];
    let k = i + 1;
    for (let r = 1; r < rules.length; r++) {
      while (k < events.length && events[k]!.rule !== rules[r]) k++;
      if (k >= events.length || events[k]!.t > first.t + span) break;
      chain.push(events[k]!);
      k++;
    }
    if (chain.length === rules.length && chain[chain.length - 1]!.t >= t)
      return { window: chain, count: rules.length };
  }
  return undefined;
}
