output "bucket_arn" {
  description = "ARN of the bucket feeding the rule processor."
  value       = local.bucket_arn
}
