# Read-only access of the rule processor to its lookup tables (conf/lookup_tables.json):
# exactly the objects and tables configured, nothing else in their buckets or account.
#
# s3:ListBucket, limited by s3:prefix to exactly the tables' keys, lets the rule processor
# tell an object that does not exist (a threat-intel feed the collector has not written
# yet: skipped, no failure) from one it may not read (a failure): without it S3 answers
# 403 for both. It lists no other key of the bucket.

locals {
  # bucket => the keys of its tables ("bucket/key" split at the first slash).
  lookup_table_s3_keys = {
    for o in var.lookup_table_s3_objects : regex("^([^/]+)/", o)[0] => substr(o, length(regex("^([^/]+)/", o)[0]) + 1, -1)...
  }
}

data "aws_iam_policy_document" "rule_processor_lookup_tables" {
  count = length(var.lookup_table_s3_objects) + length(var.lookup_table_dynamodb_tables) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = length(var.lookup_table_s3_objects) > 0 ? [1] : []
    content {
      sid     = "ReadLookupTableObjects"
      actions = ["s3:GetObject"]
      resources = [
        for o in var.lookup_table_s3_objects : "arn:${local.partition}:s3:::${o}"
      ]
    }
  }

  dynamic "statement" {
    for_each = local.lookup_table_s3_keys
    content {
      actions   = ["s3:ListBucket"]
      resources = ["arn:${local.partition}:s3:::${statement.key}"]
      condition {
        test     = "StringEquals"
        variable = "s3:prefix"
        values   = sort(distinct(statement.value))
      }
    }
  }

  dynamic "statement" {
    for_each = length(var.lookup_table_dynamodb_tables) > 0 ? [1] : []
    content {
      sid     = "ReadLookupTableTables"
      actions = ["dynamodb:Scan", "dynamodb:GetItem"]
      resources = [
        for t in var.lookup_table_dynamodb_tables : "arn:${local.partition}:dynamodb:${var.region}:${var.account_id}:table/${t}"
      ]
    }
  }
}

resource "aws_iam_role_policy" "rule_processor_lookup_tables" {
  count  = length(data.aws_iam_policy_document.rule_processor_lookup_tables)
  name   = "StreamAlertRuleProcessorLookupTables"
  role   = aws_iam_role.rule_processor.id
  policy = data.aws_iam_policy_document.rule_processor_lookup_tables[0].json
}
