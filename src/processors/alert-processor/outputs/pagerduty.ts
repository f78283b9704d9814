/**
 * PagerDuty through the Events API v2: one `trigger` event per alert, deduplicated by the
 * alert id, so a retried delivery never opens a second incident.
 */
import type { Alert } from '../../rule-processor/alert.js';
import { checkedUrl, httpJson, secretObject } from './http.js';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
/** StreamAlert 1.5's default (Events API v1); a credential still naming it is sent to v2. */
const V1_PATH = '/generic/2010-04-15/create_event.json';

export interface PagerDutyCredential {
  url: string;
  routingKey: string;
}

/**
 * JSON `{"routing_key": ..., "url"?: ...}` (StreamAlert 1.5 called the key `service_key`;
 * either is accepted), or the bare integration key as the whole secret.
 */
export function parsePagerDutySecret(value: string): PagerDutyCredential {
  const obj = secretObject(value);
  if (!obj) {
    const key = value.trim();
    if (!/^\S+$/.test(key)) throw new Error('secret is neither JSON nor a bare routing key');
    return { url: PAGERDUTY_EVENTS_URL, routingKey: key };
  }
  const routingKey = obj.routing_key ?? obj.service_key;
  if (typeof routingKey !== 'string' || routingKey === '')
    throw new Error('secret JSON has no "routing_key" (or "service_key") string');
  if (obj.url !== undefined && typeof obj.url !== 'string')
    throw new Error('secret JSON "url" is not a string');
  let url = (obj.url as string | undefined) ?? PAGERDUTY_EVENTS_URL;
  const u = checkedUrl(url, 'PagerDuty URL');
  if (u.hostname === 'events.pagerduty.com' && u.pathname === V1_PATH) url = PAGERDUTY_EVENTS_URL;
  return { url, routingKey };
}

/** The Events API v2 body (the summary is limited to 1024 characters by PagerDuty). */
export function pagerDutyEvent(alert: Alert, routingKey: string): object {
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: alert.id,
    payload: {
      summary: `StreamAlert Rule Triggered - ${alert.rule_name}`.slice(0, 1024),
      source: alert.log_source || alert.source_entity || 'streamalert',
      severity: 'critical',
      custom_details: { rule_description: alert.rule_description, record: alert.record },
    },
  };
}

export async function sendToPagerDuty(
  credential: PagerDutyCredential,
  alert: Alert,
): Promise<void> {
  await httpJson(credential.url, {
    method: 'POST',
    body: pagerDutyEvent(alert, credential.routingKey),
  });
}
