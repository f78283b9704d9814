output "function_name" {
  description = "Name of the collector's Lambda function."
  value       = aws_lambda_function.collector.function_name
}

output "function_arn" {
  description = "ARN of the collector's Lambda function."
  value       = aws_lambda_function.collector.arn
}

output "role_name" {
  description = "Name of the collector's execution role."
  value       = aws_iam_role.collector.name
}

output "checkpoint_table_name" {
  description = "Name of the DynamoDB table holding the collector's checkpoint."
  value       = aws_dynamodb_table.checkpoint.name
}

output "log_group_name" {
  description = "Name of the collector's CloudWatch log group."
  value       = aws_cloudwatch_log_group.collector.name
}
