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

  local_secondary_index {
    name            = "Live"
    range_key       = "Live"
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
    ]
  }
}

resource "aws_iam_role_policy" "rule_processor_correlation" {
  name   = "StreamAlertRuleProcessorCorrelation"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor_correlation.json
}
