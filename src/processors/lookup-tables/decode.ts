/**
 * A lookup table's object turned into the rows rules read: gunzipped within its size bound,
 * then read as JSON (one object, key → value: StreamAlert 3's form), JSON lines or CSV.
 * Every bound is checked while decoding, so a hostile or mistaken object (a gzip bomb, a
 * billion keys) fails the load with a message instead of exhausting the function's memory.
 */
import { gunzipSync } from 'node:zlib';
import type { LookupFormat, S3LookupTable } from '../config/lookup-tables.js';
import { readCsv } from '../rule-processor/parsers/csv-reader.js';

/** One loaded version of a table: read-only rows. */
export interface TableRows {
  /** The row of `key`, or undefined when there is none. */
  get(key: string): unknown;
  readonly size: number;
}

export interface DecodeOptions {
  format: LookupFormat;
  compression: 'gzip' | false;
  keyColumn?: string;
  maxBytes: number;
  maxKeys: number;
}

/** Deep-freezes a row: rows are shared by every record, a rule must not change them for the next. */
function freeze(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) freeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Rows of a JSON object kept as parsed: no second copy of a million keys. */
class ObjectRows implements TableRows {
  constructor(
    private readonly rows: Record<string, unknown>,
    readonly size: number,
  ) {}
  get(key: string): unknown {
    // Own keys only: "constructor" or "__proto__" is not a row.
    return Object.hasOwn(this.rows, key) ? this.rows[key] : undefined;
  }
}

class MapRows implements TableRows {
  constructor(private readonly rows: Map<string, unknown>) {}
  get size() {
    return this.rows.size;
  }
  get(key: string): unknown {
    return this.rows.get(key);
  }
}

/** Rows from a Map (DynamoDB items, a fixture's pinned rows). */
export function mapRows(rows: Map<string, unknown>): TableRows {
  for (const v of rows.values()) freeze(v);
  return new MapRows(rows);
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** The object's text: gunzipped when it says gzip and is gzip (else read as it is, as StreamAlert did). */
function textOf(body: Uint8Array, options: DecodeOptions): string {
  const gzip = options.compression === 'gzip' && body[0] === 0x1f && body[1] === 0x8b;
  if (!gzip) {
    if (body.length > options.maxBytes)
      throw new Error(
        `is ${mb(body.length)} MB, more than its size bound (max_size_mb, ${mb(options.maxBytes)} MB)`,
      );
    return Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
  }
  try {
    return gunzipSync(body, { maxOutputLength: options.maxBytes }).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(
        `decompresses to more than its size bound (max_size_mb, ${mb(options.maxBytes)} MB); raise max_size_mb (and the function's memory) or split the table`,
        { cause: err },
      );
    throw new Error(`gunzip failed: ${(err as Error).message}`, { cause: err });
  }
}

const tooMany = (max: number) =>
  new Error(`has more than cache_maximum_key_count (${max}) keys; raise it or split the table`);

/** Each non-empty line of `text` with its 1-based number, a trailing \r dropped. */
function* linesOf(text: string): Generator<[string, number]> {
  let line = 0;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const raw =
      text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (raw.trim() !== '') yield [raw, line];
  }
}

function decodeJson(text: string, options: DecodeOptions): TableRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`is not JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('must be a JSON object of key → value');
  let size = 0;
  for (const key in parsed) {
    if (++size > options.maxKeys) throw tooMany(options.maxKeys);
    freeze((parsed as Record<string, unknown>)[key]);
  }
  return new ObjectRows(parsed as Record<string, unknown>, size);
}

export function decodeTable(body: Uint8Array, options: DecodeOptions): TableRows {
  const text = textOf(body, options);
  if (options.format === 'json') return decodeJson(text, options);
  const rows = new Map<string, unknown>();
  const put = (key: unknown, row: unknown, line: number) => {
    if (typeof key !== 'string' && typeof key !== 'number')
      throw new Error(`line ${line}: the key column holds no string or number`);
    rows.set(String(key), freeze(row));
    if (rows.size > options.maxKeys) throw tooMany(options.maxKeys);
  };
  if (options.format === 'jsonl') {
    const column = options.keyColumn ?? 'key';
    for (const [raw, line] of linesOf(text)) {
      let row: unknown;
      try {
        row = JSON.parse(raw);
      } catch (err) {
        throw new Error(`line ${line} is not JSON: ${(err as Error).message}`, { cause: err });
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw new Error(`line ${line} must be a JSON object`);
      put((row as Record<string, unknown>)[column], row, line);
    }
    return new MapRows(rows);
  }
  // CSV: one row per line (a quoted field does not span lines), each line read on its own —
  // most by a split — instead of the whole object character by character.
  const dialect = { delimiter: ',', quotechar: '"' };
  let header: string[] | undefined;
  let keyAt = 0;
  for (const [raw, line] of linesOf(text)) {
    const cells = readCsv(raw, dialect)[0] ?? [];
    if (!header) {
      header = cells;
      keyAt = options.keyColumn === undefined ? 0 : header.indexOf(options.keyColumn);
      if (keyAt < 0)
        throw new Error(
          `has no column ${JSON.stringify(options.keyColumn)} (key_column) in its header`,
        );
      continue;
    }
    if (cells.length !== header.length)
      throw new Error(`line ${line} has ${cells.length} columns, the header ${header.length}`);
    const row: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) row[header[j]!] = cells[j]!;
    put(cells[keyAt], row, line);
  }
  if (!header) throw new Error('has no header line');
  return new MapRows(rows);
}

/**
 * Decodes an s3 table's object as the rule processor does (format, gzip, bounds). Here, not
 * beside the S3 loader, so the rule sandbox's child decodes without bundling an AWS client.
 */
export function decodeS3Table(body: Buffer, t: S3LookupTable) {
  return decodeTable(body, {
    format: t.format,
    compression: t.compression,
    keyColumn: t.keyColumn,
    maxBytes: t.maxBytes ?? 0,
    maxKeys: t.maxKeys,
  });
}
