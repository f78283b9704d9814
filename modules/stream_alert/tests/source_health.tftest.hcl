# Source health (source_health.tf): silence and volume-drop alarms per log type rules read,
# planned with a mock provider.

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

  source_health_rules_file      = "tests/fixtures/source_health.json"
  source_health_silence_minutes = { "okta" = 15, "osquery" = 60 }
}

run "drop_alarms_at_the_issue_levels" {
  command = plan
  assert {
    condition = (
      sort(keys(output.source_drop_alarm_names)) == tolist([
        "critical_okta:system_log", "critical_osquery:differential",
        "warning_okta:system_log", "warning_osquery:differential",
      ]) &&
      output.source_drop_alarm_names["warning_okta:system_log"] == "acme_prod_source_drop_warning_okta:system_log"
    )
    error_message = "a warning and a critical drop alarm per log type with a silence alarm"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.source_volume_drop["warning_okta:system_log"].threshold == 50 &&
      aws_cloudwatch_metric_alarm.source_volume_drop["critical_okta:system_log"].threshold == 90
    )
    error_message = "the issue's levels by default"
  }
  assert {
    condition = alltrue([
      for a in aws_cloudwatch_metric_alarm.source_volume_drop :
      a.evaluation_periods * one([for q in a.metric_query : q.metric[0].period if q.id == "records"]) == 604800
    ])
    error_message = "each alarm reads seven days of hourly sums, CloudWatch's longest evaluation range"
  }
}

run "custom_levels_and_minimum" {
  command = plan
  variables {
    source_health_volume_drop = { warning_percent = 60, critical_percent = 95, minimum_hourly_records = 100 }
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.source_volume_drop["critical_osquery:differential"].threshold == 95
    error_message = "the configured critical level"
  }
  assert {
    condition = one([
      for q in aws_cloudwatch_metric_alarm.source_volume_drop["warning_okta:system_log"].metric_query :
      q.expression if q.return_data == true
    ]) == "IF(latest < baseline AND baseline >= 100, 100 * (1 - latest / baseline), 0)"
    error_message = "the configured smallest baseline"
  }
}

run "drops_off" {
  command = plan
  variables {
    source_health_volume_drop = null
  }
  assert {
    condition     = length(aws_cloudwatch_metric_alarm.source_volume_drop) == 0 && length(aws_cloudwatch_metric_alarm.source_silent) == 2
    error_message = "null removes the drop alarms and keeps the silence alarms"
  }
}

run "critical_not_above_warning" {
  command = plan
  variables {
    source_health_volume_drop = { warning_percent = 90, critical_percent = 90, minimum_hourly_records = 10 }
  }
  expect_failures = [var.source_health_volume_drop]
}
