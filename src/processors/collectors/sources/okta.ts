/**
 * Okta System Log (`GET /api/v1/logs`): a bounded query (`since`, `until` on `published`),
 * oldest first (`sortOrder=ASCENDING`), up to 1,000 events a page, the next page in the
 * Link header (`rel="next"`, an `after` cursor). Authorization `SSWS <API token>`; a 429
 * carries X-Rate-Limit-Reset (epoch seconds), which the HTTP client waits for. Each event's
 * id is `uuid`, its time `published`.
 *
 * Settings: `hostname` (your-org.okta.com). Credential: `{"api_token": "..."}`.
 */
import { HttpError, nextLink } from '../http.js';
import { type CollectedEvent, type CollectorSource, credentialFields } from '../source.js';
import { baseUrl, eventTime, stringField } from './shared.js';

export const PAGE_LIMIT = 1000;

export const okta: CollectorSource = {
  type: 'okta',
  logTypes: ['okta:system_log'],
  requiredSettings: ['hostname'],
  async *pages({ since, until, credential, settings, http }) {
    const { api_token } = credentialFields('okta', credential, ['api_token']);
    const base = baseUrl(settings.hostname ?? '');
    const first = new URL('/api/v1/logs', base);
    first.searchParams.set('since', new Date(since).toISOString());
    first.searchParams.set('until', new Date(until).toISOString());
    first.searchParams.set('sortOrder', 'ASCENDING');
    first.searchParams.set('limit', String(PAGE_LIMIT));
    let url: string | undefined = first.href;
    while (url) {
      const res = await http.get({ url, headers: { authorization: `SSWS ${api_token}` } });
      if (!Array.isArray(res.body)) throw new HttpError('okta: /api/v1/logs did not answer a list');
      const events: CollectedEvent[] = res.body.map((e: unknown) => ({
        id: stringField('okta', e, 'uuid'),
        time: eventTime('okta', e, 'published'),
        record: e,
      }));
      yield { events };
      // A page with nothing more is the end even when Okta still sends a next link.
      url = events.length === 0 ? undefined : nextLink(res.headers, url);
    }
  },
};
