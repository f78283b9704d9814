/**
 * The Slack audit logs collector against a local stand-in of `GET /audit/v1/logs` (newest
 * first, `oldest`/`latest` in seconds, cursor pages, 429 with Retry-After, 5xx, late entries,
 * a rotated token) and a real moto: across invocations that crash in the middle of a window,
 * stop at their time budget in the middle of one, overlap and retry, every entry reaches the
 * stream exactly once, and records classify as slack:audit. Slack's own error answers are
 * told apart (a refused token is read again; others fail) without repeating the token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { SOURCES } from '../../../src/processors/collectors/sources/all.js';
import { slackAudit, slackAuditSource } from '../../../src/processors/collectors/sources/slack.js';
import { toLogs, toSources } from '../../../src/processors/config/convert.js';
import { createClassifier } from '../../../src/processors/rule-processor/classifier.js';
import {
  type Aws,
  compareIds,
  createStream,
  exactlyOnce,
  invoke,
  putCredential,
  readStream,
  type RunSetup,
  type StandIn,
  type StandInEvent,
  startAws,
  startStandIn,
} from './harness.js';

const STREAM = 'acme_prod_slack';
const PARAM = '/streamalert/collectors/slack_org';
const PAGE = 20;
let aws: Aws;
let api: StandIn;
let serial = 0;
let token = 'xoxp-1111-one';
/** What the stand-in answers instead of entries, when set: Slack's `ok: false`. */
let slackError: string | undefined;
/** The `oldest` of every request the stand-in answered, in ms, in order. */
const starts: number[] = [];

function entry(time: number, visibleAt = time): StandInEvent {
  const id = `${String(++serial).padStart(8, '0')}-5f2c-4e1a-9a8b-2d1c3b4a5e6f`;
  return {
    id,
    time,
    visibleAt,
    body: {
      id,
      date_create: time / 1000,
      action: 'user_login',
      actor: { type: 'user', user: { id: 'W123AB456', name: 'ada', email: 'ada@acme.example' } },
      entity: { type: 'user', user: { id: 'W123AB456', name: 'ada', email: 'ada@acme.example' } },
      context: {
        location: { type: 'enterprise', id: 'E1701NCCA', name: 'Acme', domain: 'acme' },
        ua: 'Mozilla/5.0',
        ip_address: '198.51.100.7',
        session_id: '847288190092',
      },
    },
  };
}

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ token }));
  api = await startStandIn((req, url, visible, current) => {
    if (req.headers.authorization !== `Bearer ${current}`) return undefined;
    if (url.pathname !== '/audit/v1/logs') return { status: 404, body: {} };
    if (slackError) return { status: 200, body: { ok: false, error: slackError } };
    const oldest = Number(url.searchParams.get('oldest'));
    const latest = Number(url.searchParams.get('latest'));
    if (!Number.isInteger(oldest) || !Number.isInteger(latest))
      return { status: 400, body: { ok: false, error: 'invalid_range' } };
    starts.push(oldest * 1000);
    // Both ends inclusive, whole seconds; newest first, the only order the API has.
    let rest = visible.filter((e) => e.time >= oldest * 1000 && e.time <= latest * 1000).reverse();
    const cursor = url.searchParams.get('cursor');
    if (cursor) {
      const [t, id] = Buffer.from(cursor, 'base64').toString().split('|');
      rest = rest.filter((e) => e.time < Number(t) || (e.time === Number(t) && e.id < (id ?? '')));
    }
    const page = rest.slice(0, Math.min(Number(url.searchParams.get('limit')), PAGE));
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        entries: page.map((e) => e.body),
        response_metadata: {
          next_cursor:
            last && rest.length > page.length
              ? Buffer.from(`${last.time}|${last.id}`).toString('base64')
              : '',
        },
      },
    };
  }, token);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

describe('the Slack audit logs collector', () => {
  // At most 25 entries held at once: the first poll's day of backlog is read in slices.
  let setup: RunSetup;
  beforeAll(() => {
    setup = {
      aws,
      source: slackAudit,
      name: 'slack_org',
      stream: STREAM,
      parameter: PARAM,
      settings: { hostname: api.url },
      logLines: [],
      waits: [],
    };
  });

  it('delivers every entry exactly once across faults, restarts, late entries and a rotation', async () => {
    await exactlyOnce({
      setup,
      api,
      event: entry,
      idOf: (r) => (r as { id: string }).id,
      rotate: async () => {
        token = 'xoxp-2222-two';
        await putCredential(aws, PARAM, JSON.stringify({ token }));
        api.setToken(token);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    expect(setup.logLines.join('\n')).not.toMatch(/xoxp-/);
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'slack:audit': COLLECTOR_LOGS['slack:audit'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['slack'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'slack:audit',
    );
  }, 90_000);

  it('reads a window larger than it may hold in slices, and stops in the middle of one at its time budget', async () => {
    // A second collector holding at most 25 entries at once: its first poll reads the day of
    // entries above, and 150 new ones, in slices.
    const stream = 'acme_prod_slack_small';
    await createStream(aws, stream);
    const small: RunSetup = {
      ...setup,
      source: slackAuditSource({ maxEvents: 25 }),
      name: 'slack_small',
      stream,
      logLines: [],
      waits: [],
    };
    const t0 = Math.floor((Date.now() - 60_000 - 8 * 60_000) / 1000) * 1000;
    for (let i = 0; i < 150; i++) api.events.push(entry(t0 + i * 2000));
    const total = api.events.length;
    // A 429 asking for an hour: first at once, then after some slices went out.
    api.faults.plan.clear();
    api.faults.plan.set(api.requests + 1, { status: 429, headers: { 'retry-after': '3600' } });
    const first = await invoke(small);
    expect(first.status).toBe('out-of-time');
    // The second stop: the request after the first one reading past the middle of the new
    // entries, so the slices before it went out.
    api.faults.plan.clear();
    const seen = starts.length;
    api.onRequest = async (n) => {
      if (starts.slice(seen).some((t) => t > t0 + 150_000) && !api.faults.plan.size) {
        api.faults.plan.set(n, { status: 429, headers: { 'retry-after': '3600' } });
        api.onRequest = undefined;
      }
    };
    const second = await invoke(small);
    expect(second.status).toBe('out-of-time');
    expect(second.delivered).toBeGreaterThan(0);
    expect(second.delivered).toBeLessThan(total);
    const third = await invoke(small);
    expect(third.status).toBe('done');
    expect(first.delivered + second.delivered + third.delivered).toBe(total);
    const records = await readStream(aws, stream);
    expect(
      compareIds(
        api.events.map((e) => e.id),
        records.map((r) => (r as { id: string }).id),
      ),
    ).toEqual({ duplicated: [], lost: [], unexpected: [] });
  }, 60_000);

  it("tells Slack's error answers apart without repeating the token", async () => {
    const refusedBefore = api.refused;
    // A revoked token: read again once (rotation), then the poll fails.
    slackError = 'token_revoked';
    await expect(invoke(setup)).rejects.toThrow(
      'slack_audit: the token was refused (token_revoked)',
    );
    slackError = 'feature_not_enabled';
    await expect(invoke(setup)).rejects.toThrow('slack_audit: Slack answered feature_not_enabled');
    slackError = 'xoxp-echoed <b>bold</b>';
    await expect(invoke(setup)).rejects.toThrow('slack_audit: Slack answered unknown');
    slackError = undefined;
    expect(api.refused).toBe(refusedBefore);
    expect(setup.logLines.join('\n')).not.toMatch(/xoxp-/);
    const pages = slackAudit.pages({
      since: 0,
      until: 1000,
      credential: '{"token": xoxp-1111-one}',
      settings: {},
      http: { get: () => Promise.reject(new Error('no request expected')) },
    });
    const err = await pages[Symbol.asyncIterator]()
      .next()
      .then(
        () => 'no error',
        (e: Error) => e.message,
      );
    expect(err).toMatch(/slack_audit: the credential is not JSON/);
    expect(err).not.toContain('xoxp');
    expect(SOURCES.slack_audit).toBe(slackAudit);
    expect((await invoke(setup)).status).toBe('done');
  }, 60_000);
});
