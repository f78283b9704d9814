output "rule_processor_function_name" {
  description = "Name of the rule processor Lambda function."
  value       = aws_lambda_function.rule_processor.function_name
}

output "rule_processor_arn" {
  description = "Unqualified ARN of the rule processor Lambda function."
  value       = aws_lambda_function.rule_processor.arn
}

output "rule_processor_alias_arn" {
  description = "ARN of the rule processor `production` alias; the target for Kinesis, S3 and SNS event sources."
  value       = aws_lambda_alias.rule_processor_production.arn
}

output "rule_processor_role_name" {
  description = "Name of the rule processor execution role; kinesis_events and s3_events attach their read policies to it."
  value       = aws_iam_role.rule_processor.name
}

output "rule_processor_role_arn" {
  description = "ARN of the rule processor execution role."
  value       = aws_iam_role.rule_processor.arn
}

output "alert_processor_function_name" {
  description = "Name of the alert processor Lambda function."
  value       = aws_lambda_function.alert_processor.function_name
}

output "alert_processor_arn" {
  description = "Unqualified ARN of the alert processor Lambda function."
  value       = aws_lambda_function.alert_processor.arn
}

output "alert_processor_alias_arn" {
  description = "ARN of the alert processor `production` alias (subscribed to the alerts topic)."
  value       = aws_lambda_alias.alert_processor_production.arn
}

output "alert_processor_role_name" {
  description = "Name of the alert processor execution role."
  value       = aws_iam_role.alert_processor.name
}

output "alert_processor_role_arn" {
  description = "ARN of the alert processor execution role."
  value       = aws_iam_role.alert_processor.arn
}

output "dead_letter_queue_arn" {
  description = "ARN of the encrypted dead-letter SQS queue (poison records, exhausted Kinesis batches, failed S3/SNS invocations); kinesis_events uses it as the on-failure destination."
  value       = aws_sqs_queue.dead_letters.arn
}

output "dead_letter_queue_url" {
  description = "URL of the dead-letter SQS queue (the rule processor's DEAD_LETTER_QUEUE_URL)."
  value       = aws_sqs_queue.dead_letters.url
}

output "alerts_topic_arn" {
  description = "ARN of the cluster's encrypted alerts SNS topic (rule processor -> alert processor)."
  value       = aws_sns_topic.alerts.arn
}

output "metric_filter_names" {
  description = "Names of the CloudWatch Logs metric filters (each also the name of the metric it publishes): cluster <Prefix>-<Metric>-<CLUSTER> and aggregate <Prefix>-<Metric>, for the functions with metrics enabled. Sorted."
  value       = sort(keys(aws_cloudwatch_log_metric_filter.metric))
}

output "metric_alarm_arns" {
  description = "ARNs of the metric_alarms, keyed by alarm name."
  value       = { for name, alarm in aws_cloudwatch_metric_alarm.metric : name => alarm.arn }
}

output "lambda_function_names" {
  description = "Names of both processors, [rule processor, alert processor]; known at plan time, suitable for for_each in cloudwatch_monitoring."
  value = [
    aws_lambda_function.rule_processor.function_name,
    aws_lambda_function.alert_processor.function_name,
  ]
}

output "merge_table_name" {
  description = "Name of the merge table: matches of rules with merge_window_mins, until the alert merger sends their window."
  value       = aws_dynamodb_table.merge.name
}

output "correlation_table_name" {
  description = "Name of the correlation table: the windows of Sigma correlation rules (one item per counted event, removed by TTL)."
  value       = aws_dynamodb_table.correlation.name
}

output "alert_merger_function_name" {
  description = "Name of the alert merger Lambda function (run every minute; sends one merged alert per closed window)."
  value       = aws_lambda_function.alert_merger.function_name
}

output "source_silent_alarm_names" {
  description = "Names of the source-health silence alarms, keyed by log type."
  value       = { for log_type, alarm in aws_cloudwatch_metric_alarm.source_silent : log_type => alarm.alarm_name }
}

output "source_drop_alarm_names" {
  description = "Names of the source-health volume-drop alarms, keyed by `<level>_<log type>` (warning, critical)."
  value       = { for key, alarm in aws_cloudwatch_metric_alarm.source_volume_drop : key => alarm.alarm_name }
}
