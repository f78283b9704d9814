# The dead-letter queue, the rule processor's limits and the async on-failure
# destination, planned with a mock provider.

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

run "encrypted_queue_with_14_days_retention" {
  command = apply
  assert {
    condition     = aws_sqs_queue.dead_letters.name == "acme_prod_streamalert_dead_letters" && aws_sqs_queue.dead_letters.message_retention_seconds == 1209600
    error_message = "queue named after the cluster, 14 days retention by default"
  }
  assert {
    condition     = aws_sqs_queue.dead_letters.sqs_managed_sse_enabled == true && aws_sqs_queue.dead_letters.kms_master_key_id == null
    error_message = "SSE-SQS when no KMS key is given"
  }
  assert {
    condition     = aws_lambda_function.rule_processor.environment[0].variables["DEAD_LETTER_QUEUE_URL"] == output.dead_letter_queue_url
    error_message = "the rule processor is told the queue URL"
  }
  assert {
    condition     = aws_lambda_function.rule_processor.environment[0].variables["MAX_DECOMPRESSED_BYTES"] == "67108864"
    error_message = "64 MiB decompression ceiling by default"
  }
  assert {
    condition     = aws_lambda_function_event_invoke_config.rule_processor.destination_config[0].on_failure[0].destination == output.dead_letter_queue_arn
    error_message = "failed S3/SNS invocations go to the queue"
  }
}

run "kms_key_and_settings" {
  command = plan
  variables {
    dead_letter_queue_kms_key_id          = "alias/streamalert"
    dead_letter_queue_retention_seconds   = 86400
    rule_processor_max_decompressed_bytes = 16777216
  }
  assert {
    condition     = aws_sqs_queue.dead_letters.kms_master_key_id == "alias/streamalert"
    error_message = "the queue is encrypted with the given KMS key"
  }
  assert {
    condition     = aws_sqs_queue.dead_letters.message_retention_seconds == 86400
    error_message = "retention is configurable"
  }
  assert {
    condition     = aws_lambda_function.rule_processor.environment[0].variables["MAX_DECOMPRESSED_BYTES"] == "16777216"
    error_message = "the ceiling reaches the function"
  }
}

run "retention_out_of_range" {
  command = plan
  variables {
    dead_letter_queue_retention_seconds = 1209601
  }
  expect_failures = [var.dead_letter_queue_retention_seconds]
}

run "ceiling_below_one_mib" {
  command = plan
  variables {
    rule_processor_max_decompressed_bytes = 1000
  }
  expect_failures = [var.rule_processor_max_decompressed_bytes]
}

run "ceiling_above_half_the_memory" {
  command = plan
  variables {
    rule_processor_memory                 = 128
    rule_processor_max_decompressed_bytes = 134217728
  }
  expect_failures = [aws_lambda_function.rule_processor]
}
