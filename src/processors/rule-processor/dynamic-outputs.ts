/**
 * StreamAlert's dynamic_outputs at run time: each function of a fired rule is called with
 * the record and what it returns is added to the alert's outputs, after the rule's own.
 * Nothing here throws: a function that throws, a value that is not "service:descriptor",
 * an output the function did not declare or that conf/outputs.json lacks is logged (with
 * the rule's name) and left out, so the alert still reaches the rule's static outputs.
 */
import type { DynamicOutput, LogRecord } from '../../rules-api/index.js';
import type { Logger } from '../shared/logger.js';

/** Up to this many outputs are taken from one function call (a runaway list is cut and logged). */
export const MAX_DYNAMIC_OUTPUTS = 50;

export interface DynamicOutputsResolver {
  /** The rule's outputs plus the valid dynamic ones, each once, static first. */
  outputs(
    rule: string,
    staticOutputs: readonly string[],
    functions: readonly DynamicOutput[],
    record: LogRecord,
  ): string[];
}

/** `known`: the keys of conf/outputs.json; undefined where it is not at hand (rule fixtures). */
export function createDynamicOutputsResolver(
  logger: Logger,
  known: ReadonlySet<string> | undefined,
): DynamicOutputsResolver {
  function dropped(rule: string, fn: DynamicOutput, output: unknown, reason: string): void {
    logger.warn('dynamic output left out', {
      rule,
      function: fn.name || '(anonymous)',
      output: typeof output === 'string' ? output.slice(0, 200) : typeof output,
      reason,
    });
  }

  function call(rule: string, fn: DynamicOutput, record: LogRecord): readonly unknown[] {
    let value: unknown;
    try {
      value = fn(record);
    } catch (err) {
      logger.error('dynamic output function threw; it adds no output', {
        rule,
        function: fn.name || '(anonymous)',
        error: (err as Error)?.message ?? String(err),
      });
      return [];
    }
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return [value];
    if (Array.isArray(value)) {
      if (value.length <= MAX_DYNAMIC_OUTPUTS) return value;
      dropped(
        rule,
        fn,
        `${value.length} outputs`,
        `more than ${MAX_DYNAMIC_OUTPUTS}; the rest are left out`,
      );
      return value.slice(0, MAX_DYNAMIC_OUTPUTS);
    }
    dropped(
      rule,
      fn,
      value,
      'a dynamic output function must return a string, a list of strings or nothing',
    );
    return [];
  }

  return {
    outputs(rule, staticOutputs, functions, record) {
      const result = [...staticOutputs];
      for (const fn of functions) {
        for (const output of call(rule, fn, record)) {
          if (typeof output !== 'string' || !/^[^:]+:.+$/.test(output))
            dropped(rule, fn, output, 'not a "service:descriptor" string');
          else if (fn.outputs && !fn.outputs.includes(output))
            dropped(rule, fn, output, 'not among the outputs its dynamicOutput declares');
          else if (known && !known.has(output))
            dropped(rule, fn, output, 'not in conf/outputs.json');
          else if (!result.includes(output)) result.push(output);
        }
      }
      return result;
    },
  };
}
