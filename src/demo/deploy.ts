/**
 * Deploys a repository the way the action does from a pull request to its merge, through
 * the action's own code path: the pull request's plan (planAndWrite with the state bucket
 * looked at, as the action plans: a missing bucket makes it the first deployment), its
 * comment kept by a local stand-in for the pull request, then the push to the default
 * branch (applyAndReport: bootstrap of the global root and its state moved into the new
 * bucket, re-plan, each root applied only when its plan is the one reviewed).
 */
import { rm } from 'node:fs/promises';
import type { CommitStatus, CommitStatusHost, PullRequestHost } from '../door-kit/github.js';
import type { EngineOptions } from '../door-kit/options.js';
import { planLines } from '../door-kit/plan-outcome.js';
import type { PlanReport } from '../plan/types.js';

/**
 * The two commands the demo runs, as the action runs them (planAndWrite and applyAndReport).
 * src/commands/demo.ts hands them in: the demo calls commands, as a door does, and the
 * commands never import the demo.
 */
export interface DeployCommands {
  plan(o: EngineOptions): Promise<{ report: PlanReport; comment: string; failure?: string }>;
  applyAndReport(
    o: EngineOptions,
    host: PullRequestHost & CommitStatusHost,
  ): Promise<{ outcome: { report: PlanReport; lines: string[]; failure?: string } }>;
}

/** The pull request: one comment, merged as is, no labels (so no destroy is allowed). */
export class LocalPullRequest implements PullRequestHost, CommitStatusHost {
  comment?: string;
  readonly statuses: CommitStatus[] = [];

  constructor(readonly number: number) {}

  async mergedPullRequestFor(): Promise<{ number: number; labels: string[] }> {
    return { number: this.number, labels: [] };
  }

  async findComment(
    _issue: number,
    isOurs: (body: string) => boolean,
  ): Promise<{ body: string } | undefined> {
    return this.comment !== undefined && isOurs(this.comment) ? { body: this.comment } : undefined;
  }

  async upsertComment(_issue: number, _isOurs: (body: string) => boolean, body: string) {
    this.comment = body;
    return { url: `local pull request #${this.number}` };
  }

  async setCommitStatus(_sha: string, status: CommitStatus): Promise<void> {
    this.statuses.push(status);
  }
}

/** A markdown result line of the apply ("- **global**: :white_check_mark: applied ...") for a terminal. */
export function plainLine(line: string): string {
  return line
    .replace(/^- \*\*([^*]+)\*\*:/, '$1:')
    .replace(/:[a-z_]+: /g, '')
    .replace(/`/g, '');
}

export class DeployError extends Error {}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export async function deployAsOnMerge(
  o: EngineOptions,
  commands: DeployCommands,
  print: (line: string) => void,
) {
  const pr = new LocalPullRequest(1);
  print('  pull request #1: plan, as the action comments it');
  let started = Date.now();
  const planned = await commands.plan(o);
  if (planned.report.firstDeployment)
    print(
      `    first deployment: the state bucket ${planned.report.firstDeployment.bucket} does not exist yet, ` +
        'so global (which creates it) is planned with local state and every cluster against empty state',
    );
  for (const line of planLines(planned.report)) print(`    ${line}`);
  print(`    (${seconds(Date.now() - started)})`);
  if (planned.failure) throw new DeployError(`the pull request's plan failed: ${planned.failure}`);
  await pr.upsertComment(pr.number, () => true, planned.comment);

  // The push runs in a job of its own: a fresh checkout, nothing the plan job wrote is left.
  await rm(o.outDir, { recursive: true, force: true });
  await rm(o.buildDir, { recursive: true, force: true });
  print('  merge: the push to main applies what was reviewed, as the action does');
  started = Date.now();
  const { outcome } = await commands.applyAndReport(o, pr);
  for (const line of outcome.lines.slice(2)) print(`    ${plainLine(line)}`);
  print(`    (${seconds(Date.now() - started)})`);
  if (outcome.failure) {
    // The failing root's Terraform output is in the report (the job summary, in the action).
    for (const r of outcome.report.roots.filter((x) => x.status === 'error'))
      print(`    ${r.root}: terraform ${r.error?.step} failed:\n${r.error?.message}`);
    throw new DeployError(`the apply on merge failed: ${outcome.failure}`);
  }
  return outcome;
}
