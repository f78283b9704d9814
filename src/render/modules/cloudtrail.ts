/** The `cloudtrail` module: a trail (or an existing one's events) into the cluster's stream. */
import { cloudtrailConfig } from '../../config/modules/cloudtrail.js';
import type { ClusterModuleDescriptor } from './descriptor.js';

export const cloudtrail: ClusterModuleDescriptor = {
  module: 'cloudtrail',
  configKey: cloudtrailConfig.configKey,
  enabled: (c) => Boolean(c.modules.cloudtrail),
  context: ({ cluster }) => ({ cloudtrail: cluster.modules.cloudtrail ?? false }),
};
