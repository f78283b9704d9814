/**
 * The action: translates the inputs and the event into the engine's options, runs the
 * command, and reports through one pull-request comment, the job summary, annotations
 * and step outputs. The only caller of core.setFailed. Everything else is src/commands.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { buildCommand, formatBuild } from '../commands/build.js';
import { annotateProblems, failureOf } from '../door-kit/errors.js';
import { driftCommand } from '../commands/drift.js';
import {
  githubHost,
  githubPromotionHost,
  githubTracker,
  type IssueTracker,
  type CommitStatusHost,
  type PullRequestHost,
} from '../door-kit/github.js';
import { writePlanComment } from './comment-access.js';
import { promoteCommand } from '../commands/promote.js';
import { installMask, knownSecrets } from '../door-kit/masking.js';
import { applyAndReport } from '../commands/apply-report.js';
import { verifyQueueCommand } from '../commands/verify-queue.js';
import { renderOptions, type EngineOptions } from '../door-kit/options.js';
import { planAndWrite } from '../commands/plan.js';
import { hasChanges, jobSummary, summaryJson } from '../door-kit/plan-outcome.js';
import { renderCommand } from '../commands/render.js';
import { commentCommand } from '../commands/comment.js';
import { rootsCommand } from '../commands/roots.js';
import { validateCommand } from '../commands/validate.js';
import type { PlanReport } from '../plan/types.js';
import { eventInfo, type EventInfo } from './event.js';
import { inputPath, readSettings, type ActionSettings } from './settings.js';

/** Every line the action logs goes through the mask (known secrets and mask-patterns). */
let mask: (text: string) => string = (text) => text;
const log = {
  info: (text: string) => core.info(mask(text)),
  notice: (text: string) => core.notice(mask(text)),
  error: (text: string) => core.error(mask(text)),
  failed: (text: string) => core.setFailed(mask(text)),
};

function runUrl(): string | undefined {
  const { serverUrl, runId } = github.context;
  const { owner, repo } = github.context.repo;
  return runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined;
}

/** The engine options of these settings and this event: relative paths under working-directory. */
export function engineOptions(settings: ActionSettings, event: EventInfo): EngineOptions {
  // Relative to the workspace, so messages and annotations name files as the repository does.
  const at = (p: string): string => inputPath(settings.workingDirectory, p);
  const url = runUrl();
  return {
    configDir: at(settings.configDir),
    rulesDir: at(settings.rulesDir),
    fixturesDir: at(settings.fixturesDir),
    outDir: at(settings.outDir),
    buildDir: at(settings.buildDir),
    ...(settings.awsEndpoint ? { awsEndpoint: settings.awsEndpoint } : {}),
    bootstrap: false,
    clusters: settings.clusters,
    parallelism: settings.parallelism,
    terraformBinary: settings.terraformBinary,
    backendConfig: settings.backendConfig,
    failOn: settings.failOn,
    ...(settings.partsDir ? { partsDir: at(settings.partsDir) } : {}),
    ...(settings.backtest.enabled && event.base
      ? {
          backtest: {
            base: event.base,
            hours: settings.backtest.hours,
            maxMb: settings.backtest.maxMb,
          },
        }
      : {}),
    // The action owns the deploy lifecycle: first deployment and removed clusters (src/state).
    manageState: true,
    commit: event.commit,
    ...(url ? { runUrl: url } : {}),
    mask,
  };
}

function setPlanOutputs(report: PlanReport): void {
  core.setOutput('has-changes', String(hasChanges(report)));
  core.setOutput('summary', summaryJson(report.roots));
}

export async function run(): Promise<void> {
  try {
    // Secrets first: even a bad input's message is masked.
    const secrets = knownSecrets([core.getInput('github-token')]);
    for (const s of secrets) core.setSecret(s);
    mask = installMask(secrets);
    const settings = readSettings();
    mask = installMask(secrets, settings.maskPatterns);
    const event = eventInfo(settings.command, github.context);
    const options = engineOptions(settings, event);
    const host = (): PullRequestHost & CommitStatusHost =>
      githubHost(settings.githubToken, github.context.repo);

    switch (event.mode) {
      case 'validate': {
        const result = await validateCommand(options.configDir);
        log.info(`configuration valid: ${result.clusters.join(', ')}`);
        if (result.notice) log.notice(result.notice);
        return;
      }
      case 'render': {
        const result = await renderCommand(options.configDir, renderOptions(options));
        log.info(`rendered ${result.roots.length} root(s) into ${options.outDir}`);
        return;
      }
      case 'build':
        log.info(
          formatBuild(
            await buildCommand({
              configDir: options.configDir,
              rulesDir: options.rulesDir,
              outDir: options.buildDir,
            }),
          ),
        );
        return;
      case 'plan':
        return await plan(options, event, host);
      case 'apply':
        return await apply(options, host());
      case 'roots': {
        const result = await rootsCommand(options, settings.matrixJobs);
        core.setOutput('roots', JSON.stringify(result.roots));
        core.setOutput('matrix', JSON.stringify(result.matrix));
        log.info(`${result.roots.length} root(s) in ${result.matrix.length} matrix job(s)`);
        return;
      }
      case 'comment':
        return await comment(options, event, host);
      case 'drift':
        return await drift(options, githubTracker(settings.githubToken, github.context.repo));
      case 'verify-queue':
        return await verifyQueue(options, event, host());
      case 'promote':
        return await promote(options, settings);
    }
  } catch (err) {
    log.failed(failureOf(err).message);
  }
}

async function plan(
  options: EngineOptions,
  event: EventInfo,
  host: () => PullRequestHost,
): Promise<void> {
  const run = await planAndWrite(options);
  annotateProblems(run.problems);
  await core.summary.addRaw(jobSummary(run.report)).write();
  setPlanOutputs(run.report);
  if (run.partFile) {
    // A matrix job: its part goes to the comment job, which writes the one comment.
    log.info(`report part: ${run.partFile}`);
  } else if (event.pullRequest !== undefined) {
    await planComment(host(), event, run.comment);
  }
  if (run.failure) log.failed(run.failure);
}

/**
 * Writes the plan comment; a token that may not (a fork's pull request, a job without
 * pull-requests: write) is explained in the log and the job summary instead of failing
 * with GitHub's bare 403.
 */
async function planComment(host: PullRequestHost, event: EventInfo, body: string): Promise<void> {
  const url = runUrl();
  const outcome = await writePlanComment(
    host,
    {
      number: event.pullRequest!,
      ...(event.fork ? { fork: event.fork } : {}),
      ...(url ? { runUrl: url } : {}),
    },
    body,
  );
  if (outcome.kind === 'written') {
    core.setOutput('comment-url', outcome.url);
    log.info(`plan comment: ${outcome.url}`);
    return;
  }
  await core.summary.addRaw(mask(outcome.summary)).write();
  if (outcome.fatal) log.failed(outcome.message);
  else core.warning(mask(outcome.message));
}

/** The last job of a matrix plan: the parts merged into the one comment, summary and outputs. */
async function comment(
  options: EngineOptions,
  event: EventInfo,
  host: () => PullRequestHost,
): Promise<void> {
  const run = await commentCommand(options, options.partsDir ?? '');
  annotateProblems(run.problems);
  log.info(`merged ${run.files.length} report part(s): ${run.files.join(', ')}`);
  await core.summary.addRaw(jobSummary(run.report)).write();
  setPlanOutputs(run.report);
  if (event.pullRequest !== undefined) await planComment(host(), event, run.comment);
  if (run.failure) log.failed(run.failure);
}

async function apply(
  options: EngineOptions,
  host: PullRequestHost & CommitStatusHost,
): Promise<void> {
  const { outcome, commentUrl, warnings } = await applyAndReport(options, host);
  for (const w of warnings) core.warning(mask(w));
  if (commentUrl) {
    core.setOutput('comment-url', commentUrl);
    log.info(`apply results in the plan comment: ${commentUrl}`);
  }
  annotateProblems(outcome.problems);
  setPlanOutputs(outcome.report);
  await core.summary.addRaw(outcome.summary).write();
  for (const d of outcome.decisions)
    if (d.kind === 'refuse') log.error(`${d.root}: refused — ${d.reason}`);
  for (const r of outcome.results) if (!r.ok) log.error(`${r.root}: apply failed\n${r.output}`);
  if (outcome.lines.length > 0) log.info(outcome.lines.join('\n'));
  if (outcome.failure) log.failed(outcome.failure);
}

async function drift(options: EngineOptions, tracker: IssueTracker): Promise<void> {
  const outcome = await driftCommand(options, tracker);
  annotateProblems(outcome.problems);
  setPlanOutputs(outcome.report);
  if (outcome.isDrifted !== undefined) core.setOutput('drifted', String(outcome.isDrifted));
  if (outcome.issue) core.setOutput('issue-url', outcome.issue.url);
  await core.summary.addRaw(outcome.summary).write();
  log.info(outcome.lines.join('\n'));
  if (outcome.warning) log.notice(outcome.warning);
  if (outcome.failure) log.failed(outcome.failure);
}

async function verifyQueue(
  options: EngineOptions,
  event: EventInfo,
  host: PullRequestHost,
): Promise<void> {
  const outcome = await verifyQueueCommand(options, host, event.pullRequest);
  annotateProblems(outcome.problems);
  setPlanOutputs(outcome.report);
  await core.summary.addRaw(outcome.summary).write();
  if (outcome.lines.length > 0) log.info(outcome.lines.join('\n'));
  if (outcome.failure) log.failed(outcome.failure);
}

/** Scheduled: one pull request promoting the staged rules that stayed quiet. */
async function promote(options: EngineOptions, settings: ActionSettings): Promise<void> {
  const outcome = await promoteCommand(
    options,
    {
      quietThreshold: settings.quietThreshold,
      minStagedHours: settings.promoteAfterHours,
      repoRoot: process.env.GITHUB_WORKSPACE ?? process.cwd(),
    },
    githubPromotionHost(settings.githubToken, github.context.repo),
  );
  core.setOutput('promoted', JSON.stringify(outcome.promoted));
  if (outcome.pullRequest) core.setOutput('pull-request-url', outcome.pullRequest.url);
  log.info(outcome.lines.join('\n'));
  for (const r of outcome.refused) log.error(r);
}
