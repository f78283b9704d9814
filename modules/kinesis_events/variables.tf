variable "enabled" {
  description = "Whether the event source mapping polls the stream. The mapping always exists; false pauses processing without losing the checkpoint."
  type        = bool
}

variable "kinesis_stream_arn" {
  description = "ARN of the cluster's Kinesis data stream."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)."
  }
}

variable "rule_processor_alias_arn" {
  description = "ARN of the rule processor `production` alias; used as the mapping's function_name so deploys only move the alias."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,128}$", var.rule_processor_alias_arn))
    error_message = "rule_processor_alias_arn must be a qualified Lambda ARN (arn:aws:lambda:<region>:<account>:function:<name>:<alias>)."
  }
}

variable "rule_processor_role_name" {
  description = "Name of the rule processor execution role that receives the stream read policy."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.rule_processor_role_name))
    error_message = "rule_processor_role_name must be an IAM role name (1-64 characters of A-Za-z0-9+=,.@_-)."
  }
}

variable "batch_size" {
  description = "Maximum number of records per invocation."
  type        = number
  default     = 100

  validation {
    condition     = var.batch_size >= 1 && var.batch_size <= 10000 && floor(var.batch_size) == var.batch_size
    error_message = "batch_size must be a whole number between 1 and 10000."
  }
}

variable "starting_position" {
  description = "Where a new mapping starts reading: TRIM_HORIZON (oldest retained record) or LATEST."
  type        = string
  default     = "TRIM_HORIZON"

  validation {
    condition     = contains(["TRIM_HORIZON", "LATEST"], var.starting_position)
    error_message = "starting_position must be TRIM_HORIZON or LATEST."
  }
}

variable "maximum_batching_window_in_seconds" {
  description = "How long Lambda buffers records before invoking (0 = invoke as soon as records are available)."
  type        = number
  default     = 0

  validation {
    condition     = var.maximum_batching_window_in_seconds >= 0 && var.maximum_batching_window_in_seconds <= 300 && floor(var.maximum_batching_window_in_seconds) == var.maximum_batching_window_in_seconds
    error_message = "maximum_batching_window_in_seconds must be a whole number between 0 and 300."
  }
}

variable "maximum_retry_attempts" {
  description = "How many times Lambda retries a batch the rule processor fails (only transient failures: the processor dead-letters poison records itself). After that the batch's metadata goes to on_failure_destination_arn and the shard moves on."
  type        = number
  default     = 3

  validation {
    condition     = var.maximum_retry_attempts >= 0 && var.maximum_retry_attempts <= 10000 && floor(var.maximum_retry_attempts) == var.maximum_retry_attempts
    error_message = "maximum_retry_attempts must be a whole number between 0 and 10000 (-1, retry forever, is not allowed: one bad batch would stall its shard for the stream's whole retention)."
  }
}

variable "maximum_record_age_in_seconds" {
  description = "Records older than this are not sent to the rule processor; they go to on_failure_destination_arn. Bounds how long a failing batch (or a backlog) can hold a shard."
  type        = number
  default     = 21600

  validation {
    condition     = var.maximum_record_age_in_seconds >= 60 && var.maximum_record_age_in_seconds <= 604800 && floor(var.maximum_record_age_in_seconds) == var.maximum_record_age_in_seconds
    error_message = "maximum_record_age_in_seconds must be a whole number between 60 and 604800 (-1, no limit, is not allowed)."
  }
}

variable "bisect_batch_on_function_error" {
  description = "Split a failed batch in two and retry the halves, so records before a failing one are not held back with it."
  type        = bool
  default     = true
}

variable "on_failure_destination_arn" {
  description = "SQS queue (or SNS topic) ARN that receives the metadata (shard, sequence-number range) of a batch that ran out of retries or age; the records themselves stay in the stream until its retention ends. The stream_alert module's dead_letter_queue_arn. Required: without it such batches would be skipped without a trace."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:(sqs|sns):[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_.-]{1,256}$", var.on_failure_destination_arn))
    error_message = "on_failure_destination_arn must be an SQS queue or SNS topic ARN."
  }
}
