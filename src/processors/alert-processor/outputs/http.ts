/**
 * The HTTP requests of the credential outputs (Slack, webhooks, PagerDuty, Phantom).
 * URLs and headers carry credentials, so no error names them: a failure says which step
 * failed, the HTTP status or the network error's kind, and nothing else.
 */

/** A credential's URL, checked: https, or plain http to a loopback address only (the alert and any key would travel in clear). */
export function checkedUrl(url: string, what: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`${what} is not a valid URL`);
  }
  const loopback =
    u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
    throw new Error(`${what} must be https`);
  return u;
}

export interface HttpResponse {
  status: number;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
}

/** One request; throws on a network error or a status outside 2xx, prefixing `step` (e.g. "container lookup") when given. */
export async function httpJson(
  url: string | URL,
  req: HttpRequest,
  step?: string,
): Promise<HttpResponse> {
  const prefix = step ? `${step}: ` : '';
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...req.headers,
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
    });
  } catch (err) {
    // fetch's message and cause can carry the URL; keep only the error's kind.
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    // eslint-disable-next-line preserve-caught-error -- the cause would carry the secret URL
    throw new Error(`${prefix}request failed (${(err as Error).name}${cause ? `: ${cause}` : ''})`);
  }
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) throw new Error(`${prefix}HTTP ${res.status}`);
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, json };
}

/**
 * A secret's text as a JSON object (StreamAlert kept each credential as a JSON object), or
 * undefined when the text is not JSON. Errors never quote the text.
 */
export function secretObject(value: string): Record<string, unknown> | undefined {
  const text = value.trim();
  if (!text.startsWith('{')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('secret looks like JSON but does not parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('secret JSON is not an object');
  return parsed as Record<string, unknown>;
}
