/**
 * A StreamAlert 3-shaped conf/ (test/support/streamalert3.ts, written by the test) is read
 * unchanged: the typed Config a user's render and build rely on, the one notice naming the
 * keys that act differently here, and a clear error, naming the file and place, for each
 * mistake. Its test events load as StreamAlert 3 keeps them.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compatibilityNotice } from '../../src/config/notices.js';
import { ConfigError } from '../../src/config/problems.js';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import { tempDir } from '../support/conf.js';
import { writeSa3Repo, type Files } from '../support/streamalert3.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

async function problemsOf(change: (conf: Files) => void): Promise<string[]> {
  const conf = path.join(writeSa3Repo(change), 'conf');
  const err = await loadConfig(conf).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).message.split('\n').map((l) => l.replace(`${conf}/`, ''));
}

describe('a StreamAlert 3 conf/, unchanged', () => {
  it('loads: region from global.json, processors from classifier_config and lambda.json', async () => {
    const config = await loadConfig(path.join(writeSa3Repo(), 'conf'));
    expect(config.global.terraform).toEqual({
      tfstateBucket: 'acme-streamalert-terraform-state',
      tfstateKeyPrefix: 'streamalert_state',
      createStateBucket: true,
    });
    expect(config.global.account.kmsKeyAlias).toBe('acme_streamalert_secrets');
    const [corp] = config.clusters;
    expect(corp!.region).toBe('us-west-2');
    const sa = corp!.modules.streamAlert;
    expect(sa.ruleProcessor).toMatchObject({
      memory: 256,
      timeout: 90,
      logLevel: 'info',
      enableMetrics: true,
    });
    expect(sa.alertProcessor).toMatchObject({ memory: 192, timeout: 45, logLevel: 'warn' });
    expect(sa.alertProcessor.vpc).toBeNull();
    expect(corp!.modules.cloudwatchMonitoring).toEqual({ enabled: true });
  });

  it("acts on log_retention_days, concurrency_limit and a function's metric_alarms", async () => {
    const [corp] = (await loadConfig(path.join(writeSa3Repo(), 'conf'))).clusters;
    const sa = corp!.modules.streamAlert;
    expect(sa.ruleProcessor).toMatchObject({
      logRetentionDays: 14,
      concurrencyLimit: null,
      lambdaAlarms: [{ metric: 'Errors', threshold: 0, evaluationPeriods: 1, periodSecs: 120 }],
    });
    // errors is switched off: only throttles alarms.
    expect(sa.alertProcessor).toMatchObject({
      logRetentionDays: null,
      concurrencyLimit: 4,
      lambdaAlarms: [{ metric: 'Throttles', threshold: 2, evaluationPeriods: 3, periodSecs: 300 }],
    });
  });

  it("maps StreamAlert 3's s3_events (bucket name to its filters) onto one notification per filter", async () => {
    const conf = path.join(
      writeSa3Repo((c: any) => {
        c['clusters/corp.json'].modules.s3_events = {
          'acme.corp.audit.logs': [
            { filter_prefix: 'AWSLogs/', filter_suffix: '.json.gz' },
            { filter_prefix: 'vpc/' },
          ],
          'acme.corp.whole': [],
        };
      }),
      'conf',
    );
    const [corp] = (await loadConfig(conf)).clusters;
    expect(corp!.modules.s3Events).toEqual([
      {
        bucketId: 'acme.corp.audit.logs',
        pointer: '/modules/s3_events/acme.corp.audit.logs',
        filters: [
          { prefix: 'AWSLogs/', suffix: '.json.gz' },
          { prefix: 'vpc/', suffix: '' },
        ],
      },
      // No filter: the whole bucket, as StreamAlert 3's empty list.
      {
        bucketId: 'acme.corp.whole',
        pointer: '/modules/s3_events/acme.corp.whole',
        filters: [{ prefix: '', suffix: '' }],
      },
    ]);
  });

  it('refuses s3_events filters S3 would refuse together, or a bad bucket name, by place', async () => {
    const problems = await problemsOf((c: any) => {
      c['clusters/corp.json'].modules.s3_events = {
        'acme.corp.audit.logs': [
          { filter_prefix: 'AWSLogs/', filter_suffix: '.gz' },
          // Same prefix, other suffix: S3 takes it.
          { filter_prefix: 'AWSLogs/', filter_suffix: '.json' },
          // A longer prefix with a suffix ending the first's: a key could match both.
          { filter_prefix: 'AWSLogs/123/', filter_suffix: '.json.gz' },
          // No filter at all overlaps every other.
          {},
        ],
      };
    });
    expect(problems).toEqual([
      'clusters/corp.json: /modules/s3_events/acme.corp.audit.logs/2: overlaps filter 0 (filter_prefix "AWSLogs/", filter_suffix ".gz"): an object key could match both, and S3 refuses overlapping filters for the same events on one bucket; make the prefixes or the suffixes disjoint',
      'clusters/corp.json: /modules/s3_events/acme.corp.audit.logs/3: overlaps filter 0 (filter_prefix "AWSLogs/", filter_suffix ".gz"): an object key could match both, and S3 refuses overlapping filters for the same events on one bucket; make the prefixes or the suffixes disjoint',
    ]);
    // Bucket name rules are checked once the shape holds.
    const named = await problemsOf((c: any) => {
      c['clusters/corp.json'].modules.s3_events = { 'acme..bad': [] };
    });
    expect(named).toEqual([
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/s3_events\/acme\.\.bad: S3 bucket name "acme\.\.bad" /,
      ),
    ]);
  });

  it("honours StreamAlert 3's kinesis.streams keys: stream_name, trusted_accounts, terraform_outputs", async () => {
    const config = await loadConfig(path.join(writeSa3Repo(), 'conf'));
    const [corp] = config.clusters;
    expect(corp!.modules.kinesis!.streams).toMatchObject({
      name: 'acme_corp_streamalert',
      customName: true,
      trustedAccounts: ['444455556666'],
    });
    // terraform_outputs adds to outputs.kinesis, each name once.
    expect(corp!.outputs).toEqual({ kinesis: ['user_arn', 'role_arn'] });
    const both = await loadConfig(
      path.join(
        writeSa3Repo(
          (c: any) => (c['clusters/corp.json'].outputs = { kinesis: ['role_arn', 'arn'] }),
        ),
        'conf',
      ),
    );
    expect(both.clusters[0]!.outputs).toEqual({ kinesis: ['role_arn', 'arn', 'user_arn'] });
  });

  it('says when a StreamAlert 3 stream is renamed because stream_name is left out', async () => {
    const conf = path.join(
      writeSa3Repo((c: any) => delete c['clusters/corp.json'].modules.kinesis.streams.stream_name),
      'conf',
    );
    const config = await loadConfig(conf);
    expect(config.clusters[0]!.modules.kinesis!.streams).toMatchObject({
      name: 'acme_corp_stream_alert_kinesis',
      customName: false,
    });
    expect(compatibilityNotice(config)).toContain(
      "clusters/corp.json: /modules/kinesis/streams: no stream_name: the stream is <prefix>_<cluster>_stream_alert_kinesis, not StreamAlert 3's <prefix>_<cluster>_streamalert",
    );
  });

  it('refuses a trusted account, stream name or terraform output that cannot be, by place', async () => {
    const problems = await problemsOf((c: any) => {
      const streams = c['clusters/corp.json'].modules.kinesis.streams;
      streams.trusted_accounts = ['4444-5555-6666'];
      streams.stream_name = 'acme corp';
      streams.terraform_outputs = ['password'];
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'clusters/corp.json: /modules/kinesis/streams/trusted_accounts/0: must be a 12-digit AWS account id such as "444455556666", got "4444-5555-6666"',
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/kinesis\/streams\/stream_name: must be a Kinesis stream name/,
        ),
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/kinesis\/streams\/terraform_outputs\/0: must be one of/,
        ),
      ]),
    );
  });

  it("names kinesis.firehose's enabled_logs in the notice: the Firehose keeps every record", async () => {
    const conf = path.join(
      writeSa3Repo((c: any) => {
        c['clusters/corp.json'].modules.kinesis.firehose = {
          enabled: true,
          enabled_logs: { websrv: {}, 'audit:event': { enable_alarm: true, period_seconds: 3600 } },
        };
      }),
      'conf',
    );
    const config = await loadConfig(conf);
    expect(config.clusters[0]!.modules.kinesis!.firehose.enabled).toBe(true);
    expect(compatibilityNotice(config)).toContain(
      'clusters/corp.json: /modules/kinesis/firehose/enabled_logs: the Firehose keeps every record of the stream, raw, in the data bucket, whatever log types this lists: no per-log delivery stream or Athena table; no per-log record-count alarm from it (source_health alarms when a log type falls silent: docs/source-health.md)',
    );
    // Switched off, nothing is kept here nor in StreamAlert 3: not named.
    const off = await loadConfig(
      path.join(
        writeSa3Repo((c: any) => {
          c['clusters/corp.json'].modules.kinesis.firehose = {
            enabled: false,
            enabled_logs: { websrv: {} },
          };
        }),
        'conf',
      ),
    );
    expect(compatibilityNotice(off)).not.toContain('enabled_logs');
    const problems = await problemsOf((c: any) => {
      c['clusters/corp.json'].modules.kinesis.firehose = {
        enabled: true,
        enabled_logs: { websrv: { enable_alarms: true } },
      };
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/kinesis\/firehose\/enabled_logs\/websrv\/enable_alarms: unknown key "enable_alarms"/,
      ),
    ]);
  });

  it('refuses a log_retention_days CloudWatch Logs does not take, naming the place', async () => {
    const problems = await problemsOf((c: any) => {
      c['clusters/corp.json'].classifier_config.log_retention_days = 15;
      c['lambda.json'].alert_processor_config.metric_alarms.throttles.period_secs = 90;
    });
    expect(
      problems.some((p) =>
        p.startsWith('clusters/corp.json: /classifier_config/log_retention_days: must be one of'),
      ),
    ).toBe(true);
    expect(
      problems.some((p) =>
        p.startsWith('lambda.json: /alert_processor_config/metric_alarms/throttles/period_secs:'),
      ),
    ).toBe(true);
  });

  it('merges conf/schemas in priority order, data_sources into sources, normalization into types', async () => {
    const config = await loadConfig(path.join(writeSa3Repo(), 'conf'));
    const p = config.processors;
    expect(p.logs.map((l) => l.name)).toEqual(['websrv:error', 'websrv:access', 'audit:event']);
    expect(p.sources.kinesis.get('acme_corp_streamalert')).toEqual(['websrv', 'audit']);
    expect(p.sources.s3.get('acme.corp.audit.logs')).toEqual(['audit']);
    expect(p.sources.stream_alert_app.get('acme_corp_audit_app')).toEqual(['audit']);
    expect(p.types.get('websrv')?.get('sourceAddress')).toEqual(['client_ip']);
    expect(p.types.get('websrv')?.get('userName')).toEqual(['user']);
    expect(p.types.get('audit')?.get('userName')).toEqual(['actor']);
    expect(p.outputs.get('aws-ses:security-team')).toMatchObject({ identity: '*' });
    expect(p.outputs.get('aws-lambda-v2:notify-v2')).toMatchObject({
      secret: { ssmParameter: '/streamalert/outputs/aws-lambda-v2/notify-v2' },
    });
  });

  it('names every key that acts differently in one notice, and no key that does not', async () => {
    const conf = path.join(writeSa3Repo(), 'conf');
    const notice = compatibilityNotice(await loadConfig(conf))!;
    const lines = notice.split('\n');
    expect(lines[0]).toMatch(/^\d+ StreamAlert setting\(s\) accepted/);
    expect(
      lines.slice(1).map((l) => l.trim().replace(`${conf}/`, '').split(': ', 2).join(': ')),
    ).toEqual([
      'global.json: /general',
      'global.json: /infrastructure/alerts_table',
      'global.json: /infrastructure/classifier_sqs',
      'lambda.json: /alert_merger_config',
      'lambda.json: /alert_processor_config/log_level',
      'lambda.json: /athena_partitioner_config',
      'lambda.json: /rules_engine_config',
      'clusters/corp.json: /classifier_config/enable_custom_metrics',
      'clusters/corp.json: /modules/cloudwatch_monitoring/kinesis_alarms_enabled',
      'clusters/corp.json: /modules/cloudwatch_events/cross_account',
      'outputs.json: /aws-ses',
      'outputs.json: /aws-lambda-v2',
      'schemas/websrv.json: /websrv:access/configuration/normalization/userName/0',
    ]);
    // threat_intel.json is read now (docs/threat-intel.md): nothing in this conf/ is unused.
    expect(notice).not.toContain('not used by this project');
    // Switched-off features (artifact_extractor, firehose, rule_staging enabled: false) say nothing.
    expect(notice).not.toMatch(/artifact_extractor|\/infrastructure\/firehose|rule_staging/);
  });

  it('keeps a v3 bucket_name that is not the default as an existing bucket', async () => {
    const conf = path.join(
      writeSa3Repo((c: any) => {
        c['global.json'].terraform = {
          bucket_name: 'acme-tf-state',
          state_key_name: 'sa/tf.tfstate',
        };
      }),
      'conf',
    );
    expect((await loadConfig(conf)).global.terraform).toEqual({
      tfstateBucket: 'acme-tf-state',
      tfstateKeyPrefix: 'sa',
      createStateBucket: false,
    });
  });

  it.each([
    [
      'a data source naming no log',
      (c: any) => (c['clusters/corp.json'].data_sources.kinesis.acme_corp_streamalert = ['nginx']),
      'clusters/corp.json: /data_sources/kinesis/acme_corp_streamalert/0: "nginx" names no log',
    ],
    [
      'a data_sources entity that is not a list',
      (c: any) => (c['clusters/corp.json'].data_sources.s3['acme.corp.audit.logs'] = 'audit'),
      'clusters/corp.json: /data_sources/s3/acme.corp.audit.logs: must be array, got string "audit"',
    ],
    [
      'a log defined in two schema files',
      (c: any) =>
        (c['schemas/audit.json']['websrv:error'] = c['schemas/websrv.json']['websrv:error']),
      'schemas/websrv.json: /websrv:error: log "websrv:error" is also defined in',
    ],
    [
      'a negative priority',
      (c: any) => (c['schemas/audit.json']['audit:event'].configuration = { priority: -1 }),
      'schemas/audit.json: /audit:event/configuration/priority: must be a whole number 0 or more',
    ],
    [
      'classifier_config with modules.stream_alert',
      (c: any) =>
        (c['clusters/corp.json'].modules.stream_alert = {
          rule_processor: { memory: 128, timeout: 10 },
          alert_processor: { memory: 128, timeout: 10 },
        }),
      "clusters/corp.json: /modules/stream_alert: a cluster takes either StreamAlert 3's classifier_config",
    ],
    [
      'a classifier memory Lambda refuses',
      (c: any) => (c['clusters/corp.json'].classifier_config.memory = 64),
      'clusters/corp.json: /classifier_config/memory: must be >= 128',
    ],
    [
      'sources.json beside data_sources',
      (c: any) => (c['sources.json'] = { kinesis: { s: { logs: ['audit'] } } }),
      'sources.json: /: the sources are given twice, here and as data_sources in',
    ],
    [
      'an alert_processor_config key no StreamAlert had',
      (c: any) => (c['lambda.json'].alert_processor_config.memroy = 256),
      'lambda.json: /alert_processor_config/memroy: unknown key "memroy"',
    ],
  ])('refuses %s, naming the file and the place', async (_name, change, expected) => {
    const problems = await problemsOf(change);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });

  it('says what a list-form sources.json should be, once', async () => {
    const conf = tempDir('sa3-list-sources');
    writeFileSync(
      path.join(conf, 'logs.json'),
      '{"a": {"parser": "json", "schema": {"x": "string"}}}',
    );
    writeFileSync(path.join(conf, 'sources.json'), '[{"kinesis": "s"}]');
    const err = (await loadProcessorsConfig(conf).catch((e: unknown) => e)) as ConfigError;
    expect(err.message.split('\n')).toEqual([
      `${conf}/sources.json: line 1, column 1: must be an object of service → entity → {"logs": [...]}, such as {"kinesis": {"<stream>": {"logs": ["cloudtrail"]}}}, got a list`,
    ]);
  });

  it('says a list where an object belongs once ("got an array", not "got array an array")', async () => {
    const problems = await problemsOf((c: any) => (c['global.json'].account = []));
    expect(problems).toEqual(['global.json: /account: must be object, got an array']);
  });

  it('names both places when neither logs.json nor conf/schemas exists', async () => {
    const problems = await problemsOf((c) => {
      delete c['schemas/websrv.json'];
      delete c['schemas/audit.json'];
    });
    expect(problems.find((p) => p.startsWith('logs.json'))).toContain(
      "StreamAlert's conf/logs.json, or StreamAlert 3's conf/schemas/*.json",
    );
  });
});

describe("StreamAlert 3's test events", () => {
  it('load as bare lists from nested folders beside the rules, classify_only and streamalert_app kept', async () => {
    const rules = path.join(writeSa3Repo(), 'rules');
    const { records, problems } = await loadFixtures(rules);
    expect(problems).toEqual([]);
    expect(
      records.map((r) => [path.relative(rules, r.file), r.index, r.service, r.classifyOnly]),
    ).toEqual([
      ['classifier/audit/audit_event.json', 0, 's3', true],
      ['classifier/audit/audit_event.json', 1, 'stream_alert_app', true],
      ['community/websrv/websrv_admin_access.json', 0, 'kinesis', false],
      ['community/websrv/websrv_admin_access.json', 1, 'kinesis', false],
    ]);
  });

  it('do not follow a link to a folder (a pull request could make them loop)', async () => {
    const dir = tempDir('sa3-links');
    mkdirSync(path.join(dir, 'a'));
    writeFileSync(
      path.join(dir, 'a', 'one.json'),
      JSON.stringify([
        {
          data: {},
          description: 'x',
          log: 'a',
          service: 'kinesis',
          source: 's',
          trigger_rules: [],
        },
      ]),
    );
    // Two links back to the top in each folder: followed, 2^20 folders before the depth limit.
    for (const name of ['loop1', 'loop2']) {
      symlinkSync(dir, path.join(dir, name));
      symlinkSync(dir, path.join(dir, 'a', name));
    }
    const { records, problems } = await loadFixtures(dir);
    expect(problems).toEqual([]);
    expect(records.map((r) => path.relative(dir, r.file))).toEqual(['a/one.json']);
  });

  it('report a bad event at its place in the bare list', async () => {
    const dir = tempDir('sa3-events');
    mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
    writeFileSync(
      path.join(dir, 'deep', 'er', 'bad.json'),
      JSON.stringify([{ data: {}, description: 'x', log: 'a', service: 'ftp', source: 's' }]),
    );
    const { problems } = await loadFixtures(dir);
    expect(problems).toEqual([
      `${dir}/deep/er/bad.json: /0/service: must be one of kinesis, s3, sns, stream_alert_app (or streamalert_app)`,
      `${dir}/deep/er/bad.json: /0/trigger_rules: must be a list of rule names ([] when no rule should fire)`,
    ]);
  });

  it('report an event without its data, and run nothing for it', async () => {
    const dir = tempDir('sa3-no-data');
    writeFileSync(
      path.join(dir, 'nodata.json'),
      JSON.stringify([
        { description: 'x', log: 'a', service: 'kinesis', source: 's', trigger_rules: [] },
      ]),
    );
    const { problems, records } = await loadFixtures(dir);
    expect(problems).toEqual([
      `${dir}/nodata.json: /0/data: missing: the log record, as an object (JSON logs) or a string`,
    ]);
    expect(records).toEqual([]);
  });

  it('name publisher_tests as accepted but not run', async () => {
    const dir = tempDir('sa3-publishers');
    writeFileSync(
      path.join(dir, 'p.json'),
      JSON.stringify([
        {
          data: {},
          description: 'x',
          log: 'a',
          service: 'kinesis',
          source: 's',
          trigger_rules: [],
          publisher_tests: { 'slack:x': [] },
        },
      ]),
    );
    const { notes, problems } = await loadFixtures(dir);
    expect(problems).toEqual([]);
    expect(notes).toEqual([
      expect.stringContaining(`${dir}/p.json: publisher_tests accepted but not run`),
    ]);
  });
});
