/**
 * The json parser, with StreamAlert's options:
 * - `json_path` pulls records out of the payload (none found: not this log); with
 *   `embedded_json` the values it selects are JSON text, parsed first;
 * - `json_regex_key` names a field whose string holds a JSON object (found with
 *   StreamAlert's regex): that object is the record; a payload without the field is its
 *   own record;
 * - `envelope_keys` / `optional_envelope_keys` copy root keys into each pulled-out record;
 * - `optional_top_level_keys` may be missing (filled with their type's empty value).
 * Pulled-out parts that do not fit the schema are handed back as rejected.
 */
import type { LogDefinition } from '../../config/types.js';
import { BadRecordError, parseJsonBounded, type JsonBounds } from '../limits.js';
import {
  compileConverter,
  compileSchema,
  isPlainObject,
  keyDifference,
  keysMatch,
} from '../schema.js';
import { compileEnvelope, ENVELOPE_KEY, withEnvelope } from './envelope.js';
import { compileJsonPath } from './json-path.js';
import { NOT_JSON, type LogParser, type Rejected } from './types.js';

export { ENVELOPE_KEY } from './envelope.js';

/** StreamAlert's json_regex_key pattern: the first {...} or [...] holding a ':' or ','. */
const JSON_BLOB = /(\{[^\n]+[:,][^\n]+\}|\[[^\n]+[,:][^\n]+\])/;

/** Python truthiness of a JSON value (StreamAlert tested `payload.get(key)`). */
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== '';
}

export function jsonParser(log: LogDefinition): LogParser {
  const plain = compileSchema(log.schema, log.optionalTopLevelKeys);
  const convertPlain = compileConverter(plain);
  const query = log.jsonPath ? compileJsonPath(log.jsonPath) : undefined;
  const envelope = compileEnvelope(log, log.optionalTopLevelKeys);
  const schema = envelope?.schema ?? plain;
  const convertWith = envelope?.convert ?? convertPlain;
  // A schema naming the envelope key itself (never seen in practice) keeps the copy-first path.
  const attachLater = !(ENVELOPE_KEY in log.schema);

  /**
   * The items a payload holds before the key check; undefined when it cannot be this log.
   * `enveloped`: the items carry the payload's envelope (attached at conversion).
   */
  function pullOut(
    payload: Record<string, unknown>,
    bounds: JsonBounds,
  ): { items: unknown[]; rejected: Rejected[]; enveloped: boolean } | undefined {
    if (query) {
      // StreamAlert 1.6 to 2: a json_path that finds nothing means the payload is not this log.
      const found = query(payload);
      if (found.length === 0) return undefined;
      if (!log.embeddedJson) return { items: found, rejected: [], enveloped: true };
      const items: unknown[] = [];
      const rejected: Rejected[] = [];
      for (const text of found) {
        let item: unknown;
        try {
          item =
            typeof text === 'string'
              ? parseJsonBounded(text, bounds.maxDepth, bounds.maxJsonItems)
              : undefined;
        } catch (err) {
          if (err instanceof BadRecordError) throw err;
          item = undefined;
        }
        if (isPlainObject(item)) items.push(item);
        else
          rejected.push({
            value: text,
            reason: `embedded_json: the value ${log.jsonPath} selects is not the JSON text of an object`,
          });
      }
      return { items, rejected, enveloped: true };
    }
    if (log.jsonRegexKey !== undefined) {
      const field = payload[log.jsonRegexKey];
      if (!truthy(field)) return { items: [payload], rejected: [], enveloped: false };
      const match = JSON_BLOB.exec(typeof field === 'string' ? field : JSON.stringify(field));
      if (!match) return undefined;
      let item: unknown;
      try {
        item = parseJsonBounded(match[1]!, bounds.maxDepth, bounds.maxJsonItems);
      } catch (err) {
        if (err instanceof BadRecordError) throw err;
        return undefined;
      }
      return isPlainObject(item) ? { items: [item], rejected: [], enveloped: true } : undefined;
    }
    return { items: [payload], rejected: [], enveloped: false };
  }

  return {
    jsonOnly: true,
    convert: (record, env) =>
      env !== undefined || ENVELOPE_KEY in record ? convertWith(record, env) : convertPlain(record),
    extract(input) {
      const payload = input.json();
      if (payload === NOT_JSON || !isPlainObject(payload)) return undefined;
      const env = envelope?.pick(payload);
      // A payload without its envelope keys is not pulled apart (StreamAlert took it whole).
      const pulled =
        envelope && !env
          ? { items: [payload], rejected: [], enveloped: false }
          : pullOut(payload, input.bounds);
      if (!pulled) return undefined;
      const records: Record<string, unknown>[] = [];
      const rejected = pulled.rejected;
      if (env === undefined || !pulled.enveloped) {
        for (const item of pulled.items) {
          if (keysMatch(item, plain)) records.push(item);
          else if (item !== payload)
            rejected.push({ value: item, reason: keyDifference(item, plain) });
        }
        return records.length > 0 ? { records, rejected } : undefined;
      }
      // Items keep their own keys; the key check on the item alone equals the check on the
      // item with the envelope added (the envelope holds only envelope keys, its required ones).
      for (const item of pulled.items) {
        const copyFirst =
          !attachLater ||
          (isPlainObject(item) && Object.prototype.hasOwnProperty.call(item, ENVELOPE_KEY));
        if (!copyFirst && keysMatch(item, plain)) records.push(item);
        else {
          const full = isPlainObject(item) ? withEnvelope(item, env) : item;
          if (copyFirst && keysMatch(full, schema)) records.push(full as Record<string, unknown>);
          else rejected.push({ value: full, reason: keyDifference(full, schema) });
        }
      }
      return records.length > 0 ? { records, rejected, envelope: env } : undefined;
    },
  };
}
