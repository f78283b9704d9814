/**
 * `test`: runs the rule fixtures (tests/rules/*.json) through the rule processor's
 * classifier and every rule, in the rule sandbox (src/steps/rule-tests.ts). The CLI prints
 * the text; `plan` runs the same step and puts the counts into the report.
 */
import { runRuleTests, type TestOptions, type TestResult } from '../steps/rule-tests.js';

export type { TestOptions, TestResult };

export async function testCommand(options: TestOptions): Promise<TestResult> {
  return runRuleTests(options);
}
