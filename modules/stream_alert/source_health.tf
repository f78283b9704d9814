# ---------------------------------------------------------------------------
# Source health: a silence alarm and two volume-drop alarms (warning,
# critical) for every log type that at least one rule reads
# (docs/source-health.md).
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

# ---------------------------------------------------------------------------
# Volume drops: the last hour against the same hour of the six days before.
#
# CloudWatch metric math has no time shift, and an alarm reads at most seven
# days (Period x EvaluationPeriods <= 604,800 s for periods of an hour or
# more). So each alarm reads the hourly Sum over the full seven days (168
# periods) and works out, from the timestamps (EPOCH), which hour is the
# latest and which hours lie whole days before it:
#
#   hourly   = FILL(records, 0)           every hour, 0 when nothing came
#   age      = days between each hour and the latest one
#   baseline = AVG of the hours whole days (1-6) before the latest
#   latest   = the latest hour alone
#   drop     = 100 * (1 - latest / baseline), when latest < baseline and
#              baseline >= minimum_hourly_records; else 0
#
# Comparing the same hour of day keeps nights from looking like outages; the
# average over six days keeps one bad day from moving the baseline much. Only
# the latest hour yields a datapoint (the other 167 are missing, not
# breaching), so one breaching datapoint out of the 168 is the drop now, not
# a week ago. The anomaly-detection band was not used: it is a width in
# standard deviations, not the percentages asked for, and its model needs
# about two weeks of history before it means anything.
#
# A silent log type is the silence alarm's: the drop alarms also see it (drop
# 100), and the plan comment lists it once, as silent.
# ---------------------------------------------------------------------------

locals {
  source_drop_levels = var.source_health_volume_drop == null ? {} : {
    warning  = var.source_health_volume_drop.warning_percent
    critical = var.source_health_volume_drop.critical_percent
  }

  source_drop_alarms = {
    for pair in setproduct(keys(local.source_health_alarms), keys(local.source_drop_levels)) :
    "${pair[1]}_${pair[0]}" => {
      log_type = pair[0]
      level    = pair[1]
      percent  = local.source_drop_levels[pair[1]]
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "source_volume_drop" {
  for_each = local.source_drop_alarms

  # The action finds these by the prefix `<name base>_source_drop_` and reads the
  # level and the log type from the name and the metric's LogType dimension
  # (src/steps/source-health.ts).
  alarm_name        = "${local.name_base}_source_drop_${each.key}"
  alarm_description = substr("${upper(each.value.level)}: ${each.value.log_type} records in the last hour more than ${each.value.percent}% below the same hour's average over the six days before, in cluster ${var.cluster}: the rules reading it see less than they should (the plan comment and the drift issue name them).", 0, 1024)

  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.percent
  evaluation_periods  = 168
  datapoints_to_alarm = 1
  # Only the latest hour yields a datapoint: the others are missing by design.
  treat_missing_data = "notBreaching"

  metric_query {
    id = "records"
    metric {
      namespace   = var.metric_namespace
      metric_name = local.source_health_metric
      dimensions  = { LogType = each.value.log_type }
      stat        = "Sum"
      period      = 3600
    }
  }

  metric_query {
    id         = "hourly"
    expression = "FILL(records, 0)"
  }

  metric_query {
    id         = "age"
    expression = "(MAX(EPOCH(hourly)) - EPOCH(hourly)) / 86400"
  }

  metric_query {
    id         = "baseline"
    expression = "AVG(IF(age > 0 AND age == FLOOR(age), hourly))"
  }

  metric_query {
    id         = "latest"
    expression = "IF(age == 0, hourly)"
  }

  metric_query {
    id          = "drop"
    expression  = "IF(latest < baseline AND baseline >= ${var.source_health_volume_drop.minimum_hourly_records}, 100 * (1 - latest / baseline), 0)"
    label       = "${each.value.log_type}: percent below baseline"
    return_data = true
  }

  alarm_actions = var.monitoring_sns_topic_arn == null ? [] : [var.monitoring_sns_topic_arn]
  ok_actions    = var.monitoring_sns_topic_arn == null ? [] : [var.monitoring_sns_topic_arn]

  tags = local.tags

  depends_on = [aws_cloudwatch_log_metric_filter.records_by_log_type]
}
