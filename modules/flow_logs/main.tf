data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  log_group_name = coalesce(var.log_group_name, "${var.prefix}_${var.cluster}_streamalert_flow_logs")

  # Built from names instead of read from the resources: a policy document that reads a
  # resource with pending changes (new tags, say) is only known after apply, so every such
  # plan would also show a no-op policy update.
  log_group_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}"

  # Namespaced by prefix and cluster: StreamAlert's fixed names collided across clusters.
  flow_log_role_name     = "${var.prefix}_${var.cluster}_streamalert_flow_log_role"
  subscription_role_name = "${var.prefix}_${var.cluster}_streamalert_flow_log_subscription_role"

  tags = merge(var.tags, { "streamalert:cluster" = var.cluster })
}

################################################################################
# Log group
################################################################################

# CloudWatch Logs encrypts log data at rest by default.
resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days

  tags = local.tags
}

################################################################################
# Flow logs
################################################################################

data "aws_iam_policy_document" "flow_log_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["vpc-flow-logs.amazonaws.com"]
    }

    # Only this account's flow logs may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ec2:${local.region}:${local.account_id}:vpc-flow-log/*"]
    }
  }
}

resource "aws_iam_role" "flow_log" {
  name               = local.flow_log_role_name
  path               = "/streamalert/"
  assume_role_policy = data.aws_iam_policy_document.flow_log_assume_role.json

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.flow_log_role_name) <= 64
      error_message = "IAM role name ${local.flow_log_role_name} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

data "aws_iam_policy_document" "flow_log" {
  statement {
    sid = "WriteFlowLogs"
    actions = [
      "logs:CreateLogStream",
      "logs:DescribeLogStreams",
      "logs:PutLogEvents",
    ]
    resources = [
      local.log_group_arn,
      "${local.log_group_arn}:*",
    ]
  }

  # DescribeLogGroups lists the account's groups; it cannot be scoped to one group.
  statement {
    sid       = "FindLogGroup"
    actions   = ["logs:DescribeLogGroups"]
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:*"]
  }
}

resource "aws_iam_role_policy" "flow_log" {
  name   = "WriteFlowLogs"
  role   = aws_iam_role.flow_log.id
  policy = data.aws_iam_policy_document.flow_log.json
}

# count, not for_each keyed by id: the ids may come from resources created in the same
# root and be unknown at plan time. The default (version 2) log format is kept because
# filter_pattern names its 14 fields.
resource "aws_flow_log" "vpc" {
  count = length(var.vpcs)

  vpc_id = var.vpcs[count.index]

  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.this.arn
  iam_role_arn         = aws_iam_role.flow_log.arn

  tags = merge(local.tags, { Name = "${local.log_group_name}_${var.vpcs[count.index]}" })

  depends_on = [aws_iam_role_policy.flow_log]
}

resource "aws_flow_log" "subnet" {
  count = length(var.subnets)

  subnet_id = var.subnets[count.index]

  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.this.arn
  iam_role_arn         = aws_iam_role.flow_log.arn

  tags = merge(local.tags, { Name = "${local.log_group_name}_${var.subnets[count.index]}" })

  depends_on = [aws_iam_role_policy.flow_log]
}

resource "aws_flow_log" "eni" {
  count = length(var.enis)

  eni_id = var.enis[count.index]

  traffic_type         = "ALL"
  log_destination_type = "cloud-watch-logs"
  log_destination      = aws_cloudwatch_log_group.this.arn
  iam_role_arn         = aws_iam_role.flow_log.arn

  tags = merge(local.tags, { Name = "${local.log_group_name}_${var.enis[count.index]}" })

  depends_on = [aws_iam_role_policy.flow_log]
}

################################################################################
# Subscription to Kinesis
################################################################################

data "aws_iam_policy_document" "subscription_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["logs.amazonaws.com"]
    }

    # Only this account's CloudWatch Logs in this region may use the role (confused deputy).
    condition {
      test     = "StringLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "subscription" {
  name               = local.subscription_role_name
  path               = "/streamalert/"
  assume_role_policy = data.aws_iam_policy_document.subscription_assume_role.json

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.subscription_role_name) <= 64
      error_message = "IAM role name ${local.subscription_role_name} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

data "aws_iam_policy_document" "subscription" {
  statement {
    sid       = "PutKinesisRecords"
    actions   = ["kinesis:PutRecord", "kinesis:PutRecords"]
    resources = [var.kinesis_stream_arn]
  }

  dynamic "statement" {
    for_each = var.kinesis_kms_key_arn == null ? [] : [var.kinesis_kms_key_arn]

    content {
      sid       = "EncryptWithStreamKey"
      actions   = ["kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_role_policy" "subscription" {
  name   = "PutKinesisRecords"
  role   = aws_iam_role.subscription.id
  policy = data.aws_iam_policy_document.subscription.json
}

resource "aws_cloudwatch_log_subscription_filter" "kinesis" {
  name            = "${aws_cloudwatch_log_group.this.name}_to_kinesis"
  log_group_name  = aws_cloudwatch_log_group.this.name
  filter_pattern  = var.filter_pattern
  destination_arn = var.kinesis_stream_arn
  role_arn        = aws_iam_role.subscription.arn

  # CloudWatch Logs sends a test record through the role when the filter is created.
  depends_on = [aws_iam_role_policy.subscription]
}
