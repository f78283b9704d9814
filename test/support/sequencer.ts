/**
 * The order test files start in. The gate runs integration files side by side, and its
 * length is set by the longest chain still running at the end: so the files that take
 * minutes start first, the short ones fill the gaps. vitest orders by the durations of an
 * earlier run when it has them, which a clean CI clone never does; this table is what it
 * would have learned (seconds, measured in a whole `npm test` on the 2-core machine, with
 * files side by side and transparent huge pages on, as .ci/run sets them). A file not
 * listed runs after these, in vitest's own order. Refresh the figures when a file's cost
 * changes much; a stale figure only costs time, never a result.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SECONDS_BY_FILE: Record<string, number> = {
  'test/action/lifecycle-state.test.ts': 550,
  'test/action/e2e.test.ts': 450,
  'test/moto/multi-region-apply.test.ts': 350,
  'test/demo/demo.test.ts': 300,
  'test/moto/apply-production.test.ts': 240,
  'test/action/lifecycle-apply.test.ts': 360,
  'test/moto/examples-plan.test.ts': 80,
  'test/modules/module-tests.test.ts': 180,
  'test/action/lifecycle-matrix.test.ts': 160,
  'test/terraform/plan-real.test.ts': 150,
  'test/action/lifecycle-preflight.test.ts': 80,
  'test/commands/init-plan.test.ts': 80,
  'test/render/render.test.ts': 75,
  'test/action/backtest.test.ts': 50,
  'test/render/metric-alarms.test.ts': 45,
  'test/processors/merger-hostile.test.ts': 20,
  'test/cli/cli.test.ts': 40,
  'test/render/aws-output-grants.test.ts': 40,
  'test/backtest/backtest.test.ts': 40,
  'test/cli/registry-commands.test.ts': 35,
  'test/config/fuzz.test.ts': 30,
  'test/render/streamalert-conf.test.ts': 30,
  'test/processors/bad-input.test.ts': 25,
  'test/render/alert-output-grants.test.ts': 25,
  'test/render/bad-input-settings.test.ts': 25,
  'test/render/global-providers.test.ts': 45,
  'test/render/streamalert-3-conf.test.ts': 30,
  'test/moto/aws-outputs.test.ts': 25,
  'test/processors/rule-processor.test.ts': 22,
  'test/promote/promote-e2e.test.ts': 22,
  'test/processors/alert-merging.test.ts': 20,
  'test/build/sandbox.test.ts': 20,
  'test/sigma-sync/sigma-sync.test.ts': 15,
  'test/build/build.test.ts': 13,
  'test/processors/collectors/duo.test.ts': 13,
  'test/processors/lookup-tables-moto.test.ts': 12,
  'test/demo/demo-parts.test.ts': 12,
  'test/processors/collectors/okta.test.ts': 12,
  'test/processors/collectors/onepassword.test.ts': 12,
  'test/processors/line-reader.test.ts': 11,
  'test/processors/collectors/github.test.ts': 11,
  'test/build/sandbox-boundary.test.ts': 10,
  // Estimated from runs of their own (added 2026-12-07): refresh after an idle gate.
  'test/moto/source-health.test.ts': 70,
  'test/render/source-health.test.ts': 30,
  'test/processors/collectors/google-workspace.test.ts': 20,
  'test/processors/collectors/m365.test.ts': 20,
  'test/processors/collectors/slack.test.ts': 12,
  'test/processors/collectors/box.test.ts': 12,
  'test/processors/collectors/duo-telephony.test.ts': 10,
  // Its own run (2026-12-07): moto start, two feeds, four rule-processor invocations.
  'test/processors/threat-intel-moto.test.ts': 10,
  // Its own run (2026-12-08): moto start, one table, fifteen rule-processor invocations,
  // then an absence wait and six ticks.
  'test/processors/correlation-moto.test.ts': 15,
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
