# The state bucket's protections, planned with a mock provider; then the
# variable validations.

mock_provider "aws" {
  # The bucket's ARN is known at plan time, so the policy's resources can be checked.
  override_during = plan

  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::acme.streamalert.terraform.state"
      id  = "acme.streamalert.terraform.state"
    }
  }
}

variables {
  bucket_name = "acme.streamalert.terraform.state"
}

run "state_is_kept_and_recoverable" {
  command = plan
  assert {
    condition     = aws_s3_bucket.this.bucket == var.bucket_name && aws_s3_bucket.this.force_destroy == false
    error_message = "the bucket is never destroyed with its objects"
  }
  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "versioning keeps every earlier state"
  }
  assert {
    condition = (
      aws_s3_bucket_lifecycle_configuration.this.rule[0].noncurrent_version_expiration[0].noncurrent_days == 90
      && aws_s3_bucket_lifecycle_configuration.this.rule[0].abort_incomplete_multipart_upload[0].days_after_initiation == 7
    )
    error_message = "superseded versions expire after 90 days by default"
  }
}

run "encrypted_private_tls_only" {
  command = plan
  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id == null
      && one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled == true
    )
    error_message = "SSE-KMS with the AWS managed key and a bucket key by default"
  }
  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls
      && aws_s3_bucket_public_access_block.this.block_public_policy
      && aws_s3_bucket_public_access_block.this.ignore_public_acls
      && aws_s3_bucket_public_access_block.this.restrict_public_buckets
      && one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    )
    error_message = "no public access and no ACLs"
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.bucket.statement) == 1
      && data.aws_iam_policy_document.bucket.statement[0].effect == "Deny"
      && data.aws_iam_policy_document.bucket.statement[0].actions == toset(["s3:*"])
    )
    error_message = "the bucket policy only denies; it grants nothing"
  }
  assert {
    condition     = data.aws_iam_policy_document.bucket.statement[0].resources == toset(["arn:aws:s3:::acme.streamalert.terraform.state", "arn:aws:s3:::acme.streamalert.terraform.state/*"])
    error_message = "the deny covers the bucket and every object"
  }
  assert {
    condition = (
      one(data.aws_iam_policy_document.bucket.statement[0].condition).variable == "aws:SecureTransport"
      && one(data.aws_iam_policy_document.bucket.statement[0].condition).values == tolist(["false"])
    )
    error_message = "the deny applies to requests without TLS"
  }
}

run "customer_managed_key_and_retention" {
  command = plan
  variables {
    kms_key_arn                        = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    noncurrent_version_expiration_days = 365
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id == var.kms_key_arn
    error_message = "the given key encrypts the bucket"
  }
  assert {
    condition     = aws_s3_bucket_lifecycle_configuration.this.rule[0].noncurrent_version_expiration[0].noncurrent_days == 365
    error_message = "the retention of superseded versions is configurable"
  }
}

run "uppercase_bucket_name_refused" {
  command = plan
  variables {
    bucket_name = "Acme.StreamAlert.State"
  }
  expect_failures = [var.bucket_name]
}

run "reserved_suffix_refused" {
  command = plan
  variables {
    bucket_name = "acme-state-s3alias"
  }
  expect_failures = [var.bucket_name]
}

run "key_id_instead_of_arn_refused" {
  command = plan
  variables {
    kms_key_arn = "1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  expect_failures = [var.kms_key_arn]
}

run "zero_day_retention_refused" {
  command = plan
  variables {
    noncurrent_version_expiration_days = 0
  }
  expect_failures = [var.noncurrent_version_expiration_days]
}
