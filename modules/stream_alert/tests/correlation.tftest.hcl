# The window table of Sigma correlation rules (correlation.tf), applied with a mock provider.

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
  mock_resource "aws_iam_role" {
    defaults = {
      arn = "arn:aws:iam::123456789012:role/acme_prod_role"
    }
  }
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:acme_prod_streamalerts"
    }
  }
  mock_resource "aws_lambda_function" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:acme_prod_fn"
    }
  }
  mock_resource "aws_lambda_alias" {
    defaults = {
      arn = "arn:aws:lambda:us-east-1:123456789012:function:acme_prod_fn:production"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme_prod_fn"
    }
  }
  mock_resource "aws_dynamodb_table" {
    defaults = {
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/acme_prod_streamalert_correlation"
    }
  }
  mock_resource "aws_cloudwatch_event_rule" {
    defaults = {
      arn = "arn:aws:events:us-east-1:123456789012:rule/acme_prod_streamalert_alert_merger"
    }
  }
  mock_resource "aws_sqs_queue" {
    defaults = {
      arn = "arn:aws:sqs:us-east-1:123456789012:acme_prod_streamalert_dead_letters"
      url = "https://sqs.us-east-1.amazonaws.com/123456789012/acme_prod_streamalert_dead_letters"
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

run "on_demand_window_table_with_ttl_and_live_index" {
  command = apply
  assert {
    condition     = aws_dynamodb_table.correlation.name == "acme_prod_streamalert_correlation" && aws_dynamodb_table.correlation.billing_mode == "PAY_PER_REQUEST"
    error_message = "one on-demand window table per cluster"
  }
  assert {
    condition     = aws_dynamodb_table.correlation.hash_key == "Group" && aws_dynamodb_table.correlation.range_key == "Event"
    error_message = "keyed by group and event: a conditional put per event counts a retried batch once"
  }
  assert {
    condition = anytrue([
      for i in aws_dynamodb_table.correlation.local_secondary_index : i.name == "Live" && i.range_key == "Live" && i.projection_type == "ALL"
    ])
    error_message = "the sparse index Live holds the events no alert has used yet"
  }
  assert {
    condition     = aws_dynamodb_table.correlation.ttl[0].enabled && aws_dynamodb_table.correlation.ttl[0].attribute_name == "ExpiresAt"
    error_message = "TTL on ExpiresAt: windows never stay forever"
  }
  assert {
    condition     = aws_dynamodb_table.correlation.server_side_encryption[0].enabled
    error_message = "always encrypted (the AWS managed key unless one is given)"
  }
  assert {
    condition     = aws_lambda_function.rule_processor.environment[0].variables["CORRELATION_TABLE"] == output.correlation_table_name
    error_message = "the rule processor is told the table"
  }
  assert {
    condition     = aws_iam_role_policy.rule_processor_correlation.role == aws_iam_role.rule_processor.id
    error_message = "the grant is the rule processor's"
  }
}

run "window_grant_is_least_privilege" {
  command = apply
  assert {
    condition = (
      length(data.aws_iam_policy_document.rule_processor_correlation.statement) == 1
      && data.aws_iam_policy_document.rule_processor_correlation.statement[0].actions == toset(["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Query"])
      && data.aws_iam_policy_document.rule_processor_correlation.statement[0].resources == toset([
        "arn:aws:dynamodb:us-east-1:123456789012:table/acme_prod_streamalert_correlation",
        "arn:aws:dynamodb:us-east-1:123456789012:table/acme_prod_streamalert_correlation/index/Live",
        "arn:aws:dynamodb:us-east-1:123456789012:table/acme_prod_streamalert_correlation/index/Due",
      ])
    )
    error_message = "only put, update and query, only on the window table and its indexes: no scan, no delete"
  }
}

run "absence_deadlines_checked_every_minute" {
  command = apply
  assert {
    condition = anytrue([
      for i in aws_dynamodb_table.correlation.global_secondary_index : i.name == "Due" && i.hash_key == "Waits" && i.range_key == "Due" && i.projection_type == "ALL"
    ])
    error_message = "the sparse index Due lists the open waits by deadline"
  }
  assert {
    condition     = aws_cloudwatch_event_rule.correlation_tick.schedule_expression == "rate(1 minute)"
    error_message = "deadlines are checked every minute"
  }
  assert {
    condition = (
      aws_cloudwatch_event_target.correlation_tick.rule == aws_cloudwatch_event_rule.correlation_tick.name
      && aws_cloudwatch_event_target.correlation_tick.arn == aws_lambda_alias.rule_processor_production.arn
      && jsondecode(aws_cloudwatch_event_target.correlation_tick.input) == { streamalert = "correlation-tick" }
    )
    error_message = "the tick invokes the rule processor's production alias with a tick event"
  }
  assert {
    condition = (
      aws_lambda_permission.correlation_tick.principal == "events.amazonaws.com"
      && aws_lambda_permission.correlation_tick.source_arn == aws_cloudwatch_event_rule.correlation_tick.arn
      && aws_lambda_permission.correlation_tick.qualifier == aws_lambda_alias.rule_processor_production.name
      && aws_lambda_permission.correlation_tick.function_name == aws_lambda_function.rule_processor.function_name
    )
    error_message = "only the tick rule may invoke, and only the production alias"
  }
}

run "customer_managed_window_table_key" {
  command = apply
  variables {
    correlation_table_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = aws_dynamodb_table.correlation.server_side_encryption[0].kms_key_arn == "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "the given key encrypts the table"
  }
}
