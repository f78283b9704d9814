################################################################################
# Naming
################################################################################

variable "prefix" {
  description = "Deployment prefix (StreamAlert `account.prefix`); every name starts with it, including the S3 bucket name."
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

variable "s3_bucket_suffix" {
  description = "Last part of the bucket name `<prefix>.<cluster with _ as .>.<suffix>` (`modules.kinesis.firehose.s3_bucket_suffix`), e.g. streamalert.results."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.s3_bucket_suffix))
    error_message = "s3_bucket_suffix must use only lowercase letters, digits, '.' and '-', and start and end with a letter or digit."
  }
}

################################################################################
# Source stream
################################################################################

variable "kinesis_stream_arn" {
  description = "ARN of the cluster's Kinesis stream the delivery stream reads from, so shippers write once."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/[a-zA-Z0-9_.-]+$", var.kinesis_stream_arn))
    error_message = "kinesis_stream_arn must be a Kinesis stream ARN (arn:aws:kinesis:<region>:<account>:stream/<name>)."
  }
}

variable "kinesis_kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the source stream (kinesis_streams output kms_key_arn). Null when the stream uses the AWS managed key, which needs no grant."
  type        = string
  default     = null

  validation {
    condition     = var.kinesis_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kinesis_kms_key_arn))
    error_message = "kinesis_kms_key_arn must be null or a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

################################################################################
# Delivery
################################################################################

variable "buffer_size_mb" {
  description = "MiB Firehose buffers before writing an object to S3."
  type        = number
  default     = 64

  validation {
    condition     = var.buffer_size_mb >= 1 && var.buffer_size_mb <= 128 && floor(var.buffer_size_mb) == var.buffer_size_mb
    error_message = "buffer_size_mb must be a whole number between 1 and 128."
  }
}

variable "buffer_interval_seconds" {
  description = "Seconds Firehose buffers before writing an object to S3 (whichever of size and interval comes first)."
  type        = number
  default     = 300

  validation {
    condition     = var.buffer_interval_seconds >= 60 && var.buffer_interval_seconds <= 900 && floor(var.buffer_interval_seconds) == var.buffer_interval_seconds
    error_message = "buffer_interval_seconds must be a whole number between 60 and 900."
  }
}

variable "compression_format" {
  description = "Compression of the objects written to S3."
  type        = string
  default     = "GZIP"

  validation {
    condition     = contains(["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"], var.compression_format)
    error_message = "compression_format must be one of: UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY."
  }
}

variable "s3_kms_key_id" {
  description = "KMS key for the bucket's default encryption (SSE-KMS): key id, key ARN, alias name or alias ARN. Null uses SSE-S3 (AES256). A customer managed key must already exist: it is looked up during plan for the Firehose role's grant."
  type        = string
  default     = null

  validation {
    condition = var.s3_kms_key_id == null || can(regex(
      "^(alias/[a-zA-Z0-9/_-]+|(mrk-[0-9a-f]{32})|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key/.+|alias/[a-zA-Z0-9/_-]+))$",
      var.s3_kms_key_id
    ))
    error_message = "s3_kms_key_id must be null, a KMS key id, a key ARN, an alias name (alias/...) or an alias ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the delivery stream's CloudWatch log group (delivery errors); 0 keeps logs forever."
  type        = number
  default     = 60

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of: 0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653."
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
