/**
 * The kv parser, as StreamAlert's: the line is split on `delimiter` (default " "), blank
 * fields dropped, and only the field count is checked against the schema. Each field is
 * `key<separator>value` split at the first separator (quotes are kept as part of values); a
 * field without a separator is skipped; a key seen twice is renamed to the schema key at
 * that position. A record whose keys then differ from the schema's fails conversion.
 */
import type { LogDefinition } from '../../config/types.js';
import { semanticsOf, type Semantics } from '../generation.js';
import { compileSchema, compileSlotConverter, converterFor } from '../schema.js';
import { UNDECIDED, type LogParser } from './types.js';

/** A key `in` an empty record: the general path renames such a key (an inherited member). */
const EMPTY: Record<string, unknown> = {};

export function kvParser(log: LogDefinition, semantics: Semantics = semanticsOf()): LogParser {
  const schema = compileSchema(log.schema);
  const delimiter = log.delimiter ?? ' ';
  const separator = log.separator ?? '=';
  const keys = schema.keys;
  const slotOf = new Map(keys.map((k, i) => [k, i]));
  // Keys a plain record already holds (inherited members): extract renames them.
  const inherited = keys.map((k) => k in EMPTY);
  const fromSlots = compileSlotConverter(schema);
  // StreamAlert 3 keeps false values: its lines take the general path.
  const readLine: LogParser['readLine'] = semantics.keepFalsy
    ? undefined
    : (text) => {
        let fields = text.split(delimiter);
        if (fields.includes('')) fields = fields.filter((f) => f !== '');
        if (fields.length !== schema.keys.length) return undefined;
        const slots = new Array<string | undefined>(fields.length);
        for (let i = 0; i < fields.length; i++) {
          const field = fields[i]!;
          const at = field.indexOf(separator, 1);
          if (at < 1 || at + separator.length >= field.length || field.includes('\n'))
            return UNDECIDED;
          // Fields mostly come in schema order: the key at this position is compared first.
          const expected = keys[i]!;
          let slot: number | undefined;
          if (at === expected.length && field.startsWith(expected)) {
            if (inherited[i]) return UNDECIDED;
            slot = i;
          } else {
            const key = field.slice(0, at);
            slot = slotOf.get(key);
            if (slot === undefined || key in EMPTY) return UNDECIDED;
          }
          if (slots[slot] !== undefined) return UNDECIDED;
          slots[slot] = field.slice(at + separator.length);
        }
        return fromSlots(slots) ?? UNDECIDED;
      };
  return {
    convert: converterFor(schema, semantics.keepFalsy),
    ...(readLine ? { readLine } : {}),
    extract(input) {
      let fields = input.text.split(delimiter);
      if (fields.includes('')) fields = fields.filter((f) => f !== '');
      if (fields.length !== schema.keys.length) return undefined;
      const record: Record<string, unknown> = {};
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i]!;
        // StreamAlert's `.+<sep>.+`: at least one character either side of a separator.
        const at = field.indexOf(separator, 1);
        if (at < 1 || at + separator.length >= field.length || field.includes('\n')) continue;
        const key = field.slice(0, at);
        record[key in record ? schema.keys[i]! : key] = field.slice(at + separator.length);
      }
      return { records: [record], rejected: [] };
    },
  };
}
