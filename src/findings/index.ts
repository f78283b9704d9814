/**
 * Findings of one root: every rule over the planned resources, waivers applied, split
 * into new (resource created/updated/replaced by this plan) and existing (unchanged).
 */
import { plannedResources, type PlanDocument } from '../plan-resources/read.js';
import { RULES } from './rules.js';
import { severityRank } from './severity.js';
import type { Finding, RootFindings } from './types.js';

export interface Waiver {
  id: string;
  address: string;
  reason: string;
}

const order = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
  (a.message < b.message ? -1 : a.message > b.message ? 1 : 0);

export function rootFindings(plan: PlanDocument, waivers: readonly Waiver[]): RootFindings {
  const resources = plannedResources(plan);
  const changed = new Set(
    resources.filter((r) => r.action !== 'no-op' && r.action !== 'delete').map((r) => r.address),
  );
  const result: RootFindings = { new: [], existing: 0, waived: [] };
  for (const finding of RULES.flatMap((rule) => rule(resources)).sort(order)) {
    const waiver = waivers.find((w) => w.id === finding.id && w.address === finding.address);
    if (waiver) result.waived.push({ ...finding, reason: waiver.reason });
    else if (changed.has(finding.address)) result.new.push(finding);
    else result.existing += 1;
  }
  return result;
}
