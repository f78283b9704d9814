/**
 * `comment`: the last job of a matrix plan. Reads the report parts the plan jobs wrote
 * (src/matrix/parts.ts), checks them against this job's own checkout (same commit, same
 * rendered configuration, every root covered once) and merges them into the one report,
 * rendered as the one pull-request comment with the same marker and hidden state as a
 * single-job plan, so apply on merge reads it unchanged.
 */
import { loadConfig } from '../config/load.js';
import { ConfigError, formatProblem, type ConfigProblem } from '../config/problems.js';
import type { PlanReport } from '../plan/types.js';
import { renderTree } from '../render/render.js';
import { renderComment } from '../report/comment.js';
import { findingsFailure } from '../findings/severity.js';
import { InputError } from '../door-kit/inputs.js';
import { renderOptions, type EngineOptions } from '../door-kit/options.js';
import { treeHash, selectRoots } from './plan.js';
import { planFailure } from '../door-kit/plan-outcome.js';
import { checkCommits, mergeParts, readParts, type MergeContext } from '../matrix/parts.js';

export interface CommentRun {
  report: PlanReport;
  /** This job's configuration problems, for annotations (empty unless validation failed). */
  problems: ConfigProblem[];
  comment: string;
  /** The part files merged. */
  files: string[];
  /** Why the job fails (a part failed, a root is missing, a blocking finding), when it does. */
  failure?: string;
}

/** The roots the matrix should cover and the configuration hash, from this job's checkout. */
async function context(
  o: EngineOptions,
): Promise<{ ctx: MergeContext; problems: ConfigProblem[] }> {
  const base = { commit: o.commit, ...(o.runUrl ? { runUrl: o.runUrl } : {}) };
  try {
    const config = await loadConfig(o.configDir);
    // Rendered in memory only: the hash and the root list, nothing written.
    const tree = renderTree(config, renderOptions(o));
    const { roots, unknown } = selectRoots(tree.roots, o.clusters);
    if (unknown.length > 0)
      throw new InputError(
        `input clusters: unknown cluster(s) ${unknown.join(', ')} (known: ${tree.roots.join(', ')})`,
      );
    return {
      ctx: { ...base, roots, configHash: treeHash(tree), clusterCount: config.clusters.length },
      problems: [],
    };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The plan jobs stopped at validation too; their parts carry the same failure.
    return { ctx: { ...base, roots: [], clusterCount: 0 }, problems: err.problems };
  }
}

function invalid(ctx: MergeContext, messages: string[]): PlanReport {
  return {
    commit: ctx.commit,
    ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
    configHash: '',
    clusterCount: 0,
    failure: { step: 'validate', messages },
    roots: [],
  };
}

export async function commentCommand(o: EngineOptions, partsDir: string): Promise<CommentRun> {
  const { ctx, problems } = await context(o);
  const parts = await readParts(partsDir);
  // An invalid configuration has no roots to merge: the comment shows its problems, as a
  // single-job plan would (after the parts are known to be of this commit).
  const report: PlanReport =
    problems.length > 0
      ? (checkCommits(parts, ctx.commit),
        invalid(
          ctx,
          problems.map((p) => o.mask(formatProblem(p))),
        ))
      : mergeParts(parts, ctx);
  const failure = planFailure(report) ?? findingsFailure(report, o.failOn ?? 'none');
  return {
    report,
    problems,
    comment: renderComment(report),
    files: parts.map((p) => p.file),
    ...(failure ? { failure: o.mask(failure) } : {}),
  };
}
