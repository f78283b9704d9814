/**
 * The csv parser: one record per line, exactly one column per schema field, values
 * assigned in schema order and converted to the field's type.
 */
import type { LogDefinition } from '../../config/types.js';
import { compileSchema, MISMATCH } from '../schema.js';
import { splitQuoted, type Parse } from './types.js';

export function csvParser(log: LogDefinition): Parse {
  const schema = compileSchema(log.schema);
  const converters = schema.keys.map((k) => schema.fields.get(k)!);
  const delimiter = log.delimiter ?? ',';
  return (input) => {
    const records: Record<string, unknown>[] = [];
    const rejected: unknown[] = [];
    for (const line of input.text.split(/\r?\n/)) {
      if (line === '') continue;
      const columns = splitQuoted(line, delimiter);
      let record: Record<string, unknown> | undefined;
      if (columns.length === schema.keys.length) {
        record = {};
        for (let i = 0; i < columns.length; i++) {
          const v = converters[i]!(columns[i]);
          if (v === MISMATCH) {
            record = undefined;
            break;
          }
          record[schema.keys[i]!] = v;
        }
      }
      if (record) records.push(record);
      else rejected.push(line);
    }
    return records.length > 0 ? { records, rejected } : undefined;
  };
}
