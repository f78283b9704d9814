# Custom metric filters and metric alarms (metrics.tf), planned with a mock provider.

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
  prefix              = "acme"
  cluster             = "prod"
  account_id          = "123456789012"
  region              = "us-east-1"
  rule_processor_zip  = "tests/fixtures/processor.zip"
  alert_processor_zip = "tests/fixtures/processor.zip"

  rule_processor_timeout  = 10
  rule_processor_memory   = 256
  rule_processor_version  = "$LATEST"
  alert_processor_timeout = 25
  alert_processor_memory  = 128
  alert_processor_version = "$LATEST"
}

run "no_metrics_by_default" {
  command = plan
  assert {
    condition     = length(aws_cloudwatch_log_metric_filter.metric) == 0 && length(aws_cloudwatch_metric_alarm.metric) == 0
    error_message = "no filters or alarms unless metrics are enabled"
  }
}

run "rule_processor_metrics" {
  command = plan
  variables {
    rule_processor_enable_metrics = true
    rule_processor_metric_names   = ["TotalRecords", "FailedParses"]
  }
  assert {
    condition = output.metric_filter_names == tolist([
      "RuleProcessor-FailedParses", "RuleProcessor-FailedParses-PROD",
      "RuleProcessor-TotalRecords", "RuleProcessor-TotalRecords-PROD",
    ])
    error_message = "a cluster and an aggregate filter per metric, on the rule processor only"
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.metric["RuleProcessor-FailedParses-PROD"].pattern == "{ $.metric_name = \"FailedParses\" }"
    error_message = "pattern matches the metric's JSON log lines"
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.metric["RuleProcessor-FailedParses"].log_group_name == "/aws/lambda/acme_prod_streamalert_rule_processor"
    error_message = "filter on the rule processor's log group"
  }
  assert {
    condition = alltrue([
      for f in aws_cloudwatch_log_metric_filter.metric :
      f.metric_transformation[0].namespace == "StreamAlert" && f.metric_transformation[0].value == "$.metric_value" && f.metric_transformation[0].name == f.name
    ])
    error_message = "namespace StreamAlert, value $.metric_value, metric named as the filter"
  }
}

run "alert_processor_metrics_default_names" {
  command = plan
  variables {
    alert_processor_enable_metrics = true
  }
  assert {
    condition = output.metric_filter_names == tolist([
      "AlertProcessor-AlertDeliveryFailures", "AlertProcessor-AlertDeliveryFailures-PROD",
      "AlertProcessor-AlertsDelivered", "AlertProcessor-AlertsDelivered-PROD",
    ])
    error_message = "the alert processor's metrics"
  }
  assert {
    condition     = aws_cloudwatch_log_metric_filter.metric["AlertProcessor-AlertsDelivered"].log_group_name == "/aws/lambda/acme_prod_streamalert_alert_processor"
    error_message = "filter on the alert processor's log group"
  }
}

run "cluster_alarm" {
  command = plan
  variables {
    rule_processor_enable_metrics = true
    monitoring_sns_topic_arn      = "arn:aws:sns:us-east-1:123456789012:stream_alert_monitoring"
    metric_alarms = {
      "Prod FailedParses" = {
        alarm_description   = "5 or more failed parses in 10 minutes"
        comparison_operator = "GreaterThanOrEqualToThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses-PROD"
        period              = 600
        statistic           = "Sum"
        threshold           = 5
      }
    }
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["Prod FailedParses"].alarm_actions == toset(["arn:aws:sns:us-east-1:123456789012:stream_alert_monitoring"])
    error_message = "notifies the monitoring topic"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.metric["Prod FailedParses"].namespace == "StreamAlert" && aws_cloudwatch_metric_alarm.metric["Prod FailedParses"].period == 600
    error_message = "namespace and period"
  }
}

run "alarm_without_metrics" {
  command = plan
  variables {
    monitoring_sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:stream_alert_monitoring"
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThanThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses-PROD"
        period              = 60
        statistic           = "Sum"
        threshold           = 0
      }
    }
  }
  expect_failures = [aws_cloudwatch_metric_alarm.metric["a"]]
}

run "alarm_without_topic" {
  command = plan
  variables {
    rule_processor_enable_metrics = true
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThanThreshold"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses-PROD"
        period              = 60
        statistic           = "Sum"
        threshold           = 0
      }
    }
  }
  expect_failures = [aws_cloudwatch_metric_alarm.metric["a"]]
}

run "bad_comparison_operator" {
  command = plan
  variables {
    metric_alarms = {
      a = {
        comparison_operator = "GreaterThan"
        evaluation_periods  = 1
        metric_name         = "RuleProcessor-FailedParses-PROD"
        period              = 60
        statistic           = "Sum"
        threshold           = 0
      }
    }
  }
  expect_failures = [var.metric_alarms]
}

run "fifo_topic" {
  command = plan
  variables {
    monitoring_sns_topic_arn = "arn:aws:sns:us-east-1:123456789012:alarms.fifo"
  }
  expect_failures = [var.monitoring_sns_topic_arn]
}

run "streamalert3_function_settings" {
  command = plan
  variables {
    rule_processor_log_retention_days = 14
    alert_processor_concurrency_limit = 2
    monitoring_sns_topic_arn          = "arn:aws:sns:us-east-1:123456789012:acme_streamalert_monitoring"
    lambda_alarms = {
      acme_prod_streamalert_rule_processor_invocation_errors = {
        function = "rule_processor", metric_name = "Errors", threshold = 3, evaluation_periods = 2, period = 300
      }
    }
  }
  assert {
    condition     = aws_cloudwatch_log_group.rule_processor.retention_in_days == 14 && aws_cloudwatch_log_group.alert_processor.retention_in_days == 60
    error_message = "a function's own retention, the other keeps log_retention_days"
  }
  assert {
    condition     = aws_lambda_function.alert_processor.reserved_concurrent_executions == 2
    error_message = "the alert processor reserves its concurrency_limit"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.lambda["acme_prod_streamalert_rule_processor_invocation_errors"].namespace == "AWS/Lambda" &&
      aws_cloudwatch_metric_alarm.lambda["acme_prod_streamalert_rule_processor_invocation_errors"].threshold == 3 &&
      aws_cloudwatch_metric_alarm.lambda["acme_prod_streamalert_rule_processor_invocation_errors"].period == 300 &&
      aws_cloudwatch_metric_alarm.lambda["acme_prod_streamalert_rule_processor_invocation_errors"].dimensions["Resource"] == "acme_prod_streamalert_rule_processor:production"
    )
    error_message = "the Errors alarm watches the rule processor's production alias with the given threshold and period"
  }
}

run "lambda_alarms_need_the_topic" {
  command = plan
  variables {
    lambda_alarms = {
      a = { function = "alert_processor", metric_name = "Throttles", threshold = 0, evaluation_periods = 1, period = 120 }
    }
  }
  expect_failures = [aws_cloudwatch_metric_alarm.lambda]
}
