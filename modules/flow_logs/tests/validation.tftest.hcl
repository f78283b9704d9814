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
  mock_data "aws_region" {
    defaults = {
      name = "us-east-1"
    }
  }
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
}

variables {
  prefix             = "acme"
  cluster            = "prod"
  kinesis_stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_stream_alert_kinesis"
}

run "valid" {
  command = plan
  variables {
    vpcs    = ["vpc-0123456789abcdef0", "vpc-01234567"]
    subnets = ["subnet-0123456789abcdef0"]
    enis    = ["eni-0123456789abcdef0"]
  }
  assert {
    condition     = length(aws_flow_log.vpc) == 2 && length(aws_flow_log.subnet) == 1 && length(aws_flow_log.eni) == 1
    error_message = "one flow log per id"
  }
  assert {
    condition     = aws_cloudwatch_log_group.this.name == "acme_prod_streamalert_flow_logs" && aws_cloudwatch_log_group.this.retention_in_days == 60
    error_message = "default group"
  }
  assert {
    condition     = aws_cloudwatch_log_subscription_filter.kinesis.name == "acme_prod_streamalert_flow_logs_to_kinesis"
    error_message = "filter name"
  }
}

run "named_group" {
  command = plan
  variables {
    log_group_name = "/custom/flow-logs"
  }
  assert {
    condition     = aws_cloudwatch_log_subscription_filter.kinesis.name == "/custom/flow-logs_to_kinesis"
    error_message = "custom group"
  }
}

run "bad_vpc" {
  command = plan
  variables {
    vpcs = ["subnet-0123456789abcdef0"]
  }
  expect_failures = [var.vpcs]
}

run "bad_subnet" {
  command = plan
  variables {
    subnets = ["subnet-XYZ"]
  }
  expect_failures = [var.subnets]
}

run "bad_eni" {
  command = plan
  variables {
    enis = ["eni-123"]
  }
  expect_failures = [var.enis]
}

run "duplicate_vpc" {
  command = plan
  variables {
    vpcs = ["vpc-01234567", "vpc-01234567"]
  }
  expect_failures = [var.vpcs]
}

run "bad_retention" {
  command = plan
  variables {
    log_retention_days = 10
  }
  expect_failures = [var.log_retention_days]
}

run "bad_group_name" {
  command = plan
  variables {
    log_group_name = "flow logs"
  }
  expect_failures = [var.log_group_name]
}
