/**
 * Checks on metric alarms that one file's schema cannot make: the alarm name (a key), the
 * cluster suffix of a cluster metric, the function's `enable_metrics`, CloudWatch's
 * evaluation range, and alarm names unique per region (PutMetricAlarm overwrites an alarm
 * of the same name, so two definitions would silently fight on every apply).
 */
import path from 'node:path';
import type { ClusterConfig, GlobalConfig, MetricAlarm } from './types.js';
import type { ConfigProblem } from './problems.js';
import { escapePointerToken } from './problems.js';
import {
  ALARM_NAME_MAX,
  FUNCTION_METRICS,
  METRIC_FUNCTIONS,
  clusterMetricName,
  clusterMetricSuffix,
  maxEvaluationRange,
  type MetricFunction,
} from './metrics.js';

// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

const functionSettings = (c: ClusterConfig, fn: MetricFunction) =>
  fn === 'rule_processor'
    ? c.modules.streamAlert.ruleProcessor
    : c.modules.streamAlert.alertProcessor;

/** Regions whose clusters publish the function's metrics: where its aggregate alarms are created. */
export function aggregateAlarmRegions(clusters: ClusterConfig[], fn: MetricFunction): string[] {
  return [
    ...new Set(clusters.filter((c) => functionSettings(c, fn).enableMetrics).map((c) => c.region)),
  ].sort();
}

export function checkMetricAlarms(
  global: GlobalConfig,
  clusters: ClusterConfig[],
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  // crossCheck is not told where global.json is; it sits next to clusters/. Without a
  // cluster loading fails anyway, and no aggregate alarm could be placed.
  if (clusters.length === 0) return problems;
  const globalFile = path.join(path.dirname(path.dirname(clusters[0]!.file)), 'global.json');

  /** region -> alarm name -> who defines it. */
  const names = new Map<string, Map<string, string>>();
  const claim = (region: string, name: string, owner: string): string | undefined => {
    const inRegion = names.get(region) ?? new Map<string, string>();
    names.set(region, inRegion);
    const previous = inRegion.get(name);
    if (previous === undefined) inRegion.set(name, owner);
    return previous;
  };

  const checkAlarm = (
    file: string,
    pointer: string,
    alarm: MetricAlarm,
    regions: string[],
    owner: string,
  ): void => {
    const at = (p: string, message: string): void => {
      problems.push({ file, pointer: p, message });
    };
    if (alarm.name.length === 0 || alarm.name.length > ALARM_NAME_MAX || CONTROL.test(alarm.name)) {
      at(
        pointer,
        `alarm name ${JSON.stringify(alarm.name)} must be 1-${ALARM_NAME_MAX} characters without control characters`,
      );
    }
    const range = alarm.period * alarm.evaluationPeriods;
    const max = maxEvaluationRange(alarm.period);
    if (range > max) {
      at(
        `${pointer}/evaluation_periods`,
        `${alarm.evaluationPeriods} periods of ${alarm.period} s span ${range} s; CloudWatch evaluates at most ${max} s ` +
          `(one day for periods under an hour, seven days otherwise)`,
      );
    }
    for (const region of regions) {
      const previous = claim(region, alarm.name, owner);
      if (previous !== undefined) {
        at(
          pointer,
          `alarm name "${alarm.name}" is already used by ${previous} in ${region}: CloudWatch alarm names are unique per account and region`,
        );
        break;
      }
    }
  };

  // Aggregate alarms first: a clash is then reported in the cluster file, the one to rename.
  for (const fn of METRIC_FUNCTIONS) {
    const alarms = global.monitoring.metricAlarms[fn];
    if (alarms.length === 0) continue;
    const base = `/infrastructure/monitoring/metric_alarms/${fn}`;
    const regions = aggregateAlarmRegions(clusters, fn);
    if (regions.length === 0) {
      problems.push({
        file: globalFile,
        pointer: base,
        message: `no cluster sets enable_metrics on its ${FUNCTION_METRICS[fn].label}, so the aggregate metrics these alarms watch never receive data`,
      });
    }
    for (const alarm of alarms) {
      checkAlarm(
        globalFile,
        `${base}/${escapePointerToken(alarm.name)}`,
        alarm,
        regions,
        `the aggregate alarm in global.json (${fn})`,
      );
    }
  }

  for (const c of clusters) {
    for (const fn of METRIC_FUNCTIONS) {
      const settings = functionSettings(c, fn);
      if (settings.metricAlarms.length === 0) continue;
      const base = `/modules/stream_alert/${fn}/metric_alarms`;
      const { label } = FUNCTION_METRICS[fn];
      if (!settings.enableMetrics) {
        problems.push({
          file: c.file,
          pointer: base,
          message: `need /modules/stream_alert/${fn}/enable_metrics = true: without it the ${label} writes no metric lines and these alarms never see data`,
        });
      }
      const suffix = `-${clusterMetricSuffix(c.id)}`;
      for (const alarm of settings.metricAlarms) {
        const pointer = `${base}/${escapePointerToken(alarm.name)}`;
        if (!alarm.metricName.endsWith(suffix)) {
          // The schema has checked the "<Prefix>-<Metric>-" part already.
          const metric = alarm.metricName.split('-')[1] ?? '';
          problems.push({
            file: c.file,
            pointer: `${pointer}/metric_name`,
            message: `must name this cluster's metric "${clusterMetricName(fn, metric, c.id)}" (cluster "${c.id}"), got "${alarm.metricName}"`,
          });
        }
        checkAlarm(c.file, pointer, alarm, [c.region], `cluster "${c.id}" (${fn})`);
      }
    }
  }
  return problems;
}
