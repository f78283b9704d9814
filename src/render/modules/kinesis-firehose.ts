/** The `kinesis_firehose` module: the stream's copy into S3 (`kinesis.firehose` in the cluster file). */
import { kinesisConfig } from '../../config/modules/kinesis.js';
import type { ClusterModuleDescriptor } from './descriptor.js';

export const kinesisFirehose: ClusterModuleDescriptor = {
  module: 'kinesis_firehose',
  configKey: kinesisConfig.configKey,
  enabled: (c) => c.modules.kinesis?.firehose.enabled === true,
  // stream_alert's block reads it too: staged rules' alerts go to its bucket.
  context: ({ cluster }) => {
    const k = cluster.modules.kinesis;
    return { firehose: k?.firehose.enabled ? k.firehose : false };
  },
};
