/**
 * conf/lookup_tables.json (StreamAlert 3's), typed: what the rule processor loads into memory
 * and the build, IAM and memory checks read. Made once from JSON that passed validation
 * (src/config/processors/lookup-tables-schema.ts) — in the Lambda from the zip's copy.
 *
 * StreamAlert 3's defaults are kept: an s3 table is refreshed every 10 minutes, a dynamodb
 * table every 3; `compression: "gzip"` gunzips the object. What differs here is said in
 * docs/rules.md#lookup-tables: every table is held whole in memory (rules are synchronous,
 * so a lookup never waits on the network), each within a size and key-count bound.
 */

/** How an s3 table's object is written (StreamAlert 3 read JSON only). */
export type LookupFormat = 'json' | 'jsonl' | 'csv';
export const LOOKUP_FORMATS: readonly LookupFormat[] = ['json', 'jsonl', 'csv'];

/** Defaults of this project where StreamAlert had none (it had no bounds). */
export const LOOKUP_DEFAULTS = {
  s3RefreshMinutes: 10,
  dynamodbRefreshMinutes: 3,
  /** Keys a table may hold (StreamAlert's 0, "no limit", means this too). */
  maxKeys: 2_000_000,
  keyDelimiter: ':',
} as const;

interface TableBase {
  /** The name rules look it up by. */
  readonly name: string;
  readonly refreshMinutes: number;
  /** At most this many keys: a bigger object or table is refused (the last good version is kept). */
  readonly maxKeys: number;
  /**
   * A table that may not exist yet (a threat-intel feed before the collector's first run):
   * its records are judged without it instead of failing the invocation. Tried once at
   * cold start, then every `refreshMinutes`.
   */
  readonly optional?: boolean;
}

export interface S3LookupTable extends TableBase {
  readonly driver: 's3';
  readonly bucket: string;
  readonly key: string;
  /** "gzip": the object is gunzipped (an object that is not gzip is read as it is, as StreamAlert did). */
  readonly compression: 'gzip' | false;
  readonly format: LookupFormat;
  /** jsonl and csv: the field or column holding each row's key (jsonl default "key", csv the first column). */
  readonly keyColumn?: string;
  /**
   * Bytes the object may have once decompressed: `max_size_mb` when given; otherwise filled
   * in by the rule processor from its memory (lookupSizeBounds), undefined until then.
   */
  readonly maxBytes?: number;
}

export interface DynamoDbLookupTable extends TableBase {
  readonly driver: 'dynamodb';
  readonly table: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Joins partition and sort key values into the key rules look up ("pk:sk"). */
  readonly keyDelimiter: string;
  readonly valueKey: string;
  readonly consistentRead: boolean;
}

export type LookupTableConfig = S3LookupTable | DynamoDbLookupTable;

export interface LookupTablesConfig {
  /** StreamAlert's `enabled`: false (the default) loads no table. */
  readonly enabled: boolean;
  /** In the file's order. */
  readonly tables: readonly LookupTableConfig[];
}

export const NO_LOOKUP_TABLES: LookupTablesConfig = { enabled: false, tables: [] };

/** The format an s3 table's object key implies when `format` is not given. */
export function formatOfKey(key: string): LookupFormat {
  const k = key.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (k.endsWith('.csv')) return 'csv';
  if (k.endsWith('.jsonl') || k.endsWith('.ndjson')) return 'jsonl';
  return 'json';
}

/* Runs on a document the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** StreamAlert's `cache_maximum_key_count` 0 meant "no limit": here the default bound. */
const maxKeysOf = (d: any): number =>
  typeof d.cache_maximum_key_count === 'number' && d.cache_maximum_key_count > 0
    ? d.cache_maximum_key_count
    : LOOKUP_DEFAULTS.maxKeys;

export function toLookupTables(doc: unknown): LookupTablesConfig {
  if (doc === undefined || doc === null) return NO_LOOKUP_TABLES;
  const d = doc as any;
  const tables: LookupTableConfig[] = Object.entries((d.tables ?? {}) as Record<string, any>).map(
    ([name, t]): LookupTableConfig =>
      t.driver === 's3'
        ? {
            driver: 's3',
            name,
            bucket: t.bucket,
            key: t.key,
            compression: t.compression === 'gzip' ? 'gzip' : false,
            format: t.format ?? formatOfKey(t.key),
            ...(t.key_column !== undefined ? { keyColumn: t.key_column } : {}),
            refreshMinutes: t.cache_refresh_minutes ?? LOOKUP_DEFAULTS.s3RefreshMinutes,
            maxKeys: maxKeysOf(t),
            ...(t.max_size_mb !== undefined
              ? { maxBytes: Math.round(t.max_size_mb * 1024 * 1024) }
              : {}),
          }
        : {
            driver: 'dynamodb',
            name,
            table: t.table,
            partitionKey: t.partition_key,
            ...(t.sort_key ? { sortKey: t.sort_key } : {}),
            keyDelimiter: t.key_delimiter ?? LOOKUP_DEFAULTS.keyDelimiter,
            valueKey: t.value_key,
            consistentRead: t.consistent_read ?? false,
            refreshMinutes: t.cache_refresh_minutes ?? LOOKUP_DEFAULTS.dynamodbRefreshMinutes,
            maxKeys: maxKeysOf(t),
          },
  );
  return { enabled: d.enabled === true, tables };
}

/**
 * How much of the rule processor's memory lookup tables may take (bench/lookup-tables.ts
 * measures it): a loaded table holds about its object's size; while it reloads, the old
 * version stays and the new one is read as bytes, text and rows — up to `peakFactor` × its
 * size at once, and every table may reload in the same invocation. `baseMb` is the
 * function's own (Node.js, the AWS SDK, the rules, a batch).
 */
export const LOOKUP_MEMORY = { baseMb: 96, peakFactor: 4, minShareMb: 4 } as const;

const MB = 1024 * 1024;

/**
 * Each s3 table's size bound in a function of `memoryMb`: its `max_size_mb` when given;
 * otherwise an equal share of what the memory leaves after the base and the declared tables
 * (at least `minShareMb`). `validate` checks that these fit (src/config/lookup-memory.ts).
 */
export function lookupSizeBounds(
  tables: readonly LookupTableConfig[],
  memoryMb: number,
): Map<string, number> {
  const s3 = tables.filter((t): t is S3LookupTable => t.driver === 's3');
  const declared = s3.reduce((sum, t) => sum + (t.maxBytes ?? 0), 0) / MB;
  const open = s3.filter((t) => t.maxBytes === undefined).length;
  const left = memoryMb - LOOKUP_MEMORY.baseMb - LOOKUP_MEMORY.peakFactor * declared;
  const share = Math.max(
    LOOKUP_MEMORY.minShareMb,
    Math.floor(left / (LOOKUP_MEMORY.peakFactor * Math.max(open, 1))),
  );
  return new Map(s3.map((t) => [t.name, t.maxBytes ?? share * MB]));
}

/** The tables with every s3 bound filled in for a function of `memoryMb`. */
export function withSizeBounds(config: LookupTablesConfig, memoryMb: number): LookupTablesConfig {
  const bounds = lookupSizeBounds(config.tables, memoryMb);
  return {
    ...config,
    tables: config.tables.map((t) =>
      t.driver === 's3' ? { ...t, maxBytes: bounds.get(t.name)! } : t,
    ),
  };
}
