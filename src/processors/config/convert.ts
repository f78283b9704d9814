/**
 * Raw JSON (already validated, at build time or by `validateProcessorsConfig`) → typed
 * config. Kept apart from the ajv validation so the Lambda bundles do not carry ajv:
 * the zips only ever hold conf files the build validated.
 */
import type {
  FieldSchema,
  LogDefinition,
  LogPatterns,
  ParserName,
  Service,
  SourcesConfig,
  TypesConfig,
} from './types.js';
import { SERVICES } from './types.js';

/* The inputs below passed the JSON schemas in validate.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** StreamAlert 2 allowed a single pattern where a list was expected. */
function toPatterns(raw: any): LogPatterns {
  // fromEntries defines own properties: a field named "__proto__" stays a field, not a prototype.
  return Object.fromEntries(
    Object.entries(raw as Record<string, any>).map(([field, spec]) => [
      field,
      typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : toPatterns(spec),
    ]),
  ) as LogPatterns;
}

export function toLogs(raw: any): LogDefinition[] {
  return Object.entries(raw as Record<string, any>).map(([name, d]) => {
    const c = d.configuration ?? {};
    return {
      name,
      category: name.split(':')[0] ?? name,
      parser: d.parser as ParserName,
      schema: d.schema as FieldSchema,
      optionalTopLevelKeys: c.optional_top_level_keys ?? [],
      extraTopLevelKeys: c.allow_extra_top_level_keys === true,
      jsonPath: c.json_path,
      jsonRegexKey: c.json_regex_key,
      embeddedJson: c.embedded_json === true,
      envelopeKeys: c.envelope_keys as FieldSchema | undefined,
      optionalEnvelopeKeys: c.optional_envelope_keys ?? [],
      logPatterns: c.log_patterns ? toPatterns(c.log_patterns) : undefined,
      delimiter: c.delimiter,
      separator: c.separator,
      quotechar: c.quotechar,
      escapechar: c.escapechar,
      header: c.header === true,
    };
  });
}

export function toSources(raw: any): SourcesConfig {
  const service = (s: Service) =>
    new Map(
      Object.entries((raw?.[s] ?? {}) as Record<string, { logs: string[] }>).map(([entity, v]) => [
        entity,
        v.logs,
      ]),
    );
  return Object.fromEntries(SERVICES.map((s) => [s, service(s)])) as unknown as SourcesConfig;
}

/** types.json; a `:ioc_<type>` suffix (StreamAlert 2's threat intel) is not part of the type's name. */
export function toTypes(raw: any): TypesConfig {
  return new Map(
    Object.entries((raw ?? {}) as Record<string, Record<string, string[]>>).map(
      ([category, types]) => {
        const byName = new Map<string, string[]>();
        for (const [key, fields] of Object.entries(types)) {
          const name = key.split(':')[0]!;
          byName.set(name, [...new Set([...(byName.get(name) ?? []), ...fields])]);
        }
        return [category, byName];
      },
    ),
  );
}
