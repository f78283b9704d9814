/**
 * Which Terraform module provides each name a cluster's `outputs` may list, keyed by the
 * configuration's module key (the seed's `"outputs": {"kinesis": [...]}`). Validation
 * rejects names not listed here; rendering uses it to wire root outputs.
 */
import { CONFIG_MODULES } from './modules/all.js';

export interface OutputSource {
  /** Module block name in the rendered root. */
  module: string;
  sensitive: boolean;
  /** Only present when this configuration module feature is on (checked by validation). */
  requires?: 'firehose';
}

const plain = (module: string, requires?: 'firehose'): OutputSource => ({
  module,
  sensitive: false,
  requires,
});

export const CLUSTER_OUTPUTS: Record<string, Record<string, OutputSource>> = {
  stream_alert: Object.fromEntries(
    [
      'rule_processor_function_name',
      'rule_processor_arn',
      'rule_processor_alias_arn',
      'rule_processor_role_name',
      'rule_processor_role_arn',
      'alert_processor_function_name',
      'alert_processor_arn',
      'alert_processor_alias_arn',
      'alert_processor_role_name',
      'alerts_topic_arn',
    ].map((name) => [name, plain('stream_alert')]),
  ),
  // The modules whose configuration is a descriptor (src/config/modules).
  ...Object.fromEntries(
    CONFIG_MODULES.flatMap((d) => (d.outputs ? [[d.configKey, { ...d.outputs }]] : [])),
  ),
};

/**
 * The source of output `name` of configuration module `moduleKey`, or undefined. Own keys
 * only: a name such as "constructor" or "__proto__" must not find Object.prototype's.
 */
export function outputSource(moduleKey: string, name: string): OutputSource | undefined {
  if (!Object.hasOwn(CLUSTER_OUTPUTS, moduleKey)) return undefined;
  const catalog = CLUSTER_OUTPUTS[moduleKey]!;
  return Object.hasOwn(catalog, name) ? catalog[name] : undefined;
}
