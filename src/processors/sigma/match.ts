/**
 * Evaluates a compiled Sigma detection (compiled.ts) against a classified record, with the
 * specification's matching rules: values compare as case-insensitive strings (numbers and
 * booleans by their text) unless `cased`; `*` and `?` are wildcards; a field is a dotted
 * path into nested objects, and a list on the way matches when any element does.
 *
 * Every test is prepared once per rule (lower-cased patterns, RegExp, network), so a record
 * costs only the compares. Wildcards are matched segment by segment, never by a regular
 * expression, so `*a*a*a*b` stays linear in the pattern count; a `re` pattern passed the
 * build's backtracking check and sees at most RE_INPUT_MAX characters of a value.
 */
import type { Expr, GlobPart, Test, TimePart } from './compiled.js';

/** The part of a value a `re` pattern sees (docs/rules.md#sigma-rules says so). */
export const RE_INPUT_MAX = 4096;
/** Values a keyword search reads from one record, and how deep it goes. */
const KEYWORD_VALUES_MAX = 10_000;
const DEPTH_MAX = 64;

type Record_ = Record<string, unknown>;
export type Predicate = (record: Record_) => boolean;

/** The values at a dotted path, lists flattened; `found` also when the value is null or an empty list. */
interface Found {
  found: boolean;
  values: unknown[];
}

function push(v: unknown, out: Found, depth: number): void {
  if (Array.isArray(v)) {
    if (depth < DEPTH_MAX) for (const x of v) push(x, out, depth + 1);
  } else out.values.push(v);
}

function collect(node: unknown, rest: string, out: Found, depth: number): void {
  if (depth > DEPTH_MAX) return;
  if (Array.isArray(node)) {
    for (const x of node) collect(x, rest, out, depth + 1);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record_;
  // A key that itself holds dots ("requestParameters.name" as one key) wins over the path.
  if (Object.hasOwn(obj, rest)) {
    out.found = true;
    push(obj[rest], out, depth);
    return;
  }
  for (let dot = rest.indexOf('.'); dot !== -1; dot = rest.indexOf('.', dot + 1)) {
    const key = rest.slice(0, dot);
    if (Object.hasOwn(obj, key)) {
      collect(obj[key], rest.slice(dot + 1), out, depth + 1);
      return;
    }
  }
}

export function valuesAt(record: unknown, path: string): Found {
  const out: Found = { found: false, values: [] };
  collect(record, path, out, 0);
  return out;
}

/** A scalar as Sigma compares it: its text; objects and lists have none. */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** A segment between two `*`: literal characters, with `?` as `undefined`. */
type Segment = readonly (string | undefined)[];

function segmentAt(text: string, at: number, seg: Segment): boolean {
  if (at + seg.length > text.length) return false;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c !== undefined && text[at + i] !== c) return false;
  }
  return true;
}

/** A compiled wildcard pattern: segments split at `*`; leftmost placement of each is exact for globs. */
function globMatcher(parts: readonly GlobPart[], cased: boolean): (text: string) => boolean {
  const segments: (string | undefined)[][] = [[]];
  for (const p of parts) {
    if (p === 0) segments.push([]);
    else if (p === 1) segments.at(-1)!.push(undefined);
    else for (const c of cased ? p : p.toLowerCase()) segments.at(-1)!.push(c);
  }
  const lit = (s: Segment) => (s.every((c) => c !== undefined) ? s.join('') : undefined);
  const first = segments[0]!;
  const last = segments.at(-1)!;
  // The common shapes as plain string operations.
  if (segments.length === 1) {
    const s = lit(first);
    if (s !== undefined) return (t) => t === s;
    return (t) => t.length === first.length && segmentAt(t, 0, first);
  }
  if (segments.length === 2) {
    const [a, b] = [lit(first), lit(last)];
    if (a !== undefined && b !== undefined)
      return (t) => t.length >= a.length + b.length && t.startsWith(a) && t.endsWith(b);
  }
  if (segments.length === 3 && first.length === 0 && last.length === 0) {
    const s = lit(segments[1]!);
    if (s !== undefined) return (t) => t.includes(s);
  }
  return (t) => {
    if (!segmentAt(t, 0, first)) return false;
    let at = first.length;
    const end = t.length - last.length;
    if (end < at || !segmentAt(t, end, last)) return false;
    for (let i = 1; i < segments.length - 1; i++) {
      const seg = segments[i]!;
      let found = -1;
      for (let j = at; j + seg.length <= end; j++)
        if (segmentAt(t, j, seg)) {
          found = j;
          break;
        }
      if (found < 0) return false;
      at = found + seg.length;
    }
    return true;
  };
}

/** IPv4 or IPv6 text as its bytes (4 or 16), or undefined. */
export function ipBytes(text: string): number[] | undefined {
  if (text.includes(':')) return ipv6Bytes(text);
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function ipv6Bytes(text: string): number[] | undefined {
  let head = text;
  let tail4: number[] = [];
  // An embedded IPv4 tail (::ffff:10.0.0.1).
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = ipBytes(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail4 = v4;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - left.length - right.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail4.length) bytes.splice(12, 4, ...tail4);
  return bytes;
}

/** A CIDR block as a test of address bytes; undefined when the block is not one. */
export function cidrMatcher(net: string): ((ip: string) => boolean) | undefined {
  const [base, bitsText] = net.split('/');
  const bytes = ipBytes(base ?? '');
  if (!bytes) return undefined;
  const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
  if (!/^\d+$/.test(bitsText ?? '0') || bits > bytes.length * 8) return undefined;
  return (ip) => {
    const other = ipBytes(ip);
    if (!other || other.length !== bytes.length) return false;
    for (let i = 0; i < bits; i += 8) {
      const take = Math.min(8, bits - i);
      const mask = (0xff << (8 - take)) & 0xff;
      if ((other[i / 8]! & mask) !== (bytes[i / 8]! & mask)) return false;
    }
    return true;
  };
}

/** A number from a number or a numeric string. */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A date's part (UTC); numbers are Unix seconds, or milliseconds when that large. */
function timePart(v: unknown, part: TimePart): number | undefined {
  const ms =
    typeof v === 'number'
      ? Math.abs(v) < 1e11
        ? v * 1000
        : v
      : typeof v === 'string'
        ? Date.parse(v)
        : NaN;
  if (!Number.isFinite(ms)) return undefined;
  const d = new Date(ms);
  switch (part) {
    case 'minute':
      return d.getUTCMinutes();
    case 'hour':
      return d.getUTCHours();
    case 'day':
      return d.getUTCDate();
    case 'month':
      return d.getUTCMonth() + 1;
    case 'year':
      return d.getUTCFullYear();
    case 'week': {
      // ISO 8601 week number.
      const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      const day = t.getUTCDay() || 7;
      t.setUTCDate(t.getUTCDate() + 4 - day);
      const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
      return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
    }
  }
}

/** A test of one value of the field (`record` for fieldref). */
type ValueTest = (v: unknown, record: Record_) => boolean;

function valueTest(test: Test): ValueTest {
  switch (test.t) {
    case 'glob': {
      const cased = test.c === true;
      const m = globMatcher(test.p, cased);
      return (v) => {
        const text = textOf(v);
        return text !== undefined && m(cased ? text : text.toLowerCase());
      };
    }
    case 're': {
      const re = new RegExp(test.src, test.fl);
      return (v) => {
        const text = textOf(v);
        return text !== undefined && re.test(text.slice(0, RE_INPUT_MAX));
      };
    }
    case 'cidr': {
      const m = cidrMatcher(test.net) ?? (() => false);
      return (v) => typeof v === 'string' && m(v);
    }
    case 'num': {
      const { op, n } = test;
      return (v) => {
        const x = numberOf(v);
        if (x === undefined) return false;
        return op === 'gt'
          ? x > n
          : op === 'gte'
            ? x >= n
            : op === 'lt'
              ? x < n
              : op === 'lte'
                ? x <= n
                : x === n;
      };
    }
    case 'null':
      return (v) => v === null || v === undefined;
    case 'exists':
      // Decided on the field as a whole (fieldTest); never reached per value.
      return () => false;
    case 'ref': {
      const cased = test.c === true;
      const norm = (s: string) => (cased ? s : s.toLowerCase());
      const { f, mode } = test;
      return (v, record) => {
        const text = textOf(v);
        if (text === undefined) return false;
        const mine = norm(text);
        for (const o of valuesAt(record, f).values) {
          const other = textOf(o);
          if (other === undefined) continue;
          const theirs = norm(other);
          if (
            mode === 'eq'
              ? mine === theirs
              : mode === 'contains'
                ? mine.includes(theirs)
                : mode === 'startswith'
                  ? mine.startsWith(theirs)
                  : mine.endsWith(theirs)
          )
            return true;
        }
        return false;
      };
    }
  }
}

function fieldPredicate(e: Extract<Expr, { field: string }>): Predicate {
  const { field, all, neq, part } = e;
  const exists = e.tests.find((t) => t.t === 'exists');
  if (exists && exists.t === 'exists') {
    const want = exists.v;
    return (r) => (valuesAt(r, field).found === want) !== (neq === true);
  }
  const tests = e.tests.map((t) => ({ test: valueTest(t), isNull: t.t === 'null' }));
  const read = (r: Record_): unknown[] => {
    const { found, values } = valuesAt(r, field);
    const list = found ? values : [undefined];
    if (!part) return list;
    return list.map((v) => (v === undefined || v === null ? v : timePart(v, part)));
  };
  const one = (t: (typeof tests)[number], values: unknown[], r: Record_) => {
    for (const v of values) if ((t.isNull || v !== undefined) && t.test(v, r)) return true;
    return false;
  };
  const match = all
    ? (r: Record_) => {
        const values = read(r);
        return tests.every((t) => one(t, values, r));
      }
    : (r: Record_) => {
        const values = read(r);
        return tests.some((t) => one(t, values, r));
      };
  return neq ? (r) => !match(r) : match;
}

/** Every scalar of the record (bounded), for keyword searches. */
function scalars(node: unknown, out: unknown[], depth: number): void {
  if (out.length >= KEYWORD_VALUES_MAX || depth > DEPTH_MAX) return;
  if (Array.isArray(node)) for (const x of node) scalars(x, out, depth + 1);
  else if (typeof node === 'object' && node !== null)
    for (const k in node) scalars((node as Record_)[k], out, depth + 1);
  else if (node !== null && node !== undefined) out.push(node);
}

function keywordPredicate(e: Extract<Expr, { keywords: Test[] }>): Predicate {
  const tests = e.keywords.map(valueTest);
  return (r) => {
    const values: unknown[] = [];
    scalars(r, values, 0);
    const hit = (t: ValueTest) => values.some((v) => t(v, r));
    return e.all ? tests.every(hit) : tests.some(hit);
  };
}

/** The detection as a predicate of a record; throws only on a form the build never writes. */
export function sigmaPredicate(e: Expr): Predicate {
  if ('and' in e) {
    const ps = e.and.map(sigmaPredicate);
    return (r) => ps.every((p) => p(r));
  }
  if ('or' in e) {
    const ps = e.or.map(sigmaPredicate);
    return (r) => ps.some((p) => p(r));
  }
  if ('not' in e) {
    const p = sigmaPredicate(e.not);
    return (r) => !p(r);
  }
  if ('field' in e) return fieldPredicate(e);
  if ('keywords' in e) return keywordPredicate(e);
  if ('bool' in e) return () => e.bool;
  throw new Error(`unknown Sigma expression ${JSON.stringify(e).slice(0, 100)}`);
}
