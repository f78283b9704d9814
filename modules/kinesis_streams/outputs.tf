################################################################################
# Stream
################################################################################

output "arn" {
  description = "ARN of the cluster's Kinesis stream."
  value       = aws_kinesis_stream.this.arn
}

output "stream_name" {
  description = "Name of the cluster's Kinesis stream."
  value       = aws_kinesis_stream.this.name
}

output "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the stream, or null when the AWS managed key (alias/aws/kinesis) is used. Pass it to modules that read or write the stream so they can get grants on it."
  value       = try(data.aws_kms_key.stream[0].arn, null)
}

################################################################################
# Writer user
################################################################################

output "username" {
  description = "Name of the IAM user that may write to the stream; null when create_user = false."
  value       = try(aws_iam_user.this[0].name, null)
}

output "user_arn" {
  description = "ARN of the IAM user that may write to the stream; null when create_user = false."
  value       = try(aws_iam_user.this[0].arn, null)
}

output "access_key_id" {
  description = "Access key id of the writer user; null when create_user = false."
  value       = try(aws_iam_access_key.this[0].id, null)
}

output "secret_key" {
  description = "Secret access key of the writer user; null when create_user = false."
  value       = try(aws_iam_access_key.this[0].secret, null)
  sensitive   = true
}

################################################################################
# Writer role for other accounts
################################################################################

output "role_arn" {
  description = "ARN of the role the trusted accounts assume to write to the stream; null when trusted_accounts is empty."
  value       = try(aws_iam_role.writer[0].arn, null)
}
