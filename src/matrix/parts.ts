/**
 * Report parts: a plan spread over a matrix of jobs (each with its own `clusters`) writes
 * one part per job instead of the pull-request comment, so the comment does not flap
 * between the parts; `comment` (comment.ts) then merges every part into the one comment.
 * A part is the job's PlanReport plus the roots it was asked to cover, in a versioned
 * JSON file named by those roots (unique per job, so actions/download-artifact's
 * merge-multiple keeps them all).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PlanReport, PipelineFailure, RootPlan, UnchangedRoot } from '../plan/types.js';

export const PART_KIND = 'streamalert-plan-part';
export const PART_VERSION = 1;
const PART_PREFIX = 'plan-part-';

export interface ReportPart {
  kind: typeof PART_KIND;
  version: typeof PART_VERSION;
  /** The roots this job was asked to plan (its `clusters` input); empty means all. */
  clusters: string[];
  report: PlanReport;
}

/** A part as read back, with the file it came from (every error names it). */
export interface ReadPart extends ReportPart {
  file: string;
}

/** A part that cannot be merged: the message names the file and, where there is one, the place. */
export class PartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PartError';
  }
}

/**
 * The file name of a part: its roots joined (`plan-part-global+production.json`), or for a
 * long list the first and last root with a hash of the whole list, so 200 clusters still
 * make a valid file name and two different lists never share one.
 */
export function partFileName(clusters: readonly string[]): string {
  if (clusters.length === 0) return `${PART_PREFIX}all.json`;
  const joined = clusters.join('+');
  if (joined.length <= 100) return `${PART_PREFIX}${joined}.json`;
  const hash = createHash('sha256').update(joined).digest('hex').slice(0, 12);
  return `${PART_PREFIX}${clusters[0]}-to-${clusters[clusters.length - 1]}-${clusters.length}-roots-${hash}.json`;
}

/** Writes the part into `dir`; its path. */
export async function writePart(
  dir: string,
  clusters: readonly string[],
  report: PlanReport,
): Promise<string> {
  const part: ReportPart = {
    kind: PART_KIND,
    version: PART_VERSION,
    clusters: [...clusters],
    report,
  };
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, partFileName(clusters));
  await writeFile(file, `${JSON.stringify(part, null, 2)}\n`);
  return file;
}

/** Every `plan-part-*.json` under `dir`, also in sub-folders (download-artifact without merge-multiple). */
async function partFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new PartError(
        `${dir}: the folder of report parts does not exist (did the plan jobs upload their parts-dir, and this job download them into it?)`,
      );
    throw err;
  }
  return entries
    .filter((e) => e.isFile() && e.name.startsWith(PART_PREFIX) && e.name.endsWith('.json'))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const STATUSES = new Set(['no-changes', 'changes', 'error']);

/** The first problem of a part's shape as `/pointer: message`, or undefined. */
function shapeProblem(v: unknown): string | undefined {
  if (!isObject(v)) return '(top level): must be an object';
  if (v.kind !== PART_KIND) return `/kind: must be "${PART_KIND}" (not a report part)`;
  if (v.version !== PART_VERSION)
    return `/version: is ${JSON.stringify(v.version)}; this action reads version ${PART_VERSION} (plan and comment jobs must use the same action version)`;
  if (!Array.isArray(v.clusters) || !v.clusters.every((c) => typeof c === 'string'))
    return '/clusters: must be an array of root names';
  const r = v.report;
  if (!isObject(r)) return '/report: must be an object';
  if (typeof r.commit !== 'string') return '/report/commit: must be a string';
  // Missing is read as empty: checkParts refuses both unless the part stopped before rendering.
  if (r.configHash !== undefined && typeof r.configHash !== 'string')
    return '/report/configHash: must be a string';
  if (!isCount(r.clusterCount)) return '/report/clusterCount: must be a whole number >= 0';
  if (r.failure !== undefined) {
    if (!isObject(r.failure) || typeof r.failure.step !== 'string')
      return '/report/failure: must be an object with a step';
    if (
      !Array.isArray(r.failure.messages) ||
      !r.failure.messages.every((m) => typeof m === 'string')
    )
      return '/report/failure/messages: must be an array of strings';
  }
  if (r.ruleTests !== undefined) {
    const t = r.ruleTests;
    if (!isObject(t) || !isCount(t.passed) || !isCount(t.failed) || !Array.isArray(t.failures))
      return '/report/ruleTests: must have passed, failed and failures';
  }
  if (r.backtest !== undefined) {
    const b = r.backtest;
    if (
      !isObject(b) ||
      typeof b.base !== 'string' ||
      !Array.isArray(b.rules) ||
      !Array.isArray(b.notes)
    )
      return '/report/backtest: must have base, rules and notes';
  }
  if (r.unchanged !== undefined) {
    if (!Array.isArray(r.unchanged)) return '/report/unchanged: must be an array';
    for (const [i, u] of r.unchanged.entries())
      if (!isObject(u) || typeof u.root !== 'string' || typeof u.since !== 'string')
        return `/report/unchanged/${i}: must have a root and a since (strings)`;
  }
  if (!Array.isArray(r.roots)) return '/report/roots: must be an array';
  for (const [i, root] of r.roots.entries()) {
    const at = `/report/roots/${i}`;
    if (!isObject(root)) return `${at}: must be an object`;
    if (typeof root.root !== 'string') return `${at}/root: must be a string`;
    if (typeof root.status !== 'string' || !STATUSES.has(root.status))
      return `${at}/status: must be one of ${[...STATUSES].join(', ')}`;
    for (const key of ['add', 'change', 'destroy'] as const)
      if (!isCount(root[key])) return `${at}/${key}: must be a whole number >= 0`;
    if (typeof root.fingerprint !== 'string') return `${at}/fingerprint: must be a string`;
    if (typeof root.planText !== 'string') return `${at}/planText: must be a string`;
    if (!Array.isArray(root.changes)) return `${at}/changes: must be an array`;
  }
  return undefined;
}

/** Reads and checks every part under `dir`; throws PartError naming the file and place. */
export async function readParts(dir: string): Promise<ReadPart[]> {
  const files = await partFiles(dir);
  if (files.length === 0)
    throw new PartError(
      `${dir}: no report parts (${PART_PREFIX}*.json) found; the plan jobs write them into their parts-dir`,
    );
  const parts: ReadPart[] = [];
  for (const file of files) {
    let value: unknown;
    try {
      value = JSON.parse(await readFile(file, 'utf8'));
    } catch (err) {
      throw new PartError(`${file}: not valid JSON (${(err as Error).message})`);
    }
    const problem = shapeProblem(value);
    if (problem) throw new PartError(`${file}: ${problem}`);
    const part = value as ReportPart;
    parts.push({
      ...part,
      report: { ...part.report, configHash: part.report.configHash ?? '' },
      file,
    });
  }
  return parts;
}

/** What the comment job knows from its own checkout: the commit and the rendered configuration. */
export interface MergeContext {
  /** The commit this job runs for (the pull request's head). */
  commit: string;
  runUrl?: string;
  /** Every root the matrix should have covered, in report order (`global` first). */
  roots: string[];
  /** The rendered tree's hash, or undefined when this job's configuration did not validate. */
  configHash?: string;
  clusterCount: number;
}

/** The roots a part covers: its `clusters`, or all of them. */
const covered = (part: ReadPart, all: readonly string[]): string[] =>
  part.clusters.length === 0 ? [...all] : part.clusters;

/** Refuses parts planned for another commit than `commit`, naming each. */
export function checkCommits(parts: readonly ReadPart[], commit: string): void {
  const other = parts.filter((p) => p.report.commit !== commit);
  if (other.length > 0) {
    throw new PartError(
      `report parts from another commit than ${commit}: ` +
        other.map((p) => `${p.file} (${p.report.commit})`).join(', ') +
        '. Parts of different commits are never merged: download only the artifacts of this workflow run.',
    );
  }
}

/** The steps before the configuration is rendered (and hashed). */
const BEFORE_RENDER = new Set<string>(['validate', 'state', 'render']);

/** A part whose job stopped before rendering: no hash, and no plan of any root. */
const unrendered = (p: ReadPart): boolean =>
  p.report.failure !== undefined &&
  BEFORE_RENDER.has(p.report.failure.step) &&
  p.report.roots.length === 0;

/** Refuses parts of another commit or configuration, and parts that cover a root twice. */
export function checkParts(parts: readonly ReadPart[], ctx: MergeContext): void {
  checkCommits(parts, ctx.commit);
  // Every part must be of this very configuration. Only a part that stopped before rendering
  // (and so plans nothing) has no hash; an empty or missing hash anywhere else could carry
  // any plan (a forged "no changes"), so it is refused like a different hash.
  if (ctx.configHash !== undefined) {
    const mixed = parts.filter(
      (p) =>
        p.report.configHash !== ctx.configHash && !(p.report.configHash === '' && unrendered(p)),
    );
    if (mixed.length > 0) {
      throw new PartError(
        `report parts rendered from another configuration than this job's (config hash ${ctx.configHash.slice(0, 12)}): ` +
          mixed
            .map((p) => `${p.file} (${p.report.configHash.slice(0, 12) || 'no config hash'})`)
            .join(', ') +
          '. Give the comment job the same config-dir, out-dir, build-dir and aws-endpoint as the plan jobs.',
      );
    }
  }
  const owner = new Map<string, ReadPart>();
  for (const part of parts) {
    const unknown = covered(part, ctx.roots).filter((r) => !ctx.roots.includes(r));
    if (unknown.length > 0)
      throw new PartError(
        `${part.file}: /clusters: unknown root(s) ${unknown.join(', ')} (known: ${ctx.roots.join(', ')})`,
      );
    for (const root of covered(part, ctx.roots)) {
      const first = owner.get(root);
      if (first)
        throw new PartError(
          `report parts overlap: ${first.file} and ${part.file} both cover ${root}. Each root must be planned by exactly one matrix job.`,
        );
      owner.set(root, part);
    }
    const stray = part.report.roots.filter((r) => !covered(part, ctx.roots).includes(r.root));
    if (stray.length > 0)
      throw new PartError(
        `${part.file}: /report/roots: plans ${stray.map((r) => r.root).join(', ')}, which its /clusters does not list`,
      );
  }
}

const STEP_ORDER: ReadonlyArray<PipelineFailure['step']> = ['validate', 'render', 'build'];

/** The earliest step any part stopped at, with every distinct message of that step (each part's are the same run of the same commit). */
function mergedFailure(parts: readonly ReadPart[]): PipelineFailure | undefined {
  const failures = parts.flatMap((p) => (p.report.failure ? [p.report.failure] : []));
  const step = STEP_ORDER.find((s) => failures.some((f) => f.step === s));
  if (!step) return undefined;
  const messages = [...new Set(failures.filter((f) => f.step === step).flatMap((f) => f.messages))];
  return { step, messages };
}

/**
 * A root no part planned: an error row, so it is in the table, fails the run and is never
 * applied (its state has no fingerprint to match).
 */
function missingRoot(root: string, part: ReadPart | undefined): RootPlan {
  const message = part
    ? `No plan for ${root}: its report part ${part.file} has none` +
      (part.report.failure
        ? ` (that job stopped at ${part.report.failure.step}, see the errors above).`
        : '.')
    : `No plan for ${root}: no report part covers it. Its matrix job failed before writing its part, ` +
      'or its artifact was not downloaded into parts-dir; see the workflow run.';
  return {
    root,
    status: 'error',
    add: 0,
    change: 0,
    destroy: 0,
    changes: [],
    planText: '',
    error: { step: 'plan', message },
    fingerprint: '',
  };
}

/** Merges checked parts into the one report of every root, missing roots shown as errors. */
export function mergeParts(parts: readonly ReadPart[], ctx: MergeContext): PlanReport {
  checkParts(parts, ctx);
  const planned = new Map<string, RootPlan>();
  const owner = new Map<string, ReadPart>();
  // Left out by a job as unchanged since their last apply (src/selection): neither planned nor missing.
  const unchanged = new Map<string, UnchangedRoot>();
  for (const part of parts) {
    const mine = covered(part, ctx.roots);
    for (const r of mine) owner.set(r, part);
    for (const r of part.report.roots) planned.set(r.root, r);
    for (const u of part.report.unchanged ?? [])
      if (mine.includes(u.root)) unchanged.set(u.root, u);
  }
  const roots = ctx.roots
    .filter((r) => planned.has(r) || !unchanged.has(r))
    .map((r) => planned.get(r) ?? missingRoot(r, owner.get(r)));
  const left = ctx.roots.filter((r) => !planned.has(r) && unchanged.has(r));
  // Every part ran the same fixtures on the same commit; the first that ran them speaks for all.
  const ruleTests = parts.find((p) => p.report.ruleTests)?.report.ruleTests;
  // Likewise the backtest: every part compared the same rules over the same buckets.
  const backtest = parts.find((p) => p.report.backtest)?.report.backtest;
  const failure = mergedFailure(parts);
  return {
    commit: ctx.commit,
    ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
    configHash: ctx.configHash ?? parts.find((p) => p.report.configHash)?.report.configHash ?? '',
    clusterCount: ctx.clusterCount,
    ...(ruleTests ? { ruleTests } : {}),
    ...(backtest ? { backtest } : {}),
    ...(failure ? { failure } : {}),
    roots,
    ...(left.length > 0 ? { unchanged: left.map((r) => unchanged.get(r)!) } : {}),
  };
}
