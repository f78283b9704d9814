/** The `kinesis_events` module: the rule processor's event source mapping on the stream. */
import type { ClusterModuleDescriptor } from './descriptor.js';

export const kinesisEvents: ClusterModuleDescriptor = {
  module: 'kinesis_events',
  configKey: 'kinesis_events',
  enabled: (c) => Boolean(c.modules.kinesisEvents),
  context: ({ cluster }) => ({ kinesisEvents: cluster.modules.kinesisEvents ?? false }),
};
