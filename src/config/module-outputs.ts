/**
 * Which Terraform module provides each name a cluster's `outputs` may list, keyed by the
 * configuration's module key (the seed's `"outputs": {"kinesis": [...]}`), gathered from
 * the modules' configuration descriptors (src/config/modules). Validation rejects names
 * not listed here; rendering uses it to wire root outputs.
 */
import { CONFIG_MODULES } from './modules/all.js';

export interface OutputSource {
  /** Module block name in the rendered root. */
  module: string;
  sensitive: boolean;
  /** Only present when this configuration module feature is on (checked by validation). */
  requires?: 'firehose';
}

export const CLUSTER_OUTPUTS: Record<string, Record<string, OutputSource>> = Object.fromEntries(
  CONFIG_MODULES.flatMap((d) => (d.outputs ? [[d.configKey, { ...d.outputs }]] : [])),
);

/**
 * The source of output `name` of configuration module `moduleKey`, or undefined. Own keys
 * only: a name such as "constructor" or "__proto__" must not find Object.prototype's.
 */
export function outputSource(moduleKey: string, name: string): OutputSource | undefined {
  if (!Object.hasOwn(CLUSTER_OUTPUTS, moduleKey)) return undefined;
  const catalog = CLUSTER_OUTPUTS[moduleKey]!;
  return Object.hasOwn(catalog, name) ? catalog[name] : undefined;
}
