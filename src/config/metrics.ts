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

/**
 * Each function's metrics, in the order the metric filters are rendered, with what each
 * counts (the metrics table in docs/configuration.md is generated from these, by
 * `npm run docs`). StreamAlert 1.5's own metrics are accepted so its alarms keep working.
 */
const RULE_PROCESSOR_METRICS = {
  TotalRecords: 'records received (every Kinesis record, S3 line, SNS message)',
  TotalProcessedSize: "StreamAlert 1.5's; accepted so its alarms keep working, never written",
  FailedParses: 'records that matched no log schema, or were set aside as poison',
  TriggeredAlerts: 'alerts the rules raised',
  TotalS3Records: "StreamAlert 1.5's; accepted so its alarms keep working, never written",
  S3DownloadTime: "StreamAlert 1.5's; accepted so its alarms keep working, never written",
  PoisonRecords: 'records dead-lettered, never retried (written only when there are some)',
  MergeMatchesWritten: 'matches of merging rules written to the merge table',
  MergeThrottles: 'merge-table writes throttled (retried with backoff)',
  MergeWriteFailures:
    'matches still not written after the retries (their records are retried, or dead-lettered)',
  MergePoisonMatches: 'matches too large for a merge-table item (poison)',
  MergeMatchesDeadLettered: 'unwritten matches sent to the dead-letter queue',
  AlertsReduced: "alerts over SNS's size limit, sent without their whole record",
  LookupTableRefreshFailures:
    'lookup-table loads that failed (a reload keeps the last good version; a first load fails the invocation)',
  DetectionBundleLoadFailures:
    'checks that found a new detection bundle which did not load (the last good version keeps running)',
} as const;

const ALERT_PROCESSOR_METRICS = {
  AlertsDelivered:
    "deliveries that succeeded (one per alert and output; a staged alert's write to staging counts too)",
  AlertDeliveryFailures: 'deliveries that finally failed, after the retries',
} as const;

export const FUNCTION_METRICS: Record<
  MetricFunction,
  {
    prefix: string;
    label: string;
    metrics: readonly string[];
    /** Metric → what it counts (Markdown-free text). */
    about: Readonly<Record<string, string>>;
  }
> = {
  rule_processor: {
    prefix: 'RuleProcessor',
    label: 'rule processor',
    metrics: Object.keys(RULE_PROCESSOR_METRICS),
    about: RULE_PROCESSOR_METRICS,
  },
  alert_processor: {
    prefix: 'AlertProcessor',
    label: 'alert processor',
    // StreamAlert 1.5's alert processor had none; ours counts deliveries.
    metrics: Object.keys(ALERT_PROCESSOR_METRICS),
    about: ALERT_PROCESSOR_METRICS,
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
