################################################################################
# Alarms
################################################################################

output "alarm_names" {
  description = "Names of every alarm the module created: per function (errors, throttles, iterator age), then Kinesis, then Firehose."
  value       = [for alarm in local.alarms : alarm.alarm_name]
}

output "alarm_arns" {
  description = "ARNs of every alarm the module created, in the order of alarm_names."
  value       = [for alarm in local.alarms : alarm.arn]
}
