/**
 * The kv parser: `key<separator>value` fields split on `delimiter` (defaults " " and
 * "="), blank fields ignored, double quotes keeping a value with delimiters together.
 * The keys must be exactly the schema's: key names are what tell one KV log from another.
 */
import type { LogDefinition } from '../../config/types.js';
import { compileSchema, conform } from '../schema.js';
import { splitQuoted, type Parse } from './types.js';

export function kvParser(log: LogDefinition): Parse {
  const schema = compileSchema(log.schema);
  const delimiter = log.delimiter ?? ' ';
  const separator = log.separator ?? '=';
  return (input) => {
    const raw: Record<string, unknown> = {};
    for (const field of splitQuoted(input.text.trim(), delimiter)) {
      if (field === '') continue;
      const at = field.indexOf(separator);
      if (at <= 0 || at + separator.length >= field.length) return undefined;
      const key = field.slice(0, at);
      if (key in raw) return undefined;
      raw[key] = field.slice(at + separator.length);
    }
    const record = conform(raw, schema);
    return record ? { records: [record], rejected: [] } : undefined;
  };
}
