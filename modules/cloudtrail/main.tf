data "aws_partition" "current" {}

locals {
  partition = data.aws_partition.current.partition

  create_trail = !var.existing_trail

  # StreamAlert 3 named its trail after its bucket: a bucket_name keeps both deployed names.
  trail_name  = coalesce(var.bucket_name, "${var.prefix}.${var.cluster}.streamalert.cloudtrail")
  bucket_name = coalesce(var.bucket_name, "${var.prefix}.${replace(var.cluster, "_", ".")}.streamalert.cloudtrail")
  key_alias   = "alias/${var.prefix}_${var.cluster}_streamalert_cloudtrail"
  rule_name   = "${var.prefix}_${var.cluster}_streamalert_all_events"
  role_name   = "${var.prefix}_${var.cluster}_streamalert_cloudwatch_role"

  # Built rather than read from aws_cloudtrail.this so the bucket and key policies can
  # name the trail before it exists (the trail needs both policies to be created).
  trail_arn = "arn:${local.partition}:cloudtrail:${var.region}:${var.account_id}:trail/${local.trail_name}"

  # Built from the name too: a policy document that reads the bucket is only known after
  # apply whenever the bucket changes (new tags, say), so every such plan would also
  # show a no-op bucket policy update.
  bucket_arn = "arn:${local.partition}:s3:::${local.bucket_name}"

  event_pattern = coalesce(var.event_pattern, jsonencode({ account = [var.account_id] }))

  tags = merge(var.tags, { "streamalert:cluster" = var.cluster })
}

################################################################################
# Bucket
################################################################################

resource "aws_s3_bucket" "this" {
  count = local.create_trail ? 1 : 0

  bucket = local.bucket_name

  tags = local.tags

  lifecycle {
    precondition {
      condition = (
        can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", local.bucket_name))
        && !can(regex("\\.\\.|\\.-|-\\.", local.bucket_name))
      )
      error_message = "Bucket name ${local.bucket_name} is not a valid S3 bucket name (3-63 characters, no '..', '.-' or '-.'); shorten or change prefix or cluster."
    }
  }
}

resource "aws_s3_bucket_ownership_controls" "this" {
  count = local.create_trail ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count = local.create_trail ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  count = local.create_trail ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

# Log files are encrypted with the trail's KMS key by CloudTrail itself. The bucket
# default is SSE-S3 because CloudTrail writes digest files without naming a key, and a
# KMS bucket default would need a grant outside the CloudTrail encryption context.
resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count = local.create_trail ? 1 : 0

  bucket = aws_s3_bucket.this[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

data "aws_iam_policy_document" "bucket" {
  count = local.create_trail ? 1 : 0

  statement {
    sid       = "AWSCloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = [local.bucket_arn]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "AWSCloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["${local.bucket_arn}/cloudtrail/AWSLogs/${var.account_id}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  # Other accounts' trails (StreamAlert 3's cross_account_ids) write their own AWSLogs/<id>/
  # folder only, with or without this trail's "cloudtrail" key prefix (StreamAlert 3 used
  # none), and only from trails of that account (aws:SourceAccount).
  dynamic "statement" {
    for_each = length(var.cross_account_ids) == 0 ? [] : [1]

    content {
      sid       = "CrossAccountCloudTrailAclCheck"
      actions   = ["s3:GetBucketAcl"]
      resources = [local.bucket_arn]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = var.cross_account_ids
      }
    }
  }

  dynamic "statement" {
    for_each = toset(var.cross_account_ids)

    content {
      sid     = "CrossAccountCloudTrailWrite${statement.value}"
      actions = ["s3:PutObject"]
      resources = [
        "${local.bucket_arn}/AWSLogs/${statement.value}/*",
        "${local.bucket_arn}/cloudtrail/AWSLogs/${statement.value}/*",
      ]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "s3:x-amz-acl"
        values   = ["bucket-owner-full-control"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"
        values   = [statement.value]
      }
    }
  }

  # Audit logs should never travel in clear text, whoever reads them.
  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      local.bucket_arn,
      "${local.bucket_arn}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "this" {
  count = local.create_trail ? 1 : 0

  bucket = aws_s3_bucket.this[0].id
  policy = data.aws_iam_policy_document.bucket[0].json

  # S3 rejects a policy while the public access block is still being applied.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

################################################################################
# KMS key
################################################################################

# In a key policy, Resource "*" means "this key": it is the only value KMS accepts.
data "aws_iam_policy_document" "key" {
  count = local.create_trail ? 1 : 0

  # Named actions instead of kms:* so the account can administer the key and let IAM
  # policies grant log readers kms:Decrypt, but no principal can be granted encryption
  # with it outside CloudTrail.
  statement {
    sid = "AccountAdministersKey"
    actions = [
      "kms:CancelKeyDeletion",
      "kms:CreateAlias",
      "kms:Decrypt",
      "kms:DeleteAlias",
      "kms:DescribeKey",
      "kms:DisableKey",
      "kms:DisableKeyRotation",
      "kms:EnableKey",
      "kms:EnableKeyRotation",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListGrants",
      "kms:ListKeyPolicies",
      "kms:ListKeyRotations",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:RetireGrant",
      "kms:RevokeGrant",
      "kms:RotateKeyOnDemand",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateAlias",
      "kms:UpdateKeyDescription",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptsLogs"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:${local.partition}:cloudtrail:*:${var.account_id}:trail/*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailDescribesKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_kms_key" "this" {
  count = local.create_trail ? 1 : 0

  description         = "StreamAlert ${var.prefix}/${var.cluster} CloudTrail log encryption"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key[0].json

  tags = local.tags
}

resource "aws_kms_alias" "this" {
  count = local.create_trail ? 1 : 0

  name          = local.key_alias
  target_key_id = aws_kms_key.this[0].key_id
}

################################################################################
# Trail
################################################################################

resource "aws_cloudtrail" "this" {
  count = local.create_trail ? 1 : 0

  name           = local.trail_name
  s3_bucket_name = aws_s3_bucket.this[0].id
  s3_key_prefix  = "cloudtrail"
  kms_key_id     = aws_kms_key.this[0].arn

  enable_logging                = var.enable_logging
  include_global_service_events = true
  is_multi_region_trail         = var.is_global_trail
  enable_log_file_validation    = true

  # S3 object-level (data) events of every bucket, as StreamAlert 3's event_selector_type.
  dynamic "event_selector" {
    for_each = var.s3_data_events == null ? [] : [var.s3_data_events]

    content {
      read_write_type           = event_selector.value
      include_management_events = true

      data_resource {
        type   = "AWS::S3::Object"
        values = ["arn:${local.partition}:s3"]
      }
    }
  }

  tags = local.tags

  # CloudTrail verifies at creation that it can write to the bucket.
  depends_on = [aws_s3_bucket_policy.this]

  lifecycle {
    precondition {
      condition = (
        can(regex("^[a-zA-Z0-9][a-zA-Z0-9._-]{1,126}[a-zA-Z0-9]$", local.trail_name))
        && !can(regex("[._-]{2}", local.trail_name))
      )
      error_message = "Trail name ${local.trail_name} is not valid (3-128 characters, no two of '.', '_', '-' in a row such as '--'); change prefix or cluster."
    }
  }
}

################################################################################
# CloudWatch Events to Kinesis
################################################################################

resource "aws_cloudwatch_event_rule" "all_events" {
  name          = local.rule_name
  description   = "Capture all CloudWatch events"
  event_pattern = local.event_pattern

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.rule_name) <= 64
      error_message = "Rule name ${local.rule_name} is longer than the 64 characters EventBridge allows; shorten prefix or cluster."
    }
  }
}

data "aws_iam_policy_document" "events_assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }

    # Only rules of this account may use the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_iam_role" "events" {
  name               = local.role_name
  path               = "/streamalert/"
  assume_role_policy = data.aws_iam_policy_document.events_assume_role.json

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.role_name) <= 64
      error_message = "IAM role name ${local.role_name} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

data "aws_iam_policy_document" "events" {
  statement {
    sid       = "CloudWatchEventsPutKinesisRecords"
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

resource "aws_iam_role_policy" "events" {
  name   = "CloudWatchEventsPutKinesisRecords"
  role   = aws_iam_role.events.id
  policy = data.aws_iam_policy_document.events.json
}

# Other accounts and organizations that may put events on this region's default event bus
# (StreamAlert 3's cloudwatch_events cross_account), where the rule above picks them up.
resource "aws_cloudwatch_event_permission" "account" {
  for_each = toset(var.event_bus_accounts)

  principal    = each.value
  statement_id = "account_${each.value}_${var.region}"
}

resource "aws_cloudwatch_event_permission" "organization" {
  for_each = toset(var.event_bus_org_ids)

  principal    = "*"
  statement_id = "organization_${each.value}_${var.region}"

  condition {
    key   = "aws:PrincipalOrgID"
    type  = "StringEquals"
    value = each.value
  }
}

resource "aws_cloudwatch_event_target" "kinesis" {
  rule      = aws_cloudwatch_event_rule.all_events.name
  target_id = "kinesis"
  arn       = var.kinesis_stream_arn
  role_arn  = aws_iam_role.events.arn

  depends_on = [aws_iam_role_policy.events]
}
