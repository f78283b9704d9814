import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { seedCluster, seedGlobal, tempDir, writeConf } from '../support/conf.js';
import { renderCommand } from '../../src/commands/render.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function problemsOf(global: unknown, clusters: Record<string, unknown>): Promise<string[]> {
  const conf = writeConf(global, clusters);
  try {
    await loadConfig(conf);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    // Paths relative to the conf folder keep expectations readable.
    return (err as ConfigError).problems.map((p) =>
      formatProblem({ ...p, file: path.relative(conf, p.file) }),
    );
  }
  throw new Error('configuration was accepted');
}

function cluster(mutate: (c: Json) => void): Json {
  const c = seedCluster() as Json;
  mutate(c);
  return c;
}

describe('the seed configuration', () => {
  it('is accepted and every default of the seed is filled in', async () => {
    const c = cluster((c) => {
      c.modules.cloudtrail = { enabled: true };
      c.modules.flow_logs = { enabled: true, vpcs: ['vpc-0123abcd'] };
      c.modules.s3_events = { s3_bucket_id: 'acme.inputs' };
      delete c.modules.stream_alert.rule_processor.current_version;
    });
    const config = await loadConfig(writeConf(seedGlobal(), { production: c }));
    const p = config.clusters[0]!;
    expect(p.id).toBe('production');
    expect(p.region).toBe('us-west-2');
    expect(p.modules.streamAlert.ruleProcessor).toMatchObject({
      timeout: 10,
      memory: 256,
      currentVersion: '$LATEST',
      logLevel: 'info',
    });
    expect(p.modules.streamAlert.alertProcessor).toMatchObject({
      timeout: 25,
      memory: 128,
      outputS3Buckets: [],
      vpc: null,
    });
    expect(p.modules.kinesis?.streams).toMatchObject({ shards: 1, retention: 24 });
    expect(p.modules.kinesis?.firehose).toMatchObject({
      enabled: true,
      s3BucketSuffix: 'streamalert.results',
    });
    expect(p.modules.kinesisEvents).toEqual({
      enabled: true,
      batchSize: 100,
      maximumRetryAttempts: 3,
      maximumRecordAgeInSeconds: 21600,
      bisectBatchOnFunctionError: true,
    });
    expect(p.modules.cloudtrail).toEqual({
      enabled: true,
      existingTrail: false,
      isGlobalTrail: true,
      eventPattern: '{"account":["123456789012"]}',
      eventPatternPointer: '/modules/cloudtrail/event_pattern',
      eventPatternGiven: false,
      pointer: '/modules/cloudtrail',
      // StreamAlert 3's settings, none in the seed.
      crossAccountIds: [],
      eventBusAccounts: [],
      eventBusOrgIds: [],
    });
    expect(p.modules.flowLogs).toEqual({
      enabled: true,
      logGroupName: 'acme_production_streamalert_flow_logs',
      vpcs: ['vpc-0123abcd'],
      subnets: [],
      enis: [],
    });
    expect(p.modules.s3Events).toEqual([
      {
        bucketId: 'acme.inputs',
        pointer: '/modules/s3_events/s3_bucket_id',
        filters: [{ prefix: '', suffix: '' }],
      },
    ]);
    expect(p.outputs).toEqual({ kinesis: ['username', 'access_key_id', 'secret_key'] });
    expect(config.global.terraform.tfstateKeyPrefix).toBe('stream_alert_state');
    expect(config.global.account.kmsKeyAlias).toBe('stream_alert_secrets');
    expect(config.global.monitoring).toEqual({
      createSnsTopic: true,
      snsTopicName: 'stream_alert_monitoring',
      metricAlarms: { rule_processor: [], alert_processor: [] },
      // Source health needs no configuration: on, 15 minutes for every source kind, a drop
      // of more than 50% a warning and of more than 90% critical (sources of 10 records an
      // hour or more).
      sourceHealth: {
        enabled: true,
        silenceMinutes: { kinesis: 15, s3: 15, sns: 15, stream_alert_app: 15 },
        volumeDrop: {
          enabled: true,
          warningPercent: 50,
          criticalPercent: 90,
          minimumHourlyRecords: 10,
        },
      },
    });
  });

  it('accepts the Lambda Settings options of StreamAlert 1.5', async () => {
    const c = cluster((c) => {
      c.modules.stream_alert.alert_processor.log_level = 'debug';
      c.modules.stream_alert.alert_processor.outputs = {
        'aws-s3': ['acme.streamalerts'],
        'aws-lambda': ['fn:production'],
      };
      c.modules.stream_alert.alert_processor.vpc_config = {
        subnet_ids: ['subnet-0123abcd'],
        security_group_ids: ['sg-0123abcd'],
      };
      c.modules.stream_alert.rule_processor.inputs = {
        'aws-sns': ['arn:aws:sns:us-west-2:123456789012:osquery'],
      };
      c.modules.stream_alert.rule_processor.current_version = 12;
    });
    const config = await loadConfig(writeConf(seedGlobal(), { production: c }));
    const sa = config.clusters[0]!.modules.streamAlert;
    expect(sa.alertProcessor.vpc).toEqual({
      subnetIds: ['subnet-0123abcd'],
      securityGroupIds: ['sg-0123abcd'],
    });
    expect(sa.alertProcessor.outputLambdaFunctions).toEqual(['fn:production']);
    expect(sa.ruleProcessor.inputSnsTopics).toEqual(['arn:aws:sns:us-west-2:123456789012:osquery']);
    expect(sa.ruleProcessor.currentVersion).toBe('12');
  });
});

describe('schema rules', () => {
  const cases: [string, (c: Json) => void, string][] = [
    [
      'shards below 1',
      (c) => (c.modules.kinesis.streams.shards = 0),
      '/modules/kinesis/streams/shards: must be >= 1',
    ],
    [
      'retention below 24 hours',
      (c) => (c.modules.kinesis.streams.retention = 12),
      '/modules/kinesis/streams/retention: must be >= 24',
    ],
    [
      'retention above 8760 hours',
      (c) => (c.modules.kinesis.streams.retention = 9000),
      '/modules/kinesis/streams/retention: must be <= 8760',
    ],
    [
      'Lambda memory below 128',
      (c) => (c.modules.stream_alert.rule_processor.memory = 64),
      '/modules/stream_alert/rule_processor/memory: must be >= 128',
    ],
    [
      'Lambda memory above 10240',
      (c) => (c.modules.stream_alert.alert_processor.memory = 20000),
      '/modules/stream_alert/alert_processor/memory: must be <= 10240',
    ],
    [
      'Lambda timeout above 900',
      (c) => (c.modules.stream_alert.rule_processor.timeout = 901),
      '/modules/stream_alert/rule_processor/timeout: must be <= 900',
    ],
    [
      'Lambda timeout of 0',
      (c) => (c.modules.stream_alert.alert_processor.timeout = 0),
      '/modules/stream_alert/alert_processor/timeout: must be >= 1',
    ],
    [
      'a type mismatch',
      (c) => (c.modules.kinesis.streams.shards = '1'),
      '/modules/kinesis/streams/shards: must be integer, got string "1"',
    ],
    [
      'an unknown key',
      (c) => (c.modules.kinesis.streams.shard = 1),
      '/modules/kinesis/streams/shard: unknown key "shard" (allowed: shards, retention, shard_level_metrics, create_user, stream_name, trusted_accounts, terraform_outputs)',
    ],
    [
      'an unknown module',
      (c) => (c.modules.athena = {}),
      '/modules/athena: unknown key "athena" (allowed: stream_alert, cloudwatch_monitoring, kinesis, kinesis_events, cloudtrail, cloudwatch_events, flow_logs, s3_events, collectors, streamalert_apps)',
    ],
    [
      'a bad enum value',
      (c) => (c.modules.stream_alert.rule_processor.log_level = 'verbose'),
      '/modules/stream_alert/rule_processor/log_level: must be one of "debug", "info", "warn", "error", got "verbose"',
    ],
    [
      'an unknown region',
      (c) => (c.region = 'us-weast-2'),
      '/region: must be an AWS region name such as "us-east-1", got "us-weast-2"',
    ],
    [
      'a missing required flag',
      (c) => delete c.modules.kinesis_events.enabled,
      '/modules/kinesis_events: missing required key "enabled"',
    ],
    [
      'a missing processor memory',
      (c) => delete c.modules.stream_alert.rule_processor.memory,
      '/modules/stream_alert/rule_processor: missing required key "memory"',
    ],
    [
      'a bad current_version',
      (c) => (c.modules.stream_alert.rule_processor.current_version = 'latest'),
      '/modules/stream_alert/rule_processor/current_version: must be "$LATEST" or a published version number, got "latest"',
    ],
    [
      'a bad subnet id',
      (c) => (c.modules.flow_logs = { enabled: true, subnets: ['subnet-xyz'] }),
      '/modules/flow_logs/subnets/0: must be a subnet id such as "subnet-0123abcd", got "subnet-xyz"',
    ],
    [
      'a bad event pattern key',
      (c) => (c.modules.cloudtrail = { enabled: true, event_pattern: { acount: ['1'] } }),
      '/modules/cloudtrail/event_pattern/acount: unknown key "acount" (allowed: version, id, detail-type, source, account, time, region, resources, detail)',
    ],
    [
      'a bad S3 bucket name',
      (c) => (c.modules.s3_events = { s3_bucket_id: 'Bad_Bucket' }),
      '/modules/s3_events/s3_bucket_id: must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens), got "Bad_Bucket"',
    ],
    [
      'an unknown key in a list of S3 sources',
      (c) => (c.modules.s3_events = [{ s3_bucket_id: 'acme.in', prefix: 'x' }]),
      '/modules/s3_events/0/prefix: unknown key "prefix" (allowed: s3_bucket_id, filter_prefix, filter_suffix)',
    ],
    [
      'a duplicate list entry',
      (c) => (c.modules.flow_logs = { enabled: true, vpcs: ['vpc-0123abcd', 'vpc-0123abcd'] }),
      '/modules/flow_logs/vpcs: lists "vpc-0123abcd" more than once',
    ],
    [
      'an empty VPC subnet list',
      (c) =>
        (c.modules.stream_alert.alert_processor.vpc_config = {
          subnet_ids: [],
          security_group_ids: ['sg-0123abcd'],
        }),
      '/modules/stream_alert/alert_processor/vpc_config/subnet_ids: must not be empty',
    ],
  ];

  it.each(cases)('rejects %s', async (_name, mutate, expected) => {
    expect(await problemsOf(seedGlobal(), { production: cluster(mutate) })).toEqual([
      `clusters/production.json: ${expected}`,
    ]);
  });

  it.each([
    [
      'an account id that is not 12 digits',
      (g: Json) => (g.account.aws_account_id = '12345'),
      '/account/aws_account_id: must be a 12-digit AWS account id, as a string, got "12345"',
    ],
    [
      'an account id given as a number',
      (g: Json) => (g.account.aws_account_id = 123456789012),
      '/account/aws_account_id: must be string, got integer 123456789012',
    ],
    [
      'a prefix with an underscore',
      (g: Json) => (g.account.prefix = 'ac_me'),
      '/account/prefix: must start with a lowercase letter and hold only lowercase letters and digits (at most 16); it begins every resource and bucket name, got "ac_me"',
    ],
    [
      'an existing monitoring topic without its name',
      (g: Json) => (g.infrastructure.monitoring = { create_sns_topic: false }),
      '/infrastructure/monitoring: missing required key "sns_topic_name"',
    ],
  ])('rejects in global.json %s', async (_name, mutate, expected) => {
    const g = seedGlobal() as Json;
    mutate(g);
    expect(await problemsOf(g, { production: seedCluster() })).toEqual([
      `global.json: ${expected}`,
    ]);
  });

  it('reports every problem of every file at once, one line each', async () => {
    const g = seedGlobal() as Json;
    g.account.region = 'mars-1';
    const a = cluster((c) => {
      c.modules.kinesis.streams.shards = 0;
      c.modules.stream_alert.rule_processor.memory = 64;
      c.extra = true;
    });
    const b = cluster((c) => {
      c.id = 'staging';
      c.modules.kinesis.streams.retention = 1;
    });
    const problems = await problemsOf(g, { production: a, staging: b });
    expect(problems).toEqual([
      'global.json: /account/region: must be an AWS region name such as "us-east-1", got "mars-1"',
      'clusters/production.json: /extra: unknown key "extra" (allowed: id, region, classifier_config, data_sources, enable_threat_intel, modules, outputs, traffic)',
      'clusters/production.json: /modules/stream_alert/rule_processor/memory: must be >= 128',
      'clusters/production.json: /modules/kinesis/streams/shards: must be >= 1',
      'clusters/staging.json: /modules/kinesis/streams/retention: must be >= 24',
    ]);
  });

  it('names the line and column of a JSON syntax error', async () => {
    const problems = await problemsOf(seedGlobal(), {
      production: '{\n  "id": "production",\n  "region": "us-west-2",,\n}\n',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^clusters\/production\.json: line 3, column 25: not valid JSON: /);
  });

  it('gives problems the line of the offending value, for annotations', async () => {
    const conf = writeConf(seedGlobal(), {
      production: cluster((c) => (c.modules.kinesis.streams.shards = 0)),
    });
    const lines = readFileSync(path.join(conf, 'clusters', 'production.json'), 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('"shards": 0')) + 1;
    const err = await loadConfig(conf).catch((e: ConfigError) => e);
    expect(line).toBeGreaterThan(1);
    expect((err as ConfigError).problems[0]).toMatchObject({
      line,
      column: lines[line - 1]!.indexOf('"shards"') + 1,
    });
  });
});

describe('cross-file rules', () => {
  it('requires the id to equal the file name', async () => {
    expect(await problemsOf(seedGlobal(), { prod: seedCluster() })).toEqual([
      'clusters/prod.json: /id: must equal the file name "prod" (a cluster is named by its file)',
    ]);
  });

  it('reserves the names the rendered tree uses', async () => {
    const c = cluster((c) => (c.id = 'global'));
    expect(await problemsOf(seedGlobal(), { global: c })).toEqual([
      'clusters/global.json: /id: "global" is reserved: the rendered Terraform tree uses a folder of that name',
    ]);
  });

  it('names the module another module needs', async () => {
    const c = cluster((c) => {
      delete c.modules.kinesis;
      delete c.outputs;
      c.modules.cloudtrail = { enabled: true };
    });
    expect(await problemsOf(seedGlobal(), { production: c })).toEqual([
      'clusters/production.json: /modules/kinesis_events: needs the "kinesis" module: it sends its data into the cluster\'s Kinesis stream',
      'clusters/production.json: /modules/cloudtrail: needs the "kinesis" module: it sends its data into the cluster\'s Kinesis stream',
    ]);
  });

  it('checks cluster outputs against the modules that provide them', async () => {
    const c = cluster((c) => {
      c.modules.kinesis.firehose.enabled = false;
      c.outputs = {
        kinesis: ['username', 'password', 'bucket_arn'],
        flow_logs: ['log_group_name'],
      };
    });
    expect(await problemsOf(seedGlobal(), { production: c })).toEqual([
      'clusters/production.json: /outputs/kinesis/1: "password" is not an output of "kinesis" (available: arn, stream_name, username, user_arn, access_key_id, secret_key, role_arn, delivery_stream_arn, delivery_stream_name, bucket_arn, bucket_name)',
      'clusters/production.json: /outputs/kinesis/2: "bucket_arn" needs kinesis.firehose.enabled = true',
      'clusters/production.json: /outputs/flow_logs: the "flow_logs" module is not enabled in this cluster',
    ]);
  });

  it('takes the outputs of every module that is on, refuses those of one that is off', async () => {
    const on = cluster((c) => {
      c.modules.flow_logs = { enabled: true, vpcs: ['vpc-0123abcd'] };
      c.modules.cloudtrail = { enabled: true };
      c.outputs = {
        kinesis: ['stream_name'],
        flow_logs: ['log_group_name'],
        cloudtrail: ['trail_arn'],
      };
    });
    const loaded = await loadConfig(writeConf(seedGlobal(), { production: on }));
    expect(loaded.clusters[0]!.outputs).toMatchObject({
      flow_logs: ['log_group_name'],
      cloudtrail: ['trail_arn'],
    });
    const off = cluster((c) => {
      c.modules.flow_logs = { enabled: false };
      c.outputs = { flow_logs: ['log_group_name'], cloudtrail: ['trail_arn'] };
    });
    expect(await problemsOf(seedGlobal(), { production: off })).toEqual([
      'clusters/production.json: /outputs/flow_logs: the "flow_logs" module is not enabled in this cluster',
      'clusters/production.json: /outputs/cloudtrail: the "cloudtrail" module is not enabled in this cluster',
    ]);
  });

  it('refuses one bucket feeding two clusters', async () => {
    const a = cluster((c) => (c.modules.s3_events = { s3_bucket_id: 'acme.shared' }));
    const b = cluster((c) => {
      c.id = 'staging';
      c.modules.s3_events = { s3_bucket_id: 'acme.shared' };
    });
    expect(await problemsOf(seedGlobal(), { production: a, staging: b })).toEqual([
      'clusters/staging.json: /modules/s3_events: bucket "acme.shared" already sends its events to cluster "production"; a bucket can feed one cluster only',
    ]);
  });

  it('refuses names AWS would reject for length', async () => {
    const g = seedGlobal() as Json;
    g.account.prefix = 'acmecorporation1';
    const c = cluster((c) => (c.id = 'production_emea'));
    const problems = await problemsOf(g, { production_emea: c });
    expect(problems[0]).toMatch(
      /^clusters\/production_emea\.json: \/id: prefix "acmecorporation1" and cluster "production_emea" are too long together: IAM role ".*" would pass AWS's 64-character limit$/,
    );
  });

  it('reports a missing configuration folder plainly', async () => {
    const err = await loadConfig('/nonexistent/conf').catch((e: ConfigError) => e);
    expect((err as ConfigError).problems.map(formatProblem)).toEqual([
      '/nonexistent/conf: /: configuration folder not found (global.json, clusters/, logs.json and sources.json go here)',
    ]);
  });
});

describe('global.json terraform.create_state_bucket', () => {
  it('defaults to true (the global root manages the bucket) and is read as given', async () => {
    const g = seedGlobal() as Json;
    expect(
      (await loadConfig(writeConf(g, { production: seedCluster() }))).global.terraform
        .createStateBucket,
    ).toBe(true);
    g.terraform.create_state_bucket = false;
    expect(
      (await loadConfig(writeConf(g, { production: seedCluster() }))).global.terraform
        .createStateBucket,
    ).toBe(false);
  });

  it('must be a boolean, named by file and pointer', async () => {
    const g = seedGlobal() as Json;
    g.terraform.create_state_bucket = 'no';
    expect(await problemsOf(g, { production: seedCluster() })).toEqual([
      'global.json: /terraform/create_state_bucket: must be boolean, got string "no"',
    ]);
  });
});

describe('global.json terraform.apply_role_arn', () => {
  const ROLE = 'arn:aws:iam::123456789012:role/streamalert-deploy';

  it("makes the role the detection bundle's only writer; none leaves the default policy", async () => {
    const globalRoot = async (g: Json) => {
      const out = tempDir('apply-role-render');
      await renderCommand(writeConf(g, { production: seedCluster() }), {
        outDir: out,
        buildDir: 'build',
      });
      return readFileSync(path.join(out, 'global', 'main.tf'), 'utf8');
    };
    const g = seedGlobal() as Json;
    expect(await globalRoot(g)).toContain('  writer_arn  = null\n');
    g.terraform.apply_role_arn = ROLE;
    expect(
      (await loadConfig(writeConf(g, { production: seedCluster() }))).global.terraform,
    ).toMatchObject({
      applyRoleArn: ROLE,
    });
    expect(await globalRoot(g)).toContain(`  writer_arn  = "${ROLE}"\n`);
  });

  it('must be an IAM role ARN, named by file and pointer', async () => {
    const g = seedGlobal() as Json;
    g.terraform.apply_role_arn = 'arn:aws:iam::123456789012:user/deploy';
    expect(await problemsOf(g, { production: seedCluster() })).toEqual([
      'global.json: /terraform/apply_role_arn: must be an IAM role ARN such as "arn:aws:iam::123456789012:role/deploy", got "arn:aws:iam::123456789012:user/deploy"',
    ]);
  });
});
