/**
 * Type checking and conversion of records against a log schema, compiled once per log.
 *
 * `conform` returns the record itself when it already has the schema's keys and types
 * (the common case for JSON logs, and why classifying costs little more than JSON.parse),
 * a converted copy when some values need conversion (CSV/KV strings, "42" for an
 * integer), or undefined when the record does not fit. It never mutates its input: the
 * classifier tries several schemas on the same parsed JSON.
 */
import type { FieldSchema, FieldType } from '../config/types.js';

type Converter = (value: unknown) => unknown;
/** Returned by converters for a value that does not fit. */
export const MISMATCH: unique symbol = Symbol('mismatch');

export interface CompiledSchema {
  readonly keys: readonly string[];
  readonly fields: ReadonlyMap<string, Converter>;
  /** Key → the default filled in when the key is missing (optional_top_level_keys). */
  readonly optional: ReadonlyMap<string, unknown>;
}

const INTEGER = /^[+-]?\d+$/;

function toString(v: unknown): unknown {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return MISMATCH;
}

function toInteger(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? v : MISMATCH;
  if (typeof v === 'string' && INTEGER.test(v.trim())) return Number(v);
  return MISMATCH;
}

function toFloat(v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : MISMATCH;
  }
  return MISMATCH;
}

function toBoolean(v: unknown): unknown {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return MISMATCH;
}

// `{}` and `[]` accept null: AWS logs carry null for absent maps (CloudTrail's
// requestParameters/responseElements), and StreamAlert left such values untouched.
function anyObject(v: unknown): unknown {
  return v === null || (typeof v === 'object' && !Array.isArray(v)) ? v : MISMATCH;
}

function anyArray(v: unknown): unknown {
  return v === null || Array.isArray(v) ? v : MISMATCH;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function converterFor(type: FieldType): Converter {
  if (Array.isArray(type)) return anyArray;
  if (typeof type === 'object') {
    if (Object.keys(type).length === 0) return anyObject;
    const nested = compileSchema(type as FieldSchema);
    return (v) => conform(v, nested) ?? MISMATCH;
  }
  switch (type) {
    case 'string':
      return toString;
    case 'integer':
      return toInteger;
    case 'float':
      return toFloat;
    case 'boolean':
      return toBoolean;
  }
  throw new Error(`unsupported schema type ${JSON.stringify(type)}`);
}

export function defaultFor(type: FieldType): unknown {
  if (Array.isArray(type)) return [];
  if (typeof type === 'object') return {};
  return { string: '', integer: 0, float: 0, boolean: false }[type as 'string'];
}

export function compileSchema(schema: FieldSchema, optionalKeys: readonly string[] = []): CompiledSchema {
  const fields = new Map<string, Converter>();
  for (const [key, type] of Object.entries(schema)) fields.set(key, converterFor(type));
  const optional = new Map<string, unknown>();
  for (const key of optionalKeys) {
    const type = schema[key];
    if (type !== undefined) optional.set(key, defaultFor(type));
  }
  return { keys: Object.keys(schema), fields, optional };
}

/**
 * The record typed by the schema, or undefined. Keys must equal the schema's (after
 * optional keys are filled), as StreamAlert required: the exact key set is what tells
 * similar logs apart.
 */
export function conform(value: unknown, schema: CompiledSchema): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  let copy: Record<string, unknown> | undefined;
  let present = 0;
  for (const key in value) {
    const convert = schema.fields.get(key);
    if (convert === undefined) return undefined;
    present++;
    const v = value[key];
    const converted = convert(v);
    if (converted === MISMATCH) return undefined;
    if (converted !== v) {
      copy ??= { ...value };
      copy[key] = converted;
    }
  }
  if (present !== schema.keys.length) {
    for (const key of schema.keys) {
      if (key in value) continue;
      if (!schema.optional.has(key)) return undefined;
      copy ??= { ...value };
      copy[key] = structuredCloneDefault(schema.optional.get(key));
    }
  }
  return copy ?? value;
}

function structuredCloneDefault(v: unknown): unknown {
  // Each record gets its own {} or [] so a rule mutating one cannot leak into another.
  if (Array.isArray(v)) return [];
  if (isPlainObject(v)) return {};
  return v;
}
