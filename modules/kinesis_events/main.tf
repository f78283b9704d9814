locals {
  # arn:<partition>:kinesis:<region>:<account>:stream/<name>
  stream_arn_parts = split(":", var.kinesis_stream_arn)
  partition        = local.stream_arn_parts[1]
  region           = local.stream_arn_parts[3]
  account_id       = local.stream_arn_parts[4]
  stream_name      = split("/", local.stream_arn_parts[5])[1]
}

data "aws_iam_policy_document" "kinesis_read" {
  # Exactly what the Lambda poller calls for a standard (non enhanced fan-out)
  # consumer; none of it needs kinesis:ListStreams, so nothing is granted on "*".
  statement {
    sid = "ReadClusterStream"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
    ]
    resources = [var.kinesis_stream_arn]
  }

  # Records encrypted with a customer managed key need kms:Decrypt by the
  # reader; Kinesis binds every data key to the stream ARN, so the grant
  # cannot be used for anything but this stream. The AWS managed
  # aws/kinesis key does not need it, but it does no harm there.
  statement {
    sid       = "DecryptClusterStream"
    actions   = ["kms:Decrypt"]
    resources = ["arn:${local.partition}:kms:${local.region}:${local.account_id}:key/*"]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["kinesis.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:kinesis:arn"
      values   = [var.kinesis_stream_arn]
    }
  }
}

resource "aws_iam_role_policy" "kinesis_read" {
  # One policy per stream so several kinesis_events instances can share a role.
  name   = substr("KinesisRead_${local.stream_name}", 0, 128)
  role   = var.rule_processor_role_name
  policy = data.aws_iam_policy_document.kinesis_read.json
}

# Lambda writes the on-failure record with the function's execution role. (No
# count: the ARN comes from another resource and is unknown at plan time.)
data "aws_iam_policy_document" "on_failure" {
  statement {
    sid       = "SendFailedBatchesToDestination"
    actions   = [split(":", var.on_failure_destination_arn)[2] == "sns" ? "sns:Publish" : "sqs:SendMessage"]
    resources = [var.on_failure_destination_arn]
  }
}

resource "aws_iam_role_policy" "on_failure" {
  name   = substr("KinesisOnFailure_${local.stream_name}", 0, 128)
  role   = var.rule_processor_role_name
  policy = data.aws_iam_policy_document.on_failure.json
}

resource "aws_lambda_event_source_mapping" "kinesis" {
  event_source_arn                   = var.kinesis_stream_arn
  function_name                      = var.rule_processor_alias_arn
  enabled                            = var.enabled
  starting_position                  = var.starting_position
  batch_size                         = var.batch_size
  maximum_batching_window_in_seconds = var.maximum_batching_window_in_seconds

  # Lets the rule processor checkpoint past good records instead of
  # re-processing (and re-alerting on) a whole batch after one bad record.
  function_response_types = ["ReportBatchItemFailures"]

  # A batch that keeps failing never holds its shard for the stream's whole
  # retention: after the retries (or the age limit) Lambda records it at the
  # on-failure destination and moves on. Poison records never get here: the
  # rule processor dead-letters them itself and does not report them failed.
  maximum_retry_attempts         = var.maximum_retry_attempts
  maximum_record_age_in_seconds  = var.maximum_record_age_in_seconds
  bisect_batch_on_function_error = var.bisect_batch_on_function_error

  destination_config {
    on_failure {
      destination_arn = var.on_failure_destination_arn
    }
  }

  # Lambda verifies the execution role can read the stream (and write to the
  # on-failure destination) when the mapping is created.
  depends_on = [aws_iam_role_policy.kinesis_read, aws_iam_role_policy.on_failure]
}
