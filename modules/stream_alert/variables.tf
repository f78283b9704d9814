variable "prefix" {
  description = "Deployment-wide name prefix (StreamAlert `account.prefix`). It also appears in S3 bucket names elsewhere, so it must be a valid bucket-name fragment without underscores."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must contain only lowercase letters, digits and hyphens, and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name (the cluster file name in StreamAlert). Used in every resource name and in the `streamalert:cluster` tag."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must contain only lowercase letters, digits, underscores and hyphens, and start and end with a letter or digit."
  }
}

variable "account_id" {
  description = "AWS account ID the cluster is deployed to; used to build ARNs for output topics, SSM parameters and KMS keys."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "region" {
  description = "AWS region of the cluster; used to build ARNs for output functions, topics, SSM parameters and KMS keys."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must look like an AWS region name, e.g. us-east-1."
  }
}

variable "rule_processor_zip" {
  description = "Path to the rule processor deployment zip. The module hashes it itself (filebase64sha256), so a new zip is uploaded whenever its content changes."
  type        = string

  validation {
    # Only the form here: `terraform validate` runs before the zips are built; a missing
    # file fails at plan time, when filebase64sha256 reads it.
    condition     = endswith(var.rule_processor_zip, ".zip")
    error_message = "rule_processor_zip must be the path of a .zip file."
  }
}

variable "detection_bundle" {
  description = "Where the rule processor and the alert merger read the detection bundle (rules and conf: module detection_bundle, published by the global root): bucket, key, the bucket's region. They get s3:GetObject on that one object, nothing else. Null: the rules and conf are read from the zip."
  type = object({
    bucket = string
    key    = string
    region = string
  })
  default = null

  validation {
    condition = var.detection_bundle == null || (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.detection_bundle.bucket))
      && can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.detection_bundle.key))
      && can(regex("^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$", var.detection_bundle.region))
    )
    error_message = "detection_bundle must name an S3 bucket, a plain object key and an AWS region."
  }
}

variable "detection_check_interval_seconds" {
  description = "How often, at most, a warm rule processor asks whether the detection bundle changed (one HEAD request)."
  type        = number
  default     = 60

  validation {
    condition     = var.detection_check_interval_seconds >= 1 && var.detection_check_interval_seconds <= 3600 && floor(var.detection_check_interval_seconds) == var.detection_check_interval_seconds
    error_message = "detection_check_interval_seconds must be a whole number of seconds from 1 to 3600."
  }
}

variable "alert_processor_zip" {
  description = "Path to the alert processor deployment zip. The module hashes it itself (filebase64sha256)."
  type        = string

  validation {
    # Only the form here: `terraform validate` runs before the zips are built; a missing
    # file fails at plan time, when filebase64sha256 reads it.
    condition     = endswith(var.alert_processor_zip, ".zip")
    error_message = "alert_processor_zip must be the path of a .zip file."
  }
}

variable "runtime" {
  description = "Lambda runtime identifier shared by both processors."
  type        = string
  default     = "nodejs22.x"

  validation {
    condition     = can(regex("^(nodejs[0-9]+\\.x|python3\\.[0-9]+|java[0-9]+(\\.al2)?|dotnet[0-9]+|ruby[0-9]+\\.[0-9]+|provided(\\.al2[0-9]*)?)$", var.runtime))
    error_message = "runtime must be a Lambda runtime identifier such as nodejs22.x, python3.12, java21, dotnet8, ruby3.3 or provided.al2023."
  }
}

variable "rule_processor_handler" {
  description = "Handler of the rule processor (`file.export`)."
  type        = string
  default     = "index.handler"

  validation {
    condition     = can(regex("^[^\\s]{1,128}$", var.rule_processor_handler))
    error_message = "rule_processor_handler must be 1-128 characters without whitespace."
  }
}

variable "alert_processor_handler" {
  description = "Handler of the alert processor (`file.export`)."
  type        = string
  default     = "index.handler"

  validation {
    condition     = can(regex("^[^\\s]{1,128}$", var.alert_processor_handler))
    error_message = "alert_processor_handler must be 1-128 characters without whitespace."
  }
}

variable "rule_processor_timeout" {
  description = "Rule processor timeout in seconds."
  type        = number

  validation {
    condition     = var.rule_processor_timeout >= 1 && var.rule_processor_timeout <= 900 && floor(var.rule_processor_timeout) == var.rule_processor_timeout
    error_message = "rule_processor_timeout must be a whole number of seconds between 1 and 900."
  }
}

variable "rule_processor_memory" {
  description = "Rule processor memory in MB."
  type        = number

  validation {
    condition     = var.rule_processor_memory >= 128 && var.rule_processor_memory <= 10240 && floor(var.rule_processor_memory) == var.rule_processor_memory
    error_message = "rule_processor_memory must be a whole number of MB between 128 and 10240."
  }
}

variable "rule_processor_version" {
  description = "Function version the rule processor `production` alias points at: \"$LATEST\" or a published version number."
  type        = string

  validation {
    condition     = can(regex("^(\\$LATEST|[1-9][0-9]*)$", var.rule_processor_version))
    error_message = "rule_processor_version must be \"$LATEST\" or a positive version number."
  }
}

variable "rule_processor_log_level" {
  description = "LOGGER_LEVEL environment variable of the rule processor."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["info", "debug", "warn", "error"], var.rule_processor_log_level)
    error_message = "rule_processor_log_level must be one of info, debug, warn, error."
  }
}

variable "rule_processor_enable_metrics" {
  description = "ENABLE_METRICS environment variable of the rule processor (rendered as \"true\"/\"false\")."
  type        = bool
  default     = false
}

variable "rule_processor_max_decompressed_bytes" {
  description = "MAX_DECOMPRESSED_BYTES of the rule processor: the most bytes one record (a Kinesis record, one line of an S3 object) may decompress to. Inflation stops there and the record is dead-lettered as poison. At most half the function's memory."
  type        = number
  default     = 67108864

  validation {
    condition     = var.rule_processor_max_decompressed_bytes >= 1048576 && var.rule_processor_max_decompressed_bytes <= 5368709120 && floor(var.rule_processor_max_decompressed_bytes) == var.rule_processor_max_decompressed_bytes
    error_message = "rule_processor_max_decompressed_bytes must be a whole number of bytes between 1048576 (1 MiB) and 5368709120 (5 GiB)."
  }
}

variable "dead_letter_queue_retention_seconds" {
  description = "How long the dead-letter queue keeps poison records and failed invocations (SQS message_retention_seconds)."
  type        = number
  default     = 1209600

  validation {
    condition     = var.dead_letter_queue_retention_seconds >= 60 && var.dead_letter_queue_retention_seconds <= 1209600 && floor(var.dead_letter_queue_retention_seconds) == var.dead_letter_queue_retention_seconds
    error_message = "dead_letter_queue_retention_seconds must be a whole number of seconds between 60 and 1209600 (14 days)."
  }
}

variable "dead_letter_queue_kms_key_id" {
  description = "Optional KMS key (ID, ARN, alias name or alias ARN) encrypting the dead-letter queue. Null uses SQS-managed server-side encryption (SSE-SQS); the queue is always encrypted."
  type        = string
  default     = null

  validation {
    condition     = var.dead_letter_queue_kms_key_id == null || length(trimspace(coalesce(var.dead_letter_queue_kms_key_id, "-"))) > 0
    error_message = "dead_letter_queue_kms_key_id must be null or a non-empty KMS key ID, ARN or alias."
  }
}

variable "rule_processor_async_retry_attempts" {
  description = "Retries of a failed asynchronous invocation of the rule processor (S3 and SNS events) before the event goes to the dead-letter queue."
  type        = number
  default     = 2

  validation {
    condition     = contains([0, 1, 2], var.rule_processor_async_retry_attempts)
    error_message = "rule_processor_async_retry_attempts must be 0, 1 or 2 (Lambda's range)."
  }
}

variable "alert_processor_timeout" {
  description = "Alert processor timeout in seconds."
  type        = number

  validation {
    condition     = var.alert_processor_timeout >= 1 && var.alert_processor_timeout <= 900 && floor(var.alert_processor_timeout) == var.alert_processor_timeout
    error_message = "alert_processor_timeout must be a whole number of seconds between 1 and 900."
  }
}

variable "alert_processor_memory" {
  description = "Alert processor memory in MB."
  type        = number

  validation {
    condition     = var.alert_processor_memory >= 128 && var.alert_processor_memory <= 10240 && floor(var.alert_processor_memory) == var.alert_processor_memory
    error_message = "alert_processor_memory must be a whole number of MB between 128 and 10240."
  }
}

variable "alert_processor_version" {
  description = "Function version the alert processor `production` alias points at: \"$LATEST\" or a published version number."
  type        = string

  validation {
    condition     = can(regex("^(\\$LATEST|[1-9][0-9]*)$", var.alert_processor_version))
    error_message = "alert_processor_version must be \"$LATEST\" or a positive version number."
  }
}

variable "alert_processor_log_level" {
  description = "LOGGER_LEVEL environment variable of the alert processor."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["info", "debug", "warn", "error"], var.alert_processor_log_level)
    error_message = "alert_processor_log_level must be one of info, debug, warn, error."
  }
}

variable "alert_processor_enable_metrics" {
  description = "ENABLE_METRICS environment variable of the alert processor (rendered as \"true\"/\"false\")."
  type        = bool
  default     = false
}

variable "rule_processor_metric_names" {
  description = "Metrics the rule processor may write when rule_processor_enable_metrics is true; each gets a cluster and an aggregate metric filter on its log group."
  type        = list(string)
  default     = ["TotalRecords", "TotalProcessedSize", "FailedParses", "TriggeredAlerts", "TotalS3Records", "S3DownloadTime", "PoisonRecords", "MergeMatchesWritten", "MergeThrottles", "MergeWriteFailures", "MergePoisonMatches", "MergeMatchesDeadLettered", "AlertsReduced", "LookupTableRefreshFailures", "DetectionBundleLoadFailures"]

  validation {
    condition     = alltrue([for m in var.rule_processor_metric_names : can(regex("^[A-Za-z0-9]{1,128}$", m))]) && length(distinct(var.rule_processor_metric_names)) == length(var.rule_processor_metric_names)
    error_message = "rule_processor_metric_names must be distinct metric names of 1-128 letters and digits."
  }
}

variable "alert_processor_metric_names" {
  description = "Metrics the alert processor may write when alert_processor_enable_metrics is true; each gets a cluster and an aggregate metric filter on its log group."
  type        = list(string)
  default     = ["AlertsDelivered", "AlertDeliveryFailures"]

  validation {
    condition     = alltrue([for m in var.alert_processor_metric_names : can(regex("^[A-Za-z0-9]{1,128}$", m))]) && length(distinct(var.alert_processor_metric_names)) == length(var.alert_processor_metric_names)
    error_message = "alert_processor_metric_names must be distinct metric names of 1-128 letters and digits."
  }
}

variable "metric_namespace" {
  description = "CloudWatch namespace of the custom metrics and of the metric alarms."
  type        = string
  default     = "StreamAlert"

  validation {
    condition     = can(regex("^[A-Za-z0-9 ._#:/-]{1,255}$", var.metric_namespace)) && !startswith(var.metric_namespace, "AWS/")
    error_message = "metric_namespace must be 1-255 letters, digits, spaces or . _ # : / -, and must not start with the reserved AWS/."
  }
}

variable "metric_alarms" {
  description = "CloudWatch alarms on this cluster's custom metrics (StreamAlert `metric_alarms`), keyed by alarm name. metric_name is a metric this module's filters publish, e.g. RuleProcessor-FailedParses-PROD. Alarm and OK notifications go to monitoring_sns_topic_arn."
  type = map(object({
    alarm_description   = optional(string, "")
    comparison_operator = string
    evaluation_periods  = number
    metric_name         = string
    period              = number
    statistic           = string
    threshold           = number
  }))
  default = {}

  validation {
    condition     = alltrue([for name, a in var.metric_alarms : length(name) >= 1 && length(name) <= 255 && !can(regex("[[:cntrl:]]", name))])
    error_message = "metric_alarms keys (alarm names) must be 1-255 characters without control characters."
  }

  validation {
    condition     = alltrue([for a in var.metric_alarms : length(a.alarm_description) <= 1024])
    error_message = "metric_alarms alarm_description must be at most 1024 characters."
  }

  validation {
    condition     = alltrue([for a in var.metric_alarms : contains(["GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"], a.comparison_operator)])
    error_message = "metric_alarms comparison_operator must be one of GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold, LessThanOrEqualToThreshold."
  }

  validation {
    condition     = alltrue([for a in var.metric_alarms : contains(["SampleCount", "Average", "Sum", "Minimum", "Maximum"], a.statistic)])
    error_message = "metric_alarms statistic must be one of SampleCount, Average, Sum, Minimum, Maximum."
  }

  validation {
    condition     = alltrue([for a in var.metric_alarms : contains([10, 20, 30], a.period) || (a.period >= 60 && a.period % 60 == 0)])
    error_message = "metric_alarms period must be 10, 20, 30 or a multiple of 60 seconds."
  }

  validation {
    # CloudWatch evaluates at most one day for periods under an hour, seven days otherwise.
    condition = alltrue([
      for a in var.metric_alarms :
      a.evaluation_periods >= 1 && floor(a.evaluation_periods) == a.evaluation_periods
      && a.evaluation_periods * a.period <= (a.period < 3600 ? 86400 : 604800)
    ])
    error_message = "metric_alarms evaluation_periods must be a whole number >= 1, and evaluation_periods * period at most 86400 s (604800 s for periods of an hour or more)."
  }
}

variable "monitoring_sns_topic_arn" {
  description = "ARN of the monitoring SNS topic metric_alarms notify (global.json infrastructure.monitoring). Required when metric_alarms is not empty."
  type        = string
  default     = null

  validation {
    condition     = var.monitoring_sns_topic_arn == null || can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}$", coalesce(var.monitoring_sns_topic_arn, "-")))
    error_message = "monitoring_sns_topic_arn must be null or an SNS topic ARN (standard topic: CloudWatch alarms cannot notify FIFO topics)."
  }
}

variable "output_s3_buckets" {
  description = "Names of S3 buckets the alert processor may write alerts to (aws-s3 outputs)."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for b in var.output_s3_buckets :
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", b)) && !strcontains(b, "..")
    ])
    error_message = "Each output_s3_buckets entry must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "output_lambda_functions" {
  description = "Lambda functions the alert processor may invoke (aws-lambda outputs): \"name\", \"name:qualifier\" or a function ARN with optional qualifier."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for f in var.output_lambda_functions :
      can(regex("^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:)?[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?$", f))
    ])
    error_message = "Each output_lambda_functions entry must be a function name, name:qualifier, or a Lambda function ARN (optionally qualified)."
  }
}

variable "output_sns_topics" {
  description = "Names (not ARNs) of SNS topics in this account and region the alert processor may publish to."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.output_sns_topics : can(regex("^[A-Za-z0-9_-]{1,256}(\\.fifo)?$", t))])
    error_message = "Each output_sns_topics entry must be an SNS topic name (letters, digits, hyphens, underscores; optional .fifo suffix)."
  }
}

variable "output_firehose_streams" {
  description = "Names of Firehose delivery streams in this account and region the alert processor may put alerts into (aws-firehose outputs)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.output_firehose_streams : can(regex("^[A-Za-z0-9_.-]{1,64}$", s))])
    error_message = "Each output_firehose_streams entry must be a Firehose delivery stream name (1-64 letters, digits, _ . -)."
  }
}

variable "output_sqs_queues" {
  description = "Names (not URLs or ARNs) of SQS queues in this account and region the alert processor may send alerts to (aws-sqs outputs)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for q in var.output_sqs_queues : can(regex("^[A-Za-z0-9_-]+(\\.fifo)?$", q)) && length(q) <= 80])
    error_message = "Each output_sqs_queues entry must be an SQS queue name (1-80 letters, digits, hyphens, underscores; optional .fifo suffix)."
  }
}

variable "output_log_groups" {
  description = "CloudWatch Logs groups in this account and region the alert processor may write alerts to (aws-cloudwatch-log outputs), in a stream named after the alert processor function."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for g in var.output_log_groups : can(regex("^[.\\-_/#A-Za-z0-9]{1,512}$", g))])
    error_message = "Each output_log_groups entry must be a log group name (1-512 letters, digits and . - _ / #)."
  }
}

variable "output_ses_identities" {
  description = "Verified SES identities (email addresses or domains) in this account and region the alert processor may send alert emails as (aws-ses outputs); \"*\" is every identity (StreamAlert's list form names none)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for i in var.output_ses_identities : i == "*" || can(regex("^([^\\s@]+@)?[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$", i))])
    error_message = "Each output_ses_identities entry must be an email address, a domain, or \"*\"."
  }
}

variable "output_assume_roles" {
  description = "IAM roles the alert processor may assume to deliver an alert (aws-lambda-v2's assume_role_arn, as StreamAlert 3): role ARNs, often in another account, whose trust policy must also allow the alert processor's role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for r in var.output_assume_roles : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$", r))])
    error_message = "Each output_assume_roles entry must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
  }
}

variable "input_sns_topics" {
  description = "ARNs of SNS topics whose messages feed the rule processor. Topics must be in the provider's region (SNS only subscribes Lambda functions in the same region)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.input_sns_topics : can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$", t))])
    error_message = "Each input_sns_topics entry must be an SNS topic ARN."
  }
}

variable "alert_processor_vpc_subnet_ids" {
  description = "Subnets to run the alert processor in. When non-empty the function is VPC-attached; must be set together with alert_processor_vpc_security_group_ids."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.alert_processor_vpc_subnet_ids : can(regex("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$", s))])
    error_message = "Each alert_processor_vpc_subnet_ids entry must be a subnet ID (subnet-xxxxxxxx)."
  }
}

variable "alert_processor_vpc_security_group_ids" {
  description = "Security groups of the VPC-attached alert processor; must be set together with alert_processor_vpc_subnet_ids."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for s in var.alert_processor_vpc_security_group_ids : can(regex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$", s))])
    error_message = "Each alert_processor_vpc_security_group_ids entry must be a security group ID (sg-xxxxxxxx)."
  }
}

variable "output_secret_parameters" {
  description = "Names of SSM parameters (e.g. /streamalert/slack/channel) holding output credentials the alert processor may read and decrypt."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for p in var.output_secret_parameters : can(regex("^/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$", p)) && length(p) <= 2048])
    error_message = "Each output_secret_parameters entry must be an SSM parameter name (letters, digits, _ . - and / separators)."
  }
}

variable "output_secrets" {
  description = "Names of Secrets Manager secrets holding output credentials the alert processor may read (the names conf/outputs.json gives as secretsmanager_secret)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for n in var.output_secrets : can(regex("^[A-Za-z0-9/_+=.@-]{1,512}$", n))])
    error_message = "Each output_secrets entry must be a Secrets Manager secret name (letters, digits and /_+=.@-)."
  }
}

variable "log_retention_days" {
  description = "Retention of the Lambda log groups in days (0 = never expire)."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the CloudWatch Logs retention values: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "log_group_kms_key_arn" {
  description = "Optional customer managed KMS key ARN for the Lambda log groups. Null keeps CloudWatch Logs' default service-side encryption. The key policy must allow logs.<region>.amazonaws.com."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$", var.log_group_kms_key_arn))
    error_message = "log_group_kms_key_arn must be null or a KMS key ARN (not an alias)."
  }
}

variable "alerts_topic_kms_key_id" {
  description = "KMS key (ID, ARN, alias name or alias ARN) encrypting the alerts SNS topic."
  type        = string
  default     = "alias/aws/sns"

  validation {
    condition     = length(trimspace(var.alerts_topic_kms_key_id)) > 0
    error_message = "alerts_topic_kms_key_id must not be empty: the alerts topic is always encrypted."
  }
}

variable "tags" {
  description = "Tags added to every taggable resource, merged with { \"streamalert:cluster\" = cluster }."
  type        = map(string)
  default     = {}
}

variable "merge_table_kms_key_arn" {
  description = "Optional customer managed KMS key ARN for the merge table (matches of rules with merge_window_mins). Null encrypts with the AWS managed key aws/dynamodb."
  type        = string
  default     = null
}

variable "correlation_table_kms_key_arn" {
  description = "Optional customer managed KMS key ARN for the correlation table (window state of Sigma correlation rules). Null encrypts with the AWS managed key aws/dynamodb."
  type        = string
  default     = null
}

variable "alert_merger_memory" {
  description = "Alert merger memory in MB (it reads the merge table every minute and sends merged alerts)."
  type        = number
  default     = 128

  validation {
    condition     = var.alert_merger_memory >= 128 && var.alert_merger_memory <= 10240 && floor(var.alert_merger_memory) == var.alert_merger_memory
    error_message = "alert_merger_memory must be a whole number of MB between 128 and 10240."
  }
}

variable "staging_enabled" {
  description = "Whether staged rules' alerts have a staging destination (staging_bucket). A plain boolean so the grant's count is known at plan time even when the bucket is created in the same apply."
  type        = bool
  default     = false
}

variable "staging_bucket" {
  description = "Bucket whose staging/ prefix receives staged rules' alerts (rule option `staged: true`): staging/<rule>/dt=YYYY-MM-DD/<alert id>.json. The rendered roots pass the cluster's Firehose data bucket. The alert processor is granted s3:PutObject on staging/* of this bucket only."
  type        = string
  default     = null

  validation {
    condition     = var.staging_bucket == null || can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.staging_bucket))
    error_message = "staging_bucket must be a valid S3 bucket name (3-63 lowercase letters, digits, dots, hyphens)."
  }
}

variable "rule_processor_log_retention_days" {
  description = "Retention of the rule processor's log group in days (0 = never expire); null takes log_retention_days."
  type        = number
  default     = null

  validation {
    condition     = var.rule_processor_log_retention_days == null || contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], coalesce(var.rule_processor_log_retention_days, 0))
    error_message = "rule_processor_log_retention_days must be null or one of the CloudWatch Logs retention values: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "alert_processor_log_retention_days" {
  description = "Retention of the alert processor's log group in days (0 = never expire); null takes log_retention_days."
  type        = number
  default     = null

  validation {
    condition     = var.alert_processor_log_retention_days == null || contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], coalesce(var.alert_processor_log_retention_days, 0))
    error_message = "alert_processor_log_retention_days must be null or one of the CloudWatch Logs retention values: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

variable "rule_processor_concurrency_limit" {
  description = "Reserved concurrent executions of the rule processor (StreamAlert's concurrency_limit); null reserves none."
  type        = number
  default     = null

  validation {
    condition     = var.rule_processor_concurrency_limit == null || (coalesce(var.rule_processor_concurrency_limit, 0) >= 0 && floor(coalesce(var.rule_processor_concurrency_limit, 0)) == coalesce(var.rule_processor_concurrency_limit, 0))
    error_message = "rule_processor_concurrency_limit must be null or a whole number >= 0."
  }
}

variable "alert_processor_concurrency_limit" {
  description = "Reserved concurrent executions of the alert processor (StreamAlert's concurrency_limit); null reserves none."
  type        = number
  default     = null

  validation {
    condition     = var.alert_processor_concurrency_limit == null || (coalesce(var.alert_processor_concurrency_limit, 0) >= 0 && floor(coalesce(var.alert_processor_concurrency_limit, 0)) == coalesce(var.alert_processor_concurrency_limit, 0))
    error_message = "alert_processor_concurrency_limit must be null or a whole number >= 0."
  }
}

variable "lambda_alarms" {
  description = "CloudWatch alarms on the processors' AWS/Lambda Errors or Throttles (StreamAlert 3's per-function metric_alarms), keyed by alarm name: Sum over period seconds greater than threshold for evaluation_periods. They notify monitoring_sns_topic_arn."
  type = map(object({
    function           = string
    metric_name        = string
    threshold          = number
    evaluation_periods = number
    period             = number
  }))
  default = {}

  validation {
    condition     = alltrue([for a in var.lambda_alarms : contains(["rule_processor", "alert_processor"], a.function) && contains(["Errors", "Throttles"], a.metric_name)])
    error_message = "lambda_alarms function must be rule_processor or alert_processor, and metric_name Errors or Throttles."
  }

  validation {
    condition     = alltrue([for a in var.lambda_alarms : a.evaluation_periods >= 1 && (contains([10, 20, 30], a.period) || (a.period >= 60 && a.period % 60 == 0)) && a.evaluation_periods * a.period <= 86400])
    error_message = "lambda_alarms evaluation_periods must be >= 1, period 10, 20, 30 or a multiple of 60 seconds, and evaluation_periods * period at most 86400 s."
  }

  validation {
    condition     = alltrue([for name, a in var.lambda_alarms : length(name) >= 1 && length(name) <= 255 && !can(regex("[[:cntrl:]]", name))])
    error_message = "lambda_alarms keys (alarm names) must be 1-255 characters without control characters."
  }
}

variable "lookup_table_s3_objects" {
  description = "S3 objects, as \"bucket/key\", holding the lookup tables of conf/lookup_tables.json: the rule processor may read exactly these (s3:GetObject) and list exactly their keys (s3:ListBucket with an s3:prefix condition, so a missing object is told from a refused one)."
  type        = list(string)
  default     = []

  validation {
    # IAM reads * and ? in a resource as wildcards: a key with them would grant more objects.
    condition     = alltrue([for o in var.lookup_table_s3_objects : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/[^*?]+$", o)) && length(o) <= 1088])
    error_message = "Each lookup_table_s3_objects entry must be \"bucket/key\": an S3 bucket name and an object key of 1-1024 characters without * or ?."
  }
}

variable "lookup_table_dynamodb_tables" {
  description = "Names of DynamoDB tables in this account and region holding lookup tables: the rule processor may read exactly these (dynamodb:Scan, dynamodb:GetItem)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for t in var.lookup_table_dynamodb_tables : can(regex("^[A-Za-z0-9_.-]{3,255}$", t))])
    error_message = "Each lookup_table_dynamodb_tables entry must be a DynamoDB table name (3-255 letters, digits, _ . -)."
  }
}

variable "source_health_enabled" {
  description = "Source health (docs/source-health.md): the rule processor writes a RecordsByLogType line per log type and invocation (SOURCE_HEALTH), one metric filter publishes RuleProcessor-RecordsByLogType-<CLUSTER> with a LogType dimension, and every log type in source_health_rules_file that a source carries gets a silence alarm and the volume-drop alarms of source_health_volume_drop."
  type        = bool
  default     = true
}

variable "source_health_rules_file" {
  description = "Path of the build's source_health.json ({\"log_types\": {\"<log type>\": [\"<rule>\", ...]}}): the log types rules read, each with its rules. null: no silence alarm."
  type        = string
  default     = null
}

variable "source_health_silence_minutes" {
  description = "Log name of conf/sources.json (a log type or a family such as `osquery`) -> minutes without records before its silence alarm goes off (the longest of the source kinds that carry it). A log type rules read but no entry covers gets no alarm."
  type        = map(number)
  default     = {}

  validation {
    condition     = alltrue([for m in values(var.source_health_silence_minutes) : m >= 1 && m <= 1440 && floor(m) == m])
    error_message = "source_health_silence_minutes must be whole minutes from 1 to 1440 (CloudWatch evaluates at most one day of one-minute periods)."
  }
}

variable "source_health_volume_drop" {
  description = "Volume-drop alarms per log type that has a silence alarm (docs/source-health.md): a warning and a critical alarm when the last hour's records fall more than warning_percent / critical_percent below the same hour's average on the six days before; a log type averaging fewer than minimum_hourly_records an hour is not judged. null: no volume-drop alarms."
  type = object({
    warning_percent        = number
    critical_percent       = number
    minimum_hourly_records = number
  })
  default = {
    warning_percent        = 50
    critical_percent       = 90
    minimum_hourly_records = 10
  }

  validation {
    # `||` does not short-circuit in Terraform 1.11: try() reads a null object as false.
    condition = var.source_health_volume_drop == null || try(
      floor(var.source_health_volume_drop.warning_percent) == var.source_health_volume_drop.warning_percent &&
      floor(var.source_health_volume_drop.critical_percent) == var.source_health_volume_drop.critical_percent &&
      var.source_health_volume_drop.warning_percent >= 1 &&
      var.source_health_volume_drop.critical_percent <= 99 &&
      var.source_health_volume_drop.warning_percent < var.source_health_volume_drop.critical_percent &&
      var.source_health_volume_drop.minimum_hourly_records >= 1,
      false
    )
    error_message = "source_health_volume_drop: warning_percent and critical_percent must be whole percentages from 1 to 99, warning below critical, and minimum_hourly_records at least 1."
  }
}
