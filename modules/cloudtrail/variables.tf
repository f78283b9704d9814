################################################################################
# Naming and placement
################################################################################

variable "prefix" {
  description = "Deployment prefix (StreamAlert `account.prefix`); part of the trail, bucket, KMS alias and IAM names."
  type        = string

  validation {
    # Shared by every module: the prefix is part of S3 bucket names (no '_', lowercase)
    # and KMS aliases (no '.').
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must use only lowercase letters, digits and '-', and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name; '_' becomes '.' in the bucket name, as StreamAlert did."
  type        = string

  validation {
    # Shared by every module: '_' becomes '.' in S3 bucket names.
    condition     = can(regex("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must use only lowercase letters, digits, '_' and '-', and start and end with a letter or digit."
  }
}

variable "account_id" {
  description = "AWS account id the trail, bucket and rule live in."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "region" {
  description = "Region of the provider this module runs with (the trail's home region)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]+$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

################################################################################
# Trail
################################################################################

variable "enable_logging" {
  description = "Whether the trail records API calls (`modules.cloudtrail.enabled`). The trail, bucket and rule exist either way."
  type        = bool
  default     = true
}

variable "existing_trail" {
  description = "The account already has a trail: create no trail, bucket or KMS key, only the CloudWatch Events rule to Kinesis."
  type        = bool
  default     = false
}

variable "is_global_trail" {
  description = "Record API calls from every region (is_multi_region_trail), not only this one."
  type        = bool
  default     = true
}

variable "bucket_name" {
  description = "Name of the trail's bucket, and of the trail (StreamAlert 3's `s3_settings.bucket_name`, which named both). Null: `<prefix>.<cluster with . for _>.streamalert.cloudtrail` for the bucket, `<prefix>.<cluster>.streamalert.cloudtrail` for the trail."
  type        = string
  default     = null
}

variable "cross_account_ids" {
  description = "Other AWS accounts whose trails may write their logs to the bucket, each under its own AWSLogs/<account>/ folder (StreamAlert 3's `cross_account_ids`)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.cross_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "cross_account_ids must be 12-digit AWS account ids."
  }
}

variable "s3_data_events" {
  description = "Also record S3 object-level (data) events of every bucket: \"ReadOnly\", \"WriteOnly\" or \"All\" (StreamAlert 3's `event_selector_type`). Null: management events only."
  type        = string
  default     = null

  validation {
    condition     = var.s3_data_events == null || contains(["ReadOnly", "WriteOnly", "All"], coalesce(var.s3_data_events, "-"))
    error_message = "s3_data_events must be null, \"ReadOnly\", \"WriteOnly\" or \"All\"."
  }
}

################################################################################
# Events to Kinesis
################################################################################

variable "event_pattern" {
  description = "CloudWatch Events (EventBridge) pattern, as a JSON object string, of the events sent to the stream. Null means StreamAlert's default {\"account\": [account_id]}."
  type        = string
  default     = null

  validation {
    condition     = var.event_pattern == null || try(length(keys(jsondecode(var.event_pattern))) > 0, false)
    error_message = "event_pattern must be a non-empty JSON object, e.g. {\"account\": [\"123456789012\"]}."
  }

  validation {
    condition = var.event_pattern == null || try(length(setsubtract(
      keys(jsondecode(var.event_pattern)),
      ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]
    )) == 0, false)
    error_message = "event_pattern keys must be among: version, id, detail-type, source, account, time, region, resources, detail."
  }

  validation {
    condition     = var.event_pattern == null || try(length(var.event_pattern) <= 4096, false)
    error_message = "event_pattern must be at most 4096 characters (the EventBridge limit)."
  }
}

variable "event_bus_accounts" {
  description = "Other AWS accounts allowed to put events on this region's default event bus, where the rule picks them up (StreamAlert 3's cloudwatch_events `cross_account.accounts`)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.event_bus_accounts : can(regex("^[0-9]{12}$", id))])
    error_message = "event_bus_accounts must be 12-digit AWS account ids."
  }
}

variable "event_bus_org_ids" {
  description = "AWS Organizations whose accounts may put events on this region's default event bus (StreamAlert 3's cloudwatch_events `cross_account.organizations`)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.event_bus_org_ids : can(regex("^o-[a-z0-9]{10,32}$", id))])
    error_message = "event_bus_org_ids must be AWS Organizations ids such as o-aabbccddee."
  }
}

variable "kinesis_stream_arn" {
  description = "ARN of the cluster's Kinesis stream the events are sent to."
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

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags added to every taggable resource, merged with { \"streamalert:cluster\" = cluster }."
  type        = map(string)
  default     = {}
}
