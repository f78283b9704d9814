/**
 * `plan`: validate, render, build, run the rule fixtures, then init/plan/show every
 * selected root, into one PlanReport. Shared by the CLI and the action. A configuration,
 * render or build error, or a failing root, becomes part of the report so the
 * pull-request comment can show it; rules that do not load make the rule-test step throw
 * (RulesError), as `test` does.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { ConfigError, formatProblem, type ConfigProblem } from '../config/problems.js';
import type { Config } from '../config/types.js';
import type {
  BlindRules,
  FeedVersion,
  PlanOutcome,
  PlanReport,
  PipelineFailure,
  RuleTestSummary,
  UnchangedRoot,
} from '../plan/types.js';
import { renderTree, type RenderedTree } from '../render/render.js';
import { lookupsByRoot } from '../render/lookups.js';
import { withLines } from '../config/positions.js';
import { writeTree } from '../render/write-tree.js';
import type { RenderOptions } from '../render/model.js';
import { renderComment } from '../report/comment.js';
import { planRoots, type RunnerOptions } from '../terraform/runner.js';
import {
  pipelinePaths,
  renderOptions,
  runnerOptions,
  stateStoreOf,
  type EngineOptions,
} from '../door-kit/options.js';
import { buildStep, ruleTestStep } from '../steps/pipeline.js';
import { planFailure } from '../door-kit/plan-outcome.js';
import { analysePlan } from '../steps/analyse.js';
import { findingsFailure } from '../findings/severity.js';
import { writePart } from '../matrix/parts.js';
import { discoverState, type StateDiscovery } from '../state/discover.js';
import { unpublishedVersions } from '../config/first-deploy-checks.js';
import { stateLocation } from '../state/location.js';
import type { StateStore, StateStoreFactory } from '../state/store.js';
import { rootInputs } from '../selection/inputs.js';
import { selectChanged } from '../selection/select.js';
import type { BacktestReport } from '../backtest/types.js';
import { backtestCommand } from './backtest.js';
import { readFeedVersions } from '../steps/feed-versions.js';
import { readBlindRules } from '../steps/source-health.js';

export const REPORT_FILE = 'plan-report.json';
export const COMMENT_FILE = 'plan-comment.md';

export type { PlanOutcome };

export interface PlanOptions {
  configDir: string;
  render: RenderOptions;
  /** Roots to plan (`global` and/or cluster ids); all when empty. */
  only: string[];
  runner: RunnerOptions;
  commit: string;
  runUrl?: string;
  /** Builds the processor zips into render.buildDir (issue #4); the plan hashes them. */
  build?: (config: Config) => Promise<void>;
  /**
   * Reads the rules a silent source leaves blind (docs/source-health.md), after the build
   * (it reads the build's source_health.json). Skipped on the first deployment: no alarm
   * exists yet. Undefined from it means nothing could be read: the report says nothing.
   */
  blindRules?: (config: Config) => Promise<BlindRules[] | undefined>;
  /**
   * The version of each threat-intel feed the rule processors use (the comment lists them);
   * undefined when conf/threat_intel.json matches nothing.
   */
  feedVersions?: (config: Config) => Promise<FeedVersion[] | undefined>;
  /** Runs the rule fixtures; their summary goes into the report. */
  ruleTests?: (config: Config) => Promise<RuleTestSummary>;
  /** Counts the alerts of the rules the pull request adds or changes (never throws). */
  backtest?: (config: Config) => Promise<BacktestReport>;
  /**
   * The state bucket, looked at before rendering (src/state/discover.ts): first deployment,
   * removed clusters. Without it the roots are planned as the configuration renders them.
   */
  state?: StateStoreFactory;
  /**
   * Plan every root, not only those whose inputs differ from what was last applied
   * (src/selection). Without `state` every root is planned anyway.
   */
  planAll?: boolean;
}

/** SHA-256 over every rendered file (path and content), in path order. */
export function treeHash(tree: RenderedTree): string {
  const hash = createHash('sha256');
  for (const rel of [...tree.files.keys()].sort()) hash.update(`${rel}\0${tree.files.get(rel)}\0`);
  return hash.digest('hex');
}

export function selectRoots(all: string[], only: string[]): { roots: string[]; unknown: string[] } {
  if (only.length === 0) return { roots: all, unknown: [] };
  return {
    roots: all.filter((r) => only.includes(r)),
    unknown: only.filter((r) => !all.includes(r)),
  };
}

/**
 * How the roots are rendered for a plan: as configured, or, when the engine looks at the
 * state bucket, as it says — the first deployment (global with a local backend that creates
 * the bucket, clusters against empty local state) or removed clusters planned as destroys.
 * `apply` renders the same way to check that a saved plan is still current. Throws when
 * the bucket cannot be looked at.
 */
export async function stateRender(
  config: Config,
  render: RenderOptions,
  backendConfig: readonly string[],
  state: StateStoreFactory | undefined,
): Promise<{ render: RenderOptions; discovery?: StateDiscovery; store?: StateStore }> {
  if (!state) return { render: { ...render, removedRoots: [], globalStateRegions: [] } };
  const location = stateLocation(config, backendConfig);
  const store = state(location);
  const discovery = await discoverState(config, location, store);
  return {
    discovery,
    store,
    render: discovery.firstDeployment
      ? { ...render, bootstrap: true, localState: true }
      : { ...render, removedRoots: discovery.removed, globalStateRegions: discovery.globalRegions },
  };
}

export async function planCommand(o: PlanOptions): Promise<PlanOutcome> {
  const base: PlanReport = {
    commit: o.commit,
    runUrl: o.runUrl,
    configHash: '',
    clusterCount: 0,
    roots: [],
  };
  const fail = (failure: PipelineFailure, problems: ConfigProblem[] = []): PlanOutcome => ({
    report: { ...base, failure: { ...failure, messages: failure.messages.map(o.runner.mask) } },
    problems,
  });

  let config: Config;
  try {
    config = await loadConfig(o.configDir);
  } catch (err) {
    if (err instanceof ConfigError)
      return fail({ step: 'validate', messages: err.problems.map(formatProblem) }, err.problems);
    throw err;
  }
  base.clusterCount = config.clusters.length;

  let discovery: StateDiscovery | undefined;
  let store: StateStore | undefined;
  let render: RenderOptions;
  try {
    ({ discovery, render, store } = await stateRender(
      config,
      o.render,
      o.runner.backendConfig,
      o.state,
    ));
  } catch (err) {
    return fail({ step: 'state', messages: [(err as Error).message] });
  }
  if (discovery) {
    // A cluster without state gets its functions now: its alias cannot name a later version.
    const withState = new Set(discovery.rootsWithState);
    const unpublished = unpublishedVersions(
      config,
      new Set(config.clusters.map((c) => c.id).filter((id) => !withState.has(id))),
    );
    if (unpublished.length > 0) {
      const problems = await withLines(unpublished);
      return fail({ step: 'validate', messages: problems.map(formatProblem) }, problems);
    }
  }
  if (discovery?.firstDeployment) base.firstDeployment = discovery.firstDeployment;
  const removed = new Set(discovery?.removed.map((r) => r.id));

  let tree: RenderedTree;
  try {
    tree = renderTree(config, render);
    await writeTree(o.render.outDir, tree);
  } catch (err) {
    return fail({ step: 'render', messages: [(err as Error).message] });
  }
  base.configHash = treeHash(tree);

  const { roots, unknown } = selectRoots(tree.roots, o.only);
  if (unknown.length > 0) {
    return fail({
      step: 'validate',
      messages: [`unknown cluster(s) ${unknown.join(', ')} (known: ${tree.roots.join(', ')})`],
    });
  }

  if (o.build) {
    try {
      await o.build(config);
    } catch (err) {
      return fail({ step: 'build', messages: String((err as Error).message).split('\n') });
    }
  }
  if (o.ruleTests) {
    const tests = await o.ruleTests(config);
    base.ruleTests = { ...tests, failures: tests.failures.map(o.runner.mask) };
  }
  if (o.backtest) base.backtest = maskBacktest(await o.backtest(config), o.runner.mask);
  if (o.blindRules && !discovery?.firstDeployment) {
    const blind = await o.blindRules(config);
    if (blind) base.blindRules = blind;
  }
  if (o.feedVersions) {
    const feeds = await o.feedVersions(config);
    if (feeds) base.threatIntelFeeds = feeds;
  }

  // After the build: the zips' contents are part of each root's inputs.
  const inputs = rootInputs(tree, o.render.buildDir, o.runner.backendConfig);
  let selected = roots;
  let unchanged: UnchangedRoot[] = [];
  if (store && discovery && !discovery.firstDeployment && !o.planAll) {
    try {
      ({ plan: selected, unchanged } = await selectChanged(roots, inputs, store, removed));
    } catch (err) {
      return fail({ step: 'state', messages: [(err as Error).message] });
    }
  }

  const lookups = lookupsByRoot(config);
  const runner = {
    ...o.runner,
    analyse: analysePlan(config),
    lookups: (root: string) => lookups.get(root) ?? [],
    // Local backends take no -backend-config (Terraform rejects the S3 backend's keys there).
    ...(discovery?.firstDeployment ? { backendConfig: [] } : {}),
  };
  const planned = await planRoots(runner, o.render.outDir, selected);
  const report: PlanReport = {
    ...base,
    roots: planned.map((r) => ({
      ...r,
      ...(removed.has(r.root) ? { removed: true as const } : {}),
      ...(inputs.has(r.root) ? { inputs: inputs.get(r.root)! } : {}),
    })),
    ...(unchanged.length > 0 ? { unchanged } : {}),
  };
  // Existing resources the configuration names that a plan did not find: annotations too.
  return {
    report,
    problems: await withLines(report.roots.flatMap((r) => r.error?.problems ?? [])),
  };
}

/** Sampled records are real data: what the report shows of them goes through the mask. */
function maskBacktest(b: BacktestReport, mask: (text: string) => string): BacktestReport {
  return {
    ...b,
    notes: b.notes.map(mask),
    ...(b.stopped !== undefined ? { stopped: mask(b.stopped) } : {}),
    rules: b.rules.map((r) => ({
      ...r,
      topKeys: r.topKeys.map((k) => ({ ...k, value: mask(k.value) })),
    })),
  };
}

export async function writeReport(
  outDir: string,
  report: PlanReport,
  markdown: string,
): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(outDir, COMMENT_FILE), markdown);
}

/** The PlanOptions of the engine options: the build and rule-test steps wired to its folders. */
export function planOptionsOf(o: EngineOptions): PlanOptions {
  const paths = pipelinePaths(o);
  const ruleTests = ruleTestStep(paths);
  const state = stateStoreOf(o);
  return {
    configDir: o.configDir,
    render: renderOptions(o),
    only: o.clusters,
    runner: runnerOptions(o),
    commit: o.commit,
    ...(o.runUrl ? { runUrl: o.runUrl } : {}),
    build: buildStep(paths),
    ...(ruleTests ? { ruleTests } : {}),
    ...(state ? { state } : {}),
    ...(o.planAll ? { planAll: true } : {}),
    ...(o.backtest ? { backtest: backtestStep(o, o.backtest) } : {}),
    // Only with a state bucket to read: then the deployment exists and AWS is reachable; a
    // plan without one (a first look, no credentials) never waits on CloudWatch.
    ...(state
      ? {
          blindRules: (config: Config) =>
            readBlindRules(config, {
              buildDir: paths.buildDir,
              ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
            }),
        }
      : {}),
    // Read only with a state bucket (as above); without one each feed is "latest, unpinned".
    feedVersions: (config: Config) =>
      readFeedVersions(config, {
        read: state !== undefined,
        ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
      }),
  };
}

function backtestStep(
  o: EngineOptions,
  settings: NonNullable<EngineOptions['backtest']>,
): (config: Config) => Promise<BacktestReport> {
  return (config) =>
    backtestCommand(config, {
      ...settings,
      configDir: o.configDir,
      rulesDir: o.rulesDir,
      fixturesDir: o.fixturesDir,
      ...(o.awsEndpoint ? { awsEndpoint: o.awsEndpoint } : {}),
    });
}

export interface PlanRun extends PlanOutcome {
  /** The pull-request comment, also written to <outDir>/plan-comment.md. */
  comment: string;
  commentFile: string;
  /** Why the run failed (for the exit code or the failed step), when it did. */
  failure?: string;
  /** The report part written into o.partsDir (a matrix job), when there is one. */
  partFile?: string;
}

/** `plan` as both doors run it: plan, then write plan-comment.md and plan-report.json. */
export async function planAndWrite(o: EngineOptions): Promise<PlanRun> {
  const outcome = await planCommand(planOptionsOf(o));
  const comment = renderComment(outcome.report);
  await writeReport(o.outDir, outcome.report, comment);
  const partFile = o.partsDir ? await writePart(o.partsDir, o.clusters, outcome.report) : undefined;
  const failure =
    planFailure(outcome.report) ?? findingsFailure(outcome.report, o.failOn ?? 'none');
  return {
    ...outcome,
    comment,
    commentFile: path.join(o.outDir, COMMENT_FILE),
    ...(failure ? { failure } : {}),
    ...(partFile ? { partFile } : {}),
  };
}
