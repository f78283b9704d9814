/**
 * The Microsoft 365 Management Activity collector against a local stand-in of Entra ID's
 * token endpoint and the Activity API: client credentials (a token is bound to the secret
 * that got it: rotating the secret refuses the old token), subscriptions/list and /start,
 * content listings by `contentCreated` with `startTime`/`endTime` (refused over 24 h or
 * older than 7 days) and `NextPageUri` paging, content blobs of several events. Through the
 * shared fault run every event reaches the stream once and classifies as
 * m365:management_activity; a restart in the middle of a blob, windows of more than 24 h,
 * a subscription that cannot be started and a refused secret are checked on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/processors/collectors/http.js';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import type { CollectedEvent } from '../../../src/processors/collectors/source.js';
import { m365, M365_MAX_WINDOW_MS } from '../../../src/processors/collectors/sources/m365.js';
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
  type StandIn,
  type StandInEvent,
  startAws,
  startStandIn,
} from './harness.js';

const STREAM = 'acme_prod_m365';
const PARAM = '/streamalert/collectors/m365';
const TENANT = '7f3c1d2e-0000-4000-8000-00000000c0de';
const CLIENT = 'app-1234';
const TYPES = ['Audit.AzureActiveDirectory', 'Audit.Exchange', 'Audit.General'];
const LIST_PAGE = 7;
let aws: Aws;
let api: StandIn;
let serial = 0;
let secret = 'm365-secret-one';
const issued = new Map<string, string>();
/** The content types whose subscription is enabled; Audit.General starts disabled. */
const enabled = new Set(['Audit.AzureActiveDirectory', 'Audit.Exchange', 'DLP.All']);
const started: string[] = [];
/** Every listing asked for: its window, to check the 24 h limit. */
const listings: { start: number; end: number }[] = [];
/** Content type of each event: by its minute, so events of one time share one blob. */
const typeOf = (time: number) => TYPES[Math.floor(time / 60_000) % TYPES.length]!;
/** When set, subscriptions/start is refused (an app without the permission). */
let refuseStart = false;

function record(id: string, time: number): Record<string, unknown> {
  return {
    Id: id,
    RecordType: 15,
    // The event happened well before its blob was made available.
    CreationTime: new Date(time - 47 * 60_000).toISOString().slice(0, 19),
    Operation: 'UserLoggedIn',
    OrganizationId: TENANT,
    UserType: 0,
    UserKey: '10032001',
    Workload: 'AzureActiveDirectory',
    ResultStatus: 'Success',
    ObjectId: 'Unknown',
    UserId: 'ada@example.com',
    ClientIP: '198.51.100.7',
    AzureActiveDirectoryEventType: 1,
    ExtendedProperties: [{ Name: 'UserAgent', Value: 'Mozilla/5.0' }],
    ModifiedProperties: [],
    Actor: [{ ID: 'ada@example.com', Type: 5 }],
    ActorContextId: TENANT,
    InterSystemsId: 'x',
    IntraSystemId: 'y',
    Target: [{ ID: 'app', Type: 0 }],
    TargetContextId: TENANT,
    ApplicationId: 'app',
    ErrorNumber: '0',
  };
}

beforeAll(async () => {
  aws = await startAws();
  await createStream(aws, STREAM);
  await putCredential(
    aws,
    PARAM,
    JSON.stringify({ tenant_id: TENANT, client_id: CLIENT, client_secret: secret }),
  );
  const feed = `/api/v1.0/${TENANT}/activity/feed/`;
  api = await startStandIn((req, url, visible, current, raw) => {
    if (req.method === 'POST' && url.pathname === `/${TENANT}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(raw);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('scope') !== `${api.url}/.default`
      )
        return { status: 400, body: { error: 'invalid_request' } };
      if (form.get('client_id') !== CLIENT || form.get('client_secret') !== current)
        return {
          status: 401,
          body: { error: 'invalid_client', error_description: 'AADSTS7000215: bad secret' },
        };
      const token = `eyJ.${issued.size + 1}`;
      issued.set(token, current);
      return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, access_token: token } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || issued.get(bearer) !== current) return undefined;
    if (url.searchParams.get('PublisherIdentifier') !== TENANT) return { status: 400, body: {} };
    const path = url.pathname.startsWith(feed) ? url.pathname.slice(feed.length) : '';
    if (path === 'subscriptions/list')
      return {
        status: 200,
        body: [...allTypes()].map((t) => ({
          contentType: t,
          status: enabled.has(t) ? 'enabled' : 'disabled',
          webhook: null,
        })),
      };
    if (path === 'subscriptions/start' && req.method === 'POST') {
      if (refuseStart) return { status: 403, body: { error: { code: 'AF10001' } } };
      const t = url.searchParams.get('contentType') ?? '';
      enabled.add(t);
      started.push(t);
      return { status: 200, body: { contentType: t, status: 'enabled', webhook: null } };
    }
    if (path === 'subscriptions/content') {
      const t = url.searchParams.get('contentType') ?? '';
      if (!enabled.has(t))
        return {
          status: 400,
          body: { error: { code: 'AF20022', message: 'No subscription found' } },
        };
      const start = Date.parse(`${url.searchParams.get('startTime')}Z`);
      const end = Date.parse(`${url.searchParams.get('endTime')}Z`);
      if (!(end > start) || end - start > M365_MAX_WINDOW_MS || start < Date.now() - 7 * 86400_000)
        return { status: 400, body: { error: { code: 'AF20055', message: 'bad window' } } };
      listings.push({ start, end });
      // One blob per (content type, time) among the visible events.
      const times = [
        ...new Set(
          visible
            .filter((e) => typeOf(e.time) === t && e.time >= start && e.time < end)
            .map((e) => e.time),
        ),
      ];
      const from = Number(url.searchParams.get('nextPage') ?? '0');
      const page = times.slice(from, from + LIST_PAGE);
      const headers: Record<string, string> = {};
      if (from + LIST_PAGE < times.length) {
        const next = new URL(url.href);
        next.searchParams.set('nextPage', String(from + LIST_PAGE));
        headers.NextPageUri = next.href;
      }
      return {
        status: 200,
        headers,
        body: page.map((time) => ({
          contentType: t,
          contentId: `${t}$${time}`,
          contentUri: `${api.url}${feed}audit/${encodeURIComponent(`${t}$${time}`)}?PublisherIdentifier=${TENANT}`,
          contentCreated: new Date(time).toISOString(),
          contentExpiration: new Date(time + 7 * 86400_000).toISOString(),
        })),
      };
    }
    if (path.startsWith('audit/')) {
      const [t, time] = decodeURIComponent(path.slice('audit/'.length)).split('$');
      return {
        status: 200,
        body: visible
          .filter((e) => e.time === Number(time) && typeOf(e.time) === t)
          .map((e) => e.body),
      };
    }
    return { status: 404, body: {} };
  }, secret);
}, 60_000);

function allTypes(): Set<string> {
  return new Set([...TYPES, 'Audit.SharePoint', 'DLP.All']);
}

afterAll(async () => {
  await api?.close();
  await aws?.moto.stop();
});

const setupFor = (parameter: string, name: string, stream = STREAM) => ({
  aws,
  source: m365,
  name,
  stream,
  parameter,
  settings: { hostname: api.url, login_hostname: api.url, content_types: TYPES.join(',') },
  logLines: [] as string[],
  waits: [] as number[],
});

const event = (time: number, visibleAt = time): StandInEvent => {
  const id = `4a7e${String(++serial).padStart(8, '0')}-5b1c-4d2e-9f30-0000000000aa`;
  return { id, time, visibleAt, body: record(id, time) };
};

describe('the Microsoft 365 Management Activity collector', () => {
  it('delivers every event exactly once across faults, restarts, late blobs and a rotation', async () => {
    const setup = setupFor(PARAM, 'm365_main');
    await exactlyOnce({
      setup,
      api,
      event,
      idOf: (r) => (r as { Id: string }).Id,
      rotate: async () => {
        secret = 'm365-secret-two';
        await putCredential(
          aws,
          PARAM,
          JSON.stringify({ tenant_id: TENANT, client_id: CLIENT, client_secret: secret }),
        );
        api.setToken(secret);
      },
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    // The subscription that was not started was started once, by the first poll.
    expect(started).toEqual(['Audit.General']);
    expect(setup.logLines.join('\n')).not.toMatch(/m365-secret-/);
    const records = await readStream(aws, STREAM);
    const classifier = createClassifier({
      logs: toLogs({ 'm365:management_activity': COLLECTOR_LOGS['m365:management_activity'] }),
      sources: toSources({ kinesis: { [STREAM]: { logs: ['m365'] } } }),
    });
    const candidates = classifier.candidates('kinesis', STREAM)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'm365:management_activity',
    );
  }, 90_000);

  it('resumes in the middle of a blob without losing or repeating an event', async () => {
    const stream = 'acme_prod_m365_blob';
    await createStream(aws, stream);
    const t = Math.floor((Date.now() - 3 * 3600_000) / 60_000) * 60_000;
    const mine = Array.from({ length: 64 }, () => event(t));
    api.events.push(...mine);
    const setup = { ...setupFor(PARAM, 'm365_blob', stream), batchSize: 10 };
    await expect(invoke({ ...setup, crashAfter: 25 })).rejects.toThrow('invocation killed');
    const second = await invoke(setup);
    expect(second.status).toBe('done');
    const records = (await readStream(aws, stream)) as { Id: string }[];
    const cmp = compareIds(
      mine.map((e) => e.id),
      records.map((r) => r.Id).filter((id) => mine.some((e) => e.id === id)),
    );
    expect(cmp).toEqual({ duplicated: [], lost: [], unexpected: [] });
    expect(second.duplicatesSkipped).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('splits a window of days into listings of at most 24 hours, none older than 7 days', async () => {
    const now = Date.now();
    const old = [9, 6.5, 5, 3.2, 1.5, 0.5].map((d) =>
      event(Math.floor((now - d * 86400_000) / 1000) * 1000),
    );
    api.events.push(...old);
    listings.length = 0;
    const http = createHttpClient({ deadline: now + 30_000, backoffMs: 5 });
    const got: CollectedEvent[] = [];
    for await (const page of m365.pages({
      since: now - 10 * 86400_000,
      until: now - 60_000,
      credential: JSON.stringify({ tenant_id: TENANT, client_id: CLIENT, client_secret: secret }),
      settings: { hostname: api.url, login_hostname: api.url, content_types: TYPES.join(',') },
      http,
    }))
      got.push(...page.events);
    expect(listings.length).toBeGreaterThanOrEqual(7 * TYPES.length);
    expect(listings.every((l) => l.end - l.start <= M365_MAX_WINDOW_MS)).toBe(true);
    expect(Math.min(...listings.map((l) => l.start))).toBeGreaterThan(now - 7 * 86400_000);
    const ids = new Set(got.map((e) => e.id));
    // The one 9 days old is past the API's retention; the other five come, oldest first.
    expect(old.slice(1).every((e) => ids.has(e.id))).toBe(true);
    expect(ids.has(old[0]!.id)).toBe(false);
    const times = got.map((e) => e.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  }, 60_000);

  it('names what is wrong: a content type, a subscription it may not start, a refused secret', async () => {
    const base = setupFor(PARAM, 'm365_errors');
    await expect(
      invoke({
        ...base,
        settings: { ...base.settings, content_types: 'Audit.Exchange,Audit.Teams' },
      }),
    ).rejects.toThrow('unknown "Audit.Teams"');

    refuseStart = true;
    await expect(
      invoke({
        ...base,
        name: 'm365_dlp',
        settings: { ...base.settings, content_types: 'Audit.SharePoint' },
      }),
    ).rejects.toThrow(
      /could not start the Audit.SharePoint subscription \(HTTP 403\).*ActivityFeed.Read/,
    );
    refuseStart = false;

    const wrong = '/streamalert/collectors/m365_wrong';
    await putCredential(
      aws,
      wrong,
      JSON.stringify({ tenant_id: TENANT, client_id: CLIENT, client_secret: 'wrong-secret-83b2' }),
    );
    const s = setupFor(wrong, 'm365_wrong');
    const err = await invoke(s).catch((e: Error) => e);
    expect(String(err)).toContain('refused the client credentials');
    expect(String(err)).not.toMatch(/wrong-secret-83b2|AADSTS/);
    expect(s.logLines.join('\n')).not.toContain('wrong-secret-83b2');
  }, 60_000);
});
