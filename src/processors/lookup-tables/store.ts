/**
 * The lookup tables in memory: every configured table loaded at cold start, then reloaded
 * once its `cache_refresh_minutes` have passed, in the background of an invocation (the
 * records are judged against the version already loaded; the invocation ends only once the
 * reload has finished, so a frozen container never holds half a download).
 *
 * A reload builds the new version aside and swaps it in with one assignment: a rule never
 * sees half a table. A reload that fails (the object gone, corrupt, over its bounds) keeps
 * the last good version, logs why and counts `LookupTableRefreshFailures`; it is tried
 * again after another `cache_refresh_minutes`. A table that never loaded fails the
 * invocation (its records are retried) rather than judging them against nothing — unless
 * it is `optional` (a threat-intel feed the collector has not written yet): an optional
 * table whose object does not exist is no failure (no error line, no metric), only noted;
 * once it has had a version, its object vanishing is a failure like any other.
 */
import type { LookupTableConfig } from '../config/lookup-tables.js';
import type { Logger } from '../shared/logger.js';
import type { TableRows } from './decode.js';

/**
 * Loads one version of a table. `previous`: the version's tag, to skip an unchanged object.
 * 'absent': the object does not exist (S3 said so), told apart from a failure to read it.
 */
export type TableLoader = (
  table: LookupTableConfig,
  previous: string | undefined,
) => Promise<{ rows: TableRows; tag?: string } | 'unchanged' | 'absent'>;

export interface LookupResult {
  found: boolean;
  value?: unknown;
}

export interface LookupStore {
  /** The row of `key` in `table` (a table that is not configured finds nothing, logged once). */
  lookup(table: string, key: string): LookupResult;
  /** Loads every table that has no version yet; rejects when one of them cannot be loaded. */
  ready(): Promise<void>;
  /**
   * Starts the reloads that are due (none when none is) and returns when they have finished;
   * never rejects (a failed reload keeps the last good version).
   */
  refreshDue(): Promise<void>;
  /** What is loaded, per table: keys and when (for logs and tests). */
  status(): { table: string; keys: number; loadedAt: number }[];
}

interface Slot {
  readonly config: LookupTableConfig;
  version?: { rows: TableRows; tag?: string; loadedAt: number };
  /** When the last load was tried (success or not): the next is due refreshMinutes later. */
  triedAt: number;
  loading?: Promise<void>;
  /** An optional table found absent has been logged at info (later tries log at debug). */
  absentNoted?: boolean;
}

export interface LookupStoreOptions {
  tables: readonly LookupTableConfig[];
  load: TableLoader;
  logger: Logger;
  /** Milliseconds since the epoch; injectable so tests need not wait minutes. */
  now?: () => number;
}

/** How many unknown table names are remembered (rules may build names from records). */
const UNKNOWN_NAMES_MAX = 100;

export function createLookupStore(options: LookupStoreOptions): LookupStore {
  const now = options.now ?? Date.now;
  const { logger } = options;
  const slots = new Map<string, Slot>(
    options.tables.map((t) => [t.name, { config: t, triedAt: -Infinity }]),
  );
  const unknown = new Set<string>();

  const describe = (t: LookupTableConfig) =>
    t.driver === 's3' ? `s3://${t.bucket}/${t.key}` : `dynamodb:${t.table}`;

  /** One load of `slot`; a failure is logged and rethrown, the slot keeps its version. */
  function load(slot: Slot): Promise<void> {
    if (slot.loading) return slot.loading;
    const started = now();
    slot.triedAt = started;
    const promise = options
      .load(slot.config, slot.version?.tag)
      .then((loaded) => {
        if (loaded === 'unchanged') {
          logger.debug('lookup table unchanged', { table: slot.config.name });
          return;
        }
        if (loaded === 'absent') {
          if (!slot.config.optional || slot.version) throw new Error('the object does not exist');
          // Said at info once per container, then at debug: it is tried every refresh.
          (slot.absentNoted ? logger.debug : logger.info).call(
            logger,
            'lookup table not written yet; its records are judged without it',
            { table: slot.config.name, source: describe(slot.config) },
          );
          slot.absentNoted = true;
          return;
        }
        // The swap: one assignment, between two records at the earliest.
        slot.version = { rows: loaded.rows, tag: loaded.tag, loadedAt: now() };
        logger.info('lookup table loaded', {
          table: slot.config.name,
          source: describe(slot.config),
          keys: loaded.rows.size,
        });
      })
      .catch((err: unknown) => {
        const message = (err as Error)?.message ?? String(err);
        logger.metric('LookupTableRefreshFailures', 1);
        logger.error(
          slot.version
            ? 'lookup table reload failed; the last good version is kept'
            : 'lookup table could not be loaded',
          {
            table: slot.config.name,
            source: describe(slot.config),
            error: message,
            ...(slot.version
              ? { kept_version_loaded_at: new Date(slot.version.loadedAt).toISOString() }
              : {}),
          },
        );
        throw new Error(
          `lookup table "${slot.config.name}" (${describe(slot.config)}): ${message}`,
        );
      })
      .finally(() => {
        slot.loading = undefined;
      });
    slot.loading = promise;
    return promise;
  }

  return {
    lookup(table, key) {
      const slot = slots.get(table);
      if (!slot) {
        if (!unknown.has(table) && unknown.size < UNKNOWN_NAMES_MAX) {
          unknown.add(table);
          logger.error('lookup of a table that is not in conf/lookup_tables.json', {
            table,
            known: [...slots.keys()],
          });
        }
        return { found: false };
      }
      const value = slot.version?.rows.get(key);
      return value === undefined ? { found: false } : { found: true, value };
    },
    async ready() {
      // An optional table is awaited at its first try only (failing or not); afterwards it
      // is reloaded in the background like a refresh, so a missing feed costs no GET per batch.
      const slotsToLoad = [...slots.values()].filter(
        (s) => !s.version && (!s.config.optional || s.triedAt === -Infinity || s.loading),
      );
      await Promise.all(
        slotsToLoad.map((s) => (s.config.optional ? load(s).catch(() => undefined) : load(s))),
      );
    },
    async refreshDue() {
      const t = now();
      const due = [...slots.values()].filter(
        (s) => s.loading || t - s.triedAt >= s.config.refreshMinutes * 60_000,
      );
      await Promise.all(due.map((s) => load(s).catch(() => undefined)));
    },
    status() {
      return [...slots.values()].map((s) => ({
        table: s.config.name,
        keys: s.version?.rows.size ?? 0,
        loadedAt: s.version?.loadedAt ?? 0,
      }));
    },
  };
}
