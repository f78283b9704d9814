/**
 * The 1Password Events API collectors against a local stand-in of `POST /api/v1/*`
 * (a reset cursor with start_time/end_time, then opaque cursors while has_more; 429s,
 * 5xx, late items, a rotated bearer token) and a real moto: every item reaches the stream
 * exactly once, and classifies with the shipped schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { onePasswordSignIns } from '../../../src/processors/collectors/sources/onepassword.js';
import { toLogs, toSources } from '../../../src/processors/config/convert.js';
import { createClassifier } from '../../../src/processors/rule-processor/classifier.js';
import {
  type Aws,
  createStream,
  exactlyOnce,
  putCredential,
  readStream,
  type StandIn,
  startAws,
  startStandIn,
} from './harness.js';

const STREAM = 'acme_prod_1password';
const PARAM = '/streamalert/collectors/onepassword_signins';
let aws: Aws;
let api: StandIn;
let serial = 0;
let token = 'ops-one';

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ token }));
  // Cursors are opaque to the client: the stand-in keeps what each one stands for.
  const cursors = new Map<
    string,
    { start: number; end: number; afterTime: number; afterId: string }
  >();
  api = await startStandIn((req, url, visible, current, raw) => {
    if (req.headers.authorization !== `Bearer ${current}`) return undefined;
    if (req.method !== 'POST' || url.pathname !== '/api/v1/signinattempts')
      return { status: 404, body: {} };
    const body = JSON.parse(raw) as {
      cursor?: string;
      start_time?: string;
      end_time?: string;
      limit?: number;
    };
    const at = body.cursor
      ? cursors.get(body.cursor)
      : {
          start: Date.parse(body.start_time ?? ''),
          end: Date.parse(body.end_time ?? ''),
          afterTime: -1,
          afterId: '',
        };
    if (!at) return { status: 400, body: { message: 'unknown cursor' } };
    const rest = visible.filter(
      (e) =>
        e.time >= at.start &&
        e.time <= at.end &&
        (e.time > at.afterTime || (e.time === at.afterTime && e.id > at.afterId)),
    );
    const page = rest.slice(0, Math.min(body.limit ?? 100, 40));
    const last = page.at(-1);
    const cursor = `c${cursors.size + 1}`;
    cursors.set(cursor, { ...at, ...(last ? { afterTime: last.time, afterId: last.id } : {}) });
    return {
      status: 200,
      body: { cursor, has_more: rest.length > page.length, items: page.map((e) => e.body) },
    };
  }, token);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

describe('the 1Password Events API collector', () => {
  it('delivers every sign-in attempt exactly once across faults, restarts, late items and a rotation', async () => {
    const setup = {
      aws,
      source: onePasswordSignIns,
      name: 'onepassword_signins',
      stream: STREAM,
      parameter: PARAM,
      settings: { hostname: api.url },
      logLines: [],
      waits: [],
    };
    await exactlyOnce({
      setup,
      api,
      event: (time, visibleAt = time) => {
        const id = `5b2f${String(++serial).padStart(8, '0')}`;
        return {
          id,
          time,
          visibleAt,
          body: {
            uuid: id,
            session_uuid: 'sess',
            timestamp: new Date(time).toISOString(),
            category: 'success',
            type: 'credentials_ok',
            country: 'CA',
            target_user: { uuid: 'u1', email: 'ada@example.com' },
            client: { ip_address: '198.51.100.7' },
          },
        };
      },
      idOf: (r) => (r as { uuid: string }).uuid,
      rotate: async () => {
        token = 'ops-two';
        await putCredential(aws, PARAM, JSON.stringify({ token }));
        api.setToken(token);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({
        'onepassword:signin_attempts': COLLECTOR_LOGS['onepassword:signin_attempts'],
      }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['onepassword'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'onepassword:signin_attempts',
    );
  }, 60_000);
});
