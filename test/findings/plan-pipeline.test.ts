/**
 * Findings and cost travel from the plan JSON (a scripted Terraform's `show -json`) through
 * the plan command into the report, with the configuration's waivers, region and traffic;
 * fail-on then decides the run.
 */
import { describe, expect, it } from 'vitest';
import { findingsFailure } from '../../src/findings/severity.js';
import { renderComment } from '../../src/report/comment.js';
import type { PlanJson } from '../../src/terraform/plan-json.js';
import { engine, planWithoutBuild } from '../commands/engine.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { FakeTerraform } from '../support/fake-terraform.js';
import { planFixture } from './support.js';

describe('plan with an IAM "*" statement and an unencrypted bucket', () => {
  it('reports them in the comment and fails with fail-on: high', async () => {
    const tf = new FakeTerraform({ production: { show: planFixture('insecure') as PlanJson } });
    const { report } = await planWithoutBuild(engine(tf));
    const production = report.roots.find((r) => r.root === 'production')!;
    expect(production.findings?.new.map((f) => f.id)).toEqual(
      expect.arrayContaining(['SA-IAM-001', 'SA-ENC-003']),
    );
    // The seed cluster is in us-west-2 with the default traffic.
    expect(production.cost).toMatchObject({ region: 'us-west-2', estimate: false, now: 0 });
    expect(production.cost!.after).toBeGreaterThan(0);
    const body = renderComment(report);
    expect(body).toContain(
      '| 🔴 high | SA-IAM-001 | `production` | `module.custom.aws_iam_role_policy.admin` |',
    );
    expect(body).toContain('| `production` | us-west-2 | $0.00 |');
    expect(findingsFailure(report, 'high')).toContain(
      'SA-ENC-003 (high) module.custom.aws_s3_bucket.raw',
    );
    expect(findingsFailure(report, 'none')).toBeUndefined();
  });

  it('takes the waivers of global.json and the cluster traffic block', async () => {
    const tf = new FakeTerraform({ production: { show: planFixture('insecure') as PlanJson } });
    const o = engine(tf);
    const busy = {
      ...seedCluster(),
      traffic: { events_per_second: 1000, average_event_bytes: 2048 },
    };
    const waivers = [
      {
        id: 'SA-IAM-001',
        address: 'module.custom.aws_iam_role_policy.admin',
        reason: 'break-glass',
      },
      {
        id: 'SA-ENC-003',
        address: 'module.custom.aws_s3_bucket.raw',
        reason: 'public data set mirror',
      },
      { id: 'SA-NET-001', address: 'module.custom.aws_security_group.open', reason: 'bastion' },
    ];
    writeConf(
      { ...seedGlobal(), findings: { waivers } },
      { production: busy },
      o.configDir.replace(/\/conf$/, ''),
    );
    const { report } = await planWithoutBuild(o);
    const production = report.roots.find((r) => r.root === 'production')!;
    expect(production.findings?.waived.map((w) => w.reason)).toEqual([
      'break-glass',
      'public data set mirror',
      'bastion',
    ]);
    expect(findingsFailure(report, 'high')).toBeUndefined();
    const quiet = await planWithoutBuild(
      engine(new FakeTerraform({ production: { show: planFixture('insecure') as PlanJson } })),
    );
    expect(production.cost!.after).toBeGreaterThan(
      quiet.report.roots.find((r) => r.root === 'production')!.cost!.after * 10,
    );
  });
});
