/**
 * `envelope_keys`: root-level keys of a JSON payload copied into every record pulled out of
 * it, under "streamalert:envelope_keys". Keys in `optional_envelope_keys` may be absent;
 * without them, a payload missing an envelope key gets no envelope (StreamAlert then took
 * the payload itself as the record).
 */
import type { LogDefinition } from '../../config/types.js';
import { semanticsOf, type Semantics } from '../generation.js';
import {
  converterFor,
  compileSchema,
  isPlainObject,
  withNestedField,
  type CompiledSchema,
  type RecordConverter,
} from '../schema.js';

export const ENVELOPE_KEY = 'streamalert:envelope_keys';

export interface Envelope {
  /** The envelope of a payload, or undefined when it lacks a required envelope key. */
  pick(payload: unknown): Record<string, unknown> | undefined;
  /** The log's schema with the envelope key added, for records that carry one. */
  readonly schema: CompiledSchema;
  /** `schema`'s converter: the envelope key's value is its second argument. */
  readonly convert: RecordConverter;
}

export function compileEnvelope(
  log: LogDefinition,
  optionalTopLevelKeys: readonly string[] = [],
  semantics: Semantics = semanticsOf(),
): Envelope | undefined {
  if (!log.envelopeKeys) return undefined;
  const keys = Object.keys(log.envelopeKeys);
  const optional = new Set(log.optionalEnvelopeKeys);
  const required = keys.filter((k) => !optional.has(k));
  const schema = compileSchema(
    { ...log.schema, [ENVELOPE_KEY]: log.envelopeKeys },
    optionalTopLevelKeys,
    log.extraTopLevelKeys,
  );
  // The nested envelope schema must know its optional keys, so conversion fills them in.
  const withFields = withNestedField(
    schema,
    ENVELOPE_KEY,
    compileSchema(log.envelopeKeys, log.optionalEnvelopeKeys),
  );
  return {
    schema: withFields,
    convert: converterFor(withFields, semantics.keepFalsy, ENVELOPE_KEY),
    pick(payload) {
      if (!isPlainObject(payload) || !required.every((k) => k in payload)) return undefined;
      const picked: Record<string, unknown> = {};
      for (const k of keys) if (k in payload) picked[k] = payload[k];
      return picked;
    },
  };
}

/** The record with the envelope added (a copy): for log_patterns and for the unclassified report, not the hot path. */
export function withEnvelope(
  record: Record<string, unknown>,
  envelope: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return envelope ? { ...record, [ENVELOPE_KEY]: envelope } : record;
}
