/**
 * AWS naming rules that both the configuration checks (src/config) and the alert outputs'
 * conf/outputs.json schema fragments (src/processors) use. Patterns are JSON-schema strings.
 */

export const S3_BUCKET_NAME_MAX = 63;

/**
 * General purpose bucket names (AWS "Bucket naming rules"): the schemas check the
 * characters and length with this pattern; s3BucketNameProblem the rest (no "..", not an
 * IP address, reserved prefixes and suffixes), with the reason in words.
 */
export const S3_BUCKET_NAME_PATTERN = '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
export const S3_BUCKET_NAME_MESSAGE =
  'must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)';

/** A Lambda function name, name:qualifier ($LATEST, a version or an alias) or function ARN (CreateFunction/Invoke). */
export const LAMBDA_FUNCTION_PATTERN =
  '^(arn:aws[a-z-]*:lambda:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d:\\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?$';
export const LAMBDA_FUNCTION_MESSAGE =
  'must be a Lambda function name (1-64 letters, digits, _ and -), optionally with ":<version or alias>", or a function ARN';

/**
 * SSM parameter names: letters, digits, _ . - and / between levels, at most 15 levels,
 * not starting with "aws" or "ssm" (any case), at most 1,011 characters (2,048 with the ARN).
 */
export const SSM_PARAMETER_NAME_MAX = 1011;
export const SSM_PARAMETER_NAME_PATTERN =
  '^(?!/?([Aa][Ww][Ss]|[Ss][Ss][Mm]))(?!/?[^/]+(/[^/]+){15})/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$';
export const SSM_PARAMETER_NAME_MESSAGE =
  'must be an SSM parameter name: letters, digits, _ . - separated by / (at most 15 levels), not starting with "aws" or "ssm"';

/** Secrets Manager secret names: at most 512 of letters, digits and /_+=.@-. */
export const SECRET_NAME_MAX = 512;

/** An IAM role ARN (a path allowed): aws-lambda-v2's assume_role_arn. */
export const IAM_ROLE_ARN_PATTERN = '^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$';
export const IAM_ROLE_ARN_MESSAGE =
  'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/invoker"';
