# The notification, its Lambda permission and the read policy, planned with a
# mock provider; then the variable validations.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  prefix                       = "acme"
  cluster                      = "prod"
  bucket_id                    = "acme.prod.logs"
  rule_processor_function_name = "acme_prod_streamalert_rule_processor"
  rule_processor_alias_arn     = "arn:aws:lambda:us-west-2:123456789012:function:acme_prod_streamalert_rule_processor:production"
  rule_processor_role_name     = "acme_prod_streamalert_rule_processor_role"
}

run "notifies_the_production_alias" {
  command = plan
  assert {
    condition = (
      aws_s3_bucket_notification.this.bucket == "acme.prod.logs"
      && aws_s3_bucket_notification.this.lambda_function[0].lambda_function_arn == var.rule_processor_alias_arn
      && aws_s3_bucket_notification.this.lambda_function[0].id == "acme_prod_streamalert"
      && aws_s3_bucket_notification.this.lambda_function[0].events == toset(["s3:ObjectCreated:*"])
    )
    error_message = "new objects of the bucket go to the rule processor's production alias"
  }
  assert {
    condition = (
      aws_s3_bucket_notification.this.lambda_function[0].filter_prefix == null
      && aws_s3_bucket_notification.this.lambda_function[0].filter_suffix == null
    )
    error_message = "empty filters are left out, not sent as empty strings"
  }
  assert {
    condition = (
      aws_lambda_permission.s3.principal == "s3.amazonaws.com"
      && aws_lambda_permission.s3.qualifier == "production"
      && aws_lambda_permission.s3.source_arn == "arn:aws:s3:::acme.prod.logs"
      && aws_lambda_permission.s3.source_account == "123456789012"
      && aws_lambda_permission.s3.statement_id == "AllowExecutionFromS3_acme_prod_logs"
    )
    error_message = "only this bucket, in the function's account, may invoke the alias"
  }
}

run "read_policy_is_scoped_to_the_bucket" {
  command = plan
  assert {
    condition = (
      aws_iam_role_policy.s3_read.role == var.rule_processor_role_name
      && aws_iam_role_policy.s3_read.name == "S3Read_acme_prod_logs"
    )
    error_message = "the rule processor role gets the read policy"
  }
  assert {
    condition = (
      [for s in data.aws_iam_policy_document.s3_read.statement : s.sid] == ["GetObjects", "ListBucket", "DecryptObjects"]
      && data.aws_iam_policy_document.s3_read.statement[0].resources == toset(["arn:aws:s3:::acme.prod.logs/*"])
      && data.aws_iam_policy_document.s3_read.statement[1].resources == toset(["arn:aws:s3:::acme.prod.logs"])
    )
    error_message = "GetObject on the bucket's objects and ListBucket on the bucket, nothing wider"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.s3_read.statement[2].actions == toset(["kms:Decrypt"])
      && data.aws_iam_policy_document.s3_read.statement[2].resources == toset(["arn:aws:kms:us-west-2:123456789012:key/*"])
      && contains([for c in data.aws_iam_policy_document.s3_read.statement[2].condition : c.variable], "kms:EncryptionContext:aws:s3:arn")
      && contains(flatten([for c in data.aws_iam_policy_document.s3_read.statement[2].condition : c.values]), "s3.us-west-2.amazonaws.com")
    )
    error_message = "kms:Decrypt only through S3 in the function's region, bound to this bucket"
  }
}

run "filters_and_events" {
  command = plan
  variables {
    events        = ["s3:ObjectCreated:Put", "s3:ObjectCreated:CompleteMultipartUpload"]
    filter_prefix = "AWSLogs/"
    filter_suffix = ".gz"
  }
  assert {
    condition = (
      aws_s3_bucket_notification.this.lambda_function[0].filter_prefix == "AWSLogs/"
      && aws_s3_bucket_notification.this.lambda_function[0].filter_suffix == ".gz"
      && length(aws_s3_bucket_notification.this.lambda_function[0].events) == 2
    )
    error_message = "filters and event types reach the notification"
  }
}

run "bucket_name_with_underscore_refused" {
  command = plan
  variables {
    bucket_id = "acme_prod_logs"
  }
  expect_failures = [var.bucket_id]
}

run "ip_address_bucket_name_refused" {
  command = plan
  variables {
    bucket_id = "192.168.1.10"
  }
  expect_failures = [var.bucket_id]
}

run "unknown_event_refused" {
  command = plan
  variables {
    events = ["s3:ObjectCreated:Upload"]
  }
  expect_failures = [var.events]
}

run "no_events_refused" {
  command = plan
  variables {
    events = []
  }
  expect_failures = [var.events]
}

run "unqualified_alias_arn_refused" {
  command = plan
  variables {
    rule_processor_alias_arn = "arn:aws:lambda:us-west-2:123456789012:function:acme_prod_streamalert_rule_processor"
  }
  expect_failures = [var.rule_processor_alias_arn]
}

run "overlong_filter_refused" {
  command = plan
  variables {
    filter_prefix = format("%01025d", 0)
  }
  expect_failures = [var.filter_prefix]
}

run "one_notification_per_filter" {
  command = plan
  variables {
    filters = [
      { prefix = "AWSLogs/", suffix = ".json.gz" },
      { prefix = "vpc/", suffix = "" },
      # Same prefix, disjoint suffixes: S3 takes both.
      { prefix = "AWSLogs/", suffix = ".csv" },
    ]
  }
  assert {
    condition = (
      [for f in aws_s3_bucket_notification.this.lambda_function : f.id] == ["acme_prod_streamalert", "acme_prod_streamalert_1", "acme_prod_streamalert_2"]
      && [for f in aws_s3_bucket_notification.this.lambda_function : f.filter_prefix] == ["AWSLogs/", "vpc/", "AWSLogs/"]
      && aws_s3_bucket_notification.this.lambda_function[0].filter_suffix == ".json.gz"
      && aws_s3_bucket_notification.this.lambda_function[1].filter_suffix == null
      && aws_s3_bucket_notification.this.lambda_function[2].filter_suffix == ".csv"
    )
    error_message = "each filter is its own notification, the first with the single filter's id"
  }
}

run "overlapping_filters_refused" {
  command = plan
  variables {
    filters = [
      { prefix = "AWSLogs/", suffix = "" },
      { prefix = "AWSLogs/123/", suffix = ".gz" },
    ]
  }
  expect_failures = [var.filters]
}
