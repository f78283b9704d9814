/**
 * The json parser, with StreamAlert's options:
 * - `json_path` pulls records out of the payload (none found: not this log); with
 *   `embedded_json` the values it selects are JSON text, parsed first;
 * - `json_regex_key` names a field whose string holds a JSON object (found with
 *   StreamAlert's regex): that object is the record; a payload without the field is its
 *   own record;
 * - `envelope_keys` / `optional_envelope_keys` copy root keys into each pulled-out record;
 * - `optional_top_level_keys` may be missing (filled with their type's empty value);
 * - `allow_extra_top_level_keys` (the project's, not StreamAlert's) lets a record carry
 *   top-level keys the schema does not name, kept untyped: the SaaS logs the collectors
 *   ship, whose records add action-specific keys (src/processors/collectors/log-schemas.ts).
 * Pulled-out parts that do not fit the schema are handed back as rejected.
 */
import type { LogDefinition } from '../../config/types.js';
import { BadRecordError, parseJsonBounded, type JsonBounds } from '../limits.js';
import { semanticsOf, type Semantics } from '../generation.js';
import {
  compileSchema,
  converterFor,
  isPlainObject,
  keyDifference,
  keysMatch,
  pyTruthy,
} from '../schema.js';
import { compileEnvelope, ENVELOPE_KEY, withEnvelope } from './envelope.js';
import { compileJsonPath } from './json-path.js';
import { NOT_JSON, type LogParser, type Rejected } from './types.js';

export { ENVELOPE_KEY } from './envelope.js';

/** StreamAlert's json_regex_key pattern: the first {...} or [...] holding a ':' or ','. */
const JSON_BLOB = /(\{[^\n]+[:,][^\n]+\}|\[[^\n]+[,:][^\n]+\])/;

export function jsonParser(log: LogDefinition, semantics: Semantics = semanticsOf()): LogParser {
  const plain = compileSchema(log.schema, log.optionalTopLevelKeys, log.extraTopLevelKeys);
  const convertPlain = converterFor(plain, semantics.keepFalsy);
  const query = log.jsonPath ? compileJsonPath(log.jsonPath, semantics) : undefined;
  const envelope = compileEnvelope(log, log.optionalTopLevelKeys, semantics);
  const schema = envelope?.schema ?? plain;
  const convertWith = envelope?.convert ?? convertPlain;
  // A schema naming the envelope key itself (never seen in practice) keeps the copy-first path.
  const attachLater = !(ENVELOPE_KEY in log.schema);
  // StreamAlert 3 checked a nested schema's keys even when its key is optional and missing
  // (against `{}`), so such a record did not match there.
  const nestedOptional = semantics.strictPayloadShape
    ? [...plain.fields].filter(([, f]) => !f.required && f.nested).map(([k]) => k)
    : [];
  const fits = (item: unknown, against: typeof plain): item is Record<string, unknown> =>
    keysMatch(item, against) &&
    nestedOptional.every((k) => Object.prototype.hasOwnProperty.call(item, k));

  /**
   * The items a payload holds before the key check; undefined when it cannot be this log.
   * `enveloped`: the items carry the payload's envelope (attached at conversion).
   */
  function pullOut(
    payload: Record<string, unknown> | unknown[],
    bounds: JsonBounds,
  ): { items: unknown[]; rejected: Rejected[]; enveloped: boolean } | undefined {
    if (query) {
      // StreamAlert 1.6 and later: a json_path that finds nothing means the payload is not
      // this log; 1.5 took the payload itself (checked against the schema without envelope).
      const found = query(payload);
      if (found.length === 0)
        return semantics.jsonPathFallback && !envelope && !Array.isArray(payload)
          ? { items: [payload], rejected: [], enveloped: false }
          : undefined;
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
    if (log.jsonRegexKey !== undefined && !Array.isArray(payload)) {
      const field = payload[log.jsonRegexKey];
      // StreamAlert 3: a payload without the field is not this log; 1.x took it whole.
      if (!pyTruthy(field))
        return semantics.strictPayloadShape
          ? undefined
          : { items: [payload], rejected: [], enveloped: false };
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
      if (payload === NOT_JSON) return undefined;
      // StreamAlert 3 searched a JSON array with json_path (`[*]`: each element a record).
      const isArray = Array.isArray(payload);
      if (!isPlainObject(payload) && !(isArray && query && semantics.arrayPayloads))
        return undefined;
      const env = envelope?.pick(payload);
      // A payload without its envelope keys is not pulled apart (StreamAlert 1.x took it
      // whole; StreamAlert 3 refused it).
      if (envelope && !env && (semantics.strictPayloadShape || isArray)) return undefined;
      const pulled =
        envelope && !env
          ? { items: [payload], rejected: [], enveloped: false }
          : pullOut(payload as Record<string, unknown> | unknown[], input.bounds);
      if (!pulled) return undefined;
      const records: Record<string, unknown>[] = [];
      const rejected = pulled.rejected;
      if (env === undefined || !pulled.enveloped) {
        for (const item of pulled.items) {
          if (fits(item, plain)) records.push(item);
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
        if (!copyFirst && fits(item, plain)) records.push(item);
        else {
          const full = isPlainObject(item) ? withEnvelope(item, env) : item;
          if (copyFirst && fits(full, schema)) records.push(full);
          else rejected.push({ value: full, reason: keyDifference(full, schema) });
        }
      }
      return records.length > 0 ? { records, rejected, envelope: env } : undefined;
    },
  };
}
