/** What every parser shares. */
import {
  BadRecordError,
  DEFAULT_LIMITS,
  depthRefusal,
  jsonItems,
  jsonRefusal,
  mayBeDeeper,
  valueDepth,
  type JsonBounds,
} from '../limits.js';
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

/** JSON's whitespace, the only characters JSON.parse skips around a value. */
const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** The whole text of a JSON number, whitespace around it allowed. */
const JSON_NUMBER = /^[ \t\n\r]*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?[ \t\n\r]*$/;

/**
 * True when JSON.parse would throw on `text`, decided from its first characters: syslog,
 * csv and kv lines tried against a json log then cost a character test instead of a
 * thrown exception. Text that may be JSON (an object, array or string opening, or exactly
 * a number or literal) returns false and is parsed.
 */
export function cannotBeJson(text: string): boolean {
  let i = 0;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  if (i === text.length) return true; // empty or blank
  const c = text.charCodeAt(i);
  if (c === 0x7b || c === 0x5b || c === 0x22) return false; // { [ "
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return !JSON_NUMBER.test(text);
  const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
  if (word === undefined) return true;
  if (!text.startsWith(word, i)) return true;
  for (let j = i + word.length; j < text.length; j++)
    if (!isJsonSpace(text.charCodeAt(j))) return true;
  return false;
}

/** The bounds json() checks, defaults filled in: made once per classifier, shared by its inputs. */
export function jsonBounds(options: Partial<JsonBounds> = {}): JsonBounds {
  return {
    maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
    maxJsonItems: options.maxJsonItems ?? DEFAULT_LIMITS.maxJsonItems,
  };
}

/**
 * A class rather than an object of closures: one is made per raw record tried, so it keeps
 * to one small allocation (the parse runs only when a parser asks).
 */
class TextInput implements RawInput {
  private parsed: unknown;
  private done = false;
  private refusal: string | undefined;

  constructor(
    readonly text: string,
    readonly bounds: JsonBounds,
    readonly scope: object,
  ) {}

  json(): unknown {
    if (!this.done) {
      this.done = true;
      const text = this.text;
      const bounds = this.bounds;
      const first = text.trimStart()[0];
      // Text that may nest past the limit (many brackets) and holds no more items than the
      // memory allows is parsed first and its value's depth checked: cheaper than the text
      // walk (see valueDepth), and V8's JSON.parse is iterative. Text that does not parse
      // gets the text walk, so its refusal is the one it always had.
      const parseFirst =
        (first === '{' || first === '[') &&
        mayBeDeeper(text, bounds.maxDepth) &&
        jsonItems(text, bounds.maxJsonItems) <= bounds.maxJsonItems;
      if (parseFirst) {
        try {
          this.parsed = JSON.parse(text);
          if (valueDepth(this.parsed, bounds.maxDepth) > bounds.maxDepth) {
            this.parsed = undefined;
            this.refusal = depthRefusal(bounds);
          }
        } catch {
          this.parsed = NOT_JSON;
          this.refusal = jsonRefusal(text, bounds);
        }
      } else {
        if (first === '{' || first === '[') this.refusal = jsonRefusal(text, bounds);
        if (this.refusal === undefined) {
          if (cannotBeJson(text)) this.parsed = NOT_JSON;
          else {
            try {
              this.parsed = JSON.parse(text);
            } catch {
              this.parsed = NOT_JSON;
            }
          }
        }
      }
    }
    if (this.refusal !== undefined) throw new BadRecordError(this.refusal, this.text.slice(0, 200));
    return this.parsed;
  }
}

/** One raw record; `bounds` from jsonBounds(), shared. */
export function textInput(text: string, bounds: JsonBounds, scope: object): RawInput {
  return new TextInput(text, bounds, scope);
}

export function rawInput(text: string, options: RawInputOptions = {}): RawInput {
  return new TextInput(text, jsonBounds(options), options.scope ?? {});
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

/** A line reader's answer when only `extract` and `convert` can tell (see LogParser.readLine). */
export const UNDECIDED: unique symbol = Symbol('undecided');

/**
 * A log's parser: the records the payload holds for this log, or undefined when the
 * payload is not this log. Values are converted afterwards with `schema`, once the
 * classifier has picked the log.
 */
export interface LogParser {
  readonly extract: (input: RawInput) => Extracted | undefined;
  /**
   * True when `extract` takes only JSON payloads: text that cannot be JSON is never this log.
   */
  readonly jsonOnly?: boolean;
  /**
   * The typed record of a one-line payload, read without the raw record and the Extracted
   * around it (the rule processor's plain-line loop; a line costs about as much as those
   * objects): what extract + convert give when they give one typed record and no rejection;
   * undefined when the line is not this log; UNDECIDED for any other case (a value that does
   * not convert, a line the short reading does not cover). Absent when the log's options
   * need the general path (json_path, header, nested columns).
   */
  readonly readLine?: (text: string) => Record<string, unknown> | undefined | typeof UNDECIDED;
  /** Python-like conversion of an extracted record's values (and optional keys filled in); `envelope` from `Extracted`. */
  readonly convert: (
    record: Record<string, unknown>,
    envelope?: Record<string, unknown>,
  ) => Record<string, unknown> | ConversionFailure;
}
