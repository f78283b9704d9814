# Read-only access of the rule processor to its lookup tables (conf/lookup_tables.json):
# exactly the objects and tables configured, nothing else in their buckets or account.

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
