/**
 * conf/lookup_tables.json as StreamAlert 3 writes it, plus this project's bounds:
 *
 *   {"enabled": true, "tables": {
 *     "<name>": {"driver": "s3", "bucket": "...", "key": "bad_ips.json.gz", "compression": "gzip",
 *                "cache_refresh_minutes": 10},
 *     "<name>": {"driver": "dynamodb", "table": "...", "partition_key": "pk", "value_key": "value",
 *                "cache_refresh_minutes": 3, "cache_maximum_key_count": 10000}}}
 *
 * The typed form and its defaults are src/processors/config/lookup-tables.ts.
 */
import { S3_BUCKET_NAME_MESSAGE, S3_BUCKET_NAME_PATTERN } from '../aws-limits.js';
import { LOOKUP_DEFAULTS, LOOKUP_FORMATS } from '../../processors/config/lookup-tables.js';

/** What a rule looks a table up by: printable, no spaces, so it reads the same in logs and alerts. */
export const LOOKUP_TABLE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$';

/** Most memory a table may claim: the largest Lambda's. */
const MAX_SIZE_MB = 10240;

const common = {
  cache_refresh_minutes: {
    type: 'integer',
    minimum: 1,
    maximum: 1440,
    description:
      'minutes between reloads of the table, in the background (s3 default 10, dynamodb 3); a failed reload keeps the last good version',
  },
  cache_maximum_key_count: {
    type: 'integer',
    minimum: 0,
    maximum: 100_000_000,
    description: `most keys the table may hold; a bigger table is refused and the last good version kept (0 or absent: ${LOOKUP_DEFAULTS.maxKeys})`,
  },
};

const s3Table = {
  type: 'object',
  additionalProperties: false,
  required: ['driver', 'bucket', 'key'],
  properties: {
    driver: { const: 's3' },
    bucket: {
      type: 'string',
      pattern: S3_BUCKET_NAME_PATTERN,
      'x-message': S3_BUCKET_NAME_MESSAGE,
      description: 'the bucket of the object holding the table',
    },
    key: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      // IAM reads * and ? in the grant's resource as wildcards.
      pattern: '^[^*?]+$',
      'x-message': 'must be an S3 object key without * or ?',
      description: 'the object holding the whole table',
    },
    compression: {
      enum: ['gzip', false],
      description: '"gzip": the object is gunzipped when read (StreamAlert 3\'s); false: as it is',
    },
    format: {
      enum: [...LOOKUP_FORMATS],
      description:
        "json: one object, key → value (StreamAlert 3's); jsonl: one object per line; csv: a header line then rows. Default from the key: .csv, .jsonl/.ndjson, else json",
    },
    key_column: {
      type: 'string',
      minLength: 1,
      description:
        'jsonl and csv: the field holding each row\'s key (jsonl default "key", csv the first column)',
    },
    max_size_mb: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: MAX_SIZE_MB,
      description:
        "the object's size once decompressed, in MB, that loading refuses beyond; default: an equal share of what the rule processor's memory leaves (validate checks that the tables fit)",
    },
    ...common,
  },
};

const dynamodbTable = {
  type: 'object',
  additionalProperties: false,
  required: ['driver', 'table', 'partition_key', 'value_key'],
  properties: {
    driver: { const: 'dynamodb' },
    table: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]{3,255}$',
      'x-message': 'must be a DynamoDB table name (3 to 255 of A-Z a-z 0-9 _ . -)',
    },
    partition_key: { type: 'string', minLength: 1, maxLength: 255 },
    sort_key: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'a rule then looks up "<partition><key_delimiter><sort>"',
    },
    key_delimiter: { type: 'string', minLength: 1, maxLength: 8 },
    value_key: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'the attribute holding the value',
    },
    consistent_read: { type: 'boolean', description: 'strongly consistent reads of the table' },
    ...common,
  },
};

export const lookupTablesSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', description: 'false (the default): no table is loaded' },
    tables: {
      type: 'object',
      propertyNames: {
        pattern: LOOKUP_TABLE_NAME_PATTERN,
        'x-message':
          'must be a table name of 1 to 128 letters, digits, "_", ".", ":" or "-", starting with a letter or digit',
      },
      additionalProperties: {
        type: 'object',
        required: ['driver'],
        properties: {
          driver: {
            enum: ['s3', 'dynamodb'],
            description: 'where the table lives: one S3 object, or a DynamoDB table',
          },
        },
        allOf: [
          { if: { required: ['driver'], properties: { driver: { const: 's3' } } }, then: s3Table },
          {
            if: { required: ['driver'], properties: { driver: { const: 'dynamodb' } } },
            then: dynamodbTable,
          },
        ],
      },
    },
  },
};
