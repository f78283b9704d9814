/**
 * The repository's rules, compiled and loaded in this process (to check them, and for
 * `test` to run them), plus the files that carry them into the rule processor zip.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Rule } from '../rules-api/index.js';
import type { ProcessorsConfig } from '../processors/config/types.js';
import { checkRuleShapes, importRules } from '../processors/rules/load.js';
import { BUNDLE_FILES } from './bundles.js';
import { ruleModules, writeFiles } from './rules.js';

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'RulesError';
  }
}

export interface RuleSet {
  rules: Rule[];
  /** Zip entries: rules/*.mjs and node_modules/streamalert-action/. */
  files: Map<string, Buffer>;
}

export async function loadRuleSet(rulesDir: string, bundlesDir: string, config: ProcessorsConfig): Promise<RuleSet> {
  const files = await ruleModules(rulesDir, await readFile(path.join(bundlesDir, BUNDLE_FILES.rulesApi)));
  const dir = await mkdtemp(path.join(tmpdir(), 'streamalert-rules-'));
  let loaded;
  try {
    await writeFiles(dir, files);
    try {
      loaded = await importRules(path.join(dir, 'rules'));
    } catch (err) {
      throw new RulesError([`${rulesDir}: a rule file fails to load: ${(err as Error).message}`]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Messages name the user's file, not the compiled copy.
  const sources = new Map([...files.keys()].filter((k) => k.startsWith('rules/')).map((k) => [path.basename(k), k]));
  const named = loaded.map((l) => ({ ...l, file: path.join(rulesDir, sources.get(path.basename(l.file))?.slice('rules/'.length).replace(/\.mjs$/, '') ?? path.basename(l.file)) }));
  const problems = checkRuleShapes(named);
  const logNames = new Set(config.logs.map((l) => l.name));
  for (const { rule: r, file } of named) {
    for (const log of Array.isArray(r.logs) ? r.logs : []) {
      if (!logNames.has(log)) problems.push(`${file}: rule "${r.name}": log "${log}" is not in conf/logs.json (known: ${[...logNames].join(', ')})`);
    }
    const knownTypes = new Set([...config.types.values()].flatMap((m) => [...m.keys()]));
    for (const type of Array.isArray(r.datatypes) ? r.datatypes : []) {
      if (!knownTypes.has(type)) problems.push(`${file}: rule "${r.name}": datatype "${type}" is not in conf/types.json (known: ${[...knownTypes].sort().join(', ') || 'none'})`);
    }
    for (const output of Array.isArray(r.outputs) ? r.outputs : []) {
      if (!config.outputs.has(output)) problems.push(`${file}: rule "${r.name}": output "${output}" is not in conf/outputs.json (known: ${[...config.outputs.keys()].join(', ') || 'none'})`);
    }
  }
  if (problems.length > 0) throw new RulesError(problems);
  return { rules: named.map((l) => l.rule), files };
}
