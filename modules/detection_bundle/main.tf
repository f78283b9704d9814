# The detection bundle (rules and the conf the rule processors read), published
# apart from the Lambda code: a rule-only change updates this one object, and
# every cluster's rule processor picks it up within its check interval.

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
  # Earlier bundles are kept as object versions (forensics); they are not
  # needed to run, so the bucket may go with its module.
  force_destroy = true
  tags          = var.tags
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
      sse_algorithm     = "aws:kms"
      kms_master_key_id = var.kms_key_arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

data "aws_iam_policy_document" "bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]

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

  # The StreamAlert functions only ever read it: their roles may not write or
  # delete it whatever grant they are given later (a Deny beats any Allow).
  statement {
    sid       = "FunctionsOnlyRead"
    effect    = "Deny"
    actions   = local.write_actions
    resources = ["${aws_s3_bucket.this.arn}/*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::${var.account_id}:role/${var.prefix}_*_streamalert_*"]
    }
  }

  # With writer_arn, that principal (the apply role) is the only writer.
  dynamic "statement" {
    for_each = var.writer_arn == null ? [] : [var.writer_arn]
    content {
      sid       = "OnlyTheApplyRoleWrites"
      effect    = "Deny"
      actions   = local.write_actions
      resources = ["${aws_s3_bucket.this.arn}/*"]

      principals {
        type        = "*"
        identifiers = ["*"]
      }

      condition {
        test     = "ArnNotEquals"
        variable = "aws:PrincipalArn"
        values   = [statement.value]
      }
    }
  }
}

locals {
  write_actions = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:RestoreObject"]
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = data.aws_iam_policy_document.bucket.json

  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-noncurrent-bundles"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

resource "aws_s3_object" "bundle" {
  bucket       = aws_s3_bucket.this.id
  key          = var.object_key
  source       = var.bundle_file
  content_type = "application/json"
  # The bundle's SHA-256 is its version: a new bundle is a new upload, the same
  # bundle (any machine, any folder) no change. (With SSE-KMS the ETag is no MD5.)
  source_hash = filesha256(var.bundle_file)
  metadata = {
    version = filesha256(var.bundle_file)
  }

  # Written only once the policy (with the current writer) and encryption are in place.
  depends_on = [
    aws_s3_bucket_policy.this,
    aws_s3_bucket_server_side_encryption_configuration.this,
    aws_s3_bucket_versioning.this,
  ]
}
