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
import { renderOptions, runnerOptions, type EngineOptions } from './options.js';
import { REPORT_FILE, treeHash } from './plan.js';

export type { ApplyResult };

export class StalePlanError extends Error {}

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
  const render = renderOptions(o);
  const report = await readReport(o.outDir);
  if (report.commit !== 'unknown' && o.commit !== 'unknown' && report.commit !== o.commit) {
    throw new StalePlanError(
      `the saved plan was made for commit ${report.commit.slice(0, 12)}, but HEAD is ${o.commit.slice(0, 12)}: plan again`,
    );
  }
  const hash = treeHash(renderTree(await loadConfig(o.configDir), render));
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
  const runner = runnerOptions(o);
  const results: ApplyResult[] = [];
  for (const root of report.roots) {
    if (root.status !== 'changes') continue;
    if (o.clusters.length > 0 && !o.clusters.includes(root.root)) continue;
    results.push(await applyRoot(runner, o.outDir, root.root));
  }
  return results;
}
