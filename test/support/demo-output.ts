/** Reading what `streamalert demo` prints. */
import { expect } from 'vitest';

/**
 * The demo's pull-request plan of an example (src/door-kit/plan-outcome.ts planLines):
 * every rule test passed, and each of `roots` plans changes with no new finding (the
 * examples waive what they accept, with a reason) and a monthly cost, above $0 for a
 * cluster (global alone may cost nothing).
 */
export function expectCleanPlan(output: string, roots: readonly string[]): void {
  expect(output).toMatch(/\n\s+rule tests: [1-9]\d* passed, 0 failed\n/);
  for (const root of roots) {
    const line = new RegExp(
      `\\n\\s+${root}: changes \\(\\+\\d+ ~0 -0\\) · findings: none new(?:, \\d+ waived)? · ~?\\$0\\.00 → \\$(\\d+\\.\\d\\d) a month\\n`,
    ).exec(output);
    expect(line, `${root}'s plan line in:\n${output}`).not.toBeNull();
    if (root !== 'global') expect(Number(line![1]), root).toBeGreaterThan(0);
  }
}
