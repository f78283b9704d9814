terraform {
  # 1.9: a variable validation may read other variables (the name length check).
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}
