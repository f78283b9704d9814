/**
 * The json parser: the payload (or the records `json_path` pulls out of it, with the
 * root's `envelope_keys` attached under "streamalert:envelope_keys") checked against
 * the schema. StreamAlert's rules: no json_path match → the payload itself is the record;
 * a payload missing an envelope key → no extraction.
 */
import type { LogDefinition } from '../../config/types.js';
import { compileSchema, conform, isPlainObject } from '../schema.js';
import { compileJsonPath } from './json-path.js';
import { NOT_JSON, type Parse } from './types.js';

export const ENVELOPE_KEY = 'streamalert:envelope_keys';

export function jsonParser(log: LogDefinition): Parse {
  const plain = compileSchema(log.schema, log.optionalTopLevelKeys);
  const query = log.jsonPath ? compileJsonPath(log.jsonPath) : undefined;
  const envelopeKeys = log.envelopeKeys ? Object.keys(log.envelopeKeys) : [];
  const envelopeSchema = log.envelopeKeys ? compileSchema(log.envelopeKeys) : undefined;
  const withEnvelope = log.envelopeKeys ? compileSchema({ ...log.schema, [ENVELOPE_KEY]: log.envelopeKeys }, log.optionalTopLevelKeys) : undefined;

  return (input) => {
    const payload = input.json();
    if (payload === NOT_JSON) return undefined;
    let envelope: Record<string, unknown> | undefined;
    if (envelopeSchema && isPlainObject(payload) && envelopeKeys.every((k) => k in payload)) {
      const picked: Record<string, unknown> = {};
      for (const k of envelopeKeys) picked[k] = payload[k];
      envelope = conform(picked, envelopeSchema);
      if (!envelope) return undefined;
    }
    const extracted = query && (!envelopeSchema || envelope) ? query(payload) : [];
    if (extracted.length === 0) {
      const record = conform(payload, plain);
      return record ? { records: [record], rejected: [] } : undefined;
    }
    const records: Record<string, unknown>[] = [];
    const rejected: unknown[] = [];
    for (const item of extracted) {
      const record = envelope && withEnvelope ? (isPlainObject(item) ? conform({ ...item, [ENVELOPE_KEY]: envelope }, withEnvelope) : undefined) : conform(item, plain);
      if (record) records.push(record);
      else rejected.push(item);
    }
    return records.length > 0 ? { records, rejected } : undefined;
  };
}
