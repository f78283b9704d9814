/**
 * The csv parser, as StreamAlert's: every row has exactly one column per schema field,
 * assigned in schema order, and one row that does not fit fails the whole payload (which
 * is then reported unclassified, never dropped). A column whose schema is a nested object
 * is itself a csv row of that schema. `quotechar`/`escapechar` follow Python's csv module.
 *
 * With `json_path` (StreamAlert 2: CloudWatch Logs carrying csv lines) the payload is JSON,
 * the selected values are the csv text, and `envelope_keys` are attached as for json.
 *
 * `header: true` (this project's addition): a line whose columns are exactly the schema's
 * field names is a header and sets the column order of the lines after it — in the same
 * payload only (one S3 object, one Kinesis record: the input's `scope`), so a header-looking
 * record from one source never reorders another source's columns.
 */
import type { FieldSchema, LogDefinition } from '../../config/types.js';
import { semanticsOf, type Semantics } from '../generation.js';
import { compileSchema, compileSlotConverter, converterFor, isPlainObject } from '../schema.js';
import { readCsv, type CsvDialect } from './csv-reader.js';
import { compileEnvelope, ENVELOPE_KEY } from './envelope.js';
import { compileJsonPath } from './json-path.js';
import { NOT_JSON, UNDECIDED, type LogParser, type Rejected } from './types.js';

type RowReader = (
  columns: readonly string[],
  keys: readonly string[],
) => Record<string, unknown> | undefined;

function rowReader(schema: FieldSchema, dialect: CsvDialect): RowReader {
  const nested = new Map<string, { keys: readonly string[]; read: RowReader }>();
  for (const [key, type] of Object.entries(schema)) {
    if (isPlainObject(type) && Object.keys(type).length > 0) {
      nested.set(key, { keys: Object.keys(type), read: rowReader(type as FieldSchema, dialect) });
    }
  }
  return (columns, keys) => {
    if (columns.length !== keys.length) return undefined;
    const record: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const sub = nested.get(key);
      if (sub) {
        const inner = readCsv(columns[i]!, dialect);
        const value = inner.length === 1 ? sub.read(inner[0]!, sub.keys) : undefined;
        if (!value) return undefined;
        record[key] = value;
      } else record[key] = columns[i];
    }
    return record;
  };
}

export function csvParser(log: LogDefinition, semantics: Semantics = semanticsOf()): LogParser {
  const plain = compileSchema(log.schema);
  const convertPlain = converterFor(plain, semantics.keepFalsy);
  const envelope = compileEnvelope(log, [], semantics);
  const query = log.jsonPath ? compileJsonPath(log.jsonPath, semantics) : undefined;
  const dialect: CsvDialect = {
    delimiter: log.delimiter ?? ',',
    quotechar: log.quotechar ?? '"',
    escapechar: log.escapechar,
  };
  const read = rowReader(log.schema, dialect);
  const fields = new Set(plain.keys);
  /** Schema key of each column, in column order, per payload scope (set by a header line). */
  const columnKeysOf = new WeakMap<object, readonly string[]>();

  const isHeader = (columns: string[]): boolean =>
    log.header &&
    columns.length === fields.size &&
    new Set(columns).size === fields.size &&
    columns.every((c) => fields.has(c));

  /**
   * All rows of one csv text, or undefined when one of them does not fit (StreamAlert 1.x);
   * StreamAlert 3 (`perRecord`) keeps the rows that fit and hands back the others.
   */
  function rows(
    text: string,
    scope: object,
  ): { records: Record<string, unknown>[]; headers: number; rejected: Rejected[] } | undefined {
    const records: Record<string, unknown>[] = [];
    const rejected: Rejected[] = [];
    let headers = 0;
    for (const columns of readCsv(text, dialect)) {
      if (isHeader(columns)) {
        columnKeysOf.set(scope, columns);
        headers++;
        continue;
      }
      const record = read(columns, columnKeysOf.get(scope) ?? plain.keys);
      if (record) records.push(record);
      else if (!semantics.perRecord) return undefined;
      else
        rejected.push({
          value: columns,
          reason: `a csv row of ${columns.length} column(s) does not fit the ${plain.keys.length} of ${log.name}`,
        });
    }
    return { records, headers, rejected };
  }

  // A row read straight into the typed record: no json_path, no header line to track, no
  // nested column, and no key a plain record could not hold as its own.
  const fromColumns =
    !semantics.keepFalsy &&
    !query &&
    !log.header &&
    plain.keys.every((k) => !isPlainObject(log.schema[k]) && k !== '__proto__') &&
    !plain.keys.includes(ENVELOPE_KEY)
      ? compileSlotConverter(plain)
      : undefined;

  return {
    ...(query ? { jsonOnly: true } : {}),
    ...(fromColumns
      ? {
          readLine: (text: string) => {
            const found = readCsv(text, dialect);
            if (found.length !== 1) return found.length === 0 ? undefined : UNDECIDED;
            const columns = found[0]!;
            if (columns.length !== plain.keys.length) return undefined;
            return fromColumns(columns) ?? UNDECIDED;
          },
        }
      : {}),
    convert: (record, env) =>
      envelope && (env !== undefined || ENVELOPE_KEY in record)
        ? envelope.convert(record, env)
        : convertPlain(record),
    extract(input) {
      if (!query) {
        const found = rows(input.text, input.scope);
        // A header alone (an S3 object's first line) is classified, with nothing to check.
        if (!found || (found.records.length === 0 && found.headers === 0)) return undefined;
        return { records: found.records, rejected: found.rejected };
      }
      const payload = input.json();
      if (payload === NOT_JSON || !isPlainObject(payload)) return undefined;
      const env = envelope?.pick(payload);
      if (envelope && !env) return undefined;
      const texts = query(payload);
      if (texts.length === 0) return undefined;
      const records: Record<string, unknown>[] = [];
      const rejected: Rejected[] = [];
      for (const text of texts) {
        const found = typeof text === 'string' ? rows(text, input.scope) : undefined;
        if (found && found.records.length > 0) {
          for (const r of found.records) records.push(r);
          for (const r of found.rejected) rejected.push(r);
        } else
          rejected.push({
            value: text,
            reason: `the value ${log.jsonPath} selects is not a csv row of ${plain.keys.length} column(s)`,
          });
      }
      return records.length > 0
        ? { records, rejected, ...(env ? { envelope: env } : {}) }
        : undefined;
    },
  };
}
