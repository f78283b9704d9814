/**
 * The HTTP requests of the credential outputs (Slack, webhooks, PagerDuty, Phantom, GitHub,
 * Jira, Teams, Carbon Black, Demisto, Komand).
 * URLs and headers carry credentials, so no error names them: a failure says which step
 * failed, the HTTP status (or the network error's kind) and what the service answered,
 * with the credential's values cut out.
 */

import type { RetryHint } from '../retry.js';

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
  /** The body as text (some services, such as Teams webhooks, answer in plain text). */
  text: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  /**
   * Statuses that mean "try again later" besides 408, 429 and 5xx (PagerDuty's Events
   * API v1 answers 403 when it throttles). Any other 4xx is final: resending the same
   * request cannot fix it.
   */
  retryStatuses?: readonly number[];
  /** Credential values that must never appear in an error, should a service echo them. */
  redact?: readonly string[];
}

/** A failed request: what failed (never the URL), and how the retries should treat it. */
export class HttpError extends Error implements RetryHint {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** An error that retrying cannot fix (bad credential, missing context): reported once, never retried. */
export class PermanentError extends Error implements RetryHint {
  readonly retryable = false;
}

const DETAIL_MAX = 300;

/** The wait a response asks for: Retry-After (seconds or a date), or a rate-limit reset time (GitHub's x-ratelimit-*). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const after = headers.get('retry-after');
  if (after !== null) {
    if (/^\d+$/.test(after.trim())) return Number(after.trim()) * 1000;
    const at = Date.parse(after);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (headers.get('x-ratelimit-remaining') === '0' && reset !== null && /^\d+$/.test(reset))
    return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    // GitHub's validation errors: {resource, field, code, message?}.
    if (typeof o.code === 'string' && typeof o.field === 'string')
      return [`${o.field}: ${typeof o.message === 'string' ? o.message : o.code}`];
    return Object.entries(o).flatMap(([k, x]) => strings(x).map((m) => `${k}: ${m}`));
  }
  return [];
}

/**
 * What the service said went wrong, from the error shapes the services document: `message`
 * and `errors` (GitHub, PagerDuty Events), `error.message`/`error.errors` (PagerDuty REST),
 * `errorMessages`/`errors` (Jira), `title`/`detail` (Demisto), or a short plain-text body.
 */
export function errorDetail(json: unknown, text: string): string {
  const parts: string[] = [];
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    const inner = (o.error && typeof o.error === 'object' ? o.error : o) as Record<string, unknown>;
    for (const key of ['message', 'title', 'detail', 'errorMessages', 'errors'])
      parts.push(...strings(inner[key]));
    if (typeof o.error === 'string') parts.push(o.error);
  } else if (json === undefined && text.trim() && !/^\s*</.test(text)) {
    parts.push(text.trim());
  }
  return [...new Set(parts.filter((p) => p.trim()))].join('; ').replace(/\s+/g, ' ');
}

function redacted(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  for (const s of secrets ?? []) if (s.length >= 4) out = out.split(s).join('***');
  return out.length > DETAIL_MAX ? `${out.slice(0, DETAIL_MAX)}...` : out;
}

/**
 * One request; throws an HttpError on a network error or a status outside 2xx, prefixing
 * `step` (e.g. "container lookup") when given. The error says the status and what the
 * service said (credentials redacted), never the URL.
 */
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
    throw new HttpError(
      `${prefix}request failed (${(err as Error).name}${cause ? `: ${cause}` : ''})`,
      undefined,
      true,
    );
  }
  const text = await res.text().catch(() => '');
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (res.status < 200 || res.status >= 300) {
    const wait = retryAfterMs(res.headers);
    const retryable =
      res.status === 408 ||
      res.status === 429 ||
      res.status >= 500 ||
      (req.retryStatuses ?? []).includes(res.status) ||
      // GitHub signals its rate limit with 403 and x-ratelimit-remaining: 0 or Retry-After.
      (res.status === 403 && wait !== undefined);
    const detail = redacted(errorDetail(json, text), req.redact);
    const waitNote =
      retryable && wait !== undefined ? `, retry after ${Math.ceil(wait / 1000)}s` : '';
    throw new HttpError(
      `${prefix}HTTP ${res.status}${detail ? ` (${detail}${waitNote})` : waitNote ? ` (${waitNote.slice(2)})` : ''}`,
      res.status,
      retryable,
      retryable ? wait : undefined,
    );
  }
  return { status: res.status, json, text };
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
