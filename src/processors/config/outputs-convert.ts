/**
 * conf/outputs.json (already validated) → the typed outputs the alert processor and the IAM
 * rendering use: each service's entries through its descriptor's `toTarget` (outputs/all.ts).
 */
import { outputDescriptor } from '../alert-processor/outputs/all.js';
import type { OutputTarget, OutputsConfig } from './types.js';

export { conventionalParameter } from '../alert-processor/outputs/descriptor-schema.js';

/** `[descriptor, value]` of one service: StreamAlert's list form has descriptors only (value undefined). */
function entriesOf(value: unknown): [string, unknown][] {
  return Array.isArray(value)
    ? value.map((d: string) => [d, undefined])
    : Object.entries(value as Record<string, unknown>);
}

export function toOutputs(raw: unknown): OutputsConfig {
  const out = new Map<string, OutputTarget>();
  for (const [service, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    const output = outputDescriptor(service);
    if (!output) continue; // the schema refuses unknown services
    for (const [descriptor, v] of entriesOf(value))
      out.set(`${service}:${descriptor}`, output.toTarget(descriptor, v) as OutputTarget);
  }
  return out;
}

/**
 * The `<service>:<descriptor>` keys alone, without the descriptors: the rule processor checks
 * the outputs a rule names against them and must not bundle the alert outputs' code.
 */
export function outputKeys(raw: unknown): Set<string> {
  const keys = new Set<string>();
  for (const [service, value] of Object.entries((raw ?? {}) as Record<string, unknown>))
    for (const [descriptor] of entriesOf(value)) keys.add(`${service}:${descriptor}`);
  return keys;
}
