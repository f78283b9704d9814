/**
 * Carbon Black (EDR, formerly CB Response), as StreamAlert's carbonblack output: the rule's
 * context `{"carbonblack": {"action": "ban", "value": "<md5>"}}` bans that binary hash.
 * The binary must be known to the server (GET /api/v1/binary/<md5>/summary); a hash
 * already banned is left alone; otherwise it is banned (POST /api/v1/banning/blacklist,
 * which also re-enables a ban that was switched off).
 */
import type { Alert } from '../../shared/alert.js';
import { serviceContext } from './alert-content.js';
import { baseUrl, credentialObject, requiredString } from './credential-fields.js';
import { HttpError, httpJson, PermanentError } from './http.js';
import { credentialOutput } from './descriptor.js';

export interface CarbonBlackCredential {
  url: string;
  token: string;
}

/** JSON `{"url": "https://cb.example", "token": "..."}` (StreamAlert's fields). */
export function parseCarbonBlackSecret(value: string): CarbonBlackCredential {
  const obj = credentialObject(value, '{"url": ..., "token": ...}');
  return {
    url: baseUrl(obj, 'url', undefined, 'Carbon Black URL'),
    token: requiredString(obj, 'token'),
  };
}

/** The hash to ban, from the rule's context; anything else is a rule mistake, not worth a retry. */
export function banRequest(alert: Alert): string {
  const ctx = serviceContext(alert, 'carbonblack');
  if (ctx.action === undefined)
    throw new PermanentError(
      'the rule gives no carbonblack context ({"action": "ban", "value": "<md5>"})',
    );
  if (ctx.action !== 'ban')
    throw new PermanentError(
      `carbonblack action ${JSON.stringify(ctx.action)} is not supported (only "ban")`,
    );
  if (typeof ctx.value !== 'string' || !/^[A-Fa-f0-9]{32}$/.test(ctx.value))
    throw new PermanentError('carbonblack context "value" must be an MD5 hash (32 hex digits)');
  return ctx.value.toLowerCase();
}

export async function sendToCarbonBlack(
  credential: CarbonBlackCredential,
  alert: Alert,
): Promise<void> {
  const md5 = banRequest(alert);
  const headers = { 'x-auth-token': credential.token };
  const redact = [credential.token];
  try {
    await httpJson(
      `${credential.url}/api/v1/binary/${md5}/summary`,
      { method: 'GET', headers, redact },
      'binary lookup',
    );
  } catch (err) {
    if (err instanceof HttpError && err.status === 404)
      throw new PermanentError(`binary lookup: Carbon Black does not know the binary ${md5}`);
    throw err;
  }
  let banned: { enabled?: unknown } | undefined;
  try {
    const { json } = await httpJson(
      `${credential.url}/api/v1/banning/blacklist/${md5}`,
      { method: 'GET', headers, redact },
      'ban lookup',
    );
    banned = (json ?? {}) as { enabled?: unknown };
  } catch (err) {
    // Not on the list: the server answers 404 (some versions 409).
    if (!(err instanceof HttpError && (err.status === 404 || err.status === 409))) throw err;
  }
  if (banned?.enabled === true) return;
  await httpJson(
    `${credential.url}/api/v1/banning/blacklist`,
    {
      method: 'POST',
      headers,
      body: {
        md5hash: md5,
        text: `Banned from StreamAlert (rule ${alert.rule_name}, alert ${alert.id})`,
        enabled: true,
      },
      redact,
    },
    'ban',
  );
}

/** The `carbonblack` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
export const carbonblackOutput = credentialOutput({
  service: 'carbonblack',
  doc: {
    credential: '`{"url": "https://cb.example", "token": "..."}`',
    sends:
      'header `X-Auth-Token`; for context `{"carbonblack": {"action": "ban", "value": "<md5>"}}`: `GET /api/v1/binary/<md5>/summary` (must exist), `GET /api/v1/banning/blacklist/<md5>` (already banned: done), else `POST /api/v1/banning/blacklist` `{md5hash, text, enabled: true}`',
  },
  parse: parseCarbonBlackSecret,
  send: (credential, { alert }) => sendToCarbonBlack(credential, alert),
});
