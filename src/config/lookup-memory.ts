/**
 * Lookup tables must fit the rule processor's memory: checked by `validate` (so before any
 * plan) for each cluster, from the s3 tables' size bounds — `max_size_mb` when declared,
 * else the share of the memory the processor gives the table (lookupSizeBounds) — never
 * from the objects themselves, which may not exist yet and may grow after the review. The
 * processor refuses to load an object past its bound, so the check holds at run time.
 * DynamoDB tables are bounded by key count only and are left out of the sum.
 */
import {
  LOOKUP_MEMORY,
  lookupSizeBounds,
  type LookupTableConfig,
  type LookupTablesConfig,
} from '../processors/config/lookup-tables.js';
import { escapePointerToken, type ConfigProblem } from './problems.js';
import type { ClusterConfig } from './types.js';

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

/** One problem per cluster whose rule processor the tables would not fit, on the largest table. */
export function lookupMemoryProblems(
  configured: LookupTablesConfig | undefined,
  clusters: readonly ClusterConfig[],
  file: string,
  /** The threat-intel feeds' tables (conf/threat_intel.json, `threatIntelFile`), held alike. */
  feeds: readonly LookupTableConfig[] = [],
  threatIntelFile = file,
): ConfigProblem[] {
  const tables = [...(configured?.enabled ? configured.tables : []), ...feeds];
  const s3 = tables.filter((t) => t.driver === 's3');
  if (s3.length === 0) return [];
  const isFeed = new Set(feeds.map((t) => t.name));
  return clusters.flatMap((c) => {
    const memory = c.modules.streamAlert.ruleProcessor.memory;
    const bounds = lookupSizeBounds(tables, memory);
    const total = [...bounds.values()].reduce((a, b) => a + b, 0);
    const need = Math.ceil(LOOKUP_MEMORY.baseMb + (LOOKUP_MEMORY.peakFactor * total) / MB);
    if (need <= memory) return [];
    const largest = s3.reduce((a, b) => (bounds.get(b.name)! > bounds.get(a.name)! ? b : a));
    const sizes = s3
      .map(
        (t) =>
          `${t.name} ${mb(bounds.get(t.name)!)} MB${t.driver === 's3' && t.maxBytes === undefined ? ' (its share)' : ''}`,
      )
      .join(', ');
    return [
      {
        ...(isFeed.has(largest.name)
          ? { file: threatIntelFile, pointer: '/feeds/max_size_mb' }
          : {
              file,
              pointer: `/tables/${escapePointerToken(largest.name)}${largest.driver === 's3' && largest.maxBytes !== undefined ? '/max_size_mb' : ''}`,
            }),
        message: `the lookup tables need about ${need} MB of the rule processor's memory (${LOOKUP_MEMORY.peakFactor} × their size bound while reloading: ${sizes}; plus ${LOOKUP_MEMORY.baseMb} MB), but cluster ${c.id}'s rule processor has ${memory} MB: lower max_size_mb or raise its memory`,
      },
    ];
  });
}
