output "bucket_name" {
  description = "Name of the Terraform state bucket (for the S3 backend `bucket` setting)."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the Terraform state bucket."
  value       = aws_s3_bucket.this.arn
}
