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
