/**
 * The HTTP client every source adapter calls: JSON GETs with the SaaS APIs' shared
 * behaviour handled once. A 429 (or GitHub's 403 with no requests remaining, or Google's 403
 * with a rate-limit reason) waits for Retry-After or the rate-limit reset header; a 5xx or a
 * network error is retried with exponential backoff and jitter; a 401 is an
 * `UnauthorizedError` (the core reads the credential again: it may have been rotated). No
 * wait ever runs past the invocation's deadline: `OutOfTimeError` makes the core stop
 * cleanly at its last checkpoint.
 */

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly url: string;
}

export interface HttpRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** POST with this JSON body (1Password's Events API); GET without. */
  readonly json?: unknown;
  /** POST with this form body (OAuth token endpoints); GET without. */
  readonly form?: Readonly<Record<string, string>>;
  /** POST with no body (Microsoft 365's subscriptions/start). */
  readonly post?: boolean;
}

export interface HttpClient {
  /** A GET, or a POST when the request has a `json` or `form` body or says `post`. */
  get(req: HttpRequest): Promise<HttpResponse>;
}

/** The credential was refused: the core re-reads it once and starts the window again. */
export class UnauthorizedError extends Error {}
/** The next wait or request would end after the deadline: stop at the last checkpoint. */
export class OutOfTimeError extends Error {}
/** Retries exhausted or an answer no retry changes. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface HttpStats {
  requests: number;
  rateLimited: number;
  retries: number;
}

export interface HttpOptions {
  /** Epoch ms after which nothing new may start. */
  readonly deadline: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** First backoff of a 5xx or network error; doubles each attempt (default 1 s). */
  readonly backoffMs?: number;
  /** Attempts per request before giving up (default 6). */
  readonly maxAttempts?: number;
  /** Per-request timeout (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Largest body read (default 32 MiB): an API answer bigger than that is refused. */
  readonly maxBodyBytes?: number;
  readonly fetch?: typeof fetch;
  readonly stats?: HttpStats;
}

const GOOGLE_RATE_LIMITED = /"reason"\s*:\s*"(rateLimitExceeded|userRateLimitExceeded)"/;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only https leaves the machine with a credential; plain http only to a loopback stand-in. */
export function checkUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new HttpError(`not a URL: ${url.slice(0, 200)}`);
  }
  if (u.protocol === 'https:') return u;
  if (u.protocol === 'http:' && LOOPBACK.has(u.hostname)) return u;
  throw new HttpError(`refusing ${u.protocol}//${u.host}: collectors call https URLs only`);
}

/**
 * How long a rate-limited answer asks to wait, in ms: Retry-After (seconds or an HTTP date),
 * else a reset header in epoch seconds (Okta's X-Rate-Limit-Reset, GitHub's
 * X-RateLimit-Reset; header names are case-insensitive), else undefined.
 */
export function rateLimitWaitMs(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const secs = Number(retryAfter);
    if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  for (const name of ['x-rate-limit-reset', 'x-ratelimit-reset']) {
    const reset = Number(headers.get(name));
    if (headers.get(name) !== null && Number.isFinite(reset) && reset > 0)
      return Math.max(0, reset * 1000 - now);
  }
  return undefined;
}

const sleepReal = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function readBody(res: Response, max: number): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max)
    throw new HttpError(`answer of ${declared} bytes is over the ${max}-byte limit`, res.status);
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new HttpError(`answer over the ${max}-byte limit`, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createHttpClient(options: HttpOptions): HttpClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? sleepReal;
  const backoff = options.backoffMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 6;
  const timeout = options.requestTimeoutMs ?? 30_000;
  const maxBody = options.maxBodyBytes ?? 32 * 1024 * 1024;
  const doFetch = options.fetch ?? fetch;
  const stats = options.stats ?? { requests: 0, rateLimited: 0, retries: 0 };

  const waitOrStop = async (ms: number, why: string) => {
    if (now() + ms >= options.deadline)
      throw new OutOfTimeError(`${why}: waiting ${Math.ceil(ms / 1000)} s would pass the deadline`);
    await sleep(ms);
  };

  return {
    async get(req) {
      const url = checkUrl(req.url);
      // Paths only in messages: query strings may carry cursors, never worth logging.
      const method = req.json === undefined && req.form === undefined && !req.post ? 'GET' : 'POST';
      const payload =
        req.form !== undefined
          ? {
              type: 'application/x-www-form-urlencoded',
              text: new URLSearchParams(req.form).toString(),
            }
          : req.json !== undefined
            ? { type: 'application/json', text: JSON.stringify(req.json) }
            : undefined;
      const where = `${method} ${url.host}${url.pathname}`;
      for (let attempt = 1; ; attempt++) {
        const left = options.deadline - now();
        if (left <= 0) throw new OutOfTimeError(`no time left for ${where}`);
        let res: Response;
        let text: string;
        stats.requests++;
        try {
          res = await doFetch(url, {
            method,
            headers: {
              accept: 'application/json',
              ...(payload ? { 'content-type': payload.type } : {}),
              ...req.headers,
            },
            ...(payload ? { body: payload.text } : {}),
            redirect: 'error',
            signal: AbortSignal.timeout(Math.min(timeout, left)),
          });
          text = await readBody(res, maxBody);
        } catch (err) {
          if (err instanceof HttpError) throw err;
          if (attempt >= maxAttempts)
            throw new HttpError(`${where} failed ${attempt} times: ${(err as Error).message}`);
          stats.retries++;
          await waitOrStop(backoffDelay(backoff, attempt), `${where} failed`);
          continue;
        }
        const limited =
          res.status === 429 ||
          (res.status === 403 && res.headers.get('x-ratelimit-remaining') === '0') ||
          // Google APIs say "slow down" as a 403 with one of these reasons, and no header.
          (res.status === 403 && GOOGLE_RATE_LIMITED.test(text));
        if (limited) {
          stats.rateLimited++;
          if (attempt >= maxAttempts * 2)
            throw new HttpError(`${where}: still rate limited after ${attempt} attempts`, 429);
          const wait = rateLimitWaitMs(res.headers, now()) ?? backoffDelay(backoff, attempt);
          await waitOrStop(wait, `${where} rate limited`);
          continue;
        }
        if (res.status >= 500) {
          if (attempt >= maxAttempts)
            throw new HttpError(`${where}: ${res.status} after ${attempt} attempts`, res.status);
          stats.retries++;
          await waitOrStop(backoffDelay(backoff, attempt), `${where}: ${res.status}`);
          continue;
        }
        if (res.status === 401) throw new UnauthorizedError(`${where}: 401, credential refused`);
        if (res.status < 200 || res.status >= 300)
          throw new HttpError(`${where}: ${res.status} ${text.slice(0, 200)}`, res.status);
        let body: unknown;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          throw new HttpError(`${where}: the answer is not JSON`, res.status);
        }
        return { status: res.status, headers: res.headers, body, url: res.url || url.href };
      }
    },
  };
}

/** base × 2^(attempt-1), plus up to half of it again at random (no thundering herd). */
function backoffDelay(base: number, attempt: number): number {
  const d = base * 2 ** (attempt - 1);
  return Math.round(d + Math.random() * d * 0.5);
}

/**
 * The `rel="next"` URL of a Link header (Okta, GitHub), resolved against `base`. A next link
 * to another origin is refused: the credential goes with every page request.
 */
export function nextLink(headers: Headers, base: string): string | undefined {
  const link = headers.get('link');
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m?.[1] !== undefined && /\brel="?next"?/.test(m[2] ?? '')) {
      const next = new URL(m[1], base);
      if (next.origin !== new URL(base).origin)
        throw new HttpError(`a next-page link leads to another origin (${next.origin})`);
      return next.href;
    }
  }
  return undefined;
}
