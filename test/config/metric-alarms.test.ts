import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { FUNCTION_METRICS } from '../../src/config/metrics.js';
import { REPO_ROOT, seedCluster, seedGlobal, writeConf } from '../support/conf.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A conf/ folder with the example's processor files (logs, sources, outputs): only global and clusters vary here. */
function confWith(global: unknown, clusters: Record<string, unknown>): string {
  const conf = writeConf(global, clusters);
  for (const file of ['logs.json', 'sources.json', 'outputs.json']) {
    const target = path.join(conf, file);
    if (!existsSync(target))
      copyFileSync(path.join(REPO_ROOT, 'examples', 'production', 'conf', file), target);
  }
  return conf;
}

async function problemsOf(global: unknown, clusters: Record<string, unknown>): Promise<string[]> {
  const conf = confWith(global, clusters);
  try {
    await loadConfig(conf);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
  }
  throw new Error('configuration was accepted');
}

const alarm = (metricName: string, overrides: Json = {}): Json => ({
  alarm_description: 'Trigger if 5 or more failed parses occur within 10 minutes',
  comparison_operator: 'GreaterThanOrEqualToThreshold',
  evaluation_periods: 1,
  metric_name: metricName,
  period: 600,
  statistic: 'Sum',
  threshold: 5.0,
  ...overrides,
});

/** The seed cluster with metrics on both processors and one alarm on each. */
function metricsCluster(
  mutate: (c: Json) => void = () => {},
  id = 'production',
  region = 'us-west-2',
): Json {
  const c = seedCluster() as Json;
  c.id = id;
  c.region = region;
  const sa = c.modules.stream_alert;
  sa.rule_processor.enable_metrics = true;
  sa.alert_processor.enable_metrics = true;
  sa.rule_processor.metric_alarms = {
    [`${id} FailedParses`]: alarm(`RuleProcessor-FailedParses-${id.toUpperCase()}`),
  };
  sa.alert_processor.metric_alarms = {
    [`${id} delivery failures`]: alarm(`AlertProcessor-AlertDeliveryFailures-${id.toUpperCase()}`, {
      comparison_operator: 'GreaterThanThreshold',
      threshold: 0,
      period: 60,
    }),
  };
  mutate(c);
  return c;
}

function globalWithAlarms(mutate: (alarms: Json) => void = () => {}): Json {
  const g = seedGlobal() as Json;
  const alarms: Json = {
    rule_processor: {
      'Minimum TotalRecords': alarm('RuleProcessor-TotalRecords', {
        comparison_operator: 'LessThanThreshold',
        evaluation_periods: 3,
        threshold: 200000,
      }),
    },
  };
  mutate(alarms);
  g.infrastructure.monitoring.metric_alarms = alarms;
  return g;
}

const RP = '/modules/stream_alert/rule_processor';
const AP = '/modules/stream_alert/alert_processor';

describe('metric alarms (StreamAlert 1.5 metric_alarms)', () => {
  it('are accepted on both processors and in global.json, in file order with their fields', async () => {
    const config = await loadConfig(confWith(globalWithAlarms(), { production: metricsCluster() }));
    const sa = config.clusters[0]!.modules.streamAlert;
    expect(sa.ruleProcessor.enableMetrics).toBe(true);
    expect(sa.ruleProcessor.metricAlarms).toEqual([
      {
        name: 'production FailedParses',
        description: 'Trigger if 5 or more failed parses occur within 10 minutes',
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 1,
        metricName: 'RuleProcessor-FailedParses-PRODUCTION',
        period: 600,
        statistic: 'Sum',
        threshold: 5,
      },
    ]);
    expect(sa.alertProcessor.metricAlarms.map((a) => a.metricName)).toEqual([
      'AlertProcessor-AlertDeliveryFailures-PRODUCTION',
    ]);
    expect(
      config.global.monitoring.metricAlarms.rule_processor.map((a) => [
        a.name,
        a.metricName,
        a.evaluationPeriods,
      ]),
    ).toEqual([['Minimum TotalRecords', 'RuleProcessor-TotalRecords', 3]]);
    expect(config.global.monitoring.metricAlarms.alert_processor).toEqual([]);
  });

  it('default to none, with an empty description when it is left out', async () => {
    const plain = await loadConfig(confWith(seedGlobal(), { production: seedCluster() }));
    expect(plain.clusters[0]!.modules.streamAlert.ruleProcessor.metricAlarms).toEqual([]);
    expect(plain.global.monitoring.metricAlarms).toEqual({
      rule_processor: [],
      alert_processor: [],
    });

    const c = metricsCluster(
      (c) =>
        delete c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses']
          .alarm_description,
    );
    const config = await loadConfig(confWith(seedGlobal(), { production: c }));
    expect(config.clusters[0]!.modules.streamAlert.ruleProcessor.metricAlarms[0]!.description).toBe(
      '',
    );
  });

  it('accept every StreamAlert 1.5 rule processor metric, and sub-minute and hourly periods', async () => {
    const c = metricsCluster((c) => {
      c.modules.stream_alert.rule_processor.metric_alarms = Object.fromEntries(
        FUNCTION_METRICS.rule_processor.metrics.map((m, i) => [
          m,
          alarm(`RuleProcessor-${m}-PRODUCTION`, {
            period: [10, 20, 30, 60, 3600, 86400, 300][i % 7],
          }),
        ]),
      );
    });
    const config = await loadConfig(confWith(seedGlobal(), { production: c }));
    expect(config.clusters[0]!.modules.streamAlert.ruleProcessor.metricAlarms).toHaveLength(
      FUNCTION_METRICS.rule_processor.metrics.length,
    );
  });

  const clusterCases: [string, (c: Json) => void, string][] = [
    [
      'an unknown alarm field',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'].namespace =
          'AWS/Lambda'),
      `${RP}/metric_alarms/production FailedParses/namespace: unknown key "namespace" (allowed: alarm_description, comparison_operator, evaluation_periods, metric_name, period, statistic, threshold)`,
    ],
    [
      'a missing threshold',
      (c) =>
        delete c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses']
          .threshold,
      `${RP}/metric_alarms/production FailedParses: missing required key "threshold"`,
    ],
    [
      'a comparison operator CloudWatch does not have',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms[
          'production FailedParses'
        ].comparison_operator = 'GreaterThan'),
      `${RP}/metric_alarms/production FailedParses/comparison_operator: must be one of "GreaterThanOrEqualToThreshold", "GreaterThanThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold", got "GreaterThan"`,
    ],
    [
      'an unknown statistic',
      (c) =>
        (c.modules.stream_alert.alert_processor.metric_alarms[
          'production delivery failures'
        ].statistic = 'p99'),
      `${AP}/metric_alarms/production delivery failures/statistic: must be one of "SampleCount", "Average", "Sum", "Minimum", "Maximum", got "p99"`,
    ],
    [
      'a period that is not 10, 20, 30 or a multiple of 60',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'].period =
          45),
      `${RP}/metric_alarms/production FailedParses/period: must be 10, 20, 30 or a multiple of 60 (seconds), got 45`,
    ],
    [
      'a period of 0',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'].period = 0),
      `${RP}/metric_alarms/production FailedParses/period: must be 10, 20, 30 or a multiple of 60 (seconds), got 0`,
    ],
    [
      'a fractional period',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'].period =
          60.5),
      `${RP}/metric_alarms/production FailedParses/period: must be integer, got number 60.5`,
    ],
    [
      'no evaluation period',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms[
          'production FailedParses'
        ].evaluation_periods = 0),
      `${RP}/metric_alarms/production FailedParses/evaluation_periods: must be >= 1`,
    ],
    [
      'a threshold given as a string',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'].threshold =
          '5'),
      `${RP}/metric_alarms/production FailedParses/threshold: must be number, got string "5"`,
    ],
    [
      'a metric the rule processor does not have',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms[
          'production FailedParses'
        ].metric_name = 'RuleProcessor-FailedParse-PRODUCTION'),
      `${RP}/metric_alarms/production FailedParses/metric_name: must be "RuleProcessor-<metric>-<CLUSTER>" with <metric> one of TotalRecords, TotalProcessedSize, FailedParses, TriggeredAlerts, TotalS3Records, S3DownloadTime, PoisonRecords, MergeMatchesWritten, MergeThrottles, MergeWriteFailures, MergePoisonMatches, MergeMatchesDeadLettered, AlertsReduced, LookupTableRefreshFailures, DetectionBundleLoadFailures (e.g. "RuleProcessor-TotalRecords-PROD"), got "RuleProcessor-FailedParse-PRODUCTION"`,
    ],
    [
      'a rule processor metric on the alert processor',
      (c) =>
        (c.modules.stream_alert.alert_processor.metric_alarms[
          'production delivery failures'
        ].metric_name = 'RuleProcessor-FailedParses-PRODUCTION'),
      `${AP}/metric_alarms/production delivery failures/metric_name: must be "AlertProcessor-<metric>-<CLUSTER>" with <metric> one of AlertsDelivered, AlertDeliveryFailures (e.g. "AlertProcessor-AlertsDelivered-PROD"), got "RuleProcessor-FailedParses-PRODUCTION"`,
    ],
    [
      "another cluster's metric",
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms[
          'production FailedParses'
        ].metric_name = 'RuleProcessor-FailedParses-PROD'),
      `${RP}/metric_alarms/production FailedParses/metric_name: must name this cluster's metric "RuleProcessor-FailedParses-PRODUCTION" (cluster "production"), got "RuleProcessor-FailedParses-PROD"`,
    ],
    [
      'an aggregate metric in a cluster file',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms[
          'production FailedParses'
        ].metric_name = 'RuleProcessor-FailedParses'),
      `${RP}/metric_alarms/production FailedParses/metric_name: must be "RuleProcessor-<metric>-<CLUSTER>" with <metric> one of TotalRecords, TotalProcessedSize, FailedParses, TriggeredAlerts, TotalS3Records, S3DownloadTime, PoisonRecords, MergeMatchesWritten, MergeThrottles, MergeWriteFailures, MergePoisonMatches, MergeMatchesDeadLettered, AlertsReduced, LookupTableRefreshFailures, DetectionBundleLoadFailures (e.g. "RuleProcessor-TotalRecords-PROD"), got "RuleProcessor-FailedParses"`,
    ],
    [
      'alarms on a processor without enable_metrics',
      (c) => (c.modules.stream_alert.rule_processor.enable_metrics = false),
      `${RP}/metric_alarms: need /modules/stream_alert/rule_processor/enable_metrics = true: without it the rule processor writes no metric lines and these alarms never see data`,
    ],
    [
      'an evaluation range longer than a day for a period under an hour',
      (c) =>
        Object.assign(
          c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'],
          { period: 600, evaluation_periods: 145 },
        ),
      `${RP}/metric_alarms/production FailedParses/evaluation_periods: 145 periods of 600 s span 87000 s; CloudWatch evaluates at most 86400 s (one day for periods under an hour, seven days otherwise)`,
    ],
    [
      'an alarm name longer than 255 characters',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms = {
          ['x'.repeat(256)]: alarm('RuleProcessor-FailedParses-PRODUCTION'),
        }),
      `${RP}/metric_alarms/${'x'.repeat(256)}: alarm name "${'x'.repeat(256)}" must be 1-255 characters without control characters`,
    ],
    [
      'an alarm name with a control character',
      (c) =>
        (c.modules.stream_alert.rule_processor.metric_alarms = {
          'bad\tname': alarm('RuleProcessor-FailedParses-PRODUCTION'),
        }),
      `${RP}/metric_alarms/bad\\tname: alarm name "bad\\tname" must be 1-255 characters without control characters`,
    ],
    [
      'one alarm name on both processors',
      (c) =>
        (c.modules.stream_alert.alert_processor.metric_alarms = {
          'production FailedParses': alarm('AlertProcessor-AlertsDelivered-PRODUCTION'),
        }),
      `${AP}/metric_alarms/production FailedParses: alarm name "production FailedParses" is already used by cluster "production" (rule_processor) in us-west-2: CloudWatch alarm names are unique per account and region`,
    ],
  ];

  it.each(clusterCases)(
    'reject %s, in one line with file and pointer',
    async (_name, mutate, expected) => {
      expect(await problemsOf(seedGlobal(), { production: metricsCluster(mutate) })).toEqual([
        `clusters/production.json: ${expected}`,
      ]);
    },
  );

  const globalCases: [string, (a: Json) => void, string][] = [
    [
      'a cluster metric as an aggregate one',
      (a) =>
        (a.rule_processor['Minimum TotalRecords'].metric_name =
          'RuleProcessor-TotalRecords-PRODUCTION'),
      '/infrastructure/monitoring/metric_alarms/rule_processor/Minimum TotalRecords/metric_name: must be one of "RuleProcessor-TotalRecords", "RuleProcessor-TotalProcessedSize", "RuleProcessor-FailedParses", "RuleProcessor-TriggeredAlerts", "RuleProcessor-TotalS3Records", "RuleProcessor-S3DownloadTime", "RuleProcessor-PoisonRecords", "RuleProcessor-MergeMatchesWritten", "RuleProcessor-MergeThrottles", "RuleProcessor-MergeWriteFailures", "RuleProcessor-MergePoisonMatches", "RuleProcessor-MergeMatchesDeadLettered", "RuleProcessor-AlertsReduced", "RuleProcessor-LookupTableRefreshFailures", "RuleProcessor-DetectionBundleLoadFailures", got "RuleProcessor-TotalRecords-PRODUCTION"',
    ],
    [
      'an unknown function',
      (a) => (a.athena_partition_refresh = {}),
      '/infrastructure/monitoring/metric_alarms/athena_partition_refresh: unknown key "athena_partition_refresh" (allowed: rule_processor, alert_processor)',
    ],
    [
      'a bad field type',
      (a) => (a.rule_processor['Minimum TotalRecords'].evaluation_periods = '3'),
      '/infrastructure/monitoring/metric_alarms/rule_processor/Minimum TotalRecords/evaluation_periods: must be integer, got string "3"',
    ],
    [
      'an evaluation range longer than seven days',
      (a) =>
        Object.assign(a.rule_processor['Minimum TotalRecords'], {
          period: 86400,
          evaluation_periods: 8,
        }),
      '/infrastructure/monitoring/metric_alarms/rule_processor/Minimum TotalRecords/evaluation_periods: 8 periods of 86400 s span 691200 s; CloudWatch evaluates at most 604800 s (one day for periods under an hour, seven days otherwise)',
    ],
    [
      'aggregate alarms on a function no cluster publishes metrics for',
      (a) => (a.alert_processor = { failures: alarm('AlertProcessor-AlertDeliveryFailures') }),
      '/infrastructure/monitoring/metric_alarms/alert_processor: no cluster sets enable_metrics on its alert processor, so the aggregate metrics these alarms watch never receive data',
    ],
  ];

  it.each(globalCases)('reject in global.json %s', async (_name, mutate, expected) => {
    const c = metricsCluster((c) => {
      c.modules.stream_alert.alert_processor.enable_metrics = false;
      delete c.modules.stream_alert.alert_processor.metric_alarms;
    });
    expect(await problemsOf(globalWithAlarms(mutate), { production: c })).toEqual([
      `global.json: ${expected}`,
    ]);
  });

  it('keep alarm names unique per region, across cluster files and global.json', async () => {
    const g = globalWithAlarms(
      (a) => (a.rule_processor['staging FailedParses'] = alarm('RuleProcessor-FailedParses')),
    );
    // Same region as production: a clash. The other region has its own alarm namespace.
    const staging = metricsCluster(
      (c) =>
        (c.modules.stream_alert.alert_processor.metric_alarms = {
          'production FailedParses': alarm('AlertProcessor-AlertsDelivered-STAGING'),
        }),
      'staging',
    );
    const emea = metricsCluster(() => {}, 'emea', 'eu-west-1');
    emea.modules.stream_alert.rule_processor.metric_alarms = {
      'production FailedParses': alarm('RuleProcessor-FailedParses-EMEA'),
    };
    expect(await problemsOf(g, { production: metricsCluster(), staging, emea })).toEqual([
      `clusters/staging.json: ${RP}/metric_alarms/staging FailedParses: alarm name "staging FailedParses" is already used by the aggregate alarm in global.json (rule_processor) in us-west-2: CloudWatch alarm names are unique per account and region`,
      `clusters/staging.json: ${AP}/metric_alarms/production FailedParses: alarm name "production FailedParses" is already used by cluster "production" (rule_processor) in us-west-2: CloudWatch alarm names are unique per account and region`,
    ]);
  });

  it('report every problem at once, one line each', async () => {
    const c = metricsCluster((c) => {
      const a = c.modules.stream_alert.rule_processor.metric_alarms['production FailedParses'];
      a.period = 45;
      a.statistic = 'Median';
      a.extra = 1;
    });
    expect(await problemsOf(seedGlobal(), { production: c })).toHaveLength(3);
  });
});

describe('the metric catalogue', () => {
  it('lists every metric the processors write', () => {
    const emitted = new Map<string, Set<string>>([
      ['rule-processor', new Set()],
      ['alert-processor', new Set()],
    ]);
    const walk = (dir: string, into: Set<string>): void => {
      for (const entry of readdirSync(dir)) {
        const full = path.join(dir, entry);
        if (statSync(full).isDirectory()) walk(full, into);
        else if (entry.endsWith('.ts')) {
          for (const m of readFileSync(full, 'utf8').matchAll(/\.metric\(\s*'([A-Za-z0-9]+)'/g))
            into.add(m[1]!);
        }
      }
    };
    for (const [dir, into] of emitted) walk(path.join(REPO_ROOT, 'src', 'processors', dir), into);
    expect(emitted.get('rule-processor')!.size).toBeGreaterThan(0);
    expect(FUNCTION_METRICS.rule_processor.metrics).toEqual(
      expect.arrayContaining([...emitted.get('rule-processor')!]),
    );
    expect(FUNCTION_METRICS.alert_processor.metrics).toEqual(
      expect.arrayContaining([...emitted.get('alert-processor')!]),
    );
  });
});
