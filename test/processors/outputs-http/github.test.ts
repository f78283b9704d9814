/**
 * GitHub output: the local server plays the REST API's issue creation
 * (POST /repos/{owner}/{repo}/issues): it checks the bearer token, the headers GitHub
 * requires and the body, and answers 201, or GitHub's error shapes (401 Bad credentials,
 * 422 Validation Failed, 403/429 rate limits with their headers, 5xx).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  alertFor,
  FUNCTION_ARN,
  schemaProblems,
  snsEvent,
  startEnv,
  startService,
  type Env,
  type FakeService,
  type Reply,
  type Seen,
} from './harness.js';

const TOKEN = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
const OUTPUTS = { github: ['security', 'wrong-token', 'bad-repo'] };

const issueSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 256 },
    body: { type: 'string', maxLength: 65536 },
    labels: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
};

let env: Env;
let gh: FakeService;
/** Replies the server gives before the normal one (rate limits, outages). */
let queued: Reply[] = [];

function github(req: Seen): Reply {
  if (req.headers.authorization !== `Bearer ${TOKEN}`)
    return {
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' },
    };
  if (!req.headers['user-agent'])
    return { status: 403, body: { message: 'Request forbidden by administrative rules.' } };
  if (req.method !== 'POST' || req.path !== '/repos/acme/security-alerts/issues')
    return { status: 404, body: { message: 'Not Found' } };
  const next = queued.shift();
  if (next) return next;
  const problems = schemaProblems(issueSchema, req.body);
  if (problems)
    return {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Issue', code: 'invalid', field: 'body', message: problems }],
      },
    };
  return {
    status: 201,
    body: {
      id: 1,
      number: 7,
      html_url: 'https://github.com/acme/security-alerts/issues/7',
      title: (req.body as { title: string }).title,
    },
  };
}

beforeAll(async () => {
  env = await startEnv();
  gh = await startService(github);
  const cred = { repository: 'acme/security-alerts', labels: 'streamalert,security', api: gh.base };
  await env.putCredential('github', 'security', {
    ...cred,
    username: 'acme-bot',
    access_token: TOKEN,
  });
  await env.putCredential('github', 'wrong-token', { ...cred, access_token: 'ghp_revoked' });
  await env.putCredential('github', 'bad-repo', {
    ...cred,
    repository: 'security-alerts',
    access_token: TOKEN,
  });
}, 120_000);

afterAll(async () => {
  await gh?.close();
  await env?.stop();
});

beforeEach(() => {
  gh.seen = [];
  queued = [];
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

describe('github', () => {
  it('creates an issue with the rule as title, description, record and context as body, and the labels', async () => {
    const alert = alertFor(['github:security'], { github: { team: 'secops' } });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['github:security', true, 1],
    ]);
    expect(gh.seen).toHaveLength(1);
    const [req] = gh.seen;
    expect([req!.method, req!.path, req!.headers.accept, req!.headers['content-type']]).toEqual([
      'POST',
      '/repos/acme/security-alerts/issues',
      'application/vnd.github+json',
      'application/json',
    ]);
    expect(req!.headers['x-github-api-version']).toBe('2022-11-28');
    const issue = req!.body as { title: string; body: string; labels: string[] };
    expect(issue.title).toBe('StreamAlert: cloudtrail_root_account_use');
    expect(issue.labels).toEqual(['streamalert', 'security']);
    // StreamAlert's body (description, then the record as JSON with sorted keys), then the context and where the alert came from.
    expect(issue.body).toBe(
      [
        '### Description\nThe AWS root account was used',
        '### Event data\n\n```\n{\n  "eventName": "ConsoleLogin",\n  "sourceIPAddress": "198.51.100.7",\n  "userIdentity": {\n    "arn": "arn:aws:iam::123456789012:root",\n    "type": "Root"\n  }\n}\n```',
        '### Context\n\n```\n{\n  "github": {\n    "team": "secops"\n  }\n}\n```',
        `Log cloudtrail:events from s3 acme.cloudtrail; alert ${alert.id}`,
      ].join('\n\n'),
    );
    env.expectNotLogged([TOKEN]);
  });

  it('waits the Retry-After of a 429, and retries a 5xx with backoff', async () => {
    queued = [
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: { message: 'You have exceeded a secondary rate limit.' },
      },
      { status: 502, body: { message: 'Server Error' } },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .handle(snsEvent(alertFor(['github:security'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 3]]);
    // 7 s as GitHub asked (more than the 100 ms backoff), then the 200 ms backoff.
    expect(env.sleeps).toEqual([7000, 200]);
    expect(gh.seen).toHaveLength(3);
    expect(new Set(gh.seen.map((s) => JSON.stringify(s.body))).size).toBe(1);
  });

  it('gives up at once on a primary rate limit that resets later than the processor waits', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    queued = [
      {
        status: 403,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: { message: 'API rate limit exceeded for user ID 1.' },
      },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['github:security'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[false, 1]]);
    expect(deliveries[0]!.error).toMatch(
      /^issue create: HTTP 403 \(API rate limit exceeded for user ID 1\., retry after (3599|3600)s\)$/,
    );
    expect(env.sleeps).toEqual([]);
  });

  it('does not retry a 4xx: bad credentials are reported once, without the token', async () => {
    const p = env.processor(OUTPUTS);
    const a = alertFor(['github:wrong-token', 'github:security']);
    const { deliveries } = await p.process(snsEvent(a), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts, d.error])).toEqual([
      ['github:wrong-token', false, 1, 'issue create: HTTP 401 (Bad credentials)'],
      ['github:security', true, 1, undefined],
    ]);
    await expect(p.handle(snsEvent(a), FUNCTION_ARN)).rejects.toThrow(
      '1 of 2 deliveries failed: github:wrong-token (issue create: HTTP 401 (Bad credentials))',
    );
    const failure = env.logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'alert not delivered');
    expect(failure).toMatchObject({ output: 'github:wrong-token', attempts: 1 });
    env.expectNotLogged([TOKEN, 'ghp_revoked']);
  });

  it('reports a 422 with what GitHub said was invalid', async () => {
    queued = [
      {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [{ resource: 'Label', code: 'invalid', field: 'name' }],
          documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
        },
      },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['github:security'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.attempts, d.error])).toEqual([
      [1, 'issue create: HTTP 422 (Validation Failed; name: invalid)'],
    ]);
  });

  it('refuses a credential whose repository is not owner/repo, before any request', async () => {
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['github:bad-repo'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.attempts, d.error])).toEqual([
      [
        1,
        'SSM parameter /streamalert/outputs/github/bad-repo: secret JSON "repository" must be "owner/repo"',
      ],
    ]);
    expect(gh.seen).toEqual([]);
  });
});
