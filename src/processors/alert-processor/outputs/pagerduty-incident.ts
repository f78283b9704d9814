/**
 * PagerDuty incidents through the REST API (StreamAlert's `pagerduty-incident`): the
 * sending user (`email_from`) is checked, the service and escalation policy are found
 * (by id, or by name), an open incident already made for this alert is reused (so a retry
 * never opens a second one), otherwise the incident is created; then a note is added.
 *
 * The rule's context (`context["pagerduty-incident"]`) may name `assigned_user` (an
 * e-mail: the incident is assigned to that user instead of the escalation policy),
 * `assigned_policy_id`, `incident_priority` (a priority name), `urgency` ("high"/"low")
 * and `note`, as StreamAlert's did.
 */
import type { Alert } from '../../shared/alert.js';
import { alertContext, cut, prettyJson, serviceContext } from './alert-content.js';
import { baseUrl, credentialObject, optionalString, requiredString } from './credential-fields.js';
import { httpJson, PermanentError } from './http.js';
import { credentialOutput } from './descriptor.js';

export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';

export interface PagerDutyIncidentCredential {
  api: string;
  token: string;
  emailFrom: string;
  serviceId?: string;
  serviceName?: string;
  escalationPolicyId?: string;
  escalationPolicy?: string;
}

/**
 * StreamAlert's fields: token, email_from, service_id or service_name, escalation_policy_id
 * or escalation_policy, api (default https://api.pagerduty.com). Its integration_key is
 * accepted and not needed (the incident is created through the REST API).
 */
export function parsePagerDutyIncidentSecret(value: string): PagerDutyIncidentCredential {
  const obj = credentialObject(value, '{"token": ..., "email_from": ..., "service_id": ...}');
  const c: PagerDutyIncidentCredential = {
    api: baseUrl(obj, 'api', PAGERDUTY_API_URL, 'PagerDuty API URL'),
    token: requiredString(obj, 'token'),
    emailFrom: requiredString(obj, 'email_from'),
    serviceId: optionalString(obj, 'service_id'),
    serviceName: optionalString(obj, 'service_name'),
    escalationPolicyId: optionalString(obj, 'escalation_policy_id'),
    escalationPolicy: optionalString(obj, 'escalation_policy'),
  };
  optionalString(obj, 'integration_key');
  if (!c.serviceId && !c.serviceName)
    throw new PermanentError('secret JSON has neither "service_id" nor "service_name"');
  if (!c.escalationPolicyId && !c.escalationPolicy)
    throw new PermanentError(
      'secret JSON has neither "escalation_policy_id" nor "escalation_policy"',
    );
  return c;
}

interface Ref {
  id: string;
  type: string;
}

type Json = Record<string, unknown>;

class Client {
  constructor(private readonly c: PagerDutyIncidentCredential) {}

  /** REST API v2 headers; `From` (a valid user's e-mail) is required on writes, and must be left out when looking that user up. */
  headers(withFrom: boolean): Record<string, string> {
    return {
      accept: 'application/vnd.pagerduty+json;version=2',
      authorization: `Token token=${this.c.token}`,
      ...(withFrom ? { from: this.c.emailFrom } : {}),
    };
  }

  async get(
    path: string,
    query: Record<string, string>,
    step: string,
    withFrom = true,
  ): Promise<Json> {
    const url = new URL(`${this.c.api}${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const { json } = await httpJson(
      url,
      { method: 'GET', headers: this.headers(withFrom), redact: [this.c.token] },
      step,
    );
    if (!json || typeof json !== 'object') throw new Error(`${step}: unexpected response`);
    return json as Json;
  }

  async post(path: string, body: unknown, step: string): Promise<Json> {
    const { json } = await httpJson(
      `${this.c.api}${path}`,
      { method: 'POST', headers: this.headers(true), body, redact: [this.c.token] },
      step,
    );
    return (json ?? {}) as Json;
  }

  /** The first listed item whose `field` equals `value` exactly (`query` is a fuzzy search). */
  async find(
    path: string,
    listKey: string,
    value: string,
    field: string,
    step: string,
    withFrom = true,
  ): Promise<Json | undefined> {
    const res = await this.get(path, { query: value }, step, withFrom);
    const list = res[listKey];
    if (!Array.isArray(list)) throw new Error(`${step}: unexpected response`);
    return (list as Json[]).find(
      (x) =>
        typeof x[field] === 'string' && (x[field] as string).toLowerCase() === value.toLowerCase(),
    );
  }
}

/** The incident key: the descriptor and the alert id, so each output's incident is its own. */
export const incidentKey = (descriptor: string, alert: Alert): string =>
  `${descriptor}:${alert.id}`;

export function incidentBody(alert: Alert): string {
  const context = alertContext(alert);
  return cut(
    [
      alert.rule_description,
      `Record:\n${prettyJson(alert.record)}`,
      ...(context ? [`Context:\n${prettyJson(context)}`] : []),
    ].join('\n\n'),
    // PagerDuty caps an incident body's details at 64 KiB.
    65_000,
  );
}

export async function sendToPagerDutyIncident(
  credential: PagerDutyIncidentCredential,
  alert: Alert,
  descriptor: string,
): Promise<void> {
  const client = new Client(credential);
  const ctx = serviceContext(alert, 'pagerduty-incident');
  const str = (k: string): string | undefined =>
    typeof ctx[k] === 'string' && ctx[k] !== '' ? (ctx[k] as string) : undefined;

  // 1. The sender must be a PagerDuty user: every write names it in From.
  const sender = await client.find(
    '/users',
    'users',
    credential.emailFrom,
    'email',
    'user lookup',
    false,
  );
  if (!sender)
    throw new PermanentError(`user lookup: no PagerDuty user has the "email_from" address`);

  // 2. The service and the escalation policy, by id or found by name.
  let serviceId = credential.serviceId;
  if (!serviceId) {
    const service = await client.find(
      '/services',
      'services',
      credential.serviceName!,
      'name',
      'service lookup',
    );
    if (typeof service?.id !== 'string')
      throw new PermanentError(
        `service lookup: no PagerDuty service is named "${credential.serviceName}"`,
      );
    serviceId = service.id;
  }
  const assignments: { assignee: Ref }[] = [];
  const assignedUser = str('assigned_user');
  if (assignedUser) {
    const user = await client.find('/users', 'users', assignedUser, 'email', 'assignee lookup');
    // As StreamAlert: an unknown assignee falls back to the escalation policy.
    if (typeof user?.id === 'string')
      assignments.push({ assignee: { id: user.id, type: 'user_reference' } });
  }
  let policyId = str('assigned_policy_id') ?? credential.escalationPolicyId;
  if (assignments.length === 0 && !policyId) {
    const policy = await client.find(
      '/escalation_policies',
      'escalation_policies',
      credential.escalationPolicy!,
      'name',
      'escalation policy lookup',
    );
    if (typeof policy?.id !== 'string')
      throw new PermanentError(
        `escalation policy lookup: no PagerDuty escalation policy is named "${credential.escalationPolicy}"`,
      );
    policyId = policy.id;
  }
  let priority: Ref | undefined;
  const priorityName = str('incident_priority');
  if (priorityName) {
    const res = await client.get('/priorities', {}, 'priority lookup');
    const found = Array.isArray(res.priorities)
      ? (res.priorities as Json[]).find((p) => p.name === priorityName)
      : undefined;
    if (typeof found?.id === 'string') priority = { id: found.id, type: 'priority_reference' };
  }
  const urgency = str('urgency');

  // 3. The incident: reused when a previous attempt already created it.
  const key = incidentKey(descriptor, alert);
  const existing = await client.get('/incidents', { incident_key: key }, 'incident lookup');
  const found = Array.isArray(existing.incidents) ? (existing.incidents as Json[])[0] : undefined;
  let incidentId = typeof found?.id === 'string' ? found.id : undefined;
  const note =
    str('note') ??
    `StreamAlert rule ${alert.rule_name} triggered (alert ${alert.id}): ${alert.rule_description}`;
  if (incidentId === undefined) {
    const created = await client.post(
      '/incidents',
      {
        incident: {
          type: 'incident',
          title: `StreamAlert Incident - Rule triggered: ${alert.rule_name}`,
          service: { id: serviceId, type: 'service_reference' },
          incident_key: key,
          body: { type: 'incident_body', details: incidentBody(alert) },
          ...(assignments.length > 0
            ? { assignments }
            : { escalation_policy: { id: policyId, type: 'escalation_policy_reference' } }),
          ...(priority ? { priority } : {}),
          ...(urgency === 'high' || urgency === 'low' ? { urgency } : {}),
        },
      },
      'incident create',
    );
    const incident = created.incident as Json | undefined;
    if (typeof incident?.id !== 'string')
      throw new Error('incident create: response has no incident id');
    incidentId = incident.id;
  } else {
    // A retry: add the note only if the earlier attempt did not get to it.
    const notes = await client.get(
      `/incidents/${encodeURIComponent(incidentId)}/notes`,
      {},
      'note lookup',
    );
    if (Array.isArray(notes.notes) && (notes.notes as Json[]).some((n) => n.content === note))
      return;
  }

  // 4. The note.
  await client.post(
    `/incidents/${encodeURIComponent(incidentId)}/notes`,
    { note: { content: note } },
    'note create',
  );
}

/** The `pagerduty-incident` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const pagerdutyIncidentOutput = credentialOutput({
  service: 'pagerduty-incident',
  doc: {
    credential:
      '`{"token": "...", "email_from": "<PagerDuty user>", "service_id" or "service_name": ..., "escalation_policy_id" or "escalation_policy": ..., "api": "https://api.pagerduty.com"}` (`api` optional; `integration_key` accepted, unused)',
    sends:
      'REST API v2, `Authorization: Token token=...`: `GET /users?query=<email_from>` (the sender must exist), `GET /services?query=` / `GET /escalation_policies?query=` when given by name, `GET /incidents?incident_key=<descriptor>:<alert id>` (reused on a retry), else `POST /incidents` (`From: <email_from>`) `{incident: {type, title: "StreamAlert Incident - Rule triggered: <rule>", service, incident_key, body: {details: description, record, context}, escalation_policy or assignments, priority?, urgency?}}`, then `POST /incidents/<id>/notes`; context `pagerduty-incident`: `assigned_user`, `assigned_policy_id`, `incident_priority`, `urgency`, `note`',
  },
  parse: parsePagerDutyIncidentSecret,
  send: (credential, { alert }, target) =>
    sendToPagerDutyIncident(credential, alert, target.descriptor),
});
