/**
 * A compiled Sigma rule (compiled.ts) as a rule like any other: the rules engine, merging,
 * staging, outputs and fixtures treat it exactly as a rule file's `rule({...})`.
 */
import { rule, SEVERITIES, type Rule, type Severity } from '../../rules-api/index.js';
import { SIGMA_FORMAT, type CompiledSigma } from './compiled.js';
import { sigmaPredicate } from './match.js';

const isSeverity = (v: unknown): v is Severity =>
  typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);

/** The rule of a compiled Sigma file's JSON text; throws naming `file` when it is not one. */
export function sigmaRule(text: string, file: string): Rule {
  const c = JSON.parse(text) as CompiledSigma;
  if (c?.format !== SIGMA_FORMAT)
    throw new Error(
      `${file}: compiled Sigma rule of format ${String(c?.format)}, this processor reads ${SIGMA_FORMAT}: rebuild`,
    );
  return rule({
    name: c.name,
    description: c.description ? `${c.title}: ${c.description}` : c.title,
    logs: c.logs,
    outputs: c.outputs,
    ...(c.merge_window_mins !== undefined ? { merge_window_mins: c.merge_window_mins } : {}),
    ...(c.merge_by_keys !== undefined ? { merge_by_keys: c.merge_by_keys } : {}),
    ...(c.threshold !== undefined ? { threshold: c.threshold } : {}),
    ...(c.staged === true ? { staged: true } : {}),
    ...(isSeverity(c.level) ? { severity: c.level } : {}),
    ...(c.id !== undefined ? { id: c.id } : {}),
    ...(c.tags !== undefined ? { tags: c.tags } : {}),
    ...(c.references !== undefined ? { references: c.references } : {}),
    rule: sigmaPredicate(c.detection),
  });
}
