/**
 * Jira: the local server plays Jira's REST API: the cookie session login
 * (/rest/auth/1/session) or basic auth, JQL search, issue creation with its required
 * fields, and comments; errors in Jira's shape ({"errorMessages": [...], "errors": {...}}).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  alertFor,
  basic,
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

const PASSWORD = 'jira-Passw0rd-secret';
const API_TOKEN = 'ATATT3xFfGF0-api-token';
const SESSION = 'SESSION0123456789ABCDEF';

const createSchema = {
  type: 'object',
  required: ['fields'],
  properties: {
    fields: {
      type: 'object',
      required: ['project', 'summary', 'issuetype', 'customfield_10010'],
      properties: {
        project: { type: 'object', required: ['key'], properties: { key: { const: 'SEC' } } },
        summary: { type: 'string', minLength: 1, maxLength: 255 },
        description: { type: 'string' },
        issuetype: { type: 'object', required: ['name'], properties: { name: { const: 'Task' } } },
      },
    },
  },
};

let env: Env;
let jira: FakeService;
/** Issues in the project: id, summary, whether done. */
let issues: { id: string; key: string; summary: string; done: boolean }[] = [];
let comments: { issue: string; body: string }[] = [];

const jiraError = (
  status: number,
  errorMessages: string[],
  errors: Record<string, string> = {},
): Reply => ({
  status,
  body: { errorMessages, errors },
});

function api(req: Seen): Reply {
  if (req.method === 'POST' && req.path === '/rest/auth/1/session') {
    const b = req.body as { username?: string; password?: string };
    if (b?.username !== 'streamalert' || b.password !== PASSWORD)
      return {
        ...jiraError(401, ['Login failed']),
        headers: { 'x-seraph-loginreason': 'AUTHENTICATED_FAILED' },
      };
    return {
      status: 200,
      body: { session: { name: 'JSESSIONID', value: SESSION }, loginInfo: { loginCount: 1 } },
    };
  }
  const authed =
    req.headers.cookie === `JSESSIONID=${SESSION}` ||
    req.headers.authorization === basic('secops@acme.example', API_TOKEN);
  if (!authed)
    return jiraError(401, [
      'You are not authenticated. Authentication required to perform this operation.',
    ]);
  if (req.method === 'GET' && req.path === '/rest/api/2/search') {
    // Enough JQL for the aggregation query: summary text, project, open issues only.
    const jql = req.query.jql ?? '';
    const summary = /summary ~ "([^"]*)"/.exec(jql)?.[1];
    const open = jql.includes('statusCategory != Done');
    const found = issues.filter((i) => i.summary === summary && (!open || !i.done));
    return {
      status: 200,
      body: {
        startAt: 0,
        maxResults: 1,
        total: found.length,
        issues: found
          .slice(0, 1)
          .map((i) => ({ id: i.id, key: i.key, fields: { summary: i.summary } })),
      },
    };
  }
  if (req.method === 'POST' && req.path === '/rest/api/2/issue') {
    const problems = schemaProblems(createSchema, req.body);
    if (problems) {
      const missingTeam = !(req.body as { fields?: Record<string, unknown> })?.fields
        ?.customfield_10010;
      return jiraError(
        400,
        [],
        missingTeam ? { customfield_10010: 'Team is required.' } : { fields: problems },
      );
    }
    const id = String(10000 + issues.length + 1);
    const summary = (req.body as { fields: { summary: string } }).fields.summary;
    issues.push({ id, key: `SEC-${issues.length + 1}`, summary, done: false });
    return {
      status: 201,
      body: { id, key: `SEC-${issues.length}`, self: `${jira.base}/rest/api/2/issue/${id}` },
    };
  }
  const m = /^\/rest\/api\/2\/issue\/(\d+)\/comment$/.exec(req.path);
  if (req.method === 'POST' && m) {
    if (!issues.some((i) => i.id === m[1])) return jiraError(404, ['Issue Does Not Exist']);
    const body = (req.body as { body?: unknown })?.body;
    if (typeof body !== 'string' || !body)
      return jiraError(400, [], { comment: 'Comment body can not be empty!' });
    comments.push({ issue: m[1]!, body });
    return { status: 201, body: { id: String(20000 + comments.length), body } };
  }
  return jiraError(404, ['Not found']);
}

const OUTPUTS = { jira: ['sec', 'sec-aggregate', 'cloud', 'no-team', 'bad-password'] };

beforeAll(async () => {
  env = await startEnv();
  jira = await startService(api);
  const common = {
    url: `${jira.base}/`,
    username: 'streamalert',
    password: PASSWORD,
    project_key: 'SEC',
    issue_type: 'Task',
    aggregate: 'no',
    ssl_verify: 'yes',
    additional_required_issue_fields: '{"customfield_10010": {"value": "SecOps"}}',
  };
  await env.putCredential('jira', 'sec', common);
  await env.putCredential('jira', 'sec-aggregate', {
    ...common,
    aggregate: 'yes',
    aggregation_additional_jql: 'created > startOfWeek(-1w)',
  });
  await env.putCredential('jira', 'cloud', {
    ...common,
    auth: 'basic',
    username: 'secops@acme.example',
    password: API_TOKEN,
  });
  await env.putCredential('jira', 'no-team', { ...common, additional_required_issue_fields: '' });
  await env.putCredential('jira', 'bad-password', { ...common, password: 'wrong-password' });
}, 120_000);

afterAll(async () => {
  await jira?.close();
  await env?.stop();
});

beforeEach(() => {
  jira.seen = [];
  issues = [];
  comments = [];
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

describe('jira', () => {
  it('logs in for a session cookie and creates an issue with the alert as a JSON code block and the required fields', async () => {
    const alert = alertFor(['jira:sec'], { jira: { severity: 'high' } });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([['jira:sec', true, 1]]);
    expect(jira.seen.map((s) => [s.method, s.path, s.headers.cookie])).toEqual([
      ['POST', '/rest/auth/1/session', undefined],
      ['POST', '/rest/api/2/issue', `JSESSIONID=${SESSION}`],
    ]);
    const fields = (jira.seen[1]!.body as { fields: Record<string, unknown> }).fields;
    expect(fields.project).toEqual({ key: 'SEC' });
    expect(fields.summary).toBe('StreamAlert cloudtrail_root_account_use');
    expect(fields.issuetype).toEqual({ name: 'Task' });
    expect(fields.customfield_10010).toEqual({ value: 'SecOps' });
    const description = fields.description as string;
    expect(description.startsWith('{code:JSON}{\n') && description.endsWith('}{code}')).toBe(true);
    expect(JSON.parse(description.slice('{code:JSON}'.length, -'{code}'.length))).toEqual(alert);
    env.expectNotLogged([PASSWORD, SESSION]);
  });

  it('aggregates: comments on the open issue of the rule instead of opening another', async () => {
    issues = [
      { id: '10001', key: 'SEC-1', summary: 'StreamAlert cloudtrail_root_account_use', done: true },
      {
        id: '10002',
        key: 'SEC-2',
        summary: 'StreamAlert cloudtrail_root_account_use',
        done: false,
      },
    ];
    const alert = alertFor(['jira:sec-aggregate']);
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 1]]);
    expect(jira.seen.map((s) => [s.method, s.path])).toEqual([
      ['POST', '/rest/auth/1/session'],
      ['GET', '/rest/api/2/search'],
      ['POST', '/rest/api/2/issue/10002/comment'],
    ]);
    expect(jira.seen[1]!.query).toEqual({
      jql: 'summary ~ "StreamAlert cloudtrail_root_account_use" AND project = "SEC" AND statusCategory != Done AND (created > startOfWeek(-1w)) ORDER BY created DESC',
      maxResults: '1',
      fields: 'id,summary',
    });
    expect(comments).toHaveLength(1);
    expect(JSON.parse(comments[0]!.body.slice('{code:JSON}'.length, -'{code}'.length))).toEqual(
      alert,
    );
    expect(issues).toHaveLength(2);
  });

  it('aggregates: opens an issue when the rule has no open one', async () => {
    issues = [
      { id: '10001', key: 'SEC-1', summary: 'StreamAlert cloudtrail_root_account_use', done: true },
    ];
    await env.processor(OUTPUTS).handle(snsEvent(alertFor(['jira:sec-aggregate'])), FUNCTION_ARN);
    expect(jira.seen.map((s) => [s.method, s.path])).toEqual([
      ['POST', '/rest/auth/1/session'],
      ['GET', '/rest/api/2/search'],
      ['POST', '/rest/api/2/issue'],
    ]);
    expect(issues.map((i) => i.key)).toEqual(['SEC-1', 'SEC-2']);
  });

  it('authenticates with basic auth (Jira Cloud API token) and no login call', async () => {
    await env.processor(OUTPUTS).handle(snsEvent(alertFor(['jira:cloud'])), FUNCTION_ARN);
    expect(jira.seen.map((s) => [s.method, s.path, s.headers.authorization])).toEqual([
      ['POST', '/rest/api/2/issue', basic('secops@acme.example', API_TOKEN)],
    ]);
    env.expectNotLogged([
      API_TOKEN,
      Buffer.from(`secops@acme.example:${API_TOKEN}`).toString('base64'),
    ]);
  });

  it("reports Jira's field errors and a failed login once each, without retrying or quoting the password", async () => {
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['jira:no-team', 'jira:bad-password'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts, d.error])).toEqual([
      ['jira:no-team', false, 1, 'issue create: HTTP 400 (customfield_10010: Team is required.)'],
      ['jira:bad-password', false, 1, 'login: HTTP 401 (Login failed)'],
    ]);
    env.expectNotLogged([PASSWORD, 'wrong-password']);
  });
});
