/**
 * The order test files start in. The gate runs integration files side by side, and its
 * length is set by the longest chain still running at the end: so the files that take
 * minutes start first, the short ones fill the gaps. vitest orders by the durations of an
 * earlier run when it has them, which a clean CI clone never does; this table is what it
 * would have learned (seconds, measured in a whole `npm test` on the 2-core machine, with
 * files side by side). A file not listed runs after these, in vitest's own order. Refresh
 * the figures when a file's cost changes much; a stale figure only costs time, never a
 * result.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SECONDS_BY_FILE: Record<string, number> = {
  'test/action/lifecycle-state.test.ts': 400,
  'test/moto/multi-region-apply.test.ts': 270,
  'test/action/e2e.test.ts': 215,
  'test/demo/demo.test.ts': 215,
  'test/moto/apply-production.test.ts': 160,
  'test/action/lifecycle-apply.test.ts': 140,
  'test/action/lifecycle-existing-bucket.test.ts': 110,
  'test/processors/merger-hostile.test.ts': 100,
  'test/action/lifecycle-matrix.test.ts': 90,
  'test/action/lifecycle-drift.test.ts': 85,
  'test/moto/examples-plan.test.ts': 80,
  'test/modules/module-tests.test.ts': 60,
  'test/action/parallel-plan.test.ts': 60,
  'test/render/render.test.ts': 33,
  'test/action/merge-queue.test.ts': 30,
  'test/terraform/invocations.test.ts': 30,
  'test/commands/init-plan.test.ts': 28,
  'test/render/metric-alarms.test.ts': 25,
  'test/action/lifecycle-preflight.test.ts': 20,
  'test/render/aws-output-grants.test.ts': 19,
  'test/action/backtest.test.ts': 17,
  'test/render/streamalert-conf.test.ts': 15,
  'test/render/bad-input-settings.test.ts': 15,
  'test/processors/rule-processor.test.ts': 14,
};

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification): number =>
      SECONDS_BY_FILE[
        f.moduleId
          .slice(root.length + 1)
          .split('\\')
          .join('/')
      ] ?? 0;
    // Array.prototype.sort is stable: files of equal weight keep vitest's order.
    return (await super.sort(files)).sort((a, b) => seconds(b) - seconds(a));
  }
}
