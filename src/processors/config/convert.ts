/**
 * Raw JSON (already validated, at build time or by `validateProcessorsConfig`) → typed
 * config. Kept apart from the ajv validation so the Lambda bundles do not carry ajv:
 * the zips only ever hold conf files the build validated.
 */
import type { FieldSchema, LogDefinition, LogPatterns, ParserName, Service, SourcesConfig } from './types.js';

/* The inputs below passed the JSON schemas in validate.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function toLogs(raw: any): LogDefinition[] {
  return Object.entries(raw as Record<string, any>).map(([name, d]) => {
    const c = d.configuration ?? {};
    return {
      name,
      category: name.split(':')[0] ?? name,
      parser: d.parser as ParserName,
      schema: d.schema as FieldSchema,
      optionalTopLevelKeys: c.optional_top_level_keys ?? [],
      jsonPath: c.json_path,
      envelopeKeys: c.envelope_keys as FieldSchema | undefined,
      logPatterns: c.log_patterns as LogPatterns | undefined,
      delimiter: c.delimiter,
      separator: c.separator,
      header: c.header === true,
    };
  });
}

export function toSources(raw: any): SourcesConfig {
  const service = (s: Service) => new Map(Object.entries((raw?.[s] ?? {}) as Record<string, { logs: string[] }>).map(([entity, v]) => [entity, v.logs]));
  return { kinesis: service('kinesis'), s3: service('s3'), sns: service('sns') };
}
