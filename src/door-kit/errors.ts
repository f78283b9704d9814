/**
 * What a command threw, as the one message a user reads. Both doors print it (the CLI on
 * stderr with an exit code, the action as the failed step); configuration problems also
 * become file annotations when running inside Actions.
 */
import { RulesError } from '../build/rule-set.js';
import { ConfigError, type ConfigProblem } from '../config/problems.js';
import { annotate } from './annotations.js';
import { StalePlanError } from '../review/safety.js';
import { InitError } from '../init/safe-write.js';
import { InputError } from './inputs.js';

export interface Failure {
  /** One line per problem; a stale plan starts with "refused:". */
  message: string;
  /** A user error the message explains (bad configuration, rules or input), or something unexpected. */
  kind: 'usage' | 'user' | 'unexpected';
}

export function failureOf(err: unknown): Failure {
  if (err instanceof ConfigError) {
    annotate(err.problems);
    return { message: err.message, kind: 'user' };
  }
  if (err instanceof InputError) return { message: err.message, kind: 'usage' };
  if (err instanceof StalePlanError) return { message: `refused: ${err.message}`, kind: 'user' };
  if (err instanceof RulesError) return { message: err.message, kind: 'user' };
  if (err instanceof InitError) return { message: err.message, kind: 'user' };
  return { message: err instanceof Error ? err.message : String(err), kind: 'unexpected' };
}

/** Configuration problems a plan reported (it does not throw for them) as file annotations inside Actions. */
export function annotateProblems(problems: readonly ConfigProblem[]): void {
  annotate([...problems]);
}
