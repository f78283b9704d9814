/**
 * The csv parser: one record per line, exactly one column per schema field, values
 * converted to the field's type. Columns follow the schema's order, unless the log has
 * `header: true`: then a line whose columns are exactly the schema's field names is a
 * header — not a record, not a rejection — and sets the column order for the lines after
 * it (an S3 object's first line, typically). Headers are recognised by content because
 * S3 objects reach the parser line by line.
 */
import type { LogDefinition } from '../../config/types.js';
import { compileSchema, MISMATCH } from '../schema.js';
import { splitQuoted, type Parse } from './types.js';

export function csvParser(log: LogDefinition): Parse {
  const schema = compileSchema(log.schema);
  const delimiter = log.delimiter ?? ',';
  const fields = new Set(schema.keys);
  /** Schema key of each column, in column order. */
  let columnKeys: readonly string[] = schema.keys;

  const isHeader = (columns: string[]): boolean =>
    log.header && columns.length === fields.size && new Set(columns).size === fields.size && columns.every((c) => fields.has(c));

  return (input) => {
    const records: Record<string, unknown>[] = [];
    const rejected: unknown[] = [];
    let headers = 0;
    for (const line of input.text.split(/\r?\n/)) {
      if (line === '') continue;
      const columns = splitQuoted(line, delimiter);
      if (isHeader(columns)) {
        columnKeys = columns;
        headers++;
        continue;
      }
      let record: Record<string, unknown> | undefined;
      if (columns.length === columnKeys.length) {
        record = {};
        for (let i = 0; i < columns.length; i++) {
          const key = columnKeys[i]!;
          const v = schema.fields.get(key)!(columns[i]);
          if (v === MISMATCH) {
            record = undefined;
            break;
          }
          record[key] = v;
        }
      }
      if (record) records.push(record);
      else rejected.push(line);
    }
    // A header alone (an S3 object's first line) is classified, with nothing to check.
    if (records.length > 0 || (headers > 0 && rejected.length === 0)) return { records, rejected };
    return undefined;
  };
}
