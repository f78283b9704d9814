# Retry budget, age limit, bisection and on-failure destination of the mapping,
# planned with a mock provider.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  enabled                    = true
  kinesis_stream_arn         = "arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_stream_alert_kinesis"
  rule_processor_alias_arn   = "arn:aws:lambda:us-east-1:123456789012:function:acme_prod_streamalert_rule_processor:production"
  rule_processor_role_name   = "acme_prod_streamalert_rule_processor_role"
  on_failure_destination_arn = "arn:aws:sqs:us-east-1:123456789012:acme_prod_streamalert_dead_letters"
}

run "safe_defaults" {
  command = plan
  assert {
    condition = (
      aws_lambda_event_source_mapping.kinesis.maximum_retry_attempts == 3
      && aws_lambda_event_source_mapping.kinesis.maximum_record_age_in_seconds == 21600
      && aws_lambda_event_source_mapping.kinesis.bisect_batch_on_function_error == true
    )
    error_message = "3 retries, 6 hours, bisect on error by default"
  }
  assert {
    condition     = aws_lambda_event_source_mapping.kinesis.destination_config[0].on_failure[0].destination_arn == var.on_failure_destination_arn
    error_message = "exhausted batches are recorded at the dead-letter queue"
  }
  assert {
    condition     = aws_iam_role_policy.on_failure.role == var.rule_processor_role_name
    error_message = "the role may send to the destination"
  }
}

run "configured" {
  command = plan
  variables {
    maximum_retry_attempts         = 0
    maximum_record_age_in_seconds  = 60
    bisect_batch_on_function_error = false
  }
  assert {
    condition = (
      aws_lambda_event_source_mapping.kinesis.maximum_retry_attempts == 0
      && aws_lambda_event_source_mapping.kinesis.maximum_record_age_in_seconds == 60
      && aws_lambda_event_source_mapping.kinesis.bisect_batch_on_function_error == false
    )
    error_message = "settings reach the mapping"
  }
}

run "retry_forever_refused" {
  command = plan
  variables {
    maximum_retry_attempts = -1
  }
  expect_failures = [var.maximum_retry_attempts]
}

run "record_age_unbounded_refused" {
  command = plan
  variables {
    maximum_record_age_in_seconds = -1
  }
  expect_failures = [var.maximum_record_age_in_seconds]
}

run "destination_must_be_a_queue_or_topic" {
  command = plan
  variables {
    on_failure_destination_arn = "arn:aws:s3:::bucket"
  }
  expect_failures = [var.on_failure_destination_arn]
}
