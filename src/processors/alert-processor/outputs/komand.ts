/**
 * Komand (Rapid7 InsightConnect), as StreamAlert's komand output: the alert is posted as
 * `{"data": <alert>}` to the workflow's API trigger URL, with the trigger's token in the
 * Authorization header.
 */
import type { Alert } from '../../shared/alert.js';
import { baseUrl, credentialObject, requiredString } from './credential-fields.js';
import { httpJson } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface KomandCredential {
  url: string;
  token: string;
}

/** JSON `{"url": "https://komand.example/v2/triggers/<id>/events", "komand_auth_token": "..."}` (StreamAlert's fields). */
export function parseKomandSecret(value: string): KomandCredential {
  const obj = credentialObject(value, '{"url": ..., "komand_auth_token": ...}');
  return {
    url: baseUrl(obj, 'url', undefined, 'Komand URL'),
    token: requiredString(obj, 'komand_auth_token'),
  };
}

export async function sendToKomand(credential: KomandCredential, alert: Alert): Promise<void> {
  await httpJson(
    credential.url,
    {
      method: 'POST',
      headers: { authorization: credential.token },
      body: { data: alert },
      redact: [credential.token, credential.url],
    },
    'trigger',
  );
}

/** The `komand` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const komandOutput = credentialOutput({
  service: 'komand',
  doc: {
    credential:
      '`{"url": "https://komand.example/v2/triggers/<id>/events", "komand_auth_token": "..."}`',
    sends: '`POST` to the url with `Authorization: <token>`: `{data: <alert>}`',
  },
  parse: parseKomandSecret,
  send: (credential, { alert }) => sendToKomand(credential, alert),
});
