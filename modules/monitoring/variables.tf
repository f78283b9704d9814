variable "create_sns_topic" {
  type        = bool
  description = "Create the monitoring SNS topic (true), or use an existing topic named sns_topic_name in this account and region (false)."
}

variable "sns_topic_name" {
  type        = string
  description = "Name of the monitoring SNS topic every CloudWatch alarm notifies (created, or existing when create_sns_topic = false)."
  default     = "stream_alert_monitoring"

  validation {
    # CloudWatch alarms cannot publish to FIFO topics.
    condition     = can(regex("^[A-Za-z0-9_-]{1,256}$", var.sns_topic_name))
    error_message = "sns_topic_name must be 1-256 letters, digits, hyphens or underscores (standard topic, no .fifo)."
  }
}

variable "kms_key_alias" {
  type        = string
  description = "Alias name, without the `alias/` prefix, of the StreamAlert secrets key this module creates (StreamAlert `account.kms_key_alias`, e.g. stream_alert_secrets)."

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
  type        = string
  description = "AWS account ID; the key administrator and the only account whose alarms may use the topic and key."

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account ID."
  }
}

variable "tags" {
  type        = map(string)
  description = "Tags added to the KMS key and the SNS topic."
  default     = {}
}
