variable "bucket_name" {
  description = "Name of the Terraform state bucket (StreamAlert `terraform.tfstate_bucket`, e.g. <prefix>.streamalert.terraform.state)."
  type        = string

  validation {
    condition = (
      can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
      && !strcontains(var.bucket_name, "..")
      && !can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$", var.bucket_name))
      && !startswith(var.bucket_name, "xn--")
      && !startswith(var.bucket_name, "sthree-")
      && !endswith(var.bucket_name, "-s3alias")
      && !endswith(var.bucket_name, "--ol-s3")
    )
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no '..', not an IP address, no reserved prefix/suffix."
  }
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
  description = "Days after which superseded state versions are deleted."
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
