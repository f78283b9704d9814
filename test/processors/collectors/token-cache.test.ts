/**
 * OAuth access tokens (Google Workspace's JWT exchange, Microsoft 365's and Box's client
 * credentials) are kept across warm invocations: against a local stand-in of each token
 * endpoint and API, a second invocation of the same function asks for no new token, and a
 * token the API refuses (401) is asked for again once, in the same invocation, which still
 * delivers every event once. The cache itself: renewed shortly before expiry, a rotated
 * credential is another token, a token without a lifetime is not kept.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checkpoint, CheckpointStore } from '../../../src/processors/collectors/checkpoint.js';
import { runCollector } from '../../../src/processors/collectors/collector.js';
import type { RecordSink } from '../../../src/processors/collectors/kinesis.js';
import type { CollectorSource } from '../../../src/processors/collectors/source.js';
import { boxSource } from '../../../src/processors/collectors/sources/box.js';
import { googleWorkspaceSource } from '../../../src/processors/collectors/sources/google-workspace.js';
import { m365Source } from '../../../src/processors/collectors/sources/m365.js';
import {
  createTokenCache,
  RENEW_BEFORE_MS,
} from '../../../src/processors/collectors/sources/token-cache.js';
import { createLogger } from '../../../src/processors/shared/logger.js';

/** A checkpoint in memory: one function's invocations share it, as they share DynamoDB. */
function memoryStore(): CheckpointStore {
  let saved: Checkpoint = { seen: new Map() };
  return {
    acquire: async () => ({ watermark: saved.watermark, seen: new Map(saved.seen) }),
    save: async (_owner, cp) => {
      saved = { watermark: cp.watermark, seen: new Map(cp.seen) };
    },
    release: async () => {},
  };
}

function memorySink(out: string[]): RecordSink {
  return {
    async put(events, delivered) {
      for (const e of events) {
        out.push(e.id);
        delivered(e);
      }
    },
  };
}

/**
 * A stand-in of a token endpoint and an API: `tokenRequests` counts the tokens asked for;
 * `revoke()` makes the API refuse every token issued so far (401), as after a rotation.
 */
interface StandIn {
  url: string;
  tokenRequests: number;
  refused: number;
  revoke(): void;
  close(): Promise<void>;
}

async function standIn(
  isTokenRequest: (path: string) => boolean,
  api: (path: string, url: URL) => unknown,
): Promise<StandIn> {
  const valid = new Set<string>();
  const state = { tokenRequests: 0, refused: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method === 'POST' && isTokenRequest(url.pathname)) {
        state.tokenRequests++;
        const token = `tok-${state.tokenRequests}`;
        valid.add(token);
        return send(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !valid.has(bearer)) {
        state.refused++;
        return send(401, { error: 'invalid_token' });
      }
      send(200, api(url.pathname, url));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get tokenRequests() {
      return state.tokenRequests;
    },
    get refused() {
      return state.refused;
    },
    revoke: () => valid.clear(),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const servers: StandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** One invocation of the function, its source (and so its token cache) kept warm. */
function invoke(
  source: CollectorSource,
  credential: string,
  settings: Record<string, string>,
  store: CheckpointStore,
  out: string[],
) {
  return runCollector(
    {
      name: 'c',
      source,
      settings,
      store,
      sink: memorySink(out),
      readCredential: async () => credential,
      logger: createLogger({ level: 'error', metrics: false, write: () => {} }),
      overlapMs: 10 * 60_000,
      initialLookbackMs: 3600_000,
      leaseMs: 60_000,
      http: { backoffMs: 1, sleep: async () => {} },
    },
    Date.now() + 30_000,
  );
}

interface Case {
  name: string;
  setup(): Promise<{
    api: StandIn;
    source: CollectorSource;
    credential: string;
    settings: Record<string, string>;
  }>;
}

/** Events a minute apart over the last half hour, newest first where the API is. */
const times = Array.from({ length: 5 }, (_, i) => Date.now() - (30 - i * 5) * 60_000);

const CASES: Case[] = [
  {
    name: 'Box (client credentials)',
    async setup() {
      const api = await standIn(
        (p) => p === '/oauth2/token',
        (_p, url) =>
          url.searchParams.get('stream_position')
            ? { entries: [], next_stream_position: '2' }
            : {
                entries: times
                  .map((t, i) => ({ event_id: `box-${i}`, created_at: new Date(t).toISOString() }))
                  .filter(
                    (e) =>
                      Date.parse(e.created_at) >=
                      Date.parse(url.searchParams.get('created_after')!),
                  ),
                next_stream_position: '1',
              },
      );
      return {
        api,
        source: boxSource({ tokens: createTokenCache() }),
        credential: JSON.stringify({ client_id: 'cid', client_secret: 'cs' }),
        settings: { enterprise_id: '42', hostname: api.url },
      };
    },
  },
  {
    name: 'Microsoft 365 (client credentials)',
    async setup() {
      // The blob URIs name the stand-in itself: read only once it listens.
      const api: StandIn = await standIn(
        (p) => p === '/tenant-1/oauth2/v2.0/token',
        (p, url) => {
          if (p.endsWith('/subscriptions/list'))
            return ['Audit.General'].map((contentType) => ({ contentType, status: 'enabled' }));
          if (p.endsWith('/subscriptions/content'))
            return url.searchParams.get('contentType') === 'Audit.General'
              ? times
                  .map((t, i) => ({
                    contentType: 'Audit.General',
                    contentId: `blob-${i}`,
                    contentUri: `${api.url}/blobs/${i}`,
                    contentCreated: new Date(t).toISOString(),
                  }))
                  .filter(
                    (b) =>
                      Date.parse(b.contentCreated) >=
                      Date.parse(`${url.searchParams.get('startTime')!}Z`),
                  )
              : [];
          const i = p.split('/').pop();
          return [{ Id: `m365-${i}`, CreationTime: new Date().toISOString() }];
        },
      );
      return {
        api,
        source: m365Source({ tokens: createTokenCache() }),
        credential: JSON.stringify({ tenant_id: 'tenant-1', client_id: 'c', client_secret: 's' }),
        settings: { hostname: api.url, login_hostname: api.url, content_types: 'Audit.General' },
      };
    },
  },
  {
    name: 'Google Workspace (service account JWT)',
    async setup() {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const api = await standIn(
        (p) => p === '/token',
        (p, url) => ({
          items: p.endsWith('/login')
            ? times
                .filter((t) => t >= Date.parse(url.searchParams.get('startTime')!))
                .reverse()
                .map((t, i) => ({
                  id: {
                    time: new Date(t).toISOString(),
                    uniqueQualifier: `g${t}`,
                    applicationName: 'login',
                  },
                  events: [{ name: `e${i}` }],
                }))
            : [],
        }),
      );
      return {
        api,
        source: googleWorkspaceSource({ tokens: createTokenCache() }),
        credential: JSON.stringify({
          client_email: 'sa@p.iam.gserviceaccount.com',
          private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
        }),
        settings: {
          subject: 'admin@acme.example',
          applications: 'login',
          hostname: api.url,
          oauth_url: `${api.url}/token`,
        },
      };
    },
  },
];

describe('OAuth tokens across warm invocations', () => {
  it.each(CASES)(
    '$name: one token for two invocations; a refused one is asked for once more',
    async (c) => {
      const { api, source, credential, settings } = await c.setup();
      servers.push(api);
      const store = memoryStore();
      const out: string[] = [];

      expect((await invoke(source, credential, settings, store, out)).status).toBe('done');
      expect(out).toHaveLength(5);
      expect(api.tokenRequests).toBe(1);
      // A warm invocation a minute later: the kept token, no token request.
      expect((await invoke(source, credential, settings, store, out)).status).toBe('done');
      expect(api.tokenRequests).toBe(1);

      // The API stops taking it (revoked, its secret rotated): one 401, one new token, done.
      api.revoke();
      expect((await invoke(source, credential, settings, store, out)).status).toBe('done');
      expect(api.refused).toBe(1);
      expect(api.tokenRequests).toBe(2);
      // And the new one is kept in turn.
      expect((await invoke(source, credential, settings, store, out)).status).toBe('done');
      expect(api.tokenRequests).toBe(2);
      // Every event once, across the four invocations.
      expect(new Set(out).size).toBe(5);
      expect(out).toHaveLength(5);
    },
  );
});

describe('the token cache', () => {
  it('renews shortly before expiry, keys by credential and keeps nothing without a lifetime', async () => {
    let now = 1_000_000;
    const cache = createTokenCache(() => now);
    let n = 0;
    const issue = (expiresInSec?: number) => async () => ({ token: `t${++n}`, expiresInSec });

    expect(await cache.get(['url', 'secret-1'], issue(3600))).toBe('t1');
    now += 3600_000 - RENEW_BEFORE_MS - 1;
    expect(await cache.get(['url', 'secret-1'], issue(3600))).toBe('t1');
    now += 1;
    expect(await cache.get(['url', 'secret-1'], issue(3600))).toBe('t2');
    // A rotated secret is another token.
    expect(await cache.get(['url', 'secret-2'], issue(3600))).toBe('t3');
    cache.drop(['url', 'secret-2']);
    expect(await cache.get(['url', 'secret-2'], issue(3600))).toBe('t4');
    // No lifetime, or one inside the renewal margin: asked for every time.
    expect(await cache.get(['other'], issue())).toBe('t5');
    expect(await cache.get(['other'], issue(60))).toBe('t6');
    expect(await cache.get(['other'], issue())).toBe('t7');
  });
});
