/**
 * Google Workspace Reports API (Admin SDK Reports v1, `activities.list`):
 * `GET /admin/reports/v1/activity/users/all/applications/{application}` with `startTime`,
 * `endTime` (RFC 3339), `maxResults=1000` and `pageToken` from the answer's `nextPageToken`,
 * for each application the collector reads (login, admin, drive, token, saml, groups, ...).
 * The API answers newest first and has no other order: `oldestFirst` reads each slice of the
 * window whole, across the applications, and hands it to the core oldest first.
 *
 * Authentication: a service account key (its JSON, as Google hands it out, is the credential)
 * with domain-wide delegation of the read-only audit scope. A poll with no kept token signs a JWT (RS256) that
 * names the delegated administrator as `sub` and trades it at the token endpoint for an access
 * token (an hour), kept across warm invocations until five minutes before it expires and
 * dropped when the API refuses it (token-cache.ts). The key never leaves the function; only
 * the signed assertion does, and only to the token endpoint.
 *
 * Each activity is one record (its `events` list keeps every event of the activity); its id is
 * application, time and `id.uniqueQualifier` (Google's qualifier of activities at the same
 * time), its time `id.time`.
 *
 * Lateness. Google documents how late each log shows in the API ("Data retention and lag
 * times", support.google.com/a/answer/7061566): most applications within a couple of minutes,
 * SAML usually within the hour, Calendar tens of minutes and up to a couple of hours, and "in
 * rare cases" later or never. The window ends three minutes before now (the common case, read
 * once), and the collector's overlap window (overlap_seconds) catches what comes later: the
 * default 600 s covers about thirteen minutes of lateness. A collector of Calendar (or SAML)
 * events needs an overlap above its lateness, e.g. 10,800 s; one watermark serves all the
 * applications of a collector, so such an application goes in a collector of its own rather
 * than making every application's overlap hours long (docs/collectors.md).
 *
 * Settings: `subject` (the administrator the service account acts as, required);
 * `applications` (comma-separated; default below); `customer_id`; `hostname` (default
 * admin.googleapis.com) and `oauth_url` (default https://oauth2.googleapis.com/token).
 * Credential: the service account key JSON (`client_email`, `private_key`).
 */
import { createHash, createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { type HttpClient, HttpError, UnauthorizedError } from '../http.js';
import {
  type CollectedEvent,
  type CollectorSource,
  credentialFields,
  PermanentError,
} from '../source.js';
import { oldestFirst } from './newest-first.js';
import {
  createTokenCache,
  droppingOnRefusal,
  expiresIn,
  type IssuedToken,
  type TokenCache,
} from './token-cache.js';
import { baseUrl } from './shared.js';

const TYPE = 'google_workspace';
export const SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';
const DEFAULT_OAUTH_URL = 'https://oauth2.googleapis.com/token';
/** The near-real-time applications: Calendar and Cloud Search lag by hours (see above). */
export const DEFAULT_APPLICATIONS = [
  'admin',
  'login',
  'token',
  'saml',
  'drive',
  'groups',
  'groups_enterprise',
  'user_accounts',
];
const APPLICATION = /^[a-z][a-z_]{0,39}$/;
const PAGE_SIZE = 1000;

/** The applications a collector reads, from its `applications` setting. */
export function applicationsOf(settings: Readonly<Record<string, string>>): string[] {
  const raw = settings.applications;
  if (raw === undefined) return DEFAULT_APPLICATIONS;
  const apps = [...new Set(raw.split(',').map((a) => a.trim()))].filter((a) => a !== '');
  const bad = apps.find((a) => !APPLICATION.test(a));
  if (bad !== undefined || apps.length === 0)
    throw new PermanentError(
      `${TYPE}: "applications" must be Reports API application names separated by commas (such as login,admin,drive)`,
    );
  return apps;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A signed JWT asking for `scope` as `subject` (RFC 7523), valid for an hour from `now`. */
export function signAssertion(
  key: { client_email: string; private_key: KeyObject },
  subject: string,
  audience: string,
  now: number,
): string {
  const iat = Math.floor(now / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(
    JSON.stringify({
      iss: key.client_email,
      sub: subject,
      scope: SCOPE,
      aud: audience,
      iat,
      exp: iat + 3600,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${claims}`), key.private_key);
  return `${header}.${claims}.${b64url(signature)}`;
}

/** The service account key from the credential; its value is never repeated in an error. */
function serviceAccount(credential: string): { client_email: string; private_key: KeyObject } {
  const { client_email, private_key } = credentialFields(TYPE, credential, [
    'client_email',
    'private_key',
  ]);
  let key: KeyObject;
  try {
    key = createPrivateKey(private_key);
  } catch {
    throw new PermanentError(
      `${TYPE}: the credential's "private_key" is not a PEM private key (the service account key JSON as Google hands it out)`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new PermanentError(`${TYPE}: the credential's "private_key" is not an RSA key`);
  return { client_email, private_key: key };
}

async function accessToken(
  http: HttpClient,
  credential: string,
  subject: string,
  oauthUrl: string,
): Promise<IssuedToken> {
  const key = serviceAccount(credential);
  const assertion = signAssertion(key, subject, oauthUrl, Date.now());
  let res;
  try {
    res = await http.get({
      url: oauthUrl,
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
    });
  } catch (err) {
    // A deleted or rotated key is "invalid_grant" (400): let the core read the credential again.
    if (err instanceof HttpError && err.status === 400 && /invalid_grant/.test(err.message))
      throw new UnauthorizedError(`${TYPE}: the token endpoint refused the service account key`);
    throw err;
  }
  const token = (res.body as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== 'string' || token === '')
    throw new HttpError(`${TYPE}: the token endpoint answered no access_token`);
  return { token, expiresInSec: expiresIn(res.body) };
}

/** An activity's id and time: application, `id.time` and `id.uniqueQualifier`. */
export function activityEvent(application: string, activity: unknown): CollectedEvent {
  const id = (activity as { id?: Record<string, unknown> } | null)?.id;
  const time = typeof id?.time === 'string' ? Date.parse(id.time) : NaN;
  if (!Number.isFinite(time))
    throw new HttpError(`${TYPE}: an ${application} activity has no id.time`);
  const app = typeof id?.applicationName === 'string' ? id.applicationName : application;
  const qualifier =
    typeof id?.uniqueQualifier === 'string' || typeof id?.uniqueQualifier === 'number'
      ? String(id.uniqueQualifier)
      : // No qualifier: the activity itself is what makes it unique.
        `sha256:${createHash('sha256').update(JSON.stringify(activity)).digest('hex')}`;
  return { id: `${app}/${new Date(time).toISOString()}/${qualifier}`, time, record: activity };
}

export interface GoogleWorkspaceOptions {
  /** Most activities one slice of the window may hold in memory (default 10,000). */
  readonly maxEvents?: number;
  /** Where access tokens are kept between invocations (default: the container's). */
  readonly tokens?: TokenCache;
}

export function googleWorkspaceSource(options: GoogleWorkspaceOptions = {}): CollectorSource {
  const tokens = options.tokens ?? createTokenCache();
  return {
    type: TYPE,
    logTypes: ['google_workspace:activity'],
    // Three minutes: most applications' documented lag ("a couple of minutes").
    delayMs: 3 * 60_000,
    requiredSettings: ['subject'],
    async *pages({ since, until, credential, settings, http: client }) {
      const applications = applicationsOf(settings);
      const subject = settings.subject ?? '';
      const oauthUrl = settings.oauth_url ?? DEFAULT_OAUTH_URL;
      const base = baseUrl(settings.hostname ?? 'admin.googleapis.com').replace(/\/?$/, '/');
      const key = [oauthUrl, credential, subject];
      const token = await tokens.get(key, () => accessToken(client, credential, subject, oauthUrl));
      const http = droppingOnRefusal(client, tokens, key);
      const headers = { authorization: `Bearer ${token}` };

      const readApplication = async (
        application: string,
        from: number,
        to: number,
        out: CollectedEvent[],
        max: number,
      ): Promise<boolean> => {
        const first = new URL(
          `admin/reports/v1/activity/users/all/applications/${encodeURIComponent(application)}`,
          base,
        );
        first.searchParams.set('startTime', new Date(from).toISOString());
        // One ms past the slice: the end is inclusive whichever way the API reads endTime.
        first.searchParams.set('endTime', new Date(to + 1).toISOString());
        first.searchParams.set('maxResults', String(PAGE_SIZE));
        if (settings.customer_id) first.searchParams.set('customerId', settings.customer_id);
        let pageToken: string | undefined;
        for (;;) {
          const url = new URL(first.href);
          if (pageToken) url.searchParams.set('pageToken', pageToken);
          const res = await http.get({ url: url.href, headers });
          const body = res.body as { items?: unknown; nextPageToken?: unknown } | null;
          const items = body?.items ?? [];
          if (!Array.isArray(items))
            throw new HttpError(`${TYPE}: the ${application} activities are not a list`);
          for (const a of items) out.push(activityEvent(application, a));
          if (out.length > max) return false;
          if (typeof body?.nextPageToken !== 'string' || body.nextPageToken === '' || !items.length)
            return true;
          pageToken = body.nextPageToken;
        }
      };

      yield* oldestFirst({
        since,
        until,
        granularityMs: 1,
        maxEvents: options.maxEvents ?? 10_000,
        pageSize: PAGE_SIZE,
        readSlice: async (from, to, max) => {
          const out: CollectedEvent[] = [];
          for (const app of applications)
            if (!(await readApplication(app, from, to, out, max))) return undefined;
          return out;
        },
      });
    },
  };
}

export const googleWorkspace = googleWorkspaceSource();
