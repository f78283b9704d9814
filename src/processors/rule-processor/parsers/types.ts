/** What every parser shares. */
import { BadRecordError, DEFAULT_LIMITS, jsonRefusal, type JsonBounds } from '../limits.js';
import type { ConversionFailure } from '../schema.js';

/** Sentinel for input that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not-json');

/** One raw record, with its JSON parse done at most once however many schemas are tried. */
export interface RawInput {
  readonly text: string;
  /**
   * The parsed JSON, or NOT_JSON. Throws a BadRecordError (poison) for JSON nested deeper
   * than the limit or holding more items than the memory allows, before parsing, so no
   * later recursive walk can overflow the stack and no parse can exhaust the memory.
   */
  json(): unknown;
  /** The bounds json() checks; JSON found inside the record (embedded_json) is held to them too. */
  readonly bounds: JsonBounds;
  /**
   * Identity of the payload this text came from (one Kinesis record, one S3 object, one SNS
   * message): parser state such as a csv header's column order lives per scope, never per process.
   */
  readonly scope: object;
}

export interface RawInputOptions extends Partial<JsonBounds> {
  scope?: object;
}

export function rawInput(text: string, options: RawInputOptions = {}): RawInput {
  const bounds: JsonBounds = {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxJsonItems: options.maxJsonItems ?? DEFAULT_LIMITS.maxJsonItems,
  };
  let parsed: unknown;
  let done = false;
  let refusal: string | undefined;
  return {
    text,
    bounds,
    scope: options.scope ?? {},
    json() {
      if (!done) {
        done = true;
        const first = text.trimStart()[0];
        if (first === '{' || first === '[') refusal = jsonRefusal(text, bounds);
        if (refusal === undefined) {
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = NOT_JSON;
          }
        }
      }
      if (refusal !== undefined) throw new BadRecordError(refusal, text.slice(0, 200));
      return parsed;
    },
  };
}

/** A part of a payload that a log pulled out but that does not fit it. */
export interface Rejected {
  readonly value: unknown;
  readonly reason: string;
}

export interface Extracted {
  /** Records that passed the log's key (or column/field count) check, values not yet converted. */
  readonly records: Record<string, unknown>[];
  /** Parts (json_path items, embedded JSON) that did not: reported as unclassified, never dropped. */
  readonly rejected: Rejected[];
  /**
   * The payload's `envelope_keys`, which every record of `records` carries under
   * "streamalert:envelope_keys": attached by `convert`, not copied into each record first.
   */
  readonly envelope?: Record<string, unknown>;
}

/**
 * A log's parser: the records the payload holds for this log, or undefined when the
 * payload is not this log. Values are converted afterwards with `schema`, once the
 * classifier has picked the log.
 */
export interface LogParser {
  readonly extract: (input: RawInput) => Extracted | undefined;
  /** Python-like conversion of an extracted record's values (and optional keys filled in); `envelope` from `Extracted`. */
  readonly convert: (
    record: Record<string, unknown>,
    envelope?: Record<string, unknown>,
  ) => Record<string, unknown> | ConversionFailure;
}
