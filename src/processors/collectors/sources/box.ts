/**
 * Box enterprise events, the history stream (`GET /2.0/events?stream_type=admin_logs`):
 * the window as `created_after`/`created_before` (RFC 3339, whole seconds), up to 500
 * events a page, the next page from the answer's `next_stream_position`, until a page comes
 * back empty. `admin_logs` returns events in order and without duplicates but favours
 * completeness over latency: an event can show up a while after its time, so the window
 * ends two minutes before now and the overlap window (de-duplicated by `event_id`) catches
 * the later ones. Each event's id is `event_id`, its time `created_at`.
 *
 * Authentication: Client Credentials Grant of a Box Platform app for the enterprise
 * (`box_subject_type=enterprise`, `box_subject_id` the enterprise id) at `/oauth2/token` of
 * the same host; the token (an hour) is kept across warm invocations until five minutes
 * before it expires, and dropped when Box refuses it (token-cache.ts).
 *
 * Settings: `enterprise_id`; `hostname` (default api.box.com). Credential:
 * `{"client_id": "...", "client_secret": "..."}`.
 */
import { HttpError } from '../http.js';
import { type CollectedEvent, type CollectorSource, credentialFields } from '../source.js';
import { clientCredentialsToken } from './oauth.js';
import { createTokenCache, droppingOnRefusal, type TokenCache } from './token-cache.js';
import { baseUrl, eventTime, stringField } from './shared.js';

export const BOX_PAGE_LIMIT = 500;

/** RFC 3339 in whole seconds, as Box's filters take it. */
const rfc3339 = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export interface BoxOptions {
  /** Where access tokens are kept between invocations (default: the container's). */
  readonly tokens?: TokenCache;
}

export function boxSource(options: BoxOptions = {}): CollectorSource {
  const tokens = options.tokens ?? createTokenCache();
  return {
    type: 'box_events',
    logTypes: ['box:admin_logs'],
    delayMs: 2 * 60_000,
    requiredSettings: ['enterprise_id'],
    async *pages({ since, until, credential, settings, http: client }) {
      const { client_id, client_secret } = credentialFields('box_events', credential, [
        'client_id',
        'client_secret',
      ]);
      const base = baseUrl(settings.hostname ?? 'api.box.com');
      const tokenUrl = new URL('/oauth2/token', base).href;
      const enterprise = settings.enterprise_id ?? '';
      const key = [tokenUrl, client_id, client_secret, enterprise];
      const token = await tokens.get(key, () =>
        clientCredentialsToken(client, 'box_events', tokenUrl, {
          client_id,
          client_secret,
          box_subject_type: 'enterprise',
          box_subject_id: enterprise,
        }),
      );
      const http = droppingOnRefusal(client, tokens, key);
      const headers = { authorization: `Bearer ${token}` };
      let position: string | undefined;
      for (;;) {
        const url = new URL('/2.0/events', base);
        url.searchParams.set('stream_type', 'admin_logs');
        url.searchParams.set('created_after', rfc3339(since));
        url.searchParams.set('created_before', rfc3339(until));
        url.searchParams.set('limit', String(BOX_PAGE_LIMIT));
        if (position !== undefined) url.searchParams.set('stream_position', position);
        const res = await http.get({ url: url.href, headers });
        const body = res.body as { entries?: unknown; next_stream_position?: unknown } | null;
        if (!Array.isArray(body?.entries))
          throw new HttpError('box_events: no entries in the answer');
        const events: CollectedEvent[] = body.entries.map((e: unknown) => ({
          id: stringField('box_events', e, 'event_id'),
          time: eventTime('box_events', e, 'created_at'),
          record: e,
        }));
        yield { events };
        const next = body.next_stream_position;
        if (events.length === 0 || (typeof next !== 'string' && typeof next !== 'number')) return;
        // A position that does not move would ask for the same page forever.
        if (String(next) === position) return;
        position = String(next);
      }
    },
  };
}

export const box = boxSource();
