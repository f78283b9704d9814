mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  prefix    = "acme"
  cluster   = "prod"
  shards    = 1
  retention = 24
}

run "valid" {
  command = plan
  variables {
    shard_level_metrics = ["ALL", "IncomingBytes"]
  }
  assert {
    condition     = aws_kinesis_stream.this.name == "acme_prod_stream_alert_kinesis"
    error_message = "stream name"
  }
  assert {
    condition     = aws_kinesis_stream.this.encryption_type == "KMS" && length(data.aws_kms_key.stream) == 0
    error_message = "managed key needs no lookup"
  }
}

run "custom_key_looked_up" {
  command = plan
  variables {
    kms_key_id = "alias/custom"
  }
  assert {
    condition     = length(data.aws_kms_key.stream) == 1
    error_message = "custom key lookup"
  }
}

run "no_user" {
  command = plan
  variables {
    create_user = false
  }
  assert {
    condition     = length(aws_iam_user.this) == 0 && output.username == null && output.access_key_id == null
    error_message = "user off"
  }
}

run "zero_shards" {
  command = plan
  variables {
    shards = 0
  }
  expect_failures = [var.shards]
}

run "fractional_shards" {
  command = plan
  variables {
    shards = 1.5
  }
  expect_failures = [var.shards]
}

run "retention_low" {
  command = plan
  variables {
    retention = 23
  }
  expect_failures = [var.retention]
}

run "retention_high" {
  command = plan
  variables {
    retention = 8761
  }
  expect_failures = [var.retention]
}

run "bad_metric" {
  command = plan
  variables {
    shard_level_metrics = ["IncomingBytes", "Bogus"]
  }
  expect_failures = [var.shard_level_metrics]
}

run "bad_key" {
  command = plan
  variables {
    kms_key_id = "not a key"
  }
  expect_failures = [var.kms_key_id]
}

run "bad_prefix" {
  command = plan
  variables {
    prefix = "acme corp"
  }
  expect_failures = [var.prefix]
}

run "user_name_too_long" {
  command = plan
  variables {
    prefix  = "a-very-long-prefix-that-goes-on"
    cluster = "and-a-very-long-cluster-name"
  }
  expect_failures = [aws_iam_user.this]
}

run "custom_name_and_trusted_accounts" {
  command = plan
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  variables {
    stream_name      = "acme_corp_streamalert"
    create_user      = false
    trusted_accounts = ["444455556666", "777788889999"]
  }
  assert {
    condition     = aws_kinesis_stream.this.name == "acme_corp_streamalert"
    error_message = "custom stream name"
  }
  assert {
    condition     = aws_iam_role.writer[0].name == "acme_prod_streamalert_role" && aws_iam_role.writer[0].path == "/streamalert/"
    error_message = "writer role"
  }
  assert {
    condition     = length(aws_iam_role_policy.writer) == 1 && length(aws_iam_user.this) == 0
    error_message = "role gets the write policy without the user"
  }
  assert {
    condition = local.trusted_principals == [
      "arn:aws:iam::444455556666:root",
      "arn:aws:iam::777788889999:root",
    ]
    error_message = "trusted account principals"
  }
}

run "no_trusted_accounts_no_role" {
  command = plan
  assert {
    condition     = length(aws_iam_role.writer) == 0 && output.role_arn == null
    error_message = "no role without trusted accounts"
  }
}

run "bad_trusted_account" {
  command = plan
  variables {
    trusted_accounts = ["12345"]
  }
  expect_failures = [var.trusted_accounts]
}

run "bad_stream_name" {
  command = plan
  variables {
    stream_name = "has space"
  }
  expect_failures = [var.stream_name]
}
