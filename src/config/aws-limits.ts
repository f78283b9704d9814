/** Limits AWS enforces, checked before Terraform ever runs so a typo fails in seconds, not mid-apply. */

import { S3_BUCKET_NAME_MAX } from '../shared/aws-names.js';

// The names conf/outputs.json also checks live in shared (the output descriptors, Lambda code, use them).
export {
  LAMBDA_FUNCTION_MESSAGE,
  LAMBDA_FUNCTION_PATTERN,
  S3_BUCKET_NAME_MAX,
  S3_BUCKET_NAME_MESSAGE,
  S3_BUCKET_NAME_PATTERN,
  SECRET_NAME_MAX,
  SSM_PARAMETER_NAME_MAX,
  SSM_PARAMETER_NAME_MESSAGE,
  SSM_PARAMETER_NAME_PATTERN,
} from '../shared/aws-names.js';

export const AWS_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'cn-north-1',
  'cn-northwest-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
  'sa-east-1',
  'us-east-1',
  'us-east-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'us-west-1',
  'us-west-2',
] as const;

export const LAMBDA_MEMORY = { min: 128, max: 10240 };
export const LAMBDA_TIMEOUT = { min: 1, max: 900 };
export const KINESIS_RETENTION_HOURS = { min: 24, max: 8760 };

export const KINESIS_SHARD_LEVEL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
  'ALL',
] as const;

/** Keys a CloudWatch Events pattern may have at its top level. */
export const EVENT_PATTERN_KEYS = [
  'version',
  'id',
  'detail-type',
  'source',
  'account',
  'time',
  'region',
  'resources',
  'detail',
] as const;

/** Names AWS caps at 64 characters: the longest suffix our modules append to `<prefix>_<cluster>`. */
export const LONGEST_IAM_NAME_SUFFIX = '_streamalert_flow_log_subscription_role';
export const IAM_NAME_MAX = 64;

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Why AWS would refuse `name` as a bucket name, or undefined (for names derived from several settings). */
export function s3BucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > S3_BUCKET_NAME_MAX)
    return `is ${name.length} characters (a bucket name has 3-${S3_BUCKET_NAME_MAX})`;
  if (!/^[a-z0-9.-]+$/.test(name))
    return 'may hold only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name))
    return 'must start and end with a letter or digit';
  if (name.includes('..')) return 'must not hold two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'must not look like an IP address';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name))
    return 'starts with a prefix AWS reserves (xn--, sthree-, amzn-s3-demo-)';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name))
    return 'ends with a suffix AWS reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)';
  return undefined;
}

/**
 * A cluster id: it names folders, Terraform identifiers, IAM roles, Lambda functions and
 * (dots for underscores) S3 buckets, so no leading/trailing/double underscore, which
 * would make ".." or a trailing "." in a bucket name.
 */
export const CLUSTER_ID_PATTERN = '^(?=[a-z0-9_]{1,23}$)[a-z][a-z0-9]*(_[a-z0-9]+)*$';

/** S3 notification filter rules (prefix, suffix): at most 1,024 characters each. */
export const S3_FILTER_RULE_MAX = 1024;
/** EventBridge: a rule's event pattern is at most 4,096 characters. */
export const EVENT_PATTERN_MAX = 4096;

/** An S3 key folder: segments of S3's safe characters, no empty, "." or ".." segment, no leading or trailing slash. */
export const S3_KEY_FOLDER_PATTERN =
  "^(?!(.*/)?\\.\\.?(/|$))[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$";
/** State keys are `<folder>/<root>/terraform.tfstate`; S3 keys are at most 1,024 bytes. */
export const S3_KEY_FOLDER_MAX = 900;
