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
    condition     = length(var.feeds) > 0 && alltrue([for f in var.feeds : contains(["urlhaus", "threatfox", "feodo", "cisa_kev", "tor_exits", "otx"], f)])
    error_message = "feeds must name at least one of urlhaus, threatfox, feodo, cisa_kev, tor_exits, otx."
  }
}

variable "otx_credential" {
  description = "Where AlienVault OTX's API key is (feeds.otx.credential): an SSM parameter name (SecureString) or a Secrets Manager secret ARN; the function may read exactly this one. Required when feeds names otx."
  type        = string
  default     = null

  validation {
    condition     = var.otx_credential == null || can(regex("^(/[A-Za-z0-9_.-]+)+$", var.otx_credential)) || can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$", var.otx_credential))
    error_message = "otx_credential must be an SSM parameter name starting with / or a Secrets Manager secret ARN."
  }
}

variable "otx_credential_kms_key_arn" {
  description = "Customer managed KMS key that encrypts the OTX key, if any (the function gets kms:Decrypt on it); null for the AWS managed key."
  type        = string
  default     = null
}

variable "account_id" {
  description = "AWS account id: the SSM parameter of otx_credential is in this account."
  type        = string
  default     = null
}

variable "region" {
  description = "AWS region: the SSM parameter of otx_credential is in this region."
  type        = string
  default     = null
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
