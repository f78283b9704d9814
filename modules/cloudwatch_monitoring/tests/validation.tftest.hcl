mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  prefix                = "acme"
  cluster               = "prod"
  sns_topic_arn         = "arn:aws:sns:us-east-1:123456789012:stream_alert_monitoring"
  lambda_function_names = ["acme_prod_streamalert_rule_processor", "acme_prod_streamalert_alert_processor"]
}

run "lambda_only" {
  command = plan
  assert {
    condition     = length(output.alarm_names) == 6
    error_message = "three alarms per function, none for kinesis or firehose"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.lambda_iterator_age["acme_prod_streamalert_rule_processor"].dimensions["Resource"] == "acme_prod_streamalert_rule_processor:production"
    error_message = "alias dimension"
  }
}

run "all" {
  command = plan
  variables {
    kinesis_stream_name = "acme_prod_stream_alert_kinesis"
    firehose_name       = "acme_prod_stream_alert_firehose"
  }
  assert {
    condition     = length(output.alarm_names) == 9
    error_message = "nine alarms"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.kinesis_write_exceeded[0].threshold == 10 && aws_cloudwatch_metric_alarm.kinesis_write_exceeded[0].evaluation_periods == 6
    error_message = "write exceeded defaults"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.firehose_data_freshness[0].threshold == 900 && aws_cloudwatch_metric_alarm.firehose_data_freshness[0].statistic == "Maximum"
    error_message = "freshness defaults"
  }
}

run "bad_topic" {
  command = plan
  variables {
    sns_topic_arn = "stream_alert_monitoring"
  }
  expect_failures = [var.sns_topic_arn]
}

run "qualified_function" {
  command = plan
  variables {
    lambda_function_names = ["fn:production"]
  }
  expect_failures = [var.lambda_function_names]
}

run "duplicate_function" {
  command = plan
  variables {
    lambda_function_names = ["fn", "fn"]
  }
  expect_failures = [var.lambda_function_names]
}

run "bad_period" {
  command = plan
  variables {
    lambda_throttle_error_period = 90
  }
  expect_failures = [var.lambda_throttle_error_period]
}

run "bad_evaluation_periods" {
  command = plan
  variables {
    kinesis_write_throughput_exceeded_evaluation_periods = 0
  }
  expect_failures = [var.kinesis_write_throughput_exceeded_evaluation_periods]
}

run "negative_threshold" {
  command = plan
  variables {
    firehose_data_freshness_threshold = -1
  }
  expect_failures = [var.firehose_data_freshness_threshold]
}
