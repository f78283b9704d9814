/**
 * The action: decides what to do from the event, runs the engine, and reports through
 * one pull-request comment, the job summary, annotations and step outputs. The only
 * caller of core.setFailed.
 */
import path from 'node:path';
import * as core from '@actions/core';
import * as github from '@actions/github';
import type { PlanReport, RootPlan } from '../plan/types.js';
import { planCommand, writeReport, type PlanOptions } from '../commands/plan.js';
import { renderCommand } from '../commands/render.js';
import { buildCommand } from '../commands/build.js';
import { buildStep, ruleTestStep, type PipelinePaths } from '../commands/pipeline.js';
import { loadConfig } from '../config/load.js';
import { unusedFilesNotice } from '../config/notices.js';
import { ConfigError, formatProblem } from '../config/problems.js';
import { annotate } from '../shared/annotations.js';
import { GitHubClient } from '../github/client.js';
import {
  isPlanComment,
  parseCommentState,
  renderComment,
  renderJobSummary,
} from '../report/comment.js';
import { SUMMARY_MAX_BYTES } from '../report/summary.js';
import { environmentSecrets, maskSecrets, parseMaskPatterns } from '../report/mask.js';
import { maskLog, setLogMask } from '../shared/log-mask.js';
import { applyRoot, type RunnerOptions } from '../terraform/runner.js';
import { decideApply, ALLOW_DESTROY_LABEL } from './apply-decision.js';
import { readSettings, type ActionSettings } from './settings.js';

type Mode = 'validate' | 'render' | 'build' | 'plan' | 'apply';

interface EventInfo {
  mode: Mode;
  pullRequest?: number;
  /** The commit to plan for: the PR head on pull requests, the pushed commit otherwise. */
  commit: string;
}

function eventInfo(settings: ActionSettings): EventInfo {
  const { eventName, payload, sha, ref } = github.context;
  const pr = payload.pull_request as { number: number; head: { sha: string } } | undefined;
  const commit = pr?.head.sha ?? sha;
  if (settings.command !== 'auto')
    return { mode: settings.command, pullRequest: pr?.number, commit };
  if ((eventName === 'pull_request' || eventName === 'pull_request_target') && pr) {
    return { mode: 'plan', pullRequest: pr.number, commit };
  }
  const defaultBranch = (payload.repository as { default_branch?: string } | undefined)
    ?.default_branch;
  if (eventName === 'push' && defaultBranch && ref === `refs/heads/${defaultBranch}`)
    return { mode: 'apply', commit };
  return { mode: 'plan', commit };
}

/** Secrets the action knows of: masked in logs by the runner and in everything we write. */
function knownSecrets(settings: ActionSettings): string[] {
  const secrets = [...new Set([settings.githubToken, ...environmentSecrets()])].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
  for (const s of secrets) core.setSecret(s);
  return secrets;
}

/** Every line the action logs goes through the mask (known secrets and mask-patterns). */
const log = {
  info: (text: string) => core.info(maskLog(text)),
  notice: (text: string) => core.notice(maskLog(text)),
  error: (text: string) => core.error(maskLog(text)),
  failed: (text: string) => core.setFailed(maskLog(text)),
};

function summaryOutput(roots: RootPlan[]): string {
  return JSON.stringify(
    Object.fromEntries(
      roots.map((r) => [
        r.root,
        { status: r.status, add: r.add, change: r.change, destroy: r.destroy },
      ]),
    ),
  );
}

function runUrl(): string | undefined {
  const { serverUrl, runId } = github.context;
  const { owner, repo } = github.context.repo;
  return runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined;
}

export async function run(): Promise<void> {
  try {
    const settings = readSettings();
    const event = eventInfo(settings);
    const secrets = knownSecrets(settings);
    // Until the patterns parse, the known secrets alone are masked.
    setLogMask((text) => maskSecrets(text, secrets, []));
    const patterns = parseMaskPatterns(settings.maskPatterns);
    const mask = (text: string): string => maskSecrets(text, secrets, patterns);
    setLogMask(mask);
    // Relative to the workspace, so messages and annotations name files as the repository does.
    const at = (p: string): string => path.join(settings.workingDirectory, p);

    const runner: RunnerOptions = {
      binary: settings.terraformBinary,
      env: {},
      backendConfig: settings.backendConfig,
      parallelism: settings.parallelism,
      mask,
    };
    const paths: PipelinePaths = {
      configDir: at(settings.configDir),
      rulesDir: at(settings.rulesDir),
      fixturesDir: at(settings.fixturesDir),
      buildDir: at(settings.buildDir),
    };
    const planOptions: PlanOptions = {
      configDir: paths.configDir,
      build: buildStep(paths),
      ruleTests: ruleTestStep(paths),
      render: {
        outDir: at(settings.outDir),
        buildDir: at(settings.buildDir),
        awsEndpoint: settings.awsEndpoint,
      },
      only: settings.clusters,
      runner,
      commit: event.commit,
      runUrl: runUrl(),
    };

    switch (event.mode) {
      case 'validate':
        return await validateOnly(planOptions.configDir);
      case 'render':
        await renderCommand(planOptions.configDir, planOptions.render);
        return;
      case 'build':
        await buildCommand({
          configDir: paths.configDir,
          rulesDir: paths.rulesDir,
          outDir: paths.buildDir,
        });
        return;
      case 'plan':
        return await plan(settings, event, planOptions);
      case 'apply':
        return await apply(settings, event, planOptions);
    }
  } catch (err) {
    if (err instanceof ConfigError) {
      annotate(err.problems);
      log.failed(err.problems.map(formatProblem).join('\n'));
    } else {
      log.failed((err as Error).message);
    }
  }
}

async function validateOnly(configDir: string): Promise<void> {
  const config = await loadConfig(configDir);
  log.info(`configuration valid: ${config.clusters.map((c) => c.id).join(', ')}`);
  const notice = unusedFilesNotice(config);
  if (notice) log.notice(notice);
}

function failureText(report: PlanReport): string | undefined {
  if (report.failure)
    return `${report.failure.step} failed:\n${report.failure.messages.join('\n')}`;
  if (report.ruleTests && report.ruleTests.failed > 0)
    return `${report.ruleTests.failed} rule test(s) failed`;
  const failed = report.roots.filter((r) => r.status === 'error');
  if (failed.length > 0)
    return `terraform failed for ${failed.map((r) => `${r.root} (${r.error?.step})`).join(', ')}`;
  return undefined;
}

async function plan(
  settings: ActionSettings,
  event: EventInfo,
  options: PlanOptions,
): Promise<void> {
  const { report, problems } = await planCommand(options);
  annotate(problems);
  const summary = renderJobSummary(report);
  const comment = renderComment(report);
  await writeReport(options.render.outDir, report, comment);
  await core.summary.addRaw(summary).write();

  core.setOutput('has-changes', String(report.roots.some((r) => r.status === 'changes')));
  core.setOutput('summary', summaryOutput(report.roots));

  if (event.pullRequest !== undefined) {
    const client = new GitHubClient(settings.githubToken, github.context.repo);
    const posted = await client.upsertComment(event.pullRequest, isPlanComment, comment);
    core.setOutput('comment-url', posted.url);
    log.info(`plan comment: ${posted.url}`);
  }
  const failure = failureText(report);
  if (failure) log.failed(failure);
}

async function apply(
  settings: ActionSettings,
  event: EventInfo,
  options: PlanOptions,
): Promise<void> {
  const client = new GitHubClient(settings.githubToken, github.context.repo);
  const pr = await client.mergedPullRequestFor(event.commit);
  if (!pr) {
    throw new Error(
      `no merged pull request found for commit ${event.commit}: nothing was reviewed, so nothing is applied`,
    );
  }
  const comment = await client.findComment(pr.number, isPlanComment);
  const reviewed = comment ? parseCommentState(comment.body) : undefined;
  if (!reviewed) {
    throw new Error(
      `pull request #${pr.number} has no streamalert plan comment: nothing was reviewed, so nothing is applied`,
    );
  }

  const { report, problems } = await planCommand(options);
  annotate(problems);
  core.setOutput('summary', summaryOutput(report.roots));
  core.setOutput('has-changes', String(report.roots.some((r) => r.status === 'changes')));
  const failure = failureText(report);
  if (failure) {
    await core.summary.addRaw(renderJobSummary(report)).write();
    throw new Error(`re-plan on merge failed, nothing applied: ${failure}`);
  }

  const decisions = decideApply(report, reviewed, pr.labels);
  const lines: string[] = [
    `## StreamAlert apply for #${pr.number} at ${event.commit.slice(0, 7)}`,
    '',
  ];
  let refused = 0;
  let failed = 0;
  for (const d of decisions) {
    if (d.kind === 'skip') {
      lines.push(`- **${d.root}**: no changes`);
      continue;
    }
    if (d.kind === 'refuse') {
      refused++;
      lines.push(`- **${d.root}**: :no_entry: refused — ${d.reason}`);
      log.error(`${d.root}: refused — ${d.reason}`);
      continue;
    }
    const result = await applyRoot(options.runner, options.render.outDir, d.root);
    if (result.ok) lines.push(`- **${d.root}**: :white_check_mark: applied`);
    else {
      failed++;
      lines.push(`- **${d.root}**: :x: apply failed`, '', '```', result.output, '```');
      log.error(`${d.root}: apply failed\n${result.output}`);
    }
  }
  const prefix = maskLog(`${lines.join('\n')}\n\n`);
  const rest = renderJobSummary(report, {
    maxBytes: SUMMARY_MAX_BYTES - Buffer.byteLength(prefix),
  });
  await core.summary.addRaw(prefix + rest).write();
  log.info(lines.join('\n'));
  if (refused > 0 || failed > 0) {
    log.failed(
      `${refused} root(s) refused and ${failed} failed; see the job summary. Data-losing changes need the label ${ALLOW_DESTROY_LABEL}.`,
    );
  }
}
