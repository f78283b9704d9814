/**
 * StreamAlert 3's order of the merged conf/schemas/*.json (streamalert/shared/config.py,
 * SchemaSorter, as its docstring states it): a schema's `configuration.priority` sorts it,
 * 0 first; schemas without one come after all those with one; ties keep their order (files
 * in name order, schemas in file order). StreamAlert's code gave a schema without priority
 * the highest priority seen before it, in os.listdir order, which no one can rely on.
 */

/* The documents passed the logs schema: `configuration.priority` is a whole number when present. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function orderBySchemaPriority(files: readonly Record<string, any>[]): Record<string, any> {
  const keyed = files
    .flatMap((f) => Object.entries(f))
    .map(([name, d], i) => ({ name, d, key: d.configuration?.priority ?? Infinity, i }));
  keyed.sort((a, b) => (a.key === b.key ? a.i - b.i : a.key < b.key ? -1 : 1));
  // fromEntries defines own properties: a log named "__proto__" stays a log.
  return Object.fromEntries(keyed.map((k) => [k.name, k.d]));
}
