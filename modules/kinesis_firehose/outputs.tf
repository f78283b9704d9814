################################################################################
# Delivery stream
################################################################################

output "delivery_stream_arn" {
  description = "ARN of the Firehose delivery stream."
  value       = aws_kinesis_firehose_delivery_stream.this.arn
}

output "delivery_stream_name" {
  description = "Name of the Firehose delivery stream (CloudWatch dimension DeliveryStreamName)."
  value       = aws_kinesis_firehose_delivery_stream.this.name
}

################################################################################
# Bucket
################################################################################

output "bucket_arn" {
  description = "ARN of the bucket that receives the stream's records."
  value       = aws_s3_bucket.this.arn
}

output "bucket_name" {
  description = "Name of the bucket that receives the stream's records."
  value       = aws_s3_bucket.this.id
}
