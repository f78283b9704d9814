/**
 * The engine compiles its schemas without checking them against JSON Schema's meta-schema
 * (createAjv's `validateSchema: false`: that check cost every process ~0.6 CPU-s at start).
 * This is where they are checked instead: every schema the engine compiles, compiled by an
 * ajv that does check, with the same keywords.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_SCHEMAS } from '../../src/config/validate-schema.js';
import { PROCESSORS_SCHEMAS } from '../../src/config/processors/validate.js';
import { STATED_GENERATION_SCHEMA } from '../../src/config/processors/generation.js';
import { schemaParts } from '../../src/config/processors/schemas.js';
import { createAjv } from '../../src/config/ajv-problems.js';

function checkingAjv(): Ajv {
  const ajv = createAjv({ validateSchema: true });
  for (const part of schemaParts) ajv.addSchema(part);
  return ajv;
}

const ALL: Record<string, object> = {
  ...DOCUMENT_SCHEMAS,
  ...PROCESSORS_SCHEMAS,
  stated_generation: STATED_GENERATION_SCHEMA,
};

describe("the engine's schemas", () => {
  for (const [kind, schema] of Object.entries(ALL))
    it(`${kind}: valid against the meta-schema`, () => {
      const ajv = checkingAjv();
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
      expect(() => ajv.compile(schema)).not.toThrow();
    });

  it('a schema that breaks the meta-schema is caught here', () => {
    const ajv = checkingAjv();
    expect(ajv.validateSchema({ type: 'objekt' })).toBe(false);
    expect(() => ajv.compile({ type: 'object', properties: { a: { minLength: -1 } } })).toThrow();
  });
});
