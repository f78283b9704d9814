/**
 * Demisto (Cortex XSOAR) and Komand (InsightConnect): the local server plays Demisto's
 * POST /incident and a Komand workflow's API trigger, each checking its Authorization
 * token and body, and answering with their success and error shapes.
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

const DEMISTO_KEY = 'D3M1ST0APIKEY0123456789';
const KOMAND_TOKEN = '00000000-1111-2222-3333-444444444444';
const TRIGGER = '/v2/triggers/8d3f3b0e-1c1e-4e8a-9b7d-2f1d6f5c3a11/events';

const incidentSchema = {
  type: 'object',
  required: ['name', 'type', 'severity', 'labels'],
  additionalProperties: false,
  properties: {
    type: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    owner: { type: 'string' },
    severity: { enum: [0, 0.5, 1, 2, 3, 4] },
    labels: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'value'],
        additionalProperties: false,
        properties: { type: { type: 'string' }, value: { type: 'string' } },
      },
    },
    customFields: { type: 'object' },
    details: { type: 'string' },
    createInvestigation: { type: 'boolean' },
  },
};

let env: Env;
let svc: FakeService;
/**
 * Scripted replies, served only to requests carrying a valid credential: deliveries to
 * several outputs run concurrently, so a refused key's request may arrive first and must
 * not take the reply scripted for the good one.
 */
let queued: Reply[] = [];

function api(req: Seen): Reply {
  if (req.method === 'POST' && req.path === '/demisto/incident') {
    if (req.headers.authorization !== DEMISTO_KEY)
      return {
        status: 401,
        body: {
          id: 'forbidden',
          status: 401,
          title: 'Issue with API key',
          detail: 'Issue with API key',
          error: 'Issue with API key',
        },
      };
    const next = queued.shift();
    if (next) return next;
    const problems = schemaProblems(incidentSchema, req.body);
    if (problems)
      return {
        status: 400,
        body: { id: 'bad_request', status: 400, title: 'Bad request', detail: problems },
      };
    return { status: 201, body: { id: '42', name: (req.body as { name: string }).name } };
  }
  if (req.method === 'POST' && req.path === TRIGGER) {
    if (req.headers.authorization !== KOMAND_TOKEN)
      return { status: 401, body: { message: 'Unauthorized' } };
    const next = queued.shift();
    if (next) return next;
    if (!(req.body as { data?: unknown })?.data)
      return { status: 400, body: { message: 'data is required' } };
    return { status: 200, body: { job_id: '0d1c2b3a' } };
  }
  return { status: 404 };
}

beforeAll(async () => {
  env = await startEnv();
  svc = await startService(api);
  await env.putCredential('demisto', 'soc', { url: `${svc.base}/demisto`, token: DEMISTO_KEY });
  await env.putCredential('demisto', 'old-key', {
    url: `${svc.base}/demisto`,
    token: 'expired-key-000',
  });
  await env.putCredential('komand', 'triage', {
    url: `${svc.base}${TRIGGER}`,
    komand_auth_token: KOMAND_TOKEN,
  });
}, 120_000);

afterAll(async () => {
  await svc?.close();
  await env?.stop();
});

beforeEach(() => {
  svc.seen = [];
  queued = [];
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

const OUTPUTS = { demisto: ['soc', 'old-key'], komand: ['triage'] };

describe('demisto', () => {
  it('creates an incident that starts its investigation, with the alert flattened into labels', async () => {
    const alert = alertFor(['demisto:soc'], { demisto: { playbook: 'Root login' } });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 1]]);
    expect(svc.seen.map((s) => [s.method, s.path, s.headers['content-type']])).toEqual([
      ['POST', '/demisto/incident', 'application/json'],
    ]);
    const body = svc.seen[0]!.body as { labels: { type: string; value: string }[] } & Record<
      string,
      unknown
    >;
    expect({ ...body, labels: undefined }).toEqual({
      type: 'Unclassified',
      name: 'cloudtrail_root_account_use',
      owner: 'StreamAlert',
      severity: 0,
      labels: undefined,
      customFields: {},
      details: 'The AWS root account was used',
      createInvestigation: true,
    });
    expect(body.labels).toEqual(
      expect.arrayContaining([
        { type: 'context.demisto.playbook', value: 'Root login' },
        { type: 'record.userIdentity.type', value: 'Root' },
        { type: 'record.sourceIPAddress', value: '198.51.100.7' },
        { type: 'rule_description', value: 'The AWS root account was used' },
        { type: 'id', value: alert.id },
      ]),
    );
    // Sorted by label name, as StreamAlert sent them.
    expect(body.labels.map((l) => l.type)).toEqual([...body.labels.map((l) => l.type)].sort());
    env.expectNotLogged([DEMISTO_KEY]);
  });

  it("retries a 5xx, and reports a refused key once with Demisto's words", async () => {
    queued = [
      { status: 503, body: { id: 'unavailable', status: 503, title: 'Server is starting' } },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['demisto:soc', 'demisto:old-key'])), FUNCTION_ARN);
    const byOutput = Object.fromEntries(
      deliveries.map((d) => [d.output, [d.ok, d.attempts, d.error]]),
    );
    expect(byOutput).toEqual({
      'demisto:soc': [true, 2, undefined],
      'demisto:old-key': [false, 1, 'incident create: HTTP 401 (Issue with API key)'],
    });
    env.expectNotLogged([DEMISTO_KEY, 'expired-key-000']);
  });
});

describe('komand', () => {
  it('posts {"data": <alert>} to the trigger with its token', async () => {
    const alert = alertFor(['komand:triage']);
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 1]]);
    expect(svc.seen.map((s) => [s.method, s.path, s.headers.authorization])).toEqual([
      ['POST', TRIGGER, KOMAND_TOKEN],
    ]);
    expect(svc.seen[0]!.body).toEqual({ data: alert });
    env.expectNotLogged([KOMAND_TOKEN, TRIGGER]);
  });

  it('waits a 429 Retry-After given as a date, and does not retry a 400', async () => {
    queued = [
      {
        status: 429,
        headers: { 'retry-after': new Date(Date.now() + 5_000).toUTCString() },
        body: { message: 'Too Many Requests' },
      },
      { status: 400, body: { message: 'data is required' } },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['komand:triage'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts, d.error])).toEqual([
      [false, 2, 'trigger: HTTP 400 (data is required)'],
    ]);
    expect(env.sleeps).toHaveLength(1);
    expect(env.sleeps[0]).toBeGreaterThan(3_000);
    expect(env.sleeps[0]).toBeLessThanOrEqual(5_000);
  });
});
