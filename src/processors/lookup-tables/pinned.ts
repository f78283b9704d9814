/**
 * Lookup tables pinned by a rule fixture (StreamAlert 3's `test_fixtures.lookup_tables`):
 * table → key → row, read as the processor reads loaded tables, so `test` runs offline and
 * a fixture says exactly which rows its rule sees. A table the fixture does not pin finds
 * nothing.
 */
import { mapRows, type TableRows } from './decode.js';
import type { LookupSource } from './provider.js';

export type PinnedTables = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

export function pinnedLookups(tables: PinnedTables): LookupSource {
  const rows = new Map<string, TableRows>(
    Object.entries(tables).map(([name, t]) => [
      name,
      // A copy: the fixture's own objects are not frozen.
      mapRows(new Map(Object.entries(structuredClone(t)))),
    ]),
  );
  return {
    lookup(table, key) {
      const value = rows.get(table)?.get(key);
      return value === undefined ? { found: false } : { found: true, value };
    },
  };
}
