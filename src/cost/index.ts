/**
 * The cost of one root, now and after the plan: "now" prices the prior state (every
 * resource the plan does not create, with its values before the change), "after" the
 * planned values of every resource it does not delete.
 */
import type { PlanDocument } from '../plan-resources/read.js';
import { plannedResources } from '../plan-resources/read.js';
import { COST_ITEMS, monthlyCost, type CostResource, type Traffic } from './model.js';
import { pricesFor } from './prices.js';
import type { RootCost } from './types.js';

const cents = (n: number): number => Math.round(n * 100) / 100;

export function rootCost(plan: PlanDocument, region: string, traffic: Traffic): RootCost {
  const resources = plannedResources(plan);
  const before: CostResource[] = resources
    .filter((r) => r.action !== 'create' && r.before)
    .map((r) => ({ type: r.type, values: r.before! }));
  const after: CostResource[] = resources
    .filter((r) => r.action !== 'delete' && r.after)
    .map((r) => ({ type: r.type, values: r.after! }));
  const { prices, estimate } = pricesFor(region);
  const now = monthlyCost(before, traffic, prices);
  const next = monthlyCost(after, traffic, prices);
  const lines = COST_ITEMS.map((item) => ({
    item,
    now: cents(now[item]),
    after: cents(next[item]),
  })).filter((l) => l.now !== 0 || l.after !== 0);
  const sum = (c: Record<string, number>): number =>
    cents(Object.values(c).reduce((a, b) => a + b, 0));
  return { region, estimate, now: sum(now), after: sum(next), lines };
}
