################################################################################
# Naming
################################################################################

variable "prefix" {
  description = "Deployment prefix (StreamAlert `account.prefix`); every name starts with it."
  type        = string

  validation {
    # Shared by every module: the prefix is part of S3 bucket names (no '_', lowercase)
    # and KMS aliases (no '.').
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must use only lowercase letters, digits and '-', and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name (the cluster file's name); used in resource names and the streamalert:cluster tag."
  type        = string

  validation {
    # Shared by every module: '_' becomes '.' in S3 bucket names.
    condition     = can(regex("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must use only lowercase letters, digits, '_' and '-', and start and end with a letter or digit."
  }
}

################################################################################
# Stream
################################################################################

variable "stream_name" {
  description = "Name of the stream (StreamAlert 3's `modules.kinesis.streams.stream_name`); null: <prefix>_<cluster>_stream_alert_kinesis."
  type        = string
  default     = null

  validation {
    condition     = var.stream_name == null || can(regex("^[a-zA-Z0-9_.-]{1,128}$", coalesce(var.stream_name, "-")))
    error_message = "stream_name must be null or a Kinesis stream name (1-128 letters, digits, '_', '.' or '-')."
  }
}

variable "shards" {
  description = "Number of shards of the stream (`modules.kinesis.streams.shards`)."
  type        = number

  validation {
    condition     = var.shards >= 1 && floor(var.shards) == var.shards
    error_message = "shards must be a whole number >= 1."
  }
}

variable "retention" {
  description = "Hours the stream keeps records (`modules.kinesis.streams.retention`)."
  type        = number

  validation {
    condition     = var.retention >= 24 && var.retention <= 8760 && floor(var.retention) == var.retention
    error_message = "retention must be a whole number of hours between 24 and 8760 (365 days)."
  }
}

variable "shard_level_metrics" {
  description = "Enhanced (shard-level) CloudWatch metrics to enable on the stream. They are billed per shard, hence off by default."
  type        = list(string)
  default     = []

  validation {
    condition = alltrue([
      for m in var.shard_level_metrics : contains([
        "ALL",
        "IncomingBytes",
        "IncomingRecords",
        "IteratorAgeMilliseconds",
        "OutgoingBytes",
        "OutgoingRecords",
        "ReadProvisionedThroughputExceeded",
        "WriteProvisionedThroughputExceeded",
      ], m)
    ])
    error_message = "shard_level_metrics values must be one of: ALL, IncomingBytes, IncomingRecords, IteratorAgeMilliseconds, OutgoingBytes, OutgoingRecords, ReadProvisionedThroughputExceeded, WriteProvisionedThroughputExceeded."
  }
}

variable "kms_key_id" {
  description = "KMS key that encrypts the stream at rest: key id, key ARN, alias name or alias ARN. The AWS managed key needs no extra grants; any other key is looked up and the writer user gets kms:GenerateDataKey on it. The key must already exist: it is looked up during plan."
  type        = string
  default     = "alias/aws/kinesis"

  validation {
    condition = can(regex(
      "^(alias/[a-zA-Z0-9/_-]+|(mrk-[0-9a-f]{32})|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/.+|alias/[a-zA-Z0-9/_-]+))$",
      var.kms_key_id
    ))
    error_message = "kms_key_id must be a KMS key id, a key ARN, an alias name (alias/...) or an alias ARN."
  }
}

################################################################################
# Writer user
################################################################################

variable "create_user" {
  description = "Create an IAM user with an access key that may only write to this stream (for log shippers outside AWS)."
  type        = bool
  default     = true
}

variable "trusted_accounts" {
  description = "AWS account ids whose principals may assume the role <prefix>_<cluster>_streamalert_role, which may only write to this stream (StreamAlert 3's `trusted_accounts`); [] creates no role."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for a in var.trusted_accounts : can(regex("^[0-9]{12}$", a))])
    error_message = "trusted_accounts must hold 12-digit AWS account ids."
  }
}

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags added to every taggable resource, merged with { \"streamalert:cluster\" = cluster }."
  type        = map(string)
  default     = {}
}
