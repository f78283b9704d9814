/**
 * `modules.s3_events` of a cluster file: the buckets whose object notifications invoke the
 * rule processor. Its rendering half is src/render/modules/s3-events.ts.
 */
import { S3_BUCKET_NAME_MESSAGE, S3_FILTER_RULE_MAX } from '../aws-limits.js';
import { s3BucketName, type ConfigModuleDescriptor, type Schema } from './descriptor.js';
import { escapePointerToken } from '../problems.js';

/** One key filter of a bucket's notification ('' on both: the whole bucket). */
export interface S3KeyFilter {
  prefix: string;
  suffix: string;
}

export interface S3EventsSource {
  bucketId: string;
  /** JSON pointer of `s3_bucket_id` in the cluster file (the seed's single object or a list entry), for messages. */
  pointer: string;
  /** At least one; StreamAlert 3's form may list several, each its own notification. */
  filters: S3KeyFilter[];
}

/**
 * Whether S3 would refuse two filters on one bucket for the same events: it does when an
 * object key could match both, that is when one prefix starts the other (every prefix
 * starts with '') and one suffix ends the other.
 */
export function filtersOverlap(a: S3KeyFilter, b: S3KeyFilter): boolean {
  const prefixes = a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  const suffixes = a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix);
  return prefixes && suffixes;
}

/** At most this many filters per bucket: S3 takes at most 1000 notification configurations. */
export const S3_FILTERS_MAX = 100;

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

/**
 * StreamAlert 3's form: bucket name to its list of filters, each a notification of its own
 * (none: the whole bucket). Filters S3 would refuse together are refused in cross-checks.ts.
 */
const v3Buckets: Schema = {
  type: 'object',
  minProperties: 1,
  propertyNames: {
    ...s3BucketName,
    'x-message': `${S3_BUCKET_NAME_MESSAGE} (StreamAlert 3's form maps each bucket name to its filters; the seed's form is {"s3_bucket_id": "..."})`,
  },
  additionalProperties: {
    type: 'array',
    maxItems: S3_FILTERS_MAX,
    items: {
      type: 'object',
      additionalProperties: false,
      properties: { filter_prefix: s3FilterRule, filter_suffix: s3FilterRule },
    },
  },
};

export const s3EventsConfig: ConfigModuleDescriptor<'s3Events', S3EventsSource[]> = {
  configKey: 's3_events',
  field: 's3Events',
  schema: {
    description:
      'buckets whose object notifications go to the rule processor: `{"s3_bucket_id": "..."}` (the seed), a list of them, or StreamAlert 3\'s `{"<bucket>": [{"filter_prefix": "...", "filter_suffix": "..."}, ...]}` (one notification per filter; filters an object key could match both are refused, as S3 refuses them)',
    // The seed's single bucket, StreamAlert 1.6's list of buckets, or StreamAlert 3's map of
    // bucket name to its filters. if/else rather than oneOf so a mistake yields one message.
    if: { type: 'array' },
    then: { type: 'array', minItems: 1, items: source },
    else: {
      type: 'object',
      // The seed's keys, for the configuration table (`then` holds them to the seed's form);
      // without defaults, which would be filled into StreamAlert 3's map as bucket names.
      properties: Object.fromEntries(
        Object.entries(source.properties as Record<string, Schema>).map(
          ([k, { default: d, ...p }]) => [
            k,
            { ...p, 'x-default': d === undefined ? 'required' : `\`${JSON.stringify(d)}\`` },
          ],
        ),
      ),
      if: { required: ['s3_bucket_id'] },
      then: source,
      else: v3Buckets,
    },
  },
  load: (raw) => {
    if (raw === undefined) return [];
    if (!Array.isArray(raw) && raw.s3_bucket_id === undefined)
      // StreamAlert 3: `{"<bucket>": [{"filter_prefix": ..., "filter_suffix": ...}]}`; no
      // filter (an empty list) is the whole bucket, as there.
      return Object.entries(
        raw as Record<string, { filter_prefix?: string; filter_suffix?: string }[]>,
      ).map(([bucket, filters]) => ({
        bucketId: bucket,
        pointer: `/modules/s3_events/${escapePointerToken(bucket)}`,
        filters:
          filters.length === 0
            ? [{ prefix: '', suffix: '' }]
            : filters.map((f) => ({
                prefix: f.filter_prefix ?? '',
                suffix: f.filter_suffix ?? '',
              })),
      }));
    const list = Array.isArray(raw);
    return (list ? raw : [raw]).map((s, i) => ({
      bucketId: s.s3_bucket_id,
      pointer: list ? `/modules/s3_events/${i}/s3_bucket_id` : '/modules/s3_events/s3_bucket_id',
      filters: [{ prefix: s.filter_prefix, suffix: s.filter_suffix }],
    }));
  },
};
