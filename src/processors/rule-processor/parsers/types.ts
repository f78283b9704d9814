/** What every parser shares. */
import type { ConversionFailure } from '../schema.js';

/** Sentinel for input that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not-json');

/** One raw record, with its JSON parse done at most once however many schemas are tried. */
export interface RawInput {
  readonly text: string;
  json(): unknown;
}

export function rawInput(text: string): RawInput {
  let parsed: unknown;
  let done = false;
  return {
    text,
    json() {
      if (!done) {
        done = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = NOT_JSON;
        }
      }
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
}

/**
 * A log's parser: the records the payload holds for this log, or undefined when the
 * payload is not this log. Values are converted afterwards with `schema`, once the
 * classifier has picked the log.
 */
export interface LogParser {
  readonly extract: (input: RawInput) => Extracted | undefined;
  /** Python-like conversion of an extracted record's values (and optional keys filled in). */
  readonly convert: (record: Record<string, unknown>) => Record<string, unknown> | ConversionFailure;
}
