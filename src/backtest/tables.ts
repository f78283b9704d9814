/**
 * The lookup tables and threat-intel feeds' tables as they are, for the backtest's sample:
 * the sampled records are real, so the rules see the real tables (the fixtures keep the rows
 * they pin). Each s3 table's object is read here, within the size bound the rule processor
 * gives it, and written to the backtest's work folder; count.ts copies the files into each
 * rule set's compiled folder (the only folder the sandbox child may read), and the child
 * (no AWS credentials) decodes them as the rule processor does (src/sandbox/child.ts). A table that
 * cannot be read is left out with a note, never failing the backtest; a feed the collector
 * has not written yet is left out quietly. DynamoDB tables are not read (a Scan of a whole
 * table per plan): the sample's lookups in them find nothing, and a note says so.
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/types.js';
import { withSizeBounds, type S3LookupTable } from '../processors/config/lookup-tables.js';
import type { TableRows } from '../processors/lookup-tables/decode.js';
import { decodeS3Table, fetchS3Object } from '../processors/lookup-tables/loaders.js';
import type { LookupSource } from '../processors/lookup-tables/provider.js';

/** One table as the sandbox reads it: its configuration and the file holding its object. */
export interface LiveTable {
  table: S3LookupTable;
  file: string;
}

const why = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!;

export async function fetchLiveTables(
  config: Config,
  dir: string,
  client: () => S3Client,
): Promise<{ tables: LiveTable[]; notes: string[] }> {
  const configured = config.processors.lookupTables;
  const feeds = config.processors.threatIntel?.enabled ? config.processors.threatIntel.feeds : [];
  const all = [...(configured?.enabled ? configured.tables : []), ...feeds];
  if (all.length === 0) return { tables: [], notes: [] };
  // The bounds of the smallest rule processor: what fits it fits every cluster's.
  const memory = Math.min(
    ...config.clusters.map((c) => c.modules.streamAlert.ruleProcessor.memory),
  );
  const { tables } = withSizeBounds({ enabled: true, tables: all }, memory);
  const notes: string[] = [];
  const out: LiveTable[] = [];
  const dynamo = tables.filter((t) => t.driver === 'dynamodb').map((t) => t.name);
  if (dynamo.length > 0)
    notes.push(
      `lookup tables ${dynamo.join(', ')} (dynamodb) are not read by the backtest: the sample's lookups in them find nothing`,
    );
  let n = 0;
  for (const t of tables) {
    if (t.driver !== 's3') continue;
    try {
      const got = await fetchS3Object(client(), t, undefined);
      if (got === 'unchanged') continue;
      if (got === 'absent') {
        if (!t.optional)
          notes.push(
            `lookup table ${t.name}: s3://${t.bucket}/${t.key} does not exist; the sample is run without it`,
          );
        continue;
      }
      const file = path.join(dir, `table-${++n}`);
      await writeFile(file, got.body);
      out.push({ table: t, file });
    } catch (err) {
      notes.push(
        `lookup table ${t.name} could not be read (${why(err)}); the sample is run without it`,
      );
    }
  }
  return { tables: out, notes };
}

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
