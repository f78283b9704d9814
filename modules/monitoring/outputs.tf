output "sns_topic_arn" {
  description = "ARN of the monitoring topic: the created topic, or the ARN of the existing topic built from sns_topic_name, region and account_id when create_sns_topic = false."
  value       = local.sns_topic_arn
}

output "kms_key_arn" {
  description = "ARN of the StreamAlert secrets / monitoring KMS key."
  value       = aws_kms_key.this.arn
}

output "kms_key_alias_name" {
  description = "Full alias name of the key, e.g. alias/stream_alert_secrets."
  value       = aws_kms_alias.this.name
}

output "metric_alarm_arns" {
  description = "ARNs of the aggregate metric_alarms, keyed by alarm name."
  value       = { for name, alarm in aws_cloudwatch_metric_alarm.metric : name => alarm.arn }
}
