# ---------------------------------------------------------------------------
# Custom metrics (StreamAlert v1.5 `enable_metrics` / `metric_alarms`).
#
# A processor with metrics enabled writes JSON log lines
# {"metric_name": "<Metric>", "metric_value": <n>}. For each metric its log
# group gets two filters: the cluster's metric <Prefix>-<Metric>-<CLUSTER> and
# the aggregate <Prefix>-<Metric>, which every cluster adds to.
# ---------------------------------------------------------------------------

locals {
  metric_cluster_suffix = upper(var.cluster)

  metric_functions = {
    rule_processor = {
      prefix    = "RuleProcessor"
      metrics   = var.rule_processor_enable_metrics ? var.rule_processor_metric_names : []
      log_group = aws_cloudwatch_log_group.rule_processor.name
    }
    alert_processor = {
      prefix    = "AlertProcessor"
      metrics   = var.alert_processor_enable_metrics ? var.alert_processor_metric_names : []
      log_group = aws_cloudwatch_log_group.alert_processor.name
    }
  }

  # Filter name (= CloudWatch metric name) -> what it counts. Keys depend on
  # variables only, so they are known at plan time.
  metric_filters = merge([
    for fn, f in local.metric_functions : merge([
      for m in f.metrics : {
        "${f.prefix}-${m}-${local.metric_cluster_suffix}" = { metric = m, log_group = f.log_group }
        "${f.prefix}-${m}"                                = { metric = m, log_group = f.log_group }
      }
    ]...)
  ]...)
}

resource "aws_cloudwatch_log_metric_filter" "metric" {
  for_each = local.metric_filters

  name           = each.key
  log_group_name = each.value.log_group
  # Matches exactly the processors' metric lines (JSON log events); the value
  # is the line's own metric_value.
  pattern = "{ $.metric_name = \"${each.value.metric}\" }"

  metric_transformation {
    name      = each.key
    namespace = var.metric_namespace
    value     = "$.metric_value"
  }
}

resource "aws_cloudwatch_metric_alarm" "metric" {
  for_each = var.metric_alarms

  alarm_name        = each.key
  alarm_description = each.value.alarm_description

  namespace           = var.metric_namespace
  metric_name         = each.value.metric_name
  comparison_operator = each.value.comparison_operator
  evaluation_periods  = each.value.evaluation_periods
  period              = each.value.period
  statistic           = each.value.statistic
  threshold           = each.value.threshold

  alarm_actions = [var.monitoring_sns_topic_arn]
  ok_actions    = [var.monitoring_sns_topic_arn]

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.monitoring_sns_topic_arn != null
      error_message = "metric_alarms need monitoring_sns_topic_arn: the topic the alarms notify."
    }

    precondition {
      condition     = contains(keys(local.metric_filters), each.value.metric_name)
      error_message = "metric_alarms[\"${each.key}\"] watches ${each.value.metric_name}, which no metric filter of this module publishes. Enable metrics on its function (rule_processor_enable_metrics / alert_processor_enable_metrics); this module publishes: ${join(", ", sort(keys(local.metric_filters)))}."
    }
  }

  # An alarm created before its metric exists only waits for data; the
  # dependency keeps create and destroy in a readable order.
  depends_on = [aws_cloudwatch_log_metric_filter.metric]
}

# StreamAlert 3's per-function Errors and Throttles alarms (its tf_lambda module):
# AWS/Lambda's own metrics of the production alias, not custom metrics.
resource "aws_cloudwatch_metric_alarm" "lambda" {
  for_each = var.lambda_alarms

  alarm_name        = each.key
  alarm_description = "StreamAlert Lambda ${each.value.metric_name}: ${each.value.function == "rule_processor" ? local.rule_processor_name : local.alert_processor_name}"

  namespace           = "AWS/Lambda"
  metric_name         = each.value.metric_name
  statistic           = "Sum"
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  evaluation_periods  = each.value.evaluation_periods
  period              = each.value.period

  dimensions = {
    FunctionName = each.value.function == "rule_processor" ? local.rule_processor_name : local.alert_processor_name
    Resource     = "${each.value.function == "rule_processor" ? local.rule_processor_name : local.alert_processor_name}:${local.alias_name}"
  }

  alarm_actions = [var.monitoring_sns_topic_arn]

  tags = local.tags

  lifecycle {
    precondition {
      condition     = var.monitoring_sns_topic_arn != null
      error_message = "lambda_alarms need monitoring_sns_topic_arn: the topic the alarms notify."
    }
  }
}
