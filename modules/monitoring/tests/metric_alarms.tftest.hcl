mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition = "aws"
    }
  }
}

variables {
  account_id       = "123456789012"
  kms_key_alias    = "stream_alert_secrets"
  create_sns_topic = false
  sns_topic_name   = "stream_alert_monitoring"
}

run "no_alarms_by_default" {
  command = plan
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.metric) == 0
    error_message = "no alarm without metric_alarms"
  }
}

run "aggregate_alarm" {
  command = plan
  variables {
    metric_alarms = {
      "Aggregate FailedParses" = {
        alarm_description   = "5 or more failed parses in 10 minutes, all clusters"
        comparison_operator = "GreaterThanOrEqualToThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses"
        period              = 600
        statistic           = "Sum"
        threshold           = 5
      }
    }
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["Aggregate FailedParses"].namespace == "StreamAlert"
    error_message = "namespace StreamAlert"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["Aggregate FailedParses"].alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:stream_alert_monitoring"])
    error_message = "notifies the existing monitoring topic"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["Aggregate FailedParses"].metric_name == "RuleProcessor-FailedParses" && aws_cloudwatch_metric_alarm.metric["Aggregate FailedParses"].threshold == 5
    error_message = "metric and threshold as given"
  }
}

run "description_is_optional" {
  command = plan
  variables {
    metric_alarms = {
      quiet = {
        comparison_operator = "LessThanThreshold"
        evaluation_periods  = 3
        metric_name         = "RuleProcessor-TotalRecords"
        period              = 60
        statistic           = "Sum"
        threshold           = 1
      }
    }
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["quiet"].alarm_description == ""
    error_message = "empty description"
  }
}

run "bad_period" {
  command = plan
  variables {
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThanThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses"
        period              = 45
        statistic           = "Sum"
        threshold           = 0
      }
    }
  }
  expect_failures = [var.metric_alarms]
}

run "evaluation_range_too_long" {
  command = plan
  variables {
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThanThreshold"
        evaluation_periods  = 25
        metric_name         = "RuleProcessor-FailedParses"
        period              = 3540
        statistic           = "Sum"
        threshold           = 0
      }
    }
  }
  expect_failures = [var.metric_alarms]
}

run "bad_statistic" {
  command = plan
  variables {
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThanThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses"
        period              = 60
        statistic           = "p99"
        threshold           = 0
      }
    }
  }
  expect_failures = [var.metric_alarms]
}
