/**
 * `streamalert test` runs Sigma rules with their fixtures like any rule: through the rule
 * sandbox and the real classifier, the rules found in sub-folders, a fixture that expects
 * the wrong thing failing with the rule's name. Rules and records written for this test.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
