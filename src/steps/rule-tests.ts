/**
 * Runs the rule fixtures (tests/rules/*.json) through the rule processor's classifier and
 * every rule, as StreamAlert's `lambda test` did. The `test` command prints the text;
 * `plan` (pipeline.ts) puts the counts and failing fixtures into the report and the
 * pull-request comment; promote (src/promote/verify.ts) checks an edited rule set with it. The rules run in the rule sandbox (a child process without
 * credentials, with a time and a memory limit): a rule that hangs or exhausts memory is
 * one failed fixture naming the rule.
 */
import { processorBundlesDir } from '../build/bundles.js';
import {
  checkLoad,
  loadFailure,
  RulesError,
  sandboxInput,
  withCompiledRules,
} from '../build/rule-set.js';
import { loadProcessorsConfig } from '../config/processors/load.js';
import { sandboxRun, type SandboxLimits } from '../sandbox/host.js';
import { loadFixtures } from '../rule-test/fixtures.js';
import { formatText, summarize, type RuleTestSummary } from '../rule-test/report.js';

export interface TestOptions {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  bundlesDir?: string;
  /** The sandbox's limits (default 60 s per fixture, 512 MB). */
  limits?: Partial<SandboxLimits>;
  /** Where the rules' own console output goes (default: stderr, prefixed "rule output: "). */
  onRuleOutput?: (line: string) => void;
}

export interface TestResult {
  ok: boolean;
  summary: RuleTestSummary;
  /** Fixture files that are malformed (a failure too). */
  problems: string[];
  text: string;
}

export async function runRuleTests(options: TestOptions): Promise<TestResult> {
  const { config, texts } = await loadProcessorsConfig(options.configDir);
  const bundles = processorBundlesDir(options.bundlesDir);
  const { records, problems } = await loadFixtures(options.fixturesDir);
  const { rules, results } = await withCompiledRules(
    options.rulesDir,
    bundles,
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
  const text = (problems.length ? `${problems.join('\n')}\n\n` : '') + formatText(summary);
  return {
    ok: summary.failed === 0 && problems.length === 0 && records.length > 0,
    summary,
    problems,
    text,
  };
}
