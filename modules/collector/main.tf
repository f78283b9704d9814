locals {
  function_name = "${var.prefix}_${var.cluster}_collector_${var.name}"
  # Region, account and stream from the stream ARN: no provider data sources needed.
  arn_parts   = split(":", var.kinesis_stream_arn)
  partition   = local.arn_parts[1]
  region      = local.arn_parts[3]
  account     = local.arn_parts[4]
  stream_name = trimprefix(local.arn_parts[5], "stream/")
  is_secret   = startswith(var.credential, "arn:")
  credential_arn = local.is_secret ? var.credential : (
    # StreamAlert's app parameters have no leading "/"; the ARN has exactly one either way.
    "arn:${local.partition}:ssm:${local.region}:${local.account}:parameter/${trimprefix(var.credential, "/")}"
  )
  metric_prefix = "Collector-${var.cluster}-${var.name}"
  metrics       = ["CollectorRecords", "CollectorLagSeconds", "CollectorSuccessfulPoll", "CollectorErrors", "CollectorRateLimited", "CollectorLateEvents", "CollectorDuplicatesSkipped"]
  tags          = merge(var.tags, { "streamalert:cluster" = var.cluster, "streamalert:collector" = var.name })
}

resource "aws_dynamodb_table" "checkpoint" {
  name         = "${local.function_name}_checkpoint"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "collector"

  attribute {
    name = "collector"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }

  tags = local.tags
}

resource "aws_cloudwatch_log_group" "collector" {
  name              = "/aws/lambda/${local.function_name}"
  retention_in_days = var.log_retention_days
  tags              = local.tags
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "collector" {
  name               = "${local.function_name}_role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = local.tags

}

data "aws_iam_policy_document" "collector" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.collector.arn}:*"]
  }
  statement {
    sid       = "WriteStream"
    actions   = ["kinesis:PutRecords", "kinesis:PutRecord"]
    resources = [var.kinesis_stream_arn]
  }
  statement {
    sid       = "Checkpoint"
    actions   = ["dynamodb:UpdateItem"]
    resources = [aws_dynamodb_table.checkpoint.arn]
  }
  statement {
    sid       = "ReadCredential"
    actions   = local.is_secret ? ["secretsmanager:GetSecretValue"] : ["ssm:GetParameter"]
    resources = [local.credential_arn]
  }
  dynamic "statement" {
    for_each = var.credential_kms_key_arn == null ? [] : [var.credential_kms_key_arn]
    content {
      sid       = "DecryptCredential"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "collector" {
  name   = "Collector"
  role   = aws_iam_role.collector.id
  policy = data.aws_iam_policy_document.collector.json
}

resource "aws_lambda_function" "collector" {
  function_name    = local.function_name
  description      = "StreamAlert collector ${var.name} (${var.type}, ${var.cluster})"
  role             = aws_iam_role.collector.arn
  runtime          = var.runtime
  handler          = "index.handler"
  filename         = var.zip
  source_code_hash = filebase64sha256(var.zip)
  memory_size      = var.memory
  timeout          = var.timeout
  # One poll at a time: the checkpoint's lease refuses a second anyway; this keeps the
  # schedule from starting invocations that would only find the lease held.
  reserved_concurrent_executions = 1

  environment {
    variables = {
      COLLECTOR_NAME              = var.name
      COLLECTOR_TYPE              = var.type
      COLLECTOR_SETTINGS          = jsonencode(var.settings)
      COLLECTOR_CREDENTIAL        = var.credential
      COLLECTOR_CREDENTIAL_FORMAT = var.credential_format
      CHECKPOINT_TABLE            = aws_dynamodb_table.checkpoint.name
      STREAM_NAME                 = local.stream_name
      OVERLAP_SECONDS             = tostring(var.overlap_seconds)
      INITIAL_LOOKBACK_SECONDS    = tostring(var.initial_lookback_seconds)
      LOGGER_LEVEL                = var.log_level
    }
  }

  depends_on = [aws_cloudwatch_log_group.collector, aws_iam_role_policy.collector]
  tags       = local.tags
}

resource "aws_cloudwatch_event_rule" "schedule" {
  name                = "${local.function_name}_schedule"
  description         = "Polls of collector ${var.name}"
  schedule_expression = var.schedule_expression
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "collector" {
  rule = aws_cloudwatch_event_rule.schedule.name
  arn  = aws_lambda_function.collector.arn
}

resource "aws_lambda_permission" "schedule" {
  statement_id  = "AllowSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.collector.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule.arn
}

# The collector's metric lines ({"metric_name": ..., "metric_value": ...}) as metrics.
resource "aws_cloudwatch_log_metric_filter" "metric" {
  for_each = toset(local.metrics)

  name           = "${local.metric_prefix}-${each.value}"
  log_group_name = aws_cloudwatch_log_group.collector.name
  pattern        = "{ $.metric_name = \"${each.value}\" }"

  metric_transformation {
    name      = "${local.metric_prefix}-${each.value}"
    namespace = var.metric_namespace
    value     = "$.metric_value"
  }
}

# No successful poll for N minutes: the metric is missing then, which counts as breaching.
resource "aws_cloudwatch_metric_alarm" "no_successful_poll" {
  alarm_name          = "${local.function_name}_no_successful_poll"
  alarm_description   = "Collector ${var.name} (${var.type}) has not finished a poll for ${var.no_poll_alarm_minutes} minutes: see its log group ${aws_cloudwatch_log_group.collector.name}"
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.metric["CollectorSuccessfulPoll"].metric_transformation[0].name
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = var.no_poll_alarm_minutes
  threshold           = 1
  comparison_operator = "LessThanThreshold"
  treat_missing_data  = "breaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "lag" {
  alarm_name          = "${local.function_name}_lag"
  alarm_description   = "Collector ${var.name} (${var.type}) is more than ${var.lag_alarm_seconds} s behind"
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.metric["CollectorLagSeconds"].metric_transformation[0].name
  statistic           = "Maximum"
  period              = 300
  evaluation_periods  = 1
  threshold           = var.lag_alarm_seconds
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${local.function_name}_errors"
  alarm_description   = "Collector ${var.name} (${var.type}) failed: see its log group ${aws_cloudwatch_log_group.collector.name}"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.collector.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = local.tags
}
