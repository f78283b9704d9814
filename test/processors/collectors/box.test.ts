/**
 * The Box events collector against a local stand-in of Box: `POST /oauth2/token` (client
 * credentials for the enterprise; a token is bound to the secret that got it, so rotating the
 * secret refuses the old token) and `GET /2.0/events?stream_type=admin_logs` (the window as
 * created_after/created_before, stream_position paging, 429s, 5xx, late events), with a real
 * moto: through the shared fault run every event reaches the stream once and classifies as
 * box:admin_logs. A refused client secret is never repeated in an error or a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { box } from '../../../src/processors/collectors/sources/box.js';
import { toLogs, toSources } from '../../../src/processors/config/convert.js';
import { createClassifier } from '../../../src/processors/rule-processor/classifier.js';
import {
  type Aws,
  createStream,
  exactlyOnce,
  invoke,
  putCredential,
  readStream,
  type StandIn,
  startAws,
  startStandIn,
} from './harness.js';

const STREAM = 'acme_prod_box';
const PARAM = '/streamalert/collectors/box_events';
const CLIENT = 'box-client-id-1';
const ENTERPRISE = '998877';
let aws: Aws;
let api: StandIn;
let serial = 0;
let secret = 'box-secret-one';
/** Access token → the client secret it was issued for. */
const issued = new Map<string, string>();
/** What the stand-in saw of each token request, to check the grant. */
const grants: URLSearchParams[] = [];

/** RFC 3339 with an offset, as Box writes `created_at`. */
const boxTime = (ms: number) =>
  new Date(ms - 8 * 3600_000).toISOString().replace('.000Z', '-08:00');

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ client_id: CLIENT, client_secret: secret }));
  api = await startStandIn((req, url, visible, current, raw) => {
    if (req.method === 'POST' && url.pathname === '/oauth2/token') {
      const form = new URLSearchParams(raw);
      grants.push(form);
      if (
        req.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
        form.get('grant_type') !== 'client_credentials' ||
        form.get('box_subject_type') !== 'enterprise' ||
        form.get('box_subject_id') !== ENTERPRISE
      )
        return { status: 400, body: { error: 'invalid_request' } };
      if (form.get('client_id') !== CLIENT || form.get('client_secret') !== current)
        return { status: 400, body: { error: 'invalid_client', error_description: 'nope' } };
      const token = `bt-${issued.size + 1}`;
      issued.set(token, current);
      return { status: 200, body: { access_token: token, expires_in: 3600, token_type: 'bearer' } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || issued.get(bearer) !== current) return undefined;
    if (url.pathname !== '/2.0/events' || url.searchParams.get('stream_type') !== 'admin_logs')
      return { status: 404, body: {} };
    const after = Date.parse(url.searchParams.get('created_after') ?? '');
    const before = Date.parse(url.searchParams.get('created_before') ?? '');
    if (!Number.isFinite(after) || !Number.isFinite(before)) return { status: 400, body: {} };
    // Box's filters are whole seconds: events in [after, before).
    const inWindow = visible.filter((e) => e.time >= after && e.time < before);
    // The stream position: how many of the window's events were returned before.
    const from = Number(url.searchParams.get('stream_position') ?? '0');
    const page = inWindow.slice(from, from + Math.min(Number(url.searchParams.get('limit')), 23));
    return {
      status: 200,
      body: {
        chunk_size: page.length,
        next_stream_position: String(from + page.length),
        entries: page.map((e) => e.body),
      },
    };
  }, secret);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

const setupFor = (parameter: string, name = 'box_events') => ({
  aws,
  source: box,
  name,
  stream: STREAM,
  parameter,
  settings: { hostname: api.url, enterprise_id: ENTERPRISE },
  logLines: [] as string[],
  waits: [] as number[],
});

describe('the Box events collector', () => {
  it('delivers every admin_logs event exactly once across faults, restarts, late events and a rotation', async () => {
    const setup = setupFor(PARAM);
    await exactlyOnce({
      setup,
      api,
      event: (time, visibleAt = time) => {
        const id = `bx-${String(++serial).padStart(6, '0')}`;
        return {
          id,
          time,
          visibleAt,
          body: {
            type: 'event',
            event_id: id,
            created_at: boxTime(time),
            event_type: serial % 2 ? 'LOGIN' : 'DOWNLOAD',
            created_by: { type: 'user', id: '11', name: 'Ada', login: 'ada@example.com' },
            source: serial % 2 ? null : { type: 'file', id: '42', name: 'plan.pdf' },
            ip_address: '198.51.100.7',
            session_id: null,
            additional_details: null,
            action_by: null,
          },
        };
      },
      idOf: (r) => (r as { event_id: string }).event_id,
      rotate: async () => {
        secret = 'box-secret-two';
        await putCredential(
          aws,
          PARAM,
          JSON.stringify({ client_id: CLIENT, client_secret: secret }),
        );
        api.setToken(secret);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    expect(setup.logLines.join('\n')).not.toMatch(/box-secret-/);
    expect(grants.every((g) => g.get('box_subject_id') === ENTERPRISE)).toBe(true);
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'box:admin_logs': COLLECTOR_LOGS['box:admin_logs'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['box'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    for (const r of records.slice(0, 2))
      expect(classifier.classify(JSON.stringify(r), candidates)?.log.name).toBe('box:admin_logs');
  }, 60_000);

  it('fails on a refused client secret without repeating it', async () => {
    const wrong = '/streamalert/collectors/box_wrong';
    await putCredential(
      aws,
      wrong,
      JSON.stringify({ client_id: CLIENT, client_secret: 'not-the-secret-4c1d' }),
    );
    const s = setupFor(wrong, 'box_wrong');
    const err = await invoke(s).catch((e: Error) => e);
    expect(String(err)).toContain('refused the client credentials');
    expect(String(err)).not.toContain('not-the-secret-4c1d');
    expect(s.logLines.join('\n')).not.toContain('not-the-secret-4c1d');
    // The second read of the credential (a rotation?) was tried before giving up.
    expect(s.logLines.join('\n')).toContain('reading it again');

    // No enterprise id: named before any request.
    const s2 = { ...setupFor(PARAM, 'box_noent'), settings: { hostname: api.url } };
    await expect(invoke(s2)).rejects.toThrow('has no setting "enterprise_id"');
  }, 60_000);
});
