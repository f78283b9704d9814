# ---------------------------------------------------------------------------
# Alert merging (rules with merge_window_mins): the rule processor writes each
# match of a merging rule to the merge table; the alert merger, run every
# minute, sends one merged alert per rule, merge key and closed window to the
# alerts topic and deletes the window's matches. The merger is the rule
# processor's zip with handler index.merge: no second bundle to build or ship.
# ---------------------------------------------------------------------------

locals {
  merge_table_name  = "${local.name_base}_streamalert_merge"
  alert_merger_name = "${local.name_base}_streamalert_alert_merger"
}

# On demand (merging traffic follows alert bursts), encrypted with the AWS
# managed key unless a customer managed one is given, and TTL on ExpiresAt
# (each match's window plus a day) so a match the merger never reaches cannot
# stay forever.
resource "aws_dynamodb_table" "merge" {
  name         = local.merge_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "RuleName"
  range_key    = "AlertID"

  attribute {
    name = "RuleName"
    type = "S"
  }

  attribute {
    name = "AlertID"
    type = "S"
  }

  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.merge_table_kms_key_arn
  }

  tags = local.tags
}

# The rule processor only adds matches (a conditional put: a retried batch
# counts once).
data "aws_iam_policy_document" "rule_processor_merge" {
  statement {
    sid       = "WriteMatchesToMergeTable"
    actions   = ["dynamodb:PutItem"]
    resources = [aws_dynamodb_table.merge.arn]
  }
}

resource "aws_iam_role_policy" "rule_processor_merge" {
  name   = "StreamAlertRuleProcessorMerge"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor_merge.json
}

resource "aws_cloudwatch_log_group" "alert_merger" {
  name              = "/aws/lambda/${local.alert_merger_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.log_group_kms_key_arn
  tags              = local.tags
}

resource "aws_iam_role" "alert_merger" {
  name               = "${local.alert_merger_name}_role"
  description        = "StreamAlert alert merger (${var.cluster})"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
  tags               = local.tags
}

data "aws_iam_policy_document" "alert_merger" {
  # It cuts windows with the deployed rules' merge settings: the detection bundle's.
  dynamic "statement" {
    for_each = var.detection_bundle == null ? [] : [local.detection_object_arn]
    content {
      sid       = "ReadDetectionBundle"
      actions   = ["s3:GetObject"]
      resources = [statement.value]
    }
  }

  statement {
    sid     = "WriteOwnLogs"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      aws_cloudwatch_log_group.alert_merger.arn,
      "${aws_cloudwatch_log_group.alert_merger.arn}:*",
    ]
  }

  statement {
    sid       = "ReadAndDeleteMatches"
    actions   = ["dynamodb:Scan", "dynamodb:BatchWriteItem"]
    resources = [aws_dynamodb_table.merge.arn]
  }

  statement {
    sid       = "PublishMergedAlerts"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
  }

  statement {
    sid       = "UseAlertsTopicKey"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = [local.account_kms_keys]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = [aws_sns_topic.alerts.arn]
    }
  }
}

resource "aws_iam_role_policy" "alert_merger" {
  name   = "StreamAlertAlertMerger"
  role   = aws_iam_role.alert_merger.id
  policy = data.aws_iam_policy_document.alert_merger.json
}

resource "aws_lambda_function" "alert_merger" {
  function_name    = local.alert_merger_name
  description      = "StreamAlert Alert Merger (${var.cluster})"
  role             = aws_iam_role.alert_merger.arn
  runtime          = var.runtime
  handler          = "index.merge"
  filename         = var.rule_processor_zip
  source_code_hash = filebase64sha256(var.rule_processor_zip)
  memory_size      = var.alert_merger_memory
  # Shorter than the schedule, so two runs do not overlap and send a window twice.
  timeout = 50

  environment {
    variables = merge({
      CLUSTER          = var.cluster
      LOGGER_LEVEL     = var.rule_processor_log_level
      ENABLE_METRICS   = tostring(var.rule_processor_enable_metrics)
      ALERTS_TOPIC_ARN = aws_sns_topic.alerts.arn
      MERGE_TABLE      = aws_dynamodb_table.merge.name
      # Items it cannot merge (unreadable, out of bounds, rule gone) are set aside here.
      DEAD_LETTER_QUEUE_URL = aws_sqs_queue.dead_letters.url
    }, local.detection_env)
  }

  tags = local.tags

  depends_on = [
    aws_cloudwatch_log_group.alert_merger,
    aws_iam_role_policy.alert_merger,
    aws_iam_role_policy.alert_merger_dead_letters,
  ]
}

# A failed run is not retried by Lambda: the matches stay in the table until they are sent,
# so the next minute's run picks the same windows up again. The failure is recorded in the
# cluster's dead-letter queue, where the processors' failures go, so someone sees it.
resource "aws_lambda_function_event_invoke_config" "alert_merger" {
  function_name          = aws_lambda_function.alert_merger.function_name
  maximum_retry_attempts = 0

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }
  }
}

resource "aws_iam_role_policy" "alert_merger_dead_letters" {
  name   = "StreamAlertAlertMergerDeadLetters"
  role   = aws_iam_role.alert_merger.id
  policy = data.aws_iam_policy_document.rule_processor_dead_letters.json
}

resource "aws_cloudwatch_event_rule" "alert_merger" {
  name                = local.alert_merger_name
  description         = "Runs the StreamAlert alert merger (${var.cluster})"
  schedule_expression = "rate(1 minute)"
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "alert_merger" {
  rule = aws_cloudwatch_event_rule.alert_merger.name
  arn  = aws_lambda_function.alert_merger.arn
}

resource "aws_lambda_permission" "alert_merger_schedule" {
  statement_id  = "AllowExecutionFromEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.alert_merger.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.alert_merger.arn
}

# The merger's metric lines (as the rule processor's, when rule_processor_enable_metrics):
# sent windows, windows left for the next run, items set aside, throttles, retries.
locals {
  alert_merger_metric_names = ["MergedAlerts", "MergeThrottles", "MergeRetries", "MergeItemsSetAside", "MergeWindowsLeft", "DetectionBundleLoadFailures"]
  alert_merger_metric_filters = var.rule_processor_enable_metrics ? merge([
    for m in local.alert_merger_metric_names : {
      "AlertMerger-${m}-${local.metric_cluster_suffix}" = m
      "AlertMerger-${m}"                                = m
    }
  ]...) : {}
}

resource "aws_cloudwatch_log_metric_filter" "alert_merger" {
  for_each = local.alert_merger_metric_filters

  name           = each.key
  log_group_name = aws_cloudwatch_log_group.alert_merger.name
  pattern        = "{ $.metric_name = \"${each.value}\" }"

  metric_transformation {
    name      = each.key
    namespace = var.metric_namespace
    value     = "$.metric_value"
  }
}
