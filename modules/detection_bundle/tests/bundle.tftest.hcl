# The bundle's bucket and object, planned with a mock provider: encrypted,
# versioned, private, TLS only; the functions' roles can never write it; the
# object is the built file and changes exactly when its bytes do.

mock_provider "aws" {
  override_during = plan

  mock_resource "aws_s3_bucket" {
    defaults = {
      arn = "arn:aws:s3:::acme-123456789012-streamalert-detection"
      id  = "acme-123456789012-streamalert-detection"
    }
  }
}

variables {
  bucket_name = "acme-123456789012-streamalert-detection"
  prefix      = "acme"
  account_id  = "123456789012"
  bundle_file = "tests/fixtures/bundle.json"
}

run "published_encrypted_and_versioned" {
  command = plan
  assert {
    condition = (
      aws_s3_object.bundle.key == "detection/bundle.json"
      && aws_s3_object.bundle.source == var.bundle_file
      && aws_s3_object.bundle.source_hash == filesha256(var.bundle_file)
      && aws_s3_object.bundle.metadata.version == filesha256(var.bundle_file)
    )
    error_message = "the object is the built bundle, versioned by its SHA-256"
  }
  assert {
    condition     = output.version == filesha256(var.bundle_file) && output.object_arn == "arn:aws:s3:::acme-123456789012-streamalert-detection/detection/bundle.json"
    error_message = "the outputs name the object the processors read and its version"
  }
  assert {
    condition = (
      one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms"
      && aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    )
    error_message = "SSE-KMS and versioning"
  }
  assert {
    condition = (
      aws_s3_bucket_public_access_block.this.block_public_acls
      && aws_s3_bucket_public_access_block.this.block_public_policy
      && aws_s3_bucket_public_access_block.this.ignore_public_acls
      && aws_s3_bucket_public_access_block.this.restrict_public_buckets
    )
    error_message = "no public access"
  }
}

run "functions_only_read" {
  command = plan
  assert {
    condition = (
      length(data.aws_iam_policy_document.bucket.statement) == 2
      && alltrue([for s in data.aws_iam_policy_document.bucket.statement : s.effect == "Deny"])
    )
    error_message = "the bucket policy only denies: TLS, and writes by the functions"
  }
  assert {
    condition = (
      contains(data.aws_iam_policy_document.bucket.statement[1].actions, "s3:PutObject")
      && one(data.aws_iam_policy_document.bucket.statement[1].condition).variable == "aws:PrincipalArn"
      && one(data.aws_iam_policy_document.bucket.statement[1].condition).values == tolist(["arn:aws:iam::123456789012:role/acme_*_streamalert_*"])
    )
    error_message = "the StreamAlert functions' roles may never write the bundle"
  }
}

run "only_the_apply_role_writes" {
  command = plan
  variables {
    writer_arn = "arn:aws:iam::123456789012:role/streamalert-apply"
  }
  assert {
    condition = (
      length(data.aws_iam_policy_document.bucket.statement) == 3
      && one(data.aws_iam_policy_document.bucket.statement[2].condition).test == "ArnNotEquals"
      && one(data.aws_iam_policy_document.bucket.statement[2].condition).values == tolist(["arn:aws:iam::123456789012:role/streamalert-apply"])
    )
    error_message = "with writer_arn, every other principal is denied writes"
  }
}

run "odd_key_refused" {
  command = plan
  variables {
    object_key = "../bundle.json "
  }
  expect_failures = [var.object_key]
}

run "bad_prefix_refused" {
  command = plan
  variables {
    prefix = "Acme_*"
  }
  expect_failures = [var.prefix]
}
