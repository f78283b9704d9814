/**
 * Issue 8, item 4: what Terraform or AWS would refuse, `validate` refuses first, one line
 * per problem with file and pointer.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { s3BucketNameProblem } from '../../src/config/aws-limits.js';
import { seedCluster, seedGlobal, writeConf } from '../support/conf.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function problemsOf(
  global: unknown,
  clusters: Record<string, unknown>,
  files: Record<string, unknown> = {},
): Promise<string[]> {
  const conf = writeConf(global, clusters, undefined, files);
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

async function accepted(
  global: unknown,
  clusters: Record<string, unknown>,
  files: Record<string, unknown> = {},
): Promise<void> {
  await loadConfig(writeConf(global, clusters, undefined, files));
}

function cluster(mutate: (c: Json) => void): Json {
  const c = seedCluster() as Json;
  mutate(c);
  return c;
}

function global(mutate: (g: Json) => void): Json {
  const g = seedGlobal() as Json;
  mutate(g);
  return g;
}

describe('S3 bucket names', () => {
  it.each([
    ['a..b', 'must not hold two dots in a row'],
    ['192.168.1.10', 'must not look like an IP address'],
    ['xn--bucket', 'starts with a prefix AWS reserves (xn--, sthree-, amzn-s3-demo-)'],
    ['sthree-bucket', 'starts with a prefix AWS reserves (xn--, sthree-, amzn-s3-demo-)'],
    [
      'bucket-s3alias',
      'ends with a suffix AWS reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
    ],
    [
      'bucket--ol-s3',
      'ends with a suffix AWS reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
    ],
  ])('refuses %s wherever a bucket is named', async (name, reason) => {
    expect(
      await problemsOf(
        global((g) => (g.terraform.tfstate_bucket = name)),
        {
          production: cluster((c) => {
            c.modules.s3_events = [{ s3_bucket_id: 'acme.ok' }, { s3_bucket_id: name }];
            c.modules.stream_alert.alert_processor.outputs = { 'aws-s3': [name] };
          }),
        },
        { 'outputs.json': { 'aws-s3': { archive: name } } },
      ),
    ).toEqual([
      `global.json: /terraform/tfstate_bucket: S3 bucket name "${name}" ${reason}`,
      `clusters/production.json: /modules/s3_events/1/s3_bucket_id: S3 bucket name "${name}" ${reason}`,
      `clusters/production.json: /modules/stream_alert/alert_processor/outputs/aws-s3/0: S3 bucket name "${name}" ${reason}`,
      `outputs.json: /aws-s3/archive: S3 bucket name "${name}" ${reason}`,
    ]);
  });

  it('refuses a single s3_events bucket at its pointer', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster((c) => (c.modules.s3_events = { s3_bucket_id: 'a..b' })),
      }),
    ).toEqual([
      'clusters/production.json: /modules/s3_events/s3_bucket_id: S3 bucket name "a..b" must not hold two dots in a row',
    ]);
  });

  it('refuses a Firehose suffix that makes a bad derived bucket name', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster((c) => (c.modules.kinesis.firehose.s3_bucket_suffix = 'results..x')),
      }),
    ).toEqual([
      'clusters/production.json: /modules/kinesis/firehose/s3_bucket_suffix: must be lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, without ".." (it ends the bucket name), got "results..x"',
    ]);
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster((c) => (c.modules.kinesis.firehose.s3_bucket_suffix = 'x-s3alias')),
      }),
    ).toEqual([
      'clusters/production.json: /modules/kinesis/firehose/s3_bucket_suffix: makes the Firehose bucket name "acme.production.x-s3alias", which AWS refuses: it ends with a suffix AWS reserves (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
    ]);
  });

  it('names the length of a too long bucket, and accepts good names', () => {
    expect(s3BucketNameProblem('a'.repeat(64))).toBe('is 64 characters (a bucket name has 3-63)');
    for (const ok of ['acme.streamalert.terraform.state', 'abc', 'a-b.c-d', '1.2.3.4.5'])
      expect(s3BucketNameProblem(ok)).toBeUndefined();
  });
});

describe('cluster ids', () => {
  it.each(['prod_', 'prod__eu', 'prod-eu'])(
    'refuses %s (it would make ".." or a bad name)',
    async (id) => {
      const problems = await problemsOf(seedGlobal(), { [id]: cluster((c) => (c.id = id)) });
      expect(problems).toEqual([
        `clusters/${id}.json: /id: must start with a lowercase letter and hold only lowercase letters, digits and single _ between them (at most 23; no trailing or double _: the id is part of S3 bucket names, with dots for underscores), got "${id}"`,
      ]);
    },
  );

  it('accepts single underscores', async () => {
    await accepted(seedGlobal(), { prod_eu_1: cluster((c) => (c.id = 'prod_eu_1')) });
  });
});

describe('lengths AWS caps', () => {
  it('refuses s3_events filters over 1,024 characters', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster(
          (c) =>
            (c.modules.s3_events = {
              s3_bucket_id: 'acme.in',
              filter_prefix: 'p'.repeat(1025),
              filter_suffix: 's'.repeat(1025),
            }),
        ),
      }),
    ).toEqual([
      'clusters/production.json: /modules/s3_events/filter_prefix: must be at most 1024 characters, got 1025',
      'clusters/production.json: /modules/s3_events/filter_suffix: must be at most 1024 characters, got 1025',
    ]);
    await accepted(seedGlobal(), {
      production: cluster(
        (c) => (c.modules.s3_events = { s3_bucket_id: 'acme.in', filter_prefix: 'p'.repeat(1024) }),
      ),
    });
  });

  it('refuses a CloudTrail event pattern over 4,096 characters and bare values in it', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster(
          (c) =>
            (c.modules.cloudtrail = {
              enabled: true,
              event_pattern: {
                source: ['aws.ec2'],
                detail: { eventName: Array.from({ length: 400 }, (_, i) => `Event${i}`) },
              },
            }),
        ),
      }),
    ).toEqual([
      expect.stringMatching(
        /^clusters\/production\.json: \/modules\/cloudtrail\/event_pattern: is \d{4} characters as JSON; EventBridge takes event patterns of at most 4096$/,
      ),
    ]);
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster(
          (c) =>
            (c.modules.cloudtrail = {
              enabled: true,
              event_pattern: { source: ['aws.ec2'], detail: { eventName: 'RunInstances' } },
            }),
        ),
      }),
    ).toEqual([
      'clusters/production.json: /modules/cloudtrail/event_pattern/detail/eventName: must be an array of values to match (e.g. ["aws.ec2"]) or an object of such arrays: EventBridge refuses a bare value in an event pattern',
    ]);
  });

  it('refuses a tfstate_s3_key or prefix with an empty, "." or ".." folder', async () => {
    for (const key of ['/x', 'a//b', 'a/', 'a/../b', './x']) {
      const problems = await problemsOf(
        global((g) => (g.terraform.tfstate_s3_key = key)),
        { production: seedCluster() },
      );
      expect(problems, key).toEqual([
        expect.stringMatching(
          /^global\.json: \/terraform\/tfstate_s3_key: must be an S3 key such as "stream_alert_state\/terraform\.tfstate" .*, got "/,
        ),
      ]);
      const prefixProblems = await problemsOf(
        global((g) => (g.terraform.tfstate_s3_key_prefix = key)),
        { production: seedCluster() },
      );
      expect(prefixProblems, key).toEqual([
        expect.stringMatching(
          /^global\.json: \/terraform\/tfstate_s3_key_prefix: must be an S3 key folder/,
        ),
      ]);
    }
    await accepted(
      global((g) => (g.terraform.tfstate_s3_key = 'a.b/c/terraform.tfstate')),
      { production: seedCluster() },
    );
  });
});

describe('outputs.json names', () => {
  it.each([
    ['a NUL', 'fn\u0000x'],
    ['an interpolation', '${file("/etc/passwd")}'],
    ['a space', 'my function'],
    ['a 65-character name', 'f'.repeat(65)],
    ['a bad qualifier', 'fn:$PROD'],
    ['a non-Lambda ARN', 'arn:aws:sqs:us-east-1:123456789012:function:x'],
  ])('refuses a Lambda function with %s', async (_what, name) => {
    const problems = await problemsOf(
      seedGlobal(),
      { production: seedCluster() },
      { 'outputs.json': { 'aws-lambda': { fn: name } } },
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^outputs\.json: \/aws-lambda\/fn: must be a Lambda function name \(1-64 letters, digits, _ and -\), optionally with ":<version or alias>", or a function ARN, got "/,
    );
    // eslint-disable-next-line no-control-regex -- what must not appear
    expect(problems[0]).not.toMatch(/[\u0000-\u001f]/);
  });

  it('accepts names, qualifiers and ARNs', async () => {
    await accepted(
      seedGlobal(),
      { production: seedCluster() },
      {
        'outputs.json': {
          'aws-lambda': {
            a: 'fn',
            b: 'fn:$LATEST',
            c: 'fn:prod',
            d: 'arn:aws:lambda:us-east-1:123456789012:function:fn:7',
            e: 'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn',
          },
        },
      },
    );
  });

  it('refuses the same in a cluster file', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster(
          (c) => (c.modules.stream_alert.alert_processor.outputs = { 'aws-lambda': ['${x}'] }),
        ),
      }),
    ).toEqual([
      'clusters/production.json: /modules/stream_alert/alert_processor/outputs/aws-lambda/0: must be a Lambda function name (1-64 letters, digits, _ and -), optionally with ":<version or alias>", or a function ARN, got "${x}"',
    ]);
  });

  it('refuses SSM parameter names AWS refuses', async () => {
    const cases: [string, string][] = [
      ['/' + 'a'.repeat(100_000), 'must be at most 1011 characters, got 100001'],
      ['/aws/reserved', 'must be an SSM parameter name'],
      ['SSM_thing', 'must be an SSM parameter name'],
      ['/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p', 'must be an SSM parameter name'],
      ['/a//b', 'must be an SSM parameter name'],
    ];
    for (const [name, part] of cases) {
      const problems = await problemsOf(
        seedGlobal(),
        { production: seedCluster() },
        { 'outputs.json': { slack: { team: { ssm_parameter: name } } } },
      );
      expect(problems, name.slice(0, 40)).toHaveLength(1);
      expect(problems[0]).toContain(`outputs.json: /slack/team/ssm_parameter: ${part}`);
      expect(problems[0]!.length).toBeLessThan(1000);
    }
    await accepted(
      seedGlobal(),
      { production: seedCluster() },
      { 'outputs.json': { slack: { team: { ssm_parameter: '/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o' } } } },
    );
  });

  it('refuses Secrets Manager names over 512 characters', async () => {
    expect(
      await problemsOf(
        seedGlobal(),
        { production: seedCluster() },
        { 'outputs.json': { webhook: { hook: { secretsmanager_secret: 's'.repeat(513) } } } },
      ),
    ).toEqual([
      'outputs.json: /webhook/hook/secretsmanager_secret: must be at most 512 characters, got 513',
    ]);
  });
});

describe('numbers', () => {
  it('refuses a current_version written as a huge number, and a fractional one', async () => {
    const conf = writeConf(seedGlobal(), {
      production: JSON.stringify(seedCluster()).replace(
        '"current_version":"$LATEST"',
        '"current_version":1e400',
      ),
    });
    await expect(loadConfig(conf)).rejects.toThrow(
      'number 1e400 is too large (it would become Infinity)',
    );
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster((c) => (c.modules.stream_alert.rule_processor.current_version = 1.5)),
      }),
    ).toEqual([
      'clusters/production.json: /modules/stream_alert/rule_processor/current_version: must be string or integer, got number 1.5',
    ]);
  });

  it('refuses an alarm threshold that would round, and accepts an exact one', async () => {
    const alarm =
      '{"comparison_operator": "GreaterThanThreshold", "evaluation_periods": 1, "metric_name": "RuleProcessor-FailedParses-PRODUCTION", "period": 60, "statistic": "Sum", "threshold": THRESHOLD}';
    const text = (t: string) =>
      JSON.stringify(
        cluster((c) => (c.modules.stream_alert.rule_processor.enable_metrics = true)),
      ).replace(
        '"rule_processor":{',
        `"rule_processor":{"metric_alarms": {"x": ${alarm.replace('THRESHOLD', t)}},`,
      );
    await expect(
      loadConfig(writeConf(seedGlobal(), { production: text('9007199254740993') })),
    ).rejects.toThrow(
      'clusters/production.json: /modules/stream_alert/rule_processor/metric_alarms/x/threshold: number 9007199254740993 is beyond 9007199254740991',
    );
    await loadConfig(writeConf(seedGlobal(), { production: text('0.5') }));
  });
});

describe('S3 notification filters', () => {
  it('refuses control characters (the filter travels in XML)', async () => {
    expect(
      await problemsOf(seedGlobal(), {
        production: cluster(
          (c) =>
            (c.modules.s3_events = { s3_bucket_id: 'acme.in', filter_prefix: 'logs/\u0000x\n' }),
        ),
      }),
    ).toEqual([
      'clusters/production.json: /modules/s3_events/filter_prefix: must not hold control characters (S3 notification filters are sent as XML), got "logs/\\u0000x\\n"',
    ]);
    await accepted(seedGlobal(), {
      production: cluster(
        (c) => (c.modules.s3_events = { s3_bucket_id: 'acme.in', filter_prefix: 'logs/é ${x}/' }),
      ),
    });
  });
});
