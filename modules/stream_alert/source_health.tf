# ---------------------------------------------------------------------------
# Source health: a silence alarm for every log type that at least one rule
# reads (docs/source-health.md).
#
# The rule processor writes, per invocation, one line per log type it
# classified records of: {"metric_name": "RecordsByLogType", "log_type": ...,
# "metric_value": n} (its SOURCE_HEALTH environment variable). One metric
# filter turns them into RuleProcessor-RecordsByLogType-<CLUSTER> with a
# LogType dimension: per cluster, so a second cluster in the region never
# hides the silence of the first.
#
# A log type is silent when no record of it arrived for its silence period:
# Sum over one-minute periods, every period of the window at 0 or missing,
# and missing data counts as breaching (a silent source publishes nothing).
#
# Which log types rules read is known only once the rules are built: `build`
# writes it to source_health.json next to the zips (log type -> its rules),
# read here at plan time like the zips themselves. Only its log types are used:
# the rules' names stay out of the alarms, so a pull request that adds or edits
# rules without reading a new log type changes no cluster root (the detection
# bundle ships rules); the plan comment and the drift issue name the rules.
# ---------------------------------------------------------------------------

locals {
  source_health_metric = "RuleProcessor-RecordsByLogType-${upper(var.cluster)}"

  # Log type -> the rules that read it (empty when source health is off); only
  # the keys are used.
  source_health_read = var.source_health_enabled && var.source_health_rules_file != null ? jsondecode(file(var.source_health_rules_file)).log_types : {}

  # A log type gets the silence period of its own name in sources.json, else of
  # its family (`osquery` for `osquery:differential`); one no source carries
  # cannot arrive here and gets no alarm.
  source_health_alarms = {
    for log_type, _ in local.source_health_read : log_type => {
      minutes = try(var.source_health_silence_minutes[log_type], var.source_health_silence_minutes[split(":", log_type)[0]])
    } if can(try(var.source_health_silence_minutes[log_type], var.source_health_silence_minutes[split(":", log_type)[0]]))
  }
}

resource "aws_cloudwatch_log_metric_filter" "records_by_log_type" {
  count = var.source_health_enabled ? 1 : 0

  name           = local.source_health_metric
  log_group_name = aws_cloudwatch_log_group.rule_processor.name
  pattern        = "{ $.metric_name = \"RecordsByLogType\" }"

  metric_transformation {
    name      = local.source_health_metric
    namespace = var.metric_namespace
    value     = "$.metric_value"
    dimensions = {
      LogType = "$.log_type"
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "source_silent" {
  for_each = local.source_health_alarms

  # The action finds these by this prefix and reads the log type from the
  # LogType dimension (src/steps/source-health.ts).
  alarm_name        = "${local.name_base}_source_silent_${each.key}"
  alarm_description = substr("No ${each.key} records for ${each.value.minutes} minutes in cluster ${var.cluster}: the rules reading it are blind (the plan comment and the drift issue name them).", 0, 1024)

  namespace           = var.metric_namespace
  metric_name         = local.source_health_metric
  dimensions          = { LogType = each.key }
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = each.value.minutes
  datapoints_to_alarm = each.value.minutes
  comparison_operator = "LessThanOrEqualToThreshold"
  threshold           = 0
  treat_missing_data  = "breaching"

  alarm_actions = var.monitoring_sns_topic_arn == null ? [] : [var.monitoring_sns_topic_arn]
  ok_actions    = var.monitoring_sns_topic_arn == null ? [] : [var.monitoring_sns_topic_arn]

  tags = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.records_by_log_type]
}
