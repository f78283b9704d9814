/**
 * Runs ajv over one parsed document and turns its errors into ConfigProblems worded for
 * people: unknown keys named with the allowed ones, types with what was found, enums listed.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { clusterSchema, globalSchema } from './schemas.js';
import type { ConfigProblem } from './problems.js';
import { escapePointerToken } from './problems.js';

const ajv = new Ajv({ allErrors: true, useDefaults: true, verbose: true, strict: false });
ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });

const validators = {
  global: ajv.compile(globalSchema),
  cluster: ajv.compile(clusterSchema),
} satisfies Record<string, ValidateFunction>;

export type DocumentKind = keyof typeof validators;

/** Validates `doc` in place (ajv fills defaults) and returns every problem found. */
export function validateDocument(kind: DocumentKind, doc: unknown, file: string): ConfigProblem[] {
  const validate = validators[kind];
  if (validate(doc)) return [];
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = describe(error, file);
    if (!problem) continue;
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

/** Longest string quoted whole in a message; a longer one is cut, with its length said. */
const SHOWN_STRING_MAX = 256;

function show(value: unknown): string {
  if (typeof value === 'string') {
    return value.length > SHOWN_STRING_MAX
      ? `${JSON.stringify(value.slice(0, SHOWN_STRING_MAX))}... (${value.length} characters)`
      : JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function describe(e: ErrorObject, file: string): ConfigProblem | undefined {
  const pointer = e.instancePath;
  const at = (message: string, p = pointer): ConfigProblem => ({ file, pointer: p, message });
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  const custom =
    typeof schema['x-message'] === 'string' ? (schema['x-message'] as string) : undefined;
  // Errors raised inside propertyNames describe the key, and are reported by the
  // propertyNames error itself; "if" only says the "then" branch failed, which has its own.
  if (e.propertyName !== undefined || e.keyword === 'if') return undefined;
  switch (e.keyword) {
    case 'required':
      return at(
        `missing required key "${(e.params as { missingProperty: string }).missingProperty}"`,
      );
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((schema.properties as object | undefined) ?? {});
      return at(
        `unknown key "${key}" (allowed: ${allowed.join(', ')})`,
        `${pointer}/${escapePointerToken(key)}`,
      );
    }
    case 'propertyNames': {
      const key = (e.params as { propertyName: string }).propertyName;
      const names = ((schema.propertyNames as { enum?: string[] } | undefined)?.enum ?? []).join(
        ', ',
      );
      return at(
        `unknown key "${key}" (allowed: ${names})`,
        `${pointer}/${escapePointerToken(key)}`,
      );
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type)
        .split(',')
        .join(' or ');
      return at(`must be ${expected}, got ${typeOf(e.data)} ${show(e.data)}`);
    }
    case 'enum': {
      if (custom) return at(`${custom}, got ${show(e.data)}`);
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ');
      return at(`must be one of ${allowed}, got ${show(e.data)}`);
    }
    case 'pattern':
      return at(`${custom ?? e.message ?? 'has the wrong form'}, got ${show(e.data)}`);
    case 'minItems':
      return at(
        (e.params as { limit: number }).limit === 1
          ? 'must not be empty'
          : (e.message ?? 'too short'),
      );
    case 'minProperties':
      return at('must not be empty');
    case 'maxLength':
      return at(
        `must be at most ${(e.params as { limit: number }).limit} characters, got ${String(e.data).length}`,
      );
    case 'uniqueItems': {
      const { i } = e.params as { i: number; j: number };
      return at(`lists ${show((e.data as unknown[])[i])} more than once`);
    }
    default:
      return at(e.message ?? `fails ${e.keyword}`);
  }
}
