/**
 * StreamAlert 3's `cloudtrail` (3.0's flat keys, 3.5's s3_settings) and `cloudwatch_events`
 * cluster modules in a StreamAlert 3-shaped conf/ (test/support/streamalert3.ts): what is
 * honoured reaches the typed cluster the render reads, what acts differently is named in the
 * one notice, and each mistake is refused naming the file and place.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { compatibilityNotice } from '../../src/config/notices.js';
import { ConfigError } from '../../src/config/problems.js';
import { writeSa3Repo, type Files } from '../support/streamalert3.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const corpOf = (c: Files): any => c['clusters/corp.json'];

async function load(change: (conf: Files) => void = () => undefined) {
  const conf = path.join(writeSa3Repo(change), 'conf');
  const config = await loadConfig(conf);
  const notice = (compatibilityNotice(config) ?? '')
    .split('\n')
    .slice(1)
    .map((l) => l.trim().replace(`${conf}/`, ''));
  return { cluster: config.clusters[0]!, notice };
}

async function problemsOf(change: (conf: Files) => void): Promise<string[]> {
  const conf = path.join(writeSa3Repo(change), 'conf');
  const err = await loadConfig(conf).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return (err as ConfigError).message.split('\n').map((l) => l.replace(`${conf}/`, ''));
}

const ourNotes = (notice: string[]) =>
  notice.filter((l) => /\/modules\/(cloudtrail|cloudwatch_events)/.test(l));

describe("StreamAlert 3's cloudtrail and cloudwatch_events modules", () => {
  it('honours bucket_name, cross_account_ids and event_selector_type; the rule takes the cloudwatch_events pattern', async () => {
    const { cluster, notice } = await load();
    expect(cluster.modules.cloudtrail).toEqual({
      enabled: true,
      existingTrail: false,
      isGlobalTrail: true,
      eventPattern: JSON.stringify({
        source: ['aws.ec2'],
        'detail-type': ['EC2 Instance Launch Successful'],
      }),
      eventPatternPointer: '/modules/cloudwatch_events/event_pattern',
      eventPatternGiven: false,
      pointer: '/modules/cloudtrail',
      bucketName: 'acme-corp-streamalert-cloudtrail',
      bucketNamePointer: '/modules/cloudtrail/s3_settings/bucket_name',
      // The deployment account (StreamAlert 3 added it itself) needs no cross-account grant.
      crossAccountIds: ['444455556666'],
      s3DataEvents: 'WriteOnly',
      // The cluster's region only (us-west-2): eu-west-1 is named in the notice.
      eventBusAccounts: ['444455556666'],
      eventBusOrgIds: ['o-aabbccddee'],
    });
    expect(ourNotes(notice)).toEqual([
      "clusters/corp.json: /modules/cloudwatch_events/cross_account: only the event bus of the cluster's region (us-west-2) is opened here, where the rule is; not: 444455556666 in eu-west-1",
    ]);
  });

  it("takes 3.0's flat keys and enable_logging; names the deliveries it does differently", async () => {
    const { cluster, notice } = await load((c) => {
      delete corpOf(c).modules.cloudwatch_events;
      corpOf(c).modules.cloudtrail = {
        enable_logging: false,
        is_global_trail: false,
        s3_bucket_name: 'acme-corp-trail',
        s3_cross_account_ids: ['777788889999'],
        s3_event_selector_type: 'All',
        enable_s3_events: true,
        send_to_cloudwatch: true,
        exclude_home_region_events: true,
        cloudwatch_destination_arn: 'arn:aws:logs:us-west-2:111122223333:destination:acme_corp',
        send_to_sns: true,
        allow_cross_account_sns: true,
      };
    });
    expect(cluster.modules.cloudtrail).toMatchObject({
      enabled: false,
      isGlobalTrail: false,
      bucketName: 'acme-corp-trail',
      crossAccountIds: ['777788889999'],
      s3DataEvents: 'All',
      eventPattern: '{"account":["111122223333"]}',
      eventBusAccounts: [],
    });
    expect(ourNotes(notice)).toEqual([
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/cloudtrail: the module also sends this account's CloudWatch Events \(\{"account": \["<aws_account_id>"\]\}\) to the cluster's stream/,
      ),
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/cloudtrail\/enable_s3_events: no S3 notifications of the trail's log files/,
      ),
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/cloudtrail\/send_to_cloudwatch: no CloudWatch Logs group or destination/,
      ),
      expect.stringMatching(
        /^clusters\/corp\.json: \/modules\/cloudtrail\/send_to_sns: no SNS topic/,
      ),
    ]);
  });

  it('says the trail and bucket are renamed when s3_settings names no bucket', async () => {
    const { cluster, notice } = await load((c) => {
      delete corpOf(c).modules.cloudtrail.s3_settings.bucket_name;
      corpOf(c).modules.cloudtrail.s3_settings.enable_events = true;
    });
    expect(cluster.modules.cloudtrail!.bucketName).toBeUndefined();
    expect(ourNotes(notice)).toEqual([
      expect.stringContaining(
        "clusters/corp.json: /modules/cloudtrail: no s3_settings.bucket_name: the trail is <prefix>.<cluster>.streamalert.cloudtrail and its bucket <prefix>.<cluster with . for _>.streamalert.cloudtrail, not StreamAlert 3's <prefix>-<cluster>-streamalert-cloudtrail",
      ),
      expect.stringContaining('/modules/cloudtrail/s3_settings/enable_events: no S3 notifications'),
      expect.stringContaining('/modules/cloudwatch_events/cross_account'),
    ]);
  });

  it('makes nothing of "enabled": false, as StreamAlert 3, and says nothing', async () => {
    const { cluster, notice } = await load((c) => {
      corpOf(c).modules.cloudtrail = { enabled: false, send_to_sns: true };
      corpOf(c).modules.cloudwatch_events.enabled = false;
    });
    expect(cluster.modules.cloudtrail).toBeNull();
    expect(cluster.modules.cloudwatchEvents).toBeNull();
    expect(ourNotes(notice)).toEqual([]);
  });

  it('cloudwatch_events alone is the rule alone; {} or null matches every event', async () => {
    for (const pattern of [{}, null]) {
      const { cluster } = await load((c) => {
        delete corpOf(c).modules.cloudtrail;
        corpOf(c).modules.cloudwatch_events = { event_pattern: pattern };
      });
      expect(cluster.modules.cloudtrail).toMatchObject({
        existingTrail: true,
        pointer: '/modules/cloudwatch_events',
        eventPattern: '{"source":[{"prefix":""}]}',
        eventBusAccounts: [],
        eventBusOrgIds: [],
      });
    }
    const { cluster } = await load((c) => {
      delete corpOf(c).modules.cloudtrail;
      corpOf(c).modules.cloudwatch_events = {};
    });
    // No event_pattern: StreamAlert 3's default, this account's events.
    expect(cluster.modules.cloudtrail!.eventPattern).toBe('{"account":["111122223333"]}');
  });

  it('a cluster file of the seed keeps its cloudtrail as it was', async () => {
    const { cluster, notice } = await load((c) => {
      delete corpOf(c).classifier_config;
      delete corpOf(c).modules.cloudwatch_events;
      corpOf(c).region = 'us-west-2';
      corpOf(c).modules.stream_alert = {
        rule_processor: { timeout: 60, memory: 128, current_version: '$LATEST' },
        alert_processor: { timeout: 60, memory: 128, current_version: '$LATEST' },
      };
      corpOf(c).modules.cloudtrail = { enabled: false };
    });
    // The seed's `enabled` is the trail's logging switch: the module stays.
    expect(cluster.modules.cloudtrail).toMatchObject({
      enabled: false,
      existingTrail: false,
      crossAccountIds: [],
      eventBusAccounts: [],
    });
    expect(cluster.modules.cloudtrail!.bucketName).toBeUndefined();
    expect(cluster.modules.cloudtrail!.s3DataEvents).toBeUndefined();
    expect(ourNotes(notice)).toEqual([]);
  });

  it('refuses what cannot be, naming the file and place', async () => {
    const problems = await problemsOf((c) => {
      const m = corpOf(c).modules;
      m.cloudtrail.s3_settings = {
        bucket_name: 'Acme_Trail',
        cross_account_ids: ['4444'],
        event_selector_type: 'Writes',
      };
      m.cloudtrail.send_to_s3 = true;
      m.cloudwatch_events.cross_account = {
        accounts: { '4444': ['us-west-2'] },
        organizations: { 'o-aabbccddee': ['west'] },
      };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/cloudtrail\/s3_settings\/bucket_name: /,
        ),
        'clusters/corp.json: /modules/cloudtrail/s3_settings/cross_account_ids/0: must be a 12-digit AWS account id such as "444455556666", got "4444"',
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/cloudtrail\/s3_settings\/event_selector_type: must be one of/,
        ),
        expect.stringMatching(
          /^clusters\/corp\.json: \/modules\/cloudtrail\/send_to_s3: unknown key "send_to_s3"/,
        ),
        'clusters/corp.json: /modules/cloudwatch_events/cross_account/accounts/4444: key "4444" is not a valid name',
        'clusters/corp.json: /modules/cloudwatch_events/cross_account/organizations/o-aabbccddee/0: must be an AWS region such as "us-east-1", got "west"',
      ]),
    );
  });

  it('refuses a bucket name CloudTrail would refuse as the trail name, by place', async () => {
    expect(
      await problemsOf((c) => {
        corpOf(c).modules.cloudtrail = { s3_bucket_name: 'acme--corp-trail' };
      }),
    ).toContain(
      'clusters/corp.json: /modules/cloudtrail/s3_bucket_name: also names the trail (as in StreamAlert 3), and CloudTrail refuses two of ".", "_", "-" in a row',
    );
  });

  it('refuses a pattern given twice, a bare pattern value and a rule without a stream, by place', async () => {
    expect(
      await problemsOf((c) => {
        corpOf(c).modules.cloudtrail.event_pattern = { source: ['aws.s3'] };
      }),
    ).toContain(
      'clusters/corp.json: /modules/cloudtrail/event_pattern: the rule has one pattern, and cloudwatch_events gives it (its default when it names none): write it there only',
    );
    expect(
      await problemsOf((c) => {
        corpOf(c).modules.cloudwatch_events.event_pattern = { source: 'aws.ec2' };
      }),
    ).toContain(
      'clusters/corp.json: /modules/cloudwatch_events/event_pattern/source: must be an array of values to match (e.g. ["aws.ec2"]) or an object of such arrays: EventBridge refuses a bare value in an event pattern',
    );
    const noStream = await problemsOf((c) => {
      const m = corpOf(c).modules;
      delete m.cloudtrail;
      delete m.kinesis;
      delete m.s3_events;
      corpOf(c).data_sources = { sns: { acme_corp_alerts_topic: ['websrv'] } };
    });
    expect(noStream).toContain(
      'clusters/corp.json: /modules/cloudwatch_events: needs the "kinesis" module: it sends its data into the cluster\'s Kinesis stream',
    );
  });
});

describe('outputs.json aws-lambda-v2 with the role it assumes', () => {
  it('keeps a role named in outputs.json on the target, the secret where the form says', async () => {
    const conf = path.join(
      writeSa3Repo((c) => {
        c['outputs.json'] = {
          ...(c['outputs.json'] as object),
          'aws-lambda-v2': {
            'notify-v2': { assume_role_arn: 'arn:aws:iam::444455556666:role/streamalert-invoker' },
            local: { secretsmanager_secret: 'team/lambda-v2' },
          },
        };
      }),
      'conf',
    );
    const config = await loadConfig(conf);
    expect(config.alertOutputs.get('aws-lambda-v2:notify-v2')).toEqual({
      service: 'aws-lambda-v2',
      descriptor: 'notify-v2',
      secret: { ssmParameter: '/streamalert/outputs/aws-lambda-v2/notify-v2' },
      assumeRoleArn: 'arn:aws:iam::444455556666:role/streamalert-invoker',
    });
    expect(config.alertOutputs.get('aws-lambda-v2:local')).toEqual({
      service: 'aws-lambda-v2',
      descriptor: 'local',
      secret: { secretsManagerSecret: 'team/lambda-v2' },
    });
  });

  it('refuses a role that is not a role ARN, or two secrets, naming the place', async () => {
    const problems = await problemsOf((c) => {
      c['outputs.json'] = {
        ...(c['outputs.json'] as object),
        'aws-lambda-v2': {
          'notify-v2': { assume_role_arn: 'arn:aws:iam::444455556666:user/alice' },
          both: { ssm_parameter: '/a', secretsmanager_secret: 'b' },
        },
      };
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'outputs.json: /aws-lambda-v2/notify-v2/assume_role_arn: must be an IAM role ARN such as "arn:aws:iam::123456789012:role/invoker", got "arn:aws:iam::444455556666:user/alice"',
        expect.stringMatching(
          /^outputs\.json: \/aws-lambda-v2\/both: must name at most one of ssm_parameter or secretsmanager_secret/,
        ),
      ]),
    );
  });
});
