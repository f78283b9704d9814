/**
 * How `lookup(table, key)` of src/rules-api reaches the tables: through one object under a
 * global symbol (a rule file imports its own copy of the rules API, so module identity
 * cannot carry it). The rules engine brackets each rule's evaluation with
 * `beginLookups`/`endLookups` to learn which rows the rule read: an alert carries them.
 */
import type { LookupResult } from './store.js';

/** The symbol src/rules-api/index.ts reads (it cannot import this file). */
export const LOOKUPS_SYMBOL = Symbol.for('streamalert-action.lookup-tables');

/** A row a rule read, as its alert carries it (`context.lookup_tables`). */
export interface LookupRow {
  table: string;
  key: string;
  found: boolean;
  value?: unknown;
}

/** Rows recorded per evaluation: a rule looking up in a loop must not grow an alert without end. */
export const MAX_RECORDED_LOOKUPS = 20;

export interface LookupSource {
  lookup(table: string, key: string): LookupResult;
}

let source: LookupSource | undefined;
let rows: LookupRow[] | null = null;

const provider = {
  lookup(table: string, key: string): LookupResult {
    const result = source ? source.lookup(table, key) : { found: false };
    const recorded = (rows ??= []);
    if (recorded.length < MAX_RECORDED_LOOKUPS)
      recorded.push(
        result.found
          ? { table, key, found: true, value: result.value }
          : { table, key, found: false },
      );
    return result;
  },
};

/** Makes `source` the tables rules read (undefined: none, every lookup misses). */
export function installLookups(next: LookupSource | undefined): void {
  source = next;
  (globalThis as Record<symbol, unknown>)[LOOKUPS_SYMBOL] = provider;
}

/** Starts recording the rows one rule evaluation reads. */
export function beginLookups(): void {
  rows = null;
}

/** The rows read since `beginLookups`, or null when none was. */
export function endLookups(): LookupRow[] | null {
  const r = rows;
  rows = null;
  return r;
}
