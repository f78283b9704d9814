/**
 * The build and rule-test steps that `plan` runs before Terraform, wired for the CLI and
 * the action alike: zips first (their hashes feed the plan), then the rule fixtures, whose
 * summary goes into the report and the pull-request comment.
 */
import type { PipelinePaths } from '../door-kit/options.js';
import type { RuleTestSummary } from '../plan/types.js';
import { buildProcessors } from '../build/build.js';
import { hasTestEvents, runRuleTests } from './rule-tests.js';

export function buildStep(paths: PipelinePaths): () => Promise<void> {
  return async () => {
    await buildProcessors({
      configDir: paths.configDir,
      rulesDir: paths.rulesDir,
      outDir: paths.buildDir,
    });
  };
}

/** Runs the fixtures when the repository has any; undefined when it has none. */
export function ruleTestStep(paths: PipelinePaths): (() => Promise<RuleTestSummary>) | undefined {
  if (!hasTestEvents(paths.fixturesDir, paths.rulesDir)) return undefined;
  return async () => {
    const result = await runRuleTests({
      configDir: paths.configDir,
      rulesDir: paths.rulesDir,
      fixturesDir: paths.fixturesDir,
    });
    const failures = [
      ...result.problems,
      ...result.summary.results
        .filter((r) => !r.passed)
        .map(
          (r) =>
            `${r.fixture.file}#${r.fixture.index}: ${r.fixture.description}: ${r.problems.join('; ')}`,
        ),
    ];
    return {
      passed: result.summary.passed,
      failed: result.summary.failed + result.problems.length,
      failures,
    };
  };
}
