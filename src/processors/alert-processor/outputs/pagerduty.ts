/**
 * PagerDuty's Events APIs, named as StreamAlert v3 named them:
 *
 * - `pagerduty`: Events API v1 (POST .../generic/2010-04-15/create_event.json with the
 *   integration's `service_key`). A credential holding a v2 `routing_key` (what this
 *   output took before it spoke v1) is still sent to Events API v2, so it keeps working.
 * - `pagerduty-v2`: Events API v2 (POST /v2/enqueue with `routing_key`).
 *
 * Both trigger with a key made from the alert id, so a retried delivery never opens a
 * second incident.
 */
import type { Alert } from '../../shared/alert.js';
import { alertContext } from './alert-content.js';
import { checkedUrl, httpJson, PermanentError, secretObject } from './http.js';
import { credentialOutput } from './descriptor.js';

export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
export const PAGERDUTY_EVENTS_V1_URL =
  'https://events.pagerduty.com/generic/2010-04-15/create_event.json';

export interface PagerDutyCredential {
  url: string;
  routingKey: string;
  /** Which Events API the key and URL are for. */
  api: 'v1' | 'v2';
}

function secretFields(value: string): Record<string, unknown> | undefined {
  try {
    return secretObject(value);
  } catch (err) {
    throw new PermanentError((err as Error).message);
  }
}

function checkedPagerDutyUrl(obj: Record<string, unknown>, fallback: string): string {
  if (obj.url !== undefined && typeof obj.url !== 'string')
    throw new PermanentError('secret JSON "url" is not a string');
  const url = (obj.url as string | undefined) || fallback;
  try {
    checkedUrl(url, 'PagerDuty URL');
  } catch (err) {
    throw new PermanentError((err as Error).message);
  }
  return url;
}

/**
 * `pagerduty`: JSON `{"service_key": ..., "url"?: ...}` (StreamAlert's fields; Events API
 * v1), or what this output took before it spoke v1 and still sends to Events API v2:
 * `{"routing_key": ..., "url"?: ...}` or the bare routing key (StreamAlert never stored one).
 */
export function parsePagerDutySecret(value: string): PagerDutyCredential {
  const obj = secretFields(value);
  if (!obj) return parsePagerDutyV2Secret(value);
  const v2 =
    (obj.routing_key !== undefined && obj.service_key === undefined) ||
    (typeof obj.url === 'string' && /\/v2\/enqueue\/?$/.test(obj.url));
  const key = obj.service_key ?? obj.routing_key;
  if (typeof key !== 'string' || key === '')
    throw new PermanentError('secret JSON has no "routing_key" (or "service_key") string');
  return v2
    ? { url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_URL), routingKey: key, api: 'v2' }
    : { url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_V1_URL), routingKey: key, api: 'v1' };
}

/** `pagerduty-v2`: JSON `{"routing_key": ..., "url"?: ...}` (StreamAlert's fields), or the bare routing key. */
export function parsePagerDutyV2Secret(value: string): PagerDutyCredential {
  const obj = secretFields(value);
  if (!obj) {
    const key = value.trim();
    if (!/^\S+$/.test(key))
      throw new PermanentError('secret is neither JSON nor a bare routing key');
    return { url: PAGERDUTY_EVENTS_URL, routingKey: key, api: 'v2' };
  }
  if (typeof obj.routing_key !== 'string' || obj.routing_key === '')
    throw new PermanentError('secret JSON has no "routing_key" string');
  return {
    url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_URL),
    routingKey: obj.routing_key,
    api: 'v2',
  };
}

const summaryOf = (alert: Alert): string =>
  `StreamAlert Rule Triggered - ${alert.rule_name}`.slice(0, 1024);

/** The Events API v2 body (the summary is limited to 1024 characters by PagerDuty). */
export function pagerDutyEvent(alert: Alert, routingKey: string, dedupKey = alert.id): object {
  const context = alertContext(alert);
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: {
      summary: summaryOf(alert),
      source: alert.log_source || alert.source_entity || 'streamalert',
      severity: 'critical',
      custom_details: {
        rule_description: alert.rule_description,
        record: alert.record,
        ...(context ? { context } : {}),
      },
    },
  };
}

/** The Events API v1 trigger, as StreamAlert's pagerduty output sent it, plus an incident key for deduplication. */
export function pagerDutyV1Event(alert: Alert, serviceKey: string): object {
  const context = alertContext(alert);
  return {
    service_key: serviceKey,
    event_type: 'trigger',
    incident_key: alert.id,
    description: summaryOf(alert),
    details: {
      description: alert.rule_description,
      record: alert.record,
      ...(context ? { context } : {}),
    },
    client: 'streamalert',
  };
}

/** `dedupKey` for v2: StreamAlert v3 namespaced it by descriptor (`<descriptor>:<alert id>`). */
export async function sendToPagerDuty(
  credential: PagerDutyCredential,
  alert: Alert,
  dedupKey?: string,
): Promise<void> {
  await httpJson(credential.url, {
    method: 'POST',
    body:
      credential.api === 'v1'
        ? pagerDutyV1Event(alert, credential.routingKey)
        : pagerDutyEvent(alert, credential.routingKey, dedupKey),
    // Events API v1 answers 403 when it throttles; PagerDuty says to retry it.
    retryStatuses: credential.api === 'v1' ? [403] : [],
    redact: [credential.routingKey],
  });
}

/** The `pagerduty` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const pagerdutyOutput = credentialOutput({
  service: 'pagerduty',
  doc: {
    credential:
      '`{"service_key": "...", "url": "https://events.pagerduty.com/generic/2010-04-15/create_event.json"}` (`url` optional)',
    sends:
      'Events API v1, as StreamAlert: `{service_key, event_type: "trigger", incident_key: <alert id>, description: "StreamAlert Rule Triggered - <rule>", details: {description, record, context}, client: "streamalert"}`; a credential with a v2 `routing_key` (or a `/v2/enqueue` url, or a bare key) instead gets the `pagerduty-v2` event with `dedup_key: <alert id>`',
  },
  parse: parsePagerDutySecret,
  send: (credential, { alert }) => sendToPagerDuty(credential, alert),
});

/** The `pagerduty-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const pagerdutyV2Output = credentialOutput({
  service: 'pagerduty-v2',
  doc: {
    credential:
      '`{"routing_key": "...", "url": "https://events.pagerduty.com/v2/enqueue"}` (`url` optional)',
    sends:
      'Events API v2: `{routing_key, event_action: "trigger", dedup_key: "<descriptor>:<alert id>", payload: {summary: "StreamAlert Rule Triggered - <rule>", source: <log source>, severity: "critical", custom_details: {rule_description, record, context}}}`',
  },
  parse: parsePagerDutyV2Secret,
  send: (credential, { alert }, target) =>
    sendToPagerDuty(credential, alert, `${target.descriptor}:${alert.id}`),
});
