################################################################################
# Trail
################################################################################

output "trail_arn" {
  description = "ARN of the trail; null when existing_trail = true."
  value       = try(aws_cloudtrail.this[0].arn, null)
}

output "bucket_name" {
  description = "Name of the bucket that receives the trail's log files; null when existing_trail = true."
  value       = try(aws_s3_bucket.this[0].id, null)
}

output "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the trail's log files (grant log readers kms:Decrypt on it); null when existing_trail = true."
  value       = try(aws_kms_key.this[0].arn, null)
}

################################################################################
# CloudWatch Events to Kinesis
################################################################################

output "event_rule_arn" {
  description = "ARN of the CloudWatch Events rule that sends matching events to the stream."
  value       = aws_cloudwatch_event_rule.all_events.arn
}
