/**
 * Every cluster module's configuration descriptor (see descriptor.ts), in the order of the
 * cluster file's `modules` keys (and of the docs tables). A new module's configuration is
 * its descriptor and one line here: `ClusterConfig.modules` and its loading follow.
 */
import { cloudtrailConfig } from './cloudtrail.js';
import { cloudwatchEventsConfig } from './cloudwatch-events.js';
import { cloudwatchMonitoringConfig } from './cloudwatch-monitoring.js';
import { collectorsConfig } from './collectors.js';
import type { ConfigModuleDescriptor, ModuleLoadContext } from './descriptor.js';
import { flowLogsConfig } from './flow-logs.js';
import { kinesisEventsConfig } from './kinesis-events.js';
import { kinesisConfig } from './kinesis.js';
import { s3EventsConfig } from './s3-events.js';
import { streamAlertConfig } from './stream-alert.js';

// `as const` keeps each descriptor's own type, which ClusterModules is read from.
export const CONFIG_MODULES = [
  streamAlertConfig,
  cloudwatchMonitoringConfig,
  kinesisConfig,
  kinesisEventsConfig,
  cloudtrailConfig,
  cloudwatchEventsConfig,
  flowLogsConfig,
  s3EventsConfig,
  collectorsConfig,
] as const satisfies readonly ConfigModuleDescriptor[];

type AnyConfigModule = (typeof CONFIG_MODULES)[number];

/** `ClusterConfig.modules`: each descriptor's field, holding what its `load` returns. */
export type ClusterModules = {
  [D in AnyConfigModule as D['field']]: ReturnType<D['load']>;
};

/**
 * Whether the module under `key` is switched on in a loaded cluster (see the descriptor's
 * `isOn`); false for a key no descriptor has.
 */
export function moduleIsOn(modules: ClusterModules, key: string): boolean {
  const d: ConfigModuleDescriptor | undefined = CONFIG_MODULES.find((m) => m.configKey === key);
  if (!d) return false;
  // The field holds what this same descriptor's `load` returned (loadModules).
  const value = (modules as Record<string, unknown>)[d.field];
  return d.isOn ? d.isOn(value) : d.required === true;
}

/** A validated cluster file's `modules` (defaults filled in) as their typed forms. */
export function loadModules(raw: Record<string, unknown>, ctx: ModuleLoadContext): ClusterModules {
  // Each field is set by its own descriptor's `load`, from the list ClusterModules is read
  // from; Object.fromEntries cannot carry that pairing, hence the one assertion.
  return Object.fromEntries(
    CONFIG_MODULES.map((d) => [d.field, d.load(raw[d.configKey], ctx)]),
  ) as ClusterModules;
}
