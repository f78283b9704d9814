variable "prefix" {
  description = "Deployment prefix (global.json account.prefix)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,23}$", var.prefix))
    error_message = "prefix must be 1-24 lowercase letters, digits or hyphens."
  }
}

variable "cluster" {
  description = "Cluster id the collector belongs to."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_-]{1,32}$", var.cluster))
    error_message = "cluster must be 1-32 lowercase letters, digits, _ or -."
  }
}

variable "name" {
  description = "The collector's name (its key in the cluster file); names its function, table and metrics."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9_]{1,24}$", var.name))
    error_message = "name must be 1-24 lowercase letters, digits or _."
  }

  # The longest name built from it, "<prefix>_<cluster>_collector_<name>_schedule", is capped at 64.
  validation {
    condition     = length("${var.prefix}_${var.cluster}_collector_${var.name}") <= 55
    error_message = "\"<prefix>_<cluster>_collector_<name>\" must be at most 55 characters: shorten the collector's name."
  }
}

variable "type" {
  description = "Which source the collector reads (docs/collectors.md)."
  type        = string

  validation {
    condition     = contains(["okta", "github_audit", "duo_auth", "duo_admin", "onepassword_signins", "onepassword_items", "onepassword_audit", "google_workspace", "slack_audit", "duo_telephony", "box_events", "m365_activity"], var.type)
    error_message = "type must be one of okta, github_audit, duo_auth, duo_admin, onepassword_signins, onepassword_items, onepassword_audit, google_workspace, slack_audit, duo_telephony, box_events, m365_activity."
  }
}

variable "settings" {
  description = "The source's non-secret settings (hostname, organization, ...); never a credential."
  type        = map(string)
  default     = {}
}

variable "credential" {
  description = "Where the credential is: an SSM parameter name (SecureString, e.g. /streamalert/collectors/okta) or a Secrets Manager secret ARN. The function may read exactly this one."
  type        = string

  validation {
    condition     = can(regex("^(/[A-Za-z0-9_.-]+)+$", var.credential)) || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", var.credential)) || (var.credential_format == "streamalert_app" && can(regex("^[A-Za-z0-9_-]{1,64}_auth$", var.credential)))
    error_message = "credential must be an SSM parameter name starting with / or a Secrets Manager secret ARN (or, with credential_format streamalert_app, a StreamAlert app's <function>_auth parameter)."
  }
}

variable "credential_format" {
  description = "How the credential is written: collector (the fields docs/collectors.md lists per source) or streamalert_app (as StreamAlert 3's `app new` stored it in `<function>_auth`: duo_auth, duo_admin, google_workspace and box_events only)."
  type        = string
  default     = "collector"

  validation {
    condition     = contains(["collector", "streamalert_app"], var.credential_format)
    error_message = "credential_format must be collector or streamalert_app."
  }
}

variable "credential_kms_key_arn" {
  description = "Customer managed KMS key that encrypts the credential, if any (the function gets kms:Decrypt on it); null for the AWS managed key."
  type        = string
  default     = null

  validation {
    condition     = var.credential_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[a-f0-9-]{36}$", var.credential_kms_key_arn))
    error_message = "credential_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "kinesis_stream_arn" {
  description = "ARN of the cluster's Kinesis data stream the records go to."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)."
  }
}

variable "zip" {
  description = "Path of the collector zip the build wrote."
  type        = string
}

variable "runtime" {
  description = "Lambda runtime."
  type        = string
  default     = "nodejs22.x"
}

variable "memory" {
  description = "Lambda memory in MB."
  type        = number
  default     = 256

  validation {
    condition     = var.memory >= 128 && var.memory <= 10240 && floor(var.memory) == var.memory
    error_message = "memory must be a whole number of MB between 128 and 10240."
  }
}

variable "timeout" {
  description = "Lambda timeout in seconds: the poll stops 10 s before it, at its last checkpoint."
  type        = number
  default     = 300

  validation {
    condition     = var.timeout >= 30 && var.timeout <= 900 && floor(var.timeout) == var.timeout
    error_message = "timeout must be a whole number of seconds between 30 and 900."
  }
}

variable "schedule_expression" {
  description = "EventBridge schedule of the polls."
  type        = string
  default     = "rate(1 minute)"

  validation {
    condition     = can(regex("^(rate\\([1-9][0-9]* (minute|minutes|hour|hours|day|days)\\)|cron\\(.+\\))$", var.schedule_expression))
    error_message = "schedule_expression must be rate(<n> minutes|hours|days) or cron(...)."
  }
}

variable "overlap_seconds" {
  description = "How far before the checkpoint each poll reads again, for events the API shows late (de-duplicated by id)."
  type        = number
  default     = 600

  validation {
    condition     = var.overlap_seconds >= 0 && var.overlap_seconds <= 86400 && floor(var.overlap_seconds) == var.overlap_seconds
    error_message = "overlap_seconds must be a whole number between 0 and 86400."
  }
}

variable "initial_lookback_seconds" {
  description = "How far back the very first poll reads."
  type        = number
  default     = 3600

  validation {
    condition     = var.initial_lookback_seconds >= 0 && var.initial_lookback_seconds <= 7776000 && floor(var.initial_lookback_seconds) == var.initial_lookback_seconds
    error_message = "initial_lookback_seconds must be a whole number between 0 and 7776000 (90 days)."
  }
}

variable "log_level" {
  description = "The function's log level."
  type        = string
  default     = "info"

  validation {
    condition     = contains(["debug", "info", "warn", "error"], var.log_level)
    error_message = "log_level must be one of debug, info, warn, error."
  }
}

variable "log_retention_days" {
  description = "Days the function's log group keeps its logs."
  type        = number
  default     = 14
}

variable "metric_namespace" {
  description = "CloudWatch namespace of the collector's metrics."
  type        = string
  default     = "StreamAlert"
}

variable "alarm_actions" {
  description = "SNS topic ARNs the alarms notify (the monitoring topic)."
  type        = list(string)
  default     = []
}

variable "no_poll_alarm_minutes" {
  description = "Alarm when no poll has succeeded for this many minutes."
  type        = number
  default     = 15

  validation {
    condition     = var.no_poll_alarm_minutes >= 2 && var.no_poll_alarm_minutes <= 1440 && floor(var.no_poll_alarm_minutes) == var.no_poll_alarm_minutes
    error_message = "no_poll_alarm_minutes must be a whole number between 2 and 1440."
  }
}

variable "lag_alarm_seconds" {
  description = "Alarm when the collected data is further behind now than this."
  type        = number
  default     = 1800

  validation {
    condition     = var.lag_alarm_seconds >= 60 && floor(var.lag_alarm_seconds) == var.lag_alarm_seconds
    error_message = "lag_alarm_seconds must be a whole number of at least 60."
  }
}

variable "tags" {
  description = "Tags for every resource."
  type        = map(string)
  default     = {}
}
