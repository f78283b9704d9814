/**
 * A collector made from a StreamAlert 3 app reads the credential the app stored, as the app
 * stored it (`<function>_auth`: Duo's api_hostname/integration_key/secret_key, G Suite's
 * keyfile/delegation_email, Box's JWT keyfile): each source gets its own credential and
 * the settings the secret held; a missing field is named, its value never.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/processors/collectors/http.js';
import type { CollectorSource, PageQuery } from '../../../src/processors/collectors/source.js';
import { canonicalParams, duoAuth } from '../../../src/processors/collectors/sources/duo.js';
import { streamalertAppSource } from '../../../src/processors/collectors/streamalert-app.js';
import { startStandIn } from './harness.js';

/** A source of `type` that records the query it was asked and yields nothing. */
function recording(type: string, requiredSettings: string[]) {
  const seen: PageQuery[] = [];
  const source: CollectorSource = {
    type,
    logTypes: [],
    requiredSettings,
    // eslint-disable-next-line require-yield
    async *pages(q) {
      seen.push(q);
    },
  };
  return { source, seen };
}

async function drain(source: CollectorSource, credential: string, settings = {}) {
  const http = createHttpClient({ deadline: Date.now() + 10_000 });
  const pages = [];
  for await (const p of source.pages({ since: 0, until: 1, credential, settings, http }))
    pages.push(p);
  return pages;
}

describe("a StreamAlert app's credential", () => {
  it('becomes the Duo, Google Workspace and Box credential and settings', async () => {
    const duo = recording('duo_auth', ['hostname']);
    const wrapped = streamalertAppSource(duo.source);
    // The hostname comes from the secret: the cluster file need not have it.
    expect(wrapped.requiredSettings).toEqual([]);
    await drain(
      wrapped,
      JSON.stringify({
        api_hostname: 'api-0123abcd.duosecurity.com',
        integration_key: 'DIWJ8X6AEYOR5OMC6TQ1',
        secret_key: 's'.repeat(40),
      }),
    );
    expect(JSON.parse(duo.seen[0]!.credential)).toEqual({
      integration_key: 'DIWJ8X6AEYOR5OMC6TQ1',
      secret_key: 's'.repeat(40),
    });
    expect(duo.seen[0]!.settings).toEqual({ hostname: 'api-0123abcd.duosecurity.com' });

    const google = recording('google_workspace', ['subject']);
    const key = {
      type: 'service_account',
      client_email: 'sa@p.iam.gserviceaccount.com',
      private_key: 'k',
    };
    await drain(
      streamalertAppSource(google.source),
      JSON.stringify({ keyfile: key, delegation_email: 'admin@acme.example' }),
      { applications: 'login' },
    );
    expect(JSON.parse(google.seen[0]!.credential)).toEqual(key);
    expect(google.seen[0]!.settings).toEqual({
      subject: 'admin@acme.example',
      applications: 'login',
    });

    const box = recording('box_events', ['enterprise_id']);
    await drain(
      streamalertAppSource(box.source),
      JSON.stringify({
        keyfile: {
          boxAppSettings: {
            clientID: 'cid',
            clientSecret: 'csecret',
            appAuth: { privateKey: 'p' },
          },
          enterpriseID: '424242',
        },
      }),
    );
    expect(JSON.parse(box.seen[0]!.credential)).toEqual({
      client_id: 'cid',
      client_secret: 'csecret',
    });
    expect(box.seen[0]!.settings).toEqual({ enterprise_id: '424242' });
  });

  it('names what is missing, never a value', async () => {
    const duo = streamalertAppSource(recording('duo_auth', ['hostname']).source);
    await expect(drain(duo, 'sk-not-json-1234')).rejects.toThrow(
      /^duo_auth: the StreamAlert app credential is not a JSON object/,
    );
    const err = await drain(
      duo,
      JSON.stringify({
        api_hostname: 'api-0123abcd.duosecurity.com',
        secret_key: 'hunter22hunter22',
      }),
    ).catch((e: Error) => e);
    expect((err as Error).message).toBe(
      'duo_auth: the StreamAlert app credential has no string "integration_key"',
    );
    const box = streamalertAppSource(recording('box_events', ['enterprise_id']).source);
    await expect(
      drain(box, JSON.stringify({ keyfile: { boxAppSettings: { clientID: 'c' } } })),
    ).rejects.toThrow(
      'box_events: the StreamAlert app credential has no string "boxAppSettings.clientSecret"',
    );
    expect(() => streamalertAppSource(recording('okta', ['hostname']).source)).toThrow(
      /okta: no StreamAlert app stored a credential/,
    );
  });

  it("signs Duo's requests with the app's keys against the host the app stored", async () => {
    const skey = 'x'.repeat(40);
    const api = await startStandIn((req, url, _visible, secret) => {
      const canon = [
        req.headers.date,
        'GET',
        url.host.toLowerCase(),
        url.pathname,
        canonicalParams(Object.fromEntries(url.searchParams)),
      ].join('\n');
      const sig = createHmac('sha1', secret).update(canon).digest('hex');
      const ok =
        req.headers.authorization ===
        `Basic ${Buffer.from(`DIWJ8X6AEYOR5OMC6TQ1:${sig}`).toString('base64')}`;
      if (!ok) return undefined;
      const entry = { txid: 't1', timestamp: 1000, user: { name: 'ada' } };
      return {
        status: 200,
        body: { stat: 'OK', response: { authlogs: [entry], metadata: { next_offset: null } } },
      };
    }, skey);
    try {
      const pages = await drain(
        streamalertAppSource(duoAuth),
        JSON.stringify({
          api_hostname: api.url,
          integration_key: 'DIWJ8X6AEYOR5OMC6TQ1',
          secret_key: skey,
        }),
      );
      expect(pages.flatMap((p) => p.events.map((e) => e.id))).toEqual(['t1']);
      expect(api.refused).toBe(0);
    } finally {
      await api.close();
    }
  });
});
