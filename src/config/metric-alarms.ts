/**
 * A `metric_alarms` map, in a cluster file (on each processor) or in global.json (the
 * aggregate alarms): its schema and its typed form, one for both files so an alarm reads
 * the same in each. What a schema cannot say (names unique per region, the cluster suffix,
 * the evaluation range) is checked in metric-alarm-checks.ts.
 */
import {
  ALARM_DESCRIPTION_MAX,
  ALARM_STATISTICS,
  COMPARISON_OPERATORS,
  FUNCTION_METRICS,
  aggregateMetricName,
  type MetricFunction,
} from './metrics.js';

type Schema = Record<string, unknown>;

/** A CloudWatch alarm on one StreamAlert custom metric (namespace `StreamAlert`). */
export interface MetricAlarm {
  /** The alarm name: the key in `metric_alarms`. */
  name: string;
  description: string;
  comparisonOperator: string;
  evaluationPeriods: number;
  /** Full CloudWatch metric name, e.g. `RuleProcessor-FailedParses-PROD` or `RuleProcessor-FailedParses`. */
  metricName: string;
  /** Seconds. */
  period: number;
  statistic: string;
  threshold: number;
}

/**
 * One CloudWatch alarm on a StreamAlert custom metric, keyed by alarm name (the name's
 * length and characters are checked in metric-alarm-checks.ts: a schema on keys cannot say which
 * key is wrong in words).
 */
const metricAlarm = (metricName: Schema): Schema => ({
  type: 'object',
  additionalProperties: false,
  required: [
    'comparison_operator',
    'evaluation_periods',
    'metric_name',
    'period',
    'statistic',
    'threshold',
  ],
  properties: {
    alarm_description: { type: 'string', maxLength: ALARM_DESCRIPTION_MAX, default: '' },
    comparison_operator: { type: 'string', enum: [...COMPARISON_OPERATORS] },
    evaluation_periods: { type: 'integer', minimum: 1 },
    metric_name: {
      ...metricName,
      description:
        "a cluster alarm: `<Prefix>-<Metric>-<CLUSTER>`, its own cluster's id in upper case; a global.json alarm: `<Prefix>-<Metric>`",
    },
    period: {
      type: 'integer',
      // "if" only picks the branch (its errors are not reported), so a bad period gets one line.
      if: { anyOf: [{ not: { type: 'integer' } }, { multipleOf: 60, minimum: 60 }] },
      else: { enum: [10, 20, 30], 'x-message': 'must be 10, 20, 30 or a multiple of 60 (seconds)' },
      description:
        'seconds; `period × evaluation_periods` at most one day (seven days for periods of an hour or more)',
    },
    statistic: { type: 'string', enum: [...ALARM_STATISTICS] },
    threshold: { type: 'number' },
  },
});

const metricAlarms = (metricName: Schema, description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: metricAlarm(metricName),
});

/** A cluster alarm watches `<Prefix>-<Metric>-<CLUSTER>`; the suffix is checked against the id in metric-alarm-checks.ts. */
export const clusterMetricAlarms = (fn: MetricFunction): Schema => {
  const { prefix, metrics } = FUNCTION_METRICS[fn];
  return metricAlarms(
    {
      type: 'string',
      pattern: `^${prefix}-(${metrics.join('|')})-[A-Z][A-Z0-9_]*$`,
      'x-message': `must be "${prefix}-<metric>-<CLUSTER>" with <metric> one of ${metrics.join(', ')} (e.g. "${prefix}-${metrics[0]}-PROD")`,
    },
    `alarm name → alarm on this cluster's \`${prefix}-<Metric>-<CLUSTER>\` metrics (see Metric alarms)`,
  );
};

/** An aggregate alarm (global.json) watches `<Prefix>-<Metric>`, summed over every cluster. */
export const aggregateMetricAlarms = (fn: MetricFunction): Schema =>
  metricAlarms(
    {
      type: 'string',
      enum: FUNCTION_METRICS[fn].metrics.map((m) => aggregateMetricName(fn, m)),
    },
    `alarm name → alarm on the aggregate \`${FUNCTION_METRICS[fn].prefix}-<Metric>\` metrics of every cluster in the region (see Metric alarms)`,
  );

/* Runs only on a map the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */

/** `{"<alarm name>": {...}}` in file order (JSON object order is the file's). */
export function loadMetricAlarms(d: any): MetricAlarm[] {
  return Object.entries(d ?? {}).map(([name, a]: [string, any]) => ({
    name,
    description: a.alarm_description,
    comparisonOperator: a.comparison_operator,
    evaluationPeriods: a.evaluation_periods,
    metricName: a.metric_name,
    period: a.period,
    statistic: a.statistic,
    threshold: a.threshold,
  }));
}
