/**
 * The action: translates the inputs and the event into the engine's options, runs the
 * command through the registry's runner (src/registry/run.ts, shared with the CLI), and
 * presents its result in one place: one pull-request comment, the job summary,
 * annotations and step outputs. The only caller of core.setFailed.
 */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { annotateProblems, failureOf } from '../door-kit/errors.js';
import { githubHost, type PullRequestHost } from '../door-kit/github.js';
import { writePlanComment } from './comment-access.js';
import { installMask, knownSecrets } from '../door-kit/masking.js';
import { verifyQueueCommand } from '../commands/verify-queue.js';
import { labelsAskPlanAll, type EngineOptions } from '../door-kit/options.js';
import { hasChanges, summaryJson } from '../door-kit/plan-outcome.js';
import type { PlanReport } from '../plan/types.js';
import { RUNNERS, type CommandResult } from '../registry/run.js';
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
    // A pull request planned with the label plans every root; so does its merge (same label).
    ...(settings.planAll || labelsAskPlanAll(event.labels) ? { planAll: true } : {}),
    ...(settings.classifyOnly ? { classifyOnly: true } : {}),
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
  core.setOutput('summary', summaryJson(report.roots, report.unchanged));
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
    const gh = { token: settings.githubToken, repo: github.context.repo };
    const result =
      event.mode === 'verify-queue'
        ? await verifyQueue(options, event, githubHost(gh.token, gh.repo))
        : await RUNNERS[event.mode]({
            door: 'action',
            options,
            settings: {
              ...(settings.matrixJobs !== undefined ? { matrixJobs: settings.matrixJobs } : {}),
              quietThreshold: settings.quietThreshold,
              promoteAfterHours: settings.promoteAfterHours,
              backtestHours: settings.backtest.hours,
              backtestMaxMb: settings.backtest.maxMb,
              ...(event.base ? { base: event.base } : {}),
              repoRoot: process.env.GITHUB_WORKSPACE ?? process.cwd(),
              sigma: settings.sigma,
            },
            github: gh,
          });
    await present(result, event, () => githubHost(gh.token, gh.repo));
  } catch (err) {
    log.failed(failureOf(err).message);
  }
}

/**
 * Every command's result, the one way the action shows it (the registry's runners make
 * it, src/registry/run.ts): annotations, the job summary, step outputs, the log, the
 * pull-request comment when there is a pull request, and the failed step last.
 */
async function present(
  result: CommandResult,
  event: EventInfo,
  host: () => PullRequestHost,
): Promise<void> {
  for (const w of result.warnings ?? []) core.warning(mask(w));
  annotateProblems(result.problems ?? []);
  if (result.summary !== undefined) await core.summary.addRaw(mask(result.summary)).write();
  if (result.report) setPlanOutputs(result.report);
  for (const [name, value] of Object.entries(result.outputs ?? {})) core.setOutput(name, value);
  for (const text of [...(result.log ?? []), ...(result.lines ?? [])])
    if (text !== '') log.info(text.replace(/\n$/, ''));
  for (const n of result.notices ?? []) log.notice(n);
  for (const e of result.errors ?? []) log.error(e);
  if (result.comment !== undefined && event.pullRequest !== undefined)
    await planComment(host(), event, result.comment);
  if (result.failure) log.failed(result.failure);
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

/** `auto` on merge_group: the queued commit checked against the plan reviewed on its pull request. */
async function verifyQueue(
  options: EngineOptions,
  event: EventInfo,
  host: PullRequestHost,
): Promise<CommandResult> {
  const outcome = await verifyQueueCommand(options, host, event.pullRequest);
  return {
    problems: outcome.problems,
    report: outcome.report,
    summary: outcome.summary,
    lines: outcome.lines,
    ...(outcome.failure ? { failure: outcome.failure } : {}),
  };
}
