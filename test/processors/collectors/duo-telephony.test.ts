/**
 * The Duo telephony collector against a local stand-in of `GET /admin/v2/logs/telephony`
 * that checks each request's HMAC signature (mintime/maxtime in ms, `ts` in ISO 8601, an
 * opaque `next_offset` string, 429s, 5xx, late entries, a rotated secret key) through the
 * shared fault run: every entry reaches the stream once, and classifies as duo:telephony.
 * A credential Duo refuses, or one that is not what the source needs, never shows up in an
 * error or a log line.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { canonicalParams, duoTelephony } from '../../../src/processors/collectors/sources/duo.js';
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

const STREAM = 'acme_prod_duo_telephony';
const PARAM = '/streamalert/collectors/duo_telephony';
const IKEY = 'DITELEPHONY0000000001';
let aws: Aws;
let api: StandIn;
let serial = 0;
let skey = 'tel-secret-one';

/** What Duo does with the secret key: recompute the signature of the request. */
function signed(req: IncomingMessage, url: URL, secret: string): boolean {
  const canon = [
    req.headers.date,
    'GET',
    url.host.toLowerCase(),
    url.pathname,
    canonicalParams(Object.fromEntries(url.searchParams)),
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
    if (url.pathname !== '/admin/v2/logs/telephony') return { status: 404, body: {} };
    if (url.searchParams.get('sort') !== 'ts:asc') return { status: 400, body: {} };
    const min = Number(url.searchParams.get('mintime'));
    const max = Number(url.searchParams.get('maxtime'));
    let rest = visible.filter((e) => e.time >= min && e.time <= max);
    // An opaque offset: the client passes it back as it is.
    const offset = url.searchParams.get('next_offset');
    if (offset) {
      const [t, id] = Buffer.from(offset, 'base64url').toString('utf8').split('|');
      rest = rest.filter((e) => e.time > Number(t) || (e.time === Number(t) && e.id > (id ?? '')));
    }
    const page = rest.slice(0, Math.min(Number(url.searchParams.get('limit')), 17));
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        stat: 'OK',
        response: {
          items: page.map((e) => e.body),
          metadata: {
            next_offset:
              last && rest.length > page.length
                ? Buffer.from(`${last.time}|${last.id}`).toString('base64url')
                : null,
            total_objects: rest.length,
          },
        },
      },
    };
  }, skey);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

const setupFor = (parameter: string) => ({
  aws,
  source: duoTelephony,
  name: 'duo_telephony',
  stream: STREAM,
  parameter,
  settings: { hostname: api.url },
  logLines: [] as string[],
  waits: [] as number[],
});

describe('the Duo telephony collector', () => {
  it('delivers every telephony entry exactly once across faults, restarts, late entries and a rotation', async () => {
    const setup = setupFor(PARAM);
    await exactlyOnce({
      setup,
      api,
      event: (time, visibleAt = time) => {
        const id = `tel-${String(++serial).padStart(6, '0')}`;
        return {
          id,
          time,
          visibleAt,
          body: {
            telephony_id: id,
            txid: `tx-${serial}`,
            ts: new Date(time).toISOString().replace('Z', '+00:00'),
            context: 'authentication',
            credits: serial % 2 ? 1 : 2,
            phone: '+15555550100',
            type: serial % 2 ? 'sms' : 'phone',
          },
        };
      },
      idOf: (r) => (r as { telephony_id: string }).telephony_id,
      rotate: async () => {
        skey = 'tel-secret-two';
        await putCredential(
          aws,
          PARAM,
          JSON.stringify({ integration_key: IKEY, secret_key: skey }),
        );
        api.setToken(skey);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    expect(setup.logLines.join('\n')).not.toMatch(/tel-secret-/);
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'duo:telephony': COLLECTOR_LOGS['duo:telephony'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['duo'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'duo:telephony',
    );
  }, 60_000);

  it('fails on a refused or malformed credential without repeating it', async () => {
    // A secret key Duo does not know: refused twice (the second read finds the same one).
    const wrong = '/streamalert/collectors/duo_telephony_wrong';
    await putCredential(
      aws,
      wrong,
      JSON.stringify({ integration_key: IKEY, secret_key: 'not-the-key-9f3a' }),
    );
    const s1 = setupFor(wrong);
    const err1 = await invoke({ ...s1, name: 'duo_tel_wrong' }).catch((e: Error) => e);
    expect(String(err1)).toContain('401');
    expect(String(err1)).not.toContain('not-the-key-9f3a');
    expect(s1.logLines.join('\n')).not.toContain('not-the-key-9f3a');

    // Not JSON at all, or a field missing: named, the value not repeated.
    const bad = '/streamalert/collectors/duo_telephony_bad';
    await putCredential(aws, bad, 'secret_key=plain-text-secret-77');
    const s2 = setupFor(bad);
    const err2 = await invoke({ ...s2, name: 'duo_tel_bad' }).catch((e: Error) => e);
    expect(String(err2)).toContain('the credential is not JSON');
    expect(String(err2)).not.toContain('plain-text-secret-77');
    await putCredential(aws, bad, JSON.stringify({ integration_key: 'only-the-ikey-51' }));
    const err3 = await invoke({ ...s2, name: 'duo_tel_bad2' }).catch((e: Error) => e);
    expect(String(err3)).toContain('no string field "secret_key"');
    expect(String(err3)).not.toContain('only-the-ikey-51');
    expect(s2.logLines.join('\n')).not.toMatch(/plain-text-secret-77|only-the-ikey-51/);
  }, 60_000);
});
