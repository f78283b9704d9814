################################################################################
# Naming
################################################################################

variable "prefix" {
  description = "Deployment prefix (StreamAlert `account.prefix`); part of the IAM role and default log group names."
  type        = string

  validation {
    # Shared by every module: the prefix is part of S3 bucket names (no '_', lowercase)
    # and KMS aliases (no '.').
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must use only lowercase letters, digits and '-', and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name; part of the IAM role and default log group names, and the streamalert:cluster tag."
  type        = string

  validation {
    # Shared by every module: '_' becomes '.' in S3 bucket names.
    condition     = can(regex("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must use only lowercase letters, digits, '_' and '-', and start and end with a letter or digit."
  }
}

################################################################################
# Flow logs
################################################################################

variable "log_group_name" {
  description = "CloudWatch log group that receives the flow logs (`modules.flow_logs.log_group_name`). Null means `<prefix>_<cluster>_streamalert_flow_logs`."
  type        = string
  default     = null

  validation {
    condition     = var.log_group_name == null || can(regex("^[a-zA-Z0-9_./#-]{1,500}$", coalesce(var.log_group_name, "-")))
    error_message = "log_group_name must be 1-500 characters of letters, digits, '_', '-', '/', '.' and '#' (the log group name limit, less room for the subscription filter suffix)."
  }
}

variable "vpcs" {
  description = "VPC ids whose traffic is logged."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.vpcs : can(regex("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "vpcs must hold VPC ids such as vpc-0a1b2c3d4e5f67890."
  }

  validation {
    condition     = length(distinct(var.vpcs)) == length(var.vpcs)
    error_message = "vpcs must not repeat an id."
  }
}

variable "subnets" {
  description = "Subnet ids whose traffic is logged."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.subnets : can(regex("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "subnets must hold subnet ids such as subnet-0a1b2c3d4e5f67890."
  }

  validation {
    condition     = length(distinct(var.subnets)) == length(var.subnets)
    error_message = "subnets must not repeat an id."
  }
}

variable "enis" {
  description = "Elastic network interface ids whose traffic is logged."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.enis : can(regex("^eni-([0-9a-f]{8}|[0-9a-f]{17})$", id))])
    error_message = "enis must hold network interface ids such as eni-0a1b2c3d4e5f67890."
  }

  validation {
    condition     = length(distinct(var.enis)) == length(var.enis)
    error_message = "enis must not repeat an id."
  }
}

variable "log_retention_days" {
  description = "Days the log group keeps flow logs; 0 keeps them forever."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
  }
}

################################################################################
# Subscription to Kinesis
################################################################################

variable "kinesis_stream_arn" {
  description = "ARN of the cluster's Kinesis stream the flow log records are sent to."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]+$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)."
  }
}

variable "kinesis_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the stream (kinesis_streams output kms_key_arn). Null when the stream uses the AWS managed key, which needs no grant."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kinesis_kms_key_arn))
    error_message = "kinesis_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "filter_pattern" {
  description = "CloudWatch Logs filter pattern of the subscription. StreamAlert's default names the 14 fields of the default (version 2) flow log format, which its cloudwatch:flow_logs schema reads."
  type        = string
  default     = "[version, account, eni, source, destination, srcport, destport, protocol, packets, bytes, windowstart, windowend, action, flowlogstatus]"

  validation {
    condition     = length(var.filter_pattern) <= 1024
    error_message = "filter_pattern must be at most 1024 characters."
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
