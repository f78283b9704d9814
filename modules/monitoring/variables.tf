variable "create_sns_topic" {
  description = "Create the monitoring SNS topic (true), or use an existing topic named sns_topic_name in this account and region (false)."
  type        = bool
}

variable "sns_topic_name" {
  description = "Name of the monitoring SNS topic every CloudWatch alarm notifies (created, or existing when create_sns_topic = false)."
  type        = string
  default     = "stream_alert_monitoring"

  validation {
    # CloudWatch alarms cannot publish to FIFO topics.
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.sns_topic_name))
    error_message = "sns_topic_name must be 1-256 letters, digits, hyphens or underscores (standard topic, no .fifo)."
  }
}

variable "kms_key_alias" {
  description = "Alias name, without the `alias/` prefix, of the StreamAlert secrets key this module creates (StreamAlert `account.kms_key_alias`, e.g. stream_alert_secrets)."
  type        = string

  validation {
    condition = (
      can(regex("^[A-Za-z0-9/_-]{1,250}$", var.kms_key_alias))
      && !startswith(var.kms_key_alias, "alias/")
      && !startswith(var.kms_key_alias, "aws/")
    )
    error_message = "kms_key_alias must be 1-250 characters of A-Za-z0-9/_-, without the alias/ prefix, and must not start with the reserved aws/ prefix."
  }
}

variable "account_id" {
  description = "AWS account ID; the key administrator and the only account whose alarms may use the topic and key."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "tags" {
  description = "Tags added to the KMS key, the SNS topic and the metric alarms."
  type        = map(string)
  default     = {}
}

variable "metric_namespace" {
  description = "CloudWatch namespace of StreamAlert's custom metrics, watched by metric_alarms."
  type        = string
  default     = "StreamAlert"

  validation {
    condition     = can(regex("^[A-Za-z0-9 ._#:/-]{1,255}$", var.metric_namespace)) && !startswith(var.metric_namespace, "AWS/")
    error_message = "metric_namespace must be 1-255 letters, digits, spaces or . _ # : / -, and must not start with the reserved AWS/."
  }
}

variable "metric_alarms" {
  description = "Aggregate CloudWatch alarms on StreamAlert's custom metrics (global.json `infrastructure.monitoring.metric_alarms`), keyed by alarm name; metric_name is an aggregate metric such as RuleProcessor-FailedParses. Alarm and OK notifications go to the monitoring topic."
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
    condition     = alltrue([for a in var.metric_alarms : can(regex("^[A-Za-z0-9._/#:-]{1,255}$", a.metric_name))])
    error_message = "metric_alarms metric_name must be a CloudWatch metric name such as RuleProcessor-FailedParses."
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
