/**
 * Slack audit logs of an Enterprise Grid organization (`GET /audit/v1/logs`): `oldest` and
 * `latest` in epoch seconds (both inclusive), `limit` up to 9,999, cursor paging through the
 * answer's `response_metadata.next_cursor`. The API answers newest first and has no other
 * order: `oldestFirst` reads each slice of the window whole and hands it to the core oldest
 * first. A user token (`xoxp-`) of the organization's owner with the `auditlogs:read` scope, as
 * `Bearer`; every method is rate tier 3 (about 50 requests a minute for the whole
 * organization), and a 429 carries Retry-After, which the HTTP client waits for. Each entry's
 * id is `id`, its time `date_create` (epoch seconds).
 *
 * Lateness: Slack documents none; the window ends a minute before now and the overlap window
 * catches entries shown later.
 *
 * Settings: `hostname` (default api.slack.com). Credential: `{"token": "xoxp-..."}`.
 */
import { HttpError, UnauthorizedError } from '../http.js';
import { type CollectedEvent, type CollectorSource, credentialFields } from '../source.js';
import { oldestFirst } from './newest-first.js';
import { baseUrl, eventTime, stringField } from './shared.js';

const TYPE = 'slack_audit';
const PAGE_SIZE = 5000;
/** Slack's answers for a token it no longer takes: read the credential again (rotation). */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
]);

export interface SlackAuditOptions {
  /** Most entries one slice of the window may hold in memory (default 10,000). */
  readonly maxEvents?: number;
}

export function slackAuditSource(options: SlackAuditOptions = {}): CollectorSource {
  return {
    type: TYPE,
    logTypes: ['slack:audit'],
    delayMs: 60_000,
    requiredSettings: [],
    async *pages({ since, until, credential, settings, http }) {
      const { token } = credentialFields(TYPE, credential, ['token']);
      const base = baseUrl(settings.hostname ?? 'api.slack.com').replace(/\/?$/, '/');
      const headers = { authorization: `Bearer ${token}` };
      yield* oldestFirst({
        since,
        until,
        granularityMs: 1000,
        maxEvents: options.maxEvents ?? 10_000,
        pageSize: PAGE_SIZE,
        readSlice: async (from, to, max) => {
          const first = new URL('audit/v1/logs', base);
          first.searchParams.set('oldest', String(from / 1000));
          first.searchParams.set('latest', String(to / 1000));
          first.searchParams.set('limit', String(PAGE_SIZE));
          const out: CollectedEvent[] = [];
          let cursor: string | undefined;
          for (;;) {
            const url = new URL(first.href);
            if (cursor) url.searchParams.set('cursor', cursor);
            const res = await http.get({ url: url.href, headers });
            const body = res.body as {
              ok?: unknown;
              error?: unknown;
              entries?: unknown;
              response_metadata?: { next_cursor?: unknown };
            } | null;
            if (body?.ok === false) {
              // Slack's error codes are short identifiers; anything else is not repeated.
              const code =
                typeof body.error === 'string' && /^[a-z_]{1,64}$/.test(body.error)
                  ? body.error
                  : 'unknown';
              if (REFUSED.has(code))
                throw new UnauthorizedError(`${TYPE}: the token was refused (${code})`);
              throw new HttpError(`${TYPE}: Slack answered ${code}`);
            }
            if (!Array.isArray(body?.entries))
              throw new HttpError(`${TYPE}: no entries in the answer`);
            for (const e of body.entries)
              out.push({
                id: stringField(TYPE, e, 'id'),
                time: eventTime(TYPE, e, 'date_create', 's'),
                record: e,
              });
            if (out.length > max) return undefined;
            const next = body.response_metadata?.next_cursor;
            if (typeof next !== 'string' || next === '' || body.entries.length === 0) return out;
            cursor = next;
          }
        },
      });
    },
  };
}

export const slackAudit = slackAuditSource();
