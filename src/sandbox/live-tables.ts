/**
 * The backtest's live tables inside the rule sandbox: the host (src/backtest/tables.ts) read
 * each s3 table's object into a file of the sandbox's folder; here, with no AWS credentials,
 * they are decoded as the rule processor decodes them.
 */
import { readFileSync } from 'node:fs';
import type { S3LookupTable } from '../processors/config/lookup-tables.js';
import type { TableRows } from '../processors/lookup-tables/decode.js';
import { decodeS3Table } from '../processors/lookup-tables/decode.js';
import type { LookupSource } from '../processors/lookup-tables/provider.js';

/** One table as the sandbox reads it: its configuration and the file holding its object. */
export interface LiveTable {
  table: S3LookupTable;
  file: string;
}

const why = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!;

/**
 * In the rule sandbox: the tables the host read, decoded as the rule processor decodes them.
 * One that does not decode is left out (its lookups find nothing), said on stderr.
 */
export function liveTables(tables: readonly LiveTable[]): LookupSource {
  const rows = new Map<string, TableRows>();
  for (const { table, file } of tables) {
    try {
      rows.set(table.name, decodeS3Table(readFileSync(file), table));
    } catch (err) {
      process.stderr.write(`lookup table ${table.name}: ${why(err)}\n`);
    }
  }
  return {
    lookup(table, key) {
      const value = rows.get(table)?.get(key);
      return value === undefined ? { found: false } : { found: true, value };
    },
  };
}
