/** Engine options over a fresh seed configuration, with a scripted Terraform (no binary, no AWS). */
import path from 'node:path';
import type { EngineOptions } from '../../src/door-kit/options.js';
import { planCommand, planOptionsOf, type PlanOutcome } from '../../src/commands/plan.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { change, FakeTerraform, type RootScript } from '../support/fake-terraform.js';

export const COMMIT = '0123456789abcdef0123456789abcdef01234567';

export function engine(
  terraform: FakeTerraform,
  extra: Partial<EngineOptions> = {},
): EngineOptions {
  const work = tempDir('engine');
  const configDir = writeConf(seedGlobal(), { production: seedCluster() }, work);
  return {
    configDir,
    rulesDir: path.join(work, 'rules'),
    fixturesDir: path.join(work, 'tests', 'rules'),
    outDir: path.join(work, 'terraform'),
    buildDir: path.join(work, 'build'),
    bootstrap: false,
    clusters: [],
    parallelism: 2,
    terraformBinary: 'terraform-not-run',
    backendConfig: [],
    commit: COMMIT,
    mask: (t) => t,
    terraform,
    ...extra,
  };
}

/**
 * The plan pipeline without the processor build (its zips are another test's concern; the
 * rendered roots only name them): validate, render and the scripted Terraform.
 */
export const planWithoutBuild = (o: EngineOptions): Promise<PlanOutcome> =>
  planCommand({ ...planOptionsOf(o), build: undefined });

/** `global` without changes; `production` creating an alarm, or whatever `production` says. */
export function script(production: RootScript = {}): { production: RootScript } {
  return {
    production: {
      show: {
        resource_changes: [
          change(
            'module.cloudwatch_monitoring.aws_cloudwatch_metric_alarm.a',
            'aws_cloudwatch_metric_alarm',
            ['create'],
            { threshold: 1 },
          ),
        ],
      },
      ...production,
    },
  };
}
