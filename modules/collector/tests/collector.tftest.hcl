# The collector's function, schedule, rights (exactly its credential and its stream) and
# alarms, planned with a mock provider.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  prefix             = "acme"
  cluster            = "prod"
  name               = "okta_main"
  type               = "okta"
  settings           = { hostname = "acme.okta.com" }
  credential         = "/streamalert/collectors/okta_main"
  kinesis_stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_stream_alert_kinesis"
  zip                = "tests/fixtures/collector.zip"
  alarm_actions      = ["arn:aws:sns:us-east-1:123456789012:acme_streamalert_monitoring"]
}

run "ssm_credential" {
  command = plan
  assert {
    condition     = aws_lambda_function.collector.function_name == "acme_prod_collector_okta_main" && aws_lambda_function.collector.reserved_concurrent_executions == 1
    error_message = "one function per collector, one invocation at a time"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.schedule.schedule_expression == "rate(1 minute)"
    error_message = "polls every minute by default"
  }
  assert {
    condition = (
      aws_lambda_function.collector.environment[0].variables.COLLECTOR_CREDENTIAL == "/streamalert/collectors/okta_main"
      && aws_lambda_function.collector.environment[0].variables.COLLECTOR_SETTINGS == "{\"hostname\":\"acme.okta.com\"}"
      && aws_lambda_function.collector.environment[0].variables.STREAM_NAME == "acme_prod_stream_alert_kinesis"
    )
    error_message = "the function learns where its credential is, never the credential"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.collector.statement : s.resources if s.sid == "ReadCredential"]) == toset(["arn:aws:ssm:us-east-1:123456789012:parameter/streamalert/collectors/okta_main"]) && one([for s in data.aws_iam_policy_document.collector.statement : s.actions if s.sid == "ReadCredential"]) == toset(["ssm:GetParameter"])
    error_message = "reads exactly its own parameter"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.collector.statement : s.resources if s.sid == "WriteStream"]) == toset([var.kinesis_stream_arn])
    error_message = "writes only to its cluster's stream"
  }
  assert {
    condition     = [for s in data.aws_iam_policy_document.collector.statement : s.sid] == ["Logs", "WriteStream", "Checkpoint", "ReadCredential"]
    error_message = "nothing but logs, its stream, its checkpoint and its credential"
  }
  assert {
    condition = (
      aws_cloudwatch_metric_alarm.no_successful_poll.evaluation_periods == 15
      && aws_cloudwatch_metric_alarm.no_successful_poll.treat_missing_data == "breaching"
      && aws_cloudwatch_metric_alarm.no_successful_poll.metric_name == "Collector-prod-okta_main-CollectorSuccessfulPoll"
      && aws_cloudwatch_metric_alarm.lag.threshold == 1800
      && aws_cloudwatch_metric_alarm.lag.metric_name == "Collector-prod-okta_main-CollectorLagSeconds"
    )
    error_message = "alarms on no successful poll for 15 minutes and on lag"
  }
  assert {
    condition     = aws_cloudwatch_metric_alarm.errors.alarm_actions == toset(var.alarm_actions)
    error_message = "errors alarm the monitoring topic"
  }
}

run "secrets_manager_credential" {
  command = plan
  variables {
    credential             = "arn:aws:secretsmanager:us-east-1:123456789012:secret:collectors/github-AbCdEf"
    credential_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"
    type                   = "github_audit"
    settings               = { organization = "acme" }
    schedule_expression    = "rate(5 minutes)"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.collector.statement : s.actions if s.sid == "ReadCredential"]) == toset(["secretsmanager:GetSecretValue"]) && one([for s in data.aws_iam_policy_document.collector.statement : s.resources if s.sid == "ReadCredential"]) == toset([var.credential])
    error_message = "reads exactly its own secret"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.collector.statement : s.resources if s.sid == "DecryptCredential"]) == toset([var.credential_kms_key_arn])
    error_message = "decrypts with the credential's key only"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.schedule.schedule_expression == "rate(5 minutes)"
    error_message = "the schedule is configurable"
  }
}

run "unknown_type_refused" {
  command = plan
  variables {
    type = "myspace"
  }
  expect_failures = [var.type]
}

run "credential_value_refused" {
  command = plan
  variables {
    credential = "00aBcDeFgHiJkLmNoP"
  }
  expect_failures = [var.credential]
}

run "long_name_refused" {
  command = plan
  variables {
    cluster = "a_very_long_cluster_name_for_xx"
    name    = "a_long_collector_name_xx"
  }
  expect_failures = [var.name]
}

# A collector made from a StreamAlert 3 app reads the app's own parameter, which has no
# leading "/", as StreamAlert stored it.
run "streamalert_app_credential" {
  command = plan
  variables {
    name              = "duo_prod"
    type              = "duo_auth"
    settings          = {}
    credential        = "acme_prod_duo_auth_duo-prod_app_auth"
    credential_format = "streamalert_app"
  }
  assert {
    condition     = one([for s in data.aws_iam_policy_document.collector.statement : s.resources if s.sid == "ReadCredential"]) == toset(["arn:aws:ssm:us-east-1:123456789012:parameter/acme_prod_duo_auth_duo-prod_app_auth"])
    error_message = "reads exactly the app's parameter"
  }
  assert {
    condition     = aws_lambda_function.collector.environment[0].variables.COLLECTOR_CREDENTIAL_FORMAT == "streamalert_app"
    error_message = "the function learns the credential's format"
  }
}

run "bare_parameter_name_needs_streamalert_format" {
  command = plan
  variables {
    credential = "acme_prod_duo_auth_duo-prod_app_auth"
  }
  expect_failures = [var.credential]
}
