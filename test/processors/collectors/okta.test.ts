/**
 * The Okta System Log collector against a local stand-in of /api/v1/logs (pages with a
 * Link next cursor, 429 with X-Rate-Limit-Reset or Retry-After, 5xx, late events, a token
 * rotated mid-run) and a real moto (Kinesis, DynamoDB checkpoint, SSM credential): across
 * invocations that crash mid-page, run out of time, overlap and retry, every event reaches
 * the stream exactly once, and the records classify as okta:system_log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoCheckpointStore } from '../../../src/processors/collectors/checkpoint.js';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { okta } from '../../../src/processors/collectors/sources/okta.js';
import { toLogs, toSources } from '../../../src/processors/config/convert.js';
import { createClassifier } from '../../../src/processors/rule-processor/classifier.js';
import {
  type Aws,
  compareIds,
  createStream,
  flakyKinesis,
  invoke,
  putCredential,
  readStream,
  type RunSetup,
  type StandIn,
  type StandInEvent,
  startAws,
  startStandIn,
  TABLE,
} from './harness.js';

const STREAM = 'acme_prod_stream_alert_kinesis';
const PARAM = '/streamalert/collectors/okta_main';
const PAGE = 25;

let aws: Aws;
let api: StandIn;
let serial = 0;

function oktaEvent(time: number, visibleAt = time): StandInEvent {
  const id = `ev-${String(++serial).padStart(5, '0')}`;
  return {
    id,
    time,
    visibleAt,
    body: {
      uuid: id,
      published: new Date(time).toISOString(),
      eventType: 'user.session.start',
      version: '0',
      severity: 'INFO',
      displayMessage: 'User login to Okta',
      actor: { id: '00u1', type: 'User', alternateId: 'ada@example.com' },
      client: { ipAddress: '198.51.100.7' },
      outcome: { result: 'SUCCESS' },
      target: [],
      transaction: { type: 'WEB', id: 'tx' },
      debugContext: { debugData: {} },
      authenticationContext: {},
      securityContext: {},
      request: { ipChain: [] },
    },
  };
}

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ api_token: 'tok-one' }));
  api = await startStandIn((req, url, visible, token) => {
    if (req.headers.authorization !== `SSWS ${token}`) return undefined;
    if (url.pathname !== '/api/v1/logs') return { status: 404, body: {} };
    const since = Date.parse(url.searchParams.get('since') ?? '');
    const until = Date.parse(url.searchParams.get('until') ?? '');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? '100'), PAGE);
    let inWindow = visible.filter((e) => e.time >= since && e.time < until);
    const after = url.searchParams.get('after');
    if (after) {
      const [t, id] = after.split('|');
      inWindow = inWindow.filter(
        (e) => e.time > Number(t) || (e.time === Number(t) && e.id > (id ?? '')),
      );
    }
    const page = inWindow.slice(0, limit);
    const last = page.at(-1);
    const next = new URL(url.href);
    // Okta's polling behaviour: a next link on every page, the last one too.
    if (last) next.searchParams.set('after', `${last.time}|${last.id}`);
    return {
      status: 200,
      headers: {
        link: `<${url.href}>; rel="self", <${next.href}>; rel="next"`,
        'x-rate-limit-limit': '120',
        'x-rate-limit-remaining': '100',
        'x-rate-limit-reset': String(Math.ceil(Date.now() / 1000) + 60),
      },
      body: page.map((e) => e.body),
    };
  }, 'tok-one');
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

describe('the Okta collector', () => {
  it('delivers every event exactly once across faults, restarts, late events and a rotation', async () => {
    const now = Date.now();
    // 400 events over the last six hours, several sharing a millisecond.
    for (let i = 0; i < 400; i++)
      api.events.push(oktaEvent(now - 6 * 3600_000 + Math.floor(i / 3) * 60_000));
    const setup: RunSetup = {
      aws,
      source: okta,
      name: 'okta_main',
      stream: STREAM,
      parameter: PARAM,
      settings: { hostname: api.url },
      logLines: [],
      waits: [],
      batchSize: 10,
    };

    // 1. Killed in the middle of a page (137 records in: the fifth page of 25).
    await expect(invoke({ ...setup, crashAfter: 137 })).rejects.toThrow('invocation killed');

    // 2. Rate limits both ways Okta says them, server errors, Kinesis refusing some records.
    const base = api.requests;
    const reset = String(Math.ceil(Date.now() / 1000) + 3);
    api.faults.plan.set(base + 2, { status: 429, headers: { 'x-rate-limit-reset': reset } });
    api.faults.plan.set(base + 4, { status: 503 });
    api.faults.plan.set(base + 5, { status: 500 });
    api.faults.plan.set(base + 7, { status: 429, headers: { 'retry-after': '1' } });
    const second = await invoke({
      ...setup,
      kinesis: flakyKinesis(aws.kinesis, (n) => n % 4 === 2),
    });
    expect(second.status).toBe('done');
    expect(setup.waits.some((w) => w >= 1000 && w <= 4000)).toBe(true); // the reset header
    expect(setup.waits).toContain(1000); // Retry-After: 1

    // 3. New events; the token is rotated during the run (SSM and Okta at once).
    const t3 = Date.now();
    for (let i = 0; i < 40; i++) api.events.push(oktaEvent(t3 - 60_000 + i));
    const rotateAt = api.requests + 2;
    api.onRequest = async (n) => {
      if (n !== rotateAt) return;
      await putCredential(aws, PARAM, JSON.stringify({ api_token: 'tok-two' }));
      api.setToken('tok-two');
    };
    const third = await invoke(setup);
    api.onRequest = undefined;
    expect(third).toMatchObject({ status: 'done', delivered: 40 });
    expect(api.refused).toBe(1);

    // Late events: their time two minutes behind the watermark, shown by the API only now;
    // and some the API shows a moment later still.
    for (let i = 0; i < 15; i++) api.events.push(oktaEvent(t3 - 3 * 60_000 + i * 1000));
    for (let i = 0; i < 10; i++) api.events.push(oktaEvent(t3 - 2 * 60_000, Date.now() + 1500));
    const late = await invoke(setup);
    expect(late).toMatchObject({ status: 'done', delivered: 15, lateEvents: 15 });
    expect(late.duplicatesSkipped).toBe(40); // the overlap window read again, skipped

    // 4. A 429 asking for longer than the time left: stop cleanly at the checkpoint.
    await new Promise((r) => setTimeout(r, 1600));
    api.faults.plan.set(api.requests + 1, { status: 429, headers: { 'retry-after': '3600' } });
    const fourth = await invoke(setup);
    expect(fourth.status).toBe('out-of-time');
    expect(fourth.delivered).toBe(0);

    // 5. Two invocations at once: one holds the lease, the other does nothing.
    const [a, b] = await Promise.all([invoke(setup), invoke(setup)]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'done']);
    expect(a.delivered + b.delivered).toBe(10); // the events shown late
    expect(a.lateEvents + b.lateEvents).toBe(10);

    // 6. An invocation that died holding the lease blocks the next until the lease expires.
    const store = dynamoCheckpointStore(aws.dynamo, TABLE, 'okta_main');
    expect(await store.acquire('dead-invocation', 400)).toBeDefined();
    expect((await invoke(setup)).status).toBe('busy');
    await new Promise((r) => setTimeout(r, 500));
    expect((await invoke(setup)).status).toBe('done');

    const records = (await readStream(aws, STREAM)) as { uuid: string }[];
    const cmp = compareIds(
      api.events.map((e) => e.id),
      records.map((r) => r.uuid),
    );
    expect(cmp).toEqual({ duplicated: [], lost: [], unexpected: [] });
    expect(records).toHaveLength(465);

    // The collector's metrics, and no credential in any log line.
    const metrics = setup.logLines.map((l) => JSON.parse(l)).filter((l) => l.metric_name);
    expect(
      metrics.filter((m) => m.metric_name === 'CollectorSuccessfulPoll').length,
    ).toBeGreaterThanOrEqual(5);
    expect(metrics.some((m) => m.metric_name === 'CollectorLagSeconds')).toBe(true);
    expect(metrics.some((m) => m.metric_name === 'CollectorErrors')).toBe(true);
    expect(setup.logLines.join('\n')).not.toMatch(/tok-one|tok-two/);

    // What reached the stream classifies as okta:system_log with the shipped schema.
    const classifier = createClassifier({
      logs: toLogs({ 'okta:system_log': COLLECTOR_LOGS['okta:system_log'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['okta'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    const first = classifier.classify(JSON.stringify(records[0]), candidates);
    expect(first?.log.name).toBe('okta:system_log');
    const sparse = {
      uuid: 'x',
      published: 'p',
      eventType: 'e',
      version: '0',
      severity: 'INFO',
      actor: {},
      outcome: {},
    };
    expect(classifier.classify(JSON.stringify(sparse), candidates)?.log.name).toBe(
      'okta:system_log',
    );
  }, 60_000);

  it('refuses a next link to another host and a plain-http hostname', async () => {
    const { createHttpClient, nextLink } =
      await import('../../../src/processors/collectors/http.js');
    const headers = new Headers({ link: '<https://evil.example/api/v1/logs?after=1>; rel="next"' });
    expect(() => nextLink(headers, 'https://acme.okta.com/api/v1/logs')).toThrow('another origin');
    const http = createHttpClient({ deadline: Date.now() + 1000 });
    await expect(http.get({ url: 'http://acme.okta.com/api/v1/logs' })).rejects.toThrow(
      'collectors call https URLs only',
    );
  });
});
