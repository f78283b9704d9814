/**
 * A Sigma rule as the build compiles it (src/sigma/compile.ts) and the rule processor runs
 * it (match.ts): plain JSON, one `rules/<path>.sigma.json` per rule file. The YAML, its
 * modifiers and its condition are resolved at build time, so the Lambda carries no YAML
 * parser and a rule that does not compile never reaches it.
 */

/** Bumped when the form changes: a zip built by another version is refused, not misread. */
export const SIGMA_FORMAT = 1;

/** What compiled Sigma rules are called in the rules folder of a zip or sandbox. */
export const SIGMA_SUFFIX = '.sigma.json';

/** A pattern part: literal text, `0` for `*` (any run of characters), `1` for `?` (one character). */
export type GlobPart = string | 0 | 1;

/** One value of a search, with its modifiers applied. */
export type Test =
  /** A string compare with Sigma's wildcards; case-insensitive unless `c` (cased). */
  | { t: 'glob'; p: GlobPart[]; c?: true }
  /** `re` (flags from re|i, re|m, re|s); checked for backtracking at build time. */
  | { t: 're'; src: string; fl: string }
  /** `cidr`: IPv4 or IPv6 network. */
  | { t: 'cidr'; net: string }
  /** gt, gte, lt, lte; `eq` for a time part compared with a number. */
  | { t: 'num'; op: 'gt' | 'gte' | 'lt' | 'lte' | 'eq'; n: number }
  /** `exists: true|false`: the field is there (even null or empty) or not. */
  | { t: 'exists'; v: boolean }
  /** `null`: the field is missing or null. */
  | { t: 'null' }
  /** `fieldref`: compared with the value of another field of the same record. */
  | { t: 'ref'; f: string; mode: 'eq' | 'contains' | 'startswith' | 'endswith'; c?: true };

/** A part of a date, for the time modifiers (minute, hour, day, week, month, year; UTC). */
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type Expr =
  | { and: Expr[] }
  | { or: Expr[] }
  | { not: Expr }
  /**
   * A field (dotted path into the record) against its values: any value matches (OR), or
   * every value (`all`); `neq` negates the result; `part` reads a date's part first.
   */
  | { field: string; tests: Test[]; all?: true; neq?: true; part?: TimePart }
  /** Keywords: values searched in every value of the record (OR, or `all`). */
  | { keywords: Test[]; all?: true }
  /** `1 of` / `all of` a pattern that selects nothing. */
  | { bool: boolean };

/** What a Sigma rule and a correlation rule both carry from their file. */
export interface SigmaMeta {
  format: typeof SIGMA_FORMAT;
  /** The file name without its extension: the alerts' rule name. */
  name: string;
  /** The rule file as the user wrote it, for messages. */
  file: string;
  title: string;
  description?: string;
  /** Sigma's `id` (a UUID), `level`, `tags` and `references`: they travel in the alert. */
  id?: string;
  level?: string;
  tags?: string[];
  references?: string[];
}

export interface CompiledSigma extends SigmaMeta {
  /** Sigma's `name` attribute: a correlation rule may refer to the rule by it. */
  sigma_name?: string;
  /** The logs.json names its logsource maps to. */
  logs: string[];
  /** From conf/sigma.json (defaults, tags, the rule's own entry). */
  outputs: string[];
  merge_by_keys?: string[];
  merge_window_mins?: number;
  threshold?: number;
  staged?: boolean;
  detection: Expr;
}
