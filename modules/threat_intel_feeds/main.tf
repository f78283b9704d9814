# The threat-intel feed collector (docs/threat-intel.md): a scheduled function of the
# collectors' zip (handler index.threatIntelFeeds) that writes each feed's indicator table to
# this bucket, where the rule processors read them. A feed that fails keeps its last good
# table and counts ThreatIntelFeedFailures, which the alarm below watches.

locals {
  function_name = "${var.prefix}_threat_intel_feeds"
  partition     = data.aws_partition.current.partition
  tags          = merge(var.tags, { "streamalert:component" = "threat_intel_feeds" })
  metric_name   = "ThreatIntelFeeds-ThreatIntelFeedFailures"
  # OTX's API key: read by the function at each run, never in its environment.
  otx_is_secret = var.otx_credential != null && startswith(coalesce(var.otx_credential, "-"), "arn:")
  otx_credential_arn = var.otx_credential == null ? null : (
    local.otx_is_secret ? var.otx_credential : "arn:${local.partition}:ssm:${var.region}:${var.account_id}:parameter${var.otx_credential}"
  )
}

data "aws_partition" "current" {}

resource "aws_s3_bucket" "feeds" {
  bucket = var.bucket
  # Public indicators, rewritten every few minutes: nothing to keep when the module goes.
  force_destroy = true
  tags          = local.tags
}

resource "aws_s3_bucket_versioning" "feeds" {
  bucket = aws_s3_bucket.feeds.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "feeds" {
  bucket = aws_s3_bucket.feeds.id
  rule {
    # S3-managed keys: the tables are public data, and the rule processors then need no KMS grant.
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "feeds" {
  bucket                  = aws_s3_bucket.feeds.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_lifecycle_configuration" "feeds" {
  bucket = aws_s3_bucket.feeds.id

  # The copies of each version (<prefix>versions/<feed>/...) and the replaced tables age out.
  rule {
    id     = "versions"
    status = "Enabled"
    filter {
      prefix = "${var.key_prefix}versions/"
    }
    expiration {
      days = var.version_retention_days
    }
    noncurrent_version_expiration {
      noncurrent_days = 1
    }
  }

  rule {
    id     = "replaced-tables"
    status = "Enabled"
    filter {
      prefix = var.key_prefix
    }
    noncurrent_version_expiration {
      noncurrent_days = var.version_retention_days
    }
  }

  depends_on = [aws_s3_bucket_versioning.feeds]
}

resource "aws_cloudwatch_log_group" "feeds" {
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

resource "aws_iam_role" "feeds" {
  name               = "${local.function_name}_role"
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = local.tags
}

data "aws_iam_policy_document" "feeds" {
  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.feeds.arn}:*"]
  }
  statement {
    sid       = "WriteTables"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${aws_s3_bucket.feeds.arn}/${var.key_prefix}*"]
  }
  # A table not written yet then reads as missing (404), not as refused (403).
  statement {
    sid       = "ListTables"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.feeds.arn]
    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${var.key_prefix}*"]
    }
  }
  dynamic "statement" {
    for_each = local.otx_credential_arn == null ? [] : [local.otx_credential_arn]
    content {
      sid       = "ReadOtxKey"
      actions   = local.otx_is_secret ? ["secretsmanager:GetSecretValue"] : ["ssm:GetParameter"]
      resources = [statement.value]
    }
  }
  dynamic "statement" {
    for_each = var.otx_credential_kms_key_arn == null ? [] : [var.otx_credential_kms_key_arn]
    content {
      sid       = "DecryptOtxKey"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "feeds" {
  name   = "ThreatIntelFeeds"
  role   = aws_iam_role.feeds.id
  policy = data.aws_iam_policy_document.feeds.json
}

resource "aws_lambda_function" "feeds" {
  lifecycle {
    precondition {
      condition     = !contains(var.feeds, "otx") || var.otx_credential != null
      error_message = "feeds names otx: set otx_credential (where its API key is)."
    }
    precondition {
      condition     = var.otx_credential == null || startswith(coalesce(var.otx_credential, "-"), "arn:") || (var.account_id != null && var.region != null)
      error_message = "an SSM parameter otx_credential needs account_id and region (its ARN is built from them)."
    }
  }

  function_name    = local.function_name
  description      = "StreamAlert threat-intel feed collector (${join(", ", var.feeds)})"
  role             = aws_iam_role.feeds.arn
  runtime          = var.runtime
  handler          = "index.threatIntelFeeds"
  filename         = var.zip
  source_code_hash = filebase64sha256(var.zip)
  memory_size      = var.memory
  timeout          = var.timeout
  # One run at a time: two would download and write the same tables.
  reserved_concurrent_executions = 1

  environment {
    variables = merge({
      THREAT_INTEL_BUCKET = aws_s3_bucket.feeds.id
      THREAT_INTEL_PREFIX = var.key_prefix
      THREAT_INTEL_FEEDS  = join(",", var.feeds)
      LOGGER_LEVEL        = var.log_level
      }, var.otx_credential == null ? {} : {
      # Where the key is, not the key.
      THREAT_INTEL_OTX_CREDENTIAL = var.otx_credential
    })
  }

  depends_on = [aws_cloudwatch_log_group.feeds, aws_iam_role_policy.feeds]
  tags       = local.tags
}

resource "aws_cloudwatch_event_rule" "schedule" {
  name                = "${local.function_name}_schedule"
  description         = "Runs of the threat-intel feed collector"
  schedule_expression = var.schedule_expression
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "feeds" {
  rule = aws_cloudwatch_event_rule.schedule.name
  arn  = aws_lambda_function.feeds.arn
}

resource "aws_lambda_permission" "schedule" {
  statement_id  = "AllowSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.feeds.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.schedule.arn
}

resource "aws_cloudwatch_log_metric_filter" "failures" {
  name           = local.metric_name
  log_group_name = aws_cloudwatch_log_group.feeds.name
  pattern        = "{ $.metric_name = \"ThreatIntelFeedFailures\" }"

  metric_transformation {
    name      = local.metric_name
    namespace = var.metric_namespace
    value     = "$.metric_value"
  }
}

# A feed outage: its table stays at the last good version, so matching goes on, stale.
resource "aws_cloudwatch_metric_alarm" "failures" {
  alarm_name          = "${local.function_name}_failures"
  alarm_description   = "A threat-intel feed failed in each of ${var.failure_alarm_runs} five-minute periods: its last good table is kept and matched; see the log group ${aws_cloudwatch_log_group.feeds.name}"
  namespace           = var.metric_namespace
  metric_name         = aws_cloudwatch_log_metric_filter.failures.metric_transformation[0].name
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = var.failure_alarm_runs
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  ok_actions          = var.alarm_actions
  tags                = local.tags
}

resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "${local.function_name}_errors"
  alarm_description   = "The threat-intel feed collector failed: see its log group ${aws_cloudwatch_log_group.feeds.name}"
  namespace           = "AWS/Lambda"
  metric_name         = "Errors"
  dimensions          = { FunctionName = aws_lambda_function.feeds.function_name }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 0
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"
  alarm_actions       = var.alarm_actions
  tags                = local.tags
}
