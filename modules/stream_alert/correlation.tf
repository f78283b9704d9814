# ---------------------------------------------------------------------------
# Sigma correlation rules (docs/rules.md#sigma-correlation-rules): the rule
# processor keeps each correlation's windows here, one partition per
# correlation and group, one item per counted event. Always created: the
# detection bundle can add a correlation rule without this root being planned
# again, and an empty on-demand table costs nothing (no storage, no requests).
# ---------------------------------------------------------------------------

locals {
  correlation_table_name = "${local.name_base}_streamalert_correlation"
}

# Group (correlation + group-by values, hashed) and Event (the event's id,
# hashed): a conditional put per event, so a retried batch counts once. The
# local index Live holds only the events no alert has used yet (the attribute
# is removed when one does), so a burst past the threshold never reads back
# the events it already alerted on. TTL on ExpiresAt: event time (or arrival,
# whichever is later) plus the timespan plus a day.
resource "aws_dynamodb_table" "correlation" {
  name         = local.correlation_table_name
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "Group"
  range_key    = "Event"

  attribute {
    name = "Group"
    type = "S"
  }

  attribute {
    name = "Event"
    type = "S"
  }

  attribute {
    name = "Live"
    type = "N"
  }

  attribute {
    name = "Waits"
    type = "S"
  }

  attribute {
    name = "Due"
    type = "N"
  }

  local_secondary_index {
    name            = "Live"
    range_key       = "Live"
    projection_type = "ALL"
  }

  # Absence correlations (our extension): one item per group (Event "~absence"),
  # whose Waits and Due are set only while its wait is open or its alert unsent.
  # The sparse index Due lists them by deadline for the minute's tick below.
  global_secondary_index {
    name            = "Due"
    hash_key        = "Waits"
    range_key       = "Due"
    projection_type = "ALL"
  }

  ttl {
    attribute_name = "ExpiresAt"
    enabled        = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.correlation_table_kms_key_arn
  }

  tags = local.tags
}

# Only what the window state does: a conditional put per event, a query of the
# group's live events (the index), and updates marking events used or sent.
data "aws_iam_policy_document" "rule_processor_correlation" {
  statement {
    sid     = "KeepCorrelationWindows"
    actions = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"]
    resources = [
      aws_dynamodb_table.correlation.arn,
      "${aws_dynamodb_table.correlation.arn}/index/Live",
      "${aws_dynamodb_table.correlation.arn}/index/Due",
    ]
  }
}

resource "aws_iam_role_policy" "rule_processor_correlation" {
  name   = "StreamAlertRuleProcessorCorrelation"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor_correlation.json
}

# Absence correlations: a deadline is due while no event arrives, so every
# minute EventBridge invokes the rule processor (its production alias, as the
# stream does) with a tick; the tick queries the index Due and sends the
# alerts of the waits whose deadline passed. Made for every cluster, as the
# table is: a tick with no absence rule returns at once.
resource "aws_cloudwatch_event_rule" "correlation_tick" {
  name                = "${local.name_base}_streamalert_correlation_tick"
  description         = "Checks the deadlines of absence correlation rules (${var.cluster})"
  schedule_expression = "rate(1 minute)"
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "correlation_tick" {
  rule  = aws_cloudwatch_event_rule.correlation_tick.name
  arn   = aws_lambda_alias.rule_processor_production.arn
  input = jsonencode({ streamalert = "correlation-tick" })
}

# Only this rule may invoke the function, and only its production alias.
resource "aws_lambda_permission" "correlation_tick" {
  statement_id  = "AllowCorrelationTickFromEventBridge"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.rule_processor.function_name
  qualifier     = aws_lambda_alias.rule_processor_production.name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.correlation_tick.arn
}

