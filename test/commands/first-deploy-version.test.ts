/**
 * A cluster deployed for the first time (the first deployment, or a cluster file new since
 * the last apply) gets its functions now, published as version 1: a `current_version` that
 * names a later version cannot exist yet. The plan that looked at the state bucket says so,
 * with the file and key to change, before Terraform runs — not the apply after the merge.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';
import { FakeTerraform } from '../support/fake-terraform.js';
import { MemoryStateBucket } from '../support/memory-state.js';
import { engine, planWithoutBuild, script } from './engine.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- cluster files as users write them */
function cluster(id: string, versions: { rule?: unknown; alert?: unknown }): Record<string, any> {
  const c = seedCluster() as Record<string, any>;
  c.id = id;
  if (versions.rule !== undefined)
    c.modules.stream_alert.rule_processor.current_version = versions.rule;
  if (versions.alert !== undefined)
    c.modules.stream_alert.alert_processor.current_version = versions.alert;
  return c;
}

function setup(
  bucket: MemoryStateBucket,
  clusters: Record<string, object>,
): { o: EngineOptions; tf: FakeTerraform } {
  const tf = new FakeTerraform({ ...script(), staging: {} });
  const o = engine(tf, { stateStore: bucket.factory });
  writeConf(seedGlobal(), clusters, path.dirname(o.configDir));
  return { o, tf };
}

describe('current_version of a cluster deployed for the first time', () => {
  it('on the first deployment, a version other than $LATEST or 1 fails the plan before Terraform runs', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const { o, tf } = setup(bucket, { production: cluster('production', { alert: 3 }) });
    const { report, problems } = await planWithoutBuild(o);
    expect(report.failure?.step).toBe('validate');
    expect(report.failure?.messages).toEqual([
      expect.stringMatching(
        /^.*conf\/clusters\/production\.json: (line \d+, column \d+: )?\/modules\/stream_alert\/alert_processor\/current_version: is 3, but cluster production is deployed for the first time: .*publishes version 1 only.*Use "\$LATEST" \(or 1\) now/,
      ),
    ]);
    expect(problems.map((p) => p.pointer)).toEqual([
      '/modules/stream_alert/alert_processor/current_version',
    ]);
    expect(problems[0]?.line).toBeGreaterThan(0);
    expect(tf.calls).toEqual([]);
  });

  it('$LATEST and version 1 are fine on the first deployment', async () => {
    const bucket = new MemoryStateBucket();
    bucket.exists = false;
    const { o } = setup(bucket, {
      production: cluster('production', { rule: '$LATEST', alert: 1 }),
    });
    const { report } = await planWithoutBuild(o);
    expect(report.failure).toBeUndefined();
  });

  it('a cluster with state keeps its pinned version; a new cluster beside it may not pin one', async () => {
    const bucket = new MemoryStateBucket();
    bucket.states.set('global', JSON.stringify({ version: 4, resources: [] }));
    bucket.states.set('production', MemoryStateBucket.stateIn('us-west-2'));
    const { o } = setup(bucket, {
      production: cluster('production', { rule: 7, alert: '12' }),
      staging: cluster('staging', { rule: 2 }),
    });
    const { report } = await planWithoutBuild(o);
    expect(report.failure?.step).toBe('validate');
    expect(report.failure?.messages).toHaveLength(1);
    expect(report.failure?.messages[0]).toMatch(
      /staging\.json: .*\/modules\/stream_alert\/rule_processor\/current_version: is 2, but cluster staging is deployed for the first time/,
    );
  });

  it('without a look at the state bucket (the CLI) nothing is known, and nothing is said', async () => {
    const tf = new FakeTerraform(script());
    const o = engine(tf);
    writeConf(
      seedGlobal(),
      { production: cluster('production', { alert: 3 }) },
      path.dirname(o.configDir),
    );
    const { report } = await planWithoutBuild(o);
    expect(report.failure).toBeUndefined();
  });
});
