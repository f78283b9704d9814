/**
 * Classification as StreamAlert did it: the candidates for a record are the logs its
 * source may carry (sources.json entries name a category such as "cloudwatch" or a full
 * log name), tried in logs.json order; the first whose parser accepts the record and
 * whose log_patterns hold wins.
 */
import type { LogDefinition, ProcessorsConfig, Service } from '../config/types.js';
import { compilePatterns, type PatternCheck } from './log-patterns.js';
import { parserFor, rawInput, type RawInput } from './parsers/index.js';
import type { Parse } from './parsers/types.js';

export interface CompiledLog {
  readonly def: LogDefinition;
  readonly parse: Parse;
  readonly patterns?: PatternCheck;
}

export interface Classified {
  readonly log: LogDefinition;
  readonly records: Record<string, unknown>[];
  /** Parts of the payload the log pulled out but could not type: reported as unclassified. */
  readonly rejected: unknown[];
}

export interface Classifier {
  /** The compiled candidate logs of a source, or undefined for a source sources.json does not list. */
  candidates(service: Service, entity: string): readonly CompiledLog[] | undefined;
  classify(text: string, candidates: readonly CompiledLog[]): Classified | undefined;
}

export function createClassifier(config: Pick<ProcessorsConfig, 'logs' | 'sources'>): Classifier {
  const compiled = config.logs.map((def): CompiledLog => ({
    def,
    parse: parserFor(def),
    patterns: def.logPatterns ? compilePatterns(def.logPatterns) : undefined,
  }));
  const bySource = new Map<string, readonly CompiledLog[]>();
  for (const service of ['kinesis', 's3', 'sns'] as const) {
    for (const [entity, names] of config.sources[service]) {
      bySource.set(`${service}\u0000${entity}`, compiled.filter((c) => names.includes(c.def.name) || names.includes(c.def.category)));
    }
  }

  function attempt(log: CompiledLog, input: RawInput): Classified | undefined {
    const result = log.parse(input);
    if (!result) return undefined;
    if (log.patterns && !result.records.every(log.patterns)) return undefined;
    return { log: log.def, records: result.records, rejected: result.rejected };
  }

  return {
    candidates: (service, entity) => bySource.get(`${service}\u0000${entity}`),
    classify(text, candidates) {
      const input = rawInput(text);
      let partial: Classified | undefined;
      for (const log of candidates) {
        const found = attempt(log, input);
        if (!found) continue;
        if (found.rejected.length === 0) return found;
        // A log that took some extracted records but not all: keep looking for one
        // that takes them all, else use the first such log and report the rest.
        partial ??= found;
      }
      return partial;
    },
  };
}
