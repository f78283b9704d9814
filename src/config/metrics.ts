/**
 * StreamAlert's custom metrics: which metric each processor can publish, and the
 * CloudWatch metric names the metric filters give them. A processor with
 * `enable_metrics` writes `{"metric_name": "<Metric>", "metric_value": <n>}` log lines;
 * one filter per metric turns them into `<Prefix>-<Metric>-<CLUSTER>` (the cluster's
 * metric) and another into `<Prefix>-<Metric>` (the aggregate over every cluster), in
 * namespace `StreamAlert`. Alarms in a cluster file watch the first, alarms in
 * global.json the second.
 */

export const METRIC_NAMESPACE = 'StreamAlert';

export type MetricFunction = 'rule_processor' | 'alert_processor';
export const METRIC_FUNCTIONS: readonly MetricFunction[] = ['rule_processor', 'alert_processor'];

export const FUNCTION_METRICS: Record<
  MetricFunction,
  { prefix: string; label: string; metrics: readonly string[] }
> = {
  rule_processor: {
    prefix: 'RuleProcessor',
    label: 'rule processor',
    // StreamAlert 1.5's six (so its alarms keep working); ours writes TotalRecords,
    // FailedParses, TriggeredAlerts and PoisonRecords (records dead-lettered, never retried),
    // for merging rules the matches written to the merge table, the table's throttles, the
    // writes that still failed, the matches too large for an item (poison) and the unwritten
    // ones sent to the dead-letter queue; and alerts sent without their whole record
    // (AlertsReduced: over SNS's size limit).
    metrics: [
      'TotalRecords',
      'TotalProcessedSize',
      'FailedParses',
      'TriggeredAlerts',
      'TotalS3Records',
      'S3DownloadTime',
      'PoisonRecords',
      'MergeMatchesWritten',
      'MergeThrottles',
      'MergeWriteFailures',
      'MergePoisonMatches',
      'MergeMatchesDeadLettered',
      'AlertsReduced',
    ],
  },
  alert_processor: {
    prefix: 'AlertProcessor',
    label: 'alert processor',
    // StreamAlert 1.5's alert processor had none; ours counts deliveries.
    metrics: ['AlertsDelivered', 'AlertDeliveryFailures'],
  },
};

/** The metric suffix of a cluster: StreamAlert upper-cases the cluster name. */
export function clusterMetricSuffix(cluster: string): string {
  return cluster.toUpperCase();
}

export function clusterMetricName(fn: MetricFunction, metric: string, cluster: string): string {
  return `${FUNCTION_METRICS[fn].prefix}-${metric}-${clusterMetricSuffix(cluster)}`;
}

export function aggregateMetricName(fn: MetricFunction, metric: string): string {
  return `${FUNCTION_METRICS[fn].prefix}-${metric}`;
}

/** CloudWatch's comparison operators for a static threshold. */
export const COMPARISON_OPERATORS = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;

export const ALARM_STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;

/** PutMetricAlarm limits. */
export const ALARM_NAME_MAX = 255;
export const ALARM_DESCRIPTION_MAX = 1024;
/** Period × evaluation periods: one day for periods under an hour, seven days otherwise. */
export function maxEvaluationRange(period: number): number {
  return period < 3600 ? 86_400 : 604_800;
}
