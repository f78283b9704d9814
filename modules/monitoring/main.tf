data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  partition = data.aws_partition.current.partition
  region    = data.aws_region.current.name

  topic_arn = "arn:${local.partition}:sns:${local.region}:${var.account_id}:${var.sns_topic_name}"

  # The topic every alarm of this module notifies: the created one, or the existing one.
  sns_topic_arn = var.create_sns_topic ? aws_sns_topic.monitoring[0].arn : local.topic_arn

  # Only alarms of this account and region may drive the topic and its key.
  alarm_arn_pattern = "arn:${local.partition}:cloudwatch:${local.region}:${var.account_id}:alarm:*"
}

# ---------------------------------------------------------------------------
# KMS key: encrypts the monitoring topic and the StreamAlert output secrets.
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "key" {
  # Explicit action list instead of kms:* so the key policy grants nothing
  # KMS adds later; it still includes PutKeyPolicy, which keeps the key
  # manageable (and passes the KMS lockout safety check).
  statement {
    sid = "AccountAdministration"
    actions = [
      "kms:CancelKeyDeletion",
      "kms:Create*",
      "kms:Decrypt",
      "kms:Delete*",
      "kms:Describe*",
      "kms:Disable*",
      "kms:Enable*",
      "kms:Encrypt",
      "kms:GenerateDataKey*",
      "kms:Get*",
      "kms:List*",
      "kms:Put*",
      "kms:ReEncrypt*",
      "kms:Revoke*",
      "kms:RotateKeyOnDemand",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:Update*",
    ]
    # In a key policy "*" means this key only.
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.account_id}:root"]
    }
  }

  # CloudWatch publishes under its own service identity, so it needs the topic
  # key itself; without this grant alarm notifications are dropped silently.
  statement {
    sid       = "CloudWatchAlarmsUseKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.alarm_arn_pattern]
    }
  }

  # SNS uses the key for this account's topics only (it always passes the
  # topic ARN as encryption context).
  statement {
    sid       = "SnsUseKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["sns.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = ["arn:${local.partition}:sns:${local.region}:${var.account_id}:*"]
    }
  }
}

resource "aws_kms_key" "this" {
  description             = "StreamAlert secret management and monitoring topic encryption"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = var.tags
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.kms_key_alias}"
  target_key_id = aws_kms_key.this.key_id
}

# ---------------------------------------------------------------------------
# Monitoring topic
# ---------------------------------------------------------------------------

resource "aws_sns_topic" "monitoring" {
  count = var.create_sns_topic ? 1 : 0

  name              = var.sns_topic_name
  display_name      = "StreamAlert monitoring"
  kms_master_key_id = aws_kms_key.this.arn
  tags              = var.tags
}

data "aws_iam_policy_document" "topic" {
  count = var.create_sns_topic ? 1 : 0

  # Same-account principals still publish through their IAM policies; this
  # policy only adds the CloudWatch service, limited to our own alarms.
  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.monitoring[0].arn]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = [local.alarm_arn_pattern]
    }
  }
}

resource "aws_sns_topic_policy" "monitoring" {
  count = var.create_sns_topic ? 1 : 0

  arn    = aws_sns_topic.monitoring[0].arn
  policy = data.aws_iam_policy_document.topic[0].json
}

# ---------------------------------------------------------------------------
# Aggregate metric alarms (StreamAlert global.json
# infrastructure.monitoring.metric_alarms): alarms on <Prefix>-<Metric>, the
# sum over every cluster in this region whose function has metrics enabled
# (the clusters' stream_alert modules own the metric filters).
# ---------------------------------------------------------------------------

resource "aws_cloudwatch_metric_alarm" "metric" {
  for_each = var.metric_alarms

  alarm_name        = each.key
  alarm_description = each.value.alarm_description

  namespace           = var.metric_namespace
  metric_name         = each.value.metric_name
  comparison_operator = each.value.comparison_operator
  evaluation_periods  = each.value.evaluation_periods
  period              = each.value.period
  statistic           = each.value.statistic
  threshold           = each.value.threshold

  alarm_actions = [local.sns_topic_arn]
  ok_actions    = [local.sns_topic_arn]

  tags = var.tags

  # CloudWatch may publish only once the topic policy allows it.
  depends_on = [aws_sns_topic_policy.monitoring]
}
