/**
 * The `threat_intel_feeds` module (the feed collector, its bucket, schedule and failure
 * alarm: docs/threat-intel.md), when conf/threat_intel.json matches records and names a
 * feeds bucket. The collector serves every cluster, so ONE cluster root declares it: the
 * first cluster (in the clusters' order) in global.json's region, else the first cluster.
 * Its function reads the collectors' zip that cluster's build writes. Its alarms go to the
 * region's monitoring topic when that cluster's alarms do (`cloudwatch_monitoring`).
 */
import type { ClusterConfig, Config } from '../../config/types.js';
import { type ClusterModuleDescriptor, monitoringTopicArn } from './descriptor.js';

/** The cluster whose root declares the feed collector, or undefined when there is none. */
export function feedCollectorCluster(config: Config): ClusterConfig | undefined {
  const ti = config.processors.threatIntel;
  if (!ti?.enabled || ti.feeds.length === 0) return undefined;
  return (
    config.clusters.find((c) => c.region === config.global.account.region) ?? config.clusters[0]
  );
}

export const threatIntelFeeds: ClusterModuleDescriptor = {
  module: 'threat_intel_feeds',
  // Switched on by conf/threat_intel.json, not by a key of the cluster file.
  configKey: null,
  enabled: (cluster, config) => feedCollectorCluster(config)?.id === cluster.id,
  context: ({ config, cluster }) => {
    const ti = config.processors.threatIntel;
    if (!ti || feedCollectorCluster(config)?.id !== cluster.id) return { threatIntelFeeds: false };
    const first = ti.feeds[0]!;
    return {
      threatIntelFeeds: {
        bucket: first.bucket,
        keyPrefix: first.key.slice(0, first.key.length - `${first.feed}.json.gz`.length),
        feeds: ti.feeds.map((f) => f.feed),
        // Where OTX's key is (never the key): the function reads it at each run.
        otxCredential: ti.otx?.credential ?? false,
        alarmActions: cluster.modules.cloudwatchMonitoring?.enabled
          ? [monitoringTopicArn(config, cluster.region)]
          : [],
      },
    };
  },
};
