/**
 * Runs the rule fixtures (tests/rules/*.json) through the rule processor's classifier and
 * every rule, as StreamAlert's `lambda test` did. The `test` command prints the text;
 * `plan` (pipeline.ts) puts the counts and failing fixtures into the report and the
 * pull-request comment; promote (src/promote/verify.ts) checks an edited rule set with it. The rules run in the rule sandbox (a child process without
 * credentials, with a time and a memory limit): a rule that hangs or exhausts memory is
 * one failed fixture naming the rule.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { processorBundlesDir } from '../build/bundles.js';
import {
  checkLoad,
  loadFailure,
  RulesError,
  sandboxInput,
  withCompiledRules,
} from '../build/rule-set.js';
import { loadProcessorsConfig } from '../config/processors/load.js';
import { sigmaContextOf } from '../build/rules.js';
import { sandboxRun, type SandboxLimits } from '../sandbox/host.js';
import { loadFixtures } from '../rule-test/fixtures.js';
import { formatText, summarize, type RuleTestSummary } from '../rule-test/report.js';

export interface TestOptions {
  configDir: string;
  rulesDir: string;
  /** Test events (its folders too); StreamAlert 3's beside the rules in rulesDir are read as well. */
  fixturesDir: string;
  /** StreamAlert's `manage.py test classifier`: every event checks its classification only. */
  classifyOnly?: boolean;
  bundlesDir?: string;
  /** The sandbox's limits (default 60 s per fixture, 512 MB). */
  limits?: Partial<SandboxLimits>;
  /** Where the rules' own console output goes (default: stderr, prefixed "rule output: "). */
  onRuleOutput?: (line: string) => void;
}

export interface TestResult {
  ok: boolean;
  summary: RuleTestSummary;
  /** Fixture files that are malformed, or no fixtures at all (a failure too). */
  problems: string[];
  /** Accepted but not run (StreamAlert 3's publisher_tests...), one line per file. */
  notes: string[];
  text: string;
}

export async function runRuleTests(options: TestOptions): Promise<TestResult> {
  const { config, texts } = await loadProcessorsConfig(options.configDir);
  const bundles = processorBundlesDir(options.bundlesDir);
  const {
    records: loaded,
    problems,
    notes,
  } = await loadTestEvents(options.fixturesDir, options.rulesDir);
  const records = options.classifyOnly ? loaded.map((r) => ({ ...r, classifyOnly: true })) : loaded;
  const { rules, results } = await withCompiledRules(
    options.rulesDir,
    bundles,
    sigmaContextOf(config),
    async (dir, _files, fileNames) => {
      let rejected: RulesError | undefined;
      const input = {
        ...sandboxInput(bundles, dir, fileNames, options.limits),
        ...(options.onRuleOutput ? { onOutput: options.onRuleOutput } : {}),
      };
      const run = await sandboxRun(input, { conf: texts, records }, (load) => {
        rejected = checkLoad(options.rulesDir, load, config);
        return rejected === undefined;
      }).catch((err: unknown) => loadFailure(options.rulesDir, err));
      if (rejected) throw rejected;
      return run;
    },
  );
  const summary = summarize(
    results,
    rules.map((r) => r.name),
  );
  const text =
    (problems.length ? `${problems.join('\n')}\n\n` : '') +
    (notes.length ? `${notes.map((n) => `note: ${n}`).join('\n')}\n\n` : '') +
    // "(0/0) rule tests passed" says nothing; the problem above names the folder.
    (records.length > 0 ? formatText(summary) : '');
  return {
    ok: summary.failed === 0 && problems.length === 0 && records.length > 0,
    summary,
    problems,
    notes,
    text,
  };
}

const inside = (dir: string, parent: string) => {
  const rel = path.relative(path.resolve(parent), path.resolve(dir));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The test events of the fixtures folder and, as StreamAlert 3 kept them, of the rules
 * folder (each folder once, when one holds the other). No events at all is a problem naming
 * where they were looked for.
 */
async function loadTestEvents(fixturesDir: string, rulesDir: string) {
  const dirs = inside(fixturesDir, rulesDir)
    ? [rulesDir]
    : inside(rulesDir, fixturesDir)
      ? [fixturesDir]
      : [fixturesDir, rulesDir];
  const now = Date.now();
  const parts = await Promise.all(dirs.map((d) => loadFixtures(d, now, { optional: true })));
  const records = parts.flatMap((p) => p.records);
  const problems = parts.flatMap((p) => p.problems);
  const notes = parts.flatMap((p) => p.notes);
  if (records.length === 0 && problems.length === 0) {
    const found = parts.reduce((n, p) => n + p.files, 0);
    problems.push(
      `${fixturesDir}: no test events found: ${found === 0 ? 'no *.json files' : `${found} *.json file(s), all without records`} in it or its folders${dirs.includes(rulesDir) && rulesDir !== fixturesDir ? ` (nor beside the rules in ${rulesDir})` : ''}${existsSync(fixturesDir) ? '' : '; the folder does not exist'}`,
    );
  }
  return { records, problems, notes };
}

/** Whether a repository has test events: the fixtures folder, or *.json beside the rules (StreamAlert 3). */
export function hasTestEvents(fixturesDir: string, rulesDir: string): boolean {
  if (existsSync(fixturesDir)) return true;
  try {
    return readdirSync(rulesDir, { recursive: true }).some(
      (n) =>
        typeof n === 'string' && n.endsWith('.json') && !n.split(path.sep).includes('node_modules'),
    );
  } catch {
    return false;
  }
}
