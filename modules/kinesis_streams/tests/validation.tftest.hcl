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
