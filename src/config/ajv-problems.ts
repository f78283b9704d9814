/**
 * The one translator from ajv's errors to ConfigProblems worded for people, used for every
 * file the engine validates (global.json, cluster files, logs.json, sources.json,
 * outputs.json): unknown keys named with the allowed ones, types with what was found,
 * enums listed, a schema's own `x-message` where it has one. One place, so the same
 * mistake reads the same in every file.
 */
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import type { ConfigProblem } from './problems.js';
import { escapePointerToken } from './problems.js';

/** Compiles each schema on its first use, once: a process compiles only what it validates. */
export function lazyValidators<K extends string>(
  ajv: Ajv,
  schemas: Record<K, object>,
): (kind: K) => ValidateFunction {
  const compiled = new Map<K, ValidateFunction>();
  return (kind) => {
    let validate = compiled.get(kind);
    if (!validate) {
      validate = ajv.compile(schemas[kind]);
      compiled.set(kind, validate);
    }
    return validate;
  };
}

/**
 * An ajv that reports every error with the offending data (the messages quote it) and
 * knows the `x-message` keyword our schemas use for their own wording.
 */
export function createAjv(options: Pick<Options, 'useDefaults' | 'validateSchema'> = {}): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: false,
    // The schemas are this project's own, checked against JSON Schema's meta-schema by
    // test/config/schemas-valid.test.ts: checking them again in every process was about
    // 0.6 CPU-s of each CLI and action start (profiled 2026-12-07).
    validateSchema: false,
    // ajv's optimizing pass over the generated code took about a third of each compile; the
    // documents validated are a few small files, for which unoptimized code is as good.
    code: { optimize: false },
    ...options,
  });
  ajv.addKeyword({ keyword: 'x-message', schemaType: 'string' });
  // A value that may be a secret put in the wrong place (a collector's `credential`): a
  // problem with it never repeats it.
  ajv.addKeyword({ keyword: 'x-conceal', schemaType: 'boolean' });
  return ajv;
}

/** Longest string quoted whole in a message; a longer one is cut, with its length said. */
const SHOWN_STRING_MAX = 256;

export function show(value: unknown): string {
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

/**
 * Every problem in `errors`, one per place and wording. An anyOf failure says what its
 * branches would (its `x-message` describes every accepted form), so the branches' own
 * errors are dropped.
 */
export function problemsOf(errors: readonly ErrorObject[], file: string): ConfigProblem[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const insideAnyOf = anyOfs.some(
      (a) =>
        a !== e &&
        e.schemaPath.startsWith(`${a.schemaPath}/`) &&
        e.instancePath.startsWith(a.instancePath),
    );
    if (insideAnyOf) continue;
    const problem = describe(e, file);
    if (!problem) continue;
    const key = `${problem.pointer}\u0000${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
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
        `unknown key "${key}"${allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : ''}`,
        `${pointer}/${escapePointerToken(key)}`,
      );
    }
    case 'propertyNames': {
      const key = (e.params as { propertyName: string }).propertyName;
      const names = ((schema.propertyNames as { enum?: string[] } | undefined)?.enum ?? []).join(
        ', ',
      );
      return at(
        names ? `unknown key "${key}" (allowed: ${names})` : `key "${key}" is not a valid name`,
        `${pointer}/${escapePointerToken(key)}`,
      );
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type)
        .split(',')
        .join(' or ');
      // A scalar is named with its value ("got string \"3\""); a list, a map or null once ("got an array").
      const found =
        e.data === null || typeof e.data === 'object'
          ? show(e.data)
          : `${typeOf(e.data)} ${show(e.data)}`;
      return at(`must be ${expected}, got ${found}`);
    }
    case 'enum': {
      if (custom) return at(`${custom}, got ${show(e.data)}`);
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(show).join(', ');
      return at(`must be one of ${allowed}, got ${show(e.data)}`);
    }
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
      // pattern, anyOf, not, format...: the schema's own words when it has them.
      if (custom && schema['x-conceal'] === true)
        return at(`${custom} (the value, ${String(e.data).length} characters, is not shown)`);
      if (custom) return at(`${custom}, got ${show(e.data)}`);
      return at(
        e.keyword === 'pattern'
          ? `${e.message ?? 'has the wrong form'}, got ${show(e.data)}`
          : (e.message ?? `fails ${e.keyword}`),
      );
  }
}
