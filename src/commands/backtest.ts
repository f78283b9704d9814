/**
 * The backtest step of `plan`: for every rule file the pull request adds or changes, the
 * alerts its rules raise before (the base commit's rules) and after (the head's) over the
 * fixture corpus and over a bounded sample of the clusters' recent Firehose records. It
 * never fails the plan: every problem becomes a note in the report, and a backtest that
 * could not count says it stopped, and why (`stopped`).
 *
 * Bounded whatever the data holds: the time budget covers all of it (git, reading, both
 * rule sets), the sample is streamed into the rule sandbox a chunk at a time (see
 * backtest/count.ts and backtest/sample.ts), and its budgets count decompressed bytes and
 * records. This process holds at most one chunk of records (BYTES_PER_CHILD plus a line)
 * and one object's read buffers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changedRules } from '../backtest/changed-rules.js';
import { countBothSides, type RuleSetCounts } from '../backtest/count.js';
import { sampleRecords, type SampleBucket, type SampleProgress } from '../backtest/sample.js';
import type { BacktestReport, BacktestSettings, RuleBacktest } from '../backtest/types.js';

export type { BacktestSettings };
import { processorBundlesDir } from '../build/bundles.js';
import { sigmaContextOf } from '../build/rules.js';
import { loadProcessorsConfig } from '../config/processors/load.js';
import type { ClusterConfig, Config } from '../config/types.js';
import { loadFixtures } from '../rule-test/fixtures.js';
import type { S3Client } from '@aws-sdk/client-s3';
import { fetchLiveTables } from '../backtest/tables.js';
import { s3Client } from '../shared/s3-client.js';

export interface BacktestOptions extends BacktestSettings {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  awsEndpoint?: string;
  bundlesDir?: string;
  /** Another bucket reader than S3 (tests). */
  bucketOf?: (name: string, cluster: ClusterConfig) => SampleBucket;
  /** The S3 client the lookup and feed tables are read with (tests). */
  tablesClient?: () => S3Client;
  now?: number;
}

/** How many merge key values a rule's line shows. */
export const TOP_KEYS = 3;

const why = (err: unknown): string => String((err as Error)?.message ?? err).split('\n')[0]!;

function topKeys(counts: RuleSetCounts, rule: string): RuleBacktest['topKeys'] {
  const byKey = counts.keys.get(rule);
  if (!byKey) return [];
  return [...byKey.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_KEYS)
    .map(([key, count]) => {
      // mergeKeyOf's JSON list of values: shown as the values, one key's value bare.
      const values = JSON.parse(key) as unknown[];
      const text = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
      return { value: text, count };
    });
}

export async function backtestCommand(config: Config, o: BacktestOptions): Promise<BacktestReport> {
  const deadline = Date.now() + (o.timeBudgetSeconds ?? 60) * 1000;
  const report: BacktestReport = {
    base: o.base,
    baseAvailable: false,
    fixtureRecords: 0,
    rules: [],
    notes: [],
  };
  const work = await mkdtemp(path.join(tmpdir(), 'streamalert-backtest-'));
  try {
    const baseDir = path.join(work, 'base-rules');
    const changes = await changedRules(o.rulesDir, o.base, baseDir);
    report.baseAvailable = changes.baseAvailable;
    if (!changes.baseAvailable) report.notes.push(`before: ${changes.reason}; after-only counts`);
    if (changes.changed.length === 0) return report;
    try {
      await count(config, o, report, changes, baseDir, deadline, work);
    } catch (err) {
      report.stopped = why(err);
    }
  } catch (err) {
    report.stopped = why(err);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return report;
}

async function count(
  config: Config,
  o: BacktestOptions,
  report: BacktestReport,
  changes: Awaited<ReturnType<typeof changedRules>>,
  baseDir: string,
  deadline: number,
  work: string,
): Promise<void> {
  const { texts, config: processors } = await loadProcessorsConfig(o.configDir);
  const fixtures = await loadFixtures(o.fixturesDir);
  report.fixtureRecords = fixtures.records.length;
  const progress: SampleProgress = {
    stats: { records: 0, bytes: 0, objects: 0, hours: o.hours },
    notes: [],
  };
  const sample = sampleRecords(
    config,
    {
      hours: o.hours,
      maxBytes: o.maxMb * 1_000_000,
      ...(o.maxRecords !== undefined ? { maxRecords: o.maxRecords } : {}),
      deadline,
      now: o.now ?? Date.now(),
      ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
    },
    progress,
    o.bucketOf,
  );
  // The sample is real records: the rules see the tables as they are.
  let client: S3Client | undefined;
  const live = await fetchLiveTables(
    config,
    work,
    () =>
      (client ??=
        o.tablesClient?.() ??
        s3Client(config.global.account.region, o.awsEndpoint, {
          maxAttempts: 2,
          followRegionRedirects: true,
        })),
  ).finally(() => client?.destroy());
  report.notes.push(...live.notes);
  const withBase = changes.baseAvailable && changes.atBase.length > 0;
  const counted = await countBothSides({
    after: o.rulesDir,
    ...(withBase ? { before: baseDir } : {}),
    bundlesDir: processorBundlesDir(o.bundlesDir),
    conf: texts,
    sigma: sigmaContextOf(processors),
    fixtures: fixtures.records,
    sample,
    ...(live.tables.length > 0 ? { tables: live.tables } : {}),
    deadline,
  });
  const { after, before } = counted;
  report.notes.push(...progress.notes);
  if (counted.outOfTime)
    report.notes.push(
      `stopped at the time budget (${o.timeBudgetSeconds ?? 60} s): the counts cover ${counted.ran.fixtures} of ${fixtures.records.length} fixture records and the first ${counted.ran.sample} sampled records`,
    );
  if (counted.beforeError !== undefined)
    report.notes.push(`before: the base commit's rules could not be run: ${counted.beforeError}`);
  // Only the records the rules ran over are the sample (the time budget may cut it).
  const stats = { ...progress.stats, records: counted.ran.sample };
  if (stats.objects > 0 || progress.notes.length === 0) report.sample = stats;
  for (const [side, counts] of [
    ['before', before],
    ['after', after],
  ] as const)
    if (counts && counts.stopped > 0)
      report.notes.push(
        `${side}: the rule sandbox stopped on ${counts.stopped} record(s) (a rule over its time or memory limit; it was not run on the records after them): the counts are a lower bound`,
      );
  if (after.unclassifiedSample > 0)
    report.notes.push(
      `${after.unclassifiedSample} of ${stats.records} sampled records did not classify with conf/logs.json and sources.json`,
    );
  const changed = new Set(changes.changed);
  for (const [rule, file] of [...after.files].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!changed.has(file)) continue;
    const existed = before?.files.has(rule) ?? false;
    const side = (m: 'fixtures' | 'sample') => ({
      ...(existed ? { before: before![m].get(rule) ?? 0 } : {}),
      after: after[m].get(rule) ?? 0,
    });
    report.rules.push({
      rule,
      file,
      status: changes.baseAvailable && !existed ? 'new' : 'changed',
      fixtures: side('fixtures'),
      ...(report.sample ? { sample: side('sample') } : {}),
      topKeys: topKeys(after, rule),
    });
  }
}
