/** The `s3_events` module: one call per bucket whose notifications invoke the rule processor. */
import { s3EventsConfig } from '../../config/modules/s3-events.js';
import { assertIdentifier, type ClusterModuleDescriptor } from './descriptor.js';

export const s3Events: ClusterModuleDescriptor = {
  module: 's3_events',
  configKey: s3EventsConfig.configKey,
  enabled: (c) => c.modules.s3Events.length > 0,
  context: ({ cluster }) => ({
    s3Events: cluster.modules.s3Events.map((s) => ({
      ...s,
      // One filter keeps the module's filter_prefix/filter_suffix (roots rendered before
      // StreamAlert 3's lists stay as they were); several go as `filters`.
      single: s.filters.length === 1 ? s.filters[0] : false,
      // Named by bucket, so adding a second bucket never renames (and recreates) the first.
      moduleName: assertIdentifier(`s3_events_${s.bucketId.replace(/[^a-z0-9]/g, '_')}`),
    })),
  }),
};
