/**
 * The regions the global root serves: the account's and every cluster's, each with the
 * provider alias its blocks use. Shared by the template context and the lookups, which
 * name their data sources after the alias.
 */
import type { Config } from '../config/types.js';

export interface GlobalRegion {
  region: string;
  /** Provider alias: the region with `_` for `-` (`us_east_1`). */
  alias: string;
}

export function globalRegions(config: Config): GlobalRegion[] {
  const { account } = config.global;
  return [...new Set([account.region, ...config.clusters.map((c) => c.region)])]
    .sort()
    .map((region) => ({ region, alias: region.replace(/-/g, '_') }));
}
