/**
 * Phantom (Splunk SOAR), as StreamAlert 1.5's phantom output: the rule's container is
 * found by name and reused, or created; the alert is then added to it as an artifact.
 * A retry after a partial failure finds the container it created before.
 */
import type { Alert } from '../../shared/alert.js';
import { checkedUrl, httpJson, secretObject } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface PhantomCredential {
  /** The server's base URL, without a trailing slash. */
  url: string;
  token: string;
}

/** JSON `{"url": "https://phantom.example", "ph_auth_token": "..."}`, as StreamAlert stored it. */
export function parsePhantomSecret(value: string): PhantomCredential {
  const obj = secretObject(value);
  if (!obj) throw new Error('secret is not JSON {"url": ..., "ph_auth_token": ...}');
  if (typeof obj.url !== 'string') throw new Error('secret JSON has no "url" string');
  if (typeof obj.ph_auth_token !== 'string' || obj.ph_auth_token === '')
    throw new Error('secret JSON has no "ph_auth_token" string');
  checkedUrl(obj.url, 'Phantom URL');
  return { url: obj.url.replace(/\/+$/, ''), token: obj.ph_auth_token };
}

function idOf(value: unknown): number | undefined {
  return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
    ? Number(value)
    : undefined;
}

/** The id of the rule's existing container, if there is one. */
async function findContainer(
  credential: PhantomCredential,
  headers: Record<string, string>,
  ruleName: string,
): Promise<number | undefined> {
  const url = new URL(`${credential.url}/rest/container`);
  url.searchParams.set('_filter_name', JSON.stringify(ruleName));
  url.searchParams.set('page_size', '1');
  const { json } = await httpJson(
    url,
    { method: 'GET', headers, redact: [credential.token] },
    'container lookup',
  );
  const found = json as { count?: unknown; data?: { id?: unknown }[] } | undefined;
  if (!found || typeof found !== 'object' || !Array.isArray(found.data))
    throw new Error('container lookup: unexpected response');
  return found.data.length > 0 ? idOf(found.data[0]?.id) : undefined;
}

export async function sendToPhantom(credential: PhantomCredential, alert: Alert): Promise<void> {
  const headers = { 'ph-auth-token': credential.token };
  let containerId = await findContainer(credential, headers, alert.rule_name);
  if (containerId === undefined) {
    const { json } = await httpJson(
      `${credential.url}/rest/container`,
      {
        method: 'POST',
        headers,
        body: { name: alert.rule_name, description: alert.rule_description },
        redact: [credential.token],
      },
      'container create',
    );
    const created = (json ?? {}) as { id?: unknown; existing_container_id?: unknown };
    containerId = idOf(created.id) ?? idOf(created.existing_container_id);
    if (containerId === undefined)
      throw new Error('container create: response has no container id');
  }
  await httpJson(
    `${credential.url}/rest/artifact`,
    {
      method: 'POST',
      headers,
      body: {
        cef: alert.record,
        container_id: containerId,
        data: alert,
        name: 'Phantom Artifact',
        label: 'Alert',
      },
      redact: [credential.token],
    },
    'artifact create',
  );
}

/** The `phantom` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const phantomOutput = credentialOutput({
  service: 'phantom',
  doc: {
    credential: '`{"url": "https://phantom.example", "ph_auth_token": "..."}`',
    sends:
      'header `ph-auth-token`; `GET /rest/container?_filter_name="<rule>"&page_size=1` reuses the rule\'s container, else `POST /rest/container` `{name: <rule>, description}`; then `POST /rest/artifact` `{cef: <record>, container_id, data: <alert>, name: "Phantom Artifact", label: "Alert"}`',
  },
  parse: parsePhantomSecret,
  send: (credential, { alert }) => sendToPhantom(credential, alert),
});
