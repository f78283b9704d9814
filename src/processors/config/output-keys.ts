/**
 * The `<service>:<descriptor>` keys of conf/outputs.json (already validated), without the
 * output descriptors: the rule processor checks the outputs a rule names against them and
 * must not bundle the alert outputs' code (outputs-convert.ts imports every descriptor).
 */

/** `[descriptor, value]` of one service: StreamAlert's list form has descriptors only (value undefined). */
export function entriesOf(value: unknown): [string, unknown][] {
  return Array.isArray(value)
    ? value.map((d: string) => [d, undefined])
    : Object.entries(value as Record<string, unknown>);
}

export function outputKeys(raw: unknown): Set<string> {
  const keys = new Set<string>();
  for (const [service, value] of Object.entries((raw ?? {}) as Record<string, unknown>))
    for (const [descriptor] of entriesOf(value)) keys.add(`${service}:${descriptor}`);
  return keys;
}
