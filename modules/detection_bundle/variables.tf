variable "bucket_name" {
  description = "Name of the bucket the detection bundle is published in (rendered: <prefix>-<account id>-streamalert-detection)."
  type        = string

  validation {
    condition = (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
      && !strcontains(var.bucket_name, "..")
      && !startswith(var.bucket_name, "xn--")
      && !startswith(var.bucket_name, "sthree-")
      && !endswith(var.bucket_name, "-s3alias")
      && !endswith(var.bucket_name, "--ol-s3")
    )
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no '..', no reserved prefix/suffix."
  }
}

variable "prefix" {
  description = "Account prefix of the StreamAlert functions (global.json account.prefix): their roles may never write the bundle."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]{0,15}$", var.prefix))
    error_message = "prefix must start with a lowercase letter and hold only lowercase letters and digits (at most 16)."
  }
}

variable "account_id" {
  description = "AWS account id of the StreamAlert functions."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "bundle_file" {
  description = "Path of the detection bundle `build` wrote (build/detection-bundle.json)."
  type        = string
}

variable "object_key" {
  description = "Object key of the bundle; the rule processors' DETECTION_BUNDLE_KEY."
  type        = string
  default     = "detection/bundle.json"

  validation {
    condition     = can(regex("^[A-Za-z0-9!_.*'()-]+(/[A-Za-z0-9!_.*'()-]+)*$", var.object_key))
    error_message = "object_key must be a plain S3 key: path parts of letters, digits and !_.*'()- joined by /."
  }
}

variable "writer_arn" {
  description = "The one principal (role ARN) allowed to write the bundle: the apply role. Null: any principal IAM lets write, except the StreamAlert functions' roles."
  type        = string
  default     = null
}

variable "kms_key_arn" {
  description = "Optional customer managed KMS key ARN for default bucket encryption. Null uses SSE-KMS with the AWS managed aws/s3 key."
  type        = string
  default     = null

  validation {
    condition     = var.kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$", var.kms_key_arn))
    error_message = "kms_key_arn must be null or a KMS key or alias ARN."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which superseded bundles are deleted."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of at least 1."
  }
}

variable "tags" {
  description = "Tags added to the bucket."
  type        = map(string)
  default     = {}
}
