/**
 * What classification does differently per StreamAlert generation. Each switch is one
 * difference measured against StreamAlert's own classifier (1.5: stream_alert/rule_processor
 * v1.5.0; 1.6-2.x: v1.6.1 and v2.0.0; 3.x: streamalert/classifier v3.0.0 to v3.5.0), so the
 * parsers ask a named question instead of comparing version strings.
 * docs/streamalert-migration.md#classification-by-generation lists them for users.
 */
import { DEFAULT_GENERATION, GENERATIONS, type Generation } from '../config/types.js';

/** Where the build puts the generation in the rule processor's zip. */
export const GENERATION_FILE = 'conf/generation.json';

/** The generation a zip's generation.json names; an older zip without one: the default. */
export function generationIn(doc: unknown): Generation {
  const g = (doc as { generation?: unknown } | undefined)?.generation;
  return GENERATIONS.includes(g as Generation) ? (g as Generation) : DEFAULT_GENERATION;
}

export interface Semantics {
  readonly generation: Generation;
  /** json_path language: JSONPath (jsonpath_rw, 1.x) or JMESPath (3.x). */
  readonly jsonPath: 'jsonpath' | 'jmespath';
  /** 1.5: a json_path that finds nothing leaves the whole payload as the record. */
  readonly jsonPathFallback: boolean;
  /** 3.x: a JSON array payload is searched by json_path (`[*]`: each element a record). */
  readonly arrayPayloads: boolean;
  /**
   * 3.x: values Python finds false (null, "", 0, false, [], {}) are left as they are;
   * 1.x converted them (`0` as a string is "0", null as a string "None").
   */
  readonly keepFalsy: boolean;
  /** 3.x: a `[]` field must hold a list (an empty value aside). */
  readonly listsChecked: boolean;
  /**
   * 3.x: each record of a payload stands alone: a csv row, json_path item or record whose
   * values do not convert or whose log_patterns fail is rejected and the others classify;
   * a log none of whose records hold is passed over for the next. 1.x: a csv row that does
   * not fit fails the payload, and a record that does not convert is not tried further.
   */
  readonly perRecord: boolean;
  /** 3.x: a payload without its json_regex_key field, or its envelope keys, is not the log (1.x took it whole). */
  readonly strictPayloadShape: boolean;
  /**
   * 3.x: log_patterns stop at the first nested pattern (its result is the answer), and a
   * pattern's field missing from the record fails it (1.x skipped it).
   */
  readonly patterns: 'all' | 'first-nested';
  /** 3.x: an S3 object that is one JSON document (pretty-printed included) is one record. */
  readonly wholeS3Document: boolean;
}

const V1: Omit<Semantics, 'generation' | 'jsonPathFallback'> = {
  jsonPath: 'jsonpath',
  arrayPayloads: false,
  keepFalsy: false,
  listsChecked: false,
  perRecord: false,
  strictPayloadShape: false,
  patterns: 'all',
  wholeS3Document: false,
};

const SEMANTICS: Record<Generation, Semantics> = {
  '1.5': { ...V1, generation: '1.5', jsonPathFallback: true },
  '1.6-2.x': { ...V1, generation: '1.6-2.x', jsonPathFallback: false },
  '3.x': {
    generation: '3.x',
    jsonPath: 'jmespath',
    jsonPathFallback: false,
    arrayPayloads: true,
    keepFalsy: true,
    listsChecked: true,
    perRecord: true,
    strictPayloadShape: true,
    patterns: 'first-nested',
    wholeS3Document: true,
  },
};

export function semanticsOf(generation: Generation = DEFAULT_GENERATION): Semantics {
  return SEMANTICS[generation];
}
