/**
 * A log schema compiled once per log, and the two steps StreamAlert applied to every
 * candidate record:
 *
 * 1. `keysMatch` — the key check that picks the log: the record's keys equal the schema's
 *    (optional keys may be missing), nested schemas checked the same way. `{}` and `[]`
 *    only require the key to be present; their value is never checked. A schema compiled
 *    `open` (the project's `allow_extra_top_level_keys`, never StreamAlert's) also takes
 *    top-level keys it does not name: they pass through untyped.
 * 2. `convert` — Python-like conversion of the values of the log that was picked:
 *    string = str(v), integer = int(v), float = float(v), boolean = str(v).lower() == "true".
 *    A failure here does not send the record to the next log (StreamAlert did not either):
 *    the record stays unclassified, with the reason.
 *
 * Neither mutates its input: the classifier tries several schemas on the same parsed JSON.
 */
import type { FieldSchema, FieldType } from '../config/types.js';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A record's own key: a key only Object.prototype has (such as "constructor") is missing. */
const OWN = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Why a value did not convert; `path` is a JSON pointer inside the record. */
export class ConversionFailure {
  constructor(
    readonly path: string,
    readonly value: unknown,
    readonly expected: string,
  ) {}

  get message(): string {
    return this.value === undefined
      ? `${this.path || '/'}: missing (${this.expected})`
      : `${this.path}: ${pyRepr(this.value)} is not ${this.expected}`;
  }
}

type Scalar = 'string' | 'integer' | 'float' | 'boolean';
/** Converted value, or undefined when the value does not convert. */
type Converter = (value: unknown) => unknown;

interface Field {
  /** False for an optional_top_level_keys key: it may be missing. */
  readonly required: boolean;
  readonly scalar?: Scalar;
  readonly convert?: Converter;
  /** A non-empty nested schema. */
  readonly nested?: CompiledSchema;
  /** A `[]` field (StreamAlert 3 checks it holds a list). */
  readonly list?: boolean;
}

export interface CompiledSchema {
  readonly keys: readonly string[];
  readonly fields: ReadonlyMap<string, Field>;
  /** Key → the default filled in when the key is missing (optional_top_level_keys). */
  readonly optional: ReadonlyMap<string, FieldType>;
  /** How many keys are required: a record holding that many of them has them all. */
  readonly requiredCount: number;
  /**
   * Keys the schema does not name are accepted (top level only; nested schemas stay
   * exact). Set only by `allow_extra_top_level_keys`: StreamAlert's schemas are exact.
   */
  readonly open?: boolean;
}

/** Converts a record whose keys the schema names; `envelope`, when given, is the value of the envelope key. */
export type RecordConverter = (
  value: Record<string, unknown>,
  envelope?: Record<string, unknown>,
) => Record<string, unknown> | ConversionFailure;

// ---- Python's conversions, on the values JSON.parse gives (null, boolean, number, string, object, array).

/** Python's str() of a float, for the values JSON gives: integral numbers print as ints. */
function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return String(n);
  // Python writes exponents with at least two digits (1e-07) and from 1e16 on.
  const text = Math.abs(n) >= 1e16 && !String(n).includes('e') ? n.toExponential() : String(n);
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** str(value) as Python prints JSON-decoded values; lists and maps print as JSON (a documented difference). */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v);
  return JSON.stringify(v);
}

/** A value in a message, as the JSON it came from (null, not Python's None). */
function pyRepr(v: unknown): string {
  const text = typeof v === 'number' ? pyStr(v) : v === undefined ? 'undefined' : JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// Python's int() and float() accept surrounding whitespace.
const PY_SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
const INT_TEXT = /^[+-]?\d+$/;
const PLAIN_DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;
const FLOAT_TEXT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;

/**
 * Number(v) for a text of at most 15 characters that INT_TEXT takes (an optional sign, then
 * digits: exact in a double), else undefined (the regex path decides).
 */
function shortInteger(v: string): number | undefined {
  const len = v.length;
  if (len === 0 || len > 15) return undefined;
  const first = v.charCodeAt(0);
  const signed = first === 0x2b || first === 0x2d;
  if (signed && len === 1) return undefined;
  let x = 0;
  for (let i = signed ? 1 : 0; i < len; i++) {
    const d = v.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    x = x * 10 + d;
  }
  return first === 0x2d ? -x : x;
}

function toInteger(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    // Most values are short digit strings (ports, byte counts, epoch seconds in flow logs,
    // csv and kv): read with a character loop, a third of the regex test plus Number.
    const digits = shortInteger(v);
    if (digits !== undefined) return digits;
    // Most values have no surrounding space: test before making a trimmed copy.
    if (INT_TEXT.test(v)) return Number(v);
    const s = v.replace(PY_SPACE, '');
    return s !== v && INT_TEXT.test(s) ? Number(s) : undefined;
  }
  return undefined;
}

function toFloat(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    // Most values are plain decimals ("0.412"), which Number reads as float() does: tested
    // first, before the copies the general reading below makes.
    if (PLAIN_DECIMAL.test(v)) return Number(v);
    const s = v.replace(PY_SPACE, '');
    if (!FLOAT_TEXT.test(s)) return undefined;
    const word = s.replace(/^[+-]/, '').toLowerCase();
    if (word === 'nan') return Number.NaN;
    if (word.startsWith('inf')) return s.startsWith('-') ? -Infinity : Infinity;
    return Number(s);
  }
  return undefined;
}

const CONVERTERS: Record<Scalar, Converter> = {
  string: pyStr,
  integer: toInteger,
  float: toFloat,
  // "True" and "False" (Python's own spelling) are answered without a lowercased copy.
  boolean: (v) => v === 'True' || (v !== 'False' && pyStr(v).toLowerCase() === 'true'),
};

const EXPECTED: Record<Scalar, string> = {
  string: 'a string',
  integer: 'an integer',
  float: 'a float',
  boolean: 'a boolean',
};

function fieldFor(type: FieldType, required: boolean): Field {
  if (Array.isArray(type)) return { required, list: true };
  if (typeof type === 'object')
    return Object.keys(type).length === 0
      ? { required }
      : { required, nested: compileSchema(type as FieldSchema) };
  const scalar: Scalar = type === 'ipaddress' ? 'string' : (type as Scalar);
  return { required, scalar, convert: CONVERTERS[scalar] };
}

/** The value StreamAlert filled in for a missing optional key: the type's empty value. */
export function defaultFor(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object') return {};
  return { string: '', ipaddress: '', integer: 0, float: 0, boolean: false }[type];
}

export function compileSchema(
  schema: FieldSchema,
  optionalKeys: readonly string[] = [],
  open = false,
): CompiledSchema {
  const optional = new Map<string, FieldType>();
  for (const key of optionalKeys) {
    const type = schema[key];
    if (type !== undefined) optional.set(key, type);
  }
  const fields = new Map<string, Field>();
  for (const [key, type] of Object.entries(schema))
    fields.set(key, fieldFor(type, !optional.has(key)));
  const keys = Object.keys(schema);
  return {
    keys,
    fields,
    optional,
    requiredCount: keys.length - optional.size,
    ...(open ? { open: true } : {}),
  };
}

/** The schema with `key` required and holding the non-empty nested `schema` (the envelope key). */
export function withNestedField(
  schema: CompiledSchema,
  key: string,
  nested: CompiledSchema,
): CompiledSchema {
  const fields = new Map(schema.fields);
  const wasOptional = fields.get(key)?.required === false;
  fields.set(key, { required: true, nested });
  const optional = new Map(schema.optional);
  optional.delete(key);
  const keys = schema.keys.includes(key) ? schema.keys : [...schema.keys, key];
  return {
    keys,
    fields,
    optional,
    requiredCount: schema.requiredCount + (schema.keys.includes(key) && !wasOptional ? 0 : 1),
    ...(schema.open ? { open: true } : {}),
  };
}

/**
 * StreamAlert's key check: exactly the schema's keys (optional ones may be missing), nested
 * schemas alike; an `open` schema takes other keys besides (its own level only). One pass
 * over the record's own keys; the required ones are counted rather than looked up
 * afterwards (a lookup of a missing key on records of many shapes is slow).
 */
export function keysMatch(
  value: unknown,
  schema: CompiledSchema,
): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  let required = 0;
  for (const key in value) {
    const field = schema.fields.get(key);
    if (field === undefined) {
      if (schema.open) continue;
      return false;
    }
    if (field.required) required++;
    if (field.nested && !keysMatch(value[key], field.nested)) return false;
  }
  return required === schema.requiredCount;
}

/** Names the keys that differ, for the unclassified report. */
export function keyDifference(value: unknown, schema: CompiledSchema): string {
  if (!isPlainObject(value))
    return `not a JSON object (${Array.isArray(value) ? 'an array' : pyRepr(value)})`;
  const extra = schema.open ? [] : Object.keys(value).filter((k) => !schema.fields.has(k));
  const missing = schema.keys.filter((k) => !OWN(value, k) && !schema.optional.has(k));
  const nested = schema.keys.filter(
    (k) =>
      OWN(value, k) &&
      schema.fields.get(k)?.nested &&
      !keysMatch(value[k], schema.fields.get(k)!.nested!),
  );
  const parts = [];
  if (missing.length)
    parts.push(
      `missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
    );
  if (extra.length)
    parts.push(
      `unexpected ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`,
    );
  if (nested.length) parts.push(`nested keys differ under ${nested.join(', ')}`);
  return `keys differ from the schema: ${parts.join('; ') || 'shape differs'}`;
}

/**
 * The record with its values converted and missing optional keys filled in, or the first
 * value that does not convert. Keys the schema does not name (none after `keysMatch`) are
 * kept as they are. The straightforward walk: `compileConverter` gives the same result
 * faster, and falls back to this one for every record it does not take on its fast path.
 */
export function convert(
  value: Record<string, unknown>,
  schema: CompiledSchema,
  at = '',
): Record<string, unknown> | ConversionFailure {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    const field = schema.fields.get(key);
    if (field === undefined) {
      out[key] = v;
    } else if (field.convert) {
      const converted = field.convert(v);
      if (converted === undefined)
        return new ConversionFailure(`${at}/${key}`, v, EXPECTED[field.scalar!]);
      out[key] = converted;
    } else if (field.nested) {
      if (!isPlainObject(v)) return new ConversionFailure(`${at}/${key}`, v, 'a JSON object');
      const nested = convert(v, field.nested, `${at}/${key}`);
      if (nested instanceof ConversionFailure) return nested;
      out[key] = nested;
    } else {
      out[key] = v;
    }
  }
  return fillMissing(value, schema, at, out);
}

/**
 * The schema's keys the record lacks: optional ones get their type's default, a missing
 * required one fails the conversion. Shared by both conversions.
 */
function fillMissing(
  value: Record<string, unknown>,
  schema: CompiledSchema,
  at: string,
  out: Record<string, unknown>,
): Record<string, unknown> | ConversionFailure {
  for (const key of schema.keys) {
    if (OWN(value, key)) continue;
    const type = schema.optional.get(key);
    if (type === undefined)
      return new ConversionFailure(`${at}/${key}`, undefined, 'a required key');
    // Each record gets its own {} or [] so a rule mutating one cannot leak into another.
    out[key] = defaultFor(type);
  }
  return out;
}

/** Python's truth of a JSON value: null, false, 0, "", [] and {} are false. */
export function pyTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== '';
}

/**
 * StreamAlert 3's conversion (ParserBase._convert_type): a value Python finds false is left
 * as it is (null stays null, 0 stays 0 even for a string field), and a `[]` field must hold
 * a list. Missing optional keys are filled in as in `convert`. The plain walk: StreamAlert 3
 * confs are not on the generated fast path.
 */
export function convertKeepingFalsy(
  value: Record<string, unknown>,
  schema: CompiledSchema,
  at = '',
): Record<string, unknown> | ConversionFailure {
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    const field = schema.fields.get(key);
    if (field === undefined || !pyTruthy(v)) {
      out[key] = v;
    } else if (field.convert) {
      const converted = field.convert(v);
      if (converted === undefined)
        return new ConversionFailure(`${at}/${key}`, v, EXPECTED[field.scalar!]);
      out[key] = converted;
    } else if (field.nested) {
      if (!isPlainObject(v)) return new ConversionFailure(`${at}/${key}`, v, 'a JSON object');
      const nested = convertKeepingFalsy(v, field.nested, `${at}/${key}`);
      if (nested instanceof ConversionFailure) return nested;
      out[key] = nested;
    } else if (field.list && !Array.isArray(v)) {
      return new ConversionFailure(`${at}/${key}`, v, 'a list');
    } else {
      out[key] = v;
    }
  }
  return fillMissing(value, schema, at, out);
}

/** StreamAlert 3's converter of `schema` (see convertKeepingFalsy), shaped as compileConverter's. */
export function compileFalsyKeepingConverter(
  schema: CompiledSchema,
  envelopeKey?: string,
): RecordConverter {
  return (value, envelope) =>
    convertKeepingFalsy(
      envelope === undefined || envelopeKey === undefined
        ? value
        : { ...value, [envelopeKey]: envelope },
      schema,
    );
}

/** The converter of a generation: StreamAlert 3 keeps false values (see convertKeepingFalsy). */
export function converterFor(
  schema: CompiledSchema,
  keepFalsy: boolean,
  envelopeKey?: string,
): RecordConverter {
  return keepFalsy
    ? compileFalsyKeepingConverter(schema, envelopeKey)
    : compileConverter(schema, envelopeKey);
}

// ---- The compiled converter: one function per schema, generated once.

/** Returned by a generated converter for a record off its fast path (a value that does not convert, an inherited key). */
const SLOW: unique symbol = Symbol('slow');

/**
 * A converter for `schema` that builds every typed record as one object literal with the
 * schema's keys in the schema's order, so all records of a log share one hidden class and
 * no intermediate object is made. Values convert as `convert` does; a record the fast path
 * cannot decide exactly (a value that does not convert, so the first failure in the
 * record's own key order is reported; a key the schema does not name; a missing required
 * key; a key present with the value undefined) goes through `convert`, so results and
 * failure messages are the same.
 *
 * The record's values are read in one for-in pass over its own keys, each stored in the
 * slot of its schema key. Records of one log come in many shapes (every optional key may
 * be missing), and reading the schema's keys by name from objects of that many hidden
 * classes, missing ones included, cost about as much as JSON.parse of the record; the
 * for-in pass reads each value by its field index instead.
 * `envelopeKey`: that key's value comes from the converter's second argument when given
 * (the envelope, attached without copying the record first).
 */
export function compileConverter(schema: CompiledSchema, envelopeKey?: string): RecordConverter {
  const fast = generate(schema, envelopeKey);
  return (value, envelope) => {
    const out = fast(value, envelope);
    if (out !== SLOW) return out;
    return convert(
      envelope === undefined || envelopeKey === undefined
        ? value
        : { ...value, [envelopeKey]: envelope },
      schema,
    );
  };
}

type Fast = (
  value: Record<string, unknown>,
  envelope?: Record<string, unknown>,
) => Record<string, unknown> | typeof SLOW;

/**
 * The typed record of a line parser's values, without a raw record made first: `values[at[i]]`
 * is the raw value of schema key i (undefined: missing). Converts exactly as
 * `compileConverter` does; undefined where that one would go through `convert` (a value that
 * does not convert, a missing required key), so the caller then takes the general path.
 */
export type SlotConverter = (values: ArrayLike<unknown>) => Record<string, unknown> | undefined;

export function compileSlotConverter(
  schema: CompiledSchema,
  at: readonly number[] = schema.keys.map((_, i) => i),
): SlotConverter {
  const fast = generate(schema, undefined, at);
  return (values) => {
    const out = fast(values as unknown as Record<string, unknown>);
    return out === SLOW ? undefined : out;
  };
}

/** With `at`, the generated function reads its values from an array (see compileSlotConverter). */
function generate(schema: CompiledSchema, envelopeKey?: string, at?: readonly number[]): Fast {
  const slots = new Map(schema.keys.map((key, i) => [key, i]));
  const deps: unknown[] = [SLOW, isPlainObject, slots];
  const dep = (v: unknown) => {
    deps.push(v);
    return `d${deps.length - 1}`;
  };
  const lines: string[] = [];
  const props: string[] = [];
  schema.keys.forEach((key, i) => {
    const k = JSON.stringify(key);
    const x = `x${i}`;
    const field = schema.fields.get(key)!;
    lines.push(`var ${x} = s[${at ? at[i]! : i}];`);
    if (key === envelopeKey) lines.push(`if (e !== undefined) ${x} = e;`);
    const optional = schema.optional.get(key);
    const missing =
      optional === undefined
        ? 'return d0;'
        : `${x} = ${Array.isArray(optional) ? '[]' : typeof optional === 'object' ? '{}' : JSON.stringify(defaultFor(optional))};`;
    let convertValue = '';
    if (field.convert) {
      const fn = dep(field.convert);
      convertValue =
        field.scalar === 'string'
          ? `if (typeof ${x} !== 'string') ${x} = ${fn}(${x});`
          : field.scalar === 'integer'
            ? `if (typeof ${x} !== 'number' || !Number.isInteger(${x})) { ${x} = ${fn}(${x}); if (${x} === undefined) return d0; }`
            : field.scalar === 'float'
              ? `if (typeof ${x} !== 'number') { ${x} = ${fn}(${x}); if (${x} === undefined) return d0; }`
              : `if (typeof ${x} !== 'boolean') ${x} = ${fn}(${x});`;
    } else if (field.nested) {
      const fn = dep(generate(field.nested));
      convertValue = `if (!d1(${x})) return d0; ${x} = ${fn}(${x}); if (${x} === d0) return d0;`;
    }
    lines.push(
      `if (${x} === undefined) { ${missing} }${convertValue ? ` else { ${convertValue} }` : ''}`,
    );
    // "__proto__" as a literal key would set the prototype: computed keys never do.
    props.push(key === '__proto__' ? `[${k}]: ${x}` : `${k}: ${x}`);
  });
  // The for-in pass: `v[k]` with k the loop's own key is read by field index. Enumerable
  // inherited keys (never on JSON.parse output) are refused like foreign ones.
  const read = `var s = new Array(${schema.keys.length});
for (var k in v) {
  var i = d2.get(k);
  if (i === undefined) return d0;
  var value = v[k];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(v, k)) return d0;
  s[i] = value;
}`;
  const body = `${at ? 'var s = v;' : read}\n${lines.join('\n')}\nreturn { ${props.join(', ')} };`;
  const names = deps.map((_, i) => `d${i}`);
  const factory = new Function(...names, `return function convertRecord(v, e) {\n${body}\n};`) as (
    ...d: unknown[]
  ) => Fast;
  return factory(...deps);
}
