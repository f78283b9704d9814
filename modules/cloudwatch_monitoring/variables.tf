################################################################################
# Naming
################################################################################

variable "prefix" {
  description = "Deployment prefix (StreamAlert `account.prefix`); shown in alarm descriptions."
  type        = string

  validation {
    # Shared by every module: the prefix is part of S3 bucket names (no '_', lowercase)
    # and KMS aliases (no '.').
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$", var.prefix))
    error_message = "prefix must use only lowercase letters, digits and '-', and start and end with a letter or digit."
  }
}

variable "cluster" {
  description = "Cluster name; shown in alarm descriptions and used for the streamalert:cluster tag."
  type        = string

  validation {
    # Shared by every module: '_' becomes '.' in S3 bucket names.
    condition     = can(regex("^[a-z0-9]([a-z0-9_-]*[a-z0-9])?$", var.cluster))
    error_message = "cluster must use only lowercase letters, digits, '_' and '-', and start and end with a letter or digit."
  }
}

################################################################################
# What to watch
################################################################################

variable "sns_topic_arn" {
  description = "ARN of the monitoring SNS topic that receives alarm and OK notifications."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$", var.sns_topic_arn))
    error_message = "sns_topic_arn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)."
  }
}

variable "lambda_function_names" {
  description = "Names of the Lambda functions to watch (Errors, Throttles, IteratorAge on their `production` alias). Must be known at plan time: they key the alarms."
  type        = list(string)

  validation {
    condition     = alltrue([for name in var.lambda_function_names : can(regex("^[a-zA-Z0-9_-]{1,64}$", name))])
    error_message = "lambda_function_names must be plain function names: 1-64 letters, digits, '_' or '-' (no ARN, no qualifier)."
  }

  validation {
    condition     = length(distinct(var.lambda_function_names)) == length(var.lambda_function_names)
    error_message = "lambda_function_names must not repeat a name."
  }
}

variable "kinesis_stream_name" {
  description = "Name of the cluster's Kinesis stream to watch; null creates no Kinesis alarms."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_stream_name == null || can(regex("^[a-zA-Z0-9_.-]{1,128}$", coalesce(var.kinesis_stream_name, "-")))
    error_message = "kinesis_stream_name must be null or a Kinesis stream name (1-128 letters, digits, '_', '.' or '-')."
  }
}

variable "firehose_name" {
  description = "Name of the cluster's Firehose delivery stream to watch; null creates no Firehose alarm."
  type        = string
  default     = null

  validation {
    condition     = var.firehose_name == null || can(regex("^[a-zA-Z0-9_.-]{1,64}$", coalesce(var.firehose_name, "-")))
    error_message = "firehose_name must be null or a Firehose delivery stream name (1-64 letters, digits, '_', '.' or '-')."
  }
}

################################################################################
# Thresholds (defaults: StreamAlert's)
################################################################################

variable "lambda_invocation_error_threshold" {
  description = "Alarm when Lambda Errors (Sum) per function is greater than this."
  type        = number
  default     = 0

  validation {
    condition     = var.lambda_invocation_error_threshold >= 0
    error_message = "lambda_invocation_error_threshold must be >= 0."
  }
}

variable "lambda_invocation_error_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Lambda Errors alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.lambda_invocation_error_evaluation_periods >= 1 && floor(var.lambda_invocation_error_evaluation_periods) == var.lambda_invocation_error_evaluation_periods
    error_message = "lambda_invocation_error_evaluation_periods must be a whole number >= 1."
  }
}

variable "lambda_invocation_error_period" {
  description = "Seconds per period of the Lambda Errors alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.lambda_invocation_error_period >= 60 && var.lambda_invocation_error_period % 60 == 0
    error_message = "lambda_invocation_error_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

variable "lambda_throttle_error_threshold" {
  description = "Alarm when Lambda Throttles (Sum) per function is greater than this."
  type        = number
  default     = 0

  validation {
    condition     = var.lambda_throttle_error_threshold >= 0
    error_message = "lambda_throttle_error_threshold must be >= 0."
  }
}

variable "lambda_throttle_error_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Lambda Throttles alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.lambda_throttle_error_evaluation_periods >= 1 && floor(var.lambda_throttle_error_evaluation_periods) == var.lambda_throttle_error_evaluation_periods
    error_message = "lambda_throttle_error_evaluation_periods must be a whole number >= 1."
  }
}

variable "lambda_throttle_error_period" {
  description = "Seconds per period of the Lambda Throttles alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.lambda_throttle_error_period >= 60 && var.lambda_throttle_error_period % 60 == 0
    error_message = "lambda_throttle_error_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

variable "lambda_iterator_age_error_threshold" {
  description = "Alarm when Lambda IteratorAge in milliseconds (Maximum) per function is greater than this."
  type        = number
  default     = 1000000

  validation {
    condition     = var.lambda_iterator_age_error_threshold >= 0
    error_message = "lambda_iterator_age_error_threshold must be >= 0."
  }
}

variable "lambda_iterator_age_error_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Lambda IteratorAge in milliseconds alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.lambda_iterator_age_error_evaluation_periods >= 1 && floor(var.lambda_iterator_age_error_evaluation_periods) == var.lambda_iterator_age_error_evaluation_periods
    error_message = "lambda_iterator_age_error_evaluation_periods must be a whole number >= 1."
  }
}

variable "lambda_iterator_age_error_period" {
  description = "Seconds per period of the Lambda IteratorAge in milliseconds alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.lambda_iterator_age_error_period >= 60 && var.lambda_iterator_age_error_period % 60 == 0
    error_message = "lambda_iterator_age_error_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

variable "kinesis_iterator_age_error_threshold" {
  description = "Alarm when Kinesis GetRecords.IteratorAgeMilliseconds (Maximum) is greater than this."
  type        = number
  default     = 1000000

  validation {
    condition     = var.kinesis_iterator_age_error_threshold >= 0
    error_message = "kinesis_iterator_age_error_threshold must be >= 0."
  }
}

variable "kinesis_iterator_age_error_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Kinesis GetRecords.IteratorAgeMilliseconds alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.kinesis_iterator_age_error_evaluation_periods >= 1 && floor(var.kinesis_iterator_age_error_evaluation_periods) == var.kinesis_iterator_age_error_evaluation_periods
    error_message = "kinesis_iterator_age_error_evaluation_periods must be a whole number >= 1."
  }
}

variable "kinesis_iterator_age_error_period" {
  description = "Seconds per period of the Kinesis GetRecords.IteratorAgeMilliseconds alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.kinesis_iterator_age_error_period >= 60 && var.kinesis_iterator_age_error_period % 60 == 0
    error_message = "kinesis_iterator_age_error_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

variable "kinesis_write_throughput_exceeded_threshold" {
  description = "Alarm when Kinesis WriteProvisionedThroughputExceeded (Sum) is greater than this."
  type        = number
  default     = 10

  validation {
    condition     = var.kinesis_write_throughput_exceeded_threshold >= 0
    error_message = "kinesis_write_throughput_exceeded_threshold must be >= 0."
  }
}

variable "kinesis_write_throughput_exceeded_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Kinesis WriteProvisionedThroughputExceeded alarm fires."
  type        = number
  default     = 6

  validation {
    condition     = var.kinesis_write_throughput_exceeded_evaluation_periods >= 1 && floor(var.kinesis_write_throughput_exceeded_evaluation_periods) == var.kinesis_write_throughput_exceeded_evaluation_periods
    error_message = "kinesis_write_throughput_exceeded_evaluation_periods must be a whole number >= 1."
  }
}

variable "kinesis_write_throughput_exceeded_period" {
  description = "Seconds per period of the Kinesis WriteProvisionedThroughputExceeded alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.kinesis_write_throughput_exceeded_period >= 60 && var.kinesis_write_throughput_exceeded_period % 60 == 0
    error_message = "kinesis_write_throughput_exceeded_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

variable "firehose_data_freshness_threshold" {
  description = "Alarm when Firehose DeliveryToS3.DataFreshness in seconds (Maximum) is greater than this."
  type        = number
  default     = 900

  validation {
    condition     = var.firehose_data_freshness_threshold >= 0
    error_message = "firehose_data_freshness_threshold must be >= 0."
  }
}

variable "firehose_data_freshness_evaluation_periods" {
  description = "Consecutive periods over the threshold before the Firehose DeliveryToS3.DataFreshness in seconds alarm fires."
  type        = number
  default     = 1

  validation {
    condition     = var.firehose_data_freshness_evaluation_periods >= 1 && floor(var.firehose_data_freshness_evaluation_periods) == var.firehose_data_freshness_evaluation_periods
    error_message = "firehose_data_freshness_evaluation_periods must be a whole number >= 1."
  }
}

variable "firehose_data_freshness_period" {
  description = "Seconds per period of the Firehose DeliveryToS3.DataFreshness in seconds alarm."
  type        = number
  default     = 300

  validation {
    # AWS service metrics are standard resolution: periods are whole minutes.
    condition     = var.firehose_data_freshness_period >= 60 && var.firehose_data_freshness_period % 60 == 0
    error_message = "firehose_data_freshness_period must be a multiple of 60 seconds (AWS metrics are standard resolution)."
  }
}

################################################################################
# Tags
################################################################################

variable "tags" {
  description = "Tags added to every alarm, merged with { \"streamalert:cluster\" = cluster }."
  type        = map(string)
  default     = {}
}
