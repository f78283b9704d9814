/**
 * The edited rule set, checked before anything is pushed: the rules directory is copied
 * with the edits applied, built (compiled and loaded in the rule sandbox, checked against
 * conf/) and its fixtures run. Every promoted rule must load as no longer staged and no
 * fixture may fail; otherwise promote stops, naming why, and nothing leaves the runner.
 */
import { cp, lstat, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectRuleSet, RulesError } from '../build/rule-set.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import { runRuleTests } from '../steps/rule-tests.js';

export class PromoteCheckError extends Error {}

export interface PromotionCheck {
  configDir: string;
  rulesDir: string;
  fixturesDir: string;
  bundlesDir: string;
  config: ProcessorsConfig;
  /** File path (as promote read it) → edited text. */
  edits: ReadonlyMap<string, string>;
  promoted: readonly string[];
}

/** What the check ran: a repository without a fixture folder can only be built. */
export type PromotionChecked = 'built and tested' | 'built; no fixture folder to test';

/** Throws PromoteCheckError when the edited rules do not build, stay staged or fail a fixture. */
export async function checkPromotion(check: PromotionCheck): Promise<PromotionChecked> {
  const root = await mkdtemp(path.join(tmpdir(), 'streamalert-promote-'));
  const rulesDir = path.join(root, 'rules');
  try {
    await cp(check.rulesDir, rulesDir, { recursive: true });
    for (const [file, text] of check.edits) {
      const rel = path.relative(path.resolve(check.rulesDir), path.resolve(file));
      if (rel.startsWith('..') || path.isAbsolute(rel))
        throw new PromoteCheckError(`${file}: outside ${check.rulesDir}; not edited`);
      await writeFile(path.join(rulesDir, rel), text);
    }
    let rules;
    try {
      ({ rules } = await inspectRuleSet(rulesDir, check.bundlesDir, check.config));
    } catch (err) {
      const why = err instanceof RulesError ? err.problems.join('; ') : (err as Error).message;
      throw new PromoteCheckError(
        `the edited rules do not build: ${shown(why, rulesDir, check.rulesDir)}`,
      );
    }
    const still = check.promoted.filter((n) => rules.find((r) => r.name === n)?.staged === true);
    if (still.length > 0)
      throw new PromoteCheckError(
        `the edit left ${still.join(', ')} staged (its staged: true is not where the edit looked); remove it by hand`,
      );
    // No fixture folder at all is a repository that has not written fixtures yet; a
    // folder that is there but broken (a link, a bad file) still fails below.
    if (!(await exists(check.fixturesDir))) return 'built; no fixture folder to test';
    const tested = await runRuleTests({
      configDir: check.configDir,
      rulesDir,
      fixturesDir: check.fixturesDir,
      bundlesDir: check.bundlesDir,
    });
    if (tested.summary.failed > 0 || tested.problems.length > 0)
      throw new PromoteCheckError(
        `the edited rules fail their fixtures:\n${shown(tested.text, rulesDir, check.rulesDir)}`,
      );
    return 'built and tested';
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** Messages name the repository's rules folder, not the temporary copy. */
const shown = (text: string, copy: string, original: string) => text.split(copy).join(original);

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
