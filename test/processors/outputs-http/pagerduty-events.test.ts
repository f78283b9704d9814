/**
 * PagerDuty's Events APIs, as StreamAlert v3 named them: `pagerduty` speaks Events API v1
 * (create_event.json with a service_key), `pagerduty-v2` Events API v2 (/v2/enqueue with
 * a routing_key). The local server checks each body against the documented event schema
 * and answers as PagerDuty does: 200/202 success, 400 "invalid event", v1's 403 and v2's
 * 429 throttling, 5xx.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  PAGERDUTY_EVENTS_URL,
  PAGERDUTY_EVENTS_V1_URL,
  parsePagerDutySecret,
} from '../../../src/processors/alert-processor/outputs/pagerduty.js';
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

const SERVICE_KEY = '0123456789abcdef0123456789abcdef';
const ROUTING_KEY = 'fedcba9876543210fedcba9876543210';
const V1_PATH = '/generic/2010-04-15/create_event.json';

const v1Schema = {
  type: 'object',
  required: ['service_key', 'event_type', 'description'],
  properties: {
    service_key: { type: 'string', minLength: 32, maxLength: 32 },
    event_type: { enum: ['trigger', 'acknowledge', 'resolve'] },
    incident_key: { type: 'string', maxLength: 255 },
    description: { type: 'string', maxLength: 1024 },
    details: { type: 'object' },
    client: { type: 'string' },
  },
};
const v2Schema = {
  type: 'object',
  required: ['routing_key', 'event_action', 'payload'],
  properties: {
    routing_key: { type: 'string', minLength: 32, maxLength: 32 },
    event_action: { enum: ['trigger', 'acknowledge', 'resolve'] },
    dedup_key: { type: 'string', maxLength: 255 },
    payload: {
      type: 'object',
      required: ['summary', 'source', 'severity'],
      properties: {
        summary: { type: 'string', maxLength: 1024 },
        source: { type: 'string', minLength: 1 },
        severity: { enum: ['critical', 'error', 'warning', 'info'] },
        custom_details: { type: 'object' },
      },
    },
  },
};

let env: Env;
let pd: FakeService;
let queued: Reply[] = [];

function pagerduty(req: Seen): Reply {
  if (req.method !== 'POST') return { status: 404 };
  const next = queued.shift();
  if (next) return next;
  if (req.path === V1_PATH) {
    const body = req.body as { service_key?: string; incident_key?: string };
    if (body?.service_key?.length !== 32)
      return {
        status: 400,
        body: {
          status: 'invalid event',
          message: 'Event object is invalid',
          errors: ['Service key is the wrong length (should be 32 characters)'],
        },
      };
    const problems = schemaProblems(v1Schema, body);
    if (problems)
      return {
        status: 400,
        body: { status: 'invalid event', message: 'Event object is invalid', errors: [problems] },
      };
    return {
      status: 200,
      body: { status: 'success', message: 'Event processed', incident_key: body.incident_key },
    };
  }
  if (req.path === '/v2/enqueue') {
    const problems = schemaProblems(v2Schema, req.body);
    if (problems)
      return {
        status: 400,
        body: { status: 'invalid event', message: 'Event object is invalid', errors: [problems] },
      };
    return {
      status: 202,
      body: {
        status: 'success',
        message: 'Event processed',
        dedup_key: (req.body as { dedup_key: string }).dedup_key,
      },
    };
  }
  return { status: 404 };
}

const OUTPUTS = { pagerduty: ['sample-integration', 'short-key'], 'pagerduty-v2': ['oncall'] };

beforeAll(async () => {
  env = await startEnv();
  pd = await startService(pagerduty);
  await env.putCredential('pagerduty', 'sample-integration', {
    service_key: SERVICE_KEY,
    url: `${pd.base}${V1_PATH}`,
  });
  await env.putCredential('pagerduty', 'short-key', {
    service_key: 'abc123',
    url: `${pd.base}${V1_PATH}`,
  });
  await env.putCredential('pagerduty-v2', 'oncall', {
    routing_key: ROUTING_KEY,
    url: `${pd.base}/v2/enqueue`,
  });
}, 120_000);

afterAll(async () => {
  await pd?.close();
  await env?.stop();
});

beforeEach(() => {
  pd.seen = [];
  queued = [];
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

describe('pagerduty (Events API v1)', () => {
  it("triggers StreamAlert's v1 event: service_key, description, details with the record and context", async () => {
    const alert = alertFor(['pagerduty:sample-integration'], {
      pagerduty: { runbook: 'https://wiki/root' },
    });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['pagerduty:sample-integration', true, 1],
    ]);
    expect(pd.seen.map((s) => [s.method, s.path, s.headers['content-type']])).toEqual([
      ['POST', V1_PATH, 'application/json'],
    ]);
    expect(pd.seen[0]!.body).toEqual({
      service_key: SERVICE_KEY,
      event_type: 'trigger',
      incident_key: alert.id,
      description: 'StreamAlert Rule Triggered - cloudtrail_root_account_use',
      details: {
        description: 'The AWS root account was used',
        record: alert.record,
        context: { pagerduty: { runbook: 'https://wiki/root' } },
      },
      client: 'streamalert',
    });
    env.expectNotLogged([SERVICE_KEY]);
  });

  it('retries the 403 v1 answers when it throttles (PagerDuty says to), with the same incident key', async () => {
    queued = [{ status: 403 }];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .handle(snsEvent(alertFor(['pagerduty:sample-integration'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 2]]);
    expect(env.sleeps).toEqual([100]);
    expect(new Set(pd.seen.map((s) => JSON.stringify(s.body))).size).toBe(1);
  });

  it('does not retry an invalid event, and says why PagerDuty refused it without quoting the key', async () => {
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['pagerduty:short-key'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts, d.error])).toEqual([
      [
        false,
        1,
        'HTTP 400 (Event object is invalid; Service key is the wrong length (should be 32 characters))',
      ],
    ]);
    expect(pd.seen).toHaveLength(1);
  });
});

describe('which Events API a pagerduty credential is sent to', () => {
  it("StreamAlert's service_key goes to v1; a routing_key or a bare key (this output's earlier forms) stays on v2", () => {
    expect(parsePagerDutySecret(JSON.stringify({ service_key: SERVICE_KEY }))).toEqual({
      url: PAGERDUTY_EVENTS_V1_URL,
      routingKey: SERVICE_KEY,
      api: 'v1',
    });
    expect(parsePagerDutySecret(JSON.stringify({ routing_key: ROUTING_KEY }))).toEqual({
      url: PAGERDUTY_EVENTS_URL,
      routingKey: ROUTING_KEY,
      api: 'v2',
    });
    expect(parsePagerDutySecret(` ${ROUTING_KEY}\n`)).toEqual({
      url: PAGERDUTY_EVENTS_URL,
      routingKey: ROUTING_KEY,
      api: 'v2',
    });
  });
});

describe('pagerduty-v2 (Events API v2)', () => {
  it('enqueues a trigger deduplicated by descriptor and alert id, with the context in custom_details', async () => {
    const alert = alertFor(['pagerduty-v2:oncall'], { 'pagerduty-v2': { team: 'secops' } });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['pagerduty-v2:oncall', true, 1],
    ]);
    expect(pd.seen.map((s) => [s.method, s.path])).toEqual([['POST', '/v2/enqueue']]);
    expect(pd.seen[0]!.body).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: `oncall:${alert.id}`,
      payload: {
        summary: 'StreamAlert Rule Triggered - cloudtrail_root_account_use',
        source: 'cloudtrail:events',
        severity: 'critical',
        custom_details: {
          rule_description: 'The AWS root account was used',
          record: alert.record,
          context: { 'pagerduty-v2': { team: 'secops' } },
        },
      },
    });
    env.expectNotLogged([ROUTING_KEY]);
  });

  it('retries a 429 and a 500, then reports the final failure with every attempt logged', async () => {
    queued = [
      {
        status: 429,
        body: {
          status: 'throttle event',
          message: 'Requests for this service are arriving too quickly.',
        },
      },
      { status: 500 },
      { status: 503 },
    ];
    const p = env.processor(OUTPUTS);
    const alert = alertFor(['pagerduty-v2:oncall']);
    await expect(p.handle(snsEvent(alert), FUNCTION_ARN)).rejects.toThrow(
      '1 of 1 deliveries failed: pagerduty-v2:oncall (HTTP 503)',
    );
    expect(env.sleeps).toEqual([100, 200]);
    const attempts = env.logLines
      .map((l) => JSON.parse(l) as { message: string; attempt?: number; error?: string })
      .filter((l) => l.message === 'output attempt failed')
      .map((l) => [l.attempt, l.error]);
    expect(attempts).toEqual([
      [1, 'HTTP 429 (Requests for this service are arriving too quickly.)'],
      [2, 'HTTP 500'],
      [3, 'HTTP 503'],
    ]);
  });
});
