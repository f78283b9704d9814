/**
 * The backtest step of `plan`: for every rule file the pull request adds or changes, the
 * alerts its rules raise before (the base commit's rules) and after (the head's) over the
 * fixture corpus and over a bounded sample of the clusters' recent Firehose records. It
 * never fails the plan: every problem becomes a note in the report.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { changedRules } from '../backtest/changed-rules.js';
import { countAlerts, type RuleSetCounts } from '../backtest/count.js';
import { readSample, type SampleBucket } from '../backtest/sample.js';
import type { BacktestReport, RuleBacktest } from '../backtest/types.js';
import { processorBundlesDir } from '../build/bundles.js';
import { loadProcessorsConfig } from '../config/processors/load.js';
import type { ClusterConfig, Config } from '../config/types.js';
import { loadFixtures } from '../rule-test/fixtures.js';

export interface BacktestSettings {
  /** The pull request's base commit. */
  base: string;
  /** How far back the sample reaches (default 6). */
  hours: number;
  /** At most this many MB are downloaded (default 50). */
  maxMb: number;
  /** Time budget of the sample's reading, in seconds (default 60). */
  timeBudgetSeconds?: number;
}

export interface BacktestOptions extends BacktestSettings {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  awsEndpoint?: string;
  bundlesDir?: string;
  /** Another bucket reader than S3 (tests). */
  bucketOf?: (name: string, cluster: ClusterConfig) => SampleBucket;
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

    const { texts } = await loadProcessorsConfig(o.configDir);
    const fixtures = await loadFixtures(o.fixturesDir);
    report.fixtureRecords = fixtures.records.length;
    const sample = await readSample(
      config,
      {
        hours: o.hours,
        maxBytes: o.maxMb * 1_000_000,
        deadline: Date.now() + (o.timeBudgetSeconds ?? 60) * 1000,
        now: o.now ?? Date.now(),
        ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
      },
      o.bucketOf,
    );
    report.notes.push(...sample.notes);
    if (sample.stats.objects > 0 || sample.notes.length === 0) report.sample = sample.stats;
    const records = [...fixtures.records, ...sample.records];
    const split = fixtures.records.length;
    const bundles = processorBundlesDir(o.bundlesDir);

    const after = await countAlerts(o.rulesDir, bundles, texts, records, split);
    let before: RuleSetCounts | undefined;
    if (changes.baseAvailable && changes.atBase.length > 0) {
      try {
        before = await countAlerts(baseDir, bundles, texts, records, split);
      } catch (err) {
        report.notes.push(`before: the base commit's rules could not be run: ${why(err)}`);
      }
    }
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
        `${after.unclassifiedSample} of ${sample.records.length} sampled records did not classify with conf/logs.json and sources.json`,
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
  } catch (err) {
    report.notes.push(`the backtest stopped: ${why(err)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return report;
}
