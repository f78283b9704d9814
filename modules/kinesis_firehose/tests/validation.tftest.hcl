mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = {
      json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}"
    }
  }
}

variables {
  prefix             = "acme"
  cluster            = "prod_east"
  s3_bucket_suffix   = "streamalert.results"
  kinesis_stream_arn = "arn:aws:kinesis:us-east-1:123456789012:stream/acme_prod_stream_alert_kinesis"
}

run "valid" {
  command = plan
  assert {
    condition     = aws_s3_bucket.this.bucket == "acme.prod.east.streamalert.results"
    error_message = "bucket name"
  }
  assert {
    condition     = aws_kinesis_firehose_delivery_stream.this.extended_s3_configuration[0].buffering_size == 64 && aws_kinesis_firehose_delivery_stream.this.extended_s3_configuration[0].buffering_interval == 300
    error_message = "buffer defaults"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "sse-s3 by default"
  }
}

run "kms_bucket" {
  command = plan
  variables {
    s3_kms_key_id = "alias/custom"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "aws:kms" && length(data.aws_kms_key.s3) == 1
    error_message = "sse-kms"
  }
}

run "aws_managed_s3_key" {
  command = plan
  variables {
    s3_kms_key_id = "alias/aws/s3"
  }
  assert {
    condition     = length(data.aws_kms_key.s3) == 0
    error_message = "no lookup for aws/s3"
  }
}

run "buffer_size_zero" {
  command = plan
  variables {
    buffer_size_mb = 0
  }
  expect_failures = [var.buffer_size_mb]
}

run "buffer_size_big" {
  command = plan
  variables {
    buffer_size_mb = 129
  }
  expect_failures = [var.buffer_size_mb]
}

run "interval_low" {
  command = plan
  variables {
    buffer_interval_seconds = 59
  }
  expect_failures = [var.buffer_interval_seconds]
}

run "interval_high" {
  command = plan
  variables {
    buffer_interval_seconds = 901
  }
  expect_failures = [var.buffer_interval_seconds]
}

run "compression" {
  command = plan
  variables {
    compression_format = "gzip"
  }
  expect_failures = [var.compression_format]
}

run "uppercase_prefix" {
  command = plan
  variables {
    prefix = "Acme"
  }
  expect_failures = [var.prefix]
}

run "bad_stream_arn" {
  command = plan
  variables {
    kinesis_stream_arn = "arn:aws:sqs:us-east-1:123456789012:queue"
  }
  expect_failures = [var.kinesis_stream_arn]
}

run "bad_retention" {
  command = plan
  variables {
    log_retention_days = 2
  }
  expect_failures = [var.log_retention_days]
}

run "double_dot_bucket" {
  command = plan
  variables {
    cluster = "prod__east"
  }
  expect_failures = [aws_s3_bucket.this]
}
