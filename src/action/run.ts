/**
 * The action: translates the inputs and the event into the engine's options, runs the
 * command, and reports through one pull-request comment, the job summary, annotations
 * and step outputs. The only caller of core.setFailed. Everything else is src/commands.
 */
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import { buildCommand, formatBuild } from '../commands/build.js';
import { annotateProblems, failureOf } from '../commands/errors.js';
import { githubHost, publishPlanComment, type PullRequestHost } from '../commands/github.js';
import { installMask, knownSecrets } from '../commands/masking.js';
import { mergeApplyCommand } from '../commands/merge-apply.js';
import { renderOptions, type EngineOptions } from '../commands/options.js';
import { planAndWrite } from '../commands/plan.js';
import { hasChanges, jobSummary, summaryJson } from '../commands/plan-outcome.js';
import { renderCommand } from '../commands/render.js';
import { validateCommand } from '../commands/validate.js';
import type { PlanReport } from '../plan/types.js';
import { eventInfo, type EventInfo } from './event.js';
import { readSettings, type ActionSettings } from './settings.js';

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

/** The engine options of these settings and this event: paths under working-directory. */
function engineOptions(settings: ActionSettings, event: EventInfo): EngineOptions {
  // Relative to the workspace, so messages and annotations name files as the repository does.
  const at = (p: string): string => path.join(settings.workingDirectory, p);
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
    const host = (): PullRequestHost => githubHost(settings.githubToken, github.context.repo);

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
  if (event.pullRequest !== undefined) {
    const url = await publishPlanComment(host(), event.pullRequest, run.comment);
    core.setOutput('comment-url', url);
    log.info(`plan comment: ${url}`);
  }
  if (run.failure) log.failed(run.failure);
}

async function apply(options: EngineOptions, host: PullRequestHost): Promise<void> {
  const outcome = await mergeApplyCommand(options, host);
  annotateProblems(outcome.problems);
  setPlanOutputs(outcome.report);
  await core.summary.addRaw(outcome.summary).write();
  for (const d of outcome.decisions)
    if (d.kind === 'refuse') log.error(`${d.root}: refused — ${d.reason}`);
  for (const r of outcome.results) if (!r.ok) log.error(`${r.root}: apply failed\n${r.output}`);
  if (outcome.lines.length > 0) log.info(outcome.lines.join('\n'));
  if (outcome.failure) log.failed(outcome.failure);
}
