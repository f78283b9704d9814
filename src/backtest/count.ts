/**
 * Counting alerts: one rule set (a folder of rule files) run over records through the rule
 * sandbox, exactly as `test` runs the fixtures (classifier, rules engine, no credentials),
 * so a backtest count and a fixture result never disagree about what a rule does.
 */
import path from 'node:path';
import { sandboxInput, withCompiledRules } from '../build/rule-set.js';
import { sandboxRun, type SandboxLimits } from '../processors/sandbox/host.js';
import type { SandboxRequest } from '../processors/sandbox/protocol.js';
import type { FixtureRecord } from '../rule-test/fixtures.js';
import type { CaseResult } from '../rule-test/run.js';

export interface RuleSetCounts {
  /** Rule name → its file's name inside the rules folder. */
  files: Map<string, string>;
  /** Rule name → alerts over the first `split` records (the fixtures). */
  fixtures: Map<string, number>;
  /** Rule name → alerts over the records after `split` (the sample). */
  sample: Map<string, number>;
  /** Rule name → merge key value (mergeKeyOf's JSON text) → alerts, over all records. */
  keys: Map<string, Map<string, number>>;
  /** Sample records no log classified them as. */
  unclassifiedSample: number;
  /**
   * Records the sandbox stopped on (a rule too slow or out of memory): not counted, and the
   * rule at work is not run on the rest of that child's records.
   */
  stopped: number;
}

/**
 * Records per sandbox child. Every record and its result cross the IPC channel as JSON, and
 * one child holding 250,000 of them (50 MB of Firehose objects) ran out of its heap and
 * was restarted record after record, losing a fifth of the counts: chunks keep every child small.
 */
export const RECORDS_PER_CHILD = 20_000;

const bump = <K>(m: Map<K, number>, k: K, by = 1): void => {
  m.set(k, (m.get(k) ?? 0) + by);
};

/**
 * Runs the rules of `rulesDir` over `records`; the first `split` of them are the fixtures.
 * Throws (SandboxLoadError, a compile error) when the rules cannot be loaded at all.
 */
export async function countAlerts(
  rulesDir: string,
  bundlesDir: string,
  conf: NonNullable<SandboxRequest['conf']>,
  records: FixtureRecord[],
  split: number,
  limits?: Partial<SandboxLimits>,
): Promise<RuleSetCounts> {
  return withCompiledRules(rulesDir, bundlesDir, async (dir, _files, fileNames) => {
    const input = {
      ...sandboxInput(bundlesDir, dir, fileNames, limits),
      // A rule's console output over thousands of real records is noise in the plan log.
      onOutput: () => undefined,
    };
    const counts: RuleSetCounts = {
      files: new Map(),
      fixtures: new Map(),
      sample: new Map(),
      keys: new Map(),
      unclassifiedSample: 0,
      stopped: 0,
    };
    // At least one child, even without records: it names the rules' files.
    for (let start = 0; start === 0 || start < records.length; start += RECORDS_PER_CHILD) {
      const chunk = records.slice(start, start + RECORDS_PER_CHILD);
      const { rules, results } = await sandboxRun(input, { conf, records: chunk });
      for (const r of rules) counts.files.set(r.name, path.basename(r.file));
      add(counts, results, split - start);
    }
    return counts;
  });
}

function add(counts: RuleSetCounts, results: readonly CaseResult[], split: number): void {
  results.forEach((r, i) => {
    const into = i < split ? counts.fixtures : counts.sample;
    for (const name of r.fired) bump(into, name);
    for (const { rule, key } of r.mergeKeys ?? []) {
      const byKey = counts.keys.get(rule) ?? new Map<string, number>();
      bump(byKey, key);
      counts.keys.set(rule, byKey);
    }
    if (i >= split && r.problems.some((p) => p.startsWith('did not classify')))
      counts.unclassifiedSample += 1;
    if (r.stopped) counts.stopped += 1;
  });
}
