output "event_source_mapping_uuid" {
  description = "UUID of the Kinesis -> rule processor event source mapping (e.g. for `aws lambda update-event-source-mapping`)."
  value       = aws_lambda_event_source_mapping.kinesis.uuid
}
