/**
 * The GitHub audit log collector against a local stand-in of `/orgs/{org}/audit-log`
 * (cursor pages in the Link header, the `created:>=` phrase, 403 with
 * X-RateLimit-Remaining 0, 5xx, late events, a rotated token) and a real moto: every entry
 * reaches the stream exactly once, and classifies as github:audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import { github } from '../../../src/processors/collectors/sources/github.js';
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

const STREAM = 'acme_prod_github';
const PARAM = '/streamalert/collectors/github_org';
let aws: Aws;
let api: StandIn;
let serial = 0;
let token = 'ghp-one';

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(aws, PARAM, JSON.stringify({ token }));
  api = await startStandIn((req, url, visible, current) => {
    if (req.headers.authorization !== `Bearer ${current}`) return undefined;
    if (url.pathname !== '/orgs/acme/audit-log') return { status: 404, body: {} };
    if (url.searchParams.get('order') !== 'asc') return { status: 422, body: {} };
    const m = /^created:>=(\S+)$/.exec(url.searchParams.get('phrase') ?? '');
    if (!m?.[1]) return { status: 422, body: { message: 'bad phrase' } };
    const since = Date.parse(m[1]);
    let rest = visible.filter((e) => e.time >= since);
    const after = url.searchParams.get('after');
    if (after) {
      const [t, id] = after.split('_');
      rest = rest.filter((e) => e.time > Number(t) || (e.time === Number(t) && e.id > (id ?? '')));
    }
    const page = rest.slice(0, Math.min(Number(url.searchParams.get('per_page')), 30));
    const last = page.at(-1);
    const headers: Record<string, string> = {};
    // GitHub: a next link only while there is more.
    if (last && rest.length > page.length) {
      const next = new URL(url.href);
      next.searchParams.set('after', `${last.time}_${last.id}`);
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, headers, body: page.map((e) => e.body) };
  }, token);
}, 60_000);

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

describe('the GitHub audit log collector', () => {
  it('delivers every entry exactly once across faults, restarts, late entries and a rotation', async () => {
    const setup = {
      aws,
      source: github,
      name: 'github_org',
      stream: STREAM,
      parameter: PARAM,
      settings: { organization: 'acme', hostname: api.url },
      logLines: [],
      waits: [],
    };
    await exactlyOnce({
      setup,
      api,
      event: (time, visibleAt = time) => {
        const id = `doc${String(++serial).padStart(5, '0')}`;
        return {
          id,
          time,
          visibleAt,
          body: {
            _document_id: id,
            '@timestamp': time,
            created_at: time,
            action: 'repo.create',
            actor: 'ada',
          },
        };
      },
      idOf: (r) => (r as { _document_id: string })._document_id,
      rotate: async () => {
        token = 'ghp-two';
        await putCredential(aws, PARAM, JSON.stringify({ token }));
        api.setToken(token);
      },
      rateLimited: () => ({
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3),
        },
      }),
    });
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'github:audit': COLLECTOR_LOGS['github:audit'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['github'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'github:audit',
    );
  }, 60_000);

  it('wants exactly one of organization and enterprise', async () => {
    const { createHttpClient } = await import('../../../src/processors/collectors/http.js');
    const http = createHttpClient({ deadline: Date.now() + 1000 });
    const pages = github.pages({
      since: 0,
      until: 1,
      credential: '{"token":"t"}',
      settings: {},
      http,
    });
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toThrow('exactly one of');
  });
});
