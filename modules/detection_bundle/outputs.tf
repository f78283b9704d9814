output "bucket_name" {
  description = "Name of the bucket holding the detection bundle (the rule processors' DETECTION_BUNDLE_BUCKET)."
  value       = aws_s3_bucket.this.id
}

output "object_key" {
  description = "Object key of the bundle (the rule processors' DETECTION_BUNDLE_KEY)."
  value       = aws_s3_object.bundle.key
}

output "object_arn" {
  description = "ARN of the bundle object: the one resource the rule processors may s3:GetObject."
  value       = "${aws_s3_bucket.this.arn}/${aws_s3_object.bundle.key}"
}

output "version" {
  description = "The published bundle's version: the SHA-256 (hex) of its bytes, which every alert carries."
  value       = filesha256(var.bundle_file)
}
