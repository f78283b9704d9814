/**
 * `test`: runs the rule fixtures (tests/rules/*.json) through the rule processor's
 * classifier and every rule, as StreamAlert's `lambda test` did. Shared by the CLI and
 * the action (which shows the markdown in the pull-request comment).
 */
import { processorBundlesDir } from '../build/bundles.js';
import { loadRuleSet } from '../build/rule-set.js';
import { loadProcessorsConfig } from '../processors/config/load.js';
import { loadFixtures } from '../rule-test/fixtures.js';
import { formatMarkdown, formatText, summarize, type RuleTestSummary } from '../rule-test/report.js';
import { runFixtures } from '../rule-test/run.js';

export interface TestOptions {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  bundlesDir?: string;
}

export interface TestResult {
  ok: boolean;
  summary: RuleTestSummary;
  /** Fixture files that are malformed (a failure too). */
  problems: string[];
  text: string;
  markdown: string;
}

export async function testCommand(options: TestOptions): Promise<TestResult> {
  const { config } = await loadProcessorsConfig(options.configDir);
  const { rules } = await loadRuleSet(options.rulesDir, processorBundlesDir(options.bundlesDir), config);
  const { records, problems } = await loadFixtures(options.fixturesDir);
  const summary = summarize(await runFixtures(records, config, rules), rules.map((r) => r.name));
  const text = (problems.length ? `${problems.join('\n')}\n\n` : '') + formatText(summary);
  const markdown = [formatMarkdown(summary), ...problems.map((p) => `- ${p}`)].join('\n');
  return { ok: summary.failed === 0 && problems.length === 0 && records.length > 0, summary, problems, text, markdown };
}
