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
 * - A group's live events are those no alert has used yet; an event older than `timespan`
 *   before the group's newest live event is too late: not counted, and forgotten.
 * - When a window satisfies the condition, one alert; its events are then used up, so a
 *   burst past the threshold alerts once, and the next alert needs a fresh set.
 * - An event id seen before (a retried batch) is counted once. Its retry is still judged:
 *   an event counted but in no alert is checked again (the invocation may have stopped
 *   before it was), and an event that fired an alert not yet marked sent fires the same
 *   alert again (its publish failed, or the invocation stopped before it was marked).
 */
import { createHash } from 'node:crypto';
import type { Alert } from '../shared/alert.js';
import { valuesAt } from './match.js';
import { conditionHolds, type CompiledCorrelation } from './correlation.js';

/** One live event of a group (a match of a referenced rule no alert has used yet). */
export interface WindowEvent {
  /** Unique per match and stable across retries: a hash of the rule and the record's origin. */
  id: string;
  rule: string;
  /** Event time, ms since the epoch. */
  t: number;
  /** value_count: the counted field's value as text. */
  v?: string;
}

/** A correlation's firing as the window state keeps it, on the event that completed it. */
export interface FiredWindow {
  match: Omit<CorrelationMatch, 'correlation' | 'sent'>;
  /** The ids of the window's events (marked used). */
  window: string[];
}

/** Where an absence alert comes from: the match that started the wait (a subset of its alert). */
export interface AbsenceSource {
  rule: string;
  log_source: string;
  log_type: string;
  source_service: Alert['source_service'];
  source_entity: string;
  record: Record<string, unknown>;
}

/**
 * An absence correlation's group (our extension): at most one open wait, the newest expected
 * event, and whether the wait's alert went out. One small record per group, rewritten whole:
 * the stream keeps it as one item written on condition of its version.
 */
export interface AbsenceGroup {
  /** The wait: started at `start` (ms, the starting event's time), due at `due`. */
  start?: number;
  due?: number;
  /** The wait reached its deadline and alerted (when, ms): it is no longer open. */
  fired?: number;
  /** That alert was delivered. */
  sent?: true;
  /** The newest expected event's time (ms). */
  latest?: number;
  /** The wait's group values and starting match, for its alert. */
  group?: Record<string, unknown>;
  source?: AbsenceSource;
}

/** An absence group as read, with the version a write must still find. */
export interface VersionedAbsence {
  value: AbsenceGroup;
  /** 0: the group has no record yet. */
  version: number;
}

/** An alert fired and not marked sent after this long (ms) is sent again (same alert id). */
export const RESEND_AFTER_MS = 5 * 60_000;

/**
 * When a group must next be looked at (ms): an open wait's deadline, or, once it fired and
 * until its alert is marked sent, the time to send that alert again. Undefined: never.
 */
export function nextLook(a: AbsenceGroup): number | undefined {
  if (a.due === undefined) return undefined;
  if (a.fired === undefined) return a.due;
  return a.sent ? undefined : a.fired + RESEND_AFTER_MS;
}

/** A wait past its deadline (or its alert due to be sent again), as the state lists it. */
export interface DueWait extends VersionedAbsence {
  correlation: string;
  group: string;
}

/** What the state knew of an event id it already had (a retried batch). */
export interface SeenEvent {
  /** An alert used it, or it came too late. */
  used: boolean;
  /** It completed a window: what fired. */
  fired?: FiredWindow;
  /** The alert it fired was sent. */
  sent?: boolean;
}

export interface Added {
  /**
   * The group's live events with a time at or after the new event's minus `span`, the new
   * one included (unless it is used), at most MAX_EVENTS_PER_GROUP (the newest).
   */
  events: WindowEvent[];
  /** Set when the event's id was there already: nothing was added. */
  seen?: SeenEvent;
}

/**
 * Where windows live. Keys: the correlation's name and the group's key. Implementations:
 * memoryWindowState (offline runs); the correlation table in the stream (window-table.ts).
 */
export interface WindowState {
  /** Adds `event` to the group unless its id is there; `span` is the timespan in ms. */
  add(correlation: string, group: string, event: WindowEvent, span: number): Promise<Added>;
  /**
   * A window fired: the trigger event records it first, then the window's events are
   * marked used. Repeating it (a retry) changes nothing more.
   */
  fire(correlation: string, group: string, trigger: string, fired: FiredWindow): Promise<void>;
  /** The events are out of every window (too late): no longer live. */
  drop(correlation: string, group: string, ids: readonly string[]): Promise<void>;
  /** The alert `trigger` fired was sent: a retry does not send it again. */
  sent(correlation: string, group: string, trigger: string): Promise<void>;
  /** An absence correlation's group, version 0 when it has none. */
  absence(correlation: string, group: string): Promise<VersionedAbsence>;
  /**
   * Writes an absence group if its version is still `version` (the written one is
   * version + 1); false when another write came first (read again and retry).
   */
  setAbsence(
    correlation: string,
    group: string,
    value: AbsenceGroup,
    version: number,
  ): Promise<boolean>;
  /** Groups whose nextLook is before `now` (ms), soonest first, at most `limit`. */
  dueWaits(now: number, limit: number): Promise<DueWait[]>;
}

/** Live events read back per group: past it the oldest are left out (an attack or a runaway rule). */
export const MAX_EVENTS_PER_GROUP = 10_000;

/** The id of an event: short (the table keeps one per item, and a fired window lists them). */
export function eventId(rule: string, origin: string): string {
  return createHash('sha256').update(`${rule}\n${origin}`).digest('base64url').slice(0, 16);
}

interface MemoryEvent extends WindowEvent {
  used?: true;
  fired?: FiredWindow;
  sent?: true;
}

const byTime = (a: WindowEvent, b: WindowEvent) => a.t - b.t || (a.id < b.id ? -1 : 1);

/** The first index of `live` (sorted by time) whose event is not before `e` in byTime order. */
function lowerBound(live: readonly WindowEvent[], e: WindowEvent): number {
  let lo = 0;
  let hi = live.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byTime(live[mid]!, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Windows in memory, for `test` and the backtest: one run, one state. Each group keeps its
 * live events sorted by time, so an event costs a binary search and its window's slice,
 * not a copy and sort of the whole group.
 */
export function memoryWindowState(): WindowState {
  const groups = new Map<string, { all: Map<string, MemoryEvent>; live: MemoryEvent[] }>();
  const groupOf = (c: string, g: string) => {
    const k = `${c}\n${g}`;
    let group = groups.get(k);
    if (!group) groups.set(k, (group = { all: new Map(), live: [] }));
    return group;
  };
  const unlive = (live: MemoryEvent[], e: MemoryEvent) => {
    const i = lowerBound(live, e);
    if (live[i] === e) live.splice(i, 1);
  };
  const windowOf = (live: readonly MemoryEvent[], t: number, span: number): WindowEvent[] =>
    live.slice(lowerBound(live, { id: '', rule: '', t: t - span }));
  const absences = new Map<string, DueWait>();
  return {
    async absence(c, g) {
      const a = absences.get(`${c}\n${g}`);
      return a ? { value: a.value, version: a.version } : { value: {}, version: 0 };
    },
    async setAbsence(c, g, value, version) {
      const k = `${c}\n${g}`;
      if ((absences.get(k)?.version ?? 0) !== version) return false;
      absences.set(k, { correlation: c, group: g, value, version: version + 1 });
      return true;
    },
    async dueWaits(now, limit) {
      return [...absences.values()]
        .filter((a) => (nextLook(a.value) ?? Infinity) < now)
        .sort((a, b) => nextLook(a.value)! - nextLook(b.value)!)
        .slice(0, limit);
    },
    async add(c, g, event, span) {
      const group = groupOf(c, g);
      const had = group.all.get(event.id);
      if (had)
        return {
          events: windowOf(group.live, had.t, span),
          seen: {
            used: had.used === true,
            ...(had.fired ? { fired: had.fired } : {}),
            ...(had.sent ? { sent: had.sent } : {}),
          },
        };
      const e: MemoryEvent = { ...event };
      group.all.set(e.id, e);
      group.live.splice(lowerBound(group.live, e), 0, e);
      if (group.live.length > MAX_EVENTS_PER_GROUP) {
        const oldest = group.live.shift()!;
        group.all.delete(oldest.id);
      }
      return { events: windowOf(group.live, e.t, span) };
    },
    async fire(c, g, trigger, fired) {
      const group = groupOf(c, g);
      const t = group.all.get(trigger);
      if (t) t.fired = fired;
      for (const id of fired.window) {
        const e = group.all.get(id);
        if (e && !e.used) {
          e.used = true;
          unlive(group.live, e);
        }
      }
    },
    async drop(c, g, ids) {
      const group = groupOf(c, g);
      for (const id of ids) {
        const e = group.all.get(id);
        if (e && !e.used) {
          e.used = true;
          unlive(group.live, e);
        }
      }
    },
    async sent(c, g, trigger) {
      const e = groupOf(c, g).all.get(trigger);
      if (e) e.sent = true;
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
  /** The match's alert: an absence wait it starts alerts from it. */
  source?: Omit<AbsenceSource, 'rule'>;
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
  /** absence: the wait's deadline (ms) and the match that started it (`first` is its time). */
  absence?: { due: number; source: AbsenceSource };
  /**
   * To call once its alert is delivered: until then a retry of the event that completed
   * the window sends the same alert again.
   */
  sent?: () => Promise<void>;
}

/** A scalar as group and value text; objects and lists as JSON. */
const textOf = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Counted values past this length are counted by their hash (the state keeps one per event). */
const MAX_VALUE_CHARS = 256;
const boundedText = (v: string): string =>
  v.length <= MAX_VALUE_CHARS ? v : `sha256:${createHash('sha256').update(v).digest('base64url')}`;

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
  /**
   * Absence correlations whose wait's deadline is before `now` (ms): each fires once (the
   * state's write on its version decides who fires it), and fires again, the same alert,
   * when it was not marked sent within RESEND_AFTER_MS (its delivery failed, or the caller
   * stopped). Empty when there are none.
   */
  due(now: number): Promise<CorrelationMatch[]>;
  /** The newest event time observed (ms), or undefined: an offline run's clock. */
  readonly latest: number | undefined;
}

/** Waits fired per call of `due`: the rest are due at the next call. */
export const MAX_DUE_PER_CALL = 500;

/**
 * An absence group after one match, or undefined when it does not change. `expected`: the
 * match is of one of `rules` (else of `after`). Without `after` an expected event both ends
 * the open wait and starts the next (the group is seen: the silence starts again).
 */
export function absenceStep(
  c: CompiledCorrelation,
  prev: AbsenceGroup,
  e: {
    expected: boolean;
    t: number;
    group: Record<string, unknown>;
    source: AbsenceSource;
  },
): AbsenceGroup | undefined {
  const span = c.timespan_s * 1000;
  const open = prev.due !== undefined && prev.fired === undefined;
  const latest = e.expected ? Math.max(prev.latest ?? e.t, e.t) : prev.latest;
  const wait = (): AbsenceGroup => ({
    start: e.t,
    due: e.t + span,
    ...(latest !== undefined ? { latest } : {}),
    group: e.group,
    source: e.source,
  });
  const keep = (): AbsenceGroup | undefined =>
    latest === prev.latest ? undefined : { ...prev, ...(latest !== undefined ? { latest } : {}) };
  // A wait that already alerted holds every event up to its deadline: a late one changes nothing.
  const inFired = prev.fired !== undefined && e.t <= prev.due!;
  if (!c.after) {
    if (open) {
      // Older than the wait's start: nothing new. Past its deadline: the silence was real
      // (the next check fires it), so this event does not hide it.
      if (e.t <= prev.start! || e.t > prev.due!) return keep();
      return wait();
    }
    if (inFired || (prev.latest !== undefined && e.t < prev.latest)) return keep();
    return wait();
  }
  if (e.expected) {
    if (open && prev.start! <= e.t && e.t <= prev.due!) {
      // The wait ends: only what outlives it is kept.
      return { latest: latest! };
    }
    return keep();
  }
  if (open) {
    // Joins the open wait; an earlier start moves it back unless an expected event answers it.
    const answered = prev.latest !== undefined && prev.latest >= e.t;
    return e.t < prev.start! && !answered ? wait() : undefined;
  }
  if (inFired) return undefined;
  if (prev.latest !== undefined && e.t <= prev.latest && prev.latest <= e.t + span)
    return undefined;
  return wait();
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
  const byName = new Map(correlations.map((c) => [c.name, c]));
  for (const c of correlations)
    for (const r of c.after ?? []) {
      byRule.set(r, [...(byRule.get(r) ?? []), c]);
      if (c.generate) generated.add(r);
    }
  let latest: number | undefined;

  /** The group-by values of a match, or undefined when one is missing. */
  function groupOf(c: CompiledCorrelation, input: CorrelationInput) {
    const group: Record<string, unknown> = {};
    for (const g of c.group_by) {
      const v = firstValue(input.record, fieldFor(c, input.rule, g));
      if (v === undefined) return undefined;
      group[g] = v;
    }
    return { group, key: JSON.stringify(c.group_by.map((g) => group[g])) };
  }

  /** Absence: the match moves its group's wait; it never fires one (due() does). */
  async function observeAbsence(c: CompiledCorrelation, input: CorrelationInput, t: number) {
    const g = groupOf(c, input);
    if (!g || !input.source) return;
    // The state keeps the group's key as text (its wait is listed by it): a long one by its hash.
    const key = boundedText(g.key);
    const source: AbsenceSource = { rule: input.rule, ...input.source };
    // Optimistic: another invocation may write the group between the read and the write.
    for (let attempt = 0; attempt < 10; attempt++) {
      const { value, version } = await state.absence(c.name, key);
      const next = absenceStep(c, value, {
        expected: c.rules.includes(input.rule),
        t,
        group: g.group,
        source,
      });
      if (!next || (await state.setAbsence(c.name, key, next, version))) return;
    }
    throw new Error(`absence correlation ${c.name}: its group kept changing under ten writes`);
  }

  async function observeOne(
    c: CompiledCorrelation,
    input: CorrelationInput,
    t: number,
  ): Promise<CorrelationMatch | undefined> {
    if (c.type === 'absence') {
      await observeAbsence(c, input, t);
      return undefined;
    }
    const g = groupOf(c, input);
    if (!g) return undefined;
    const { group, key } = g;
    let v: string | undefined;
    if (c.type === 'value_count') {
      const raw = firstValue(input.record, fieldFor(c, input.rule, c.field!));
      if (raw === undefined) return undefined;
      v = boundedText(textOf(raw));
    }
    const event: WindowEvent = {
      id: eventId(input.rule, input.id),
      rule: input.rule,
      t,
      ...(v !== undefined ? { v } : {}),
    };
    const span = c.timespan_s * 1000;
    const sent = () => state.sent(c.name, key, event.id);
    const { events, seen } = await state.add(c.name, key, event, span);
    if (seen?.fired) {
      // Fired before: once sent, nothing more. Not known to be sent: the same alert again,
      // and the used-marking finished in case the invocation stopped half-way through it.
      if (seen.sent) return undefined;
      await state.fire(c.name, key, event.id, seen.fired);
      return { correlation: c, ...seen.fired.match, sent };
    }
    if (seen?.used) return undefined;
    const me = events.find((e) => e.id === event.id);
    if (!me) return undefined;
    const newest = Math.max(...events.map((e) => e.t));
    // Older than every window of the newest live event: too late, forgotten.
    if (me.t < newest - span) {
      await state.drop(c.name, key, [me.id]);
      return undefined;
    }
    const live = events.filter((e) => e.t >= newest - span).sort(byTime);
    const found = findWindow(c, live, me.t, span);
    if (!found) return undefined;
    const rules = c.rules.filter((r) => found.window.some((e) => e.rule === r));
    const values =
      c.type === 'value_count' ? [...new Set(found.window.map((e) => e.v!))].sort() : undefined;
    const match: FiredWindow['match'] = {
      group,
      count: found.count,
      rules,
      first: found.window[0]!.t,
      last: found.window[found.window.length - 1]!.t,
      events: found.window.length,
      ...(values ? { values: values.slice(0, 100) } : {}),
    };
    await state.fire(c.name, key, event.id, { match, window: found.window.map((e) => e.id) });
    return { correlation: c, ...match, sent };
  }

  return {
    referenced: new Set(byRule.keys()),
    suppressed: (rule) => byRule.has(rule) && !generated.has(rule),
    async observe(input) {
      const list = byRule.get(input.rule);
      if (!list) return [];
      const t = input.time ?? eventTimeOf(input.record) ?? input.arrival;
      latest = Math.max(latest ?? t, t);
      const out: CorrelationMatch[] = [];
      for (const c of list) {
        const m = await observeOne(c, input, t);
        if (m) out.push(m);
      }
      return out;
    },
    get latest() {
      return latest;
    },
    async due(now) {
      if (!correlations.some((c) => c.type === 'absence')) return [];
      const out: CorrelationMatch[] = [];
      for (const w of await state.dueWaits(now, MAX_DUE_PER_CALL)) {
        const c = byName.get(w.correlation);
        const { start, due, group, source } = w.value;
        if (!c || start === undefined || due === undefined || !source) continue;
        // The write on the version read is the claim: one caller fires the wait (or resends).
        if (!(await state.setAbsence(c.name, w.group, { ...w.value, fired: now }, w.version)))
          continue;
        out.push({
          correlation: c,
          group: group ?? {},
          count: 0,
          rules: [source.rule],
          first: start,
          last: start,
          events: 1,
          absence: { due, source },
          sent: async () => {
            const read = await state.absence(c.name, w.group);
            const v = read.value;
            if (v.fired !== undefined && v.start === start && !v.sent)
              await state.setAbsence(c.name, w.group, { ...v, sent: true }, read.version);
          },
        });
      }
      return out;
    },
  };
}

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
