/**
 * Duo Admin API logs, signed requests (HMAC-SHA1 of the canonical request: date, method,
 * host, path, sorted URL-encoded parameters; `Basic ikey:signature` with a `Date` header).
 * Duo shows a log entry up to two minutes after it happened: the window ends two minutes
 * before now.
 *
 * - `duo_auth`: `GET /admin/v2/logs/authentication`, `mintime`/`maxtime` in epoch ms, oldest
 *   first (`sort=ts:asc`), up to 1,000 a page; the next page's `next_offset` is the
 *   response's `metadata.next_offset` pair (timestamp, txid) joined by a comma. Id `txid`,
 *   time `timestamp` (epoch seconds; the v2 log has no finer time).
 * - `duo_telephony`: `GET /admin/v2/logs/telephony`, as the authentication log (ms, oldest
 *   first, `next_offset` from the metadata); entries under `items`, id `telephony_id` (else
 *   `txid`), time `ts` (ISO 8601).
 * - `duo_admin`: `GET /admin/v1/logs/administrator`, `mintime` in epoch seconds, the 1,000
 *   oldest entries from it; the next request starts at the last entry's second (entries of
 *   that second come again and are skipped as duplicates). Entries have no id: the id is a
 *   hash of the entry.
 *
 * Settings: `hostname` (api-xxxxxxxx.duosecurity.com). Credential:
 * `{"integration_key": "...", "secret_key": "..."}` of an Admin API application with the
 * "Grant read log" permission.
 */
import { createHash, createHmac } from 'node:crypto';
import { HttpError, type HttpClient } from '../http.js';
import { type CollectedEvent, type CollectorSource, credentialFields } from '../source.js';
import { baseUrl, eventTime, stringField } from './shared.js';

const DELAY_MS = 2 * 60_000;

/** Duo's parameter encoding: RFC 3986 unreserved characters kept, the rest %XX (upper case). */
const encode = (s: string) =>
  encodeURIComponent(s).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

export function canonicalParams(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
    .join('&');
}

/** The headers of a signed Duo GET. */
export function duoSign(
  creds: { integration_key: string; secret_key: string },
  host: string,
  path: string,
  params: Readonly<Record<string, string>>,
  date: Date,
): Record<string, string> {
  const rfc2822 = date.toUTCString().replace('GMT', '-0000');
  const canon = [rfc2822, 'GET', host.toLowerCase(), path, canonicalParams(params)].join('\n');
  const sig = createHmac('sha1', creds.secret_key).update(canon).digest('hex');
  return {
    date: rfc2822,
    authorization: `Basic ${Buffer.from(`${creds.integration_key}:${sig}`).toString('base64')}`,
  };
}

async function signedGet(
  http: HttpClient,
  credential: string,
  hostname: string,
  path: string,
  params: Record<string, string>,
  source: string,
) {
  const creds = credentialFields(source, credential, ['integration_key', 'secret_key']);
  const base = new URL(baseUrl(hostname));
  const url = new URL(path, base);
  url.search = canonicalParams(params);
  const res = await http.get({
    url: url.href,
    headers: duoSign(creds, base.host, path, params, new Date()),
  });
  const body = res.body as { stat?: string; response?: unknown } | null;
  if (body?.stat !== 'OK')
    throw new HttpError(`${source}: Duo answered stat ${String(body?.stat)}`);
  return body.response as Record<string, unknown> | unknown[] | undefined;
}

/**
 * A v2 log of the Admin API: `mintime`/`maxtime` in epoch ms, oldest first, up to 1,000 a
 * page, the next page's `next_offset` from `metadata.next_offset` (a [time, id] pair for the
 * authentication log, joined by a comma; a string as some v2 logs give it).
 */
function duoV2(o: {
  type: string;
  logType: string;
  path: string;
  /** The answer's key holding the entries. */
  list: string;
  /** Each entry's id field(s), the first one present wins. */
  id: readonly string[];
  time: { field: string; unit: 'iso' | 's' };
}): CollectorSource {
  return {
    type: o.type,
    logTypes: [o.logType],
    delayMs: DELAY_MS,
    requiredSettings: ['hostname'],
    async *pages({ since, until, credential, settings, http }) {
      let offset: string | undefined;
      for (;;) {
        const params: Record<string, string> = {
          mintime: String(Math.floor(since)),
          maxtime: String(Math.floor(until)),
          limit: '1000',
          sort: 'ts:asc',
          ...(offset ? { next_offset: offset } : {}),
        };
        const r = (await signedGet(
          http,
          credential,
          settings.hostname ?? '',
          o.path,
          params,
          o.type,
        )) as Record<string, unknown> & { metadata?: { next_offset?: unknown } };
        const entries = r?.[o.list];
        if (!Array.isArray(entries)) throw new HttpError(`${o.type}: no ${o.list} in the answer`);
        const events: CollectedEvent[] = entries.map((e: unknown) => ({
          id: entryId(o.type, e, o.id),
          time: eventTime(o.type, e, o.time.field, o.time.unit),
          record: e,
        }));
        yield { events };
        const next = r.metadata?.next_offset;
        if (events.length === 0) return;
        if (Array.isArray(next) && next.length > 0) offset = next.map(String).join(',');
        else if (typeof next === 'string' && next !== '') offset = next;
        else return;
      }
    },
  };
}

function entryId(source: string, e: unknown, fields: readonly string[]): string {
  for (const f of fields.slice(0, -1)) {
    const v = (e as Record<string, unknown> | null)?.[f];
    if (typeof v === 'string' && v !== '') return v;
  }
  return stringField(source, e, fields.at(-1) ?? '');
}

export const duoAuth = duoV2({
  type: 'duo_auth',
  logType: 'duo:authentication',
  path: '/admin/v2/logs/authentication',
  list: 'authlogs',
  id: ['txid'],
  time: { field: 'timestamp', unit: 's' },
});

/** Phone calls and SMS sent, and the credits they used (v2: `ts` is ISO 8601). */
export const duoTelephony = duoV2({
  type: 'duo_telephony',
  logType: 'duo:telephony',
  path: '/admin/v2/logs/telephony',
  list: 'items',
  id: ['telephony_id', 'txid'],
  time: { field: 'ts', unit: 'iso' },
});

export const duoAdmin: CollectorSource = {
  type: 'duo_admin',
  logTypes: ['duo:administrator'],
  delayMs: DELAY_MS,
  requiredSettings: ['hostname'],
  async *pages({ since, until, credential, settings, http }) {
    const path = '/admin/v1/logs/administrator';
    let mintime = Math.floor(since / 1000);
    for (;;) {
      const r = await signedGet(
        http,
        credential,
        settings.hostname ?? '',
        path,
        { mintime: String(mintime) },
        'duo_admin',
      );
      if (!Array.isArray(r)) throw new HttpError('duo_admin: the answer is not a list');
      const events: CollectedEvent[] = r
        .map((e: unknown) => ({
          id: createHash('sha256').update(JSON.stringify(e)).digest('hex'),
          time: eventTime('duo_admin', e, 'timestamp', 's'),
          record: e,
        }))
        .filter((e) => e.time <= until);
      yield { events };
      const last = events.at(-1);
      if (r.length < 1000 || !last) return;
      const lastSecond = Math.floor(last.time / 1000);
      // A full page of one second would ask for itself again: move on a second.
      mintime = lastSecond > mintime ? lastSecond : mintime + 1;
    }
  },
};
