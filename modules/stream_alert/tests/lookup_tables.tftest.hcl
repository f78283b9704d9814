# The rule processor's read-only grant on its lookup tables: none without tables,
# exactly the configured objects and DynamoDB tables with them. Planned with a mock
# provider; statements are read from the policy document's arguments.

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

run "no_lookup_tables_no_grant" {
  command = plan
  assert {
    condition     = length(aws_iam_role_policy.rule_processor_lookup_tables) == 0
    error_message = "without lookup tables the rule processor gets no lookup-table policy"
  }
}

run "exactly_the_configured_objects_and_tables" {
  command = plan
  variables {
    lookup_table_s3_objects      = ["acme-lookups/bad_ips.json.gz", "acme-lookups/owners/users.csv", "acme-threat-intel/threat-intel/feodo.json.gz"]
    lookup_table_dynamodb_tables = ["acme-owners"]
  }
  assert {
    condition     = length(aws_iam_role_policy.rule_processor_lookup_tables) == 1
    error_message = "one policy holds the lookup-table grants"
  }
  assert {
    condition = jsonencode([for s in data.aws_iam_policy_document.rule_processor_lookup_tables[0].statement : sort(s.resources)]) == jsonencode([
      ["arn:aws:s3:::acme-lookups/bad_ips.json.gz", "arn:aws:s3:::acme-lookups/owners/users.csv", "arn:aws:s3:::acme-threat-intel/threat-intel/feodo.json.gz"],
      ["arn:aws:s3:::acme-lookups"],
      ["arn:aws:s3:::acme-threat-intel"],
      ["arn:aws:dynamodb:us-east-1:123456789012:table/acme-owners"],
    ])
    error_message = "the grant names exactly the configured objects and tables, never a whole bucket"
  }
  assert {
    condition = jsonencode([for s in data.aws_iam_policy_document.rule_processor_lookup_tables[0].statement : sort(s.actions)]) == jsonencode([
      ["s3:GetObject"], ["s3:ListBucket"], ["s3:ListBucket"], ["dynamodb:GetItem", "dynamodb:Scan"],
    ])
    error_message = "the grant only reads"
  }
  assert {
    condition = jsonencode([for s in data.aws_iam_policy_document.rule_processor_lookup_tables[0].statement : [for c in s.condition : [c.test, c.variable, c.values]]]) == jsonencode([
      [],
      [["StringEquals", "s3:prefix", ["bad_ips.json.gz", "owners/users.csv"]]],
      [["StringEquals", "s3:prefix", ["threat-intel/feodo.json.gz"]]],
      [],
    ])
    error_message = "a bucket is listed only for exactly its tables' keys (a missing table is then told from a refused one)"
  }
}

run "a_wildcard_key_is_refused" {
  command = plan
  variables {
    lookup_table_s3_objects = ["acme-lookups/*"]
  }
  expect_failures = [var.lookup_table_s3_objects]
}
