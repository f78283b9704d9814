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
  prefix             = "acme"
  cluster            = "prod_east"
  account_id         = "123456789012"
  region             = "us-east-1"
  enable_logging     = true
  kinesis_stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_stream_alert_kinesis"
}

run "valid" {
  command = plan
  assert {
    condition     = aws_cloudtrail.this[0].name == "acme.prod_east.streamalert.cloudtrail" && aws_s3_bucket.this[0].bucket == "acme.prod.east.streamalert.cloudtrail"
    error_message = "names"
  }
  assert {
    condition     = jsondecode(aws_cloudwatch_event_rule.all_events.event_pattern) == { account = ["123456789012"] }
    error_message = "default pattern"
  }
  assert {
    condition     = aws_kms_alias.this[0].name == "alias/acme_prod_east_streamalert_cloudtrail"
    error_message = "alias"
  }
}

run "existing_trail" {
  command = plan
  variables {
    existing_trail = true
    event_pattern  = "{\"source\": [\"aws.ec2\"], \"detail\": {\"eventName\": [\"RunInstances\"]}}"
  }
  assert {
    condition     = length(aws_cloudtrail.this) == 0 && length(aws_s3_bucket.this) == 0 && length(aws_kms_key.this) == 0 && output.trail_arn == null && output.bucket_name == null
    error_message = "nothing but the rule"
  }
}

run "pattern_not_json" {
  command = plan
  variables {
    event_pattern = "{account: 1"
  }
  expect_failures = [var.event_pattern, var.event_pattern]
}

run "pattern_array" {
  command = plan
  variables {
    event_pattern = "[\"account\"]"
  }
  expect_failures = [var.event_pattern, var.event_pattern]
}

run "pattern_empty" {
  command = plan
  variables {
    event_pattern = "{}"
  }
  expect_failures = [var.event_pattern]
}

run "pattern_unknown_key" {
  command = plan
  variables {
    event_pattern = "{\"account\": [\"123456789012\"], \"accounts\": [\"1\"]}"
  }
  expect_failures = [var.event_pattern]
}

run "bad_account" {
  command = plan
  variables {
    account_id = "12345"
  }
  expect_failures = [var.account_id]
}

run "bad_region" {
  command = plan
  variables {
    region = "US East"
  }
  expect_failures = [var.region]
}

run "dotted_prefix" {
  command = plan
  variables {
    prefix = "acme.corp"
  }
  expect_failures = [var.prefix]
}

run "double_underscore" {
  command = plan
  variables {
    cluster = "prod__east"
  }
  expect_failures = [aws_s3_bucket.this]
}

run "double_dash" {
  command = plan
  variables {
    cluster = "prod--east"
  }
  expect_failures = [aws_cloudtrail.this]
}

run "streamalert_3_settings" {
  command = plan
  variables {
    bucket_name        = "acme-prod-east-streamalert-cloudtrail"
    cross_account_ids  = ["444455556666", "777788889999"]
    s3_data_events     = "WriteOnly"
    event_bus_accounts = ["444455556666"]
    event_bus_org_ids  = ["o-aabbccddee"]
  }
  assert {
    condition     = aws_s3_bucket.this[0].bucket == "acme-prod-east-streamalert-cloudtrail" && aws_cloudtrail.this[0].name == "acme-prod-east-streamalert-cloudtrail"
    error_message = "bucket_name names the bucket and the trail, as StreamAlert 3"
  }
  assert {
    condition     = length(aws_cloudtrail.this[0].event_selector) == 1 && aws_cloudtrail.this[0].event_selector[0].read_write_type == "WriteOnly"
    error_message = "S3 data events"
  }
  assert {
    condition = toset([for s in data.aws_iam_policy_document.bucket[0].statement : s.sid]) == toset([
      "AWSCloudTrailAclCheck", "AWSCloudTrailWrite", "CrossAccountCloudTrailAclCheck",
      "CrossAccountCloudTrailWrite444455556666", "CrossAccountCloudTrailWrite777788889999",
      "DenyInsecureTransport",
    ])
    error_message = "one write statement per other account"
  }
  assert {
    condition     = aws_cloudwatch_event_permission.account["444455556666"].statement_id == "account_444455556666_us-east-1" && aws_cloudwatch_event_permission.organization["o-aabbccddee"].condition[0].value == "o-aabbccddee"
    error_message = "event bus permissions"
  }
}

run "defaults_add_nothing" {
  command = plan
  assert {
    condition     = length(aws_cloudtrail.this[0].event_selector) == 0 && length(aws_cloudwatch_event_permission.account) == 0 && length(aws_cloudwatch_event_permission.organization) == 0 && length(data.aws_iam_policy_document.bucket[0].statement) == 3
    error_message = "no StreamAlert 3 settings: the trail, bucket policy and bus as before"
  }
}

run "bad_cross_account_id" {
  command = plan
  variables {
    cross_account_ids  = ["4444"]
    event_bus_accounts = ["x"]
    event_bus_org_ids  = ["org-1"]
    s3_data_events     = "Everything"
  }
  expect_failures = [var.cross_account_ids, var.event_bus_accounts, var.event_bus_org_ids, var.s3_data_events]
}
