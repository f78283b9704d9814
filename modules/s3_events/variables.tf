variable "prefix" {
  description = "Deployment-wide name prefix (StreamAlert `account.prefix`); names the bucket notification."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must contain only lowercase letters, digits and hyphens, and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name; names the bucket notification."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must contain only lowercase letters, digits, underscores and hyphens, and start and end with a letter or digit."
  }
}

variable "bucket_id" {
  description = "Name of an existing S3 bucket (same account and region as the rule processor) whose new objects are sent to the rule processor."
  type        = string

  validation {
    condition = (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_id))
      && !strcontains(var.bucket_id, "..")
      && !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", var.bucket_id))
      && !startswith(var.bucket_id, "xn--")
      && !endswith(var.bucket_id, "-s3alias")
    )
    error_message = "bucket_id must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no '..', not an IP address."
  }
}

variable "rule_processor_function_name" {
  description = "Name of the rule processor function (the permission is added on its `production` qualifier)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,64}$", var.rule_processor_function_name))
    error_message = "rule_processor_function_name must be a Lambda function name (1-64 characters of A-Za-z0-9_-)."
  }
}

variable "rule_processor_alias_arn" {
  description = "ARN of the rule processor `production` alias; the notification target."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,128}$", var.rule_processor_alias_arn))
    error_message = "rule_processor_alias_arn must be a qualified Lambda ARN (arn:aws:lambda:<region>:<account>:function:<name>:<alias>)."
  }
}

variable "rule_processor_role_name" {
  description = "Name of the rule processor execution role that receives the bucket read policy."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.rule_processor_role_name))
    error_message = "rule_processor_role_name must be an IAM role name (1-64 characters of A-Za-z0-9+=,.@_-)."
  }
}

variable "events" {
  description = "S3 event types that trigger the rule processor."
  type        = list(string)
  default     = ["s3:ObjectCreated:*"]

  validation {
    condition = length(var.events) > 0 && alltrue([
      for e in var.events : contains([
        "s3:ObjectCreated:*", "s3:ObjectCreated:Put", "s3:ObjectCreated:Post", "s3:ObjectCreated:Copy",
        "s3:ObjectCreated:CompleteMultipartUpload",
        "s3:ObjectRemoved:*", "s3:ObjectRemoved:Delete", "s3:ObjectRemoved:DeleteMarkerCreated",
        "s3:ObjectRestore:*", "s3:ObjectRestore:Post", "s3:ObjectRestore:Completed", "s3:ObjectRestore:Delete",
        "s3:ReducedRedundancyLostObject",
        "s3:Replication:*", "s3:Replication:OperationFailedReplication", "s3:Replication:OperationMissedThreshold",
        "s3:Replication:OperationReplicatedAfterThreshold", "s3:Replication:OperationNotTracked",
        "s3:LifecycleExpiration:*", "s3:LifecycleExpiration:Delete", "s3:LifecycleExpiration:DeleteMarkerCreated",
        "s3:LifecycleTransition", "s3:IntelligentTiering",
        "s3:ObjectTagging:*", "s3:ObjectTagging:Put", "s3:ObjectTagging:Delete",
        "s3:ObjectAcl:Put",
      ], e)
    ])
    error_message = "events must be a non-empty list of S3 event notification types, e.g. s3:ObjectCreated:*."
  }
}

variable "filter_prefix" {
  description = "Only objects whose key starts with this prefix trigger the rule processor (\"\" = no filter)."
  type        = string
  default     = ""

  validation {
    condition     = length(var.filter_prefix) <= 1024
    error_message = "filter_prefix must be at most 1024 characters (the S3 key length limit)."
  }
}

variable "filter_suffix" {
  description = "Only objects whose key ends with this suffix trigger the rule processor (\"\" = no filter)."
  type        = string
  default     = ""

  validation {
    condition     = length(var.filter_suffix) <= 1024
    error_message = "filter_suffix must be at most 1024 characters (the S3 key length limit)."
  }
}

variable "filters" {
  description = "Several key filters, each its own notification to the rule processor (StreamAlert 3's list per bucket); [] = the one filter of filter_prefix and filter_suffix. S3 refuses two filters an object key could match both."
  type = list(object({
    prefix = string
    suffix = string
  }))
  default = []

  validation {
    condition     = alltrue([for f in var.filters : length(f.prefix) <= 1024 && length(f.suffix) <= 1024])
    error_message = "filters' prefix and suffix must be at most 1024 characters (the S3 key length limit)."
  }

  validation {
    # Overlapping: one prefix starts the other and one suffix ends the other.
    condition = alltrue(flatten([
      for i, a in var.filters : [
        for j, b in var.filters : j <= i || !(
          (startswith(a.prefix, b.prefix) || startswith(b.prefix, a.prefix))
          && (endswith(a.suffix, b.suffix) || endswith(b.suffix, a.suffix))
        )
      ]
    ]))
    error_message = "filters must not overlap: S3 refuses two filters of one bucket that an object key could match both (one prefix starting the other and one suffix ending the other)."
  }
}
