/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4), as Microsoft Entra ID and Box issue tokens:
 * a form POST of the client id and secret, a bearer `access_token` back. A refusal (400
 * `invalid_client`/`invalid_grant`, 401) is an `UnauthorizedError`, so the core reads the
 * credential again once (a rotated secret) before failing; its message names the endpoint
 * and never repeats the answer, which may quote what was sent. The token's lifetime comes back
 * with it, for the token cache (token-cache.ts).
 */
import { HttpError, type HttpClient, UnauthorizedError } from '../http.js';
import { expiresIn, type IssuedToken } from './token-cache.js';

export async function clientCredentialsToken(
  http: HttpClient,
  source: string,
  tokenUrl: string,
  form: Readonly<Record<string, string>>,
): Promise<IssuedToken> {
  const where = new URL(tokenUrl);
  let body: unknown;
  try {
    body = (await http.get({ url: tokenUrl, form: { grant_type: 'client_credentials', ...form } }))
      .body;
  } catch (err) {
    const status = err instanceof HttpError ? err.status : undefined;
    if (err instanceof UnauthorizedError || status === 400 || status === 401 || status === 403)
      throw new UnauthorizedError(
        `${source}: ${where.host}${where.pathname} refused the client credentials (HTTP ${status ?? 401}); check the client id, the secret and the settings`,
      );
    throw err;
  }
  const token = (body as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== 'string' || token === '')
    throw new HttpError(`${source}: ${where.host}${where.pathname} answered no access_token`);
  return { token, expiresInSec: expiresIn(body) };
}
