/**
 * GitHub audit log of an organization (`GET /orgs/{org}/audit-log`) or an enterprise
 * (`GET /enterprises/{enterprise}/audit-log`): the window as a search phrase
 * (`created:>=<since>`), oldest first (`order=asc`), 100 entries a page, cursor paging in
 * the Link header (`rel="next"`, an `after` cursor). A token with `read:audit_log`
 * (organization: an owner's; enterprise: an enterprise owner's) as `Bearer`. Rate limits
 * come as 403 or 429 with X-RateLimit-Remaining 0 and X-RateLimit-Reset, or Retry-After
 * (secondary limits): the HTTP client waits for them. Each entry's id is `_document_id`, its
 * time `@timestamp` (epoch ms).
 *
 * Settings: `organization` or `enterprise` (one of them); `hostname` (default
 * api.github.com; GitHub Enterprise Server: `ghe.example.com/api/v3`); `include` (web, git or
 * all; default all). Credential: `{"token": "..."}`.
 */
import { HttpError, nextLink } from '../http.js';
import {
  type CollectedEvent,
  type CollectorSource,
  credentialFields,
  PermanentError,
} from '../source.js';
import { baseUrl, eventTime, stringField } from './shared.js';

/** GitHub's search qualifiers take whole seconds: the window starts on one (inclusive). */
const isoSeconds = (ms: number) =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export const github: CollectorSource = {
  type: 'github_audit',
  logTypes: ['github:audit'],
  requiredSettings: [],
  async *pages({ since, credential, settings, http }) {
    const { token } = credentialFields('github_audit', credential, ['token']);
    const { organization, enterprise } = settings;
    if (!organization === !enterprise)
      throw new PermanentError('github_audit: set exactly one of "organization" and "enterprise"');
    const scope = organization
      ? `orgs/${encodeURIComponent(organization)}`
      : `enterprises/${encodeURIComponent(enterprise ?? '')}`;
    const base = baseUrl(settings.hostname ?? 'api.github.com').replace(/\/?$/, '/');
    const first = new URL(`${scope}/audit-log`, base);
    first.searchParams.set('phrase', `created:>=${isoSeconds(since)}`);
    first.searchParams.set('include', settings.include ?? 'all');
    first.searchParams.set('order', 'asc');
    first.searchParams.set('per_page', '100');
    const headers = {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
    };
    let url: string | undefined = first.href;
    while (url) {
      const res = await http.get({ url, headers });
      if (!Array.isArray(res.body))
        throw new HttpError('github_audit: the audit log did not answer a list');
      const events: CollectedEvent[] = res.body.map((e: unknown) => ({
        id: stringField('github_audit', e, '_document_id'),
        time: eventTime('github_audit', e, '@timestamp', 'ms'),
        record: e,
      }));
      yield { events };
      url = events.length === 0 ? undefined : nextLink(res.headers, url);
    }
  },
};
