/**
 * How each command of the registry runs, once for both doors: a runner composes
 * src/commands and returns a CommandResult, the one shape both presenters take — the
 * action's (src/action/run.ts: log, step outputs, job summary, pull-request comment,
 * failed step) and the CLI's (src/cli/commands.ts: stdout, stderr, exit code). Where the
 * doors differ (a local run has no pull request; GitHub writes need a repository and a
 * token) the runner reads `door` and `github`.
 */
import { loadConfig } from '../config/load.js';
import type { ConfigProblem } from '../config/problems.js';
import type { PlanReport } from '../plan/types.js';
import { backtestSection } from '../report/backtest.js';
import { fenceFor } from '../report/markdown.js';
import { applyCommand } from '../commands/apply.js';
import { applyAndReport } from '../commands/apply-report.js';
import { backtestCommand } from '../commands/backtest.js';
import { buildCommand, formatBuild } from '../commands/build.js';
import { commentCommand } from '../commands/comment.js';
import { driftCommand } from '../commands/drift.js';
import {
  githubHost,
  githubPromotionHost,
  githubTracker,
  githubUpstream,
  type Repo,
} from '../door-kit/github.js';
import { InputError } from '../door-kit/inputs.js';
import { renderOptions, type EngineOptions } from '../door-kit/options.js';
import { planAndWrite } from '../commands/plan.js';
import { jobSummary, planLines } from '../door-kit/plan-outcome.js';
import { promoteCommand } from '../commands/promote.js';
import { checkSyncOptions, sigmaSyncCommand } from '../commands/sigma-sync.js';
import { renderCommand } from '../commands/render.js';
import { rootsCommand } from '../commands/roots.js';
import { testCommand } from '../commands/test.js';
import { validateCommand } from '../commands/validate.js';
import type { CommandName, Door } from './commands.js';
import { localPromotionHost, localTracker } from './local-github.js';
import type { OutputName } from './outputs.js';

/** What a command did, for either door to present. Texts are unmasked: the presenters mask. */
export interface CommandResult {
  /** Configuration problems (annotations inside Actions). */
  problems?: readonly ConfigProblem[];
  /** A plan report: the has-changes and summary outputs. */
  report?: PlanReport;
  /** Other step outputs. */
  outputs?: Partial<Record<OutputName, string>>;
  /** The job summary (markdown); the CLI prints none. */
  summary?: string;
  /** The result: the action's log, the CLI's stdout. */
  lines?: string[];
  /** Progress and context: the action's log, the CLI's stderr (so stdout stays the result). */
  log?: string[];
  notices?: string[];
  warnings?: string[];
  /** One error each (a refused root): the action's error lines, the CLI's stderr. */
  errors?: string[];
  /** The plan comment for the event's pull request (the action writes it, when there is one). */
  comment?: string;
  /** Why the step fails (the CLI exits 1). */
  failure?: string;
}

/** The settings a command reads beyond the engine options. */
export interface CommandSettings {
  matrixJobs?: number;
  quietThreshold: number;
  promoteAfterHours: number;
  backtestHours: number;
  backtestMaxMb: number;
  /** The commit the backtest counts "before" with (the pull request's base, --base). */
  base?: string;
  /** Folder the repository's paths are relative to (GITHUB_WORKSPACE; the CLI's cwd). */
  repoRoot: string;
  /** `sigma-sync`: where the rules come from. */
  sigma: { repository: string; ref: string; folders: string[] };
}

export interface CommandContext {
  door: Door;
  options: EngineOptions;
  settings: CommandSettings;
  /** Where GitHub writes go; absent on a local run without --repo and a token. */
  github?: { token: string; repo: Repo };
}

type Runner = (ctx: CommandContext) => Promise<CommandResult>;

/** The name a door gives an input in its messages. */
const named = (door: Door, input: string): string =>
  door === 'cli' ? `--${input}` : `input ${input}`;

/** The commands both doors run; `init`, `migrate` and `demo` are the CLI's own (src/cli/commands.ts). */
export type SharedCommand = Exclude<CommandName, 'init' | 'migrate' | 'demo'>;

export const RUNNERS: Record<SharedCommand, Runner> = {
  async validate({ options: o }) {
    const r = await validateCommand(o.configDir, o.rulesDir);
    return {
      lines: [`${o.configDir}: valid (${r.clusters.length} cluster(s): ${r.clusters.join(', ')})`],
      ...(r.notice ? { notices: [r.notice] } : {}),
    };
  },

  async render({ options: o }) {
    const r = await renderCommand(o.configDir, renderOptions(o));
    return {
      lines: [`rendered ${r.roots.length} root(s) into ${o.outDir}: ${r.roots.join(', ')}`],
    };
  },

  async build({ options: o }) {
    const r = await buildCommand({
      configDir: o.configDir,
      rulesDir: o.rulesDir,
      outDir: o.buildDir,
    });
    return { lines: [formatBuild(r)] };
  },

  async test({ options: o }) {
    const r = await testCommand({
      configDir: o.configDir,
      rulesDir: o.rulesDir,
      fixturesDir: o.fixturesDir,
      ...(o.classifyOnly ? { classifyOnly: true } : {}),
    });
    const s = r.summary;
    const fence = fenceFor(r.text);
    const failure = r.ok
      ? undefined
      : s.failed > 0
        ? `${s.failed} rule test(s) failed`
        : r.summary.results.length === 0 &&
            r.problems.every((p) => p.includes(': no test events found'))
          ? `no test events in ${o.fixturesDir}`
          : `${r.problems.length} fixture file(s) could not be read`;
    return {
      outputs: {
        'rule-tests': JSON.stringify({
          passed: s.passed,
          failed: s.failed,
          unclassified: s.unclassified,
          untested: s.untestedRules,
        }),
      },
      summary: `## StreamAlert rule tests\n\n${r.ok ? '✅' : '❌'} ${s.passed} of ${s.results.length} passed\n\n${fence}text\n${r.text}${fence}\n`,
      ...(r.ok ? { lines: [r.text] } : { errors: [r.text] }),
      ...(failure ? { failure } : {}),
    };
  },

  async plan({ options: o }) {
    const run = await planAndWrite(o);
    return {
      problems: run.problems,
      report: run.report,
      summary: jobSummary(run.report),
      lines: [
        ...planLines(run.report),
        run.partFile ? `report part: ${run.partFile}` : `comment markdown: ${run.commentFile}`,
      ],
      // A matrix job's part goes to the comment job, which writes the one comment.
      ...(run.partFile ? {} : { comment: run.comment }),
      ...(run.failure ? { failure: run.failure } : {}),
    };
  },

  async apply({ door, options: o, github }) {
    if (door === 'cli') {
      // Local: the saved plans, refused when stale; no pull request to read or report to.
      const results = await applyCommand(o);
      const failed = results.filter((r) => !r.ok).map((r) => r.root);
      return {
        lines:
          results.length === 0
            ? ['nothing to apply: no root has changes']
            : results.map((r) => `${r.root}: ${r.ok ? 'applied' : `FAILED\n${r.output}`}`),
        ...(failed.length > 0 ? { failure: `apply failed for ${failed.join(', ')}` } : {}),
      };
    }
    const { outcome, commentUrl, warnings } = await applyAndReport(
      o,
      githubHost(github?.token ?? '', github?.repo ?? { owner: '', repo: '' }),
    );
    return {
      warnings,
      problems: outcome.problems,
      report: outcome.report,
      summary: outcome.summary,
      ...(commentUrl ? { outputs: { 'comment-url': commentUrl } } : {}),
      log: commentUrl ? [`apply results in the plan comment: ${commentUrl}`] : [],
      errors: [
        ...outcome.decisions.flatMap((d) =>
          d.kind === 'refuse' ? [`${d.root}: refused — ${d.reason}`] : [],
        ),
        ...outcome.results.flatMap((r) => (r.ok ? [] : [`${r.root}: apply failed\n${r.output}`])),
      ],
      lines: outcome.lines,
      ...(outcome.failure ? { failure: outcome.failure } : {}),
    };
  },

  async drift({ options: o, github }) {
    const local = github ? undefined : localTracker();
    const outcome = await driftCommand(o, local ?? githubTracker(github!.token, github!.repo));
    // A local run has no issue: its line would name one that was never opened.
    const lines = local && outcome.issue ? outcome.lines.slice(0, -2) : outcome.lines;
    if (local && outcome.isDrifted)
      lines.push('', 'no drift issue kept: give --repo OWNER/NAME and GITHUB_TOKEN to keep it');
    return {
      problems: outcome.problems,
      report: outcome.report,
      outputs: {
        ...(outcome.isDrifted !== undefined ? { drifted: String(outcome.isDrifted) } : {}),
        ...(outcome.issue && !local ? { 'issue-url': outcome.issue.url } : {}),
      },
      summary: outcome.summary,
      lines,
      ...(outcome.warning ? { notices: [outcome.warning] } : {}),
      ...(outcome.failure ? { failure: outcome.failure } : {}),
    };
  },

  async roots({ options: o, settings }) {
    const r = await rootsCommand(o, settings.matrixJobs);
    return {
      outputs: { roots: JSON.stringify(r.roots), matrix: JSON.stringify(r.matrix) },
      lines: [`roots: ${JSON.stringify(r.roots)}`, `matrix: ${JSON.stringify(r.matrix)}`],
      log: [`${r.roots.length} root(s) in ${r.matrix.length} matrix job(s)`],
    };
  },

  async comment({ door, options: o }) {
    if (!o.partsDir)
      throw new InputError(
        `${named(door, 'parts-dir')}: command comment merges the report parts found there; set it to the folder the plan jobs' parts are in`,
      );
    const run = await commentCommand(o, o.partsDir);
    return {
      problems: run.problems,
      report: run.report,
      summary: jobSummary(run.report),
      log: [`merged ${run.files.length} report part(s): ${run.files.join(', ')}`],
      // The CLI prints the comment (to pipe into a file or `gh pr comment`); the action writes it.
      ...(door === 'cli' ? { lines: [run.comment] } : { comment: run.comment }),
      ...(run.failure ? { failure: run.failure } : {}),
    };
  },

  async promote({ options: o, settings, github }) {
    const local = github ? undefined : localPromotionHost();
    const outcome = await promoteCommand(
      o,
      {
        quietThreshold: settings.quietThreshold,
        minStagedHours: settings.promoteAfterHours,
        repoRoot: settings.repoRoot,
      },
      local ?? githubPromotionHost(github!.token, github!.repo),
    );
    const lines = [...outcome.lines];
    if (local && outcome.pullRequest)
      lines[lines.length - 1] =
        `would promote ${outcome.promoted.join(', ')}: give --repo OWNER/NAME and GITHUB_TOKEN to open the pull request`;
    return {
      outputs: {
        promoted: JSON.stringify(outcome.promoted),
        ...(outcome.pullRequest && !local ? { 'pull-request-url': outcome.pullRequest.url } : {}),
      },
      lines,
      errors: outcome.refused,
    };
  },

  async 'sigma-sync'({ door, options: o, settings, github }) {
    const sync = { ...settings.sigma, repoRoot: settings.repoRoot };
    checkSyncOptions(sync, (input) => named(door, input));
    // The upstream is read with the token GitHub gives (GITHUB_TOKEN on a local run, when set).
    const token = github?.token ?? process.env.GITHUB_TOKEN ?? process.env.GH_TOKEN ?? '';
    const outcome = await sigmaSyncCommand(
      o,
      sync,
      githubUpstream(token),
      github
        ? { pullRequest: githubPromotionHost(github.token, github.repo) }
        : { workingTree: true },
      (input) => named(door, input),
    );
    return {
      outputs: outcome.pullRequest ? { 'pull-request-url': outcome.pullRequest.url } : {},
      lines: outcome.lines,
    };
  },

  async backtest({ door, options: o, settings }) {
    if (!settings.base)
      throw new InputError(
        door === 'cli'
          ? '--base: the commit whose rules count "before" is needed'
          : 'input command: backtest runs on a pull request: its base commit is the "before"',
      );
    const config = await loadConfig(o.configDir);
    const report = await backtestCommand(config, {
      base: settings.base,
      hours: settings.backtestHours,
      maxMb: settings.backtestMaxMb,
      configDir: o.configDir,
      rulesDir: o.rulesDir,
      fixturesDir: o.fixturesDir,
      ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
    });
    const section = backtestSection({ backtest: report });
    return {
      outputs: {
        backtest: JSON.stringify(
          report.rules.map((r) => ({
            rule: r.rule,
            status: r.status,
            fixtures: r.fixtures,
            ...(r.sample ? { sample: r.sample } : {}),
          })),
        ),
      },
      summary: `## StreamAlert backtest\n\n${section}`,
      lines: [section],
      ...(report.stopped !== undefined
        ? { warnings: [`backtest stopped: ${report.stopped}`] }
        : {}),
    };
  },
};
