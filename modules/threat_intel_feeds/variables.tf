variable "prefix" {
  description = "Deployment prefix (global.json account.prefix)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{0,23}$", var.prefix))
    error_message = "prefix must be 1-24 lowercase letters, digits or hyphens."
  }
}

variable "bucket" {
  description = "The bucket of the feeds' indicator tables (conf/threat_intel.json feeds.bucket); created here."
  type        = string
}

variable "key_prefix" {
  description = "Where the tables are in the bucket (feeds.prefix): <key_prefix><feed>.json.gz."
  type        = string
  default     = "threat-intel/"
}

variable "feeds" {
  description = "The feeds pulled (feeds.sources)."
  type        = list(string)

  validation {
    condition     = length(var.feeds) > 0 && alltrue([for f in var.feeds : contains(["urlhaus", "threatfox", "feodo", "cisa_kev", "tor_exits"], f)])
    error_message = "feeds must name at least one of urlhaus, threatfox, feodo, cisa_kev, tor_exits."
  }
}

variable "zip" {
  description = "Path of the collectors' zip (build writes it); its handler index.threatIntelFeeds runs."
  type        = string
}

variable "runtime" {
  description = "Lambda runtime."
  type        = string
  default     = "nodejs22.x"
}

variable "memory" {
  description = "Memory of the function, MB: one feed is held at a time (a few MB of text, its rows, the gzip)."
  type        = number
  default     = 512
}

variable "timeout" {
  description = "Timeout of one run, seconds (each download may take up to 60)."
  type        = number
  default     = 300
}

variable "schedule_expression" {
  description = "When the collector runs; each run pulls the feeds that are due (abuse.ch every 4 minutes, Tor every 30, CISA KEV every 60)."
  type        = string
  default     = "rate(4 minutes)"
}

variable "log_level" {
  description = "debug, info, warn or error."
  type        = string
  default     = "info"
}

variable "log_retention_days" {
  description = "Retention of the function's log group."
  type        = number
  default     = 14
}

variable "version_retention_days" {
  description = "Days the copies of each version and the replaced tables are kept."
  type        = number
  default     = 30
}

variable "metric_namespace" {
  description = "CloudWatch namespace of the failure metric."
  type        = string
  default     = "StreamAlert"
}

variable "failure_alarm_runs" {
  description = "Five-minute periods in a row with a feed failure before the alarm fires."
  type        = number
  default     = 3
}

variable "alarm_actions" {
  description = "SNS topic ARNs the alarms notify."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}
