/**
 * The lookup tables and threat-intel feeds' tables as they are, for the backtest's sample:
 * the sampled records are real, so the rules see the real tables (the fixtures keep the rows
 * they pin). Each s3 table's object is read here, within the size bound the rule processor
 * gives it, and written to the backtest's work folder; count.ts copies the files into each
 * rule set's compiled folder (the only folder the sandbox child may read), and the child
 * (no AWS credentials) decodes them as the rule processor does (src/sandbox/live-tables.ts). A table that
 * cannot be read is left out with a note, never failing the backtest; a feed the collector
 * has not written yet is left out quietly. DynamoDB tables are not read (a Scan of a whole
 * table per plan): the sample's lookups in them find nothing, and a note says so.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/types.js';
import { withSizeBounds } from '../processors/config/lookup-tables.js';
import { fetchS3Object } from '../processors/lookup-tables/loaders.js';
import type { LiveTable } from '../sandbox/live-tables.js';

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
