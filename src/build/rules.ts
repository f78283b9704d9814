/**
 * Turns the repository's rules/*.ts|*.js (sub-folders too) into the ES modules the rule processor loads,
 * and its Sigma rules (*.yml, *.yaml) into the JSON it evaluates (src/sigma/compile.ts):
 * TypeScript is stripped with sucrase (pure JS, so it runs from the ncc-bundled dist/
 * with no install), files become .mjs (ES modules whatever package.json says), and
 * relative imports follow the rename. `streamalert-action/rules` resolves to a copy of
 * the rules API under node_modules/, next to the rules, in the zip and in `test` alike.
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { DEFAULT_SIGMA_CONFIG, type ProcessorsConfig } from '../processors/config/types.js';
import { RULES_MAX_DEPTH, RULES_MAX_FILES } from '../processors/rules/load.js';
import { SIGMA_SUFFIX, type CompiledSigma } from '../processors/sigma/compiled.js';
import { CORRELATION_SUFFIX } from '../processors/sigma/correlation.js';
import { resolveCorrelations, type CorrelationDraft } from '../sigma/correlation.js';
import {
  compileSigma,
  formatSigmaProblem,
  type SigmaContext,
  type SigmaProblem,
} from '../sigma/compile.js';
import path from 'node:path';
import { transform } from 'sucrase';
import {
  listRepositoryFolder,
  REPOSITORY,
  repositoryFileBytes,
  repositoryRoot,
} from '../shared/repo-file.js';

/** No rule file comes near this; a bigger one is a mistake or an attack on the build. */
export const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

/** Sigma rules: YAML files anywhere under the rules folder. */
export const isSigmaFile = (name: string): boolean => /\.ya?ml$/i.test(name);

/** The files that become rule modules or compiled Sigma rules (the backtest lists the base commit's with it too). */
export const isRuleFile = (name: string): boolean =>
  isSigmaFile(name) ||
  (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts') && !/\.test\.[jt]s$/.test(name));

/** A rule file's path without its extension: `cloudtrail/root.ts` → `cloudtrail/root`. */
export const ruleBase = (name: string): string => name.replace(/\.(ts|js|mjs|ya?ml)$/i, '');

/**
 * The rule files under a folder and its sub-folders (StreamAlert's rules/community/<log>/),
 * as sorted paths relative to it with `/`, after checking the folder stays inside its
 * repository. Links to folders are not followed (a link could lead anywhere, or in a
 * circle); node_modules and hidden folders are skipped. Past RULES_MAX_DEPTH folders deep
 * or RULES_MAX_FILES files the build stops with an error rather than leave rules out.
 */
export async function ruleFileNames(rulesDir: string): Promise<string[]> {
  const names = await listRepositoryFolder(rulesDir, repositoryRoot(rulesDir));
  if (names === undefined) return [];
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(rulesDir, rel), { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        if (depth >= RULES_MAX_DEPTH)
          throw new Error(
            `${path.join(rulesDir, name)}: rules folders nest deeper than ${RULES_MAX_DEPTH}; move the rules up`,
          );
        await walk(name, depth + 1);
      } else if (isRuleFile(e.name)) {
        // Anything else is read through repositoryFileBytes, which refuses links out of the
        // repository, FIFOs and devices by name; a link to a folder is not followed.
        if (
          e.isSymbolicLink() &&
          (await stat(path.join(rulesDir, name)).catch(() => undefined))?.isDirectory()
        )
          continue;
        found.push(name);
        if (found.length > RULES_MAX_FILES)
          throw new Error(`${rulesDir}: more than ${RULES_MAX_FILES} rule files`);
      }
    }
  };
  await walk('', 0);
  return found.sort();
}

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RulesError';
  }
}

/** What Sigma rules are compiled with: the logs.json names and conf/sigma.json. */
export type { SigmaContext } from '../sigma/compile.js';

/** The Sigma context of a loaded processors configuration. */
export const sigmaContextOf = (config: ProcessorsConfig): SigmaContext => ({
  logs: config.logs.map((l) => l.name),
  conf: config.sigma ?? DEFAULT_SIGMA_CONFIG,
});

export const RULES_PACKAGE_JSON = `${JSON.stringify({ name: 'streamalert-action', type: 'module', exports: { './rules': './rules.mjs' } }, null, 2)}\n`;

const RELATIVE_IMPORT =
  /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)(\.(?:[cm]?[jt]s|tsx?))?\2/g;

function toModule(file: string, source: string): string {
  const code = file.endsWith('.ts')
    ? transform(source, { transforms: ['typescript'], filePath: file, disableESTransforms: true })
        .code
    : source;
  return code.replace(
    RELATIVE_IMPORT,
    (_m, lead: string, quote: string, spec: string) => `${lead}${quote}${spec}.mjs${quote}`,
  );
}

/**
 * rules/<path>.mjs → code, rules/<path>.sigma.json → compiled Sigma rule and
 * rules/<path>.correlation.json → compiled correlation rule (references resolved), plus the rules
 * API package; paths relative to the package root. Throws RulesError with every Sigma
 * problem (file, line, column) at once.
 */
export async function ruleModules(
  rulesDir: string,
  rulesApiCode: Buffer,
  sigma: SigmaContext = { logs: [], conf: DEFAULT_SIGMA_CONFIG },
): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const root = repositoryRoot(rulesDir);
  const names = await ruleFileNames(rulesDir);
  const seen = new Map<string, string>();
  const problems: string[] = [];
  const compiledSigma: CompiledSigma[] = [];
  const drafts: { draft: CorrelationDraft; base: string }[] = [];
  for (const name of names) {
    const base = ruleBase(name);
    const file = path.join(rulesDir, ...name.split('/'));
    if (seen.has(base))
      throw new Error(`${file} and ${seen.get(base)} would both become rules/${base}; rename one`);
    seen.set(base, file);
    // A rule file may be a link (say, to /proc/self/environ): only regular files of the repository are read.
    const source = (
      await repositoryFileBytes(file, root, REPOSITORY(root, 'rule files', MAX_RULE_FILE_BYTES))
    ).toString('utf8');
    if (isSigmaFile(name)) {
      const compiled = compileSigma(source, file, path.posix.basename(base), sigma);
      problems.push(...compiled.problems.map(formatSigmaProblem));
      if (compiled.rule) {
        compiledSigma.push(compiled.rule);
        files.set(
          `rules/${base}${SIGMA_SUFFIX}`,
          Buffer.from(`${JSON.stringify(compiled.rule)}\n`),
        );
      }
      if (compiled.correlation) drafts.push({ draft: compiled.correlation, base });
      continue;
    }
    let code: string;
    try {
      code = toModule(file, source);
    } catch (err) {
      throw new Error(`${file}: cannot compile: ${(err as Error).message}`, { cause: err });
    }
    files.set(`rules/${base}.mjs`, Buffer.from(code));
  }
  // Correlations refer to other files' rules: resolved once every Sigma rule is compiled.
  const resolved = resolveCorrelations(
    drafts.map((d) => d.draft),
    compiledSigma,
  );
  problems.push(...resolved.problems.map(formatSigmaProblem));
  for (const c of resolved.correlations) {
    const { base } = drafts.find((d) => d.draft.correlation.file === c.file)!;
    files.set(`rules/${base}${CORRELATION_SUFFIX}`, Buffer.from(`${JSON.stringify(c)}\n`));
  }
  if (problems.length > 0) throw new RulesError(problems);
  files.set('node_modules/streamalert-action/package.json', Buffer.from(RULES_PACKAGE_JSON));
  files.set('node_modules/streamalert-action/rules.mjs', rulesApiCode);
  return files;
}

/** Every Sigma rule under the rules folder compiled, for `validate`: the problems, one line each. */
export async function sigmaProblems(
  rulesDir: string,
  sigma: SigmaContext,
): Promise<SigmaProblem[]> {
  const root = repositoryRoot(rulesDir);
  const problems: SigmaProblem[] = [];
  const compiledSigma: CompiledSigma[] = [];
  const drafts: CorrelationDraft[] = [];
  for (const name of (await ruleFileNames(rulesDir)).filter(isSigmaFile)) {
    const file = path.join(rulesDir, ...name.split('/'));
    const source = (
      await repositoryFileBytes(file, root, REPOSITORY(root, 'rule files', MAX_RULE_FILE_BYTES))
    ).toString('utf8');
    const compiled = compileSigma(source, file, path.posix.basename(ruleBase(name)), sigma);
    problems.push(...compiled.problems);
    if (compiled.rule) compiledSigma.push(compiled.rule);
    if (compiled.correlation) drafts.push(compiled.correlation);
  }
  problems.push(...resolveCorrelations(drafts, compiledSigma).problems);
  return problems;
}

export async function writeFiles(dir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  for (const [name, data] of files) {
    const target = path.join(dir, ...name.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, data);
  }
}
