import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { REPO_ROOT, seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { expectValidRoots } from '../support/terraform.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A conf/ folder with the example's processor files (logs, sources, outputs). */
function confWith(global: unknown, clusters: Record<string, unknown>): string {
  const conf = writeConf(global, clusters);
  for (const file of ['logs.json', 'sources.json', 'outputs.json']) {
    const target = path.join(conf, file);
    if (!existsSync(target))
      copyFileSync(path.join(REPO_ROOT, 'examples', 'production', 'conf', file), target);
  }
  return conf;
}

const alarm = (metricName: string, overrides: Json = {}): Json => ({
  alarm_description: 'Trigger if 5 or more failed parses occur within 10 minutes',
  comparison_operator: 'GreaterThanOrEqualToThreshold',
  evaluation_periods: 1,
  metric_name: metricName,
  period: 600,
  statistic: 'Sum',
  threshold: 5,
  ...overrides,
});

/**
 * production (us-west-2): metrics and alarms on both processors; corp (eu-west-1): rule
 * processor metrics only, no alarms. global.json (us-east-1): aggregate alarms on both.
 */
function conf(): string {
  const g = seedGlobal() as Json;
  g.infrastructure.monitoring.metric_alarms = {
    rule_processor: {
      'Minimum TotalRecords': alarm('RuleProcessor-TotalRecords', {
        comparison_operator: 'LessThanThreshold',
        evaluation_periods: 3,
        threshold: 200000.5,
      }),
    },
    alert_processor: {
      'Any delivery failure': alarm('AlertProcessor-AlertDeliveryFailures', {
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        period: 60,
      }),
    },
  };
  const production = seedCluster() as Json;
  const sa = production.modules.stream_alert;
  sa.rule_processor.enable_metrics = true;
  sa.alert_processor.enable_metrics = true;
  sa.rule_processor.metric_alarms = {
    'FailedParses ${file("/etc/passwd")}': alarm('RuleProcessor-FailedParses-PRODUCTION', {
      alarm_description: 'say "%{ if true }x%{ endif }"\nnow',
    }),
    'Few records': alarm('RuleProcessor-TotalRecords-PRODUCTION', {
      comparison_operator: 'LessThanOrEqualToThreshold',
      statistic: 'Minimum',
      threshold: -1,
      period: 3600,
      evaluation_periods: 168,
    }),
  };
  sa.alert_processor.metric_alarms = {
    'Delivered nothing': alarm('AlertProcessor-AlertsDelivered-PRODUCTION', {
      alarm_description: '',
      period: 10,
      evaluation_periods: 6,
    }),
  };
  const corp = seedCluster() as Json;
  corp.id = 'corp';
  corp.region = 'eu-west-1';
  corp.modules.stream_alert.rule_processor.enable_metrics = true;
  return confWith(g, { production, corp });
}

/** The body of `module "<name>" { ... }` in a rendered root (modules end at a line holding only "}"). */
function moduleBlock(main: string, name: string): string {
  const start = main.indexOf(`module "${name}" {\n`);
  expect(start, `module ${name}`).toBeGreaterThanOrEqual(0);
  return main.slice(start, main.indexOf('\n}\n', start) + 2);
}

describe('metric filters and metric alarms', () => {
  it(
    'render into the cluster roots and the global root, fmt-clean and valid',
    { timeout: 600_000 },
    async () => {
      const out = path.join(tempDir('render-metrics'), 'terraform');
      const { roots } = await renderCommand(conf(), { outDir: out, buildDir: 'build' });
      expect(roots).toEqual(['global', 'corp', 'production']);

      const production = moduleBlock(
        readFileSync(path.join(out, 'production', 'main.tf'), 'utf8'),
        'stream_alert',
      );
      expect(production).toContain('rule_processor_enable_metrics = true');
      expect(production).toContain('alert_processor_enable_metrics         = true');
      expect(production).toContain(
        '  rule_processor_metric_names  = ["TotalRecords", "TotalProcessedSize", "FailedParses", "TriggeredAlerts", "TotalS3Records", "S3DownloadTime", "PoisonRecords", "MergeMatchesWritten", "MergeThrottles", "MergeWriteFailures", "MergePoisonMatches", "MergeMatchesDeadLettered", "AlertsReduced", "LookupTableRefreshFailures", "DetectionBundleLoadFailures"]\n' +
          '  alert_processor_metric_names = ["AlertsDelivered", "AlertDeliveryFailures"]\n' +
          '  monitoring_sns_topic_arn     = "arn:aws:sns:us-west-2:123456789012:stream_alert_monitoring"\n',
      );
      // Configuration strings stay literal: "${" and "%{" are escaped, quotes and newlines too.
      expect(production).toContain(
        [
          '    "FailedParses $${file(\\"/etc/passwd\\")}" = {',
          '      alarm_description   = "say \\"%%{ if true }x%%{ endif }\\"\\nnow"',
          '      comparison_operator = "GreaterThanOrEqualToThreshold"',
          '      evaluation_periods  = 1',
          '      metric_name         = "RuleProcessor-FailedParses-PRODUCTION"',
          '      period              = 600',
          '      statistic           = "Sum"',
          '      threshold           = 5',
          '    }',
        ].join('\n'),
      );
      expect(production).toContain('      threshold           = -1\n');
      expect(production).toContain('    "Delivered nothing" = {\n      alarm_description   = ""\n');

      const corp = moduleBlock(
        readFileSync(path.join(out, 'corp', 'main.tf'), 'utf8'),
        'stream_alert',
      );
      expect(corp).toContain('rule_processor_enable_metrics = true');
      expect(corp).toContain('alert_processor_enable_metrics         = false');
      expect(corp).not.toContain('metric_alarms');
      // No metric alarm, yet the topic: the source-health silence alarms notify it.
      expect(corp).toContain('source_health_enabled    = true');
      expect(corp).toContain(
        'monitoring_sns_topic_arn     = "arn:aws:sns:eu-west-1:123456789012:stream_alert_monitoring"',
      );

      // Metrics are regional: an aggregate alarm goes where clusters publish that function's metrics.
      const global = readFileSync(path.join(out, 'global', 'main.tf'), 'utf8');
      expect(moduleBlock(global, 'monitoring_us_east_1')).not.toContain('metric_alarms');
      const usWest2 = moduleBlock(global, 'monitoring_us_west_2');
      expect(usWest2).toContain('    "Minimum TotalRecords" = {');
      expect(usWest2).toContain('      threshold           = 200000.5\n');
      expect(usWest2).toContain('    "Any delivery failure" = {');
      const euWest1 = moduleBlock(global, 'monitoring_eu_west_1');
      expect(euWest1).toContain('    "Minimum TotalRecords" = {');
      expect(euWest1).not.toContain('Any delivery failure');

      await expectValidRoots(out, roots);
    },
  );

  it('leave a cluster without enable_metrics exactly as before: no alarm inputs', async () => {
    const out = path.join(tempDir('render-no-metrics'), 'terraform');
    await renderCommand(confWith(seedGlobal(), { production: seedCluster() }), {
      outDir: out,
      buildDir: 'build',
    });
    const main = readFileSync(path.join(out, 'production', 'main.tf'), 'utf8');
    expect(main).toContain('rule_processor_enable_metrics = false');
    expect(main).not.toContain('metric_alarms');
    expect(readFileSync(path.join(out, 'global', 'main.tf'), 'utf8')).not.toContain(
      'metric_alarms',
    );
  });
});
