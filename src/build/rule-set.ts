/**
 * The repository's rules: compiled (sucrase) into the files that go into the rule
 * processor zip, and checked against the configuration. The rules come from the pull
 * request, so `build` and `test` import and run them only in the rule sandbox (a child
 * process without credentials, see src/sandbox/host.ts); what comes back is
 * each rule's name, logs, outputs and datatypes as JSON.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Rule } from '../rules-api/index.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import { checkRuleShapes, declaredDynamicOutputs, importRules } from '../processors/rules/load.js';
import {
  sandboxLimits,
  sandboxRun,
  SandboxLoadError,
  type SandboxInput,
  type SandboxLimits,
  type SandboxLoad,
} from '../sandbox/host.js';
import type { RuleInfo } from '../sandbox/protocol.js';
import { BUNDLE_FILES } from './bundles.js';
import {
  ruleBase,
  ruleFileNames,
  ruleModules,
  RulesError,
  sigmaContextOf,
  writeFiles,
  type SigmaContext,
} from './rules.js';

export type { RuleInfo } from '../sandbox/protocol.js';

export { RulesError };

export interface RuleSet<R = RuleInfo> {
  rules: R[];
  /** Zip entries: rules/*.mjs and node_modules/streamalert-action/. */
  files: Map<string, Buffer>;
}

/** The rules compiled, written to a fresh temporary folder for the duration of `use`. */
export async function withCompiledRules<T>(
  rulesDir: string,
  bundlesDir: string,
  sigma: SigmaContext,
  use: (dir: string, files: Map<string, Buffer>, fileNames: Record<string, string>) => Promise<T>,
): Promise<T> {
  const files = await ruleModules(
    rulesDir,
    await readFile(path.join(bundlesDir, BUNDLE_FILES.rulesApi)),
    sigma,
  );
  // Messages name the user's file (rules/x.ts, rules/aws/y.yml), not the compiled copy.
  const sources = new Map((await ruleFileNames(rulesDir)).map((n) => [ruleBase(n), n]));
  const fileNames: Record<string, string> = {};
  for (const key of files.keys()) {
    if (!key.startsWith('rules/')) continue;
    const rel = key.slice('rules/'.length);
    const base = ruleBase(rel.replace(/\.sigma\.json$|\.correlation\.json$|\.mjs$/, ''));
    fileNames[rel] = path.join(rulesDir, ...(sources.get(base) ?? base).split('/'));
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'streamalert-rules-'));
  try {
    await writeFiles(dir, files);
    return await use(dir, files, fileNames);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Problems of the rules against conf/: unknown logs, datatypes and outputs. */
export function configProblems(rules: readonly RuleInfo[], config: ProcessorsConfig): string[] {
  const problems: string[] = [];
  const logNames = new Set(config.logs.map((l) => l.name));
  const knownTypes = new Set([...config.types.values()].flatMap((m) => [...m.keys()]));
  for (const r of rules) {
    for (const log of r.logs ?? []) {
      if (!logNames.has(log))
        problems.push(
          `${r.file}: rule "${r.name}": log "${log}" is not in conf/logs.json (known: ${[...logNames].join(', ')})`,
        );
    }
    for (const type of r.datatypes ?? []) {
      if (!knownTypes.has(type))
        problems.push(
          `${r.file}: rule "${r.name}": datatype "${type}" is not in conf/types.json (known: ${[...knownTypes].sort().join(', ') || 'none'})`,
        );
    }
    for (const output of r.outputs) {
      if (!config.outputs.has(output))
        problems.push(
          `${r.file}: rule "${r.name}": output "${output}" is not in conf/outputs.json (known: ${[...config.outputs.keys()].join(', ') || 'none'})`,
        );
    }
    // What dynamic_outputs declare (dynamicOutput) is known now; the rest is checked at run time.
    for (const output of r.dynamicOutputs ?? []) {
      if (!config.outputs.has(output))
        problems.push(
          `${r.file}: rule "${r.name}": dynamic output "${output}" is not in conf/outputs.json (known: ${[...config.outputs.keys()].join(', ') || 'none'})`,
        );
    }
  }
  return problems;
}

export function sandboxInput(
  bundlesDir: string,
  dir: string,
  fileNames: Record<string, string>,
  limits?: Partial<SandboxLimits>,
): SandboxInput {
  return {
    script: path.join(bundlesDir, BUNDLE_FILES.sandbox),
    dir,
    fileNames,
    limits: sandboxLimits(limits),
  };
}

/** Shape and configuration problems of a loaded rule set, or the RulesError to throw. */
export function checkLoad(
  rulesDir: string,
  load: SandboxLoad,
  config: ProcessorsConfig,
): RulesError | undefined {
  const problems = [...load.problems, ...configProblems(load.rules, config)];
  return problems.length > 0 ? new RulesError(problems) : undefined;
}

export function loadFailure(rulesDir: string, err: unknown): never {
  if (err instanceof SandboxLoadError)
    throw new RulesError([`${err.file ?? rulesDir}: ${err.message}`]);
  throw err;
}

/**
 * The rule set for `build`: compiled, loaded in the sandbox, checked. Throws RulesError
 * with one line per problem (a rule file that hangs or exhausts memory while loading is
 * one such line, naming the file).
 */
export async function inspectRuleSet(
  rulesDir: string,
  bundlesDir: string,
  config: ProcessorsConfig,
  limits?: Partial<SandboxLimits>,
): Promise<RuleSet> {
  return withCompiledRules(
    rulesDir,
    bundlesDir,
    sigmaContextOf(config),
    async (dir, files, fileNames) => {
      const load = await sandboxRun(sandboxInput(bundlesDir, dir, fileNames, limits)).catch(
        (err: unknown) => loadFailure(rulesDir, err),
      );
      const error = checkLoad(rulesDir, load, config);
      if (error) throw error;
      return { rules: load.rules, files };
    },
  );
}

/**
 * The rules imported into THIS process, as the Lambda does: only for code that is
 * trusted anyway (the project's own tests of the processors). `build` and `test` never
 * call it: they use inspectRuleSet and the sandbox.
 */
export async function loadRuleSet(
  rulesDir: string,
  bundlesDir: string,
  config: ProcessorsConfig,
): Promise<RuleSet<Rule>> {
  return withCompiledRules(
    rulesDir,
    bundlesDir,
    sigmaContextOf(config),
    async (dir, files, fileNames) => {
      let loaded;
      try {
        loaded = await importRules(path.join(dir, 'rules'));
      } catch (err) {
        throw new RulesError([`${rulesDir}: a rule file fails to load: ${(err as Error).message}`]);
      }
      const named = loaded.map((l) => ({
        ...l,
        file: fileNames[l.file] ?? l.file,
      }));
      const problems = [
        ...checkRuleShapes(named),
        ...configProblems(
          named.map((l) => ({
            ...l.rule,
            logs: l.rule.logs ? [...l.rule.logs] : undefined,
            datatypes: l.rule.datatypes ? [...l.rule.datatypes] : undefined,
            outputs: Array.isArray(l.rule.outputs) ? [...l.rule.outputs] : [],
            dynamicOutputs: declaredDynamicOutputs(l.rule),
            file: l.file,
          })),
          config,
        ),
      ];
      if (problems.length > 0) throw new RulesError(problems);
      return { rules: named.map((l) => l.rule), files };
    },
  );
}
