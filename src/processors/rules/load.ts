/**
 * Loads rule modules (ES modules already transpiled to .mjs) from a folder: every
 * export made with `rule()` (or an array of them) is a rule. Used by the Lambda at cold
 * start and by `build`/`test`, so a rule behaves the same in both.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRule, SEVERITIES, type Rule } from '../../rules-api/index.js';
import { SIGMA_SUFFIX } from '../sigma/compiled.js';
import { sigmaRule } from '../sigma/rule.js';
import {
  CORRELATION_SUFFIX,
  parseCorrelation,
  type CompiledCorrelation,
} from '../sigma/correlation.js';

export interface LoadedRule {
  rule: Rule;
  /** The module file it came from, relative to the rules folder (`cloudtrail/root.mjs`), for messages. */
  file: string;
}

/** How deep the compiled rules folder goes, and how many files it may hold (the build checks the same). */
export const RULES_MAX_DEPTH = 8;
export const RULES_MAX_FILES = 5000;

/** Rule modules (.mjs) and compiled Sigma rules (.sigma.json) under `dir`, as sorted relative paths. */
async function ruleEntries(
  dir: string,
  wanted: (name: string) => boolean = (n) => n.endsWith('.mjs') || n.endsWith(SIGMA_SUFFIX),
): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && rel === '') return;
      throw err;
    }
    for (const e of entries) {
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      // Links are never followed: the build writes plain files and folders only.
      if (e.isDirectory() && depth < RULES_MAX_DEPTH) await walk(name, depth + 1);
      else if (e.isFile() && wanted(e.name)) found.push(name);
      if (found.length > RULES_MAX_FILES)
        throw new Error(`${dir}: more than ${RULES_MAX_FILES} rule files`);
    }
  };
  await walk('', 0);
  return found.sort();
}

/**
 * `beforeFile` is told each module file before it is imported (the rule sandbox marks progress with it).
 * Files are named by their path relative to `dir` (with `/`), in `LoadedRule.file` too.
 */
export async function importRules(
  dir: string,
  beforeFile?: (file: string, index: number) => void,
): Promise<LoadedRule[]> {
  const names = await ruleEntries(dir);
  const loaded: LoadedRule[] = [];
  for (const [index, name] of names.entries()) {
    const file = path.join(dir, ...name.split('/'));
    beforeFile?.(name, index);
    if (name.endsWith(SIGMA_SUFFIX)) {
      loaded.push({ rule: sigmaRule(await readFile(file, 'utf8'), name), file: name });
      continue;
    }
    // webpackIgnore: the bundler must leave this import to Node, the files exist only at run time.
    const mod = (await import(/* webpackIgnore: true */ pathToFileURL(file).href)) as Record<
      string,
      unknown
    >;
    for (const key of Object.keys(mod).sort()) {
      const value = mod[key];
      for (const candidate of Array.isArray(value) ? value : [value]) {
        if (isRule(candidate)) loaded.push({ rule: candidate, file: name });
      }
    }
  }
  return loaded;
}

/** A compiled correlation rule and its file relative to the rules folder. */
export interface LoadedCorrelation {
  correlation: CompiledCorrelation;
  file: string;
}

/** The compiled Sigma correlation rules (.correlation.json) under `dir`, sorted by file. */
export async function importCorrelations(dir: string): Promise<LoadedCorrelation[]> {
  const names = await ruleEntries(dir, (n) => n.endsWith(CORRELATION_SUFFIX));
  const out: LoadedCorrelation[] = [];
  for (const name of names)
    out.push({
      correlation: parseCorrelation(
        await readFile(path.join(dir, ...name.split('/')), 'utf8'),
        name,
      ),
      file: name,
    });
  return out;
}

/** Every output a rule's dynamic_outputs declare (dynamicOutput), or undefined when none do. */
export function declaredDynamicOutputs(r: Rule): string[] | undefined {
  if (!Array.isArray(r.dynamic_outputs)) return undefined;
  const declared = r.dynamic_outputs.flatMap((fn: unknown) => {
    const outputs = typeof fn === 'function' ? (fn as { outputs?: unknown }).outputs : undefined;
    return Array.isArray(outputs) ? outputs.filter((o): o is string => typeof o === 'string') : [];
  });
  return declared.length > 0 ? [...new Set(declared)] : undefined;
}

/** Problems with the rules themselves (shape, duplicates); one line each. */
/** A JSON value: null, a boolean, a finite number, a string, or lists and plain objects of them. */
function isJson(v: unknown, depth = 0): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || depth > 32) return false;
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isJson(x, depth + 1));
}

/** A plain object of JSON values (the context travels inside the alert's SNS message). */
function isJsonObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && isJson(v);
}

export function checkRuleShapes(loaded: readonly LoadedRule[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { rule: r, file } of loaded) {
    const at = (m: string) => problems.push(`${file}: rule ${JSON.stringify(r.name)}: ${m}`);
    if (typeof r.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(r.name))
      at('name must be letters, digits, _ or -');
    const hasDatatypes = Array.isArray(r.datatypes) && r.datatypes.length > 0;
    if (
      r.datatypes !== undefined &&
      (!Array.isArray(r.datatypes) || !r.datatypes.every((t) => typeof t === 'string' && t !== ''))
    )
      at('datatypes must be a list of normalized type names from conf/types.json');
    if (
      r.logs === undefined
        ? !hasDatatypes
        : !Array.isArray(r.logs) ||
          (r.logs.length === 0 && !hasDatatypes) ||
          !r.logs.every((l) => typeof l === 'string')
    ) {
      at(
        'logs must be a non-empty list of log names (or leave logs out and give datatypes: the rule then runs on every log)',
      );
    }
    if (!Array.isArray(r.outputs) || !r.outputs.every((o) => typeof o === 'string'))
      at('outputs must be a list of "service:descriptor" strings');
    if (typeof r.rule !== 'function') at('rule must be a function of the record');
    if (
      r.matchers !== undefined &&
      (!Array.isArray(r.matchers) || !r.matchers.every((m) => typeof m === 'function'))
    )
      at('matchers must be a list of functions');
    if (
      r.dynamic_outputs !== undefined &&
      (!Array.isArray(r.dynamic_outputs) ||
        !r.dynamic_outputs.every((f: unknown) => typeof f === 'function'))
    )
      at('dynamic_outputs must be a list of functions of the record (or dynamicOutput(...) calls)');
    if (r.context !== undefined && !isJsonObject(r.context))
      at(
        'context must be an object of JSON values keyed by output service (e.g. { "carbonblack": { "action": "ban" } })',
      );
    problems.push(...mergeProblems(r).map((m) => `${file}: rule ${JSON.stringify(r.name)}: ${m}`));
    if (r.severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(r.severity))
      at(`severity must be one of ${SEVERITIES.join(', ')}`);
    if (r.id !== undefined && typeof r.id !== 'string') at('id must be a string');
    for (const key of ['tags', 'references'] as const)
      if (
        r[key] !== undefined &&
        (!Array.isArray(r[key]) || !r[key].every((t: unknown) => typeof t === 'string'))
      )
        at(`${key} must be a list of strings`);
    if (r.staged !== undefined && typeof r.staged !== 'boolean')
      at('staged must be true or false (write `staged: true` so promote can remove it)');
    const before = seen.get(r.name);
    if (before !== undefined) at(`is also defined in ${before}`);
    seen.set(r.name, file);
  }
  return problems;
}

/** The longest merge window: the state table keeps a match for its window plus a day. */
export const MAX_MERGE_WINDOW_MINS = 7 * 24 * 60;

/** Problems with a rule's merge_by_keys, merge_window_mins and threshold. */
function mergeProblems(r: Rule): string[] {
  const problems: string[] = [];
  const window = r.merge_window_mins;
  if (
    window !== undefined &&
    (!Number.isInteger(window) || window < 1 || window > MAX_MERGE_WINDOW_MINS)
  )
    problems.push(
      `merge_window_mins must be a whole number of minutes from 1 to ${MAX_MERGE_WINDOW_MINS}`,
    );
  if (r.merge_by_keys !== undefined) {
    if (
      !Array.isArray(r.merge_by_keys) ||
      r.merge_by_keys.length === 0 ||
      !r.merge_by_keys.every((k: unknown) => typeof k === 'string' && /^[^.]+(\.[^.]+)*$/.test(k))
    )
      problems.push(
        'merge_by_keys must be a non-empty list of dotted paths into the record (e.g. "userIdentity.arn")',
      );
    if (window === undefined) problems.push('merge_by_keys needs merge_window_mins');
  }
  if (r.threshold !== undefined) {
    if (!Number.isInteger(r.threshold) || r.threshold < 1)
      problems.push('threshold must be a whole number of matches, at least 1');
    if (window === undefined) problems.push('threshold needs merge_window_mins');
  }
  return problems;
}
