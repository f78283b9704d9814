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

export interface RecordLimits {
  /** Ceiling on a Kinesis record's decompressed size and on one line of an S3 object. */
  maxDecompressedBytes: number;
  /** Deepest JSON nesting a record may have. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: RecordLimits = {
  maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
  maxDepth: MAX_NESTING_DEPTH,
};

/** The limits of the Lambda's environment; an unset or unusable value keeps the default. */
export function limitsFromEnv(env: Record<string, string | undefined>): RecordLimits {
  const n = Number(env.MAX_DECOMPRESSED_BYTES);
  return {
    ...DEFAULT_LIMITS,
    maxDecompressedBytes: Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_DECOMPRESSED_BYTES,
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
  if (text.length <= limit || openingBrackets(text, limit) <= limit) return 0;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** How many `{` and `[` the text holds (strings included), counting stops past `limit`. */
function openingBrackets(text: string, limit: number): number {
  let n = 0;
  for (let i = text.indexOf('{'); i !== -1 && n <= limit; i = text.indexOf('{', i + 1)) n++;
  for (let i = text.indexOf('['); i !== -1 && n <= limit; i = text.indexOf('[', i + 1)) n++;
  return n;
}

/** JSON.parse, refusing (as poison) text nested deeper than `maxDepth`. */
export function parseJsonBounded(text: string, maxDepth: number): unknown {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new BadRecordError(
      `JSON nested more than ${maxDepth} levels deep (the limit)`,
      text.slice(0, 200),
    );
  }
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
