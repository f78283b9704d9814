output "function_name" {
  description = "Name of the feed collector's Lambda function."
  value       = aws_lambda_function.feeds.function_name
}

output "bucket" {
  description = "The bucket of the feeds' indicator tables."
  value       = aws_s3_bucket.feeds.id
}

output "log_group_name" {
  description = "Name of the feed collector's CloudWatch log group."
  value       = aws_cloudwatch_log_group.feeds.name
}
