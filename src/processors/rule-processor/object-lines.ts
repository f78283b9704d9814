/**
 * The lines of an S3 object: its body read as it arrives, gunzipped when it starts with the
 * gzip magic bytes, split at \n, \r\n or \r (as readline does), blank lines left out.
 *
 * A small object (most CloudTrail deliveries: kilobytes) is read whole and gunzipped in one
 * call, bounded by the line ceiling: a large object, or one whose gunzip fails or passes the
 * ceiling, is streamed from its first byte, so it is never held whole. Read errors are
 * TransientError; corrupt gzip and over-long lines are poison (BadRecordError).
 *
 * StreamAlert 3 first tried the whole object as one JSON document (`json.load`): with
 * `wholeJson`, an object read whole whose text is one JSON object or array (pretty-printed
 * over many lines included) is one record. An object too large to be read whole is split
 * into lines, as before.
 */
import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  BadRecordError,
  jsonRefusal,
  sizeText as size,
  TransientError,
  type RecordLimits,
} from './limits.js';
import type { ObjectSource } from './payloads.js';

/** The body's chunks; a failure to read them (network, S3) is transient. */
async function* readBody(
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  where: string,
): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (err) {
    throw new TransientError(`reading ${where} failed: ${(err as Error)?.message ?? String(err)}`);
  }
}

/** Gunzips when the stream starts with the gzip magic bytes; corrupt gzip is poison, read errors stay transient. */
async function* gunzipIfNeeded(
  body: AsyncIterable<Uint8Array>,
  where: string,
): AsyncIterable<Uint8Array> {
  const it = body[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  async function* all(): AsyncIterable<Uint8Array> {
    yield first.value;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
  }
  const head = first.value;
  if (!(head[0] === 0x1f && head[1] === 0x8b)) {
    yield* all();
    return;
  }
  const source = Readable.from(all());
  // 64 KiB out per call instead of 16: a quarter of the chunks through the line splitter.
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  // pipe() does not forward errors: a failed read must end the gunzip stream with that error.
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  try {
    // Leaving this loop early (the line limit) destroys the gunzip stream: inflation stops.
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (err) {
    if (err instanceof TransientError) throw err;
    throw new BadRecordError(
      `gzip data of ${where} does not decompress: ${(err as Error)?.message ?? String(err)}`,
      '',
    );
  } finally {
    source.destroy();
  }
}

/** A character String.prototype.trim keeps (\S is the complement of what it strips). */
const NOT_BLANK = /\S/;

/**
 * Non-empty lines (split at \n, \r\n or \r, as readline does) of a byte stream; a line
 * longer than `maxBytes` is poison and stops the reading there.
 */
async function* splitLines(
  bytes: AsyncIterable<Uint8Array>,
  maxBytes: number,
  where: string,
): AsyncIterable<string> {
  const decoder = new StringDecoder('utf8');
  // The pieces of the line not ended yet, joined once it ends: a line made of many chunks
  // (a CloudTrail object is one line) is then one flat string, not a rope of them.
  let pending: string[] = [];
  let restBytes = 0;
  let lineNo = 0;
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only a longer text needs counting.
  const tooLong = (text: string) =>
    text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes;
  for await (const chunk of bytes) {
    const parts = decoder
      .write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
      .split(/\r\n|\r|\n/);
    const last = parts.pop()!;
    for (const part of parts) {
      let line = part;
      if (pending.length > 0) {
        pending.push(part);
        line = pending.join('');
        pending = [];
      }
      restBytes = 0;
      lineNo++;
      if (tooLong(line))
        throw new BadRecordError(
          `line ${lineNo} of ${where} is longer than ${size(maxBytes)} (the limit)`,
          line.slice(0, 200),
        );
      if (NOT_BLANK.test(line)) yield line;
    }
    if (last !== '') pending.push(last);
    restBytes += Buffer.byteLength(last);
    if (restBytes > maxBytes)
      throw new BadRecordError(
        `line ${lineNo + 1} of ${where} is longer than ${size(maxBytes)} (the limit); reading stopped there`,
        pending.join('').slice(0, 200),
      );
  }
  const rest = pending.join('') + decoder.end();
  if (NOT_BLANK.test(rest)) {
    if (tooLong(rest))
      throw new BadRecordError(
        `line ${lineNo + 1} of ${where} is longer than ${size(maxBytes)} (the limit)`,
        rest.slice(0, 200),
      );
    yield rest;
  }
}

/** Compressed (or plain) bytes of an object read whole before it is decided how to split it. */
const WHOLE_BYTES = 1024 * 1024;

/** The share of the record ceiling an object's inflated text may have to be read whole. */
const WHOLE_SHARE = 4;

type Body = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The chunks already read, then the rest of the iterator's. */
async function* resume(
  head: readonly Uint8Array[],
  it: AsyncIterator<Uint8Array> | Iterator<Uint8Array>,
): AsyncIterable<Uint8Array> {
  yield* head;
  for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
}

/**
 * The non-blank lines of a whole object, or undefined when it must be streamed: its gunzip
 * fails, or it inflates past a quarter of `ceiling` (the stream then reads it line by line).
 * gzip's trailer gives the inflated size of a single-member object: one larger is not tried.
 * Gzip or not is told by the first chunk, as gunzipIfNeeded tells it.
 */
function wholeLines(
  chunks: readonly Uint8Array[],
  limits: RecordLimits,
  wholeJson: boolean,
): string[] | undefined {
  const ceiling = limits.maxDecompressedBytes;
  if (chunks.length === 0) return [];
  // Whole, the text is held three times at once (the inflated bytes, the string, its lines)
  // where limits.ts budgets a record's text about twice: only a quarter of the ceiling is
  // read whole, a larger object streams.
  const maxBytes = Math.floor(ceiling / WHOLE_SHARE);
  const bytes = Buffer.concat(chunks);
  let text: Buffer = bytes;
  if (chunks[0]![0] === 0x1f && chunks[0]![1] === 0x8b) {
    if (bytes.length >= 18 && bytes.readUInt32LE(bytes.length - 4) > maxBytes) return undefined;
    try {
      text = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch {
      return undefined;
    }
  } else if (bytes.length > maxBytes) return undefined;
  const all = text.toString('utf8');
  if (wholeJson && isOneJsonDocument(all, limits)) return [all];
  return nonBlankLines(all);
}

/**
 * The non-blank lines of a text split at \n, \r\n or \r. Line ends are found with indexOf
 * (memchr): a regex split walked every character of a CloudTrail object, which is one line
 * of tens of kilobytes, at a sixth of the cost of its JSON.parse.
 */
export function nonBlankLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
    const line = text.slice(start, end);
    if (NOT_BLANK.test(line)) lines.push(line);
    start = end === cr && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
    if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
    if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
  }
  const last = start === 0 ? text : text.slice(start);
  if (NOT_BLANK.test(last)) lines.push(last);
  return lines;
}

/**
 * True for a text of more than one line holding one JSON object or array (a one-line text
 * is one record either way). A document past the record bounds (depth, items) is left to the
 * line splitting, as a too large object is.
 */
function isOneJsonDocument(text: string, limits: RecordLimits): boolean {
  const lead = text.trimStart()[0];
  if ((lead !== '{' && lead !== '[') || !/[\r\n]/.test(text.trim())) return false;
  if (jsonRefusal(text, limits) !== undefined) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export async function* objectLines(
  source: ObjectSource,
  bucket: string,
  key: string,
  region: string | undefined,
  limits: RecordLimits,
  /** Bytes read before deciding (tests give -1 to stream every object). */
  wholeBytes = WHOLE_BYTES,
  /** StreamAlert 3: an object that is one JSON document is one record. */
  wholeJson = false,
): AsyncIterable<string> {
  const where = `s3://${bucket}/${key}`;
  let body: Body;
  try {
    body = await source.open(bucket, key, region);
  } catch (err) {
    throw new TransientError(`opening ${where} failed: ${(err as Error)?.message ?? String(err)}`);
  }
  const it =
    Symbol.asyncIterator in body
      ? body[Symbol.asyncIterator]()
      : (body as Iterable<Uint8Array>)[Symbol.iterator]();
  const head: Uint8Array[] = [];
  let read = 0;
  let ended = false;
  try {
    while (read <= wholeBytes) {
      const n = await it.next();
      if (n.done) {
        ended = true;
        break;
      }
      head.push(n.value);
      read += n.value.byteLength;
    }
  } catch (err) {
    throw new TransientError(`reading ${where} failed: ${(err as Error)?.message ?? String(err)}`);
  }
  const whole = ended ? wholeLines(head, limits, wholeJson) : undefined;
  if (whole) {
    yield* whole;
    return;
  }
  yield* splitLines(
    gunzipIfNeeded(readBody(resume(head, it), where), where),
    limits.maxDecompressedBytes,
    where,
  );
}
