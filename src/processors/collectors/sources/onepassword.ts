/**
 * 1Password Events API (Events Reporting): `POST /api/v1/signinattempts`, `/api/v1/itemusages`
 * or `/api/v1/auditevents`. The first request of a window sends a reset cursor
 * (`{"limit", "start_time", "end_time"}`), each next one the answer's `cursor`, while
 * `has_more` is true; items come oldest first. A bearer token of an Events Reporting
 * integration with the feature of that endpoint. Each item's id is `uuid`, its time
 * `timestamp` (ISO). The API keeps 120 days.
 *
 * Settings: `hostname` (default events.1password.com; also events.1password.ca,
 * events.1password.eu, events.ent.1password.com). Credential: `{"token": "..."}`.
 */
import { HttpError } from '../http.js';
import { type CollectedEvent, type CollectorSource, credentialFields } from '../source.js';
import { baseUrl, eventTime, stringField } from './shared.js';

function onePassword(type: string, path: string, logType: string): CollectorSource {
  return {
    type,
    logTypes: [logType],
    requiredSettings: [],
    async *pages({ since, until, credential, settings, http }) {
      const { token } = credentialFields(type, credential, ['token']);
      const url = new URL(path, baseUrl(settings.hostname ?? 'events.1password.com')).href;
      const headers = { authorization: `Bearer ${token}` };
      let json: unknown = {
        limit: 1000,
        start_time: new Date(since).toISOString(),
        end_time: new Date(until).toISOString(),
      };
      for (;;) {
        const res = await http.get({ url, headers, json });
        const body = res.body as { cursor?: unknown; has_more?: unknown; items?: unknown } | null;
        if (!Array.isArray(body?.items)) throw new HttpError(`${type}: no items in the answer`);
        const events: CollectedEvent[] = body.items.map((e: unknown) => ({
          id: stringField(type, e, 'uuid'),
          time: eventTime(type, e, 'timestamp'),
          record: e,
        }));
        yield { events };
        if (body.has_more !== true || typeof body.cursor !== 'string' || events.length === 0)
          return;
        json = { cursor: body.cursor };
      }
    },
  };
}

export const onePasswordSignIns = onePassword(
  'onepassword_signins',
  '/api/v1/signinattempts',
  'onepassword:signin_attempts',
);
export const onePasswordItemUsages = onePassword(
  'onepassword_items',
  '/api/v1/itemusages',
  'onepassword:item_usages',
);
export const onePasswordAudit = onePassword(
  'onepassword_audit',
  '/api/v1/auditevents',
  'onepassword:audit_events',
);
