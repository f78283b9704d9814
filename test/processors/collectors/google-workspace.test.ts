/**
 * The Google Workspace Reports collector against a local stand-in of Google: a token endpoint
 * that checks the service account's signed JWT (RS256, subject, scope, audience) and hands out
 * access tokens, and `activities.list` per application answering newest first with
 * `nextPageToken` pages, 429s with Retry-After, 5xx, late activities and a rotated key; plus
 * a real moto (Kinesis, DynamoDB checkpoint, SSM credential). Across invocations that crash
 * in the middle of a window, stop at their time budget in the middle of a window, overlap and
 * retry, every activity reaches the stream exactly once, and records classify as
 * google_workspace:activity. The credential never shows in an error or a log line.
 */
import { createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTOR_LOGS } from '../../../src/processors/collectors/log-schemas.js';
import {
  applicationsOf,
  googleWorkspace,
  googleWorkspaceSource,
  SCOPE,
} from '../../../src/processors/collectors/sources/google-workspace.js';
import { SOURCES } from '../../../src/processors/collectors/sources/all.js';
import type { CollectorSource } from '../../../src/processors/collectors/source.js';
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

const SUBJECT = 'secops-admin@acme.example';
const CLIENT_EMAIL = 'streamalert-collector@acme-sec.iam.gserviceaccount.com';
const APPS = ['login', 'admin', 'drive'];
const PAGE = 20;

let aws: Aws;
const servers: StandIn[] = [];
let serial = 0;
/** The startTime of every activities request the stand-ins answered, in order. */
const starts: number[] = [];
/** Answer the next activities request with Google's 403 "rate limit exceeded". */
let rateLimitNext = false;

interface Key {
  privatePem: string;
  publicPem: string;
}
const newKey = (): Key => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
  };
};
/** The key JSON as the Google Cloud console hands it out. */
const keyJson = (k: Key) =>
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-sec',
    private_key_id: randomBytes(20).toString('hex'),
    private_key: k.privatePem,
    client_email: CLIENT_EMAIL,
    client_id: '104211111111111111111',
    token_uri: 'https://oauth2.googleapis.com/token',
  });

/** The secret part of a PEM: what must never be in an error or a log line. */
const keyBody = (k: Key) => k.privatePem.split('\n')[5] ?? 'unreachable';

/**
 * A stand-in of Google's token endpoint and Reports API. `current` (the stand-in's token) is
 * the public key of the service account key now valid; access tokens handed out under another
 * key are refused, as an expired one would be.
 */
async function startGoogle(firstKey: Key): Promise<StandIn> {
  const issued = new Map<string, string>();
  const api: { url?: string } = {};
  const route = (
    req: IncomingMessage,
    url: URL,
    visible: StandInEvent[],
    current: string,
    body: string,
  ) => {
    if (url.pathname === '/token') {
      const form = new URLSearchParams(body);
      if (
        req.method !== 'POST' ||
        req.headers['content-type'] !== 'application/x-www-form-urlencoded' ||
        form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer'
      )
        return { status: 400, body: { error: 'unsupported_grant_type' } };
      const [h, c, s] = (form.get('assertion') ?? '').split('.');
      const signedOk =
        h !== undefined &&
        c !== undefined &&
        s !== undefined &&
        JSON.parse(Buffer.from(h, 'base64url').toString()).alg === 'RS256' &&
        verify(
          'sha256',
          Buffer.from(`${h}.${c}`),
          createPublicKey(current),
          Buffer.from(s, 'base64url'),
        );
      if (!signedOk)
        return {
          status: 400,
          body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
        };
      const claims = JSON.parse(Buffer.from(c, 'base64url').toString());
      const now = Date.now() / 1000;
      if (
        claims.iss !== CLIENT_EMAIL ||
        claims.sub !== SUBJECT ||
        claims.scope !== SCOPE ||
        claims.aud !== `${api?.url}/token` ||
        !(claims.iat <= now + 5 && claims.exp > now && claims.exp - claims.iat <= 3600)
      )
        return { status: 400, body: { error: 'invalid_grant', error_description: 'claims' } };
      const token = `ya29.${randomBytes(12).toString('hex')}`;
      issued.set(token, current);
      return { status: 200, body: { access_token: token, expires_in: 3599, token_type: 'Bearer' } };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || issued.get(bearer) !== current) return undefined;
    const m = /^\/admin\/reports\/v1\/activity\/users\/all\/applications\/([a-z_]+)$/.exec(
      url.pathname,
    );
    if (!m || req.method !== 'GET') return { status: 404, body: {} };
    const start = Date.parse(url.searchParams.get('startTime') ?? '');
    const end = Date.parse(url.searchParams.get('endTime') ?? '');
    if (!Number.isFinite(start) || !Number.isFinite(end)) return { status: 400, body: {} };
    starts.push(start);
    if (rateLimitNext) {
      rateLimitNext = false;
      return {
        status: 403,
        body: {
          error: {
            code: 403,
            message: 'Rate Limit Exceeded',
            errors: [
              {
                domain: 'usageLimits',
                reason: 'rateLimitExceeded',
                message: 'Rate Limit Exceeded',
              },
            ],
          },
        },
      };
    }
    // startTime inclusive, endTime exclusive; newest first, the only order the API has.
    let rest = visible
      .filter((e) => (e.body.id as { applicationName: string }).applicationName === m[1])
      .filter((e) => e.time >= start && e.time < end)
      .reverse();
    const after = url.searchParams.get('pageToken');
    if (after) {
      const [t, id] = Buffer.from(after, 'base64url').toString().split('|');
      rest = rest.filter((e) => e.time < Number(t) || (e.time === Number(t) && e.id < (id ?? '')));
    }
    const page = rest.slice(0, Math.min(Number(url.searchParams.get('maxResults')), PAGE));
    const last = page.at(-1);
    return {
      status: 200,
      body: {
        kind: 'admin#reports#activities',
        items: page.map((e) => e.body),
        ...(last && rest.length > page.length
          ? { nextPageToken: Buffer.from(`${last.time}|${last.id}`).toString('base64url') }
          : {}),
      },
    };
  };
  const standIn = await startStandIn(route, firstKey.publicPem);
  api.url = standIn.url;
  servers.push(standIn);
  return standIn;
}

function activity(time: number, visibleAt = time): StandInEvent {
  const n = ++serial;
  const id = `-${String(n).padStart(9, '0')}`;
  const application = APPS[n % APPS.length] ?? 'login';
  return {
    id,
    time,
    visibleAt,
    body: {
      kind: 'admin#reports#activity',
      id: {
        time: new Date(time).toISOString(),
        uniqueQualifier: id,
        applicationName: application,
        customerId: 'C03az79cb',
      },
      etag: `"etag-${n}"`,
      actor: { email: 'ada@acme.example', profileId: '1147' },
      ipAddress: '198.51.100.7',
      ownerDomain: 'acme.example',
      events: [{ type: 'login', name: 'login_success', parameters: [] }],
    },
  };
}

/** Asks a source for its first page: what a bad credential or setting fails. */
const firstPage = <T>(pages: AsyncIterable<T>) => pages[Symbol.asyncIterator]().next();

const idOf = (r: unknown) => (r as { id: { uniqueQualifier: string } }).id.uniqueQualifier;

async function scenario(name: string, source: CollectorSource) {
  let key = newKey();
  const api = await startGoogle(key);
  const stream = `acme_prod_${name}`;
  const parameter = `/streamalert/collectors/${name}`;
  await createStream(aws, stream);
  await putCredential(aws, parameter, keyJson(key));
  const setup: RunSetup = {
    aws,
    source,
    name,
    stream,
    parameter,
    settings: {
      subject: SUBJECT,
      applications: APPS.join(','),
      hostname: api.url,
      oauth_url: `${api.url}/token`,
    },
    logLines: [],
    waits: [],
  };
  const keys = [key];
  const rotate = async () => {
    key = newKey();
    keys.push(key);
    await putCredential(aws, parameter, keyJson(key));
    api.setToken(key.publicPem);
  };
  return { api, setup, rotate, keys };
}

beforeAll(async () => {
  aws = await startAws();
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.close();
  await aws?.moto.stop();
});

describe('the Google Workspace collector', () => {
  it('delivers every activity of every application exactly once across faults, restarts, late activities and a key rotation', async () => {
    const { api, setup, rotate, keys } = await scenario('gws_main', googleWorkspace);
    await exactlyOnce({
      setup,
      api,
      event: activity,
      idOf,
      rotate,
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    // Newest-first pages were reordered: the stream got every application's activities.
    const records = await readStream(aws, setup.stream);
    const apps = new Set(
      records.map((r) => (r as { id: { applicationName: string } }).id.applicationName),
    );
    expect([...apps].sort()).toEqual([...APPS].sort());
    // No key, assertion or access token in any log line.
    const logs = setup.logLines.join('\n');
    for (const k of keys) expect(logs).not.toContain(keyBody(k));
    expect(logs).not.toMatch(/ya29\.|PRIVATE KEY|eyJhbGciOi/);

    const classifier = createClassifier({
      logs: toLogs({ 'google_workspace:activity': COLLECTOR_LOGS['google_workspace:activity'] }),
      sources: toSources({ kinesis: { [setup.stream]: { logs: ['google_workspace'] } } }),
    });
    const candidates = classifier.candidates('kinesis', setup.stream)!;
    expect(classifier.classify(JSON.stringify(records[0]), candidates)?.log.name).toBe(
      'google_workspace:activity',
    );
  }, 90_000);

  it('reads a window larger than it may hold in slices, oldest first, also when the time budget ends in the middle of one', async () => {
    // At most 25 activities held at once: the first poll's day of backlog is read in slices.
    const { api, setup, rotate } = await scenario(
      'gws_small',
      googleWorkspaceSource({ maxEvents: 25 }),
    );
    await exactlyOnce({
      setup,
      api,
      event: activity,
      idOf,
      rotate,
      rateLimited: () => ({ status: 429, headers: { 'retry-after': '1' } }),
    });
    const before = (await readStream(aws, setup.stream)).length;

    // 150 new activities over five minutes; a 429 asking for an hour ends the time budget in
    // the middle of the window, first at once, then after some slices went out.
    const t0 = Math.floor((Date.now() - 3 * 60_000 - 8 * 60_000) / 1000) * 1000;
    for (let i = 0; i < 150; i++) api.events.push(activity(t0 + i * 2000));
    api.faults.plan.set(api.requests + 3, { status: 429, headers: { 'retry-after': '3600' } });
    const first = await invoke(setup);
    expect(first.status).toBe('out-of-time');
    // The second stop: the request after the first one reading past the middle of the new
    // activities, so the slices before it went out.
    const seen = starts.length;
    api.onRequest = async (n) => {
      if (starts.slice(seen).some((t) => t > t0 + 150_000) && !api.faults.plan.size) {
        api.faults.plan.set(n, { status: 429, headers: { 'retry-after': '3600' } });
        api.onRequest = undefined;
      }
    };
    api.faults.plan.clear();
    const second = await invoke(setup);
    expect(second.status).toBe('out-of-time');
    expect(second.delivered).toBeGreaterThan(0);
    expect(second.delivered).toBeLessThan(150);
    const third = await invoke(setup);
    expect(third.status).toBe('done');
    expect(first.delivered + second.delivered + third.delivered).toBe(150);

    // Google's own way of saying "slow down": a 403 with a rate-limit reason, waited for.
    for (let i = 0; i < 3; i++) api.events.push(activity(t0 + 301_000 + i * 1000));
    rateLimitNext = true;
    const waits = setup.waits.length;
    expect(await invoke(setup)).toMatchObject({ status: 'done', delivered: 3 });
    expect(rateLimitNext).toBe(false);
    expect(setup.waits.length).toBeGreaterThan(waits);

    const records = await readStream(aws, setup.stream);
    expect(records.length - before).toBe(153);
    expect(
      compareIds(
        api.events.map((e) => e.id),
        records.map(idOf),
      ),
    ).toEqual({
      duplicated: [],
      lost: [],
      unexpected: [],
    });
  }, 90_000);

  it('refuses a bad credential or setting without repeating the credential', async () => {
    const key = newKey();
    const http = { get: () => Promise.reject(new Error('no request expected')) };
    const run = (credential: string, settings: Record<string, string> = { subject: SUBJECT }) =>
      firstPage(googleWorkspace.pages({ since: 0, until: 1000, credential, settings, http })).then(
        () => 'no error',
        (e: Error) => e.message,
      );
    const secret = keyBody(key);
    const notJson = await run(`{"private_key": "${secret}"`);
    expect(notJson).toMatch(/credential is not JSON/);
    expect(notJson).not.toContain(secret);
    expect(await run(JSON.stringify({ private_key: key.privatePem }))).toMatch(
      /no string field "client_email"/,
    );
    const mangled = await run(
      JSON.stringify({
        client_email: CLIENT_EMAIL,
        private_key: key.privatePem.replace('MII', 'XYZ'),
      }),
    );
    expect(mangled).toMatch(/"private_key" is not a PEM private key/);
    expect(mangled).not.toContain(secret.slice(3, 40));
    expect(
      await run(keyJson(key), { subject: SUBJECT, applications: 'login,../../directory' }),
    ).toMatch(/"applications" must be Reports API application names/);
    expect(applicationsOf({})).toContain('login');
    expect(applicationsOf({ applications: ' calendar , calendar ' })).toEqual(['calendar']);
    // The cluster file's type.
    expect(SOURCES.google_workspace).toBe(googleWorkspace);
  });
});
