# The feed collector's function, schedule, bucket, rights (its prefix only) and failure
# alarm, planned with a mock provider.

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
  prefix        = "acme"
  bucket        = "acme-threat-intel"
  feeds         = ["urlhaus", "feodo"]
  zip           = "tests/fixtures/collector.zip"
  alarm_actions = ["arn:aws:sns:us-east-1:123456789012:acme_streamalert_monitoring"]
}

run "collector" {
  command = plan
  assert {
    condition     = aws_lambda_function.feeds.function_name == "acme_threat_intel_feeds" && aws_lambda_function.feeds.handler == "index.threatIntelFeeds" && aws_lambda_function.feeds.reserved_concurrent_executions == 1
    error_message = "one function, the feeds' handler, one run at a time"
  }
  assert {
    condition     = aws_lambda_function.feeds.environment[0].variables.THREAT_INTEL_FEEDS == "urlhaus,feodo" && aws_lambda_function.feeds.environment[0].variables.THREAT_INTEL_PREFIX == "threat-intel/"
    error_message = "the environment names the feeds and the prefix"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.schedule.schedule_expression == "rate(4 minutes)"
    error_message = "abuse.ch feeds are pulled every 4 minutes by default"
  }
  assert {
    condition     = aws_s3_bucket.feeds.bucket == "acme-threat-intel" && aws_s3_bucket_versioning.feeds.versioning_configuration[0].status == "Enabled"
    error_message = "the bucket is the configured one, versioned"
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.failures.pattern == "{ $.metric_name = \"ThreatIntelFeedFailures\" }" && aws_cloudwatch_metric_alarm.failures.alarm_actions == toset(var.alarm_actions)
    error_message = "feed failures raise the alarm to the monitoring topic"
  }
}

run "unknown_feed" {
  command = plan
  variables {
    feeds = ["pastebin"]
  }
  expect_failures = [var.feeds]
}

run "otx_key_read_not_carried" {
  command = plan
  variables {
    feeds          = ["feodo", "otx"]
    otx_credential = "/streamalert/threat-intel/otx"
    account_id     = "123456789012"
    region         = "us-east-1"
  }
  assert {
    condition     = aws_lambda_function.feeds.environment[0].variables.THREAT_INTEL_OTX_CREDENTIAL == "/streamalert/threat-intel/otx"
    error_message = "the function is told where the key is"
  }
  assert {
    condition = jsonencode([for s in data.aws_iam_policy_document.feeds.statement : [sort(s.actions), sort(s.resources)] if s.sid == "ReadOtxKey"]) == jsonencode([
      [["ssm:GetParameter"], ["arn:aws:ssm:us-east-1:123456789012:parameter/streamalert/threat-intel/otx"]],
    ])
    error_message = "the function may read exactly that parameter"
  }
}

run "otx_without_a_key" {
  command = plan
  variables {
    feeds = ["otx"]
  }
  expect_failures = [aws_lambda_function.feeds]
}

run "no_otx_no_key_grant" {
  command = plan
  assert {
    condition     = length([for s in data.aws_iam_policy_document.feeds.statement : s if s.sid == "ReadOtxKey"]) == 0 && !contains(keys(aws_lambda_function.feeds.environment[0].variables), "THREAT_INTEL_OTX_CREDENTIAL")
    error_message = "without OTX the function reads no secret"
  }
}
