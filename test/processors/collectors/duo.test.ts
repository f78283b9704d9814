/**
 * The Duo collectors against a local stand-in of the Admin API that checks each request's
 * HMAC signature: the v2 authentication log (mintime/maxtime in ms, `next_offset` pairs,
 * 429s, 5xx, late entries, a rotated secret key) through the shared fault run, and the v1
 * administrator log's paging by second. Records classify as duo:authentication.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import {
  canonicalParams,
  duoAdmin,
  duoAuth,
} from '../../../src/processors/collectors/sources/duo.js';
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

const STREAM = 'acme_prod_duo';
const PARAM = '/streamalert/collectors/duo_auth';
const IKEY = 'DIWJ8X6AEYOR5OMC6TQ1';
let aws: Aws;
let api: StandIn;
let admin: StandIn;
let serial = 0;
let skey = 'secret-one';

/** The stand-in's own check of Duo's signature (what Duo does with the secret key). */
function signed(req: IncomingMessage, url: URL, secret: string): boolean {
  const params = Object.fromEntries(url.searchParams);
  const canon = [
    req.headers.date,
    'GET',
    url.host.toLowerCase(),
    url.pathname,
    canonicalParams(params),
  ].join('\n');
  const sig = createHmac('sha1', secret).update(canon).digest('hex');
  return req.headers.authorization === `Basic ${Buffer.from(`${IKEY}:${sig}`).toString('base64')}`;
}

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ integration_key: IKEY, secret_key: skey }));
  api = await startStandIn((req, url, visible, secret) => {
    if (!signed(req, url, secret)) return undefined;
    if (url.pathname !== '/admin/v2/logs/authentication') return { status: 404, body: {} };
    if (url.searchParams.get('sort') !== 'ts:asc') return { status: 400, body: {} };
    const min = Number(url.searchParams.get('mintime'));
    const max = Number(url.searchParams.get('maxtime'));
    let rest = visible.filter((e) => e.time >= min && e.time <= max);
    const offset = url.searchParams.get('next_offset');
    if (offset) {
      const [t, id] = offset.split(',');
      rest = rest.filter((e) => e.time > Number(t) || (e.time === Number(t) && e.id > (id ?? '')));
    }
    const page = rest.slice(0, Math.min(Number(url.searchParams.get('limit')), 20));
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        stat: 'OK',
        response: {
          authlogs: page.map((e) => e.body),
          metadata: {
            next_offset: last && rest.length > page.length ? [String(last.time), last.id] : null,
            total_objects: rest.length,
          },
        },
      },
    };
  }, skey);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await admin?.close();
  await aws?.moto.stop();
});

describe('the Duo collectors', () => {
  it('deliver every authentication entry exactly once across faults, restarts, late entries and a rotation', async () => {
    const setup = {
      aws,
      source: duoAuth,
      name: 'duo_auth',
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
        const id = `${String(++serial).padStart(8, '0')}-tx`;
        return {
          id,
          time,
          visibleAt,
          body: {
            txid: id,
            timestamp: time / 1000,
            isotimestamp: new Date(time).toISOString(),
            event_type: 'authentication',
            result: 'success',
            reason: 'user_approved',
            factor: 'duo_push',
            user: { name: 'ada' },
            application: { name: 'VPN' },
            access_device: { ip: '198.51.100.7' },
            auth_device: { name: 'phone' },
          },
        };
      },
      idOf: (r) => (r as { txid: string }).txid,
      rotate: async () => {
        skey = 'secret-two';
        await putCredential(
          aws,
          PARAM,
          JSON.stringify({ integration_key: IKEY, secret_key: skey }),
        );
        api.setToken(skey);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'duo:authentication': COLLECTOR_LOGS['duo:authentication'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['duo'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'duo:authentication',
    );
  }, 60_000);

  it('reads the administrator log by second, also past a full page of one second', async () => {
    const stream = 'acme_prod_duo_admin';
    await createStream(aws, stream);
    const param = '/streamalert/collectors/duo_admin';
    await putCredential(
      aws,
      param,
      JSON.stringify({ integration_key: IKEY, secret_key: 'admin-key' }),
    );
    // v1: the 1,000 oldest entries at or after mintime (seconds), no cursor.
    admin = await startStandIn((req, url, visible, secret) => {
      if (!signed(req, url, secret)) return undefined;
      const min = Number(url.searchParams.get('mintime')) * 1000;
      return {
        status: 200,
        body: {
          stat: 'OK',
          response: visible
            .filter((e) => e.time >= min)
            .slice(0, 1000)
            .map((e) => e.body),
        },
      };
    }, 'admin-key');
    const t0 = Math.floor((Date.now() - 3 * 3600_000) / 1000) * 1000;
    // 2,400 entries: 1,000 in one second, then 1,400 over the next 700 seconds.
    for (let i = 0; i < 2400; i++) {
      const time = i < 1000 ? t0 : t0 + 1000 * (1 + Math.floor((i - 1000) / 2));
      admin.events.push({
        id: `a${i}`,
        time,
        visibleAt: 0,
        body: {
          action: 'user_update',
          description: `change ${i}`,
          object: 'ada',
          timestamp: time / 1000,
          username: 'root',
        },
      });
    }
    const setup = {
      aws,
      source: duoAdmin,
      name: 'duo_admin',
      stream,
      parameter: param,
      settings: { hostname: admin.url },
      logLines: [],
      waits: [],
    };
    const run = await invoke(setup);
    expect(run.status).toBe('done');
    const records = (await readStream(aws, stream)) as { description: string }[];
    const got = new Set(records.map((r) => r.description));
    expect(records).toHaveLength(2400);
    expect(got.size).toBe(2400);
    // Run again: the overlap window is read again, nothing goes twice.
    expect((await invoke(setup)).delivered).toBe(0);
  }, 60_000);
});
