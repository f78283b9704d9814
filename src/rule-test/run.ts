/**
 * Runs fixtures through the real rule processor core (classifier, rules engine) with
 * every rule loaded, in memory: alerts are collected instead of published, S3 objects
 * served from the fixture. Each record passes when exactly its trigger_rules fire.
 */
import type { Rule } from '../rules-api/index.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import { createClassifier } from '../processors/rule-processor/classifier.js';
import { createRuleProcessor } from '../processors/rule-processor/processor.js';
import { createRulesEngine } from '../processors/rule-processor/rules-engine.js';
import { createLogger } from '../processors/shared/logger.js';
import type { Alert } from '../processors/shared/alert.js';
import { mergeKeyOf, mergeSettingsOf, type MergeSettings } from '../processors/shared/merge.js';
import { mergeMatches } from '../processors/shared/merge-window.js';
import { fixtureEvent } from './events.js';
import type { FixtureRecord, MergedExpectation } from './fixtures.js';
import { installLookups } from '../processors/lookup-tables/provider.js';
import { pinnedLookups } from '../processors/lookup-tables/pinned.js';
import type { LookupSource } from '../processors/lookup-tables/provider.js';
import { createThreatIntelMatcher } from '../processors/threat-intel/match.js';
import { canonicalIndicator } from '../processors/threat-intel/indicators.js';
import {
  createCorrelator,
  memoryWindowState,
  type Correlator,
} from '../processors/sigma/correlate.js';
import { absenceAlerts, correlateAlerts } from '../processors/sigma/correlation-alerts.js';
import type { CompiledCorrelation } from '../processors/sigma/correlation.js';

/** Where a record's pinned indicators are matched from (the name alerts show as the feed). */
const PINNED_FEED = { name: 'threat_intel:test_fixtures', feed: 'test_fixtures' } as const;

/** A fixture's `test_fixtures.threat_intel` as a feed table: canonical value → row. */
function pinnedIndicators(fixture: FixtureRecord): LookupSource {
  const rows = new Map<string, unknown>();
  for (const i of fixture.threatIntel ?? []) {
    const key = canonicalIndicator(i.ioc_type, i.ioc_value);
    if (key !== undefined)
      rows.set(key, { type: i.ioc_type, ...(i.sub_type ? { sub_type: i.sub_type } : {}) });
  }
  return pinnedLookups({ [PINNED_FEED.name]: Object.fromEntries(rows) });
}

export interface CaseResult {
  fixture: FixtureRecord;
  passed: boolean;
  fired: string[];
  /** The log the record classified as, or undefined. */
  log?: string;
  problems: string[];
  /** The merge key values (mergeKeyOf) of the alerts of rules with merge_by_keys, for the backtest. */
  mergeKeys?: { rule: string; key: string }[];
  /** Rules that matched and were counted by a correlation rule, sending no alert of their own. */
  counted?: string[];
  /** The rule sandbox stopped on this record (a rule over its time or memory limit, or a crash). */
  stopped?: true;
}

export interface RunHooks {
  /** Before fixture `index` (of `fixtures`) runs. */
  beforeCase?: (index: number) => void;
  /** After it ran; awaited before the next one starts. */
  afterCase?: (result: CaseResult, index: number) => Promise<void> | void;
}

export async function runFixtures(
  fixtures: readonly FixtureRecord[],
  config: ProcessorsConfig,
  rules: readonly Rule[],
  hooks: RunHooks = {},
  /**
   * The backtest's sample: the lookup and feed tables as they are, for every record that
   * pins neither (`test` passes none: it runs offline).
   */
  live?: LookupSource,
  /** Sigma correlation rules: counted over each fixture file's records, in memory. */
  correlations: readonly CompiledCorrelation[] = [],
): Promise<CaseResult[]> {
  const logger = createLogger({ level: 'error', write: () => undefined });
  const classifier = createClassifier(config);
  // As StreamAlert 3's test: with threat_intel.json enabled, each record is matched against
  // the indicators its event pins (test_fixtures.threat_intel), never against the live feeds;
  // a backtest's sampled record (no pins) against the feeds' tables as they are.
  let indicators: LookupSource = pinnedIndicators({} as FixtureRecord);
  const pinnedMatcher = config.threatIntel?.enabled
    ? createThreatIntelMatcher(
        config.threatIntel,
        { lookup: (table, key) => indicators.lookup(table, key) },
        [PINNED_FEED],
      )
    : undefined;
  const liveMatcher =
    config.threatIntel?.enabled && live
      ? createThreatIntelMatcher(config.threatIntel, live)
      : undefined;
  let useLive = false;
  const matcher = pinnedMatcher && {
    normalizedTypes: pinnedMatcher.normalizedTypes,
    match: (
      record: Record<string, unknown>,
      normalized: Parameters<typeof pinnedMatcher.match>[1],
    ) => (useLive && liveMatcher ? liveMatcher : pinnedMatcher).match(record, normalized),
  };
  const engine = createRulesEngine(rules, logger, config.types, undefined, undefined, matcher);
  const results: CaseResult[] = [];
  const merging = new Map<string, MergeSettings>();
  for (const r of rules) {
    const settings = mergeSettingsOf(r);
    if (settings) merging.set(r.name, settings);
  }
  // The matches of merging rules in the current file: the file is one window.
  let file = '';
  let matches: Alert[] = [];
  let n = 0;
  // Correlations: each fixture file is a scenario with its own windows and clock.
  let correlator: Correlator | undefined;
  let clock = Date.now();
  for (const fixture of fixtures) {
    hooks.beforeCase?.(n);
    // The record's pinned lookup tables, or none: `test` runs offline, every other lookup
    // misses; a backtest's sampled record reads the tables as they are.
    installLookups(fixture.lookupTables ? pinnedLookups(fixture.lookupTables) : live);
    indicators = pinnedIndicators(fixture);
    useLive = live !== undefined && fixture.threatIntel === undefined;
    const { record, object } = fixtureEvent(fixture, ++n);
    const processor = createRuleProcessor({
      classifier,
      engine,
      logger,
      collectAlerts: true,
      publisher: { publish: async () => [] },
      objects: {
        async open(bucket, key) {
          if (!object || object.bucket !== bucket || object.key !== key)
            throw new Error(`no fixture object s3://${bucket}/${key}`);
          return [object.body];
        },
      },
    });
    const report = await processor.process({ Records: [record] });
    if (fixture.file !== file) {
      file = fixture.file;
      matches = [];
      correlator =
        correlations.length > 0 ? createCorrelator(correlations, memoryWindowState()) : undefined;
      clock = Date.now();
    }
    // A record with no time of its own arrives a second after the one before it.
    clock = fixture.time ?? clock + 1000;
    const alerts = correlator
      ? await correlateAlerts(report.alerts, correlator, {
          origin: `${fixture.file}#${fixture.index}`,
          arrival: clock,
          ...(fixture.time !== undefined ? { time: fixture.time } : {}),
        })
      : report.alerts;
    // Absence: the file's clock is the newest time it gave (a `time`, or a counted match's
    // event time); a wait whose deadline that clock passed alerts at this record.
    if (correlator) {
      const now = Math.max(fixture.time ?? -Infinity, correlator.latest ?? -Infinity);
      if (Number.isFinite(now)) {
        // Delivered at once (collected): marked sent, so a later record does not resend it.
        const marks: (() => Promise<void>)[] = [];
        alerts.push(
          ...(await absenceAlerts(correlator, now, (_a, m) => m.sent && marks.push(m.sent))),
        );
        for (const mark of marks) await mark();
      }
    }
    const fired = alerts.map((a) => a.rule_name).sort();
    const counted = correlator
      ? [
          ...new Set(
            report.alerts
              .filter((a) => correlator!.suppressed(a.rule_name))
              .map((a) => a.rule_name),
          ),
        ]
      : [];
    // The log the processor matched: for a gzipped record and for each line of an S3
    // object alike (several lines of one log give that log once).
    const logs = [...new Set(report.logs ?? [])];
    const log = logs.length > 0 ? logs.join(', ') : undefined;
    const problems: string[] = [];
    const classified = report.classified > 0 && report.unclassifiedCount === 0;
    if (fixture.classify && !classified) {
      const reasons = [...new Set(report.unclassified.map((u) => u.reason))].join('; ');
      problems.push(`did not classify: ${reasons || 'no records'}`);
    }
    if (!fixture.classify && report.classified > 0)
      problems.push(`was expected not to classify, but classified as ${log}`);
    if (fixture.log && classified && log !== fixture.log)
      problems.push(`classified as ${log}, expected ${fixture.log}`);
    if (fixture.classifyOnly) {
      // StreamAlert 3's classify_only (and `test --classify-only`): the rules' alerts are not checked.
      if (report.failedOrigins.length) problems.push('processing failed');
      const result: CaseResult = {
        fixture,
        passed: problems.length === 0,
        fired: [],
        log,
        problems,
      };
      results.push(result);
      await hooks.afterCase?.(result, n - 1);
      continue;
    }
    const expected = [...new Set(fixture.triggerRules)].sort();
    const firedSet = [...new Set(fired)];
    const missing = expected.filter((r) => !firedSet.includes(r));
    const extra = firedSet.filter((r) => !expected.includes(r));
    if (missing.length) problems.push(`expected to fire but did not: ${missing.join(', ')}`);
    if (extra.length) problems.push(`fired but not expected: ${extra.join(', ')}`);
    if (fixture.triggerCount !== undefined && fired.length !== fixture.triggerCount)
      problems.push(`raised ${fired.length} alert(s), expected ${fixture.triggerCount}`);
    if (report.failedOrigins.length) problems.push('processing failed');
    matches.push(...alerts.filter((a) => merging.has(a.rule_name)));
    if (fixture.merged) problems.push(...mergedProblems(fixture.merged, matches, merging));
    const mergeKeys = alerts.flatMap((a) => {
      const keys = merging.get(a.rule_name)?.keys ?? [];
      return keys.length > 0 ? [{ rule: a.rule_name, key: mergeKeyOf(a.record, keys) }] : [];
    });
    const result: CaseResult = {
      fixture,
      passed: problems.length === 0,
      fired,
      log,
      problems,
      ...(mergeKeys.length > 0 ? { mergeKeys } : {}),
      ...(counted.length > 0 ? { counted } : {}),
    };
    results.push(result);
    await hooks.afterCase?.(result, n - 1);
  }
  installLookups(undefined);
  return results;
}

/** True when `actual` has every value of `expected` (objects compared key by key, the rest as JSON). */
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected))
    return (
      typeof actual === 'object' &&
      actual !== null &&
      Object.entries(expected).every(([k, v]) =>
        contains((actual as Record<string, unknown>)[k], v),
      )
    );
  return JSON.stringify(actual) === JSON.stringify(expected);
}

/** The file's matches merged as the merger would (one window), against what the file expects. */
function mergedProblems(
  expected: readonly MergedExpectation[],
  matches: readonly Alert[],
  merging: ReadonlyMap<string, MergeSettings>,
): string[] {
  const groups = new Map<string, { alerts: Alert[]; settings: MergeSettings }>();
  for (const a of matches) {
    const settings = merging.get(a.rule_name)!;
    const key = `${a.rule_name}\n${mergeKeyOf(a.record, settings.keys)}`;
    const group = groups.get(key) ?? { alerts: [], settings };
    group.alerts.push(a);
    groups.set(key, group);
  }
  const actual = [...groups.values()]
    .filter((g) => g.alerts.length >= g.settings.threshold)
    // Fixtures have no clock: the matches keep their order, a millisecond apart.
    .map((g) =>
      mergeMatches(
        g.alerts.map((alert, i) => ({ alert, created: i })),
        g.settings.keys,
      ),
    );
  const problems: string[] = [];
  const unclaimed = new Set(actual);
  for (const e of expected) {
    if (!merging.has(e.rule)) {
      problems.push(`${e.pointer}: rule "${e.rule}" does not merge (no merge_window_mins)`);
      continue;
    }
    const found = actual.find(
      (a) =>
        unclaimed.has(a) &&
        a.rule_name === e.rule &&
        (e.mergedBy === undefined || contains(a.record.MergedBy, e.mergedBy)),
    );
    if (!found) {
      problems.push(
        `${e.pointer}: no merged alert of ${e.rule}${e.mergedBy ? ` merged by ${JSON.stringify(e.mergedBy)}` : ''} (a window below the rule's threshold sends none)`,
      );
      continue;
    }
    unclaimed.delete(found);
    if (found.record.AlertCount !== e.triggerCount)
      problems.push(
        `${e.pointer}: merged alert of ${e.rule} counts ${String(found.record.AlertCount)} match(es), expected ${e.triggerCount}`,
      );
    if (e.record && !contains(found.record, e.record))
      problems.push(
        `${e.pointer}: merged record of ${e.rule} does not contain ${JSON.stringify(e.record)}; it is ${JSON.stringify(found.record)}`,
      );
  }
  for (const a of unclaimed)
    problems.push(
      `merged alert not listed in /merged: ${a.rule_name} merged by ${JSON.stringify(a.record.MergedBy)} (${String(a.record.AlertCount)} matches)`,
    );
  return problems;
}
