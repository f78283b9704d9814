/**
 * `modules.s3_events` of a cluster file: the buckets whose object notifications invoke the
 * rule processor. Its rendering half is src/render/modules/s3-events.ts.
 */
import { S3_FILTER_RULE_MAX } from '../aws-limits.js';
import { s3BucketName, type ConfigModuleDescriptor, type Schema } from './descriptor.js';

export interface S3EventsSource {
  bucketId: string;
  /** JSON pointer of `s3_bucket_id` in the cluster file (the seed's single object or a list entry), for messages. */
  pointer: string;
  filterPrefix: string;
  filterSuffix: string;
}

/** S3 notification filters travel in XML, which cannot carry most control characters. */
const s3FilterRule: Schema = {
  type: 'string',
  maxLength: S3_FILTER_RULE_MAX,
  pattern: '^[^\\u0000-\\u001f\\u007f]*$',
  default: '',
  'x-message': 'must not hold control characters (S3 notification filters are sent as XML)',
};

const source: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['s3_bucket_id'],
  properties: {
    s3_bucket_id: s3BucketName,
    filter_prefix: s3FilterRule,
    filter_suffix: s3FilterRule,
  },
};

export const s3EventsConfig: ConfigModuleDescriptor<'s3Events', S3EventsSource[]> = {
  configKey: 's3_events',
  field: 's3Events',
  schema: {
    description:
      'buckets whose object notifications go to the rule processor: `{"s3_bucket_id": "..."}` (the seed) or a list of them',
    // The seed's single bucket, or StreamAlert 1.6's list of buckets.
    // if/else rather than oneOf so a mistake yields one message, not one per branch.
    if: { type: 'array' },
    then: { type: 'array', minItems: 1, items: source },
    else: source,
  },
  load: (raw) => {
    if (raw === undefined) return [];
    const list = Array.isArray(raw);
    return (list ? raw : [raw]).map((s, i) => ({
      bucketId: s.s3_bucket_id,
      pointer: list ? `/modules/s3_events/${i}/s3_bucket_id` : '/modules/s3_events/s3_bucket_id',
      filterPrefix: s.filter_prefix,
      filterSuffix: s.filter_suffix,
    }));
  },
};
