/**
 * Classification as StreamAlert did it: the candidates for a record are the logs its
 * source may carry (sources.json names a category such as "cloudwatch", or a full log
 * name), tried in logs.json order. The FIRST log whose parser takes the payload and whose
 * log_patterns hold is the answer; its values are then converted, and a record whose
 * values do not convert is not tried against later logs: it stays unclassified, with the
 * reason, as do the parts of the payload the log pulled out but could not use.
 */
import type { LogDefinition, ProcessorsConfig, Service } from '../config/types.js';
import { semanticsOf, type Semantics } from './generation.js';
import { SERVICES } from '../config/types.js';
import type { JsonBounds } from './limits.js';
import { compilePatterns, type PatternCheck } from './log-patterns.js';
import {
  jsonBounds,
  parserFor,
  textInput,
  UNDECIDED,
  type LogParser,
  type Rejected,
} from './parsers/index.js';
import { cannotBeJson } from './parsers/types.js';
import { withEnvelope } from './parsers/envelope.js';
import { ConversionFailure } from './schema.js';

export interface CompiledLog {
  readonly def: LogDefinition;
  readonly parser: LogParser;
  readonly patterns?: PatternCheck;
}

export interface Classified {
  readonly log: LogDefinition;
  /** Typed records (one payload may hold several, e.g. CloudTrail's Records[*]). */
  readonly records: Record<string, unknown>[];
  /** Parts of the payload the log took but could not type: reported as unclassified. */
  readonly rejected: Rejected[];
}

/**
 * A source's candidates read one line at a time, for sources whose logs are all line
 * formats (syslog, csv, kv) or JSON ones (which a line that cannot be JSON never is).
 */
export interface LineReader {
  /**
   * The typed record of a one-line payload, as `classify` would give it (one record, nothing
   * rejected); NO_LOG when `classify` would give nothing (every candidate says the line is
   * not its log: it cannot be JSON, and no line format's shape fits); or UNDECIDED: then
   * `classify` must be asked (a value does not convert, the line may be JSON).
   */
  read(text: string): Record<string, unknown> | typeof UNDECIDED | typeof NO_LOG;
  /** The log of the record `read` returned last (a field, not a result object: one less per line). */
  readonly log: LogDefinition;
}

export interface Classifier {
  /** The generation's semantics it classifies with (the S3 reading follows them too). */
  readonly semantics?: Semantics;
  /** The compiled candidate logs of a source, or undefined for a source sources.json does not list. */
  candidates(service: Service, entity: string): readonly CompiledLog[] | undefined;
  /**
   * `scope` identifies the payload the text belongs to (parser state such as a csv header is
   * kept per scope); the rule processor passes one per Kinesis record, S3 object or SNS
   * message. Without it, calls share one scope. Throws BadRecordError for JSON nested deeper
   * than `bounds.maxDepth` or holding more than `bounds.maxJsonItems` keys and values.
   */
  classify(
    text: string,
    candidates: readonly CompiledLog[],
    scope?: object,
  ): Classified | undefined;
  /** The line reader of a source's candidates, or undefined when one of them needs `classify`. */
  lineReader(candidates: readonly CompiledLog[]): LineReader | undefined;
}

/**
 * True when JSON.parse could take the text, or a JSON log would refuse it as too deep (it
 * looks at the text with its leading whitespace trimmed as String.prototype.trimStart does).
 */
function mayBeJson(text: string): boolean {
  const first = text.charCodeAt(0);
  const lead = first > 0x20 && first < 0x7f ? text[0] : text.trimStart()[0];
  return lead === '{' || lead === '[' || !cannotBeJson(text);
}

/** LineReader.read's answer for a line no candidate log takes. */
export const NO_LOG: unique symbol = Symbol('no-log');

function createLineReader(candidates: readonly CompiledLog[]): LineReader | undefined {
  const steps: (LogParser['readLine'] | 'json')[] = [];
  for (const c of candidates) {
    // A JSON log's log_patterns are never reached for text that cannot be JSON.
    if (c.parser.jsonOnly) steps.push('json');
    else if (c.parser.readLine && !c.patterns) steps.push(c.parser.readLine);
    else return undefined;
  }
  const logs = candidates.map((c) => c.def);
  const reader = {
    log: logs[0]!,
    read(text: string): Record<string, unknown> | typeof UNDECIDED | typeof NO_LOG {
      let checked = false;
      for (let i = 0; i < steps.length; i++) {
        const step = steps[i]!;
        if (step === 'json') {
          if (!checked && mayBeJson(text)) return UNDECIDED;
          checked = true;
          continue;
        }
        const record = step(text);
        if (record === undefined) continue;
        if (record !== UNDECIDED) reader.log = logs[i]!;
        return record;
      }
      // Every json step saw text that cannot be JSON (their extract refuses it), every line
      // step said "not this log" (their extract refuses it too): classify gives undefined.
      return NO_LOG;
    },
  };
  return steps.some((s) => s !== 'json') ? reader : undefined;
}

/**
 * StreamAlert 3's classification (`semantics.perRecord`): each record of a payload stands
 * alone. Those whose log_patterns hold and whose values convert are the log's; the others
 * are rejected; a log none of whose records hold is passed over for the next candidate.
 */
function classifyPerRecord(
  input: ReturnType<typeof textInput>,
  candidates: readonly CompiledLog[],
): Classified | undefined {
  for (const log of candidates) {
    const found = log.parser.extract(input);
    if (!found) continue;
    const env = found.envelope;
    const records: Record<string, unknown>[] = [];
    const rejected = [...found.rejected];
    for (const raw of found.records) {
      if (log.patterns && !log.patterns(env ? withEnvelope(raw, env) : raw)) {
        rejected.push({
          value: env ? withEnvelope(raw, env) : raw,
          reason: `${log.def.name} matched by its keys, but its log_patterns do not hold`,
        });
        continue;
      }
      const typed = log.parser.convert(raw, env);
      if (typed instanceof ConversionFailure)
        rejected.push({
          value: env ? withEnvelope(raw, env) : raw,
          reason: `${log.def.name} matched by its keys, but ${typed.message}`,
        });
      else records.push(typed);
    }
    if (records.length > 0) return { log: log.def, records, rejected };
  }
  return undefined;
}

export function createClassifier(
  config: Pick<ProcessorsConfig, 'logs' | 'sources' | 'generation'>,
  bounds: Partial<JsonBounds> = {},
): Classifier {
  const sharedScope = {};
  const limits = jsonBounds(bounds);
  const semantics: Semantics = semanticsOf(config.generation);
  const compiled = config.logs.map((def): CompiledLog => ({
    def,
    parser: parserFor(def, semantics),
    patterns: def.logPatterns ? compilePatterns(def.logPatterns, semantics.patterns) : undefined,
  }));
  const bySource = new Map<string, readonly CompiledLog[]>();
  for (const service of SERVICES) {
    for (const [entity, names] of config.sources[service] ?? new Map<string, readonly string[]>()) {
      bySource.set(
        `${service}\u0000${entity}`,
        compiled.filter((c) => names.includes(c.def.category) || names.includes(c.def.name)),
      );
    }
  }

  const lineReaders = new Map<readonly CompiledLog[], LineReader | undefined>();

  return {
    semantics,
    candidates: (service, entity) => bySource.get(`${service}\u0000${entity}`),
    lineReader(candidates) {
      if (!lineReaders.has(candidates)) lineReaders.set(candidates, createLineReader(candidates));
      return lineReaders.get(candidates);
    },
    classify(text, candidates, scope = sharedScope) {
      const input = textInput(text, limits, scope);
      if (semantics.perRecord) return classifyPerRecord(input, candidates);
      for (const log of candidates) {
        const found = log.parser.extract(input);
        if (!found) continue;
        const env = found.envelope;
        // Patterns see the record as StreamAlert built it, envelope included (a copy: only for logs with both).
        if (
          log.patterns &&
          !found.records.every((r) => log.patterns!(env ? withEnvelope(r, env) : r))
        )
          continue;
        const records: Record<string, unknown>[] = [];
        // The parser's list is its own, made for this text: copied only when a conversion adds to it.
        let rejected = found.rejected;
        for (let i = 0; i < found.records.length; i++) {
          const raw = found.records[i]!;
          const typed = log.parser.convert(raw, env);
          if (typed instanceof ConversionFailure) {
            if (rejected === found.rejected) rejected = [...rejected];
            rejected.push({
              value: env ? withEnvelope(raw, env) : raw,
              reason: `${log.def.name} matched by its keys, but ${typed.message}`,
            });
          } else records.push(typed);
        }
        return { log: log.def, records, rejected };
      }
      return undefined;
    },
  };
}
