################################################################################
# Log group
################################################################################

output "log_group_name" {
  description = "Name of the CloudWatch log group that receives the flow logs."
  value       = aws_cloudwatch_log_group.this.name
}

output "log_group_arn" {
  description = "ARN of the CloudWatch log group that receives the flow logs."
  value       = aws_cloudwatch_log_group.this.arn
}

################################################################################
# Flow logs
################################################################################

output "flow_log_ids" {
  description = "Flow log ids keyed by the VPC, subnet or ENI id they log."
  value = zipmap(
    concat(var.vpcs, var.subnets, var.enis),
    concat(aws_flow_log.vpc[*].id, aws_flow_log.subnet[*].id, aws_flow_log.eni[*].id),
  )
}
