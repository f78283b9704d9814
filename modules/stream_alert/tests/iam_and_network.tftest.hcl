# The processors' IAM policies with and without alert outputs, the alert
# processor's VPC toggle and the name length precondition, planned with a mock
# provider. Statements are read from the policy documents' arguments (the mock
# provider does not render their JSON).

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

run "rule_processor_publishes_to_its_own_topic_only" {
  command = plan
  assert {
    condition     = [for s in data.aws_iam_policy_document.rule_processor.statement : s.sid] == ["WriteOwnLogs", "PublishAlerts", "UseAlertsTopicKey"]
    error_message = "the rule processor writes its logs and publishes alerts, nothing else"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.rule_processor.statement[1].actions == toset(["sns:Publish"])
      && data.aws_iam_policy_document.rule_processor.statement[1].resources == toset(["arn:aws:sns:us-east-1:123456789012:acme_prod_streamalerts"])
    )
    error_message = "sns:Publish on the cluster's alerts topic only"
  }
  assert {
    condition = (
      contains(flatten([for c in data.aws_iam_policy_document.rule_processor.statement[2].condition : c.values]), "sns.us-east-1.amazonaws.com")
      && contains(flatten([for c in data.aws_iam_policy_document.rule_processor.statement[2].condition : c.values]), "arn:aws:sns:us-east-1:123456789012:acme_prod_streamalerts")
    )
    error_message = "the topic key is usable only through SNS, for the alerts topic"
  }
}

run "no_outputs_no_output_grants" {
  command = plan
  assert {
    condition     = [for s in data.aws_iam_policy_document.alert_processor.statement : s.sid] == ["WriteOwnLogs"]
    error_message = "without outputs the alert processor may only write its own logs"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_processor.statement[0].resources == toset([
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme_prod_fn",
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/acme_prod_fn:*",
      ])
    )
    error_message = "its own log group only"
  }
}

run "each_output_gets_exactly_its_grant" {
  command = plan
  variables {
    output_s3_buckets        = ["acme.alerts"]
    output_lambda_functions  = ["acme_responder:production", "arn:aws:lambda:us-east-1:123456789012:function:other:3"]
    output_sns_topics        = ["acme_oncall"]
    output_secret_parameters = ["/streamalert/outputs/slack/security"]
    output_secrets           = ["streamalert/pagerduty"]
  }
  assert {
    condition = alltrue([
      for sid in [
        "WriteOwnLogs", "WriteAlertsToS3Outputs", "UseS3OutputKeys", "InvokeLambdaOutputs",
        "PublishToSnsOutputs", "UseSnsOutputKeys", "ReadOutputSecrets", "ReadOutputSecretsManagerSecrets",
        "DecryptOutputSecretsManagerSecrets", "DecryptOutputSecrets",
      ] : contains([for s in data.aws_iam_policy_document.alert_processor.statement : s.sid], sid)
    ])
    error_message = "every configured output kind gets its statements"
  }
  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "WriteAlertsToS3Outputs"
    ]) == toset(["arn:aws:s3:::acme.alerts/*"])
    error_message = "s3:PutObject on the output bucket's objects only"
  }
  assert {
    condition = (
      one([for s in data.aws_iam_policy_document.alert_processor.statement : s.actions if s.sid == "WriteAlertsToS3Outputs"]) == toset(["s3:PutObject"])
      && one([for s in data.aws_iam_policy_document.alert_processor.statement : s.actions if s.sid == "InvokeLambdaOutputs"]) == toset(["lambda:InvokeFunction"])
      && one([for s in data.aws_iam_policy_document.alert_processor.statement : s.actions if s.sid == "PublishToSnsOutputs"]) == toset(["sns:Publish"])
      && one([for s in data.aws_iam_policy_document.alert_processor.statement : s.actions if s.sid == "ReadOutputSecretsManagerSecrets"]) == toset(["secretsmanager:GetSecretValue"])
    )
    error_message = "each output grant allows the one action that delivers an alert"
  }
  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "InvokeLambdaOutputs"
      ]) == toset([
      "arn:aws:lambda:us-east-1:123456789012:function:acme_responder",
      "arn:aws:lambda:us-east-1:123456789012:function:acme_responder:*",
      "arn:aws:lambda:us-east-1:123456789012:function:other",
      "arn:aws:lambda:us-east-1:123456789012:function:other:*",
    ])
    error_message = "lambda:InvokeFunction on the named functions and their qualifiers, whatever form names them"
  }
  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "PublishToSnsOutputs"
    ]) == toset(["arn:aws:sns:us-east-1:123456789012:acme_oncall"])
    error_message = "sns:Publish on the output topic only"
  }
  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "ReadOutputSecrets"
    ]) == toset(["arn:aws:ssm:us-east-1:123456789012:parameter/streamalert/outputs/slack/security"])
    error_message = "ssm:GetParameter on the output's credential parameter only"
  }
  assert {
    condition = one([
      for s in data.aws_iam_policy_document.alert_processor.statement : s.resources if s.sid == "ReadOutputSecretsManagerSecrets"
    ]) == toset(["arn:aws:secretsmanager:us-east-1:123456789012:secret:streamalert/pagerduty-??????"])
    error_message = "the secret itself, not every secret sharing its name as a prefix"
  }
  assert {
    condition = alltrue([
      for s in data.aws_iam_policy_document.alert_processor.statement :
      length(s.condition) > 0 if contains(s.actions, "kms:Decrypt")
    ])
    error_message = "every KMS grant is bound by conditions (service and resource)"
  }
}

run "no_vpc_by_default" {
  command = plan
  assert {
    condition     = length(aws_lambda_function.alert_processor.vpc_config) == 0
    error_message = "the alert processor runs outside a VPC unless subnets are given"
  }
  assert {
    condition     = length(aws_iam_role_policy_attachment.alert_processor_vpc) == 0
    error_message = "no VPC access policy without a VPC"
  }
}

run "vpc_when_subnets_and_security_groups_are_given" {
  command = plan
  variables {
    alert_processor_vpc_subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
    alert_processor_vpc_security_group_ids = ["sg-0123456789abcdef0"]
  }
  assert {
    condition = (
      aws_lambda_function.alert_processor.vpc_config[0].subnet_ids == toset(["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"])
      && aws_lambda_function.alert_processor.vpc_config[0].security_group_ids == toset(["sg-0123456789abcdef0"])
    )
    error_message = "the alert processor gets the subnets and security groups"
  }
  assert {
    condition     = endswith(aws_iam_role_policy_attachment.alert_processor_vpc[0].policy_arn, ":policy/service-role/AWSLambdaVPCAccessExecutionRole")
    error_message = "and the managed policy that lets Lambda create its network interfaces"
  }
  assert {
    condition     = length(aws_lambda_function.rule_processor.vpc_config) == 0
    error_message = "the rule processor stays outside the VPC"
  }
}

run "subnets_without_security_groups_refused" {
  command = plan
  variables {
    alert_processor_vpc_subnet_ids = ["subnet-0123456789abcdef0"]
  }
  expect_failures = [aws_lambda_function.alert_processor]
}

run "names_longer_than_iam_allows_refused" {
  command = plan
  variables {
    # acme-security-ops_prod-us-west-2_streamalert_alert_processor_role: 65 characters.
    prefix  = "acme-security-ops"
    cluster = "prod-us-west-2"
  }
  expect_failures = [aws_iam_role.alert_processor]
}

run "longest_names_iam_allows" {
  command = plan
  variables {
    # acme-security-op_prod-us-west-2_streamalert_alert_processor_role: 64 characters.
    prefix  = "acme-security-op"
    cluster = "prod-us-west-2"
  }
  assert {
    condition     = length(aws_iam_role.alert_processor.name) == 64
    error_message = "a role name of exactly 64 characters is accepted"
  }
}

run "rules_run_from_the_detection_bundle_read_only" {
  command = plan
  variables {
    detection_bundle = {
      bucket = "acme-123456789012-streamalert-detection"
      key    = "detection/bundle.json"
      region = "us-west-2"
    }
  }
  assert {
    condition = (
      [for s in data.aws_iam_policy_document.rule_processor.statement : s.sid] == ["ReadDetectionBundle", "WriteOwnLogs", "PublishAlerts", "UseAlertsTopicKey"]
      && data.aws_iam_policy_document.rule_processor.statement[0].actions == toset(["s3:GetObject"])
      && data.aws_iam_policy_document.rule_processor.statement[0].resources == toset(["arn:aws:s3:::acme-123456789012-streamalert-detection/detection/bundle.json"])
    )
    error_message = "the rule processor may read the bundle object, and only read it"
  }
  assert {
    condition = (
      data.aws_iam_policy_document.alert_merger.statement[0].sid == "ReadDetectionBundle"
      && data.aws_iam_policy_document.alert_merger.statement[0].actions == toset(["s3:GetObject"])
      && data.aws_iam_policy_document.alert_merger.statement[0].resources == toset(["arn:aws:s3:::acme-123456789012-streamalert-detection/detection/bundle.json"])
    )
    error_message = "the merger reads the same object, read only"
  }
  assert {
    condition = (
      aws_lambda_function.rule_processor.environment[0].variables.DETECTION_BUNDLE_BUCKET == "acme-123456789012-streamalert-detection"
      && aws_lambda_function.rule_processor.environment[0].variables.DETECTION_BUNDLE_KEY == "detection/bundle.json"
      && aws_lambda_function.rule_processor.environment[0].variables.DETECTION_BUNDLE_REGION == "us-west-2"
      && aws_lambda_function.rule_processor.environment[0].variables.DETECTION_CHECK_INTERVAL_SECONDS == "60"
      && aws_lambda_function.alert_merger.environment[0].variables.DETECTION_BUNDLE_KEY == "detection/bundle.json"
    )
    error_message = "both functions are told where the bundle is and how often to check it"
  }
}

run "detection_bundle_with_a_bad_key_refused" {
  command = plan
  variables {
    detection_bundle = {
      bucket = "acme-123456789012-streamalert-detection"
      key    = "../bundle.json "
      region = "us-west-2"
    }
  }
  expect_failures = [var.detection_bundle]
}
