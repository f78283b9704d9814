/**
 * What a rule author imports: `import { rule } from 'streamalert-action/rules'`.
 *
 * This module has no imports on purpose: the build copies it into each rule processor
 * zip as node_modules/streamalert-action/rules.mjs, and `test` next to the transpiled
 * rules, so the specifier resolves the same way in Lambda and locally. Rules are tagged
 * with a global symbol rather than by class identity, because the copy a rule file sees
 * is not the module instance the processor runs.
 */

/** A classified record: the log's schema fields, typed by the schema (string, number, boolean, object, array). */
export type LogRecord = Record<string, unknown>;

/** A reusable predicate; every matcher of a rule must return true before the rule runs. */
export type Matcher<R = LogRecord> = (record: R) => boolean;

export interface RuleOptions<R = LogRecord> {
  /** Unique rule name; alerts and fixtures refer to it. */
  name: string;
  /** Shown in alerts (StreamAlert used the docstring). */
  description?: string;
  /**
   * Full log names from conf/logs.json (e.g. "cloudtrail:events"): the rule runs only on
   * these. May be left out when `datatypes` is given: the rule then runs on every log.
   */
  logs?: readonly string[];
  /**
   * Normalized types from conf/types.json (e.g. "sourceAddress"), as StreamAlert 1.5's
   * `datatypes`: before the rule runs, the record's fields holding each type are found,
   * and `fetchValuesByDatatype(record, type)` returns their values. When the record's log
   * category does not define every listed type, the rule still runs and finds nothing.
   */
  datatypes?: readonly string[];
  /** "service:descriptor" entries of conf/outputs.json (e.g. "slack:security"). */
  outputs: readonly string[];
  /**
   * StreamAlert's dynamic_outputs: functions of the record that add outputs to an alert
   * ("service:descriptor", a list of them, or nothing), e.g. the on-call channel of the
   * account the record came from. Give each one with `dynamicOutput([...], fn)` to declare
   * what it may return: `build` then checks those against conf/outputs.json. At run time an
   * output that is not in conf/outputs.json (or not declared) is logged and left out, and a
   * function that throws adds nothing: the alert still goes to the rule's `outputs`.
   */
  dynamic_outputs?: readonly DynamicOutput<R>[];
  /**
   * StreamAlert's rule `context`: extra settings for the outputs, keyed by output service
   * (e.g. `{ carbonblack: { action: 'ban' } }`, `{ 'pagerduty-incident': { assigned_user:
   * 'oncall@example.com' } }`). Must be plain JSON. As in StreamAlert, `rule` gets a fresh
   * copy of it for each record as its second argument and may fill it in (e.g.
   * `context.carbonblack.value = record.md5`); the alert carries the copy as `context`.
   * Rules without it send alerts without it.
   */
  context?: Readonly<Record<string, unknown>>;
  /**
   * StreamAlert's alert merging: matches of this rule whose values at these dotted paths
   * into the record (e.g. "userIdentity.arn") are equal, within `merge_window_mins` of the
   * first one, become ONE alert listing the count, first/last seen, the fields they share
   * and the values that differ. Needs `merge_window_mins`.
   */
  merge_by_keys?: readonly string[];
  /**
   * Turns merging on: the window (minutes, from the first match of a key) whose matches
   * become one alert, sent when the window closes. Without `merge_by_keys` every match of
   * the rule in the window is merged.
   */
  merge_window_mins?: number;
  /**
   * Alert only when at least this many matches share the merge keys within the window
   * (default 1: every window with a match sends its merged alert). Needs `merge_window_mins`.
   */
  threshold?: number;
  /**
   * Staging (StreamAlert v2's `staged`): a staged rule's alerts go only to the staging
   * destination (S3 under `staging/<rule>/` in the cluster's Firehose data bucket, and the
   * per-rule CloudWatch metric StagedAlerts), never to its `outputs`. `command: promote`
   * opens a pull request that removes `staged: true` from the rules that stayed quiet.
   * Write it as `staged: true` in the rule's options so that edit can find it.
   */
  staged?: boolean;
  /**
   * How serious an alert of this rule is (Sigma's `level`): informational, low, medium,
   * high or critical. The alert carries it as `severity`.
   */
  severity?: Severity;
  /** A stable identifier of the rule (Sigma's `id`, a UUID); the alert carries it as `rule_id`. */
  id?: string;
  /** Tags (Sigma's, e.g. "attack.t1078"); the alert carries them as `rule_tags`. */
  tags?: readonly string[];
  /** Links about the detection; the alert carries them as `rule_references`. */
  references?: readonly string[];
  /** Predicates that must all hold before `rule` is called; a matcher that throws counts as false. */
  matchers?: readonly Matcher<R>[];
  /**
   * Required subkeys of JSON records: `{ detail: ['userIdentity'] }` skips records whose
   * `detail` lacks `userIdentity`, so a rule over a loose `{}` schema never reads undefined.
   */
  req_subkeys?: Readonly<Record<string, readonly string[]>>;
  /**
   * The detection: true raises an alert. A rule that throws is logged and counts as false.
   * `context`: this record's copy of the rule's `context` (undefined without one).
   */
  // The context is the author's own JSON: `any` lets a rule write `context.carbonblack.value = ...`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rule: (record: R, context?: Record<string, any>) => boolean;
}

/** Sigma's levels, least to most serious. */
export const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a dynamic output function may return. */
export type DynamicOutputResult = string | readonly string[] | null | undefined;

/** A dynamic output function; `outputs` lists what it may return when declared with `dynamicOutput`. */
export interface DynamicOutput<R = LogRecord> {
  (record: R): DynamicOutputResult;
  readonly outputs?: readonly string[];
}

/**
 * Declares a dynamic output function together with every output it may return, so the
 * build can check them against conf/outputs.json before anything is deployed.
 */
export function dynamicOutput<R = LogRecord>(
  outputs: readonly string[],
  fn: (record: R) => DynamicOutputResult,
): DynamicOutput<R> {
  const wrapped = ((record: R) => fn(record)) as DynamicOutput<R>;
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  Object.defineProperty(wrapped, 'outputs', { value: Object.freeze([...outputs]) });
  return wrapped;
}

export const RULE_TAG: unique symbol = Symbol.for('streamalert-action.rule') as never;

export type Rule<R = LogRecord> = Readonly<RuleOptions<R>> & { readonly [RULE_TAG]: true };

/** Declares a rule. Export it (default or named; an array of rules works too) from a file in rules/. */
export function rule<R = LogRecord>(options: RuleOptions<R>): Rule<R> {
  return Object.freeze({ ...options, [RULE_TAG]: true as const });
}

/** Names a matcher so logs can say which one failed. */
export function matcher<R = LogRecord>(name: string, test: (record: R) => boolean): Matcher<R> {
  Object.defineProperty(test, 'name', { value: name });
  return test;
}

export function isRule(value: unknown): value is Rule<LogRecord> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[Symbol.for('streamalert-action.rule')] === true
  );
}

/** Where the rules engine puts a record's normalized types: a symbol, so alerts never carry it. */
const NORMALIZED = Symbol.for('streamalert-action.normalized-types');

/** Normalized type → the key paths of the record's fields that hold it. */
export type NormalizedTypes = Readonly<Record<string, readonly (readonly string[])[]>>;

/** The normalized types found for the running rule (empty for a rule without `datatypes`). */
export function normalizedTypes(record: LogRecord): NormalizedTypes {
  return ((record as Record<symbol, unknown>)[NORMALIZED] as NormalizedTypes | undefined) ?? {};
}

/** The values of the record's fields that hold `datatype` (StreamAlert's fetch_values_by_datatype). */
export function fetchValuesByDatatype(record: LogRecord, datatype: string): unknown[] {
  const values: unknown[] = [];
  for (const path of normalizedTypes(record)[datatype] ?? []) {
    let v: unknown = record;
    for (const key of path)
      v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    if (v !== undefined) values.push(v);
  }
  return values;
}

/** Where the rule processor puts the lookup tables (src/processors/lookup-tables/provider.ts). */
const LOOKUPS = Symbol.for('streamalert-action.lookup-tables');

interface LookupProvider {
  lookup(table: string, key: string): { found: boolean; value?: unknown };
}

/**
 * The row of `key` in lookup table `table` (conf/lookup_tables.json; StreamAlert 3's
 * `LookupTables.get(table, key, default)`), or `fallback` when the table has no such key,
 * is not configured, or is switched off. Tables are held in memory: no network call. A
 * number key is looked up as its text. Rows are read-only. The rows a rule read (found or
 * not) travel in its alert, as `context.lookup_tables`.
 */
export function lookup<T = unknown>(table: string, key: unknown, fallback?: T): unknown {
  const provider = (globalThis as Record<symbol, unknown>)[LOOKUPS] as LookupProvider | undefined;
  if (!provider || (typeof key !== 'string' && typeof key !== 'number')) return fallback;
  const result = provider.lookup(table, String(key));
  return result.found ? result.value : fallback;
}

/** A compiled shell-style pattern: plain text compares with ===, a wildcard one is a RegExp. */
type Glob = string | RegExp;

function compileGlob(glob: string): Glob {
  if (!/[*?]/.test(glob)) return glob;
  let re = '';
  for (const c of glob)
    re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 's');
}

// Rules pass their pattern lists as literals, so the same few strings come back on every
// record: compile each once. Bounded, so patterns built from records cannot grow it.
const globs = new Map<string, Glob>();

function globOf(pattern: string): Glob {
  let glob = globs.get(pattern);
  if (glob === undefined) {
    glob = compileGlob(pattern);
    if (globs.size >= 1000) globs.clear();
    globs.set(pattern, glob);
  }
  return glob;
}

/** True when `value` matches any of the shell-style patterns (`*`, `?`), as StreamAlert's in_set. */
export function inSet(value: unknown, patterns: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  for (const p of patterns) {
    const glob = globOf(p);
    if (typeof glob === 'string' ? glob === value : glob.test(value)) return true;
  }
  return false;
}

/** The address as a number, or undefined: four dot-separated groups of 1 to 3 digits, each at most 255. */
function ipv4ToInt(ip: string): number | undefined {
  let n = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++dots > 3) return undefined;
      n = n * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || part > 255) return undefined;
  return n * 256 + part;
}

/** True when `ip` is a valid IPv4 address. */
export function validIp(ip: unknown): boolean {
  return typeof ip === 'string' && ipv4ToInt(ip) !== undefined;
}

/** CIDR blocks as [first, last] address pairs; an invalid block is left out (it never matched). */
type Ranges = readonly number[];

function compileCidrs(cidrs: readonly string[]): Ranges {
  const ranges: number[] = [];
  for (const cidr of cidrs) {
    const [base, bitsText] = cidr.split('/');
    const start = ipv4ToInt(base ?? '');
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    if (start === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) continue;
    const size = 2 ** (32 - bits);
    const first = Math.floor(start / size) * size;
    ranges.push(first, first + size - 1);
  }
  return ranges;
}

/**
 * Compiled CIDR lists. A rule usually writes its list as a literal inside the rule, so each
 * call brings a new array with the same strings: lists are found by content (bucketed by
 * their first block, compared element by element, no string built per call), with the last
 * list seen kept for the common case of one rule calling in a loop. Bounded, so a rule
 * building lists from records cannot grow it.
 */
interface CompiledList {
  readonly cidrs: readonly string[];
  readonly ranges: Ranges;
}
const byFirst = new Map<string, CompiledList[]>();
let cached = 0;
let last: CompiledList | undefined;

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function rangesOf(cidrs: readonly string[]): Ranges {
  if (last !== undefined && (last.cidrs === cidrs || sameList(last.cidrs, cidrs)))
    return last.ranges;
  const first = String(cidrs[0]);
  let bucket = byFirst.get(first);
  let found = bucket?.find((entry) => sameList(entry.cidrs, cidrs));
  if (found === undefined) {
    if (cached >= 1000) {
      byFirst.clear();
      cached = 0;
      bucket = undefined;
    }
    // A copy: the caller may change its array afterwards.
    found = { cidrs: [...cidrs], ranges: compileCidrs(cidrs) };
    if (bucket === undefined) byFirst.set(first, (bucket = []));
    bucket.push(found);
    cached++;
  }
  last = found;
  return found.ranges;
}

/** True when the IPv4 address `ip` lies in any of the CIDR blocks (each list is compiled once). */
export function inNetwork(ip: unknown, cidrs: readonly string[]): boolean {
  if (typeof ip !== 'string') return false;
  const addr = ipv4ToInt(ip);
  if (addr === undefined) return false;
  const ranges = rangesOf(cidrs);
  for (let i = 0; i < ranges.length; i += 2)
    if (addr >= ranges[i]! && addr <= ranges[i + 1]!) return true;
  return false;
}

/** True when a Unix time (seconds) lies within the last `hours` hours. */
export function lastHour(unixSeconds: unknown, hours = 1, now: number = Date.now()): boolean {
  const t = Number(unixSeconds);
  if (!Number.isFinite(t)) return false;
  const nowSeconds = now / 1000;
  return t <= nowSeconds && t >= nowSeconds - hours * 3600;
}

/*
 * StreamAlert's rule helpers (rules/helpers/base.py, streamalert/shared/utils.py), for
 * rules ported from Python and those `streamalert migrate` writes. Each behaves as its
 * Python namesake on JSON values.
 */

/** Python's fnmatch.fnmatch (POSIX, case-sensitive): `*`, `?` and `[seq]`/`[!seq]`. */
export function fnmatch(name: unknown, pattern: string): boolean {
  if (typeof name !== 'string') return false;
  if (!pattern.includes('[')) return inSet(name, [pattern]);
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        else if (set.startsWith('^')) set = `\\${set}`;
        re += `[${set}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's').test(name);
}

/** matches_any: the text matches any of the fnmatch patterns. */
export function matchesAny(text: unknown, patterns: Iterable<string>): boolean {
  for (const p of patterns) if (fnmatch(text, p)) return true;
  return false;
}

/** starts_with_any */
export function startsWithAny(text: unknown, prefixes: Iterable<string>): boolean {
  if (typeof text !== 'string') return false;
  for (const p of prefixes) if (text.startsWith(p)) return true;
  return false;
}

/** ends_with_any */
export function endsWithAny(text: unknown, suffixes: Iterable<string>): boolean {
  if (typeof text !== 'string') return false;
  for (const s of suffixes) if (text.endsWith(s)) return true;
  return false;
}

/** contains_any */
export function containsAny(text: unknown, substrings: Iterable<string>): boolean {
  if (typeof text !== 'string') return false;
  for (const s of substrings) if (text.includes(s)) return true;
  return false;
}

/** Every value below `data` (lists and maps walked), for the data_has_value helpers. */
function someLeaf(data: unknown, test: (leaf: unknown) => boolean, depth = 0): boolean {
  // Records are parsed JSON: no cycles, and the classifier bounds their depth.
  if (depth > 200) return false;
  if (Array.isArray(data)) return data.some((d) => someLeaf(d, test, depth + 1));
  if (typeof data === 'object' && data !== null)
    return Object.values(data).some((d) => someLeaf(d, test, depth + 1));
  return test(data);
}

/** data_has_value: some value below `data` equals `search`. */
export function dataHasValue(data: unknown, search: unknown): boolean {
  return someLeaf(data, (v) => v === search);
}

/** data_has_value_with_substring */
export function dataHasValueWithSubstring(data: unknown, search: string): boolean {
  return someLeaf(data, (v) => typeof v === 'string' && v.includes(search));
}

/** data_has_value_from_list: some value matches one of the fnmatch patterns. */
export function dataHasValueFromList(data: unknown, needles: Iterable<string>): boolean {
  return someLeaf(data, (v) => Boolean(v) && matchesAny(v, needles));
}

/** data_has_value_from_substring_list: some string value contains one of the substrings. */
export function dataHasValueFromSubstringList(data: unknown, needles: Iterable<string>): boolean {
  return someLeaf(data, (v) => Boolean(v) && containsAny(v, needles));
}

/** safe_json_loads: the parsed JSON text, or {} when it is not JSON. */
export function safeJsonLoads(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return {};
  }
}

/** get_keys: the values of every `key` below `data`, breadth first (StreamAlert's order). */
export function getKeys(data: unknown, key: string, maxMatches = -1): unknown[] {
  const queue: unknown[] = [data];
  const found: unknown[] = [];
  for (let i = 0; i < queue.length; i++) {
    const obj = queue[i];
    if (Array.isArray(obj)) {
      for (const v of obj) if (v && typeof v === 'object') queue.push(v);
    } else if (typeof obj === 'object' && obj !== null) {
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        found.push((obj as Record<string, unknown>)[key]);
        if (maxMatches > 0 && found.length === maxMatches) return found;
      }
      for (const v of Object.values(obj)) if (v && typeof v === 'object') queue.push(v);
    }
  }
  return found;
}

/** get_first_key: the first value of `key` below `data`, or `fallback`. */
export function getFirstKey(data: unknown, key: string, fallback: unknown = null): unknown {
  const found = getKeys(data, key, 1);
  return found.length > 0 ? found[0] : fallback;
}

/** A Python exception raised by the `py` helpers; `except KeyError:` catches type KeyError. */
export class PyError extends Error {
  constructor(
    readonly pyType: string,
    message: string,
  ) {
    super(`${pyType}: ${message}`);
    this.name = pyType;
  }
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set);

const typeName = (v: unknown): string =>
  v === null || v === undefined
    ? 'NoneType'
    : Array.isArray(v)
      ? 'list'
      : v instanceof Set
        ? 'set'
        : typeof v === 'object'
          ? 'dict'
          : typeof v === 'string'
            ? 'str'
            : typeof v === 'number'
              ? Number.isInteger(v)
                ? 'int'
                : 'float'
              : typeof v === 'boolean'
                ? 'bool'
                : typeof v;

function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined) return b === null || b === undefined;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => pyEq(v, b[i]));
  if (a instanceof Set && b instanceof Set)
    return a.size === b.size && [...a].every((v) => pyContains(b, v));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEq(a[k], b[k]))
    );
  }
  return false;
}

function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw new PyError('TypeError', "'in <string>' requires string as left operand");
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((v) => pyEq(v, item));
  if (container instanceof Set)
    return (
      container.has(item) || (typeof item === 'object' && [...container].some((v) => pyEq(v, item)))
    );
  if (isDict(container))
    return typeof item === 'string' && Object.prototype.hasOwnProperty.call(container, item);
  throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}

function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v) || typeof v === 'string') return v.length > 0;
  if (v instanceof Set) return v.size > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

function pyIter(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v instanceof Set) return [...v];
  if (isDict(v)) return Object.keys(v);
  throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}

function pyItem(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key !== 'number' || !Number.isInteger(key))
      throw new PyError('TypeError', `${typeName(obj)} indices must be integers`);
    const i = key < 0 ? obj.length + key : key;
    if (i < 0 || i >= obj.length)
      throw new PyError('IndexError', `${typeName(obj)} index out of range`);
    return obj[i];
  }
  if (isDict(obj)) {
    const k = String(key);
    if (!Object.prototype.hasOwnProperty.call(obj, k))
      throw new PyError('KeyError', JSON.stringify(k));
    return obj[k];
  }
  throw new PyError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

function str(v: unknown, method: string): string {
  if (typeof v !== 'string')
    throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${method}'`);
  return v;
}

function dict(v: unknown, method: string): Record<string, unknown> {
  if (!isDict(v))
    throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${method}'`);
  return v;
}

const strip = (s: string, chars: string | undefined, start: boolean, end: boolean): string => {
  const set = chars ?? ' \t\n\r\x0b\x0c';
  let a = 0;
  let b = s.length;
  if (start) while (a < b && set.includes(s[a]!)) a++;
  if (end) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
};

const affixes = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : [String(v)]);

/**
 * Python's semantics on JSON values, for rules translated from Python by `streamalert
 * migrate`: truthiness (an empty list or map is false), `in`, `==` on lists and maps,
 * `record['key']` raising KeyError when the key is missing (the rule then counts as false,
 * as in StreamAlert), `dict.get`, and the str methods raising on a value that is not a string.
 */
export const py = {
  truthy: pyTruthy,
  eq: pyEq,
  contains: pyContains,
  iter: pyIter,
  /**
   * `obj[k1][k2]...`: KeyError, IndexError or TypeError as Python raises them. Typed `any`
   * as Python's values are: a translated rule compares and indexes what it returns.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  at(obj: unknown, ...keys: unknown[]): any {
    let v = obj;
    for (const k of keys) v = pyItem(v, k);
    return v;
  },
  /** `obj.get(key, fallback)` */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(obj: unknown, key: unknown, fallback: unknown = null): any {
    const d = dict(obj, 'get');
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(d, k) ? d[k] : fallback;
  },
  /** `a and b` as a value: `b` only when `a` is truthy. */
  and: (a: unknown, b: () => unknown): unknown => (pyTruthy(a) ? b() : a),
  /** `a or b` as a value: `a` when truthy, else `b`. */
  or: (a: unknown, b: () => unknown): unknown => (pyTruthy(a) ? a : b()),
  /** `a + b`: numbers add, strings and lists concatenate, anything else is a TypeError. */
  add(a: unknown, b: unknown): unknown {
    if (typeof a === 'number' && typeof b === 'number') return a + b;
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    throw new PyError(
      'TypeError',
      `unsupported operand types for +: '${typeName(a)}' and '${typeName(b)}'`,
    );
  },
  /** `s.count(x)` of a string or list. */
  count(v: unknown, x: unknown): number {
    if (typeof v === 'string')
      return typeof x === 'string' && x !== '' ? v.split(x).length - 1 : v.length + 1;
    if (Array.isArray(v)) return v.filter((i) => pyEq(i, x)).length;
    throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'count'`);
  },
  len(v: unknown): number {
    if (Array.isArray(v) || typeof v === 'string') return v.length;
    if (v instanceof Set) return v.size;
    if (isDict(v)) return Object.keys(v).length;
    throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
  },
  any: (v: unknown): boolean => pyIter(v).some(pyTruthy),
  all: (v: unknown): boolean => pyIter(v).every(pyTruthy),
  keys: (v: unknown): string[] => Object.keys(dict(v, 'keys')),
  values: (v: unknown): unknown[] => Object.values(dict(v, 'values')),
  items: (v: unknown): [string, unknown][] => Object.entries(dict(v, 'items')),
  slice(v: unknown, start?: number | null, end?: number | null): unknown {
    if (typeof v === 'string' || Array.isArray(v)) return v.slice(start ?? 0, end ?? undefined);
    throw new PyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
  },
  startswith: (v: unknown, p: unknown): boolean =>
    affixes(p).some((a) => str(v, 'startswith').startsWith(a)),
  endswith: (v: unknown, p: unknown): boolean =>
    affixes(p).some((a) => str(v, 'endswith').endsWith(a)),
  lower: (v: unknown): string => str(v, 'lower').toLowerCase(),
  upper: (v: unknown): string => str(v, 'upper').toUpperCase(),
  strip: (v: unknown, chars?: string): string => strip(str(v, 'strip'), chars, true, true),
  lstrip: (v: unknown, chars?: string): string => strip(str(v, 'lstrip'), chars, true, false),
  rstrip: (v: unknown, chars?: string): string => strip(str(v, 'rstrip'), chars, false, true),
  split(v: unknown, sep?: string | null, max = -1): string[] {
    const s = str(v, 'split');
    const parts = sep == null ? s.split(/\s+/).filter((p) => p !== '') : s.split(sep);
    if (max < 0 || parts.length <= max + 1) return parts;
    return [...parts.slice(0, max), parts.slice(max).join(sep ?? ' ')];
  },
  replace: (v: unknown, a: string, b: string): string => str(v, 'replace').split(a).join(b),
  /** `str(v)` for the JSON values a record holds. */
  str(v: unknown): string {
    if (v === null || v === undefined) return 'None';
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  },
  /** `int(v)`: ValueError for text that is not an integer. */
  int(v: unknown): number {
    if (typeof v === 'number') return Math.trunc(v);
    if (typeof v === 'boolean') return Number(v);
    if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return parseInt(v, 10);
    throw new PyError('ValueError', `invalid literal for int(): ${JSON.stringify(v)}`);
  },
  float(v: unknown): number {
    const n =
      typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
    if (Number.isNaN(n))
      throw new PyError('ValueError', `could not convert to float: ${JSON.stringify(v)}`);
    return n;
  },
  /** isinstance(v, T) for the names of Python's JSON types. */
  isinstance(v: unknown, ...types: string[]): boolean {
    const t = typeName(v);
    return types.some(
      (want) => want === t || (want === 'int' && t === 'bool') || (want === 'float' && t === 'int'),
    );
  },
  /** json.loads: ValueError when the text is not JSON. */
  jsonLoads(text: unknown): unknown {
    try {
      return JSON.parse(str(text, 'decode'));
    } catch (err) {
      if (err instanceof PyError) throw err;
      throw new PyError('ValueError', 'not JSON');
    }
  },
  /** ipaddress.IPv4Address(v): the address, or ValueError. */
  ipv4Address(v: unknown): string {
    if (!validIp(v)) throw new PyError('ValueError', `${JSON.stringify(v)} is not an IPv4 address`);
    return v as string;
  },
  /** Whether `err` is the Python exception of one of `types` (`except (KeyError, TypeError):`). */
  raised(err: unknown, ...types: string[]): boolean {
    if (types.includes('Exception')) return true;
    const t =
      err instanceof PyError ? err.pyType : err instanceof TypeError ? 'TypeError' : 'Exception';
    return (
      types.includes(t) ||
      (t === 'KeyError' || t === 'IndexError' ? types.includes('LookupError') : false)
    );
  },
};
