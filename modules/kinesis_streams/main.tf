data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  stream_name = coalesce(var.stream_name, "${var.prefix}_${var.cluster}_stream_alert_kinesis")
  username    = "${var.prefix}_${var.cluster}_stream_alert_user"
  # StreamAlert 3's name for the role other accounts assume to write (trusted_accounts).
  role_name = "${var.prefix}_${var.cluster}_streamalert_role"

  # The writer policy serves the user and the role: needed when either exists.
  writes = var.create_user || length(var.trusted_accounts) > 0
  # Each trusted account's root: that account's own IAM policies then decide which of its
  # users and roles may assume the role, as StreamAlert 3 granted.
  trusted_principals = [for a in var.trusted_accounts : "arn:${data.aws_partition.current.partition}:iam::${a}:root"]

  # Built from names instead of read from the resources: a policy document that reads a
  # resource with pending changes (new tags, say) is only known after apply, so every such
  # plan would also show a no-op policy update.
  stream_arn = "arn:${data.aws_partition.current.partition}:kinesis:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:stream/${local.stream_name}"

  tags = merge(var.tags, { "streamalert:cluster" = var.cluster })

  # The AWS managed key's policy already lets any principal of the account use it through
  # Kinesis, so only a customer managed key needs an explicit grant (and a lookup to get
  # its ARN, because IAM cannot scope key usage to an alias name).
  uses_aws_managed_key = endswith(var.kms_key_id, "alias/aws/kinesis")
}

################################################################################
# Stream
################################################################################

resource "aws_kinesis_stream" "this" {
  name             = local.stream_name
  shard_count      = var.shards
  retention_period = var.retention

  shard_level_metrics = var.shard_level_metrics

  encryption_type = "KMS"
  kms_key_id      = var.kms_key_id

  # shards only mean something in provisioned mode; stated so that an account default
  # of on-demand never silently ignores them.
  stream_mode_details {
    stream_mode = "PROVISIONED"
  }

  tags = merge(local.tags, { Name = local.stream_name })

  lifecycle {
    precondition {
      condition     = length(local.stream_name) <= 128
      error_message = "Stream name ${local.stream_name} is longer than the 128 characters Kinesis allows; shorten prefix or cluster."
    }
  }
}

data "aws_kms_key" "stream" {
  count = local.uses_aws_managed_key ? 0 : 1

  key_id = var.kms_key_id
}

################################################################################
# Writer user
################################################################################

resource "aws_iam_user" "this" {
  count = var.create_user ? 1 : 0

  name = local.username
  path = "/streamalert/"

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.username) <= 64
      error_message = "IAM user name ${local.username} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

resource "aws_iam_access_key" "this" {
  count = var.create_user ? 1 : 0

  user = aws_iam_user.this[0].name
}

data "aws_iam_policy_document" "writer" {
  count = local.writes ? 1 : 0

  statement {
    sid = "PutRecords"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:ListShards",
      "kinesis:PutRecord",
      "kinesis:PutRecords",
    ]
    resources = [local.stream_arn]
  }

  # Writing to a stream encrypted with a customer managed key needs a data key from it.
  dynamic "statement" {
    for_each = local.uses_aws_managed_key ? [] : [data.aws_kms_key.stream[0].arn]

    content {
      sid       = "EncryptWithStreamKey"
      actions   = ["kms:GenerateDataKey"]
      resources = [statement.value]
    }
  }
}

resource "aws_iam_user_policy" "writer" {
  count = var.create_user ? 1 : 0

  name   = "KinesisPutRecords"
  user   = aws_iam_user.this[0].name
  policy = data.aws_iam_policy_document.writer[0].json
}

################################################################################
# Writer role for other accounts
################################################################################

data "aws_iam_policy_document" "trusted_accounts" {
  count = length(var.trusted_accounts) > 0 ? 1 : 0

  statement {
    sid     = "TrustedAccountsAssume"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = local.trusted_principals
    }
  }
}

resource "aws_iam_role" "writer" {
  count = length(var.trusted_accounts) > 0 ? 1 : 0

  name               = local.role_name
  path               = "/streamalert/"
  assume_role_policy = data.aws_iam_policy_document.trusted_accounts[0].json

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.role_name) <= 64
      error_message = "IAM role name ${local.role_name} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

resource "aws_iam_role_policy" "writer" {
  count = length(var.trusted_accounts) > 0 ? 1 : 0

  name   = "KinesisPutRecords"
  role   = aws_iam_role.writer[0].id
  policy = data.aws_iam_policy_document.writer[0].json
}
