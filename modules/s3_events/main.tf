data "aws_partition" "current" {}

locals {
  bucket_arn = "arn:${data.aws_partition.current.partition}:s3:::${var.bucket_id}"

  # arn:<partition>:lambda:<region>:<account>:function:<name>:<alias>
  alias_arn_parts = split(":", var.rule_processor_alias_arn)
  region          = local.alias_arn_parts[3]
  account_id      = local.alias_arn_parts[4]
  qualifier       = local.alias_arn_parts[7]

  # Underscores never occur in bucket names, so this mapping cannot make two
  # buckets collide in the function policy or the role's policy names.
  bucket_key = replace(var.bucket_id, ".", "_")

  notification_id = "${var.prefix}_${var.cluster}_streamalert"
  filters         = length(var.filters) > 0 ? var.filters : [{ prefix = var.filter_prefix, suffix = var.filter_suffix }]
}

resource "aws_lambda_permission" "s3" {
  statement_id  = "AllowExecutionFromS3_${local.bucket_key}"
  action        = "lambda:InvokeFunction"
  function_name = var.rule_processor_function_name
  qualifier     = local.qualifier
  principal     = "s3.amazonaws.com"
  source_arn    = local.bucket_arn
  # Bucket ARNs carry no account, so without this a same-named bucket in
  # another account could invoke the function.
  source_account = local.account_id
}

# This resource owns the bucket's whole notification configuration: only one
# s3_events instance (or other notification owner) per bucket.
resource "aws_s3_bucket_notification" "this" {
  bucket = var.bucket_id

  # One notification per filter; the first keeps the id a single filter always had.
  dynamic "lambda_function" {
    for_each = local.filters

    content {
      id                  = lambda_function.key == 0 ? local.notification_id : "${local.notification_id}_${lambda_function.key}"
      lambda_function_arn = var.rule_processor_alias_arn
      events              = var.events
      filter_prefix       = lambda_function.value.prefix == "" ? null : lambda_function.value.prefix
      filter_suffix       = lambda_function.value.suffix == "" ? null : lambda_function.value.suffix
    }
  }

  # S3 validates the destination when the configuration is saved and rejects
  # it if the function does not yet allow s3.amazonaws.com; the read policy
  # comes first so the first events are not lost to AccessDenied.
  depends_on = [aws_lambda_permission.s3, aws_iam_role_policy.s3_read]
}

data "aws_iam_policy_document" "s3_read" {
  statement {
    sid       = "GetObjects"
    actions   = ["s3:GetObject"]
    resources = ["${local.bucket_arn}/*"]
  }

  # ListBucket lets a missing key surface as 404 instead of 403.
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket"]
    resources = [local.bucket_arn]
  }

  # For buckets with SSE-KMS default encryption; S3 binds each data key to the
  # object (or, with bucket keys, bucket) ARN, which pins the grant here.
  statement {
    sid       = "DecryptObjects"
    actions   = ["kms:Decrypt"]
    resources = ["arn:${data.aws_partition.current.partition}:kms:${local.region}:${local.account_id}:key/*"]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:s3:arn"
      values   = [local.bucket_arn, "${local.bucket_arn}/*"]
    }
  }
}

resource "aws_iam_role_policy" "s3_read" {
  name   = "S3Read_${local.bucket_key}"
  role   = var.rule_processor_role_name
  policy = data.aws_iam_policy_document.s3_read.json
}
