/**
 * `streamalert test` runs Sigma rules with their fixtures like any rule: through the rule
 * sandbox and the real classifier, the rules found in sub-folders, a fixture that expects
 * the wrong thing failing with the rule's name. Rules and records written for this test.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testCommand } from '../../src/commands/test.js';
import { processorBundles, REPO_ROOT } from '../support/processor-bundles.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-sigma-fixtures-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const ACCESS_KEY_RULE = `title: Access key created for another user
id: 9a8b7c6d-1234-4abc-9def-0123456789ab
level: medium
tags:
  - attack.persistence
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName: CreateAccessKey
  self:
    requestParameters.userName|fieldref: userIdentity.userName
  condition: selection and not self
`;

const CONSOLE_RULE = `title: Console sign-in from outside the office
level: low
logsource:
  product: aws
  service: cloudtrail
detection:
  login:
    eventName: ConsoleLogin
  office:
    sourceIPAddress|cidr: 203.0.113.0/24
  condition: login and not office
`;

function event(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'IAMUser',
      userName: 'alice',
      arn: 'arn:aws:iam::111122223333:user/alice',
    },
    eventTime: '2026-02-01T09:00:00Z',
    eventSource: 'iam.amazonaws.com',
    eventName: 'CreateAccessKey',
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    requestID: 'req-1',
    eventID: 'evt-1',
    eventType: 'AwsApiCall',
    ...fields,
  };
}

const record = (description: string, data: Record<string, unknown>, fires: string[]) => ({
  description,
  service: 's3',
  source: 'acme.production.cloudtrail',
  data: { Records: [data] },
  log: 'cloudtrail:events',
  trigger_rules: fires,
});

function repository(fixtures: unknown[]): { conf: string; rules: string; fixtures: string } {
  const root = mkdtempSync(path.join(temp, 'repo-'));
  cpSync(path.join(REPO_ROOT, 'examples', 'production', 'conf'), path.join(root, 'conf'), {
    recursive: true,
  });
  const rules = path.join(root, 'rules');
  mkdirSync(path.join(rules, 'sigma', 'aws'), { recursive: true });
  writeFileSync(
    path.join(rules, 'sigma', 'aws', 'iam_access_key_for_other_user.yml'),
    ACCESS_KEY_RULE,
  );
  writeFileSync(path.join(rules, 'sigma', 'console_login_outside_office.yaml'), CONSOLE_RULE);
  const dir = path.join(root, 'tests', 'rules');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'sigma.json'), JSON.stringify({ records: fixtures }, null, 2));
  return { conf: path.join(root, 'conf'), rules, fixtures: dir };
}

describe('streamalert test with Sigma rules', () => {
  it('runs Sigma rules in sub-folders against their fixtures', async () => {
    const repo = repository([
      record('alice creates a key for bob', event({ requestParameters: { userName: 'bob' } }), [
        'iam_access_key_for_other_user',
      ]),
      record('alice creates her own key', event({ requestParameters: { userName: 'Alice' } }), []),
      record(
        'console sign-in from home',
        event({ eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin' }),
        ['console_login_outside_office'],
      ),
      record(
        'console sign-in from the office',
        event({
          eventSource: 'signin.amazonaws.com',
          eventName: 'ConsoleLogin',
          sourceIPAddress: '203.0.113.40',
        }),
        [],
      ),
    ]);
    const result = await testCommand({
      configDir: repo.conf,
      rulesDir: repo.rules,
      fixturesDir: repo.fixtures,
      bundlesDir: processorBundles(),
    });
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.summary.results.map((r) => [r.fixture.description, r.fired])).toEqual([
      ['alice creates a key for bob', ['iam_access_key_for_other_user']],
      ['alice creates her own key', []],
      ['console sign-in from home', ['console_login_outside_office']],
      ['console sign-in from the office', []],
    ]);
    expect(result.summary.untestedRules).toEqual([]);
    expect(result.ok).toBe(true);
  }, 300_000);

  it('runs a correlation rule over timed fixtures: per user, within the timespan, late ones too', async () => {
    const repo = repository([]);
    writeFileSync(
      path.join(repo.rules, 'sigma', 'mr_console_outside_office_burst.yml'),
      `title: Repeated console sign-ins from outside the office
level: high
correlation:
  type: event_count
  rules:
    - console_login_outside_office
  group-by:
    - userIdentity.userName
  timespan: 10m
  condition:
    gte: 3
`,
    );
    const login = (user: string, fields: Record<string, unknown> = {}) =>
      event({
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        userIdentity: { type: 'IAMUser', userName: user },
        ...fields,
      });
    const timed = (
      description: string,
      data: Record<string, unknown>,
      at: string,
      fires: string[],
    ) => ({
      ...record(description, data, fires),
      time: `2026-02-01T${at}:00Z`,
    });
    writeFileSync(
      path.join(repo.fixtures, 'burst.json'),
      JSON.stringify({
        records: [
          timed('alice from home', login('alice'), '09:00', []),
          timed('alice again', login('alice'), '09:04', []),
          timed('bob once', login('bob'), '09:05', []),
          timed('alice long after', login('alice'), '09:30', []),
          timed('alice, late and out of order', login('alice'), '09:26', []),
          // No `time`: the record's own eventTime counts.
          record('alice a third time', login('alice', { eventTime: '2026-02-01T09:28:00Z' }), [
            'mr_console_outside_office_burst',
          ]),
          timed('alice once more: the burst already alerted', login('alice'), '09:29', []),
          timed(
            'a key for bob is still its own alert',
            event({ requestParameters: { userName: 'bob' } }),
            '09:29',
            ['iam_access_key_for_other_user'],
          ),
        ],
      }),
    );
    const result = await testCommand({
      configDir: repo.conf,
      rulesDir: repo.rules,
      fixturesDir: repo.fixtures,
      bundlesDir: processorBundles(),
    });
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.summary.untestedRules).toEqual([]);
    expect(result.ok).toBe(true);

    // The same records with the burst spread out: the fixture expecting the alert fails.
    const spread = JSON.parse(readFileSync(path.join(repo.fixtures, 'burst.json'), 'utf8'));
    spread.records[4].time = '2026-02-01T09:10:00Z';
    writeFileSync(path.join(repo.fixtures, 'burst.json'), JSON.stringify(spread));
    const failed = await testCommand({
      configDir: repo.conf,
      rulesDir: repo.rules,
      fixturesDir: repo.fixtures,
      bundlesDir: processorBundles(),
    });
    expect(failed.ok).toBe(false);
    expect(
      failed.summary.results
        .filter((r) => !r.passed)
        .map((r) => [r.fixture.description, r.problems]),
    ).toEqual([
      ['alice a third time', ['expected to fire but did not: mr_console_outside_office_burst']],
      // Three within ten minutes now only with this one.
      [
        'alice once more: the burst already alerted',
        ['fired but not expected: mr_console_outside_office_burst'],
      ],
    ]);
  }, 300_000);

  it('runs an absence correlation: fires at the first record past the deadline, not when in time', async () => {
    const repo = repository([]);
    const iam = (name: string) => `title: ${name}
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: iam.amazonaws.com
    eventName: ${name}
  condition: selection
`;
    writeFileSync(path.join(repo.rules, 'sigma', 'aws', 'iam_user_created.yml'), iam('CreateUser'));
    writeFileSync(
      path.join(repo.rules, 'sigma', 'aws', 'iam_mfa_enabled.yml'),
      iam('EnableMFADevice'),
    );
    writeFileSync(
      path.join(repo.rules, 'sigma', 'mr_user_without_mfa.yml'),
      `title: IAM user without MFA ten minutes after creation
level: medium
correlation:
  type: absence
  after: iam_user_created
  rules:
    - iam_mfa_enabled
  group-by:
    - requestParameters.userName
  timespan: 10m
`,
    );
    const at = (hhmm: string) => `2026-02-01T${hhmm}:00Z`;
    const iamEvent = (eventName: string, user: string, hhmm: string, fires: string[]) => ({
      ...record(
        `${eventName} ${user} at ${hhmm}`,
        event({ eventName, requestParameters: { userName: user } }),
        fires,
      ),
      time: at(hhmm),
    });
    const fixtures = [
      iamEvent('CreateUser', 'carol', '09:00', []),
      iamEvent('CreateUser', 'dave', '09:02', []),
      iamEvent('EnableMFADevice', 'carol', '09:05', []),
      // Dave's deadline (09:12) passed at this record's time: the alert comes with it.
      {
        ...record('a key for bob at 09:13', event({ requestParameters: { userName: 'bob' } }), [
          'iam_access_key_for_other_user',
          'mr_user_without_mfa',
        ]),
        time: at('09:13'),
      },
      iamEvent('EnableMFADevice', 'dave', '09:20', []),
      iamEvent('CreateUser', 'erin', '09:30', []),
      // At the deadline itself: in time.
      iamEvent('EnableMFADevice', 'erin', '09:40', []),
      iamEvent('CreateAccessKey', 'erin', '09:55', ['iam_access_key_for_other_user']),
    ];
    writeFileSync(path.join(repo.fixtures, 'mfa.json'), JSON.stringify({ records: fixtures }));
    const run = () =>
      testCommand({
        configDir: repo.conf,
        rulesDir: repo.rules,
        fixturesDir: repo.fixtures,
        bundlesDir: processorBundles(),
      });
    const result = await run();
    expect(
      result.summary.results
        .filter((r) => !r.passed)
        .map((r) => `${r.fixture.description}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    expect(result.ok).toBe(true);

    // Carol's MFA a minute late: her wait alerts at that very record, the MFA not counted.
    fixtures[2] = iamEvent('EnableMFADevice', 'carol', '09:11', []);
    writeFileSync(path.join(repo.fixtures, 'mfa.json'), JSON.stringify({ records: fixtures }));
    const late = await run();
    expect(
      late.summary.results.filter((r) => !r.passed).map((r) => [r.fixture.description, r.problems]),
    ).toEqual([
      ['EnableMFADevice carol at 09:11', ['fired but not expected: mr_user_without_mfa']],
    ]);
  }, 300_000);

  it('fails a fixture whose expectation the Sigma rule does not meet', async () => {
    const repo = repository([
      record(
        'expects an alert for her own key',
        event({ requestParameters: { userName: 'alice' } }),
        ['iam_access_key_for_other_user'],
      ),
    ]);
    const result = await testCommand({
      configDir: repo.conf,
      rulesDir: repo.rules,
      fixturesDir: repo.fixtures,
      bundlesDir: processorBundles(),
    });
    expect(result.ok).toBe(false);
    expect(result.summary.results).toHaveLength(1);
    expect(result.summary.results[0]!.passed).toBe(false);
    expect(result.text).toContain('iam_access_key_for_other_user');
  }, 300_000);

  it('refuses to run when a Sigma rule does not compile, naming file and line', async () => {
    const repo = repository([]);
    writeFileSync(
      path.join(repo.rules, 'broken.yml'),
      CONSOLE_RULE.replace('sourceIPAddress|cidr', 'sourceIPAddress|subnet'),
    );
    await expect(
      testCommand({
        configDir: repo.conf,
        rulesDir: repo.rules,
        fixturesDir: repo.fixtures,
        bundlesDir: processorBundles(),
      }),
    ).rejects.toThrow(
      `${path.join(repo.rules, 'broken.yml')}: line 10, column 5: sourceIPAddress: unsupported modifier "subnet"`,
    );
  }, 300_000);
});
