/**
 * Source health in the rendered roots (docs/source-health.md): on with no configuration, the
 * silence period of every log name sources.json carries (the longest of its source kinds),
 * the volume-drop levels (the 50% and 90% by default), global.json's defaults under
 * a cluster file's overrides, off when a cluster says so, and a bad period or level refused
 * with the file and the key. The roots stay fmt-clean and valid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCommand } from '../../src/commands/render.js';
import { loadConfig } from '../../src/config/load.js';
import { sourceHealthContext } from '../../src/render/model.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { expectValidRoots } from '../support/terraform.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const files = {
  'sources.json': {
    kinesis: { acme_production_stream_alert_kinesis: { logs: ['osquery', 'cloudwatch:events'] } },
    s3: { 'acme.cloudtrail': { logs: ['cloudtrail', 'osquery'] } },
    sns: { 'acme-osquery': { logs: ['osquery'] } },
  },
  'logs.json': {
    osquery: { parser: 'json', schema: { name: 'string' } },
    'cloudwatch:events': { parser: 'json', schema: { id: 'string' } },
    cloudtrail: { parser: 'json', schema: { eventName: 'string' } },
  },
};

function cluster(id: string, sourceHealth?: unknown): Json {
  const c = seedCluster() as Json;
  c.id = id;
  if (sourceHealth !== undefined)
    c.modules.stream_alert.rule_processor.source_health = sourceHealth;
  return c;
}

function streamAlertBlock(main: string): string {
  const start = main.indexOf('module "stream_alert" {\n');
  return main.slice(start, main.indexOf('\n}\n', start) + 2);
}

describe('source health in the rendered roots', () => {
  it(
    'declares the silence periods per log name, global defaults under cluster overrides, valid for Terraform',
    { timeout: 600_000 },
    async () => {
      const g = seedGlobal() as Json;
      g.infrastructure.monitoring.source_health = { silence_minutes: { s3: 60 } };
      const conf = writeConf(
        g,
        {
          production: cluster('production'),
          corp: cluster('corp', {
            silence_minutes: { kinesis: 5, s3: 30 },
            volume_drop: { warning_percent: 40, minimum_hourly_records: 100 },
          }),
          quiet: cluster('quiet', { enabled: false }),
        },
        undefined,
        files,
      );
      const out = path.join(tempDir('render-source-health'), 'terraform');
      const { roots } = await renderCommand(conf, {
        outDir: out,
        buildDir: path.join(path.dirname(out), 'build'),
      });
      const main = (root: string) =>
        streamAlertBlock(readFileSync(path.join(out, root, 'main.tf'), 'utf8'));

      // No configuration in the cluster: global.json's S3 period; a log carried by several
      // kinds gets the longest (osquery: Kinesis 15, S3 60, SNS 15).
      expect(main('production')).toContain(
        [
          '  source_health_enabled    = true',
          // Next to the zips, by the same relative path (no absolute path reaches Terraform).
          '  source_health_rules_file = "../../build/source_health.json"',
          '  source_health_silence_minutes = {',
          '    "cloudtrail"        = 60',
          '    "cloudwatch:events" = 15',
          '    "osquery"           = 60',
          '  }',
          // The levels, with no configuration.
          '  source_health_volume_drop = {',
          '    warning_percent        = 50',
          '    critical_percent       = 90',
          '    minimum_hourly_records = 10',
          '  }',
        ].join('\n'),
      );
      expect(main('production')).toContain(
        'monitoring_sns_topic_arn     = "arn:aws:sns:us-west-2:123456789012:stream_alert_monitoring"',
      );
      expect(main('corp')).toContain(
        [
          '    "cloudtrail"        = 30',
          '    "cloudwatch:events" = 5',
          '    "osquery"           = 30',
          '  }',
          '  source_health_volume_drop = {',
          '    warning_percent        = 40',
          '    critical_percent       = 90',
          '    minimum_hourly_records = 100',
          '  }',
        ].join('\n'),
      );

      const quiet = main('quiet');
      expect(quiet).toContain('  source_health_enabled = false\n');
      expect(quiet).not.toContain('source_health_silence_minutes');
      expect(quiet).not.toContain('source_health_volume_drop');
      expect(quiet).not.toContain('monitoring_sns_topic_arn');

      await expectValidRoots(out, roots);
    },
  );

  it('switches the volume-drop alarms off alone, keeping the silence alarms', async () => {
    const conf = writeConf(
      seedGlobal(),
      { loud: cluster('loud', { volume_drop: { enabled: false } }) },
      undefined,
      files,
    );
    const config = await loadConfig(conf);
    const health = sourceHealthContext(config, config.clusters[0]!, '../../build');
    expect(health && health.silence.length).toBe(3);
    expect(health && health.volumeDrop).toBe(false);
  });

  it('refuses a silence period that is not whole minutes of at most a day, naming the key', async () => {
    const conf = writeConf(
      seedGlobal(),
      {
        production: cluster('production', { silence_minutes: { s3: 0, kinesis: 2000 }, x: 1 }),
        corp: cluster('corp', { volume_drop: { warning_percent: 100, critical_percent: 0 } }),
        // Valid alone; together with global.json's default warning level (50), not.
        staging: cluster('staging', { volume_drop: { critical_percent: 50 } }),
      },
      undefined,
      files,
    );
    const err = await loadConfig(conf).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^clusters\/production\.json: \/modules\/stream_alert\/rule_processor\/source_health\/silence_minutes\/s3: must be whole minutes from 1 to 1440 \(one day\)/,
        ),
        expect.stringMatching(
          /^clusters\/production\.json: \/modules\/stream_alert\/rule_processor\/source_health\/silence_minutes\/kinesis: must be whole minutes from 1 to 1440/,
        ),
        expect.stringMatching(
          /^clusters\/production\.json: \/modules\/stream_alert\/rule_processor\/source_health.*x/,
        ),
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/stream_alert\/rule_processor\/source_health\/volume_drop\/warning_percent: must be a whole percentage from 1 to 99/,
        ),
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/stream_alert\/rule_processor\/source_health\/volume_drop\/critical_percent: must be a whole percentage from 1 to 99/,
        ),
        expect.stringMatching(
          /^clusters\/staging\.json: \/modules\/stream_alert\/rule_processor\/source_health\/volume_drop: critical_percent \(50\) must be above warning_percent \(50\)/,
        ),
      ]),
    );
  });
});
