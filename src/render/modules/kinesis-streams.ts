/** The `kinesis_streams` module: the cluster's Kinesis stream (and its optional IAM user). */
import { kinesisConfig } from '../../config/modules/kinesis.js';
import type { ClusterModuleDescriptor } from './descriptor.js';

export const kinesisStreams: ClusterModuleDescriptor = {
  module: 'kinesis_streams',
  configKey: kinesisConfig.configKey,
  enabled: (c) => Boolean(c.modules.kinesis),
  context: ({ cluster }) => ({ kinesis: cluster.modules.kinesis ?? false }),
};
