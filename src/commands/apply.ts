/**
 * CLI `apply`: applies the plans `plan` saved, refusing any that went stale — made for
 * another commit, for a configuration that changed since, or (checked by Terraform
 * itself) against state that moved.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import type { PlanReport } from '../plan/types.js';
import { renderTree } from '../render/render.js';
import { applyRoot, type ApplyResult } from '../terraform/runner.js';
import { ALLOW_DESTROY_LABEL, StalePlanError } from '../review/safety.js';
import {
  renderOptions,
  runnerOptions,
  stateStoreOf,
  type EngineOptions,
} from '../door-kit/options.js';
import { REPORT_FILE, stateRender, treeHash } from './plan.js';
import { forgetApplied, recordApplied } from '../selection/records.js';

export type { ApplyResult };

export { StalePlanError };

export async function readReport(outDir: string): Promise<PlanReport> {
  const file = path.join(outDir, REPORT_FILE);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PlanReport;
  } catch {
    throw new StalePlanError(`no saved plan in ${file}: run "streamalert plan" first`);
  }
}

/**
 * Applies the roots with changes of the saved plan (those of `o.clusters` when given),
 * one at a time. `o.commit` is the checked-out commit ('unknown' outside git).
 */
export async function applyCommand(o: EngineOptions): Promise<ApplyResult[]> {
  const report = await readReport(o.outDir);
  if (report.firstDeployment) {
    // Applied as planned, every root would keep its state on this machine's disk only.
    throw new StalePlanError(
      `the saved plan is the first deployment (the state bucket ${report.firstDeployment.bucket} does not exist yet), ` +
        'which apply does not bootstrap: merge it for the action to apply global, move its state into the bucket and ' +
        'then apply the clusters, or bootstrap by hand with "streamalert render --bootstrap" (docs/operations.md#from-the-cli)',
    );
  }
  if (report.commit !== 'unknown' && o.commit !== 'unknown' && report.commit !== o.commit) {
    throw new StalePlanError(
      `the saved plan was made for commit ${report.commit.slice(0, 12)}, but HEAD is ${o.commit.slice(0, 12)}: plan again`,
    );
  }
  const config = await loadConfig(o.configDir);
  // Rendered as the plan was: the same look at the state bucket, when the plan took one.
  const { render, store } = await stateRender(
    config,
    renderOptions(o),
    o.backendConfig,
    stateStoreOf(o),
  );
  const hash = treeHash(renderTree(config, render));
  if (hash !== report.configHash) {
    throw new StalePlanError(
      'the configuration (or the render options) changed since the saved plan: plan again',
    );
  }
  const failedBefore = report.failure ?? report.roots.find((r) => r.status === 'error');
  if (failedBefore) throw new StalePlanError('the saved plan has errors: fix them and plan again');
  const planned = report.roots.map((r) => r.root);
  const missing = o.clusters.filter((c) => !planned.includes(c));
  if (missing.length > 0) {
    throw new StalePlanError(
      `the saved plan has no root ${missing.join(', ')} (planned: ${planned.join(', ') || 'none'}): plan them first`,
    );
  }
  const destroys = report.roots
    .filter((r) => r.removed && r.status === 'changes')
    .filter((r) => o.clusters.length === 0 || o.clusters.includes(r.root))
    .map((r) => r.root);
  if (destroys.length > 0) {
    throw new StalePlanError(
      `the saved plan destroys removed cluster(s) ${destroys.join(', ')}, which apply never does: ` +
        `merge the pull request with the label ${ALLOW_DESTROY_LABEL} for the action to destroy them, ` +
        'or apply the other roots with --clusters',
    );
  }
  const runner = runnerOptions(o);
  const results: ApplyResult[] = [];
  for (const root of report.roots) {
    if (o.clusters.length > 0 && !o.clusters.includes(root.root)) continue;
    if (root.status !== 'changes') {
      // Planned without changes: what is live is what its inputs describe (src/selection).
      await recordApplied(store, root, report.commit);
      continue;
    }
    const blocked = await forgetApplied(store, root.root);
    if (blocked) {
      results.push({ root: root.root, ok: false, output: blocked });
      continue;
    }
    const result = await applyRoot(runner, o.outDir, root.root);
    results.push(result);
    if (result.ok) await recordApplied(store, root, report.commit);
  }
  return results;
}
