/**
 * A Sigma correlation rule (specification v2, correlation rules) as the build compiles it
 * (src/sigma/correlation.ts) and the evaluator runs it (correlate.ts): plain JSON, one
 * `rules/<path>.correlation.json` per file, its referenced rules already resolved to the
 * names of compiled Sigma rules, so a reference that names nothing never reaches a run.
 */
import { SIGMA_FORMAT, type SigmaMeta } from './compiled.js';

/** What compiled correlation rules are called in the rules folder of a zip or sandbox. */
export const CORRELATION_SUFFIX = '.correlation.json';

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  // Our extension, not Sigma v2: an expected event did not arrive within the timespan.
  'absence',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

export const CONDITION_OPS = ['gt', 'gte', 'lt', 'lte', 'eq'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** The count's bounds: every one given must hold (the specification's AND of a map). */
export type CountCondition = Partial<Record<ConditionOp, number>>;

export interface CompiledCorrelation extends SigmaMeta {
  kind: 'correlation';
  type: CorrelationType;
  /**
   * The referenced Sigma rules by their rule names (file names), in the file's order;
   * for absence, the expected rules (a match of any one is the expected event).
   */
  rules: string[];
  /**
   * absence with `after`: the rules whose match starts a wait for an expected event
   * (without it, each expected event starts the wait for the next one).
   */
  after?: string[];
  /** Fields (dotted paths) or alias names the events are grouped by; empty: one group. */
  group_by: string[];
  /** Alias name → referenced rule name → the field it stands for in that rule's events. */
  aliases?: Record<string, Record<string, string>>;
  timespan_s: number;
  condition: CountCondition;
  /** value_count: the field whose distinct values are counted. */
  field?: string;
  /** Sigma's `generate`: the referenced rules also alert on their own (default: they do not). */
  generate: boolean;
  /** From conf/sigma.json, as for Sigma rules. */
  outputs: string[];
  staged?: boolean;
}

/** True when `count` satisfies every bound of `c`. */
export function conditionHolds(c: CountCondition, count: number): boolean {
  return (
    (c.gt === undefined || count > c.gt) &&
    (c.gte === undefined || count >= c.gte) &&
    (c.lt === undefined || count < c.lt) &&
    (c.lte === undefined || count <= c.lte) &&
    (c.eq === undefined || count === c.eq)
  );
}

/** Reads a compiled correlation's JSON text; throws naming `file` when it is not one. */
export function parseCorrelation(text: string, file: string): CompiledCorrelation {
  const c = JSON.parse(text) as CompiledCorrelation;
  if (c?.format !== SIGMA_FORMAT || c.kind !== 'correlation')
    throw new Error(
      `${file}: compiled Sigma correlation of format ${String(c?.format)}, this processor reads ${SIGMA_FORMAT}: rebuild`,
    );
  return c;
}
