/**
 * Microsoft Teams: the local server plays an incoming webhook. Office 365 connector
 * webhooks answer 200 "1" on success, and some failures (their own throttling) with 200
 * and the error as text; Workflows webhooks answer 202 with no body; a bad card is 400.
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

const HOOK_PATH =
  '/webhookb2/7f0e1c2a-aaaa-bbbb-cccc-0123456789ab@tenant/IncomingWebhook/SECRETPART0123/owner';

const cardSchema = {
  type: 'object',
  required: ['@type', '@context', 'summary', 'title', 'text', 'sections'],
  properties: {
    '@type': { const: 'MessageCard' },
    '@context': { const: 'https://schema.org/extensions' },
    themeColor: { type: 'string', pattern: '^[0-9A-Fa-f]{6}$' },
    sections: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          facts: {
            type: 'array',
            items: {
              type: 'object',
              required: ['name', 'value'],
              properties: { name: { type: 'string' }, value: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};

let env: Env;
let teams: FakeService;
let queued: Reply[] = [];

function webhook(req: Seen): Reply {
  if (req.method !== 'POST' || (req.path !== HOOK_PATH && req.path !== '/workflows/trigger'))
    return { status: 404, body: 'Webhook not found' };
  const next = queued.shift();
  if (next) return next;
  if (schemaProblems(cardSchema, req.body))
    return { status: 400, body: 'Summary or Text is required.' };
  return req.path === HOOK_PATH ? { status: 200, body: '1' } : { status: 202 };
}

beforeAll(async () => {
  env = await startEnv();
  teams = await startService(webhook);
  await env.putCredential('teams', 'soc', { url: `${teams.base}${HOOK_PATH}` });
  await env.putCredential('teams', 'workflow', `${teams.base}/workflows/trigger`);
}, 120_000);

afterAll(async () => {
  await teams?.close();
  await env?.stop();
});

beforeEach(() => {
  teams.seen = [];
  queued = [];
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

const OUTPUTS = { teams: ['soc', 'workflow'] };

describe('teams', () => {
  it('posts a MessageCard: rule as title, description as text, record and context as facts', async () => {
    const alert = alertFor(['teams:soc', 'teams:workflow'], { teams: { channel: 'soc' } });
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.output, d.ok, d.attempts])).toEqual([
      ['teams:soc', true, 1],
      ['teams:workflow', true, 1],
    ]);
    const card = teams.seen.find((s) => s.path === HOOK_PATH)!;
    expect(card.headers['content-type']).toBe('application/json');
    expect(card.body).toEqual({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      summary: 'StreamAlert Rule Triggered: cloudtrail_root_account_use',
      themeColor: 'E81123',
      title: 'StreamAlert Rule Triggered: cloudtrail_root_account_use',
      text: 'The AWS root account was used',
      sections: [
        {
          activityTitle: 'StreamAlert Alert Record',
          activitySubtitle: `cloudtrail:events from s3 acme.cloudtrail (alert ${alert.id})`,
          facts: [
            { name: 'eventName', value: 'ConsoleLogin' },
            {
              name: 'userIdentity',
              value: '{"type":"Root","arn":"arn:aws:iam::123456789012:root"}',
            },
            { name: 'sourceIPAddress', value: '198.51.100.7' },
          ],
        },
        { activityTitle: 'Context', facts: [{ name: 'teams', value: '{"channel":"soc"}' }] },
      ],
    });
    env.expectNotLogged(['SECRETPART0123', teams.base]);
  });

  it("retries the connector's throttling answer (200 with the error as text), not a 400", async () => {
    queued = [
      {
        status: 200,
        body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0.',
      },
      { status: 400, body: 'Summary or Text is required.' },
    ];
    const { deliveries } = await env
      .processor(OUTPUTS)
      .process(snsEvent(alertFor(['teams:soc'])), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts, d.error])).toEqual([
      [false, 2, 'HTTP 400 (Summary or Text is required.)'],
    ]);
    expect(env.sleeps).toEqual([100]);
    const first = env.logLines
      .map((l) => JSON.parse(l))
      .find((l) => l.message === 'output attempt failed');
    expect(first.error).toMatch(
      /^Teams did not accept the card \(Microsoft Teams endpoint returned HTTP error 429/,
    );
    env.expectNotLogged(['SECRETPART0123']);
  });
});
