/**
 * What the plan command attaches to each root's plan: its findings (waivers from
 * global.json applied) and its monthly cost (the cluster's region and traffic; the global
 * root in the account region with no traffic of its own).
 */
import type { Config } from '../config/types.js';
import { rootCost } from '../cost/index.js';
import type { RootPlan } from '../plan/types.js';
import { rootFindings } from '../findings/index.js';
import type { PlanDocument } from '../plan-resources/read.js';

export function analysePlan(
  config: Config,
): (root: string, plan: unknown) => Pick<RootPlan, 'findings' | 'cost'> {
  return (root, plan) => {
    const doc = plan as PlanDocument;
    const cluster = config.clusters.find((c) => c.id === root);
    const region = cluster?.region ?? config.global.account.region;
    const traffic = cluster?.traffic ?? { eventsPerSecond: 0, averageEventBytes: 1 };
    return {
      findings: rootFindings(doc, config.global.findings.waivers),
      cost: rootCost(doc, region, traffic),
    };
  };
}
