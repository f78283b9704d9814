/**
 * conf/threat_intel.json as StreamAlert 3 writes it, plus this project's `feeds`:
 *
 *   {"enabled": true,
 *    "dynamodb_table_name": "...",                       (StreamAlert 3's; accepted, not read)
 *    "excluded_iocs": {"ip": {"10.0.0.0/8": {"comment": "RFC1918"}}, "domain": {...}},
 *    "normalized_ioc_types": {"ip": ["sourceAddress", "destinationAddress"], "md5": ["fileHash"]},
 *    "feeds": {"bucket": "acme-threat-intel", "sources": ["urlhaus", "feodo"]}}
 *
 * The typed form and its defaults are src/processors/config/threat-intel.ts.
 */
import { S3_BUCKET_NAME_MESSAGE, S3_BUCKET_NAME_PATTERN } from '../aws-limits.js';
import {
  FEED_NAMES,
  FEED_TABLE_MB,
  PUBLIC_FEEDS,
  THREAT_INTEL_DEFAULTS,
} from '../../processors/config/threat-intel.js';

/** As modules/threat_intel_feeds checks it: an SSM parameter name or a Secrets Manager ARN. */
const CREDENTIAL_PATTERN =
  '^(?:(?:/[A-Za-z0-9_.-]+)+|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+)$';

const IOC_TYPE = {
  type: 'string',
  pattern: '^[a-z][a-z0-9_]{0,31}$',
  'x-message': 'must be an ioc type such as ip, domain, url, md5, sha1, sha256 or cve',
};

/** An IPv4 or IPv6 address, or a network in CIDR form (checked for its bits by the pattern). */
const IP_OR_NETWORK =
  '^(?:(?:\\d{1,3}\\.){3}\\d{1,3}(?:/(?:3[0-2]|[12]?\\d))?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:/(?:12[0-8]|1[01]\\d|[1-9]?\\d))?)$';

/** Excluded values of one type: StreamAlert 3's value → {"comment": ...}, or a list. */
function excluded(name: Record<string, unknown>) {
  return {
    type: ['object', 'array'],
    description:
      'values never matched: StreamAlert 3\'s value → {"comment": ...} object, or a list; for ip also networks ("10.0.0.0/8")',
    if: { type: 'array' },
    then: { items: { type: 'string', minLength: 1, ...name }, uniqueItems: true },
    else: { propertyNames: name, additionalProperties: { type: 'object' } },
  };
}

const IP_NAME = {
  pattern: IP_OR_NETWORK,
  'x-message': 'must be an IP address or a network such as 10.0.0.0/8',
};

export const threatIntelSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean', description: 'false (the default): no record is matched' },
    dynamodb_table_name: {
      type: 'string',
      description:
        "StreamAlert 3's IOC table; accepted and not read (indicators come from the feeds' tables)",
    },
    excluded_iocs: {
      type: 'object',
      propertyNames: IOC_TYPE,
      additionalProperties: excluded({ minLength: 1 }),
      properties: { ip: excluded(IP_NAME) },
    },
    normalized_ioc_types: {
      type: 'object',
      description: 'ioc type → the normalized types (types.json) whose values are matched as it',
      propertyNames: IOC_TYPE,
      additionalProperties: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
        uniqueItems: true,
      },
    },
    feeds: {
      type: 'object',
      additionalProperties: false,
      required: ['bucket'],
      description: 'the managed feeds the collector writes and the rule processor reads',
      properties: {
        bucket: {
          type: 'string',
          pattern: S3_BUCKET_NAME_PATTERN,
          'x-message': S3_BUCKET_NAME_MESSAGE,
          description: "the bucket of the feeds' indicator tables",
        },
        prefix: {
          type: 'string',
          maxLength: 512,
          pattern: '^(?:[^*?]*/)?$',
          'x-message': 'must be empty or an S3 key prefix ending in "/" without * or ?',
          description: `where the tables are (default "${THREAT_INTEL_DEFAULTS.prefix}": <prefix><feed>.json.gz)`,
        },
        sources: {
          type: 'array',
          items: { enum: [...FEED_NAMES] },
          uniqueItems: true,
          description: `the feeds matched (default: ${PUBLIC_FEEDS.join(', ')}, and otx when feeds.otx is set)`,
        },
        otx: {
          type: 'object',
          additionalProperties: false,
          required: ['credential'],
          description:
            'AlienVault OTX (the subscribed pulses): where its API key is; the key itself never goes in conf',
          properties: {
            credential: {
              type: 'string',
              maxLength: 2048,
              pattern: CREDENTIAL_PATTERN,
              'x-message':
                'must be an SSM parameter name starting with / (such as /streamalert/threat-intel/otx) or a Secrets Manager secret ARN; the key itself never goes in conf',
              description:
                'an SSM parameter name (SecureString) or a Secrets Manager secret ARN holding the OTX API key',
            },
          },
        },
        cache_refresh_minutes: {
          type: 'integer',
          minimum: 1,
          maximum: 1440,
          description: `minutes between checks for a new version of a feed's table (default ${THREAT_INTEL_DEFAULTS.refreshMinutes})`,
        },
        cache_maximum_key_count: {
          type: 'integer',
          minimum: 1,
          maximum: 100_000_000,
          description: `most indicators one feed's table may hold (default ${THREAT_INTEL_DEFAULTS.maxKeys})`,
        },
        max_size_mb: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 10240,
          description: `most MB each feed's table may take once decompressed (default per feed: ${Object.entries(
            FEED_TABLE_MB,
          )
            .map(([f, mb]) => `${f} ${mb}`)
            .join(', ')}); counted in the rule processor's memory check`,
        },
      },
    },
  },
};
