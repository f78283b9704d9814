# ---------------------------------------------------------------------------
# Staging destination (rule option `staged: true`).
#
# The alert processor writes a staged rule's alerts to
# staging/<rule>/dt=YYYY-MM-DD/<alert id>.json in var.staging_bucket instead of
# the rule's outputs, and logs one line per alert
# {"metric_name": "StagedAlerts", "rule_name": "<rule>", ...} that the filter
# below turns into the per-rule metric StagedAlerts (dimension RuleName), so the
# function needs no cloudwatch:PutMetricData. `promote` counts by listing the
# S3 prefix (per rule and day); the metric is for dashboards and alarms.
# ---------------------------------------------------------------------------

locals {
  staging_bucket_arn = var.staging_enabled ? "arn:${local.partition}:s3:::${var.staging_bucket}" : null
}

data "aws_iam_policy_document" "alert_processor_staging" {
  count = var.staging_enabled ? 1 : 0

  # Exactly the staging prefix: the rest of the data bucket (Firehose's records)
  # stays out of the alert processor's reach.
  statement {
    sid       = "WriteStagedAlerts"
    actions   = ["s3:PutObject"]
    resources = ["${local.staging_bucket_arn}/staging/*"]
  }

  # A data bucket with SSE-KMS default encryption needs the key for PutObject;
  # the context limits use to the staging objects.
  statement {
    sid       = "UseStagingBucketKey"
    actions   = ["kms:GenerateDataKey"]
    resources = [local.account_kms_keys]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [local.staging_bucket_arn, "${local.staging_bucket_arn}/staging/*"]
    }
  }
}

resource "aws_iam_role_policy" "alert_processor_staging" {
  count = var.staging_enabled ? 1 : 0

  name   = "StreamAlertAlertProcessorStaging"
  role   = aws_iam_role.alert_processor.id
  policy = data.aws_iam_policy_document.alert_processor_staging[0].json

  lifecycle {
    precondition {
      condition     = var.staging_bucket != null
      error_message = "staging_enabled needs staging_bucket: the bucket whose staging/ prefix receives staged alerts."
    }
  }
}

resource "aws_cloudwatch_log_metric_filter" "staged_alerts" {
  name           = "AlertProcessor-StagedAlerts-${local.metric_cluster_suffix}"
  log_group_name = aws_cloudwatch_log_group.alert_processor.name
  pattern        = "{ $.metric_name = \"StagedAlerts\" }"

  metric_transformation {
    name      = "StagedAlerts"
    namespace = var.metric_namespace
    value     = "$.metric_value"
    dimensions = {
      RuleName = "$.rule_name"
    }
  }
}
