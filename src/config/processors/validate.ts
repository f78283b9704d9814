/**
 * Validation of conf/logs.json, conf/sources.json and conf/outputs.json: ajv for shape,
 * then the rules that span files (a source naming an unknown log, syslog schemas with the
 * wrong fields...). Every problem is returned, with its file and JSON pointer, as
 * src/config does for cluster files. Used by `build` and `test`, never inside the Lambda.
 */
import { Ajv, type ErrorObject } from 'ajv';
import type { ConfigProblem } from '../problems.js';
import { escapePointerToken } from '../problems.js';
import { outputsSchema } from './outputs-schema.js';
import { s3BucketNameProblem } from '../aws-limits.js';
import { logsSchema, schemaParts, sourcesSchema, typesSchema } from './schemas.js';

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
for (const part of schemaParts) ajv.addSchema(part);

const validators = {
  logs: ajv.compile(logsSchema),
  sources: ajv.compile(sourcesSchema),
  outputs: ajv.compile(outputsSchema),
  types: ajv.compile(typesSchema),
};

export type ProcessorsDocument = keyof typeof validators;

/** Longest string quoted whole in a message; a longer one is cut, with its length said. */
const SHOWN_STRING_MAX = 256;

function show(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > SHOWN_STRING_MAX
      ? `${JSON.stringify(value.slice(0, SHOWN_STRING_MAX))}... (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}

function message(e: ErrorObject): string {
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const custom =
    typeof parent['x-message'] === 'string' ? (parent['x-message'] as string) : undefined;
  switch (e.keyword) {
    case 'required':
      return `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ')}, got ${show(e.data)}`;
    case 'type':
      return `must be ${(e.params as { type: string }).type}, got ${show(e.data)}`;
    case 'minProperties':
    case 'minItems':
      return 'must not be empty';
    case 'maxLength':
      return `must be at most ${(e.params as { limit: number }).limit} characters, got ${String(e.data).length}`;
    default:
      return custom ? `${custom}, got ${show(e.data)}` : (e.message ?? `fails ${e.keyword}`);
  }
}

/** Shape problems of one document, worded for people (one per place, not ajv's branch-by-branch list). */
export function validateShape(
  kind: ProcessorsDocument,
  doc: unknown,
  file: string,
): ConfigProblem[] {
  const validate = validators[kind];
  if (validate(doc)) return kind === 'outputs' ? outputBucketProblems(doc, file) : [];
  const errors = validate.errors ?? [];
  // An anyOf failure says everything its branches would: keep it, drop the branches.
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (
      anyOfs.some(
        (a) =>
          a !== e &&
          e.schemaPath.startsWith(`${a.schemaPath}/`) &&
          e.instancePath.startsWith(a.instancePath),
      )
    )
      continue;
    let pointer = e.instancePath;
    let text: string;
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys(
        ((e.parentSchema as { properties?: object })?.properties ?? {}) as object,
      );
      pointer = `${pointer}/${escapePointerToken(key)}`;
      text = `unknown key "${key}"${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`;
    } else if (e.keyword === 'propertyNames') {
      const key = (e.params as { propertyName: string }).propertyName;
      pointer = `${pointer}/${escapePointerToken(key)}`;
      const names = (
        (e.parentSchema as { propertyNames?: { enum?: string[] } })?.propertyNames?.enum ?? []
      ).join(', ');
      text = names
        ? `unknown key "${key}" (allowed: ${names})`
        : `key "${key}" is not a valid name`;
    } else if (e.propertyName !== undefined) {
      continue; // reported by the propertyNames error above
    } else {
      text = message(e);
    }
    const id = `${pointer}\u0000${text}`;
    if (!seen.has(id)) {
      seen.add(id);
      problems.push({ file, pointer, message: text });
    }
  }
  return problems;
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
};

/* Runs only on documents whose shape passed. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** Rules that span keys or files. */
export function crossCheckProcessors(
  logs: any,
  sources: any,
  files: { logs: string; sources: string },
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
