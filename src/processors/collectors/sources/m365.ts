/**
 * Microsoft 365 Management Activity API (the unified audit log). The API does not list
 * events by when they happened: it lists content blobs by when each became available
 * (`contentCreated`), and a blob holds events of any age (Microsoft: events can take hours
 * to reach a blob, in no order). So the checkpoint follows `contentCreated`, not the
 * events' `CreationTime`: each event's collected time is its blob's `contentCreated`. An
 * event that is hours late arrives in a new blob with a new `contentCreated` and is read
 * like any other; the overlap window only has to cover the listing's own lag (a blob listed
 * a little after its `contentCreated`), and the window ends five minutes before now.
 *
 * Each poll: a token by client credentials at `login_hostname`
 * (`/{tenant}/oauth2/v2.0/token`, scope `<api>/.default`; kept across warm invocations until
 * five minutes before it expires, dropped when refused: token-cache.ts); `subscriptions/list`, and
 * `subscriptions/start` for every configured content type not enabled (a subscription only
 * collects from its start: doing it here means a new collector needs no manual step; a
 * refusal is a permanent error naming the permission); then, per window of at most 24 h
 * (the API's limit) and never older than 7 days (the API's retention), `subscriptions/content`
 * of every content type with `startTime`/`endTime`, following the `NextPageUri` header; the
 * blobs of all types sorted by `contentCreated` (oldest first, as the core needs) and each
 * fetched from its `contentUri`. Every request carries `PublisherIdentifier` (the tenant),
 * which gives the tenant its own throttling quota. Each event's id is `Id`.
 *
 * Settings: `content_types` (comma-separated; default the four Audit.* types), `hostname`
 * (default manage.office.com; GCC High manage.office365.us), `login_hostname` (default
 * login.microsoftonline.com). Credential: `{"tenant_id", "client_id", "client_secret"}`.
 */
import { HttpError, type HttpClient } from '../http.js';
import {
  type CollectedEvent,
  type CollectorSource,
  credentialFields,
  PermanentError,
} from '../source.js';
import { clientCredentialsToken } from './oauth.js';
import { createTokenCache, droppingOnRefusal, type TokenCache } from './token-cache.js';
import { baseUrl, stringField } from './shared.js';

const TYPE = 'm365_activity';
export const M365_CONTENT_TYPES = [
  'Audit.AzureActiveDirectory',
  'Audit.Exchange',
  'Audit.SharePoint',
  'Audit.General',
  'DLP.All',
] as const;
/** DLP.All carries sensitive data and needs its own permission: asked for, not assumed. */
export const M365_DEFAULT_CONTENT_TYPES = M365_CONTENT_TYPES.filter((t) => t !== 'DLP.All');
const TYPES_RE = M365_CONTENT_TYPES.map((t) => t.replace('.', '\\.')).join('|');
export const M365_MAX_WINDOW_MS = 24 * 3600_000;
/** The API lists no content older than 7 days; a margin for the clock and the request. */
export const M365_RETENTION_MS = 7 * 24 * 3600_000 - 10 * 60_000;

interface Blob {
  contentType: string;
  contentId: string;
  contentUri: string;
  created: number;
}

/** The API's time format: UTC to the second, no zone designator. */
const apiTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);

export function contentTypes(setting: string | undefined): string[] {
  if (setting === undefined) return [...M365_DEFAULT_CONTENT_TYPES];
  const types = [
    ...new Set(
      setting
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = types.filter((t) => !(M365_CONTENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0 || types.length === 0)
    throw new PermanentError(
      `${TYPE}: setting "content_types" has ${unknown.length ? `unknown ${unknown.map((t) => JSON.stringify(t.slice(0, 64))).join(', ')}` : 'no type'}; use a comma-separated list of ${M365_CONTENT_TYPES.join(', ')}`,
    );
  return types;
}

/** A URL the API gave (next page, content blob), refused when it leads to another origin. */
function sameOrigin(url: string, api: string, what: string): string {
  const u = new URL(url, api);
  if (u.origin !== new URL(api).origin)
    throw new HttpError(`${TYPE}: a ${what} leads to another origin (${u.origin})`);
  return u.href;
}

export interface M365Options {
  /** Where access tokens are kept between invocations (default: the container's). */
  readonly tokens?: TokenCache;
}

export function m365Source(options: M365Options = {}): CollectorSource {
  const tokens = options.tokens ?? createTokenCache();
  return {
    type: TYPE,
    logTypes: ['m365:management_activity'],
    delayMs: 5 * 60_000,
    requiredSettings: [],
    settingPatterns: {
      content_types: {
        pattern: `^ *(${TYPES_RE})( *, *(${TYPES_RE}))* *$`,
        message: `must be a comma-separated list of ${M365_CONTENT_TYPES.join(', ')}`,
      },
    },
    async *pages({ since, until, credential, settings, http: client }) {
      const types = contentTypes(settings.content_types);
      const { tenant_id, client_id, client_secret } = credentialFields(TYPE, credential, [
        'tenant_id',
        'client_id',
        'client_secret',
      ]);
      const api = baseUrl(settings.hostname ?? 'manage.office.com');
      const login = baseUrl(settings.login_hostname ?? 'login.microsoftonline.com');
      const tenant = encodeURIComponent(tenant_id);
      const tokenUrl = new URL(`/${tenant}/oauth2/v2.0/token`, login).href;
      const scope = `${new URL(api).origin}/.default`;
      const key = [tokenUrl, client_id, client_secret, scope];
      const token = await tokens.get(key, () =>
        clientCredentialsToken(client, TYPE, tokenUrl, { client_id, client_secret, scope }),
      );
      const http = droppingOnRefusal(client, tokens, key);
      const headers = { authorization: `Bearer ${token}` };
      const feed = new URL(`/api/v1.0/${tenant}/activity/feed/`, api);
      const endpoint = (path: string, params: Record<string, string> = {}) => {
        const u = new URL(path, feed);
        for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
        u.searchParams.set('PublisherIdentifier', tenant_id);
        return u.href;
      };

      await startSubscriptions(http, headers, endpoint, types);

      for (let start = Math.max(since, until - M365_RETENTION_MS); start < until;) {
        const end = Math.min(start + M365_MAX_WINDOW_MS, until);
        const blobs: Blob[] = [];
        for (const contentType of types) {
          let url: string | undefined = endpoint('subscriptions/content', {
            contentType,
            startTime: apiTime(start),
            endTime: apiTime(end),
          });
          while (url) {
            const res = await http.get({ url, headers });
            if (!Array.isArray(res.body))
              throw new HttpError(`${TYPE}: the content listing of ${contentType} is not a list`);
            for (const b of res.body as unknown[]) blobs.push(blob(b, api));
            const next = res.headers.get('nextpageuri');
            url = next ? sameOrigin(next, api, 'NextPageUri') : undefined;
          }
        }
        blobs.sort(
          (a, b) =>
            a.created - b.created ||
            (a.contentId < b.contentId ? -1 : a.contentId > b.contentId ? 1 : 0),
        );
        for (const b of blobs) {
          const res = await http.get({ url: b.contentUri, headers });
          if (!Array.isArray(res.body))
            throw new HttpError(`${TYPE}: content blob ${b.contentId.slice(0, 100)} is not a list`);
          const events: CollectedEvent[] = (res.body as unknown[]).map((e) => ({
            id: stringField(TYPE, e, 'Id'),
            time: b.created,
            record: e,
          }));
          yield { events };
        }
        start = end;
      }
    },
  };
}

export const m365 = m365Source();

function blob(b: unknown, api: string): Blob {
  const o = b as Record<string, unknown> | null;
  const created = typeof o?.contentCreated === 'string' ? Date.parse(o.contentCreated) : NaN;
  if (
    typeof o?.contentId !== 'string' ||
    typeof o.contentUri !== 'string' ||
    !Number.isFinite(created)
  )
    throw new HttpError(`${TYPE}: a content listing entry has no contentId, contentUri or time`);
  return {
    contentType: String(o.contentType),
    contentId: o.contentId,
    contentUri: sameOrigin(o.contentUri, api, 'contentUri'),
    created,
  };
}

/** Starts the subscriptions of `types` that are not enabled. */
async function startSubscriptions(
  http: HttpClient,
  headers: Record<string, string>,
  endpoint: (path: string, params?: Record<string, string>) => string,
  types: readonly string[],
): Promise<void> {
  const res = await http.get({ url: endpoint('subscriptions/list'), headers });
  if (!Array.isArray(res.body)) throw new HttpError(`${TYPE}: subscriptions/list is not a list`);
  const enabled = new Set(
    (res.body as { contentType?: unknown; status?: unknown }[])
      .filter((s) => String(s?.status).toLowerCase() === 'enabled')
      .map((s) => String(s?.contentType)),
  );
  for (const contentType of types) {
    if (enabled.has(contentType)) continue;
    try {
      await http.get({
        url: endpoint('subscriptions/start', { contentType }),
        headers,
        post: true,
      });
    } catch (err) {
      if (err instanceof HttpError && err.status !== undefined && err.status < 500)
        throw new PermanentError(
          `${TYPE}: could not start the ${contentType} subscription (HTTP ${err.status}): give the app the Office 365 Management APIs permission ActivityFeed.Read${contentType === 'DLP.All' ? ' and ActivityFeed.ReadDlp' : ''} with admin consent, and turn unified audit logging on`,
        );
      throw err;
    }
  }
}
