/**
 * pagerduty-incident: the local server plays PagerDuty's REST API (users, services,
 * escalation policies, priorities, incidents, notes) with its token auth, its required
 * From header on writes, and its error shape ({"error": {"message", "code", "errors"}}).
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

const TOKEN = 'y_NbAkKc66ryYTWUXYEu';
const USERS = [
  { id: 'PUSER01', email: 'streamalert@acme.example' },
  { id: 'PUSER02', email: 'alice@acme.example' },
];

const incidentSchema = {
  type: 'object',
  required: ['incident'],
  properties: {
    incident: {
      type: 'object',
      required: ['type', 'title', 'service'],
      properties: {
        type: { const: 'incident' },
        title: { type: 'string', minLength: 1 },
        service: {
          type: 'object',
          required: ['id', 'type'],
          properties: { type: { const: 'service_reference' } },
        },
        incident_key: { type: 'string' },
        urgency: { enum: ['high', 'low'] },
        body: { type: 'object', required: ['type', 'details'] },
        escalation_policy: {
          type: 'object',
          properties: { type: { const: 'escalation_policy_reference' } },
        },
        assignments: { type: 'array' },
        priority: { type: 'object', properties: { type: { const: 'priority_reference' } } },
      },
    },
  },
};

let env: Env;
let pd: FakeService;
let incidents: { id: string; incident_key: string; body: unknown }[] = [];
let notes: Record<string, { id: string; content: string }[]> = {};
let failNotesOnce = false;

const error = (status: number, message: string, code: number, errors: string[] = []): Reply => ({
  status,
  body: { error: { message, code, errors } },
});

function api(req: Seen): Reply {
  if (req.headers.authorization !== `Token token=${TOKEN}`) return error(401, 'Unauthorized', 2006);
  if (req.headers.accept !== 'application/vnd.pagerduty+json;version=2')
    return error(406, 'Not Acceptable', 2001);
  const from = req.headers.from as string | undefined;
  if (req.method === 'POST' && !USERS.some((u) => u.email === from))
    return error(400, 'Invalid Input Provided', 2001, ['Requester User Not Found']);
  const q = (req.query.query ?? '').toLowerCase();
  if (req.method === 'GET' && req.path === '/users')
    return {
      status: 200,
      body: { users: USERS.filter((u) => u.email.includes(q)), limit: 25, more: false },
    };
  if (req.method === 'GET' && req.path === '/services')
    return {
      status: 200,
      body: {
        services: [
          { id: 'PSVC001', name: 'Security' },
          { id: 'PSVC002', name: 'Security Staging' },
        ].filter((s) => s.name.toLowerCase().includes(q)),
      },
    };
  if (req.method === 'GET' && req.path === '/escalation_policies')
    return {
      status: 200,
      body: {
        escalation_policies: [{ id: 'PEP0001', name: 'Security On-Call' }].filter((s) =>
          s.name.toLowerCase().includes(q),
        ),
      },
    };
  if (req.method === 'GET' && req.path === '/priorities')
    return {
      status: 200,
      body: {
        priorities: [
          { id: 'PPRI001', name: 'P1' },
          { id: 'PPRI002', name: 'P2' },
        ],
      },
    };
  if (req.method === 'GET' && req.path === '/incidents')
    return {
      status: 200,
      body: { incidents: incidents.filter((i) => i.incident_key === req.query.incident_key) },
    };
  if (req.method === 'POST' && req.path === '/incidents') {
    const problems = schemaProblems(incidentSchema, req.body);
    if (problems) return error(400, 'Invalid Input Provided', 2001, [problems]);
    const incident = (req.body as { incident: { incident_key: string } }).incident;
    if (incidents.some((i) => i.incident_key === incident.incident_key))
      return error(400, 'Invalid Input Provided', 2001, [
        'Open incident with key already exists on this service',
      ]);
    const id = `PINC00${incidents.length + 1}`;
    incidents.push({ id, incident_key: incident.incident_key, body: req.body });
    return {
      status: 201,
      body: { incident: { id, type: 'incident', incident_key: incident.incident_key } },
    };
  }
  const m = /^\/incidents\/([A-Z0-9]+)\/notes$/.exec(req.path);
  if (m && incidents.some((i) => i.id === m[1])) {
    const list = (notes[m[1]!] ??= []);
    if (req.method === 'GET') return { status: 200, body: { notes: list } };
    if (failNotesOnce) {
      failNotesOnce = false;
      return error(503, 'Service Unavailable', 5000);
    }
    const content = (req.body as { note?: { content?: unknown } })?.note?.content;
    if (typeof content !== 'string')
      return error(400, 'Invalid Input Provided', 2001, ['Note content is required']);
    const note = { id: `PNOTE${list.length + 1}`, content };
    list.push(note);
    return { status: 201, body: { note } };
  }
  return error(404, 'Not Found', 2100);
}

const OUTPUTS = { 'pagerduty-incident': ['by-name', 'by-id', 'unknown-sender'] };

beforeAll(async () => {
  env = await startEnv();
  pd = await startService(api);
  const common = {
    token: TOKEN,
    api: pd.base,
    integration_key: 'ikey0123456789abcdef0123456789ab',
  };
  await env.putCredential('pagerduty-incident', 'by-name', {
    ...common,
    email_from: 'streamalert@acme.example',
    service_name: 'Security',
    escalation_policy: 'Security On-Call',
  });
  await env.putCredential('pagerduty-incident', 'by-id', {
    ...common,
    email_from: 'streamalert@acme.example',
    service_id: 'PSVC009',
    escalation_policy_id: 'PEP0009',
  });
  await env.putCredential('pagerduty-incident', 'unknown-sender', {
    ...common,
    email_from: 'nobody@acme.example',
    service_id: 'PSVC009',
    escalation_policy_id: 'PEP0009',
  });
}, 120_000);

afterAll(async () => {
  await pd?.close();
  await env?.stop();
});

beforeEach(() => {
  pd.seen = [];
  incidents = [];
  notes = {};
  failNotesOnce = false;
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

describe('pagerduty-incident', () => {
  it('checks the sender, finds service and escalation policy by name, creates the incident, adds a note', async () => {
    const alert = alertFor(['pagerduty-incident:by-name']);
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 1]]);
    expect(
      pd.seen.map((s) => [s.method, s.path, s.query.query ?? s.query.incident_key, s.headers.from]),
    ).toEqual([
      ['GET', '/users', 'streamalert@acme.example', undefined],
      ['GET', '/services', 'Security', 'streamalert@acme.example'],
      ['GET', '/escalation_policies', 'Security On-Call', 'streamalert@acme.example'],
      ['GET', '/incidents', `by-name:${alert.id}`, 'streamalert@acme.example'],
      ['POST', '/incidents', undefined, 'streamalert@acme.example'],
      ['POST', '/incidents/PINC001/notes', undefined, 'streamalert@acme.example'],
    ]);
    expect(incidents[0]!.body).toEqual({
      incident: {
        type: 'incident',
        title: 'StreamAlert Incident - Rule triggered: cloudtrail_root_account_use',
        service: { id: 'PSVC001', type: 'service_reference' },
        incident_key: `by-name:${alert.id}`,
        body: {
          type: 'incident_body',
          details: `The AWS root account was used\n\nRecord:\n${JSON.stringify(
            {
              eventName: 'ConsoleLogin',
              sourceIPAddress: '198.51.100.7',
              userIdentity: { arn: 'arn:aws:iam::123456789012:root', type: 'Root' },
            },
            null,
            2,
          )}`,
        },
        escalation_policy: { id: 'PEP0001', type: 'escalation_policy_reference' },
      },
    });
    expect(notes.PINC001).toEqual([
      {
        id: 'PNOTE1',
        content: `StreamAlert rule cloudtrail_root_account_use triggered (alert ${alert.id}): The AWS root account was used`,
      },
    ]);
    env.expectNotLogged([TOKEN]);
  });

  it("follows the rule's context: assigned user, priority, urgency and note; ids skip the lookups", async () => {
    const alert = alertFor(['pagerduty-incident:by-id'], {
      'pagerduty-incident': {
        assigned_user: 'alice@acme.example',
        incident_priority: 'P2',
        urgency: 'low',
        note: 'Check the CloudTrail console',
      },
    });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => d.ok)).toEqual([true]);
    expect(pd.seen.map((s) => [s.method, s.path])).toEqual([
      ['GET', '/users'],
      ['GET', '/users'],
      ['GET', '/priorities'],
      ['GET', '/incidents'],
      ['POST', '/incidents'],
      ['POST', '/incidents/PINC001/notes'],
    ]);
    const incident = (incidents[0]!.body as { incident: Record<string, unknown> }).incident;
    expect(incident.service).toEqual({ id: 'PSVC009', type: 'service_reference' });
    // Assignments and escalation policy exclude each other: the assignee wins.
    expect(incident.assignments).toEqual([{ assignee: { id: 'PUSER02', type: 'user_reference' } }]);
    expect(incident.escalation_policy).toBeUndefined();
    expect(incident.priority).toEqual({ id: 'PPRI002', type: 'priority_reference' });
    expect(incident.urgency).toBe('low');
    expect((incident.body as { details: string }).details).toContain(
      'Context:\n{\n  "pagerduty-incident": {',
    );
    expect(notes.PINC001!.map((n) => n.content)).toEqual(['Check the CloudTrail console']);
  });

  it('a retry after a failed note reuses the incident and adds the note once', async () => {
    failNotesOnce = true;
    const alert = alertFor(['pagerduty-incident:by-id']);
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 2]]);
    expect(incidents).toHaveLength(1);
    expect(notes.PINC001).toHaveLength(1);
    expect(pd.seen.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual([
      '/incidents',
      '/incidents/PINC001/notes',
      '/incidents/PINC001/notes',
    ]);
    // A second delivery of the same alert (Lambda's retry) finds incident and note: nothing new.
    pd.seen = [];
    await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(pd.seen.filter((s) => s.method === 'POST')).toEqual([]);
    expect(notes.PINC001).toHaveLength(1);
  });

  it('refuses a sender that is no PagerDuty user, once and without retrying', async () => {
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['pagerduty-incident:unknown-sender'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts, d.error])).toEqual([
      [false, 1, 'user lookup: no PagerDuty user has the "email_from" address'],
    ]);
    expect(pd.seen.map((s) => s.path)).toEqual(['/users']);
  });
});
