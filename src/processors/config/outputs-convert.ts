/**
 * conf/outputs.json (already validated) → the typed outputs the alert processor and the IAM
 * rendering use: each service's entries through its descriptor's `toTarget` (outputs/all.ts).
 */
import { outputDescriptor } from '../alert-processor/outputs/all.js';
import { entriesOf } from './output-keys.js';
import type { OutputTarget, OutputsConfig } from './types.js';

export { conventionalParameter } from '../alert-processor/outputs/descriptor-schema.js';

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
