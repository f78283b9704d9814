/**
 * StreamAlert 3's order of the merged conf/schemas/*.json (streamalert/shared/config.py,
 * SchemaSorter): a schema's `configuration.priority` sorts it, 0 first; one without a
 * priority takes the highest priority seen so far (files in name order, schemas in file
 * order), so it stays after the ones before it; ties keep that order (a stable sort).
 * StreamAlert listed the files in os.listdir order, which no one can rely on; name order here.
 */

/* The documents passed the logs schema: `configuration.priority` is a whole number when present. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function orderBySchemaPriority(files: readonly Record<string, any>[]): Record<string, any> {
  let max = -1;
  const keyed = files
    .flatMap((f) => Object.entries(f))
    .map(([name, d], i) => {
      const p: number = d.configuration?.priority ?? -1;
      max = Math.max(max, p);
      return { name, d, key: p === -1 ? max : p, i };
    });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  // fromEntries defines own properties: a log named "__proto__" stays a log.
  return Object.fromEntries(keyed.map((k) => [k.name, k.d]));
}
