# The alert processor's grants for the AWS outputs of issue 10 (Firehose, SQS,
# CloudWatch Logs, SES): exactly the named resources, the log stream named after
# the function, and names the services would refuse rejected by the variables.
# Planned with a mock provider; statements are read from the policy document's
# arguments (the mock provider does not render its JSON).

mock_provider "aws" {
  override_during = plan

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
  mock_resource "aws_sns_topic" {
    defaults = {
      arn = "arn:aws:sns:us-east-1:123456789012:acme_prod_streamalerts"
    }
  }
  mock_resource "aws_cloudwatch_log_group" {
    defaults = {
      arn = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme_prod_fn"
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

run "aws_outputs_grant_exactly_their_resources" {
  command = plan

  variables {
    output_firehose_streams = ["acme_alerts"]
    output_sqs_queues       = ["security-triage", "security.fifo"]
    output_log_groups       = ["/security/alerts"]
    output_ses_identities   = ["example.com"]
  }

  assert {
    condition = [for s in data.aws_iam_policy_document.alert_processor.statement : s.sid] == [
      "WriteOwnLogs", "PutRecordsToFirehoseOutputs", "SendToSqsOutputs", "UseSqsOutputKeys",
      "WriteToLogGroupOutputs", "SendEmailAsSesOutputs",
    ]
    error_message = "one statement per AWS output service (plus the SQS key), nothing else"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_processor.statement[1].actions == toset(["firehose:PutRecord", "firehose:PutRecordBatch"])
      && data.aws_iam_policy_document.alert_processor.statement[1].resources == toset(["arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_alerts"])
    )
    error_message = "firehose:PutRecord(Batch) on the named delivery stream only"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_processor.statement[2].actions == toset(["sqs:GetQueueUrl", "sqs:SendMessage"])
      && data.aws_iam_policy_document.alert_processor.statement[2].resources == toset([
        "arn:aws:sqs:us-east-1:123456789012:security-triage",
        "arn:aws:sqs:us-east-1:123456789012:security.fifo",
      ])
    )
    error_message = "sqs:GetQueueUrl/SendMessage on the named queues only"
  }
  assert {
    condition = contains(
      flatten([for c in data.aws_iam_policy_document.alert_processor.statement[3].condition : c.values]),
      "arn:aws:sqs:us-east-1:123456789012:security-triage",
    )
    error_message = "the queue key is bound to the named queues"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_processor.statement[4].actions == toset(["logs:CreateLogStream", "logs:PutLogEvents"])
      && data.aws_iam_policy_document.alert_processor.statement[4].resources == toset([
        "arn:aws:logs:us-east-1:123456789012:log-group:/security/alerts",
        "arn:aws:logs:us-east-1:123456789012:log-group:/security/alerts:log-stream:acme_prod_streamalert_alert_processor",
      ])
    )
    error_message = "logs on the named group and its one stream, named after the alert processor"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_processor.statement[5].actions == toset(["ses:SendEmail", "ses:SendRawEmail"])
      && data.aws_iam_policy_document.alert_processor.statement[5].resources == toset(["arn:aws:ses:us-east-1:123456789012:identity/example.com"])
    )
    error_message = "ses:SendEmail/SendRawEmail as the named identity only"
  }
}

run "queue_url_is_not_a_queue_name" {
  command = plan

  variables {
    output_sqs_queues = ["https://sqs.us-east-1.amazonaws.com/123456789012/security-triage"]
  }

  expect_failures = [var.output_sqs_queues]
}

run "log_group_name_with_spaces_is_refused" {
  command = plan

  variables {
    output_log_groups = ["security alerts"]
  }

  expect_failures = [var.output_log_groups]
}

run "ses_identity_must_be_an_address_or_domain" {
  command = plan

  variables {
    output_ses_identities = ["example"]
  }

  expect_failures = [var.output_ses_identities]
}

# StreamAlert 3's aws-ses list names no identity: "*" grants every identity of the account and region.
run "ses_list_form_grants_every_identity" {
  command = plan

  variables {
    output_ses_identities = ["*"]
  }

  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "SendEmailAsSesOutputs"
    ]) == toset(["arn:aws:ses:us-east-1:123456789012:identity/*"])
    error_message = "\"*\" grants identity/* of the account and region"
  }
}

# aws-lambda-v2's assume_role_arn, when outputs.json names it: exactly those roles.
run "assume_roles_grant_exactly_their_roles" {
  command = plan

  variables {
    output_assume_roles = ["arn:aws:iam::444455556666:role/streamalert-invoker"]
  }

  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "AssumeOutputRoles"
    ]) == toset(["arn:aws:iam::444455556666:role/streamalert-invoker"])
    error_message = "sts:AssumeRole on the named role only"
  }
}

run "assume_role_must_be_a_role_arn" {
  command = plan

  variables {
    output_assume_roles = ["streamalert-invoker"]
  }

  expect_failures = [var.output_assume_roles]
}

run "firehose_stream_arn_is_not_a_name" {
  command = plan

  variables {
    output_firehose_streams = ["arn:aws:firehose:us-east-1:123456789012:deliverystream/acme_alerts"]
  }

  expect_failures = [var.output_firehose_streams]
}
