# The merge table and the alert merger (merger.tf), applied with a mock provider.

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
      arn = "arn:aws:dynamodb:us-east-1:123456789012:table/acme_prod_streamalert_merge"
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

run "encrypted_on_demand_table_with_ttl" {
  command = apply
  assert {
    condition     = aws_dynamodb_table.merge.name == "acme_prod_streamalert_merge" && aws_dynamodb_table.merge.billing_mode == "PAY_PER_REQUEST"
    error_message = "one on-demand table per cluster"
  }
  assert {
    condition     = aws_dynamodb_table.merge.hash_key == "RuleName" && aws_dynamodb_table.merge.range_key == "AlertID"
    error_message = "keyed like StreamAlert's alerts table: RuleName, AlertID"
  }
  assert {
    condition     = aws_dynamodb_table.merge.ttl[0].enabled && aws_dynamodb_table.merge.ttl[0].attribute_name == "ExpiresAt"
    error_message = "TTL on ExpiresAt"
  }
  assert {
    condition     = aws_dynamodb_table.merge.server_side_encryption[0].enabled
    error_message = "always encrypted (the AWS managed key unless one is given)"
  }
  assert {
    condition     = aws_lambda_function.rule_processor.environment[0].variables["MERGE_TABLE"] == output.merge_table_name
    error_message = "the rule processor is told the table"
  }
  assert {
    condition     = aws_lambda_function.alert_merger.handler == "index.merge" && aws_lambda_function.alert_merger.filename == var.rule_processor_zip
    error_message = "the merger is the rule processor's zip with handler index.merge"
  }
  assert {
    condition     = aws_lambda_function.alert_merger.timeout < 60 && aws_cloudwatch_event_rule.alert_merger.schedule_expression == "rate(1 minute)"
    error_message = "run every minute, never longer than a minute"
  }
  assert {
    condition     = aws_cloudwatch_event_target.alert_merger.arn == aws_lambda_function.alert_merger.arn && aws_lambda_permission.alert_merger_schedule.principal == "events.amazonaws.com"
    error_message = "EventBridge targets the merger and may invoke it"
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.alert_merger.maximum_retry_attempts == 0 && aws_lambda_function_event_invoke_config.alert_merger.destination_config[0].on_failure[0].destination == aws_sqs_queue.dead_letters.arn
    error_message = "a failed merger run is not retried by Lambda (the next run reads the same windows) and lands in the dead-letter queue"
  }
  assert {
    condition     = aws_lambda_function.alert_merger.environment[0].variables["DEAD_LETTER_QUEUE_URL"] == aws_sqs_queue.dead_letters.url
    error_message = "the merger sets aside the items it cannot merge in the dead-letter queue"
  }
  assert {
    condition = alltrue([
      for f in aws_cloudwatch_log_metric_filter.alert_merger : f.log_group_name == aws_cloudwatch_log_group.alert_merger.name
    ]) && length(aws_cloudwatch_log_metric_filter.alert_merger) == (var.rule_processor_enable_metrics ? 10 : 0)
    error_message = "the merger's metrics (MergeItemsSetAside, MergeWindowsLeft, ...) are filtered from its own log group when metrics are on"
  }
}

run "customer_managed_table_key" {
  command = apply
  variables {
    merge_table_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = aws_dynamodb_table.merge.server_side_encryption[0].kms_key_arn == "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    error_message = "the given key encrypts the table"
  }
}

run "merger_memory_is_checked" {
  command = plan
  variables {
    alert_merger_memory = 64
  }
  expect_failures = [var.alert_merger_memory]
}
