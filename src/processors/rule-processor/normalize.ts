/**
 * StreamAlert 1.5's data normalization (conf/types.json + rule `datatypes`): for a record
 * of log category C, every leaf field whose key is listed under a normalized type of C is
 * found, with its key path. Computed once per record, then handed to each rule that asks.
 */
import type { TypesConfig } from '../config/types.js';
import { isPlainObject } from './schema.js';

/** Normalized type → key paths. */
export type Normalized = Record<string, string[][]>;

export const NORMALIZED = Symbol.for('streamalert-action.normalized-types');

export interface Normalizer {
  /** The paths of the requested types, or {} when the category lacks one of them (as StreamAlert). */
  forRule(
    record: Record<string, unknown>,
    category: string,
    datatypes: readonly string[],
  ): Normalized;
  /** The paths of those of `types` the record has (threat intel: any of them is enough). */
  found(record: Record<string, unknown>, category: string, types: readonly string[]): Normalized;
}

export function createNormalizer(types: TypesConfig): Normalizer {
  // field name → normalized types it belongs to, per category
  const byCategory = new Map<string, Map<string, string[]>>();
  for (const [category, map] of types) {
    const fields = new Map<string, string[]>();
    for (const [type, names] of map)
      for (const name of names) fields.set(name, [...(fields.get(name) ?? []), type]);
    byCategory.set(category, fields);
  }
  const cache = new WeakMap<Record<string, unknown>, Normalized>();

  function walk(
    value: Record<string, unknown>,
    fields: Map<string, string[]>,
    path: string[],
    out: Normalized,
    depth: number,
  ): void {
    // Records are parsed JSON, so they cannot be cyclic; the bound keeps a hostile record cheap.
    if (depth > 64) return;
    for (const key of Object.keys(value)) {
      const v = value[key];
      if (isPlainObject(v)) walk(v, fields, [...path, key], out, depth + 1);
      else for (const type of fields.get(key) ?? []) (out[type] ??= []).push([...path, key]);
    }
  }

  const allOf = (record: Record<string, unknown>, category: string): Normalized => {
    let all = cache.get(record);
    if (!all) {
      all = {};
      walk(record, byCategory.get(category)!, [], all, 0);
      cache.set(record, all);
    }
    return all;
  };
  const pick = (all: Normalized, wanted: readonly string[]): Normalized => {
    const picked: Normalized = {};
    for (const t of wanted) if (all[t]) picked[t] = all[t];
    return picked;
  };

  return {
    forRule(record, category, datatypes) {
      const defined = types.get(category);
      if (!defined || !datatypes.every((t) => defined.has(t))) return {};
      return pick(allOf(record, category), datatypes);
    },
    found(record, category, wanted) {
      if (!types.has(category)) return {};
      return pick(allOf(record, category), wanted);
    },
  };
}
