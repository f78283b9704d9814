/** The `kinesis_events` module: the rule processor's event source mapping on the stream. */
import { kinesisEventsConfig } from '../../config/modules/kinesis-events.js';
import type { ClusterModuleDescriptor } from './descriptor.js';

export const kinesisEvents: ClusterModuleDescriptor = {
  module: 'kinesis_events',
  configKey: kinesisEventsConfig.configKey,
  enabled: (c) => Boolean(c.modules.kinesisEvents),
  context: ({ cluster }) => ({ kinesisEvents: cluster.modules.kinesisEvents ?? false }),
};
