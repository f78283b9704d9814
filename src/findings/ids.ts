/**
 * Every finding: its severity, what it reports and the one-line fix the comment shows. The
 * finding rules (rules.ts) take severity and fix from here, the waiver schema (global.json)
 * takes the ids, and `npm run docs` writes the table in docs/action.md from it.
 */
import type { FindingId, Severity } from './types.js';

export interface FindingDescription {
  readonly severity: Severity;
  /** What the finding reports, for the docs (Markdown). */
  readonly what: string;
  /** The fix the comment shows next to each finding. */
  readonly fix: string;
}

export const FINDINGS: { readonly [id in FindingId]: FindingDescription } = {
  'SA-IAM-001': {
    severity: 'high',
    what: "an `Allow` statement with action `*` or `service:*` (the statement's `Sid`, or `#n`, is named); a key policy's `kms:*` for the account root is AWS's default delegation to IAM and is not reported",
    fix: 'List the actions the principal calls instead of a wildcard.',
  },
  'SA-IAM-002': {
    severity: 'medium',
    what: 'an `Allow` statement on `Resource "*"` (key policies excepted: there `*` means the key)',
    fix: 'Name the resource ARNs, or add a condition that narrows "*" (e.g. a namespace).',
  },
  'SA-ENC-001': {
    severity: 'medium',
    what: 'Kinesis stream without `encryption_type = "KMS"`',
    fix: 'Set encryption_type = "KMS" with a kms_key_id (alias/aws/kinesis at least).',
  },
  'SA-ENC-002': {
    severity: 'medium',
    what: 'SNS topic without `kms_master_key_id`',
    fix: 'Set kms_master_key_id (a customer key whose policy lets the publishers use it).',
  },
  'SA-ENC-003': {
    severity: 'high',
    what: 'S3 bucket without an `aws_s3_bucket_server_side_encryption_configuration`',
    fix: 'Add an aws_s3_bucket_server_side_encryption_configuration (SSE-KMS) for the bucket.',
  },
  'SA-ENC-004': {
    severity: 'medium',
    what: "Firehose delivery stream without server-side encryption (not reported when a Kinesis stream is its source: the stream's encryption covers it)",
    fix: 'Add server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK" }.',
  },
  'SA-ENC-005': {
    severity: 'low',
    what: 'log group without `kms_key_id` (CloudWatch Logs still encrypts with AWS-owned keys)',
    fix: 'Set kms_key_id to a key whose policy allows the CloudWatch Logs service.',
  },
  'SA-S3-001': {
    severity: 'high',
    what: 'public bucket: a public ACL, or a bucket policy allowing `Principal "*"` without a condition',
    fix: 'Remove the public ACL or statement; grant the principals that need access by ARN.',
  },
  'SA-S3-002': {
    severity: 'medium',
    what: 'bucket without a public access block with all four settings on',
    fix: 'Add an aws_s3_bucket_public_access_block with all four settings true.',
  },
  'SA-LOG-001': {
    severity: 'low',
    what: 'log group without retention',
    fix: 'Set retention_in_days (e.g. 14 or 90) so log storage does not grow without bound.',
  },
  'SA-LAMBDA-001': {
    severity: 'medium',
    what: 'Lambda function without a dead-letter queue, an invoke config `on_failure` destination or an event source mapping `on_failure` destination',
    fix: 'Add dead_letter_config, or an aws_lambda_function_event_invoke_config with destination_config.on_failure.',
  },
  'SA-NET-001': {
    severity: 'high',
    what: 'security group (or rule) admitting `0.0.0.0/0` or `::/0`',
    fix: 'Restrict the ingress source to the networks that need it.',
  },
  'SA-TRAIL-001': {
    severity: 'medium',
    what: 'CloudTrail trail without log file validation',
    fix: 'Set enable_log_file_validation = true.',
  },
};

/** Every finding id, in the catalogue's order. */
export const FINDING_IDS: readonly FindingId[] = Object.keys(FINDINGS) as FindingId[];
