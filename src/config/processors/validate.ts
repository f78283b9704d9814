/**
 * Validation of conf/logs.json, conf/sources.json and conf/outputs.json: ajv for shape,
 * then the rules that span files (a source naming an unknown log, syslog schemas with the
 * wrong fields...). Every problem is returned, with its file and JSON pointer, as
 * src/config does for cluster files. Used by `build` and `test`, never inside the Lambda.
 */
import { createAjv, lazyValidators, problemsOf, show } from '../ajv-problems.js';
import type { ConfigProblem } from '../problems.js';
import { escapePointerToken } from '../problems.js';
import { jmesPathProblem } from '../../processors/rule-processor/parsers/jmespath.js';
import type { Generation } from '../../processors/config/types.js';
import { outputsSchema } from './outputs-schema.js';
import { lookupTablesSchema } from './lookup-tables-schema.js';
import { threatIntelSchema } from './threat-intel-schema.js';
import { s3BucketNameProblem } from '../aws-limits.js';
import {
  dataSourcesSchema,
  logsSchema,
  schemaParts,
  sigmaSchema,
  sourcesSchema,
  typesSchema,
} from './schemas.js';

const ajv = createAjv();
for (const part of schemaParts) ajv.addSchema(part);

/** The schema of each kind of document, compiled on first use (lazyValidators). */
export const PROCESSORS_SCHEMAS = {
  logs: logsSchema,
  sources: sourcesSchema,
  outputs: outputsSchema,
  types: typesSchema,
  data_sources: dataSourcesSchema,
  sigma: sigmaSchema,
  lookup_tables: lookupTablesSchema,
  threat_intel: threatIntelSchema,
};

export type ProcessorsDocument = keyof typeof PROCESSORS_SCHEMAS;

const validatorOf = lazyValidators<ProcessorsDocument>(ajv, PROCESSORS_SCHEMAS);

/** Shape problems of one document, worded by ajv-problems.ts as for every other file. */
export function validateShape(
  kind: ProcessorsDocument,
  doc: unknown,
  file: string,
): ConfigProblem[] {
  const validate = validatorOf(kind);
  if (validate(doc)) return kind === 'outputs' ? outputBucketProblems(doc, file) : [];
  return problemsOf(validate.errors ?? [], file);
}

/** outputs.json buckets the pattern let through but AWS refuses ("..", IP form, reserved affixes). */
function outputBucketProblems(doc: unknown, file: string): ConfigProblem[] {
  const buckets = (doc as Record<string, unknown>)['aws-s3'];
  if (buckets === undefined) return [];
  return Object.entries(buckets as Record<string, string>).flatMap(([descriptor, bucket]) => {
    const problem = s3BucketNameProblem(bucket);
    return problem
      ? [
          {
            file,
            pointer: `/aws-s3/${escapePointerToken(descriptor)}`,
            message: `S3 bucket name ${show(bucket)} ${problem}`,
          },
        ]
      : [];
  });
}

const SYSLOG_FIELDS = ['timestamp', 'host', 'application', 'message'];

/** Which parsers take each configuration option (StreamAlert 1.5 to 2.0, plus `header`). */
const OPTION_PARSERS: Record<string, readonly string[]> = {
  optional_top_level_keys: ['json'],
  allow_extra_top_level_keys: ['json'],
  json_path: ['json', 'csv'],
  json_regex_key: ['json'],
  embedded_json: ['json'],
  envelope_keys: ['json', 'csv'],
  optional_envelope_keys: ['json', 'csv'],
  log_patterns: ['json', 'csv', 'kv', 'syslog'],
  delimiter: ['csv', 'kv'],
  separator: ['kv'],
  quotechar: ['csv'],
  escapechar: ['csv'],
  header: ['csv'],
  required_key_values: ['json', 'csv', 'kv', 'syslog'],
  priority: ['json', 'csv', 'kv', 'syslog'],
  normalization: ['json', 'csv', 'kv', 'syslog'],
};

/* Runs only on documents whose shape passed. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Rules that span keys or files. */
export function crossCheckProcessors(
  logs: any,
  sources: any,
  files: { logs: string; sources: string },
  generation?: Generation,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const names = Object.keys(logs ?? {});
  for (const [name, d] of Object.entries(logs as Record<string, any>)) {
    const at = (pointer: string, message: string) =>
      problems.push({
        file: files.logs,
        pointer: `/${escapePointerToken(name)}${pointer}`,
        message,
      });
    const c = d.configuration ?? {};
    const keys = Object.keys(d.schema);
    (c.optional_top_level_keys ?? []).forEach((k: string, i: number) => {
      if (!keys.includes(k))
        at(
          `/configuration/optional_top_level_keys/${i}`,
          `"${k}" is not a key of this log's schema`,
        );
    });
    // Extra keys allowed and none required: every JSON object would be this log.
    if (
      c.allow_extra_top_level_keys === true &&
      keys.every((k) => (c.optional_top_level_keys ?? []).includes(k))
    )
      at(
        '/configuration/allow_extra_top_level_keys',
        'needs at least one schema key outside optional_top_level_keys: with extra keys allowed and none required, every JSON object would be this log',
      );
    const envelopeKeys = Object.keys(c.envelope_keys ?? {});
    (c.optional_envelope_keys ?? []).forEach((k: string, i: number) => {
      if (!envelopeKeys.includes(k))
        at(
          `/configuration/optional_envelope_keys/${i}`,
          `"${k}" is not a key of this log's envelope_keys`,
        );
    });
    for (const option of Object.keys(c)) {
      const takers = OPTION_PARSERS[option] ?? [];
      if (!takers.includes(d.parser))
        at(
          `/configuration/${option}`,
          `the ${d.parser} parser does not take ${option} (only ${takers.join(', ')})`,
        );
    }
    if (c.embedded_json === true && c.json_path === undefined)
      at(
        '/configuration/embedded_json',
        'embedded_json needs json_path (it parses the values json_path selects)',
      );
    // StreamAlert 3's json_path is JMESPath: one outside the part this project reads is named.
    const jmes =
      generation === '3.x' && typeof c.json_path === 'string'
        ? jmesPathProblem(c.json_path)
        : undefined;
    if (jmes) at('/configuration/json_path', `json_path: ${jmes}`);
    if (c.json_path !== undefined && c.json_regex_key !== undefined)
      at('/configuration/json_regex_key', 'use json_path or json_regex_key, not both');
    if (d.parser === 'csv' && c.envelope_keys !== undefined && c.json_path === undefined)
      at(
        '/configuration/envelope_keys',
        'a csv log takes envelope_keys only with json_path (csv lines inside a JSON envelope)',
      );
    if (d.parser === 'csv' && c.delimiter !== undefined && c.delimiter.length !== 1)
      at('/configuration/delimiter', 'a csv delimiter must be a single character');
    if (d.parser === 'syslog') {
      keys.forEach((k) => {
        if (!SYSLOG_FIELDS.includes(k))
          at(
            `/schema/${escapePointerToken(k)}`,
            `a syslog schema takes only the fields ${SYSLOG_FIELDS.join(', ')}`,
          );
      });
    }
    if (d.parser === 'kv' || d.parser === 'syslog') {
      keys.forEach((k) => {
        const t = d.schema[k];
        if (typeof t === 'object' && !Array.isArray(t) && Object.keys(t).length > 0) {
          at(
            `/schema/${escapePointerToken(k)}`,
            `nested schemas need the json or csv parser (${d.parser} values are flat)`,
          );
        }
      });
    }
  }
  for (const [service, entities] of Object.entries(
    (sources ?? {}) as Record<string, Record<string, { logs: string[] }>>,
  )) {
    for (const [entity, v] of Object.entries(entities)) {
      v.logs.forEach((log, i) => {
        if (!names.some((n) => n === log || n.split(':')[0] === log)) {
          problems.push({
            file: files.sources,
            pointer: `/${service}/${escapePointerToken(entity)}/logs/${i}`,
            message: `${show(log)} names no log in ${files.logs} (known categories: ${[...new Set(names.map((n) => n.split(':')[0]))].join(', ')})`,
          });
        }
      });
    }
  }
  return problems;
}
