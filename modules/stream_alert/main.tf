data "aws_partition" "current" {}

locals {
  name_base = "${var.prefix}_${var.cluster}"

  rule_processor_name  = "${local.name_base}_streamalert_rule_processor"
  alert_processor_name = "${local.name_base}_streamalert_alert_processor"
  rule_processor_role  = "${local.rule_processor_name}_role"
  alert_processor_role = "${local.alert_processor_name}_role"
  alerts_topic_name    = "${local.name_base}_streamalerts"
  dead_letters_name    = "${local.name_base}_streamalert_dead_letters"

  # Every trigger (SNS, Kinesis, S3) targets this alias so that deploys and
  # rollbacks only move the alias, never the event wiring.
  alias_name = "production"

  partition = data.aws_partition.current.partition
  tags      = merge(var.tags, { "streamalert:cluster" = var.cluster })

  vpc_enabled = length(var.alert_processor_vpc_subnet_ids) > 0

  # Keys in the account/region: SNS, SSM and S3 outputs may be encrypted with
  # customer managed keys whose IDs are not known here; the ViaService and
  # encryption-context conditions below pin each grant to one resource.
  account_kms_keys = "arn:${local.partition}:kms:${var.region}:${var.account_id}:key/*"

  # IAM ignores the qualifier: strip it and grant both the unqualified ARN and
  # every qualified form, so "fn", "fn:alias" and "fn:3" all work.
  output_function_arns = distinct([
    for f in var.output_lambda_functions : (
      startswith(f, "arn:")
      ? join(":", slice(split(":", f), 0, 7))
      : "arn:${local.partition}:lambda:${var.region}:${var.account_id}:function:${split(":", f)[0]}"
    )
  ])

  output_topic_arns = [
    for t in var.output_sns_topics : "arn:${local.partition}:sns:${var.region}:${var.account_id}:${t}"
  ]

  output_bucket_arns = [for b in var.output_s3_buckets : "arn:${local.partition}:s3:::${b}"]

  output_firehose_arns = [
    for s in var.output_firehose_streams : "arn:${local.partition}:firehose:${var.region}:${var.account_id}:deliverystream/${s}"
  ]

  output_queue_arns = [
    for q in var.output_sqs_queues : "arn:${local.partition}:sqs:${var.region}:${var.account_id}:${q}"
  ]

  # The alert processor writes to one stream per group, named after itself, so the
  # grant is the group and that one stream: no stream-name pattern.
  output_log_group_arns = [
    for g in var.output_log_groups : "arn:${local.partition}:logs:${var.region}:${var.account_id}:log-group:${g}"
  ]
  output_log_stream_arns = [
    for g in local.output_log_group_arns : "${g}:log-stream:${local.alert_processor_name}"
  ]

  output_ses_identity_arns = [
    for i in var.output_ses_identities : "arn:${local.partition}:ses:${var.region}:${var.account_id}:identity/${i}"
  ]

  secret_parameter_arns = [
    for p in var.output_secret_parameters :
    "arn:${local.partition}:ssm:${var.region}:${var.account_id}:parameter/${trimprefix(p, "/")}"
  ]

  # Secrets Manager appends "-" and six random characters to every secret ARN; "??????"
  # matches exactly those, so a secret named "<name>-other" is not granted by accident.
  secret_arns = [
    for n in var.output_secrets :
    "arn:${local.partition}:secretsmanager:${var.region}:${var.account_id}:secret:${n}-??????"
  ]
}

# ---------------------------------------------------------------------------
# Log groups: created before the functions so Terraform owns retention instead
# of Lambda auto-creating never-expiring groups.
# ---------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "rule_processor" {
  name              = "/aws/lambda/${local.rule_processor_name}"
  retention_in_days = coalesce(var.rule_processor_log_retention_days, var.log_retention_days)
  kms_key_id        = var.log_group_kms_key_arn
  tags              = local.tags
}

resource "aws_cloudwatch_log_group" "alert_processor" {
  name              = "/aws/lambda/${local.alert_processor_name}"
  retention_in_days = coalesce(var.alert_processor_log_retention_days, var.log_retention_days)
  kms_key_id        = var.log_group_kms_key_arn
  tags              = local.tags
}

# ---------------------------------------------------------------------------
# IAM
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "lambda_assume_role" {
  statement {
    sid     = "LambdaAssumeRole"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "rule_processor" {
  name               = local.rule_processor_role
  description        = "StreamAlert rule processor (${var.cluster})"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
  tags               = local.tags
}

resource "aws_iam_role" "alert_processor" {
  name               = local.alert_processor_role
  description        = "StreamAlert alert processor (${var.cluster})"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume_role.json
  tags               = local.tags

  lifecycle {
    # The alert processor role has the longest derived name, so checking it
    # covers both functions and both roles.
    precondition {
      condition     = length(local.alert_processor_role) <= 64
      error_message = "prefix and cluster are too long: IAM role names (${local.alert_processor_role}) are limited to 64 characters."
    }
  }
}

locals {
  # The detection bundle's location for the functions that run rules (rule processor, merger).
  detection_env = var.detection_bundle == null ? {} : {
    DETECTION_BUNDLE_BUCKET          = var.detection_bundle.bucket
    DETECTION_BUNDLE_KEY             = var.detection_bundle.key
    DETECTION_BUNDLE_REGION          = var.detection_bundle.region
    DETECTION_CHECK_INTERVAL_SECONDS = tostring(var.detection_check_interval_seconds)
  }
  detection_object_arn = var.detection_bundle == null ? null : "arn:${local.partition}:s3:::${var.detection_bundle.bucket}/${var.detection_bundle.key}"
}

data "aws_iam_policy_document" "rule_processor" {
  # Read the detection bundle: that one object, read only (HeadObject needs s3:GetObject too).
  dynamic "statement" {
    for_each = var.detection_bundle == null ? [] : [local.detection_object_arn]
    content {
      sid       = "ReadDetectionBundle"
      actions   = ["s3:GetObject"]
      resources = [statement.value]
    }
  }

  statement {
    sid     = "WriteOwnLogs"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      aws_cloudwatch_log_group.rule_processor.arn,
      "${aws_cloudwatch_log_group.rule_processor.arn}:*",
    ]
  }

  statement {
    sid       = "PublishAlerts"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts.arn]
  }

  # Publishing to an SSE topic needs the topic key; a customer managed key
  # would otherwise silently drop alerts.
  statement {
    sid       = "UseAlertsTopicKey"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = [local.account_kms_keys]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["sns.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:sns:topicArn"
      values   = [aws_sns_topic.alerts.arn]
    }
  }
}

data "aws_iam_policy_document" "rule_processor_dead_letters" {
  # Poison records (from the function) and failed Kinesis batches / async events
  # (from Lambda, with the execution role) go to the cluster's dead-letter queue.
  statement {
    sid       = "SendToDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.dead_letters.arn]
  }

  # A customer managed key on the queue needs the key for SendMessage; SQS binds
  # the data key to the queue ARN.
  dynamic "statement" {
    for_each = var.dead_letter_queue_kms_key_id == null ? [] : [1]
    content {
      sid       = "UseDeadLetterQueueKey"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${var.region}.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:sqs:arn"
        values   = [aws_sqs_queue.dead_letters.arn]
      }
    }
  }
}

resource "aws_iam_role_policy" "rule_processor_dead_letters" {
  name   = "StreamAlertRuleProcessorDeadLetters"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor_dead_letters.json
}

resource "aws_iam_role_policy" "rule_processor" {
  name   = "StreamAlertRuleProcessor"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor.json
}

data "aws_iam_policy_document" "alert_processor" {
  statement {
    sid     = "WriteOwnLogs"
    actions = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [
      aws_cloudwatch_log_group.alert_processor.arn,
      "${aws_cloudwatch_log_group.alert_processor.arn}:*",
    ]
  }

  dynamic "statement" {
    for_each = length(local.output_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "WriteAlertsToS3Outputs"
      actions   = ["s3:PutObject"]
      resources = [for b in local.output_bucket_arns : "${b}/*"]
    }
  }

  # Output buckets with SSE-KMS default encryption need the bucket key for
  # PutObject; the context limits use to these buckets' objects.
  dynamic "statement" {
    for_each = length(local.output_bucket_arns) > 0 ? [1] : []
    content {
      sid       = "UseS3OutputKeys"
      actions   = ["kms:GenerateDataKey"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["s3.${var.region}.amazonaws.com"]
      }

      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:s3:arn"
        values   = concat(local.output_bucket_arns, [for b in local.output_bucket_arns : "${b}/*"])
      }
    }
  }

  dynamic "statement" {
    for_each = length(local.output_function_arns) > 0 ? [1] : []
    content {
      sid       = "InvokeLambdaOutputs"
      actions   = ["lambda:InvokeFunction"]
      resources = concat(local.output_function_arns, [for f in local.output_function_arns : "${f}:*"])
    }
  }

  dynamic "statement" {
    for_each = length(local.output_topic_arns) > 0 ? [1] : []
    content {
      sid       = "PublishToSnsOutputs"
      actions   = ["sns:Publish"]
      resources = local.output_topic_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.output_topic_arns) > 0 ? [1] : []
    content {
      sid       = "UseSnsOutputKeys"
      actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sns.${var.region}.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:sns:topicArn"
        values   = local.output_topic_arns
      }
    }
  }

  dynamic "statement" {
    for_each = length(local.output_firehose_arns) > 0 ? [1] : []
    content {
      sid       = "PutRecordsToFirehoseOutputs"
      actions   = ["firehose:PutRecord", "firehose:PutRecordBatch"]
      resources = local.output_firehose_arns
    }
  }

  # GetQueueUrl: outputs.json names queues, the processor asks their URL once.
  dynamic "statement" {
    for_each = length(local.output_queue_arns) > 0 ? [1] : []
    content {
      sid       = "SendToSqsOutputs"
      actions   = ["sqs:GetQueueUrl", "sqs:SendMessage"]
      resources = local.output_queue_arns
    }
  }

  # SSE-KMS queues need the queue key for SendMessage; SQS binds it to the queue ARN.
  dynamic "statement" {
    for_each = length(local.output_queue_arns) > 0 ? [1] : []
    content {
      sid       = "UseSqsOutputKeys"
      actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["sqs.${var.region}.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:aws:sqs:arn"
        values   = local.output_queue_arns
      }
    }
  }

  dynamic "statement" {
    for_each = length(local.output_log_group_arns) > 0 ? [1] : []
    content {
      sid       = "WriteToLogGroupOutputs"
      actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      resources = concat(local.output_log_group_arns, local.output_log_stream_arns)
    }
  }

  dynamic "statement" {
    for_each = length(local.output_ses_identity_arns) > 0 ? [1] : []
    content {
      sid       = "SendEmailAsSesOutputs"
      actions   = ["ses:SendEmail", "ses:SendRawEmail"]
      resources = local.output_ses_identity_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.output_assume_roles) > 0 ? [1] : []
    content {
      sid       = "AssumeOutputRoles"
      actions   = ["sts:AssumeRole"]
      resources = var.output_assume_roles
    }
  }

  dynamic "statement" {
    for_each = length(local.secret_parameter_arns) > 0 ? [1] : []
    content {
      sid       = "ReadOutputSecrets"
      actions   = ["ssm:GetParameter", "ssm:GetParameters"]
      resources = local.secret_parameter_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? [1] : []
    content {
      sid       = "ReadOutputSecretsManagerSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = local.secret_arns
    }
  }

  # Secrets Manager decrypts with the caller's rights too, only through itself.
  dynamic "statement" {
    for_each = length(local.secret_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptOutputSecretsManagerSecrets"
      actions   = ["kms:Decrypt"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${var.region}.amazonaws.com"]
      }
    }
  }

  # SecureString parameters are decrypted by SSM with the caller's rights;
  # SSM binds each ciphertext to its parameter ARN, so the grant covers only
  # the listed parameters whichever key encrypts them.
  dynamic "statement" {
    for_each = length(local.secret_parameter_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptOutputSecrets"
      actions   = ["kms:Decrypt"]
      resources = [local.account_kms_keys]

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["ssm.${var.region}.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "kms:EncryptionContext:PARAMETER_ARN"
        values   = local.secret_parameter_arns
      }
    }
  }
}

resource "aws_iam_role_policy" "alert_processor" {
  name   = "StreamAlertAlertProcessor"
  role   = aws_iam_role.alert_processor.id
  policy = data.aws_iam_policy_document.alert_processor.json
}

# ENI management for VPC functions; ec2:*NetworkInterface* calls only accept
# "*" as resource, so the AWS managed policy is as tight as a custom one.
resource "aws_iam_role_policy_attachment" "alert_processor_vpc" {
  count      = local.vpc_enabled ? 1 : 0
  role       = aws_iam_role.alert_processor.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

# ---------------------------------------------------------------------------
# Alerts topic: rule processor -> topic -> alert processor.
# ---------------------------------------------------------------------------

resource "aws_sns_topic" "alerts" {
  name              = local.alerts_topic_name
  display_name      = local.alerts_topic_name
  kms_master_key_id = var.alerts_topic_kms_key_id
  tags              = local.tags
}

# ---------------------------------------------------------------------------
# Dead-letter queue: poison records the rule processor sets aside (never
# retried), Kinesis batches that ran out of retries (kinesis_events on-failure
# destination) and S3/SNS events whose invocation kept failing.
# ---------------------------------------------------------------------------

resource "aws_sqs_queue" "dead_letters" {
  name                      = local.dead_letters_name
  message_retention_seconds = var.dead_letter_queue_retention_seconds
  # Always encrypted: SSE-SQS unless a KMS key is given.
  sqs_managed_sse_enabled = var.dead_letter_queue_kms_key_id == null ? true : null
  kms_master_key_id       = var.dead_letter_queue_kms_key_id
  tags                    = local.tags
}

# ---------------------------------------------------------------------------
# Rule processor
# ---------------------------------------------------------------------------

resource "aws_lambda_function" "rule_processor" {
  function_name    = local.rule_processor_name
  description      = "StreamAlert Rule Processor (${var.cluster})"
  role             = aws_iam_role.rule_processor.arn
  runtime          = var.runtime
  handler          = var.rule_processor_handler
  filename         = var.rule_processor_zip
  source_code_hash = filebase64sha256(var.rule_processor_zip)
  memory_size      = var.rule_processor_memory
  timeout          = var.rule_processor_timeout
  # null: no reservation (the account's unreserved pool), as without concurrency_limit.
  reserved_concurrent_executions = var.rule_processor_concurrency_limit
  # Each code change becomes a numbered version the production alias can be
  # moved to (and rolled back from).
  publish = true

  environment {
    variables = merge({
      CLUSTER                = var.cluster
      LOGGER_LEVEL           = var.rule_processor_log_level
      ENABLE_METRICS         = tostring(var.rule_processor_enable_metrics)
      SOURCE_HEALTH          = tostring(var.source_health_enabled)
      ALERTS_TOPIC_ARN       = aws_sns_topic.alerts.arn
      DEAD_LETTER_QUEUE_URL  = aws_sqs_queue.dead_letters.url
      MAX_DECOMPRESSED_BYTES = tostring(var.rule_processor_max_decompressed_bytes)
      # Matches of rules with merge_window_mins go here (merger.tf).
      MERGE_TABLE = aws_dynamodb_table.merge.name
      # Windows of Sigma correlation rules (correlation.tf).
      CORRELATION_TABLE = aws_dynamodb_table.correlation.name
    }, local.detection_env)
  }

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.rule_processor_max_decompressed_bytes <= var.rule_processor_memory * 1048576 / 2
      error_message = "rule_processor_max_decompressed_bytes (${var.rule_processor_max_decompressed_bytes}) must be at most half the rule processor's memory (${var.rule_processor_memory} MB), or one decompressed record could exhaust it."
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.rule_processor,
    aws_iam_role_policy.rule_processor,
    aws_iam_role_policy.rule_processor_dead_letters,
    aws_iam_role_policy.rule_processor_merge,
    aws_iam_role_policy.rule_processor_correlation,
  ]
}

resource "aws_lambda_alias" "rule_processor_production" {
  name             = local.alias_name
  description      = "Target of every StreamAlert event source"
  function_name    = aws_lambda_function.rule_processor.function_name
  function_version = var.rule_processor_version
}

# S3 and SNS invoke the rule processor asynchronously: an event whose invocation
# still fails after the retries is sent to the dead-letter queue, not dropped.
resource "aws_lambda_function_event_invoke_config" "rule_processor" {
  function_name          = aws_lambda_function.rule_processor.function_name
  qualifier              = aws_lambda_alias.rule_processor_production.name
  maximum_retry_attempts = var.rule_processor_async_retry_attempts

  destination_config {
    on_failure {
      destination = aws_sqs_queue.dead_letters.arn
    }
  }

  depends_on = [aws_iam_role_policy.rule_processor_dead_letters]
}

resource "aws_sns_topic_subscription" "input" {
  for_each = toset(var.input_sns_topics)

  topic_arn = each.value
  protocol  = "lambda"
  endpoint  = aws_lambda_alias.rule_processor_production.arn

  depends_on = [aws_lambda_permission.input_sns]
}

resource "aws_lambda_permission" "input_sns" {
  for_each = toset(var.input_sns_topics)

  # Statement IDs must be unique per function policy and at most 100
  # characters; a hash of the ARN satisfies both for any topic name.
  statement_id  = "AllowExecutionFromSNS_${md5(each.value)}"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.rule_processor.function_name
  qualifier     = aws_lambda_alias.rule_processor_production.name
  principal     = "sns.amazonaws.com"
  source_arn    = each.value
}

# ---------------------------------------------------------------------------
# Alert processor
# ---------------------------------------------------------------------------

resource "aws_lambda_function" "alert_processor" {
  function_name                  = local.alert_processor_name
  description                    = "StreamAlert Alert Processor (${var.cluster})"
  role                           = aws_iam_role.alert_processor.arn
  runtime                        = var.runtime
  handler                        = var.alert_processor_handler
  filename                       = var.alert_processor_zip
  source_code_hash               = filebase64sha256(var.alert_processor_zip)
  memory_size                    = var.alert_processor_memory
  timeout                        = var.alert_processor_timeout
  reserved_concurrent_executions = var.alert_processor_concurrency_limit
  publish                        = true

  environment {
    variables = {
      CLUSTER        = var.cluster
      LOGGER_LEVEL   = var.alert_processor_log_level
      ENABLE_METRICS = tostring(var.alert_processor_enable_metrics)
      STAGING_BUCKET = var.staging_enabled ? var.staging_bucket : ""
    }
  }

  dynamic "vpc_config" {
    for_each = local.vpc_enabled ? [1] : []
    content {
      subnet_ids         = var.alert_processor_vpc_subnet_ids
      security_group_ids = var.alert_processor_vpc_security_group_ids
    }
  }

  tags = local.tags

  lifecycle {
    # A cross-variable check: variable validation blocks can only reference
    # other variables from Terraform 1.9, and this module supports 1.5.
    precondition {
      condition     = (length(var.alert_processor_vpc_subnet_ids) == 0) == (length(var.alert_processor_vpc_security_group_ids) == 0)
      error_message = "alert_processor_vpc_subnet_ids and alert_processor_vpc_security_group_ids must be both empty or both non-empty."
    }
  }

  # Lambda checks the role's ENI permissions when a VPC function is created.
  depends_on = [
    aws_cloudwatch_log_group.alert_processor,
    aws_iam_role_policy.alert_processor,
    aws_iam_role_policy_attachment.alert_processor_vpc,
  ]
}

resource "aws_lambda_alias" "alert_processor_production" {
  name             = local.alias_name
  description      = "Target of the StreamAlert alerts topic"
  function_name    = aws_lambda_function.alert_processor.function_name
  function_version = var.alert_processor_version
}

resource "aws_lambda_permission" "alerts_topic" {
  statement_id  = "AllowExecutionFromSNS"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.alert_processor.function_name
  qualifier     = aws_lambda_alias.alert_processor_production.name
  principal     = "sns.amazonaws.com"
  source_arn    = aws_sns_topic.alerts.arn
}

resource "aws_sns_topic_subscription" "alert_processor" {
  topic_arn = aws_sns_topic.alerts.arn
  protocol  = "lambda"
  endpoint  = aws_lambda_alias.alert_processor_production.arn

  depends_on = [aws_lambda_permission.alerts_topic]
}
