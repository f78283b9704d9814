locals {
  functions = toset(var.lambda_function_names)

  # Every trigger (Kinesis mapping, SNS, S3) invokes the `production` alias, so that is
  # where errors, throttles and iterator age show up with a Resource dimension.
  alias = "production"

  actions = [var.sns_topic_arn]

  tags = merge(var.tags, { "streamalert:cluster" = var.cluster })
}

################################################################################
# Lambda
################################################################################

resource "aws_cloudwatch_metric_alarm" "lambda_invocation_errors" {
  for_each = local.functions

  alarm_name        = "${each.key}_invocation_errors"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: ${each.key}:${local.alias} reported invocation errors."

  namespace   = "AWS/Lambda"
  metric_name = "Errors"
  dimensions = {
    FunctionName = each.key
    Resource     = "${each.key}:${local.alias}"
  }

  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_invocation_error_threshold
  evaluation_periods  = var.lambda_invocation_error_evaluation_periods
  period              = var.lambda_invocation_error_period

  # A function that is not invoked publishes nothing, which is healthy.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_throttles" {
  for_each = local.functions

  alarm_name        = "${each.key}_throttles"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: ${each.key}:${local.alias} is being throttled."

  namespace   = "AWS/Lambda"
  metric_name = "Throttles"
  dimensions = {
    FunctionName = each.key
    Resource     = "${each.key}:${local.alias}"
  }

  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_throttle_error_threshold
  evaluation_periods  = var.lambda_throttle_error_evaluation_periods
  period              = var.lambda_throttle_error_period

  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lambda_iterator_age" {
  for_each = local.functions

  alarm_name        = "${each.key}_iterator_age"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: ${each.key}:${local.alias} is falling behind its stream (IteratorAge)."

  namespace   = "AWS/Lambda"
  metric_name = "IteratorAge"
  dimensions = {
    FunctionName = each.key
    Resource     = "${each.key}:${local.alias}"
  }

  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_iterator_age_error_threshold
  evaluation_periods  = var.lambda_iterator_age_error_evaluation_periods
  period              = var.lambda_iterator_age_error_period

  # Functions without a stream trigger never publish IteratorAge; that must not alarm.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

################################################################################
# Kinesis
################################################################################

resource "aws_cloudwatch_metric_alarm" "kinesis_iterator_age" {
  count = var.kinesis_stream_name == null ? 0 : 1

  alarm_name        = "${var.kinesis_stream_name}_high_iterator_age"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: records wait too long in ${var.kinesis_stream_name} before being read."

  namespace   = "AWS/Kinesis"
  metric_name = "GetRecords.IteratorAgeMilliseconds"
  dimensions = {
    StreamName = var.kinesis_stream_name
  }

  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.kinesis_iterator_age_error_threshold
  evaluation_periods  = var.kinesis_iterator_age_error_evaluation_periods
  period              = var.kinesis_iterator_age_error_period

  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

resource "aws_cloudwatch_metric_alarm" "kinesis_write_exceeded" {
  count = var.kinesis_stream_name == null ? 0 : 1

  alarm_name        = "${var.kinesis_stream_name}_write_exceeded"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: writes to ${var.kinesis_stream_name} are throttled; add shards."

  namespace   = "AWS/Kinesis"
  metric_name = "WriteProvisionedThroughputExceeded"
  dimensions = {
    StreamName = var.kinesis_stream_name
  }

  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.kinesis_write_throughput_exceeded_threshold
  evaluation_periods  = var.kinesis_write_throughput_exceeded_evaluation_periods
  period              = var.kinesis_write_throughput_exceeded_period

  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

################################################################################
# Firehose
################################################################################

resource "aws_cloudwatch_metric_alarm" "firehose_data_freshness" {
  count = var.firehose_name == null ? 0 : 1

  alarm_name        = "${var.firehose_name}_data_freshness"
  alarm_description = "StreamAlert ${var.prefix}/${var.cluster}: ${var.firehose_name} is late delivering records to S3."

  namespace   = "AWS/Firehose"
  metric_name = "DeliveryToS3.DataFreshness"
  dimensions = {
    DeliveryStreamName = var.firehose_name
  }

  statistic           = "Maximum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.firehose_data_freshness_threshold
  evaluation_periods  = var.firehose_data_freshness_evaluation_periods
  period              = var.firehose_data_freshness_period

  treat_missing_data = "notBreaching"
  alarm_actions      = local.actions
  ok_actions         = local.actions

  tags = local.tags
}

################################################################################
# All alarms
################################################################################

locals {
  # Fixed order: per-function alarms by function name, then Kinesis, then Firehose.
  alarms = concat(
    [for fn in sort(tolist(local.functions)) : aws_cloudwatch_metric_alarm.lambda_invocation_errors[fn]],
    [for fn in sort(tolist(local.functions)) : aws_cloudwatch_metric_alarm.lambda_throttles[fn]],
    [for fn in sort(tolist(local.functions)) : aws_cloudwatch_metric_alarm.lambda_iterator_age[fn]],
    aws_cloudwatch_metric_alarm.kinesis_iterator_age,
    aws_cloudwatch_metric_alarm.kinesis_write_exceeded,
    aws_cloudwatch_metric_alarm.firehose_data_freshness,
  )
}
