/**
 * The regions the global root serves: the account's and every cluster's, each with the
 * provider alias its blocks use. Shared by the template context and the lookups, which
 * name their data sources after the alias.
 *
 * Regions leave the configuration before their resources leave AWS: a removed cluster is
 * destroyed only on a labelled merge, and the global root's state still holds a region's
 * monitoring key and topic after its last cluster is gone. Terraform cannot plan a change to
 * a resource whose provider configuration is gone (it fails with "Provider configuration not
 * present"), so both kinds of region keep a provider here.
 */
import type { Config } from '../config/types.js';

export interface GlobalRegion {
  region: string;
  /** Provider alias: the region with `_` for `-` (`us_east_1`). */
  alias: string;
}

/** What the state bucket says about regions the configuration no longer names. */
export interface StateRegions {
  /** Regions of removed clusters whose state is still there: their monitoring stays until they are destroyed (their alarms publish to it). */
  removedClusters?: string[];
  /** Regions the global root's state holds resources in. */
  globalState?: string[];
}

const withAlias = (regions: Iterable<string>): GlobalRegion[] =>
  [...new Set(regions)].sort().map((region) => ({ region, alias: region.replace(/-/g, '_') }));

/** The regions named by the configuration: the account's and every cluster's. */
export function configuredRegions(config: Config): GlobalRegion[] {
  return withAlias([config.global.account.region, ...config.clusters.map((c) => c.region)]);
}

/** The regions whose monitoring the global root keeps: the configured ones and those of removed clusters not yet destroyed. */
export function globalRegions(config: Config, state: StateRegions = {}): GlobalRegion[] {
  return withAlias([
    ...configuredRegions(config).map((r) => r.region),
    ...(state.removedClusters ?? []),
  ]);
}

/**
 * Regions only the global root's state still has resources in: rendered as a provider and
 * nothing else, so the plan destroys the monitoring left there.
 */
export function retiredRegions(config: Config, state: StateRegions = {}): GlobalRegion[] {
  const kept = new Set(globalRegions(config, state).map((r) => r.region));
  return withAlias((state.globalState ?? []).filter((region) => !kept.has(region)));
}
