/**
 * Carbon Black: the local server plays the CB Response / EDR REST API: X-Auth-Token auth,
 * the binary summary (404 when the server has never seen the hash), the banned-hash list
 * (404 when the hash is not on it) and banning (POST /api/v1/banning/blacklist).
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

const TOKEN = 'cbtoken0123456789abcdef0123456789abcdef';
const MD5 = '9e107d9d372bb6826bd81d3542a419d6';
const UNKNOWN_MD5 = 'e4d909c290d0fb1ca068ffaddf22cbd0';

const banSchema = {
  type: 'object',
  required: ['md5hash', 'enabled'],
  properties: {
    md5hash: { type: 'string', pattern: '^[0-9a-f]{32}$' },
    text: { type: 'string' },
    enabled: { const: true },
  },
};

let env: Env;
let cb: FakeService;
let banned: Map<string, { md5hash: string; enabled: boolean; text: string }>;

function api(req: Seen): Reply {
  if (req.headers['x-auth-token'] !== TOKEN)
    return { status: 401, body: { reason: 'Unauthorized' } };
  const bin = /^\/api\/v1\/binary\/([0-9a-fA-F]{32})\/summary$/.exec(req.path);
  if (req.method === 'GET' && bin)
    return bin[1]!.toLowerCase() === MD5
      ? { status: 200, body: { md5: MD5.toUpperCase(), observed_filename: ['c:\\evil.exe'] } }
      : { status: 404, body: { reason: 'Binary not found' } };
  const ban = /^\/api\/v1\/banning\/blacklist\/([0-9a-f]{32})$/.exec(req.path);
  if (req.method === 'GET' && ban) {
    const entry = banned.get(ban[1]!);
    return entry ? { status: 200, body: entry } : { status: 404 };
  }
  if (req.method === 'POST' && req.path === '/api/v1/banning/blacklist') {
    const problems = schemaProblems(banSchema, req.body);
    if (problems) return { status: 400, body: { reason: problems } };
    const b = req.body as { md5hash: string; text: string };
    if (banned.get(b.md5hash)?.enabled)
      return { status: 409, body: { reason: 'Hash already banned' } };
    banned.set(b.md5hash, { md5hash: b.md5hash, enabled: true, text: b.text });
    return { status: 200, body: { result: 'success' } };
  }
  return { status: 404 };
}

beforeAll(async () => {
  env = await startEnv();
  cb = await startService(api);
  await env.putCredential('carbonblack', 'edr', { url: cb.base, token: TOKEN });
}, 120_000);

afterAll(async () => {
  await cb?.close();
  await env?.stop();
});

beforeEach(() => {
  cb.seen = [];
  banned = new Map();
  env.logLines.length = 0;
  env.sleeps.length = 0;
});

const OUTPUTS = { carbonblack: ['edr'] };
const ban = (value: string) =>
  alertFor(['carbonblack:edr'], { carbonblack: { action: 'ban', value } });

describe('carbonblack', () => {
  it("bans the hash the rule's context names", async () => {
    const alert = ban(MD5.toUpperCase());
    const { deliveries } = await env.processor(OUTPUTS).handle(snsEvent(alert), FUNCTION_ARN);
    expect(deliveries.map((d) => [d.ok, d.attempts])).toEqual([[true, 1]]);
    expect(cb.seen.map((s) => [s.method, s.path])).toEqual([
      ['GET', `/api/v1/binary/${MD5}/summary`],
      ['GET', `/api/v1/banning/blacklist/${MD5}`],
      ['POST', '/api/v1/banning/blacklist'],
    ]);
    expect(cb.seen[2]!.body).toEqual({
      md5hash: MD5,
      text: `Banned from StreamAlert (rule cloudtrail_root_account_use, alert ${alert.id})`,
      enabled: true,
    });
    expect(banned.get(MD5)?.enabled).toBe(true);
    env.expectNotLogged([TOKEN]);
  });

  it('leaves a hash that is already banned alone, and re-enables a ban that was switched off', async () => {
    banned.set(MD5, { md5hash: MD5, enabled: true, text: 'by hand' });
    await env.processor(OUTPUTS).handle(snsEvent(ban(MD5)), FUNCTION_ARN);
    expect(cb.seen.map((s) => s.method)).toEqual(['GET', 'GET']);

    cb.seen = [];
    banned.set(MD5, { md5hash: MD5, enabled: false, text: '' });
    await env.processor(OUTPUTS).handle(snsEvent(ban(MD5)), FUNCTION_ARN);
    expect(cb.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'POST']);
    expect(banned.get(MD5)?.enabled).toBe(true);
  });

  it('fails without retrying when the rule gives no ban or the server does not know the binary', async () => {
    const { deliveries } = await env.processor(OUTPUTS).process(
      {
        Records: [
          { Sns: { Message: JSON.stringify(alertFor(['carbonblack:edr'])), MessageId: 'a' } },
          { Sns: { Message: JSON.stringify(ban(UNKNOWN_MD5)), MessageId: 'b' } },
          {
            Sns: {
              Message: JSON.stringify(
                alertFor(['carbonblack:edr'], { carbonblack: { action: 'isolate', value: MD5 } }),
              ),
              MessageId: 'c',
            },
          },
        ],
      },
      FUNCTION_ARN,
    );
    expect(deliveries.map((d) => [d.ok, d.attempts, d.error])).toEqual([
      [false, 1, 'the rule gives no carbonblack context ({"action": "ban", "value": "<md5>"})'],
      [false, 1, `binary lookup: Carbon Black does not know the binary ${UNKNOWN_MD5}`],
      [false, 1, 'carbonblack action "isolate" is not supported (only "ban")'],
    ]);
    expect(cb.seen.map((s) => s.path)).toEqual([`/api/v1/binary/${UNKNOWN_MD5}/summary`]);
  });
});
