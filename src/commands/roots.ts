/**
 * `roots`: the cheap first job of a matrix plan. Validates and renders (in memory) to
 * list the roots, and splits them into at most `jobs` groups for
 * `strategy.matrix.clusters: ${{ fromJSON(needs.roots.outputs.matrix) }}`; each group is
 * one `clusters` input (comma-joined). Nothing is written and Terraform is not run.
 */
import { loadConfig } from '../config/load.js';
import { renderTree } from '../render/render.js';
import { InputError } from '../door-kit/inputs.js';
import { renderOptions, type EngineOptions } from '../door-kit/options.js';
import { selectRoots } from './plan.js';

/** GitHub runs at most 256 jobs per matrix. */
export const MAX_MATRIX_JOBS = 256;

export interface RootsResult {
  /** Every root to plan (`global` first), after the `clusters` input. */
  roots: string[];
  /** One comma-joined `clusters` value per matrix job. */
  matrix: string[];
}

/**
 * Contiguous groups of near-equal size (sizes differ by at most one), in root order, so
 * `global` and each cluster land in exactly one group.
 */
export function splitRoots(roots: readonly string[], jobs: number): string[][] {
  const count = Math.min(jobs, roots.length);
  const groups: string[][] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const size = Math.floor(roots.length / count) + (i < roots.length % count ? 1 : 0);
    groups.push(roots.slice(start, start + size));
    start += size;
  }
  return groups;
}

/** `jobs`: how many matrix jobs at most (default one per root, up to GitHub's 256). */
export async function rootsCommand(o: EngineOptions, jobs?: number): Promise<RootsResult> {
  const config = await loadConfig(o.configDir);
  const tree = renderTree(config, renderOptions(o));
  const { roots, unknown } = selectRoots(tree.roots, o.clusters);
  if (unknown.length > 0)
    throw new InputError(
      `input clusters: unknown cluster(s) ${unknown.join(', ')} (known: ${tree.roots.join(', ')})`,
    );
  const groups = splitRoots(roots, Math.min(jobs ?? MAX_MATRIX_JOBS, MAX_MATRIX_JOBS));
  return { roots, matrix: groups.map((g) => g.join(',')) };
}
