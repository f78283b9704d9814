/**
 * Demisto (Cortex XSOAR), as StreamAlert's demisto output: one incident per alert
 * (POST <url>/incident) that starts its investigation (playbooks run), with the alert
 * flattened into labels (`record.detail.userIdentity.type` → value) because nested JSON
 * does not show in Demisto's incident view.
 */
import type { Alert } from '../../shared/alert.js';
import { baseUrl, credentialObject, requiredString } from './credential-fields.js';
import { httpJson } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface DemistoCredential {
  url: string;
  token: string;
}

/** JSON `{"url": "https://demisto.example", "token": "..."}` (StreamAlert's fields). */
export function parseDemistoSecret(value: string): DemistoCredential {
  const obj = credentialObject(value, '{"url": ..., "token": ...}');
  return {
    url: baseUrl(obj, 'url', undefined, 'Demisto URL'),
    token: requiredString(obj, 'token'),
  };
}

/** Every leaf of `value` as a label: dotted keys, `[i]` for list items, values as strings (Demisto takes nothing else). */
export function demistoLabels(value: unknown): { type: string; value: string }[] {
  const labels: { type: string; value: string }[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
    else labels.push({ type: path, value: v === null ? 'None' : String(v) });
  };
  walk(value, '');
  return labels.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/** The incident, with StreamAlert's defaults (type Unclassified, owner StreamAlert, severity unknown = 0). */
export function demistoIncident(alert: Alert): object {
  return {
    type: 'Unclassified',
    name: alert.rule_name,
    owner: 'StreamAlert',
    severity: 0,
    labels: demistoLabels(alert),
    customFields: {},
    details: alert.rule_description,
    createInvestigation: true,
  };
}

export async function sendToDemisto(credential: DemistoCredential, alert: Alert): Promise<void> {
  await httpJson(
    `${credential.url}/incident`,
    {
      method: 'POST',
      headers: { authorization: credential.token },
      body: demistoIncident(alert),
      redact: [credential.token],
    },
    'incident create',
  );
}

/** The `demisto` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const demistoOutput = credentialOutput({
  service: 'demisto',
  doc: {
    credential: '`{"url": "https://demisto.example", "token": "..."}`',
    sends:
      '`POST /incident` with `Authorization: <token>`: `{type: "Unclassified", name: <rule>, owner: "StreamAlert", severity: 0, labels: the alert flattened to [{type: "record.a.b", value}], details: description, createInvestigation: true}`',
  },
  parse: parseDemistoSecret,
  send: (credential, { alert }) => sendToDemisto(credential, alert),
});
