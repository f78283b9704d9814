/**
 * What one record may cost, and the two kinds of failure the rule processor tells apart:
 *
 * - `BadRecordError` (poison): retrying cannot help — corrupt or oversized compression,
 *   nesting deeper than `MAX_NESTING_DEPTH`, a record that cannot be serialized. The record
 *   is counted, logged and dead-lettered, never retried.
 * - `TransientError`: S3 reads and the like, which a retry may fix. The record is retried.
 *
 * Anything else thrown while a record is processed is deterministic too (the same record
 * would throw again), so the processor treats it as poison.
 */

/** Default ceiling on the bytes one record may decompress to (env MAX_DECOMPRESSED_BYTES). */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Records nested deeper than this are poison; checked before any parse or recursive walk. */
export const MAX_NESTING_DEPTH = 512;
/**
 * What one JSON item (a key or a value, counted by the `:` or `,` that precedes it) may
 * cost once parsed, at most. Measured with Node 20: 147 bytes per key of a two-million-key
 * object (two items each, so about 75 per item), 75 per `{"a":1}` element, 18 to 21 per
 * number or short string of an array.
 */
export const BYTES_PER_JSON_ITEM = 100;
/**
 * Shares of the function's memory one record may use: its decompressed text is held about
 * twice while it is read (the inflated bytes, then the string), and its parsed value gets a
 * quarter; the runtime, the rules and the batch's other work keep the rest.
 */
const TEXT_SHARE = 8;
const PARSE_SHARE = 4;

export interface RecordLimits {
  /** Ceiling on a Kinesis record's decompressed size and on one line of an S3 object. */
  maxDecompressedBytes: number;
  /** Deepest JSON nesting a record may have. */
  maxDepth: number;
  /**
   * Most JSON items (keys and values) one document may hold: checked by a scan of the
   * text before JSON.parse, so a record whose parsed value would not fit in memory is
   * poison before it is built.
   */
  maxJsonItems: number;
}

export const DEFAULT_LIMITS: RecordLimits = {
  maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
  maxDepth: MAX_NESTING_DEPTH,
  maxJsonItems: Number.MAX_SAFE_INTEGER,
};

const MiB = 1024 * 1024;

/** A byte count as the messages give it: "1.5 MiB", "512 bytes". */
export const sizeText = (n: number) =>
  n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MiB` : `${n} bytes`;

/**
 * The limits of the Lambda's environment; an unset or unusable value keeps the default.
 * AWS_LAMBDA_FUNCTION_MEMORY_SIZE (MB, set by Lambda) bounds both the decompressed bytes
 * (at most an eighth of the memory, whatever MAX_DECOMPRESSED_BYTES says) and the JSON
 * items: the ceiling is about the work a record costs, not only its bytes.
 */
export function limitsFromEnv(env: Record<string, string | undefined>): RecordLimits {
  const n = Number(env.MAX_DECOMPRESSED_BYTES);
  const configured = Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_DECOMPRESSED_BYTES;
  const memoryMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  if (!(Number.isSafeInteger(memoryMb) && memoryMb > 0))
    return { ...DEFAULT_LIMITS, maxDecompressedBytes: configured };
  const memory = memoryMb * MiB;
  return {
    ...DEFAULT_LIMITS,
    maxDecompressedBytes: Math.min(configured, Math.floor(memory / TEXT_SHARE)),
    maxJsonItems: Math.floor(memory / PARSE_SHARE / BYTES_PER_JSON_ITEM),
  };
}

/** A record that can never be processed: reported (unclassified + dead-lettered), not retried. */
export class BadRecordError extends Error {
  constructor(
    message: string,
    readonly sample: string,
  ) {
    super(message);
  }
}

/** A failure a retry may fix (S3 read, dead-letter queue unreachable): the record is retried. */
export class TransientError extends Error {}

/**
 * The deepest nesting of `[`/`{` in JSON text, counted outside strings, or `limit + 1` as
 * soon as it goes past `limit`. Linear and non-recursive.
 */
export function jsonDepth(text: string, limit: number): number {
  // Nesting deeper than the limit needs more opening brackets than that. Counting them with
  // indexOf (vectorized in V8) costs a few percent of JSON.parse on real records, where the
  // character walk below cost as much as the parse itself; it runs only when the count is
  // above the limit, so real records almost never pay for it.
  if (!mayBeDeeper(text, limit)) return 0;
  // Strings are skipped with indexOf (their characters are most of a record's text); only
  // the characters between them are looked at one by one.
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      if (i === -1) return max; // unterminated: the rest is inside the string
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * False when JSON text cannot nest deeper than `limit`: it is no longer than the limit, or
 * holds no more `{` and `[` (strings included) than that. Counted with indexOf.
 */
export function mayBeDeeper(text: string, limit: number): boolean {
  return text.length > limit && openingBrackets(text, limit) > limit;
}

/**
 * The nesting depth of a parsed JSON value (as jsonDepth counts it in its text: `[]` is 1),
 * or `limit + 1` as soon as it goes past `limit`. Iterative; it visits only the objects and
 * arrays, where jsonDepth must step over every string of the text: for a value JSON.parse
 * has built anyway (V8's parse is itself iterative, so deep text cannot overflow it) this is
 * the cheaper check. A key given twice keeps its last value, so a deep value shadowed by a
 * later one of the same key does not count (it is not in what the processor walks).
 */
export function valueDepth(root: unknown, limit: number): number {
  if (typeof root !== 'object' || root === null) return 0;
  let max = 0;
  const stack: object[] = [root];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const v = stack.pop()!;
    const d = depths.pop()!;
    if (d > max) {
      max = d;
      if (max > limit) return max;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'object' && x !== null) {
          stack.push(x);
          depths.push(d + 1);
        }
      }
    } else {
      for (const k in v) {
        const x: unknown = (v as Record<string, unknown>)[k];
        if (typeof x === 'object' && x !== null) {
          stack.push(x);
          depths.push(d + 1);
        }
      }
    }
  }
  return max;
}

/**
 * The index of the quote that ends the string opened at `open`, or -1 when none does: a
 * quote ends it when an even number of backslashes precede it (each backslash escapes the
 * character after it).
 */
function stringEnd(text: string, open: number): number {
  let j = text.indexOf('"', open + 1);
  while (j !== -1) {
    let backslashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return j;
    j = text.indexOf('"', j + 1);
  }
  return -1;
}

/** How many `{` and `[` the text holds (strings included), counting stops past `limit`. */
function openingBrackets(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf('{'); i !== -1 && n <= limit; i = text.indexOf('{', i + 1)) n++;
  for (let i = text.indexOf('['); i !== -1 && n <= limit; i = text.indexOf('[', i + 1)) n++;
  return n;
}

/**
 * How many JSON items (keys and values past the first of their container: the `:` and `,`
 * outside strings) the text holds, or `limit + 1` as soon as it goes past `limit`. Text
 * shorter than the limit cannot hold more (every item takes a character), and text with
 * fewer separators anywhere (strings included) cannot either: only a text that may be
 * over the limit pays for the character walk.
 */
export function jsonItems(text: string, limit: number): number {
  if (text.length <= limit || separators(text, limit) <= limit) return 0;
  let items = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = stringEnd(text, i);
      if (i === -1) return items;
    } else if ((c === 0x2c || c === 0x3a) && ++items > limit) return items;
  }
  return items;
}

/** How many `,` and `:` the text holds (strings included), counting stops past `limit`. */
function separators(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf(','); i !== -1 && n <= limit; i = text.indexOf(',', i + 1)) n++;
  for (let i = text.indexOf(':'); i !== -1 && n <= limit; i = text.indexOf(':', i + 1)) n++;
  return n;
}

/** The work bounds a JSON parse checks first; both default to the processor's own. */
export interface JsonBounds {
  maxDepth: number;
  maxJsonItems: number;
}

/**
 * Why JSON text must not be parsed (nested past the limit, more items than the memory
 * allows), or undefined when it may be. Scans only: nothing is built.
 */
export function jsonRefusal(text: string, bounds: JsonBounds): string | undefined {
  if (jsonDepth(text, bounds.maxDepth) > bounds.maxDepth) return depthRefusal(bounds);
  if (jsonItems(text, bounds.maxJsonItems) > bounds.maxJsonItems)
    return `JSON holds more than ${bounds.maxJsonItems.toLocaleString('en-US')} keys and values (the limit for the function's memory); not parsed`;
  return undefined;
}

/** jsonRefusal's reason for a value nested past the limit. */
export const depthRefusal = (bounds: JsonBounds) =>
  `JSON nested more than ${bounds.maxDepth} levels deep (the limit)`;

/** JSON.parse, refusing (as poison) text nested deeper than `maxDepth` or holding too many items. */
export function parseJsonBounded(
  text: string,
  maxDepth: number,
  maxJsonItems = DEFAULT_LIMITS.maxJsonItems,
): unknown {
  const refusal = jsonRefusal(text, { maxDepth, maxJsonItems });
  if (refusal) throw new BadRecordError(refusal, text.slice(0, 200));
  return JSON.parse(text);
}

/** JSON.stringify that never throws (deep or cyclic values give a note instead). */
export function safeStringify(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch (err) {
    return `(not serializable: ${(err as Error)?.message ?? String(err)})`;
  }
}
