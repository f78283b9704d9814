/**
 * The findings and cost in the pull-request comment and the `summary` output: a golden
 * comment, the bounds that keep both inside the comment's budget, and the JSON.
 */
import { describe, expect, it } from 'vitest';
import { planLines, summaryJson } from '../../src/door-kit/plan-outcome.js';
import { rootCost } from '../../src/cost/index.js';
import { rootFindings } from '../../src/findings/index.js';
import type { RootPlan } from '../../src/plan/types.js';
import { MAX_FINDING_ROWS } from '../../src/report/analysis.js';
import { COMMENT_MAX_LENGTH, renderComment } from '../../src/report/comment.js';
import { noChanges, productionChanges, report } from '../report/fixtures.js';
import { expectGolden } from '../report/golden.js';
import { planFixture } from './support.js';

const TRAFFIC = { eventsPerSecond: 10, averageEventBytes: 1024 };
const WAIVER = {
  id: 'SA-LAMBDA-001',
  address: 'module.custom.aws_lambda_function.fn',
  reason: 'invoked synchronously by the API; callers retry',
};

function analysed(root: RootPlan, plan: 'insecure' | 'cluster', region = 'us-west-2'): RootPlan {
  return {
    ...root,
    findings: rootFindings(planFixture(plan), [WAIVER]),
    cost: rootCost(planFixture(plan), region, TRAFFIC),
  };
}

describe('findings and cost in the comment', () => {
  it('lists new findings with id, cluster, resource and fix, the waived ones with their reason, and a cost table', () => {
    // global and eu plan no change: their cost is what exists; production adds resources.
    const unchanged = (root: RootPlan, region: string): RootPlan => ({
      ...root,
      findings: { new: [], existing: 2, waived: [] },
      cost: { ...rootCost(planFixture('cluster'), region, TRAFFIC), now: 17.84, after: 17.84 },
    });
    const body = renderComment(
      report([
        unchanged(noChanges('global'), 'us-east-1'),
        analysed(productionChanges(), 'insecure'),
        unchanged(noChanges('eu'), 'eu-west-1'),
      ]),
    );
    expectGolden('findings-and-cost', body);
    expect(body).toContain(
      '| 🔴 high | SA-IAM-001 | `production` | `module.custom.aws_iam_role_policy.admin` | statement Everything allows * |',
    );
    expect(body).toContain(
      'SA-LAMBDA-001 `production` `module.custom.aws_lambda_function.fn`: Lambda function has no dead-letter queue or on-failure destination — waived: invoked synchronously by the API; callers retry',
    );
    expect(body).toContain('| `eu` | eu-west-1~ | $17.84 | $17.84 | $0.00 |');
    // Findings on unchanged resources are counted, not listed.
    expect(body).toContain('; 5 on unchanged resources; 1 waived.');
  });

  it('shows at most MAX_FINDING_ROWS findings and counts the rest', () => {
    const many = Array.from({ length: 5 }, (_, i) =>
      analysed({ ...productionChanges(), root: `c${i}` }, 'insecure'),
    );
    const body = renderComment(report(many));
    const rows = body.split('\n').filter((l) => /^\| 🔴|^\| 🟠|^\| 🟡/.test(l));
    expect(rows).toHaveLength(MAX_FINDING_ROWS);
    expect(body).toContain(
      `| … | ${5 * 11 - MAX_FINDING_ROWS} more findings in plan-report.json and the job summary |`,
    );
  });

  it('keeps 800 clusters with findings and cost within the comment limit', () => {
    const roots = Array.from({ length: 800 }, (_, i) =>
      analysed({ ...productionChanges(), root: `cluster_${i}` }, 'insecure'),
    );
    const body = renderComment(report(roots));
    expect(body.length).toBeLessThanOrEqual(COMMENT_MAX_LENGTH);
    expect(body).toContain('**Findings:**');
    expect(body).toContain('💰 **Monthly cost**');
    expect(body).toContain('| **Total** |');
  });
});

describe('the summary output', () => {
  it("carries each root's findings counts and cost (now, after, delta) as JSON", () => {
    const json = JSON.parse(summaryJson([analysed(productionChanges(), 'insecure')]));
    const cost = rootCost(planFixture('insecure'), 'us-west-2', TRAFFIC);
    expect(json.production).toEqual({
      status: 'changes',
      add: 1,
      change: 1,
      destroy: 0,
      findings: { new: 11, high: 3, medium: 6, low: 2, existing: 1, waived: 1 },
      cost: {
        currency: 'USD',
        now: 0,
        after: cost.after,
        delta: cost.after,
        region: 'us-west-2',
        estimate: false,
      },
    });
  });
});

describe('the terminal lines (CLI plan, demo)', () => {
  it('say the rule tests, and per root its findings by severity, waivers and monthly cost', () => {
    const production = analysed(productionChanges(), 'insecure');
    const after = production.cost!.after.toFixed(2);
    const lines = planLines({
      ...report([production, noChanges('global')]),
      ruleTests: { passed: 12, failed: 0, failures: [] },
    });
    expect(lines).toEqual([
      'rule tests: 12 passed, 0 failed',
      `production: changes (+1 ~1 -0) · findings: 11 new (3 high, 6 medium, 2 low), 1 waived · $0.00 → $${after} a month`,
      'global: no-changes (+0 ~0 -0)',
    ]);
    // No new finding; a region priced as us-east-1 times a factor is marked as an estimate.
    const eu: RootPlan = {
      ...noChanges('eu'),
      findings: { new: [], existing: 2, waived: [] },
      cost: rootCost(planFixture('cluster'), 'eu-west-1', TRAFFIC),
    };
    expect(planLines(report([eu]))).toEqual([
      `eu: no-changes (+0 ~0 -0) · findings: none new · ~$0.00 → $${eu.cost!.after.toFixed(2)} a month`,
    ]);
  });
});
