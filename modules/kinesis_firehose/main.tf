data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  firehose_name   = "${var.prefix}_${var.cluster}_stream_alert_firehose"
  bucket_name     = "${var.prefix}.${replace(var.cluster, "_", ".")}.${var.s3_bucket_suffix}"
  role_name       = "${var.prefix}_${var.cluster}_streamalert_firehose_role"
  log_group_name  = "/aws/kinesisfirehose/${local.firehose_name}"
  log_stream_name = "S3Delivery"

  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  # Built from names instead of read from the resources: a policy document that reads a
  # resource with pending changes (new tags, say) is only known after apply, so every such
  # plan would also show a no-op policy update.
  bucket_arn     = "arn:${local.partition}:s3:::${local.bucket_name}"
  log_stream_arn = "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:${local.log_group_name}:log-stream:${local.log_stream_name}"

  tags = merge(var.tags, { "streamalert:cluster" = var.cluster })

  # The AWS managed S3 key lets the account's principals use it through S3 already; any
  # other key needs an explicit grant, so its ARN is looked up (IAM cannot scope to aliases).
  s3_uses_kms          = var.s3_kms_key_id != null
  s3_needs_key_grant   = local.s3_uses_kms && !endswith(coalesce(var.s3_kms_key_id, "-"), "alias/aws/s3")
  valid_bucket_pattern = "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
}

################################################################################
# Bucket
################################################################################

resource "aws_s3_bucket" "this" {
  bucket = local.bucket_name

  tags = local.tags

  lifecycle {
    precondition {
      condition = (
        can(regex(local.valid_bucket_pattern, local.bucket_name))
        && !can(regex("\\.\\.|\\.-|-\\.", local.bucket_name))
      )
      error_message = "Bucket name ${local.bucket_name} is not a valid S3 bucket name (3-63 characters, no '..', '.-' or '-.'); shorten or change prefix, cluster or s3_bucket_suffix."
    }
  }
}

# ACLs off: every object belongs to this account whoever writes it.
resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = local.s3_uses_kms ? "aws:kms" : "AES256"
      kms_master_key_id = var.s3_kms_key_id
    }

    # A bucket key cuts KMS requests (and cost) by orders of magnitude for Firehose's many objects.
    bucket_key_enabled = local.s3_uses_kms
  }
}

data "aws_kms_key" "s3" {
  count = local.s3_needs_key_grant ? 1 : 0

  key_id = var.s3_kms_key_id
}

################################################################################
# Delivery logs
################################################################################

resource "aws_cloudwatch_log_group" "this" {
  name              = local.log_group_name
  retention_in_days = var.log_retention_days

  tags = local.tags
}

resource "aws_cloudwatch_log_stream" "s3_delivery" {
  name           = local.log_stream_name
  log_group_name = aws_cloudwatch_log_group.this.name
}

################################################################################
# IAM
################################################################################

data "aws_iam_policy_document" "assume_role" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["firehose.amazonaws.com"]
    }

    # Firehose passes the owning account as the external id; this keeps another
    # account's delivery stream from assuming the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = local.role_name
  path               = "/streamalert/"
  assume_role_policy = data.aws_iam_policy_document.assume_role.json

  tags = local.tags

  lifecycle {
    precondition {
      condition     = length(local.role_name) <= 64
      error_message = "IAM role name ${local.role_name} is longer than the 64 characters IAM allows; shorten prefix or cluster."
    }
  }
}

data "aws_iam_policy_document" "firehose" {
  statement {
    sid = "ReadSourceStream"
    actions = [
      "kinesis:DescribeStream",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
    ]
    resources = [var.kinesis_stream_arn]
  }

  dynamic "statement" {
    for_each = var.kinesis_kms_key_arn == null ? [] : [var.kinesis_kms_key_arn]

    content {
      sid       = "DecryptSourceStream"
      actions   = ["kms:Decrypt"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["kinesis.${local.region}.amazonaws.com"]
      }
    }
  }

  statement {
    sid = "ListBucket"
    actions = [
      "s3:GetBucketLocation",
      "s3:ListBucket",
      "s3:ListBucketMultipartUploads",
    ]
    resources = [local.bucket_arn]
  }

  statement {
    sid = "WriteObjects"
    actions = [
      "s3:AbortMultipartUpload",
      "s3:GetObject",
      "s3:PutObject",
    ]
    resources = ["${local.bucket_arn}/*"]
  }

  # SSE-KMS uploads need a data key; multipart uploads also need Decrypt.
  dynamic "statement" {
    for_each = local.s3_needs_key_grant ? [data.aws_kms_key.s3[0].arn] : []

    content {
      sid       = "EncryptObjects"
      actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
      resources = [statement.value]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${local.region}.amazonaws.com"]
      }

      # With a bucket key the encryption context is the bucket ARN, otherwise the object ARN.
      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:s3:arn"
        values   = [local.bucket_arn, "${local.bucket_arn}/*"]
      }
    }
  }

  statement {
    sid       = "WriteDeliveryLogs"
    actions   = ["logs:PutLogEvents"]
    resources = [local.log_stream_arn]
  }
}

resource "aws_iam_role_policy" "this" {
  name   = "FirehoseDelivery"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.firehose.json
}

################################################################################
# Delivery stream
################################################################################

resource "aws_kinesis_firehose_delivery_stream" "this" {
  name        = local.firehose_name
  destination = "extended_s3"

  # No server_side_encryption block: with a Kinesis stream as source, Firehose keeps no
  # data at rest of its own (the source stream is encrypted) and AWS rejects SSE here.
  kinesis_source_configuration {
    kinesis_stream_arn = var.kinesis_stream_arn
    role_arn           = aws_iam_role.this.arn
  }

  extended_s3_configuration {
    role_arn   = aws_iam_role.this.arn
    bucket_arn = aws_s3_bucket.this.arn

    # Firehose appends YYYY/MM/dd/HH/ (UTC) to both prefixes.
    prefix              = "data/"
    error_output_prefix = "errors/"

    buffering_size     = var.buffer_size_mb
    buffering_interval = var.buffer_interval_seconds
    compression_format = var.compression_format

    cloudwatch_logging_options {
      enabled         = true
      log_group_name  = aws_cloudwatch_log_group.this.name
      log_stream_name = aws_cloudwatch_log_stream.s3_delivery.name
    }
  }

  tags = local.tags

  # Firehose checks the role's access when the stream is created; an unattached policy
  # makes creation fail (or the first deliveries fail) in a fresh account.
  depends_on = [aws_iam_role_policy.this]

  lifecycle {
    precondition {
      condition     = length(local.firehose_name) <= 64
      error_message = "Delivery stream name ${local.firehose_name} is longer than the 64 characters Firehose allows; shorten prefix or cluster."
    }
  }
}
