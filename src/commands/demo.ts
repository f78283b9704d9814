/**
 * CLI `demo` (`npm run demo`): the whole product on this machine, never real AWS — a local
 * AWS stand-in, an example deployed as the action deploys it on a first merge, its sample
 * records through the deployed pipeline, the alerts its rules raise. See src/demo/.
 */
import { superviseDemo, WORKER_ENV, workDemo } from '../demo/supervisor.js';
import type { EngineOptions } from '../door-kit/options.js';
import { applyAndReport } from './apply-report.js';
import { planAndWrite } from './plan.js';

export async function demoCommand(
  o: EngineOptions,
  print: (line: string) => void,
): Promise<number> {
  const request = {
    example: o.example ?? 'production',
    ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
    print,
    commands: { plan: planAndWrite, applyAndReport },
  };
  return process.env[WORKER_ENV] ? workDemo(request) : superviseDemo(request);
}
