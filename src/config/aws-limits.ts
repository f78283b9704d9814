/** Limits AWS enforces, checked before Terraform ever runs so a typo fails in seconds, not mid-apply. */

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
export const S3_BUCKET_NAME_MAX = 63;

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
