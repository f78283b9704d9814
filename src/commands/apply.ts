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
import type { RenderOptions } from '../render/model.js';
import { applyRoot, type ApplyResult, type RunnerOptions } from '../terraform/runner.js';
import { REPORT_FILE, treeHash } from './plan.js';

export class StalePlanError extends Error {}

export async function readReport(outDir: string): Promise<PlanReport> {
  const file = path.join(outDir, REPORT_FILE);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as PlanReport;
  } catch {
    throw new StalePlanError(`no saved plan in ${file}: run "streamalert plan" first`);
  }
}

export async function applyCommand(
  configDir: string,
  render: RenderOptions,
  runner: RunnerOptions,
  currentCommit: string,
): Promise<ApplyResult[]> {
  const report = await readReport(render.outDir);
  if (
    report.commit !== 'unknown' &&
    currentCommit !== 'unknown' &&
    report.commit !== currentCommit
  ) {
    throw new StalePlanError(
      `the saved plan was made for commit ${report.commit.slice(0, 12)}, but HEAD is ${currentCommit.slice(0, 12)}: plan again`,
    );
  }
  const hash = treeHash(renderTree(await loadConfig(configDir), render));
  if (hash !== report.configHash) {
    throw new StalePlanError(
      'the configuration (or the render options) changed since the saved plan: plan again',
    );
  }
  const failedBefore = report.failure ?? report.roots.find((r) => r.status === 'error');
  if (failedBefore) throw new StalePlanError('the saved plan has errors: fix them and plan again');
  const results: ApplyResult[] = [];
  for (const root of report.roots.filter((r) => r.status === 'changes')) {
    results.push(await applyRoot(runner, render.outDir, root.root));
  }
  return results;
}
