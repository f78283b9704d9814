/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 749:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

"use strict";
// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  handler: () => (/* binding */ lambda_handler),
  readEnv: () => (/* binding */ readEnv),
  threatIntelFeeds: () => (/* reexport */ handler)
});

// EXTERNAL MODULE: external "@aws-sdk/client-secrets-manager"
var client_secrets_manager_ = __nccwpck_require__(89);
// EXTERNAL MODULE: external "@aws-sdk/client-ssm"
var client_ssm_ = __nccwpck_require__(687);
;// CONCATENATED MODULE: ./src/processors/alert-processor/secrets.ts
/**
 * Output credentials (webhook URLs) read at run time from SSM Parameter Store
 * (SecureString, decrypted by SSM) or Secrets Manager, and cached in memory for the
 * container's life (up to `ttlMs`, so a rotated secret is picked up). They never touch
 * disk or logs.
 */


function describeRef(ref) {
    return 'ssmParameter' in ref
        ? `SSM parameter ${ref.ssmParameter}`
        : `Secrets Manager secret ${ref.secretsManagerSecret}`;
}
function createSecretStore(clients, ttlMs = 15 * 60_000, now = () => Date.now()) {
    const cache = new Map();
    async function fetchSecret(ref) {
        if ('ssmParameter' in ref) {
            const res = await clients
                .ssm()
                .send(new client_ssm_.GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: true }));
            const value = res.Parameter?.Value;
            if (!value)
                throw new Error(`${describeRef(ref)} has no value`);
            return value;
        }
        const res = await clients
            .secretsManager()
            .send(new client_secrets_manager_.GetSecretValueCommand({ SecretId: ref.secretsManagerSecret }));
        if (!res.SecretString)
            throw new Error(`${describeRef(ref)} has no string value`);
        return res.SecretString;
    }
    return {
        get(ref) {
            const key = describeRef(ref);
            const hit = cache.get(key);
            if (hit && hit.expires > now())
                return hit.value;
            const value = fetchSecret(ref);
            cache.set(key, { value, expires: now() + ttlMs });
            // A failed read is not cached: the next attempt asks again.
            value.catch(() => cache.delete(key));
            return value;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/shared/logger.ts
const ORDER = { debug: 10, info: 20, warn: 30, error: 40 };
/** The metric the source-health lines become (modules/source_health reads the same name). */
const LOG_TYPE_METRIC = 'RecordsByLogType';
function levelFrom(text) {
    const t = (text ?? 'info').toLowerCase();
    if (t === 'warning')
        return 'warn';
    return t in ORDER ? t : 'info';
}
function createLogger(options = {}) {
    const min = ORDER[options.level ?? 'info'];
    const write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    const log = (level) => (message, fields) => {
        if (ORDER[level] < min)
            return;
        let line;
        try {
            line = JSON.stringify({ level, message, ...fields });
        }
        catch (err) {
            // A field too deep (or cyclic) to serialize must not turn a log line into a crash.
            line = JSON.stringify({
                level,
                message,
                fields_not_serializable: err?.message ?? String(err),
            });
        }
        write(line);
    };
    return {
        debug: log('debug'),
        info: log('info'),
        warn: log('warn'),
        error: log('error'),
        metric(name, value) {
            if (options.metrics)
                write(JSON.stringify({ metric_name: name, metric_value: value }));
        },
        logTypeRecords(logType, value) {
            if (options.sourceHealth)
                write(JSON.stringify({ metric_name: LOG_TYPE_METRIC, log_type: logType, metric_value: value }));
        },
    };
}
/** Cuts a value for a log line: enough to recognise a record, never a whole S3 object. */
function preview(value, max = 1000) {
    let text;
    try {
        text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    }
    catch (err) {
        text = `(not serializable: ${err?.message ?? String(err)})`;
    }
    return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
// EXTERNAL MODULE: external "@aws-sdk/client-dynamodb"
var client_dynamodb_ = __nccwpck_require__(414);
;// CONCATENATED MODULE: ./src/processors/collectors/checkpoint.ts
/**
 * The checkpoint of each collector, one DynamoDB item per collector: the watermark (the
 * newest event time delivered), the ids of the events delivered inside the overlap window
 * (so the window can be read again without duplicates), and a lease.
 *
 * Why DynamoDB and not an SSM parameter (StreamAlert's apps kept their state in SSM): SSM's
 * PutParameter has no compare-and-set, so two overlapping invocations could both advance
 * the same checkpoint; and a parameter holds 4 KB (8 KB advanced), too little for the ids
 * of a busy overlap window. Every write here is conditional on holding the lease, which an
 * invocation takes with a conditional update: a second invocation that starts while the
 * first runs finds the lease held and does nothing; a lease whose invocation died expires
 * after the function's timeout.
 */


class LeaseLostError extends Error {
}
/** Stored ids: 8 bytes of SHA-256 of the id (collisions ~1 in 10^10 at 20,000 ids). */
const seenKey = (id) => (0,external_node_crypto_namespaceObject.createHash)('sha256').update(id).digest('hex').slice(0, 16);
/** The most ids kept (16 bytes each: far under DynamoDB's 400 KB item limit). */
const MAX_SEEN = 20_000;
function encodeSeen(seen) {
    const buf = Buffer.alloc(seen.size * 16);
    let at = 0;
    for (const [key, time] of seen) {
        buf.write(key, at, 8, 'hex');
        buf.writeDoubleBE(time, at + 8);
        at += 16;
    }
    return buf;
}
function decodeSeen(data) {
    const seen = new Map();
    if (!data)
        return seen;
    const buf = Buffer.from(data);
    for (let at = 0; at + 16 <= buf.length; at += 16)
        seen.set(buf.toString('hex', at, at + 8), buf.readDoubleBE(at + 8));
    return seen;
}
/**
 * Keeps the ids an overlapping read can return again (time ≥ watermark − overlap), at most
 * MAX_SEEN of them, newest kept. Returns how many in-window ids had to go (a duplicate risk
 * the core reports).
 */
function pruneSeen(seen, watermark, overlapMs) {
    const floor = watermark - overlapMs;
    for (const [k, t] of seen)
        if (t < floor)
            seen.delete(k);
    if (seen.size <= MAX_SEEN)
        return 0;
    const sorted = [...seen.entries()].sort((a, b) => a[1] - b[1]);
    const drop = sorted.length - MAX_SEEN;
    for (const [k] of sorted.slice(0, drop))
        seen.delete(k);
    return drop;
}
function dynamoCheckpointStore(client, table, collector, now = Date.now) {
    const key = { collector: { S: collector } };
    return {
        async acquire(owner, leaseMs) {
            const t = now();
            try {
                const res = await client.send(new client_dynamodb_.UpdateItemCommand({
                    TableName: table,
                    Key: key,
                    UpdateExpression: 'SET lease_owner = :me, lease_until = :until',
                    ConditionExpression: 'attribute_not_exists(lease_until) OR lease_until < :now',
                    ExpressionAttributeValues: {
                        ':me': { S: owner },
                        ':until': { N: String(t + leaseMs) },
                        ':now': { N: String(t) },
                    },
                    ReturnValues: 'ALL_NEW',
                }));
                const item = res.Attributes ?? {};
                return {
                    watermark: item.watermark?.N !== undefined ? Number(item.watermark.N) : undefined,
                    seen: decodeSeen(item.seen?.B),
                };
            }
            catch (err) {
                if (err instanceof client_dynamodb_.ConditionalCheckFailedException)
                    return undefined;
                throw err;
            }
        },
        async save(owner, checkpoint) {
            const values = {
                ':me': { S: owner },
                ':seen': { B: encodeSeen(checkpoint.seen) },
                ':at': { N: String(now()) },
            };
            let set = 'seen = :seen, saved_at = :at';
            if (checkpoint.watermark !== undefined) {
                values[':wm'] = { N: String(checkpoint.watermark) };
                set += ', watermark = :wm';
            }
            try {
                await client.send(new client_dynamodb_.UpdateItemCommand({
                    TableName: table,
                    Key: key,
                    UpdateExpression: `SET ${set}`,
                    ConditionExpression: 'lease_owner = :me',
                    ExpressionAttributeValues: values,
                }));
            }
            catch (err) {
                if (err instanceof client_dynamodb_.ConditionalCheckFailedException)
                    throw new LeaseLostError(`the lease on collector ${collector}'s checkpoint was lost`);
                throw err;
            }
        },
        async release(owner) {
            try {
                await client.send(new client_dynamodb_.UpdateItemCommand({
                    TableName: table,
                    Key: key,
                    UpdateExpression: 'REMOVE lease_owner, lease_until',
                    ConditionExpression: 'lease_owner = :me',
                    ExpressionAttributeValues: { ':me': { S: owner } },
                }));
            }
            catch (err) {
                // Someone else holds it now (ours expired): theirs to release.
                if (!(err instanceof client_dynamodb_.ConditionalCheckFailedException))
                    throw err;
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/collectors/http.ts
/**
 * The HTTP client every source adapter calls: JSON GETs with the SaaS APIs' shared
 * behaviour handled once. A 429 (or GitHub's 403 with no requests remaining, or Google's 403
 * with a rate-limit reason) waits for Retry-After or the rate-limit reset header; a 5xx or a
 * network error is retried with exponential backoff and jitter; a 401 is an
 * `UnauthorizedError` (the core reads the credential again: it may have been rotated). No
 * wait ever runs past the invocation's deadline: `OutOfTimeError` makes the core stop
 * cleanly at its last checkpoint.
 */
/** The credential was refused: the core re-reads it once and starts the window again. */
class UnauthorizedError extends Error {
}
/** The next wait or request would end after the deadline: stop at the last checkpoint. */
class OutOfTimeError extends Error {
}
/** Retries exhausted or an answer no retry changes. */
class HttpError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
const GOOGLE_RATE_LIMITED = /"reason"\s*:\s*"(rateLimitExceeded|userRateLimitExceeded)"/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Only https leaves the machine with a credential; plain http only to a loopback stand-in. */
function checkUrl(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new HttpError(`not a URL: ${url.slice(0, 200)}`);
    }
    if (u.protocol === 'https:')
        return u;
    if (u.protocol === 'http:' && LOOPBACK.has(u.hostname))
        return u;
    throw new HttpError(`refusing ${u.protocol}//${u.host}: collectors call https URLs only`);
}
/**
 * How long a rate-limited answer asks to wait, in ms: Retry-After (seconds or an HTTP date),
 * else a reset header in epoch seconds (Okta's X-Rate-Limit-Reset, GitHub's
 * X-RateLimit-Reset; header names are case-insensitive), else undefined.
 */
function rateLimitWaitMs(headers, now) {
    const retryAfter = headers.get('retry-after');
    if (retryAfter !== null) {
        const secs = Number(retryAfter);
        if (Number.isFinite(secs) && secs >= 0)
            return secs * 1000;
        const at = Date.parse(retryAfter);
        if (Number.isFinite(at))
            return Math.max(0, at - now);
    }
    for (const name of ['x-rate-limit-reset', 'x-ratelimit-reset']) {
        const reset = Number(headers.get(name));
        if (headers.get(name) !== null && Number.isFinite(reset) && reset > 0)
            return Math.max(0, reset * 1000 - now);
    }
    return undefined;
}
const sleepReal = (ms) => new Promise((r) => setTimeout(r, ms));
async function readBody(res, max) {
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > max)
        throw new HttpError(`answer of ${declared} bytes is over the ${max}-byte limit`, res.status);
    if (!res.body)
        return '';
    const chunks = [];
    let size = 0;
    const reader = res.body.getReader();
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        size += value.byteLength;
        if (size > max) {
            await reader.cancel();
            throw new HttpError(`answer over the ${max}-byte limit`, res.status);
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function createHttpClient(options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? sleepReal;
    const backoff = options.backoffMs ?? 1000;
    const maxAttempts = options.maxAttempts ?? 6;
    const timeout = options.requestTimeoutMs ?? 30_000;
    const maxBody = options.maxBodyBytes ?? 32 * 1024 * 1024;
    const doFetch = options.fetch ?? fetch;
    const stats = options.stats ?? { requests: 0, rateLimited: 0, retries: 0 };
    const waitOrStop = async (ms, why) => {
        if (now() + ms >= options.deadline)
            throw new OutOfTimeError(`${why}: waiting ${Math.ceil(ms / 1000)} s would pass the deadline`);
        await sleep(ms);
    };
    return {
        async get(req) {
            const url = checkUrl(req.url);
            // Paths only in messages: query strings may carry cursors, never worth logging.
            const method = req.json === undefined && req.form === undefined && !req.post ? 'GET' : 'POST';
            const payload = req.form !== undefined
                ? {
                    type: 'application/x-www-form-urlencoded',
                    text: new URLSearchParams(req.form).toString(),
                }
                : req.json !== undefined
                    ? { type: 'application/json', text: JSON.stringify(req.json) }
                    : undefined;
            const where = `${method} ${url.host}${url.pathname}`;
            for (let attempt = 1;; attempt++) {
                const left = options.deadline - now();
                if (left <= 0)
                    throw new OutOfTimeError(`no time left for ${where}`);
                let res;
                let text;
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
                }
                catch (err) {
                    if (err instanceof HttpError)
                        throw err;
                    if (attempt >= maxAttempts)
                        throw new HttpError(`${where} failed ${attempt} times: ${err.message}`);
                    stats.retries++;
                    await waitOrStop(backoffDelay(backoff, attempt), `${where} failed`);
                    continue;
                }
                const limited = res.status === 429 ||
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
                if (res.status === 401)
                    throw new UnauthorizedError(`${where}: 401, credential refused`);
                if (res.status < 200 || res.status >= 300)
                    throw new HttpError(`${where}: ${res.status} ${text.slice(0, 200)}`, res.status);
                let body;
                try {
                    body = text === '' ? null : JSON.parse(text);
                }
                catch {
                    throw new HttpError(`${where}: the answer is not JSON`, res.status);
                }
                return { status: res.status, headers: res.headers, body, url: res.url || url.href };
            }
        },
    };
}
/** base × 2^(attempt-1), plus up to half of it again at random (no thundering herd). */
function backoffDelay(base, attempt) {
    const d = base * 2 ** (attempt - 1);
    return Math.round(d + Math.random() * d * 0.5);
}
/**
 * The `rel="next"` URL of a Link header (Okta, GitHub), resolved against `base`. A next link
 * to another origin is refused: the credential goes with every page request.
 */
function nextLink(headers, base) {
    const link = headers.get('link');
    if (!link)
        return undefined;
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

;// CONCATENATED MODULE: ./src/processors/collectors/source.ts
/** A problem a retry cannot fix (bad credential format, missing setting): fail loudly. */
class PermanentError extends Error {
}
/** Parses the credential as JSON with the named string fields, never echoing its value. */
function credentialFields(source, raw, fields) {
    let parsed;
    try {
        parsed = JSON.parse(raw);
    }
    catch {
        throw new PermanentError(`${source}: the credential is not JSON (expected fields ${fields.join(', ')})`);
    }
    const out = {};
    for (const f of fields) {
        const v = parsed?.[f];
        if (typeof v !== 'string' || v === '')
            throw new PermanentError(`${source}: the credential has no string field "${f}"`);
        out[f] = v;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/processors/collectors/collector.ts
/**
 * One collector invocation: take the checkpoint's lease, read the credential, read the
 * source from the watermark minus the overlap window up to now, send what was not sent
 * before to Kinesis, and move the checkpoint forward after every batch, until the source has
 * nothing more or the time budget ends.
 *
 * What "nothing lost, nothing twice" rests on:
 * - The source returns events oldest first. The watermark only moves to the last event of
 *   the longest prefix Kinesis accepted, so every event older than the watermark was sent.
 * - Each read starts `overlapMs` before the watermark, so an event the API shows late (its
 *   time already behind the watermark) is still read when it is at most that late; the ids
 *   sent inside the window are kept with the checkpoint and skipped when read again.
 * - A stop anywhere (time budget, a 429 longer than the budget, a failure, a restart in the
 *   middle of a page) leaves the checkpoint at the last batch Kinesis accepted; the next
 *   invocation reads from there and skips what it already sent.
 * - The one window this cannot close: the process killed after PutRecords succeeded and
 *   before the checkpoint write (milliseconds). Those records are sent again; Kinesis has no
 *   idempotent write (docs/collectors.md#delivery-guarantees).
 */




/** Runs one invocation; `deadline` is the epoch ms by which it must have stopped. */
async function runCollector(o, deadline) {
    const now = o.now ?? Date.now;
    const log = (m, f) => o.logger.info(m, { collector: o.name, ...f });
    for (const s of o.source.requiredSettings)
        if (!o.settings[s])
            throw new PermanentError(`collector ${o.name} (${o.source.type}) has no setting "${s}"`);
    const owner = (0,external_node_crypto_namespaceObject.randomUUID)();
    const cp = await o.store.acquire(owner, o.leaseMs);
    if (!cp) {
        log('another invocation holds the checkpoint lease; nothing to do');
        return { status: 'busy', delivered: 0, duplicatesSkipped: 0, lateEvents: 0, lagMs: 0 };
    }
    const stats = { requests: 0, rateLimited: 0, retries: 0 };
    const http = createHttpClient({ ...o.http, deadline, now, stats });
    const batchSize = o.batchSize ?? 500;
    let delivered = 0;
    let duplicates = 0;
    let late = 0;
    let seenDropped = 0;
    let status = 'done';
    let until = 0;
    try {
        let credential = await o.readCredential();
        let reread = false;
        for (;;) {
            const start = now();
            until = start - (o.source.delayMs ?? 0);
            const since = cp.watermark === undefined ? start - o.initialLookbackMs : cp.watermark - o.overlapMs;
            try {
                for await (const page of o.source.pages({
                    since,
                    until,
                    credential,
                    settings: o.settings,
                    http,
                })) {
                    const fresh = [];
                    const inPage = new Set();
                    for (const e of page.events) {
                        const key = seenKey(e.id);
                        if (cp.seen.has(key) || inPage.has(key)) {
                            duplicates++;
                            continue;
                        }
                        inPage.add(key);
                        if (cp.watermark !== undefined && e.time < cp.watermark)
                            late++;
                        fresh.push(e);
                    }
                    for (let i = 0; i < fresh.length; i += batchSize) {
                        // The checkpoint write after the batch needs time too: stop while there is some.
                        if (now() >= deadline)
                            throw new OutOfTimeError('the time budget ended mid-page');
                        const batch = fresh.slice(i, i + batchSize);
                        let sent;
                        try {
                            sent = await deliver(o.sink, batch, cp);
                        }
                        catch (err) {
                            // What Kinesis took is recorded before the failure goes up.
                            if (err instanceof PartialDeliveryError && err.accepted > 0) {
                                delivered += err.accepted;
                                pruneSeen(cp.seen, cp.watermark ?? since, o.overlapMs);
                                await o.store.save(owner, cp);
                            }
                            throw err;
                        }
                        delivered += sent;
                        seenDropped += pruneSeen(cp.seen, cp.watermark ?? since, o.overlapMs);
                        await o.store.save(owner, cp);
                    }
                }
                break;
            }
            catch (err) {
                if (err instanceof UnauthorizedError && !reread) {
                    // Rotated mid-run: read it again once and read the window again from the checkpoint.
                    reread = true;
                    log('credential refused; reading it again (rotation?)');
                    credential = await o.readCredential();
                    continue;
                }
                throw err;
            }
        }
    }
    catch (err) {
        if (!(err instanceof OutOfTimeError)) {
            o.logger.metric('CollectorErrors', 1);
            throw err;
        }
        status = 'out-of-time';
        log('stopping at the last checkpoint: the time budget ends', { reason: err.message });
    }
    finally {
        o.logger.metric('CollectorRecords', delivered);
        o.logger.metric('CollectorDuplicatesSkipped', duplicates);
        o.logger.metric('CollectorLateEvents', late);
        o.logger.metric('CollectorRateLimited', stats.rateLimited);
        if (seenDropped > 0) {
            o.logger.metric('CollectorSeenDropped', seenDropped);
            o.logger.warn('the overlap window holds more ids than the checkpoint keeps', {
                collector: o.name,
                dropped: seenDropped,
            });
        }
        await o.store.release(owner).catch((e) => o.logger.warn('could not release the lease (it expires by itself)', {
            collector: o.name,
            error: e?.message,
        }));
    }
    // Done: collected through `until`; stopped early: through the watermark.
    const through = status === 'done' ? until : (cp.watermark ?? until);
    const lagMs = Math.max(0, now() - through);
    o.logger.metric('CollectorLagSeconds', Math.round(lagMs / 1000));
    o.logger.metric('CollectorSuccessfulPoll', 1);
    log('poll finished', {
        status,
        delivered,
        duplicates_skipped: duplicates,
        late_events: late,
        requests: stats.requests,
        rate_limited: stats.rateLimited,
        retries: stats.retries,
    });
    return {
        status,
        delivered,
        duplicatesSkipped: duplicates,
        lateEvents: late,
        lagMs,
        watermark: cp.watermark,
    };
}
/**
 * Sends one batch and records in `cp` what Kinesis accepted, also when the send fails part
 * way: every accepted id joins the seen set; the watermark moves to the last event of the
 * accepted prefix only. Returns how many were accepted, or rethrows after recording.
 */
async function deliver(sink, batch, cp) {
    const accepted = new Set();
    let failure;
    try {
        await sink.put(batch, (e) => accepted.add(e));
    }
    catch (err) {
        failure = err;
    }
    for (const e of batch) {
        if (!accepted.has(e))
            break;
        cp.watermark = Math.max(cp.watermark ?? e.time, e.time);
    }
    for (const e of accepted)
        cp.seen.set(seenKey(e.id), e.time);
    if (failure !== undefined) {
        // The caller's save must still happen: surface the failure after it.
        throw new PartialDeliveryError(failure, accepted.size);
    }
    return accepted.size;
}
/** A batch Kinesis took only part of: what it took is in the checkpoint object. */
class PartialDeliveryError extends Error {
    cause;
    accepted;
    constructor(cause, accepted) {
        super(`Kinesis took ${accepted} record(s) of a batch, then failed: ${cause?.message ?? String(cause)}`);
        this.cause = cause;
        this.accepted = accepted;
    }
}


// EXTERNAL MODULE: external "@aws-sdk/client-kinesis"
var client_kinesis_ = __nccwpck_require__(432);
;// CONCATENATED MODULE: ./src/processors/collectors/kinesis.ts
/**
 * Writes collected events to the cluster's Kinesis stream with PutRecords: at most 500
 * records and 5 MiB per call (Kinesis' limits), one JSON record per event, the event id as
 * the partition key (spreads the shards). PutRecords succeeds or fails per record: the
 * failed ones (throughput exceeded, internal failure) are sent again, with backoff, until
 * all are in or the attempts run out (then the batch throws and the checkpoint stays
 * before it).
 */


const MAX_RECORDS_PER_CALL = 500;
const MAX_BYTES_PER_CALL = 5 * 1024 * 1024;
/** Kinesis' record limit is 1 MiB, data and partition key together. */
const MAX_RECORD_BYTES = 1024 * 1024 - 256;
/** Kinesis partition keys are at most 256 characters: a long id goes as its hash. */
const partitionKey = (id) => id.length > 0 && id.length <= 256 ? id : (0,external_node_crypto_namespaceObject.createHash)('sha256').update(id).digest('hex');
function kinesisSink(client, stream, options = {}) {
    const maxAttempts = options.maxAttempts ?? 6;
    const backoff = options.backoffMs ?? 200;
    const sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    async function send(entries, delivered) {
        let pending = entries;
        for (let attempt = 1; pending.length > 0; attempt++) {
            const res = await client.send(new client_kinesis_.PutRecordsCommand({
                StreamName: stream,
                Records: pending.map((e) => ({ Data: e.Data, PartitionKey: e.PartitionKey })),
            }));
            const failed = [];
            pending.forEach((e, i) => {
                // A response without a per-record result counts that record as failed: resent.
                const r = res.Records?.[i];
                if (r && !r.ErrorCode && r.SequenceNumber)
                    delivered(e.event);
                else
                    failed.push(e);
            });
            if (failed.length === 0)
                return;
            if (attempt >= maxAttempts) {
                const code = res.Records?.find((r) => r.ErrorCode)?.ErrorCode ?? 'no result';
                throw new Error(`PutRecords to ${stream}: ${failed.length} record(s) still failing after ${attempt} attempts (${code})`);
            }
            pending = failed;
            await sleep(backoff * 2 ** (attempt - 1));
        }
    }
    return {
        async put(events, delivered) {
            let batch = [];
            let bytes = 0;
            for (const e of events) {
                const data = Buffer.from(JSON.stringify(e.record));
                const pk = partitionKey(e.id);
                const size = data.length + Buffer.byteLength(pk);
                if (size > MAX_RECORD_BYTES) {
                    // Kinesis cannot take it; said, counted, never silently dropped.
                    options.onOversized?.(e, size);
                    delivered(e);
                    continue;
                }
                if (batch.length === MAX_RECORDS_PER_CALL || bytes + size > MAX_BYTES_PER_CALL) {
                    await send(batch, delivered);
                    batch = [];
                    bytes = 0;
                }
                batch.push({ Data: data, PartitionKey: pk, event: e });
                bytes += size;
            }
            if (batch.length > 0)
                await send(batch, delivered);
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/shared.ts
/** What the source adapters share: reading ids and times from events, the base URL. */

/**
 * The API's base URL from a `hostname` setting: a bare host means https; a full URL is
 * taken as it is (the HTTP client refuses anything but https, and http to loopback).
 */
function baseUrl(hostname) {
    return /^[a-z]+:\/\//i.test(hostname) ? hostname : `https://${hostname}`;
}
function stringField(source, event, field) {
    const v = event?.[field];
    if (typeof v === 'string' && v !== '')
        return v;
    if (typeof v === 'number' && Number.isFinite(v))
        return String(v);
    throw new HttpError(`${source}: an event has no "${field}"`);
}
/** An event time (ISO text, or epoch ms / s when `unit` says so) as epoch ms. */
function eventTime(source, event, field, unit = 'iso') {
    const v = event?.[field];
    const t = unit === 'iso'
        ? typeof v === 'string'
            ? Date.parse(v)
            : NaN
        : typeof v === 'number'
            ? v * (unit === 's' ? 1000 : 1)
            : NaN;
    if (!Number.isFinite(t))
        throw new HttpError(`${source}: an event's "${field}" is not a time`);
    return t;
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/duo.ts
/**
 * Duo Admin API logs, signed requests (HMAC-SHA1 of the canonical request: date, method,
 * host, path, sorted URL-encoded parameters; `Basic ikey:signature` with a `Date` header).
 * Duo shows a log entry up to two minutes after it happened: the window ends two minutes
 * before now.
 *
 * - `duo_auth`: `GET /admin/v2/logs/authentication`, `mintime`/`maxtime` in epoch ms, oldest
 *   first (`sort=ts:asc`), up to 1,000 a page; the next page's `next_offset` is the
 *   response's `metadata.next_offset` pair (timestamp, txid) joined by a comma. Id `txid`,
 *   time `timestamp` (epoch seconds; the v2 log has no finer time).
 * - `duo_telephony`: `GET /admin/v2/logs/telephony`, as the authentication log (ms, oldest
 *   first, `next_offset` from the metadata); entries under `items`, id `telephony_id` (else
 *   `txid`), time `ts` (ISO 8601).
 * - `duo_admin`: `GET /admin/v1/logs/administrator`, `mintime` in epoch seconds, the 1,000
 *   oldest entries from it; the next request starts at the last entry's second (entries of
 *   that second come again and are skipped as duplicates). Entries have no id: the id is a
 *   hash of the entry.
 *
 * Settings: `hostname` (api-xxxxxxxx.duosecurity.com). Credential:
 * `{"integration_key": "...", "secret_key": "..."}` of an Admin API application with the
 * "Grant read log" permission.
 */




const DELAY_MS = 2 * 60_000;
/** Duo's parameter encoding: RFC 3986 unreserved characters kept, the rest %XX (upper case). */
const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
function canonicalParams(params) {
    return Object.keys(params)
        .sort()
        .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
        .join('&');
}
/** The headers of a signed Duo GET. */
function duoSign(creds, host, path, params, date) {
    const rfc2822 = date.toUTCString().replace('GMT', '-0000');
    const canon = [rfc2822, 'GET', host.toLowerCase(), path, canonicalParams(params)].join('\n');
    const sig = (0,external_node_crypto_namespaceObject.createHmac)('sha1', creds.secret_key).update(canon).digest('hex');
    return {
        date: rfc2822,
        authorization: `Basic ${Buffer.from(`${creds.integration_key}:${sig}`).toString('base64')}`,
    };
}
async function signedGet(http, credential, hostname, path, params, source) {
    const creds = credentialFields(source, credential, ['integration_key', 'secret_key']);
    const base = new URL(baseUrl(hostname));
    const url = new URL(path, base);
    url.search = canonicalParams(params);
    const res = await http.get({
        url: url.href,
        headers: duoSign(creds, base.host, path, params, new Date()),
    });
    const body = res.body;
    if (body?.stat !== 'OK')
        throw new HttpError(`${source}: Duo answered stat ${String(body?.stat)}`);
    return body.response;
}
/**
 * A v2 log of the Admin API: `mintime`/`maxtime` in epoch ms, oldest first, up to 1,000 a
 * page, the next page's `next_offset` from `metadata.next_offset` (a [time, id] pair for the
 * authentication log, joined by a comma; a string as some v2 logs give it).
 */
function duoV2(o) {
    return {
        type: o.type,
        logTypes: [o.logType],
        delayMs: DELAY_MS,
        requiredSettings: ['hostname'],
        async *pages({ since, until, credential, settings, http }) {
            let offset;
            for (;;) {
                const params = {
                    mintime: String(Math.floor(since)),
                    maxtime: String(Math.floor(until)),
                    limit: '1000',
                    sort: 'ts:asc',
                    ...(offset ? { next_offset: offset } : {}),
                };
                const r = (await signedGet(http, credential, settings.hostname ?? '', o.path, params, o.type));
                const entries = r?.[o.list];
                if (!Array.isArray(entries))
                    throw new HttpError(`${o.type}: no ${o.list} in the answer`);
                const events = entries.map((e) => ({
                    id: entryId(o.type, e, o.id),
                    time: eventTime(o.type, e, o.time.field, o.time.unit),
                    record: e,
                }));
                yield { events };
                const next = r.metadata?.next_offset;
                if (events.length === 0)
                    return;
                if (Array.isArray(next) && next.length > 0)
                    offset = next.map(String).join(',');
                else if (typeof next === 'string' && next !== '')
                    offset = next;
                else
                    return;
            }
        },
    };
}
function entryId(source, e, fields) {
    for (const f of fields.slice(0, -1)) {
        const v = e?.[f];
        if (typeof v === 'string' && v !== '')
            return v;
    }
    return stringField(source, e, fields.at(-1) ?? '');
}
const duoAuth = duoV2({
    type: 'duo_auth',
    logType: 'duo:authentication',
    path: '/admin/v2/logs/authentication',
    list: 'authlogs',
    id: ['txid'],
    time: { field: 'timestamp', unit: 's' },
});
/** Phone calls and SMS sent, and the credits they used (v2: `ts` is ISO 8601). */
const duoTelephony = duoV2({
    type: 'duo_telephony',
    logType: 'duo:telephony',
    path: '/admin/v2/logs/telephony',
    list: 'items',
    id: ['telephony_id', 'txid'],
    time: { field: 'ts', unit: 'iso' },
});
const duoAdmin = {
    type: 'duo_admin',
    logTypes: ['duo:administrator'],
    delayMs: DELAY_MS,
    requiredSettings: ['hostname'],
    async *pages({ since, until, credential, settings, http }) {
        const path = '/admin/v1/logs/administrator';
        let mintime = Math.floor(since / 1000);
        for (;;) {
            const r = await signedGet(http, credential, settings.hostname ?? '', path, { mintime: String(mintime) }, 'duo_admin');
            if (!Array.isArray(r))
                throw new HttpError('duo_admin: the answer is not a list');
            const events = r
                .map((e) => ({
                id: (0,external_node_crypto_namespaceObject.createHash)('sha256').update(JSON.stringify(e)).digest('hex'),
                time: eventTime('duo_admin', e, 'timestamp', 's'),
                record: e,
            }))
                .filter((e) => e.time <= until);
            yield { events };
            const last = events.at(-1);
            if (r.length < 1000 || !last)
                return;
            const lastSecond = Math.floor(last.time / 1000);
            // A full page of one second would ask for itself again: move on a second.
            mintime = lastSecond > mintime ? lastSecond : mintime + 1;
        }
    },
};

;// CONCATENATED MODULE: ./src/processors/shared/expiring-cache.ts
/**
 * Values that expire, kept for the life of a function's container: OAuth tokens of the
 * collectors, assumed-role clients of the alert processor. A warm invocation reuses what an
 * earlier one made until shortly before it expires, so a poll every minute or a burst of
 * alerts asks the issuer once an hour, not once per call.
 *
 * Callers asking for the same key while it is being made share that one call. A value that
 * failed is not remembered (the next caller tries again); one without a lifetime, or with
 * one too short to be worth keeping, is returned but not kept. The cache holds at most
 * `max` keys, the oldest going first: the key it was made for (a credential, a role name)
 * has most likely rotated or was a typo, and neither may grow the cache.
 */
function createExpiringCache(options) {
    const { renewBeforeMs, max, now = Date.now } = options;
    const kept = new Map();
    const forget = (key, entry) => {
        if (kept.get(key) === entry)
            kept.delete(key);
    };
    return {
        get(key, make) {
            const hit = kept.get(key);
            if (hit && now() < hit.renewAt)
                return hit.value;
            kept.delete(key);
            if (kept.size >= max)
                kept.delete(kept.keys().next().value);
            const entry = { renewAt: Infinity };
            entry.value = make().then((made) => {
                const at = made.expiresAt;
                entry.renewAt =
                    typeof at === 'number' && Number.isFinite(at) ? at - renewBeforeMs : -Infinity;
                if (!(now() < entry.renewAt))
                    forget(key, entry);
                return made.value;
            }, (err) => {
                forget(key, entry);
                throw err;
            });
            kept.set(key, entry);
            return entry.value;
        },
        drop(key) {
            kept.delete(key);
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/token-cache.ts
/**
 * OAuth access tokens kept for the life of the function's container. Google, Microsoft and
 * Box issue tokens for an hour; asking for one every poll (every minute) is 60 token requests
 * an hour against endpoints with their own rate limits, and a failure point for nothing. A
 * warm invocation reuses the token the previous one got until shortly before it expires.
 *
 * A token is kept under a hash of everything that got it (the endpoint, the credential, the
 * subject or scope): a rotated credential is another key, so another token, and the secret
 * is not kept in the key's clear text. An API call refused with a 401 (the token revoked, the
 * secret behind it rotated) drops the token it used before the error goes up; the core then
 * reads the credential again and polls once more (collector.ts), which asks for a new token.
 */



/** A token is renewed this long before it expires, so it does not run out mid-poll. */
const RENEW_BEFORE_MS = 5 * 60_000;
/** A function runs one collector: a handful of keys at most (a rotation adds one). */
const MAX_TOKENS = 8;
const hash = (key) => (0,external_node_crypto_namespaceObject.createHash)('sha256').update(JSON.stringify(key)).digest('hex');
function createTokenCache(now = Date.now) {
    const kept = createExpiringCache({
        renewBeforeMs: RENEW_BEFORE_MS,
        max: MAX_TOKENS,
        now,
    });
    return {
        get: (key, issue) => kept.get(hash(key), async () => {
            const issued = await issue();
            const life = issued.expiresInSec;
            return {
                value: issued.token,
                // Without a lifetime the token is not kept.
                ...(typeof life === 'number' ? { expiresAt: now() + life * 1000 } : {}),
            };
        }),
        drop: (key) => kept.drop(hash(key)),
    };
}
/** `http`, dropping the token of `key` when a call is refused with a 401. */
function droppingOnRefusal(http, cache, key) {
    return {
        async get(req) {
            try {
                return await http.get(req);
            }
            catch (err) {
                if (err instanceof UnauthorizedError)
                    cache.drop(key);
                throw err;
            }
        },
    };
}
/** OAuth's `expires_in` of a token endpoint's answer, when it is a number of seconds. */
function expiresIn(body) {
    const v = body?.expires_in;
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/oauth.ts
/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4), as Microsoft Entra ID and Box issue tokens:
 * a form POST of the client id and secret, a bearer `access_token` back. A refusal (400
 * `invalid_client`/`invalid_grant`, 401) is an `UnauthorizedError`, so the core reads the
 * credential again once (a rotated secret) before failing; its message names the endpoint
 * and never repeats the answer, which may quote what was sent. The token's lifetime comes back
 * with it, for the token cache (token-cache.ts).
 */


async function clientCredentialsToken(http, source, tokenUrl, form) {
    const where = new URL(tokenUrl);
    let body;
    try {
        body = (await http.get({ url: tokenUrl, form: { grant_type: 'client_credentials', ...form } }))
            .body;
    }
    catch (err) {
        const status = err instanceof HttpError ? err.status : undefined;
        if (err instanceof UnauthorizedError || status === 400 || status === 401 || status === 403)
            throw new UnauthorizedError(`${source}: ${where.host}${where.pathname} refused the client credentials (HTTP ${status ?? 401}); check the client id, the secret and the settings`);
        throw err;
    }
    const token = body?.access_token;
    if (typeof token !== 'string' || token === '')
        throw new HttpError(`${source}: ${where.host}${where.pathname} answered no access_token`);
    return { token, expiresInSec: expiresIn(body) };
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/box.ts
/**
 * Box enterprise events, the history stream (`GET /2.0/events?stream_type=admin_logs`):
 * the window as `created_after`/`created_before` (RFC 3339, whole seconds), up to 500
 * events a page, the next page from the answer's `next_stream_position`, until a page comes
 * back empty. `admin_logs` returns events in order and without duplicates but favours
 * completeness over latency: an event can show up a while after its time, so the window
 * ends two minutes before now and the overlap window (de-duplicated by `event_id`) catches
 * the later ones. Each event's id is `event_id`, its time `created_at`.
 *
 * Authentication: Client Credentials Grant of a Box Platform app for the enterprise
 * (`box_subject_type=enterprise`, `box_subject_id` the enterprise id) at `/oauth2/token` of
 * the same host; the token (an hour) is kept across warm invocations until five minutes
 * before it expires, and dropped when Box refuses it (token-cache.ts).
 *
 * Settings: `enterprise_id`; `hostname` (default api.box.com). Credential:
 * `{"client_id": "...", "client_secret": "..."}`.
 */





const BOX_PAGE_LIMIT = 500;
/** RFC 3339 in whole seconds, as Box's filters take it. */
const rfc3339 = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
function boxSource(options = {}) {
    const tokens = options.tokens ?? createTokenCache();
    return {
        type: 'box_events',
        logTypes: ['box:admin_logs'],
        delayMs: 2 * 60_000,
        requiredSettings: ['enterprise_id'],
        async *pages({ since, until, credential, settings, http: client }) {
            const { client_id, client_secret } = credentialFields('box_events', credential, [
                'client_id',
                'client_secret',
            ]);
            const base = baseUrl(settings.hostname ?? 'api.box.com');
            const tokenUrl = new URL('/oauth2/token', base).href;
            const enterprise = settings.enterprise_id ?? '';
            const key = [tokenUrl, client_id, client_secret, enterprise];
            const token = await tokens.get(key, () => clientCredentialsToken(client, 'box_events', tokenUrl, {
                client_id,
                client_secret,
                box_subject_type: 'enterprise',
                box_subject_id: enterprise,
            }));
            const http = droppingOnRefusal(client, tokens, key);
            const headers = { authorization: `Bearer ${token}` };
            let position;
            for (;;) {
                const url = new URL('/2.0/events', base);
                url.searchParams.set('stream_type', 'admin_logs');
                url.searchParams.set('created_after', rfc3339(since));
                url.searchParams.set('created_before', rfc3339(until));
                url.searchParams.set('limit', String(BOX_PAGE_LIMIT));
                if (position !== undefined)
                    url.searchParams.set('stream_position', position);
                const res = await http.get({ url: url.href, headers });
                const body = res.body;
                if (!Array.isArray(body?.entries))
                    throw new HttpError('box_events: no entries in the answer');
                const events = body.entries.map((e) => ({
                    id: stringField('box_events', e, 'event_id'),
                    time: eventTime('box_events', e, 'created_at'),
                    record: e,
                }));
                yield { events };
                const next = body.next_stream_position;
                if (events.length === 0 || (typeof next !== 'string' && typeof next !== 'number'))
                    return;
                // A position that does not move would ask for the same page forever.
                if (String(next) === position)
                    return;
                position = String(next);
            }
        },
    };
}
const box = boxSource();

;// CONCATENATED MODULE: ./src/processors/collectors/sources/github.ts
/**
 * GitHub audit log of an organization (`GET /orgs/{org}/audit-log`) or an enterprise
 * (`GET /enterprises/{enterprise}/audit-log`): the window as a search phrase
 * (`created:>=<since>`), oldest first (`order=asc`), 100 entries a page, cursor paging in
 * the Link header (`rel="next"`, an `after` cursor). A token with `read:audit_log`
 * (organization: an owner's; enterprise: an enterprise owner's) as `Bearer`. Rate limits
 * come as 403 or 429 with X-RateLimit-Remaining 0 and X-RateLimit-Reset, or Retry-After
 * (secondary limits): the HTTP client waits for them. Each entry's id is `_document_id`, its
 * time `@timestamp` (epoch ms).
 *
 * Settings: `organization` or `enterprise` (one of them); `hostname` (default
 * api.github.com; GitHub Enterprise Server: `ghe.example.com/api/v3`); `include` (web, git or
 * all; default all). Credential: `{"token": "..."}`.
 */



/** GitHub's search qualifiers take whole seconds: the window starts on one (inclusive). */
const isoSeconds = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const github = {
    type: 'github_audit',
    logTypes: ['github:audit'],
    requiredSettings: [],
    async *pages({ since, credential, settings, http }) {
        const { token } = credentialFields('github_audit', credential, ['token']);
        const { organization, enterprise } = settings;
        if (!organization === !enterprise)
            throw new PermanentError('github_audit: set exactly one of "organization" and "enterprise"');
        const scope = organization
            ? `orgs/${encodeURIComponent(organization)}`
            : `enterprises/${encodeURIComponent(enterprise ?? '')}`;
        const base = baseUrl(settings.hostname ?? 'api.github.com').replace(/\/?$/, '/');
        const first = new URL(`${scope}/audit-log`, base);
        first.searchParams.set('phrase', `created:>=${isoSeconds(since)}`);
        first.searchParams.set('include', settings.include ?? 'all');
        first.searchParams.set('order', 'asc');
        first.searchParams.set('per_page', '100');
        const headers = {
            authorization: `Bearer ${token}`,
            accept: 'application/vnd.github+json',
            'x-github-api-version': '2022-11-28',
        };
        let url = first.href;
        while (url) {
            const res = await http.get({ url, headers });
            if (!Array.isArray(res.body))
                throw new HttpError('github_audit: the audit log did not answer a list');
            const events = res.body.map((e) => ({
                id: stringField('github_audit', e, '_document_id'),
                time: eventTime('github_audit', e, '@timestamp', 'ms'),
                record: e,
            }));
            yield { events };
            url = events.length === 0 ? undefined : nextLink(res.headers, url);
        }
    },
};

;// CONCATENATED MODULE: ./src/processors/collectors/sources/newest-first.ts
/**
 * Reading an API that only answers newest first (Google Workspace Reports, Slack audit logs)
 * for a core that needs oldest first.
 *
 * Why not simply reverse each page: the first page of a newest-first read is the newest end of
 * the window. Sent as it comes, the checkpoint's watermark would jump to the window's newest
 * event before the older pages were read, and a poll stopped by its time budget (or a crash)
 * between pages would lose everything older than the watermark and outside the overlap. So a
 * window is read whole, sorted oldest first, and only then handed to the core.
 *
 * What bounds memory: a read holds at most `maxEvents` events. A window with more is split:
 * its first half is tried instead (the read so far is dropped), and so on until a slice fits;
 * after a slice that fits, the next one starts where it ended, as wide as the last one (twice
 * as wide when it held under a quarter of the limit). A quiet stretch costs one request a
 * slice; a backlog costs about one dropped read per halving on top of reading it once.
 *
 * The contract kept: every event the core receives is older than or as old as every event it
 * receives after it, so the watermark never passes an event that was not yet sent.
 */

const byTimeThenId = (a, b) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
async function* oldestFirst(o) {
    const g = o.granularityMs;
    let from = Math.floor(o.since / g) * g;
    const end = Math.floor(o.until / g) * g;
    // The first try is the whole window: one request a poll when it is quiet.
    let width = end - from + g;
    while (from <= end) {
        const to = Math.min(end, from + width - g);
        const splittable = to > from;
        const events = await o.readSlice(from, to, splittable ? o.maxEvents : Infinity);
        if (events === undefined) {
            if (!splittable)
                throw new HttpError('a slice of one time unit answered over its limit');
            width = Math.max(g, Math.floor((to - from + g) / 2 / g) * g);
            continue;
        }
        const inSlice = events.filter((e) => e.time >= from && e.time <= to).sort(byTimeThenId);
        for (let i = 0; i < inSlice.length; i += o.pageSize)
            yield { events: inSlice.slice(i, i + o.pageSize) };
        const used = to - from + g;
        from = to + g;
        width = inSlice.length < o.maxEvents / 4 ? used * 2 : used;
    }
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/google-workspace.ts
/**
 * Google Workspace Reports API (Admin SDK Reports v1, `activities.list`):
 * `GET /admin/reports/v1/activity/users/all/applications/{application}` with `startTime`,
 * `endTime` (RFC 3339), `maxResults=1000` and `pageToken` from the answer's `nextPageToken`,
 * for each application the collector reads (login, admin, drive, token, saml, groups, ...).
 * The API answers newest first and has no other order: `oldestFirst` reads each slice of the
 * window whole, across the applications, and hands it to the core oldest first.
 *
 * Authentication: a service account key (its JSON, as Google hands it out, is the credential)
 * with domain-wide delegation of the read-only audit scope. A poll with no kept token signs a JWT (RS256) that
 * names the delegated administrator as `sub` and trades it at the token endpoint for an access
 * token (an hour), kept across warm invocations until five minutes before it expires and
 * dropped when the API refuses it (token-cache.ts). The key never leaves the function; only
 * the signed assertion does, and only to the token endpoint.
 *
 * Each activity is one record (its `events` list keeps every event of the activity); its id is
 * application, time and `id.uniqueQualifier` (Google's qualifier of activities at the same
 * time), its time `id.time`.
 *
 * Lateness. Google documents how late each log shows in the API ("Data retention and lag
 * times", support.google.com/a/answer/7061566): most applications within a couple of minutes,
 * SAML usually within the hour, Calendar tens of minutes and up to a couple of hours, and "in
 * rare cases" later or never. The window ends three minutes before now (the common case, read
 * once), and the collector's overlap window (overlap_seconds) catches what comes later: the
 * default 600 s covers about thirteen minutes of lateness. A collector of Calendar (or SAML)
 * events needs an overlap above its lateness, e.g. 10,800 s; one watermark serves all the
 * applications of a collector, so such an application goes in a collector of its own rather
 * than making every application's overlap hours long (docs/collectors.md).
 *
 * Settings: `subject` (the administrator the service account acts as, required);
 * `applications` (comma-separated; default below); `customer_id`; `hostname` (default
 * admin.googleapis.com) and `oauth_url` (default https://oauth2.googleapis.com/token).
 * Credential: the service account key JSON (`client_email`, `private_key`).
 */






const TYPE = 'google_workspace';
const SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';
const DEFAULT_OAUTH_URL = 'https://oauth2.googleapis.com/token';
/** The near-real-time applications: Calendar and Cloud Search lag by hours (see above). */
const DEFAULT_APPLICATIONS = [
    'admin',
    'login',
    'token',
    'saml',
    'drive',
    'groups',
    'groups_enterprise',
    'user_accounts',
];
const APPLICATION = /^[a-z][a-z_]{0,39}$/;
const PAGE_SIZE = 1000;
/** The applications a collector reads, from its `applications` setting. */
function applicationsOf(settings) {
    const raw = settings.applications;
    if (raw === undefined)
        return DEFAULT_APPLICATIONS;
    const apps = [...new Set(raw.split(',').map((a) => a.trim()))].filter((a) => a !== '');
    const bad = apps.find((a) => !APPLICATION.test(a));
    if (bad !== undefined || apps.length === 0)
        throw new PermanentError(`${TYPE}: "applications" must be Reports API application names separated by commas (such as login,admin,drive)`);
    return apps;
}
const b64url = (b) => Buffer.from(b).toString('base64url');
/** A signed JWT asking for `scope` as `subject` (RFC 7523), valid for an hour from `now`. */
function signAssertion(key, subject, audience, now) {
    const iat = Math.floor(now / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const claims = b64url(JSON.stringify({
        iss: key.client_email,
        sub: subject,
        scope: SCOPE,
        aud: audience,
        iat,
        exp: iat + 3600,
    }));
    const signature = (0,external_node_crypto_namespaceObject.sign)('sha256', Buffer.from(`${header}.${claims}`), key.private_key);
    return `${header}.${claims}.${b64url(signature)}`;
}
/** The service account key from the credential; its value is never repeated in an error. */
function serviceAccount(credential) {
    const { client_email, private_key } = credentialFields(TYPE, credential, [
        'client_email',
        'private_key',
    ]);
    let key;
    try {
        key = (0,external_node_crypto_namespaceObject.createPrivateKey)(private_key);
    }
    catch {
        throw new PermanentError(`${TYPE}: the credential's "private_key" is not a PEM private key (the service account key JSON as Google hands it out)`);
    }
    if (key.asymmetricKeyType !== 'rsa')
        throw new PermanentError(`${TYPE}: the credential's "private_key" is not an RSA key`);
    return { client_email, private_key: key };
}
async function accessToken(http, credential, subject, oauthUrl) {
    const key = serviceAccount(credential);
    const assertion = signAssertion(key, subject, oauthUrl, Date.now());
    let res;
    try {
        res = await http.get({
            url: oauthUrl,
            form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion },
        });
    }
    catch (err) {
        // A deleted or rotated key is "invalid_grant" (400): let the core read the credential again.
        if (err instanceof HttpError && err.status === 400 && /invalid_grant/.test(err.message))
            throw new UnauthorizedError(`${TYPE}: the token endpoint refused the service account key`);
        throw err;
    }
    const token = res.body?.access_token;
    if (typeof token !== 'string' || token === '')
        throw new HttpError(`${TYPE}: the token endpoint answered no access_token`);
    return { token, expiresInSec: expiresIn(res.body) };
}
/** An activity's id and time: application, `id.time` and `id.uniqueQualifier`. */
function activityEvent(application, activity) {
    const id = activity?.id;
    const time = typeof id?.time === 'string' ? Date.parse(id.time) : NaN;
    if (!Number.isFinite(time))
        throw new HttpError(`${TYPE}: an ${application} activity has no id.time`);
    const app = typeof id?.applicationName === 'string' ? id.applicationName : application;
    const qualifier = typeof id?.uniqueQualifier === 'string' || typeof id?.uniqueQualifier === 'number'
        ? String(id.uniqueQualifier)
        : // No qualifier: the activity itself is what makes it unique.
            `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(JSON.stringify(activity)).digest('hex')}`;
    return { id: `${app}/${new Date(time).toISOString()}/${qualifier}`, time, record: activity };
}
function googleWorkspaceSource(options = {}) {
    const tokens = options.tokens ?? createTokenCache();
    return {
        type: TYPE,
        logTypes: ['google_workspace:activity'],
        // Three minutes: most applications' documented lag ("a couple of minutes").
        delayMs: 3 * 60_000,
        requiredSettings: ['subject'],
        async *pages({ since, until, credential, settings, http: client }) {
            const applications = applicationsOf(settings);
            const subject = settings.subject ?? '';
            const oauthUrl = settings.oauth_url ?? DEFAULT_OAUTH_URL;
            const base = baseUrl(settings.hostname ?? 'admin.googleapis.com').replace(/\/?$/, '/');
            const key = [oauthUrl, credential, subject];
            const token = await tokens.get(key, () => accessToken(client, credential, subject, oauthUrl));
            const http = droppingOnRefusal(client, tokens, key);
            const headers = { authorization: `Bearer ${token}` };
            const readApplication = async (application, from, to, out, max) => {
                const first = new URL(`admin/reports/v1/activity/users/all/applications/${encodeURIComponent(application)}`, base);
                first.searchParams.set('startTime', new Date(from).toISOString());
                // One ms past the slice: the end is inclusive whichever way the API reads endTime.
                first.searchParams.set('endTime', new Date(to + 1).toISOString());
                first.searchParams.set('maxResults', String(PAGE_SIZE));
                if (settings.customer_id)
                    first.searchParams.set('customerId', settings.customer_id);
                let pageToken;
                for (;;) {
                    const url = new URL(first.href);
                    if (pageToken)
                        url.searchParams.set('pageToken', pageToken);
                    const res = await http.get({ url: url.href, headers });
                    const body = res.body;
                    const items = body?.items ?? [];
                    if (!Array.isArray(items))
                        throw new HttpError(`${TYPE}: the ${application} activities are not a list`);
                    for (const a of items)
                        out.push(activityEvent(application, a));
                    if (out.length > max)
                        return false;
                    if (typeof body?.nextPageToken !== 'string' || body.nextPageToken === '' || !items.length)
                        return true;
                    pageToken = body.nextPageToken;
                }
            };
            yield* oldestFirst({
                since,
                until,
                granularityMs: 1,
                maxEvents: options.maxEvents ?? 10_000,
                pageSize: PAGE_SIZE,
                readSlice: async (from, to, max) => {
                    const out = [];
                    for (const app of applications)
                        if (!(await readApplication(app, from, to, out, max)))
                            return undefined;
                    return out;
                },
            });
        },
    };
}
const googleWorkspace = googleWorkspaceSource();

;// CONCATENATED MODULE: ./src/processors/collectors/sources/m365.ts
/**
 * Microsoft 365 Management Activity API (the unified audit log). The API does not list
 * events by when they happened: it lists content blobs by when each became available
 * (`contentCreated`), and a blob holds events of any age (Microsoft: events can take hours
 * to reach a blob, in no order). So the checkpoint follows `contentCreated`, not the
 * events' `CreationTime`: each event's collected time is its blob's `contentCreated`. An
 * event that is hours late arrives in a new blob with a new `contentCreated` and is read
 * like any other; the overlap window only has to cover the listing's own lag (a blob listed
 * a little after its `contentCreated`), and the window ends five minutes before now.
 *
 * Each poll: a token by client credentials at `login_hostname`
 * (`/{tenant}/oauth2/v2.0/token`, scope `<api>/.default`; kept across warm invocations until
 * five minutes before it expires, dropped when refused: token-cache.ts); `subscriptions/list`, and
 * `subscriptions/start` for every configured content type not enabled (a subscription only
 * collects from its start: doing it here means a new collector needs no manual step; a
 * refusal is a permanent error naming the permission); then, per window of at most 24 h
 * (the API's limit) and never older than 7 days (the API's retention), `subscriptions/content`
 * of every content type with `startTime`/`endTime`, following the `NextPageUri` header; the
 * blobs of all types sorted by `contentCreated` (oldest first, as the core needs) and each
 * fetched from its `contentUri`. Every request carries `PublisherIdentifier` (the tenant),
 * which gives the tenant its own throttling quota. Each event's id is `Id`.
 *
 * Settings: `content_types` (comma-separated; default the four Audit.* types), `hostname`
 * (default manage.office.com; GCC High manage.office365.us), `login_hostname` (default
 * login.microsoftonline.com). Credential: `{"tenant_id", "client_id", "client_secret"}`.
 */





const m365_TYPE = 'm365_activity';
const M365_CONTENT_TYPES = [
    'Audit.AzureActiveDirectory',
    'Audit.Exchange',
    'Audit.SharePoint',
    'Audit.General',
    'DLP.All',
];
/** DLP.All carries sensitive data and needs its own permission: asked for, not assumed. */
const M365_DEFAULT_CONTENT_TYPES = M365_CONTENT_TYPES.filter((t) => t !== 'DLP.All');
const TYPES_RE = M365_CONTENT_TYPES.map((t) => t.replace('.', '\\.')).join('|');
const M365_MAX_WINDOW_MS = 24 * 3600_000;
/** The API lists no content older than 7 days; a margin for the clock and the request. */
const M365_RETENTION_MS = 7 * 24 * 3600_000 - 10 * 60_000;
/** The API's time format: UTC to the second, no zone designator. */
const apiTime = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
function contentTypes(setting) {
    if (setting === undefined)
        return [...M365_DEFAULT_CONTENT_TYPES];
    const types = [
        ...new Set(setting
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean)),
    ];
    const unknown = types.filter((t) => !M365_CONTENT_TYPES.includes(t));
    if (unknown.length > 0 || types.length === 0)
        throw new PermanentError(`${m365_TYPE}: setting "content_types" has ${unknown.length ? `unknown ${unknown.map((t) => JSON.stringify(t.slice(0, 64))).join(', ')}` : 'no type'}; use a comma-separated list of ${M365_CONTENT_TYPES.join(', ')}`);
    return types;
}
/** A URL the API gave (next page, content blob), refused when it leads to another origin. */
function sameOrigin(url, api, what) {
    const u = new URL(url, api);
    if (u.origin !== new URL(api).origin)
        throw new HttpError(`${m365_TYPE}: a ${what} leads to another origin (${u.origin})`);
    return u.href;
}
function m365Source(options = {}) {
    const tokens = options.tokens ?? createTokenCache();
    return {
        type: m365_TYPE,
        logTypes: ['m365:management_activity'],
        delayMs: 5 * 60_000,
        requiredSettings: [],
        settingPatterns: {
            content_types: {
                pattern: `^ *(${TYPES_RE})( *, *(${TYPES_RE}))* *$`,
                message: `must be a comma-separated list of ${M365_CONTENT_TYPES.join(', ')}`,
            },
        },
        async *pages({ since, until, credential, settings, http: client }) {
            const types = contentTypes(settings.content_types);
            const { tenant_id, client_id, client_secret } = credentialFields(m365_TYPE, credential, [
                'tenant_id',
                'client_id',
                'client_secret',
            ]);
            const api = baseUrl(settings.hostname ?? 'manage.office.com');
            const login = baseUrl(settings.login_hostname ?? 'login.microsoftonline.com');
            const tenant = encodeURIComponent(tenant_id);
            const tokenUrl = new URL(`/${tenant}/oauth2/v2.0/token`, login).href;
            const scope = `${new URL(api).origin}/.default`;
            const key = [tokenUrl, client_id, client_secret, scope];
            const token = await tokens.get(key, () => clientCredentialsToken(client, m365_TYPE, tokenUrl, { client_id, client_secret, scope }));
            const http = droppingOnRefusal(client, tokens, key);
            const headers = { authorization: `Bearer ${token}` };
            const feed = new URL(`/api/v1.0/${tenant}/activity/feed/`, api);
            const endpoint = (path, params = {}) => {
                const u = new URL(path, feed);
                for (const [k, v] of Object.entries(params))
                    u.searchParams.set(k, v);
                u.searchParams.set('PublisherIdentifier', tenant_id);
                return u.href;
            };
            await startSubscriptions(http, headers, endpoint, types);
            for (let start = Math.max(since, until - M365_RETENTION_MS); start < until;) {
                const end = Math.min(start + M365_MAX_WINDOW_MS, until);
                const blobs = [];
                for (const contentType of types) {
                    let url = endpoint('subscriptions/content', {
                        contentType,
                        startTime: apiTime(start),
                        endTime: apiTime(end),
                    });
                    while (url) {
                        const res = await http.get({ url, headers });
                        if (!Array.isArray(res.body))
                            throw new HttpError(`${m365_TYPE}: the content listing of ${contentType} is not a list`);
                        for (const b of res.body)
                            blobs.push(blob(b, api));
                        const next = res.headers.get('nextpageuri');
                        url = next ? sameOrigin(next, api, 'NextPageUri') : undefined;
                    }
                }
                blobs.sort((a, b) => a.created - b.created ||
                    (a.contentId < b.contentId ? -1 : a.contentId > b.contentId ? 1 : 0));
                for (const b of blobs) {
                    const res = await http.get({ url: b.contentUri, headers });
                    if (!Array.isArray(res.body))
                        throw new HttpError(`${m365_TYPE}: content blob ${b.contentId.slice(0, 100)} is not a list`);
                    const events = res.body.map((e) => ({
                        id: stringField(m365_TYPE, e, 'Id'),
                        time: b.created,
                        record: e,
                    }));
                    yield { events };
                }
                start = end;
            }
        },
    };
}
const m365 = m365Source();
function blob(b, api) {
    const o = b;
    const created = typeof o?.contentCreated === 'string' ? Date.parse(o.contentCreated) : NaN;
    if (typeof o?.contentId !== 'string' ||
        typeof o.contentUri !== 'string' ||
        !Number.isFinite(created))
        throw new HttpError(`${m365_TYPE}: a content listing entry has no contentId, contentUri or time`);
    return {
        contentType: String(o.contentType),
        contentId: o.contentId,
        contentUri: sameOrigin(o.contentUri, api, 'contentUri'),
        created,
    };
}
/** Starts the subscriptions of `types` that are not enabled. */
async function startSubscriptions(http, headers, endpoint, types) {
    const res = await http.get({ url: endpoint('subscriptions/list'), headers });
    if (!Array.isArray(res.body))
        throw new HttpError(`${m365_TYPE}: subscriptions/list is not a list`);
    const enabled = new Set(res.body
        .filter((s) => String(s?.status).toLowerCase() === 'enabled')
        .map((s) => String(s?.contentType)));
    for (const contentType of types) {
        if (enabled.has(contentType))
            continue;
        try {
            await http.get({
                url: endpoint('subscriptions/start', { contentType }),
                headers,
                post: true,
            });
        }
        catch (err) {
            if (err instanceof HttpError && err.status !== undefined && err.status < 500)
                throw new PermanentError(`${m365_TYPE}: could not start the ${contentType} subscription (HTTP ${err.status}): give the app the Office 365 Management APIs permission ActivityFeed.Read${contentType === 'DLP.All' ? ' and ActivityFeed.ReadDlp' : ''} with admin consent, and turn unified audit logging on`);
            throw err;
        }
    }
}

;// CONCATENATED MODULE: ./src/processors/collectors/sources/okta.ts
/**
 * Okta System Log (`GET /api/v1/logs`): a bounded query (`since`, `until` on `published`),
 * oldest first (`sortOrder=ASCENDING`), up to 1,000 events a page, the next page in the
 * Link header (`rel="next"`, an `after` cursor). Authorization `SSWS <API token>`; a 429
 * carries X-Rate-Limit-Reset (epoch seconds), which the HTTP client waits for. Each event's
 * id is `uuid`, its time `published`.
 *
 * Settings: `hostname` (your-org.okta.com). Credential: `{"api_token": "..."}`.
 */



const PAGE_LIMIT = 1000;
const okta = {
    type: 'okta',
    logTypes: ['okta:system_log'],
    requiredSettings: ['hostname'],
    async *pages({ since, until, credential, settings, http }) {
        const { api_token } = credentialFields('okta', credential, ['api_token']);
        const base = baseUrl(settings.hostname ?? '');
        const first = new URL('/api/v1/logs', base);
        first.searchParams.set('since', new Date(since).toISOString());
        first.searchParams.set('until', new Date(until).toISOString());
        first.searchParams.set('sortOrder', 'ASCENDING');
        first.searchParams.set('limit', String(PAGE_LIMIT));
        let url = first.href;
        while (url) {
            const res = await http.get({ url, headers: { authorization: `SSWS ${api_token}` } });
            if (!Array.isArray(res.body))
                throw new HttpError('okta: /api/v1/logs did not answer a list');
            const events = res.body.map((e) => ({
                id: stringField('okta', e, 'uuid'),
                time: eventTime('okta', e, 'published'),
                record: e,
            }));
            yield { events };
            // A page with nothing more is the end even when Okta still sends a next link.
            url = events.length === 0 ? undefined : nextLink(res.headers, url);
        }
    },
};

;// CONCATENATED MODULE: ./src/processors/collectors/sources/onepassword.ts
/**
 * 1Password Events API (Events Reporting): `POST /api/v1/signinattempts`, `/api/v1/itemusages`
 * or `/api/v1/auditevents`. The first request of a window sends a reset cursor
 * (`{"limit", "start_time", "end_time"}`), each next one the answer's `cursor`, while
 * `has_more` is true; items come oldest first. A bearer token of an Events Reporting
 * integration with the feature of that endpoint. Each item's id is `uuid`, its time
 * `timestamp` (ISO). The API keeps 120 days.
 *
 * Settings: `hostname` (default events.1password.com; also events.1password.ca,
 * events.1password.eu, events.ent.1password.com). Credential: `{"token": "..."}`.
 */



function onePassword(type, path, logType) {
    return {
        type,
        logTypes: [logType],
        requiredSettings: [],
        async *pages({ since, until, credential, settings, http }) {
            const { token } = credentialFields(type, credential, ['token']);
            const url = new URL(path, baseUrl(settings.hostname ?? 'events.1password.com')).href;
            const headers = { authorization: `Bearer ${token}` };
            let json = {
                limit: 1000,
                start_time: new Date(since).toISOString(),
                end_time: new Date(until).toISOString(),
            };
            for (;;) {
                const res = await http.get({ url, headers, json });
                const body = res.body;
                if (!Array.isArray(body?.items))
                    throw new HttpError(`${type}: no items in the answer`);
                const events = body.items.map((e) => ({
                    id: stringField(type, e, 'uuid'),
                    time: eventTime(type, e, 'timestamp'),
                    record: e,
                }));
                yield { events };
                if (body.has_more !== true || typeof body.cursor !== 'string' || events.length === 0)
                    return;
                json = { cursor: body.cursor };
            }
        },
    };
}
const onePasswordSignIns = onePassword('onepassword_signins', '/api/v1/signinattempts', 'onepassword:signin_attempts');
const onePasswordItemUsages = onePassword('onepassword_items', '/api/v1/itemusages', 'onepassword:item_usages');
const onePasswordAudit = onePassword('onepassword_audit', '/api/v1/auditevents', 'onepassword:audit_events');

;// CONCATENATED MODULE: ./src/processors/collectors/sources/slack.ts
/**
 * Slack audit logs of an Enterprise Grid organization (`GET /audit/v1/logs`): `oldest` and
 * `latest` in epoch seconds (both inclusive), `limit` up to 9,999, cursor paging through the
 * answer's `response_metadata.next_cursor`. The API answers newest first and has no other
 * order: `oldestFirst` reads each slice of the window whole and hands it to the core oldest
 * first. A user token (`xoxp-`) of the organization's owner with the `auditlogs:read` scope, as
 * `Bearer`; every method is rate tier 3 (about 50 requests a minute for the whole
 * organization), and a 429 carries Retry-After, which the HTTP client waits for. Each entry's
 * id is `id`, its time `date_create` (epoch seconds).
 *
 * Lateness: Slack documents none; the window ends a minute before now and the overlap window
 * catches entries shown later.
 *
 * Settings: `hostname` (default api.slack.com). Credential: `{"token": "xoxp-..."}`.
 */




const slack_TYPE = 'slack_audit';
const slack_PAGE_SIZE = 5000;
/** Slack's answers for a token it no longer takes: read the credential again (rotation). */
const REFUSED = new Set([
    'invalid_auth',
    'not_authed',
    'token_revoked',
    'token_expired',
    'account_inactive',
]);
function slackAuditSource(options = {}) {
    return {
        type: slack_TYPE,
        logTypes: ['slack:audit'],
        delayMs: 60_000,
        requiredSettings: [],
        async *pages({ since, until, credential, settings, http }) {
            const { token } = credentialFields(slack_TYPE, credential, ['token']);
            const base = baseUrl(settings.hostname ?? 'api.slack.com').replace(/\/?$/, '/');
            const headers = { authorization: `Bearer ${token}` };
            yield* oldestFirst({
                since,
                until,
                granularityMs: 1000,
                maxEvents: options.maxEvents ?? 10_000,
                pageSize: slack_PAGE_SIZE,
                readSlice: async (from, to, max) => {
                    const first = new URL('audit/v1/logs', base);
                    first.searchParams.set('oldest', String(from / 1000));
                    first.searchParams.set('latest', String(to / 1000));
                    first.searchParams.set('limit', String(slack_PAGE_SIZE));
                    const out = [];
                    let cursor;
                    for (;;) {
                        const url = new URL(first.href);
                        if (cursor)
                            url.searchParams.set('cursor', cursor);
                        const res = await http.get({ url: url.href, headers });
                        const body = res.body;
                        if (body?.ok === false) {
                            // Slack's error codes are short identifiers; anything else is not repeated.
                            const code = typeof body.error === 'string' && /^[a-z_]{1,64}$/.test(body.error)
                                ? body.error
                                : 'unknown';
                            if (REFUSED.has(code))
                                throw new UnauthorizedError(`${slack_TYPE}: the token was refused (${code})`);
                            throw new HttpError(`${slack_TYPE}: Slack answered ${code}`);
                        }
                        if (!Array.isArray(body?.entries))
                            throw new HttpError(`${slack_TYPE}: no entries in the answer`);
                        for (const e of body.entries)
                            out.push({
                                id: stringField(slack_TYPE, e, 'id'),
                                time: eventTime(slack_TYPE, e, 'date_create', 's'),
                                record: e,
                            });
                        if (out.length > max)
                            return undefined;
                        const next = body.response_metadata?.next_cursor;
                        if (typeof next !== 'string' || next === '' || body.entries.length === 0)
                            return out;
                        cursor = next;
                    }
                },
            });
        },
    };
}
const slackAudit = slackAuditSource();

;// CONCATENATED MODULE: ./src/processors/collectors/sources/all.ts








const SOURCES = Object.fromEntries([
    okta,
    github,
    duoAuth,
    duoAdmin,
    onePasswordSignIns,
    onePasswordItemUsages,
    onePasswordAudit,
    googleWorkspace,
    slackAudit,
    duoTelephony,
    box,
    m365,
].map((s) => [s.type, s]));

;// CONCATENATED MODULE: ./src/processors/collectors/streamalert-app.ts
/**
 * The credential of a collector made from StreamAlert 3's `modules.streamalert_apps`
 * (src/config/streamalert-apps.ts), read where and as StreamAlert's `app new` stored it: the
 * SSM SecureString `<function>_auth`, JSON of the app's auth fields. Some of those fields are
 * settings here (Duo's API hostname, Google's delegated administrator, Box's enterprise), so
 * `streamalertAppSource` wraps a source: each poll turns that JSON into the source's own
 * credential and settings, and the source runs as configured by hand. A field that is
 * missing is named; its value never is.
 */

const object = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
function parse(type, raw) {
    let parsed;
    try {
        parsed = JSON.parse(raw);
    }
    catch {
        parsed = undefined;
    }
    const o = object(parsed);
    if (!o)
        throw new PermanentError(`${type}: the StreamAlert app credential is not a JSON object (as StreamAlert's "app new" stored it)`);
    return o;
}
function streamalert_app_text(type, o, path) {
    const v = path.split('.').reduce((at, k) => object(at)?.[k], o);
    if (typeof v !== 'string' || v === '')
        throw new PermanentError(`${type}: the StreamAlert app credential has no string "${path}"`);
    return v;
}
/** A keyfile StreamAlert stored as the JSON object it loaded (or, written by hand, as text). */
function keyfile(type, o) {
    const k = o.keyfile;
    const parsed = typeof k === 'string' ? object(safeParse(k)) : object(k);
    if (!parsed)
        throw new PermanentError(`${type}: the StreamAlert app credential has no "keyfile" object (the key file's JSON)`);
    return parsed;
}
const safeParse = (s) => {
    try {
        return JSON.parse(s);
    }
    catch {
        return undefined;
    }
};
/** StreamAlert's auth fields, per source type, as this project's credential and settings. */
const CONVERT = {
    // duo.py: api_hostname, integration_key, secret_key.
    duo: (type, o) => ({
        credential: JSON.stringify({
            integration_key: streamalert_app_text(type, o, 'integration_key'),
            secret_key: streamalert_app_text(type, o, 'secret_key'),
        }),
        settings: { hostname: streamalert_app_text(type, o, 'api_hostname') },
    }),
    // gsuite.py: keyfile (the service account key JSON), delegation_email.
    google_workspace: (type, o) => ({
        credential: JSON.stringify(keyfile(type, o)),
        settings: { subject: streamalert_app_text(type, o, 'delegation_email') },
    }),
    // box.py: keyfile (the Box app's JWT config: boxAppSettings.clientID/clientSecret,
    // enterpriseID). The same client id and secret ask for a Client Credentials Grant token.
    box_events: (type, o) => {
        const k = keyfile(type, o);
        return {
            credential: JSON.stringify({
                client_id: streamalert_app_text(type, k, 'boxAppSettings.clientID'),
                client_secret: streamalert_app_text(type, k, 'boxAppSettings.clientSecret'),
            }),
            settings: { enterprise_id: streamalert_app_text(type, k, 'enterpriseID') },
        };
    },
};
/** The settings a StreamAlert app's credential holds (see CONVERT). */
const SECRET_SETTINGS = ['hostname', 'subject', 'enterprise_id'];
const converterOf = (type) => CONVERT[type] ?? (type === 'duo_auth' || type === 'duo_admin' ? CONVERT.duo : undefined);
/** Whether a source type can read a StreamAlert app's credential. */
const readsStreamAlertAppCredential = (type) => converterOf(type) !== undefined;
/** `source`, reading its credential as a StreamAlert app stored it. */
function streamalertAppSource(source) {
    const convert = converterOf(source.type);
    if (!convert)
        throw new PermanentError(`${source.type}: no StreamAlert app stored a credential for it`);
    return {
        ...source,
        // Settings the secret holds are not asked of the cluster file.
        requiredSettings: source.requiredSettings.filter((s) => !SECRET_SETTINGS.includes(s)),
        pages(q) {
            const c = convert(source.type, parse(source.type, q.credential));
            // The cluster file's settings (Google's applications) beside the secret's.
            return source.pages({
                ...q,
                credential: c.credential,
                settings: { ...c.settings, ...q.settings },
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/config/threat-intel.ts
/** The public feeds: pulled without a key, and the default `sources`. */
const PUBLIC_FEEDS = ['urlhaus', 'threatfox', 'feodo', 'cisa_kev', 'tor_exits'];
/**
 * The feeds the collector can pull (src/processors/threat-intel/feeds.ts reads each format):
 * the public ones, and AlienVault OTX, pulled only with an API key (`feeds.otx.credential`).
 */
const FEED_NAMES = [...PUBLIC_FEEDS, 'otx'];
/** Indicator types the feeds write and values are normalized as (others match as written). */
const IOC_TYPES = (/* unused pure expression or super */ null && (['ip', 'domain', 'url', 'md5', 'sha1', 'sha256', 'cve']));
const THREAT_INTEL_DEFAULTS = {
    prefix: 'threat-intel/',
    /**
     * How often the rule processor asks S3 for a new version of a feed's table (a conditional
     * GET: an unchanged object costs a 304). With the collector's 4-minute schedule, an
     * abuse.ch indicator reaches the rules at most 5 minutes after the collector could see it.
     */
    refreshMinutes: 1,
    /** Indicators one feed's table may hold. */
    maxKeys: 2_000_000,
};
/**
 * MB each feed's table may take once decompressed, by default (`feeds.max_size_mb` sets one
 * bound for all): a few times what each feed's table is today, so that all five fit a
 * 256 MB rule processor with the memory check's reload headroom (src/config/lookup-memory.ts).
 */
const FEED_TABLE_MB = {
    urlhaus: 16,
    threatfox: 8,
    feodo: 1,
    cisa_kev: 4,
    tor_exits: 2,
    // The subscribed pulses of the last OTX_PULSE_DAYS: a few thousand indicators for most keys.
    otx: 8,
};
/** The key a feed's table is written under: `<prefix><feed>.json.gz`. */
const feedObjectKey = (prefix, feed) => `${prefix}${feed}.json.gz`;
/**
 * A row of a feed table under this key describes the version (when it was fetched, from
 * where); it can be no indicator (no normalized IP, domain, URL, hash or CVE has this form).
 */
const FEED_META_KEY = 'streamalert:feed';
const NO_THREAT_INTEL = {
    enabled: false,
    iocTypeOf: new Map(),
    excluded: new Map(),
    feeds: [],
};
/* Runs on a document the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/** StreamAlert 3 wrote excluded_iocs.<type> as value → {comment}; a list is taken too. */
const excludedValues = (v) => (Array.isArray(v) ? v : Object.keys(v ?? {}));
function toThreatIntel(doc) {
    if (doc === undefined || doc === null)
        return NO_THREAT_INTEL;
    const d = doc;
    const iocTypeOf = new Map();
    for (const [iocType, normalized] of Object.entries((d.normalized_ioc_types ?? {})))
        for (const n of normalized)
            iocTypeOf.set(n, iocType);
    const excluded = new Map(Object.entries((d.excluded_iocs ?? {})).map(([t, v]) => [
        t,
        { values: excludedValues(v) },
    ]));
    const f = d.feeds;
    const prefix = f?.prefix ?? THREAT_INTEL_DEFAULTS.prefix;
    // By default every public feed, and OTX when a key is configured.
    const sources = f?.sources ?? (f?.otx ? [...PUBLIC_FEEDS, 'otx'] : [...PUBLIC_FEEDS]);
    const feeds = f?.bucket
        ? sources.map((feed) => ({
            driver: 's3',
            name: `threat_intel:${feed}`,
            feed,
            bucket: f.bucket,
            key: feedObjectKey(prefix, feed),
            compression: 'gzip',
            format: 'json',
            refreshMinutes: f.cache_refresh_minutes ?? THREAT_INTEL_DEFAULTS.refreshMinutes,
            maxKeys: f.cache_maximum_key_count ?? THREAT_INTEL_DEFAULTS.maxKeys,
            maxBytes: Math.round((f.max_size_mb ?? FEED_TABLE_MB[feed]) * 1024 * 1024),
            // Before the collector's first run there is no table yet: records are matched
            // against the feeds that exist instead of failing.
            optional: true,
        }))
        : [];
    return {
        enabled: d.enabled === true,
        iocTypeOf,
        excluded,
        feeds,
        ...(f?.otx ? { otx: { credential: f.otx.credential } } : {}),
    };
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = require("node:url");
;// CONCATENATED MODULE: ./src/processors/shared/package-dir.ts
/**
 * The folder the processor runs from (/var/task in Lambda): conf/ and rules/ sit next to
 * the bundle. ncc turns import.meta.url into the CommonJS bundle's own file URL.
 */


function packageDir() {
    return process.env.STREAMALERT_PACKAGE_DIR ?? path.dirname(fileURLToPath(require("url").pathToFileURL(__filename).href));
}
/** S3 needs path-style addressing behind a custom endpoint (moto, LocalStack). */
function s3ClientOptions() {
    return process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3
        ? { forcePathStyle: true }
        : {};
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = require("node:zlib");
;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/csv-reader.ts
/** A line break, which ends a row outside quotes. */
const BREAK = /[\n\r]/;
/**
 * One row without escape characters or line breaks, quoted fields read by searching for the
 * quotes rather than character by character (as the loop in readCsv reads it: a quote opens a
 * field only at its start; after the closing quote, the rest up to the delimiter is appended).
 */
function readQuotedRow(text, delimiter, quotechar) {
    const row = [];
    const quote = quotechar.charCodeAt(0);
    let i = 0;
    for (;;) {
        let field = '';
        if (text.charCodeAt(i) === quote) {
            i++;
            for (;;) {
                const close = text.indexOf(quotechar, i);
                if (close < 0) {
                    // Unclosed: the field runs to the end of the text, delimiters included.
                    field += text.slice(i);
                    i = text.length;
                    break;
                }
                field += text.slice(i, close);
                i = close + 1;
                if (text.charCodeAt(i) !== quote)
                    break;
                field += quotechar; // a doubled quote
                i++;
            }
        }
        const end = text.indexOf(delimiter, i);
        if (end < 0) {
            row.push(field + text.slice(i));
            return row;
        }
        row.push(field + text.slice(i, end));
        i = end + 1;
    }
}
function readCsv(text, dialect) {
    const { delimiter, quotechar, escapechar } = dialect;
    // Most rows hold no quote, escape or line break: then the reading below is a split.
    if (delimiter.length === 1 &&
        quotechar !== '' &&
        (escapechar === undefined || escapechar === '' || !text.includes(escapechar)) &&
        !BREAK.test(text)) {
        if (text.length === 0)
            return [];
        if (!text.includes(quotechar))
            return [text.split(delimiter)];
        if (quotechar.length === 1 && quotechar !== delimiter)
            return [readQuotedRow(text, delimiter, quotechar)];
    }
    const rows = [];
    let row = [];
    let field = '';
    let atFieldStart = true;
    let quoted = false;
    let rowHasData = false;
    const endField = () => {
        row.push(field);
        field = '';
        atFieldStart = true;
    };
    const endRow = () => {
        if (rowHasData || row.length > 0) {
            endField();
            rows.push(row);
        }
        row = [];
        field = '';
        atFieldStart = true;
        rowHasData = false;
    };
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (escapechar !== undefined && c === escapechar && i + 1 < text.length) {
            field += text[++i];
            atFieldStart = false;
            rowHasData = true;
            continue;
        }
        if (quoted) {
            if (c === quotechar) {
                if (text[i + 1] === quotechar) {
                    field += c;
                    i++;
                }
                else
                    quoted = false;
            }
            else
                field += c;
            continue;
        }
        if (c === quotechar && atFieldStart) {
            quoted = true;
            atFieldStart = false;
            rowHasData = true;
        }
        else if (c === delimiter) {
            endField();
            rowHasData = true;
        }
        else if (c === '\n' || c === '\r') {
            if (c === '\r' && text[i + 1] === '\n')
                i++;
            endRow();
        }
        else {
            field += c;
            atFieldStart = false;
            rowHasData = true;
        }
    }
    endRow();
    return rows;
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = require("node:net");
;// CONCATENATED MODULE: ./src/processors/threat-intel/indicators.ts
/**
 * One canonical text per indicator, so a record's value and a feed's indicator meet whatever
 * their spelling: the feed collector writes table keys with it, the rule processor looks
 * record values up with it. An IP in its canonical form (IPv4 dotted quad, IPv6 as RFC 5952
 * compresses it, an IPv4-mapped IPv6 as the IPv4), a domain lowercased without its trailing
 * dot (IDN as punycode), a URL as the WHATWG parser serializes it, a hash in lowercase hex,
 * a CVE id upper case. A value that is not of its type gives undefined: it matches nothing.
 */


/** Longest value looked at: a record's 1 MB field is no indicator and not worth normalizing. */
const MAX_INDICATOR_LENGTH = 4096;
const HEX = { md5: 32, sha1: 40, sha256: 64 };
function ipv4(text) {
    if (!(0,external_node_net_namespaceObject.isIPv4)(text))
        return undefined;
    // isIPv4 refuses leading zeros ("010.1.1.1"), so the text is already canonical.
    return text;
}
function canonicalIp(raw) {
    const text = raw.trim().replace(/^\[(.*)\]$/, '$1');
    const v4 = ipv4(text);
    if (v4)
        return v4;
    // A zone ("fe80::1%eth0") names an interface, not a host: no indicator carries one.
    if (!(0,external_node_net_namespaceObject.isIPv6)(text) || text.includes('%'))
        return undefined;
    const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
        const hi = parseInt(mapped[1], 16);
        const lo = parseInt(mapped[2], 16);
        return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
    }
    return host;
}
function canonicalDomain(raw) {
    const text = raw.trim().replace(/\.$/, '');
    if (text === '' || /[\s/:@]/.test(text))
        return undefined;
    const ascii = (0,external_node_url_namespaceObject.domainToASCII)(text);
    return ascii === '' ? undefined : ascii;
}
function canonicalUrl(raw) {
    const text = raw.trim();
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text))
        return undefined;
    try {
        return new URL(text).href;
    }
    catch {
        return undefined;
    }
}
/** The canonical text of `raw` as an indicator of `type`, or undefined when it is none. */
function canonicalIndicator(type, raw) {
    if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INDICATOR_LENGTH)
        return undefined;
    switch (type) {
        case 'ip':
            return canonicalIp(raw);
        case 'domain':
            return canonicalDomain(raw);
        case 'url':
            return canonicalUrl(raw);
        case 'md5':
        case 'sha1':
        case 'sha256': {
            const text = raw.trim().toLowerCase();
            return text.length === HEX[type] && /^[0-9a-f]+$/.test(text) ? text : undefined;
        }
        case 'cve': {
            const text = raw.trim().toUpperCase();
            return /^CVE-\d{4}-\d{4,}$/.test(text) ? text : undefined;
        }
        default: {
            // A type of the user's own (StreamAlert 3 accepted any): matched as written, trimmed.
            const text = raw.trim();
            return text === '' ? undefined : text;
        }
    }
}

;// CONCATENATED MODULE: ./src/processors/threat-intel/feeds.ts
/**
 * The managed feeds, each read in its real published format into indicator rows keyed by
 * the canonical indicator (indicators.ts), the key the rule processor looks values up by:
 *
 * - abuse.ch URLhaus: `csv_recent` — `#` comment lines (the header among them), then one
 *   quoted CSV row per URL: id, dateadded, url, url_status, last_online, threat, tags,
 *   urlhaus_link, reporter.
 * - abuse.ch ThreatFox: `export/json/recent` — an object of id → [entry], each entry with
 *   ioc_value, ioc_type (ip:port, domain, url, md5_hash, sha1_hash, sha256_hash),
 *   threat_type, malware_printable, confidence_level, first_seen_utc, reference, tags.
 * - abuse.ch Feodo Tracker: `ipblocklist.json` — a list of {ip_address, port, status,
 *   malware, first_seen, last_online, as_name, country}.
 * - CISA Known Exploited Vulnerabilities: the JSON catalogue — {catalogVersion,
 *   vulnerabilities: [{cveID, vendorProject, product, vulnerabilityName, dateAdded,
 *   dueDate, knownRansomwareCampaignUse}]}.
 * - Tor exit list: `torbulkexitlist` — one IP address per line.
 * - AlienVault OTX: `/api/v1/pulses/subscribed` (with the account's API key in
 *   X-OTX-API-KEY) — pages of {count, next, previous, results: [pulse]}, each pulse with
 *   id, name, author_name, tlp, adversary, malware_families, tags and indicators: [{indicator,
 *   type (IPv4, IPv6, domain, hostname, URL, FileHash-MD5/SHA1/SHA256, CVE, ...), title,
 *   expiration, is_active}]; `next` is the URL of the next page, null on the last.
 *
 * A parser throws on a body that is not its format (the collector then keeps the last good
 * table) and skips single entries that are not indicators, counting them.
 */


class FeedFormatError extends Error {
}
/** Collects rows within the indicator cap; throws once the feed passes it. */
class FeedRows {
    feed;
    max;
    rows = new Map();
    skipped = 0;
    constructor(feed, max) {
        this.feed = feed;
        this.max = max;
    }
    add(type, raw, row) {
        const key = canonicalIndicator(type, raw);
        if (key === undefined) {
            this.skipped++;
            return;
        }
        if (this.rows.has(key))
            return;
        if (this.rows.size >= this.max)
            throw new FeedFormatError(`${this.feed} lists more than ${this.max} indicators (the cap, max_indicators); the last good version is kept`);
        this.rows.set(key, { type, ...row });
    }
    done(sourceVersion) {
        return {
            rows: this.rows,
            skipped: this.skipped,
            ...(sourceVersion ? { sourceVersion } : {}),
        };
    }
}
function parseJson(feed, text) {
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new FeedFormatError(`${feed}: the answer is not JSON: ${err.message}`);
    }
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A short text field of an entry, or undefined: a feed's free text never grows a row much. */
function feeds_text(v, max = 200) {
    if (typeof v === 'number')
        return String(v);
    if (typeof v !== 'string' || v === '')
        return undefined;
    return v.length > max ? `${v.slice(0, max)}…` : v;
}
/** `row` without its undefined fields. */
function defined(row) {
    return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}
/** Lines of a text feed without blank lines and `#` comments. */
function* dataLines(body) {
    for (const raw of body.split('\n')) {
        const line = raw.trim();
        if (line !== '' && !line.startsWith('#'))
            yield line;
    }
}
const URLHAUS_COLUMNS = 9;
function parseUrlhaus(body, max) {
    const rows = new FeedRows('urlhaus', max);
    let lines = 0;
    for (const line of dataLines(body)) {
        lines++;
        const cells = readCsv(line, { delimiter: ',', quotechar: '"' })[0] ?? [];
        if (cells.length !== URLHAUS_COLUMNS) {
            // One bad line is skipped; a body none of whose lines is URLhaus's CSV is refused below.
            rows.skipped++;
            continue;
        }
        const [, dateAdded, url, status, , threat, tags, link] = cells;
        rows.add('url', url, defined({
            threat: feeds_text(threat),
            url_status: feeds_text(status),
            tags: feeds_text(tags),
            date_added: feeds_text(dateAdded),
            reference: feeds_text(link),
        }));
    }
    if (lines > 0 && rows.rows.size === 0)
        throw new FeedFormatError(`urlhaus: none of the ${lines} lines is a URLhaus CSV row (id, dateadded, url, ...)`);
    return rows.done();
}
/** ThreatFox's ioc_type → the indicator type here. */
const THREATFOX_TYPES = {
    'ip:port': 'ip',
    domain: 'domain',
    url: 'url',
    md5_hash: 'md5',
    sha1_hash: 'sha1',
    sha256_hash: 'sha256',
};
/** "1.2.3.4:443" or "[2001:db8::1]:443" → [address, port]. */
function splitIpPort(value) {
    const v6 = /^\[([^\]]+)\]:(\d+)$/.exec(value);
    if (v6)
        return [v6[1], v6[2]];
    const at = value.lastIndexOf(':');
    if (at > 0 && value.indexOf(':') === at)
        return [value.slice(0, at), value.slice(at + 1)];
    return [value, undefined];
}
function parseThreatfox(body, max) {
    const doc = parseJson('threatfox', body);
    if (!isObject(doc))
        throw new FeedFormatError('threatfox: the export must be an object of id → [IOC entries]');
    const rows = new FeedRows('threatfox', max);
    for (const entries of Object.values(doc)) {
        if (!Array.isArray(entries)) {
            rows.skipped++;
            continue;
        }
        for (const e of entries) {
            const type = isObject(e) && typeof e.ioc_type === 'string' ? THREATFOX_TYPES[e.ioc_type] : undefined;
            if (!type || typeof e.ioc_value !== 'string') {
                rows.skipped++;
                continue;
            }
            let value = e.ioc_value;
            let port;
            if (e.ioc_type === 'ip:port')
                [value, port] = splitIpPort(value);
            rows.add(type, value, defined({
                threat_type: feeds_text(e.threat_type),
                malware: feeds_text(e.malware_printable) ?? feeds_text(e.malware),
                confidence_level: typeof e.confidence_level === 'number' ? e.confidence_level : undefined,
                port: port === undefined ? undefined : Number(port),
                first_seen: feeds_text(e.first_seen_utc),
                tags: feeds_text(e.tags),
                reference: feeds_text(e.reference, 500),
            }));
        }
    }
    return rows.done();
}
function parseFeodo(body, max) {
    const doc = parseJson('feodo', body);
    if (!Array.isArray(doc))
        throw new FeedFormatError('feodo: the blocklist must be a list of {ip_address, port, ...}');
    const rows = new FeedRows('feodo', max);
    for (const e of doc) {
        if (!isObject(e)) {
            rows.skipped++;
            continue;
        }
        rows.add('ip', e.ip_address, defined({
            malware: feeds_text(e.malware),
            port: typeof e.port === 'number' ? e.port : undefined,
            status: feeds_text(e.status),
            first_seen: feeds_text(e.first_seen),
            last_online: feeds_text(e.last_online),
            as_name: feeds_text(e.as_name),
            country: feeds_text(e.country),
        }));
    }
    return rows.done();
}
function parseCisaKev(body, max) {
    const doc = parseJson('cisa_kev', body);
    if (!isObject(doc) || !Array.isArray(doc.vulnerabilities))
        throw new FeedFormatError('cisa_kev: the catalogue must be an object with "vulnerabilities": [...]');
    const rows = new FeedRows('cisa_kev', max);
    for (const v of doc.vulnerabilities) {
        if (!isObject(v)) {
            rows.skipped++;
            continue;
        }
        rows.add('cve', v.cveID, defined({
            vendor: feeds_text(v.vendorProject),
            product: feeds_text(v.product),
            name: feeds_text(v.vulnerabilityName),
            date_added: feeds_text(v.dateAdded),
            due_date: feeds_text(v.dueDate),
            known_ransomware_use: feeds_text(v.knownRansomwareCampaignUse),
        }));
    }
    return rows.done(feeds_text(doc.catalogVersion));
}
function parseTorExits(body, max) {
    const rows = new FeedRows('tor_exits', max);
    let lines = 0;
    for (const line of dataLines(body)) {
        lines++;
        rows.add('ip', line, { tor_exit: true });
    }
    // An HTML error page served with 200 is no exit list: refused rather than written empty.
    if (lines > 0 && rows.rows.size === 0)
        throw new FeedFormatError(`tor_exits: none of the ${lines} lines is an IP address`);
    return rows.done();
}
/** Pulses modified in the last this many days are read: older ones are mostly stale. */
const OTX_PULSE_DAYS = 30;
/** Pulses per page (OTX's own limit is 50). */
const OTX_PAGE_SIZE = 50;
/** OTX's indicator type → the type here; other types (email, Mutex, YARA, ...) are skipped. */
const OTX_TYPES = {
    IPv4: 'ip',
    IPv6: 'ip',
    domain: 'domain',
    hostname: 'domain',
    URL: 'url',
    'FileHash-MD5': 'md5',
    'FileHash-SHA1': 'sha1',
    'FileHash-SHA256': 'sha256',
    CVE: 'cve',
};
/** A pulse's list of names (tags, or malware families as strings or {display_name}), as text. */
function names(v) {
    if (!Array.isArray(v))
        return undefined;
    const list = v
        .map((x) => (isObject(x) ? (x.display_name ?? x.name) : x))
        .filter((x) => typeof x === 'string' && x !== '')
        .slice(0, 20);
    return feeds_text(list.join(','));
}
function readOtxPage(body, rows, now) {
    const doc = parseJson('otx', body);
    if (!isObject(doc) || !Array.isArray(doc.results))
        throw new FeedFormatError('otx: a page must be an object with "results": [pulses] and "next"');
    for (const pulse of doc.results) {
        if (!isObject(pulse) || !Array.isArray(pulse.indicators)) {
            rows.skipped++;
            continue;
        }
        const pulseRow = defined({
            pulse: feeds_text(pulse.name),
            pulse_id: feeds_text(pulse.id, 64),
            author: feeds_text(pulse.author_name),
            tlp: feeds_text(pulse.tlp ?? pulse.TLP, 16),
            adversary: feeds_text(pulse.adversary),
            malware: names(pulse.malware_families),
            tags: names(pulse.tags),
            modified: feeds_text(pulse.modified, 40),
        });
        for (const i of pulse.indicators) {
            const type = isObject(i) && typeof i.type === 'string' ? OTX_TYPES[i.type] : undefined;
            // An indicator its author retired, or past its expiration, is not matched.
            const expired = isObject(i) &&
                (i.is_active === 0 ||
                    i.is_active === false ||
                    (typeof i.expiration === 'string' && Date.parse(i.expiration) < now));
            if (!type || expired) {
                rows.skipped++;
                continue;
            }
            rows.add(type, i.indicator, { ...pulseRow, ...defined({ title: feeds_text(i.title) }) });
        }
    }
    if (doc.next === null || doc.next === undefined || doc.next === '')
        return undefined;
    if (typeof doc.next !== 'string')
        throw new FeedFormatError('otx: "next" must be a URL or null');
    return doc.next;
}
const FEEDS = {
    urlhaus: {
        name: 'urlhaus',
        url: 'https://urlhaus.abuse.ch/downloads/csv_recent/',
        intervalMinutes: 4,
        parse: parseUrlhaus,
    },
    threatfox: {
        name: 'threatfox',
        url: 'https://threatfox.abuse.ch/export/json/recent/',
        intervalMinutes: 4,
        parse: parseThreatfox,
    },
    feodo: {
        name: 'feodo',
        url: 'https://feodotracker.abuse.ch/downloads/ipblocklist.json',
        intervalMinutes: 4,
        parse: parseFeodo,
    },
    cisa_kev: {
        name: 'cisa_kev',
        url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json',
        intervalMinutes: 60,
        parse: parseCisaKev,
    },
    tor_exits: {
        name: 'tor_exits',
        url: 'https://check.torproject.org/torbulkexitlist',
        intervalMinutes: 30,
        parse: parseTorExits,
    },
    otx: {
        name: 'otx',
        url: 'https://otx.alienvault.com/api/v1/pulses/subscribed',
        // The subscribed pulses change by the hour; a full read is many pages.
        intervalMinutes: 60,
        parse(body, max) {
            const rows = new FeedRows('otx', max);
            readOtxPage(body, rows, Date.now());
            return rows.done();
        },
        paged: {
            keyHeader: 'X-OTX-API-KEY',
            firstPage(url, now) {
                const u = new URL(url);
                u.searchParams.set('limit', String(OTX_PAGE_SIZE));
                u.searchParams.set('modified_since', new Date(now - OTX_PULSE_DAYS * 24 * 60 * 60_000).toISOString());
                return u.toString();
            },
            readPage: readOtxPage,
        },
    },
};

;// CONCATENATED MODULE: ./src/processors/threat-intel/collector.ts
/**
 * One run of the threat-intel feed collector: each configured feed that is due (its
 * table older than the feed's interval) is downloaded within its byte bound, parsed within
 * its indicator cap, and written as a new version of its indicator table — the gzip JSON
 * object (canonical indicator → row, plus the `streamalert:feed` row naming the version)
 * the rule processor's lookup store loads. A feed that fails (network, HTTP status, size,
 * count, format) writes nothing: its last good table stays, the failure is logged and
 * counted (`ThreatIntelFeedFailures`), and the other feeds go on.
 *
 * OTX is read page by page with its API key (read afresh each run, sent in a header only):
 * every page within one byte bound for the whole feed and `maxPages`, and a `next` page only
 * on the feed's own origin and path, so the key is never sent elsewhere.
 */




const FEED_FAILURE_METRIC = 'ThreatIntelFeedFailures';
const FEED_BOUNDS = {
    /** Bytes a feed's answer may have once decompressed (URLhaus's recent CSV is a few MB). */
    maxDownloadBytes: 64 * 1024 * 1024,
    /** Indicators one feed may list. */
    maxIndicators: 2_000_000,
    /**
     * Bytes a written table may take decompressed; 0: the rule processor's default bound for
     * the feed's table (FEED_TABLE_MB), so what is written is also loaded.
     */
    maxTableBytes: 0,
    requestTimeoutMs: 60_000,
    /** 200 pages of 50 pulses: 10,000 pulses modified in the last 30 days. */
    maxPages: 200,
};
class FeedError extends Error {
}
async function download(url, bounds, fetchImpl, headers = {}) {
    const target = checkUrl(url);
    let res;
    try {
        res = await fetchImpl(target, {
            headers: {
                accept: '*/*',
                'user-agent': 'streamalert-action threat-intel collector',
                ...headers,
            },
            redirect: 'follow',
            signal: AbortSignal.timeout(bounds.requestTimeoutMs),
        });
    }
    catch (err) {
        throw new FeedError(`could not reach ${target.host}: ${err.message}`);
    }
    if (!res.ok) {
        await res.body?.cancel();
        throw new FeedError(`${target.host} answered HTTP ${res.status}`);
    }
    const max = bounds.maxDownloadBytes;
    // fetch decompresses a gzip answer as it is read: the bound is on what it decompresses to.
    const chunks = [];
    let size = 0;
    if (res.body) {
        const reader = res.body.getReader();
        for (;;) {
            const { done, value } = await reader.read();
            if (done)
                break;
            size += value.byteLength;
            if (size > max) {
                await reader.cancel();
                throw new FeedError(`the answer of ${target.host} is more than ${max} bytes decompressed (max_download_bytes); the last good version is kept`);
            }
            chunks.push(value);
        }
    }
    return Buffer.concat(chunks, size).toString('utf8');
}
/** The table object: canonical indicator → row, with the version row. */
function tableOf(spec, rows, meta, maxBytes) {
    // No prototype: an indicator spelled "__proto__" is a key like any other.
    const table = Object.create(null);
    table[FEED_META_KEY] = meta;
    for (const [k, v] of rows)
        table[k] = v;
    const json = Buffer.from(JSON.stringify(table));
    if (json.length > maxBytes)
        throw new FeedError(`${spec.name}'s table would be ${json.length} bytes, more than the rule processor loads (${maxBytes}, max_size_mb); the last good version is kept`);
    return (0,external_node_zlib_namespaceObject.gzipSync)(json);
}
/** A paged feed read whole: its pages share the feed's byte bound; `next` stays on its URL. */
async function readPages(spec, paged, url, options, bounds) {
    const readKey = options.keys?.[spec.name];
    if (!readKey)
        throw new FeedError(`${spec.name} is pulled with an API key and none is configured`);
    const key = await readKey().catch((err) => {
        throw new FeedError(`${spec.name}'s API key could not be read: ${err.message}`);
    });
    const now = (options.now ?? Date.now)();
    const home = new URL(url);
    const rows = new FeedRows(spec.name, bounds.maxIndicators);
    let left = bounds.maxDownloadBytes;
    let page = paged.firstPage(url, now);
    for (let n = 1; page !== undefined; n++) {
        if (n > bounds.maxPages)
            throw new FeedError(`${spec.name} has more than ${bounds.maxPages} pages (max_pages); the last good version is kept`);
        const body = await download(page, { ...bounds, maxDownloadBytes: left }, options.fetch ?? fetch, {
            [paged.keyHeader]: key,
        });
        left -= Buffer.byteLength(body);
        const next = paged.readPage(body, rows, now);
        if (next !== undefined) {
            let u;
            try {
                u = new URL(next, page);
            }
            catch {
                throw new FeedError(`${spec.name}: page ${n}'s "next" is not a URL`);
            }
            // The key goes with every page: never to another host or API.
            if (u.origin !== home.origin || u.pathname !== home.pathname)
                throw new FeedError(`${spec.name}: page ${n}'s "next" leaves ${home.origin}${home.pathname} (${u.origin}${u.pathname}); the key is not sent there`);
            page = u.toString();
        }
        else
            page = undefined;
    }
    return rows.done();
}
async function collectOne(spec, options, bounds) {
    const now = options.now ?? Date.now;
    const interval = options.intervals?.[spec.name] ?? spec.intervalMinutes;
    const last = await options.store.fetchedAt(spec.name);
    // A minute's slack: a run scheduled every 4 minutes may start a little early.
    if (last !== undefined && now() - last < interval * 60_000 - 60_000)
        return { feed: spec.name, outcome: 'not_due' };
    const url = options.urls?.[spec.name] ?? spec.url;
    const parsed = spec.paged
        ? await readPages(spec, spec.paged, url, options, bounds)
        : spec.parse(await download(url, bounds, options.fetch ?? fetch), bounds.maxIndicators);
    const fetched = new Date(now()).toISOString();
    const version = parsed.sourceVersion ? `${fetched} (${parsed.sourceVersion})` : fetched;
    const table = tableOf(spec, parsed.rows, {
        version,
        feed: spec.name,
        fetched_at: fetched,
        source: new URL(url).origin + new URL(url).pathname,
        indicators: parsed.rows.size,
        ...(parsed.sourceVersion ? { source_version: parsed.sourceVersion } : {}),
    }, bounds.maxTableBytes > 0 ? bounds.maxTableBytes : FEED_TABLE_MB[spec.name] * 1024 * 1024);
    await options.store.put(spec.name, table, fetched, parsed.sourceVersion);
    return {
        feed: spec.name,
        outcome: 'written',
        indicators: parsed.rows.size,
        skipped: parsed.skipped,
        version,
    };
}
/** Runs every configured feed; never rejects for a feed's failure (its outcome says it). */
async function collectFeeds(options) {
    const bounds = { ...FEED_BOUNDS, ...options.bounds };
    const { logger } = options;
    // One after another: five downloads of a few MB each fit a run, and memory holds one feed.
    const outcomes = [];
    for (const name of options.feeds) {
        const spec = FEEDS[name];
        try {
            const outcome = await collectOne(spec, options, bounds);
            if (outcome.outcome === 'written')
                logger.info('threat-intel feed written', {
                    feed: name,
                    indicators: outcome.indicators,
                    skipped_entries: outcome.skipped,
                    version: outcome.version,
                });
            outcomes.push(outcome);
        }
        catch (err) {
            const error = err?.message ?? String(err);
            logger.metric(FEED_FAILURE_METRIC, 1);
            logger.error('threat-intel feed failed; its last good version is kept', {
                feed: name,
                error,
            });
            outcomes.push({ feed: name, outcome: 'failed', error });
        }
    }
    return outcomes;
}

;// CONCATENATED MODULE: ./src/processors/threat-intel/s3-store.ts

const statusOf = (err) => err?.$metadata?.httpStatusCode;
function s3IndicatorStore(client, bucket, prefix) {
    const sdk = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23));
    return {
        async fetchedAt(feed) {
            const [{ HeadObjectCommand }, s3] = await Promise.all([sdk(), client()]);
            try {
                const res = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: feedObjectKey(prefix, feed) }));
                const at = Date.parse(res.Metadata?.['fetched-at'] ?? '');
                return Number.isFinite(at) ? at : undefined;
            }
            catch (err) {
                if (statusOf(err) === 404)
                    return undefined;
                throw err;
            }
        },
        async put(feed, table, version, sourceVersion) {
            const [{ PutObjectCommand }, s3] = await Promise.all([sdk(), client()]);
            // Metadata is sent as headers: printable ASCII only, and short (it is the feed's text).
            const source = sourceVersion?.replace(/[^\x20-\x7e]/g, '').slice(0, 64);
            const object = {
                Bucket: bucket,
                Body: table,
                // Gzip bytes the loader gunzips itself (no Content-Encoding: nothing decodes them on the way).
                ContentType: 'application/gzip',
                Metadata: { 'fetched-at': version, feed, ...(source ? { 'source-version': source } : {}) },
            };
            const stamp = version.replace(/[^0-9TZ]/g, '');
            await s3.send(new PutObjectCommand({ ...object, Key: `${prefix}versions/${feed}/${stamp}.json.gz` }));
            await s3.send(new PutObjectCommand({ ...object, Key: feedObjectKey(prefix, feed) }));
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/threat-intel/lambda.ts






/** The environment read and checked; a missing or bad variable names itself. */
function readFeedsEnv(env) {
    const bucket = env.THREAT_INTEL_BUCKET;
    if (!bucket)
        throw new Error("the feed collector's environment has no THREAT_INTEL_BUCKET");
    const feeds = (env.THREAT_INTEL_FEEDS ?? PUBLIC_FEEDS.join(','))
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
    const unknown = feeds.filter((f) => !FEED_NAMES.includes(f));
    if (unknown.length > 0)
        throw new Error(`THREAT_INTEL_FEEDS names unknown feeds: ${unknown.join(', ')} (known: ${FEED_NAMES.join(', ')})`);
    // A mirror per feed: THREAT_INTEL_URL_<FEED> (an https URL).
    const urls = {};
    for (const f of feeds) {
        const url = env[`THREAT_INTEL_URL_${f.toUpperCase()}`];
        if (url)
            urls[f] = url;
    }
    const positive = (name) => {
        const raw = env[name];
        if (raw === undefined || raw === '')
            return undefined;
        const n = Number(raw);
        if (!Number.isSafeInteger(n) || n <= 0)
            throw new Error(`${name} must be a whole number > 0`);
        return n;
    };
    const maxDownloadBytes = positive('THREAT_INTEL_MAX_DOWNLOAD_BYTES');
    const maxIndicators = positive('THREAT_INTEL_MAX_INDICATORS');
    const maxTableBytes = positive('THREAT_INTEL_MAX_TABLE_BYTES');
    const maxPages = positive('THREAT_INTEL_MAX_PAGES');
    const otxCredential = env.THREAT_INTEL_OTX_CREDENTIAL;
    if (feeds.includes('otx') && !otxCredential)
        throw new Error('THREAT_INTEL_FEEDS names otx and THREAT_INTEL_OTX_CREDENTIAL (where its API key is) is not set');
    return {
        bucket,
        prefix: env.THREAT_INTEL_PREFIX ?? THREAT_INTEL_DEFAULTS.prefix,
        feeds: feeds,
        urls,
        bounds: {
            ...(maxDownloadBytes ? { maxDownloadBytes } : {}),
            ...(maxIndicators ? { maxIndicators } : {}),
            ...(maxTableBytes ? { maxTableBytes } : {}),
            ...(maxPages ? { maxPages } : {}),
        },
        ...(otxCredential && feeds.includes('otx')
            ? {
                otxKey: otxCredential.startsWith('arn:')
                    ? { secretsManagerSecret: otxCredential }
                    : { ssmParameter: otxCredential },
            }
            : {}),
    };
}
/** The key as stored: the bare key, or a JSON object with `api_key` (a Secrets Manager pair). */
function otxKeyOf(secret) {
    const text = secret.trim();
    if (!text.startsWith('{'))
        return text;
    let key;
    try {
        key = JSON.parse(text).api_key;
    }
    catch {
        key = undefined;
    }
    if (typeof key !== 'string' || key === '')
        throw new Error('the OTX secret is JSON without a string "api_key"');
    return key;
}
const logger = createLogger({
    level: levelFrom(process.env.LOGGER_LEVEL),
    // The failure metric is what the module's alarm watches: always on.
    metrics: true,
});
let client;
// ttl 0: the key is read again on every run (rotation).
let secrets;
const secretStore = () => (secrets ??= Promise.all([
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 687, 23)),
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 89, 23)),
]).then(([ssm, sm]) => {
    const ssmClient = new ssm.SSMClient({});
    const smClient = new sm.SecretsManagerClient({});
    return createSecretStore({ ssm: () => ssmClient, secretsManager: () => smClient }, 0);
}));
async function handler() {
    const env = readFeedsEnv(process.env);
    client ??= Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23)).then(({ S3Client }) => new S3Client({ ...s3ClientOptions() }));
    const feeds = await collectFeeds({
        feeds: env.feeds,
        store: s3IndicatorStore(() => client, env.bucket, env.prefix),
        logger,
        urls: env.urls,
        bounds: env.bounds,
        ...(env.otxKey
            ? { keys: { otx: async () => otxKeyOf(await (await secretStore()).get(env.otxKey)) } }
            : {}),
    });
    return { feeds };
}

;// CONCATENATED MODULE: ./src/processors/collectors/lambda.ts








/** What the function keeps back from its timeout for the last checkpoint write. */
const RESERVE_MS = 10_000;
/** The environment read and checked; a missing or bad variable names itself. */
function readEnv(env) {
    const need = (k) => {
        const v = env[k];
        if (!v)
            throw new PermanentError(`the collector's environment has no ${k}`);
        return v;
    };
    const seconds = (k, dflt) => {
        const v = env[k] === undefined || env[k] === '' ? dflt : Number(env[k]);
        if (!Number.isInteger(v) || v < 0)
            throw new PermanentError(`${k} must be whole seconds`);
        return v * 1000;
    };
    let settings;
    try {
        settings = JSON.parse(env.COLLECTOR_SETTINGS ?? '{}');
    }
    catch {
        throw new PermanentError('COLLECTOR_SETTINGS is not JSON');
    }
    if (typeof settings !== 'object' ||
        settings === null ||
        Object.values(settings).some((v) => typeof v !== 'string'))
        throw new PermanentError('COLLECTOR_SETTINGS must be an object of strings');
    return {
        name: need('COLLECTOR_NAME'),
        type: need('COLLECTOR_TYPE'),
        settings: settings,
        credential: need('COLLECTOR_CREDENTIAL'),
        credentialFormat: credentialFormat(env.COLLECTOR_CREDENTIAL_FORMAT),
        table: need('CHECKPOINT_TABLE'),
        stream: need('STREAM_NAME'),
        overlapMs: seconds('OVERLAP_SECONDS', 600),
        initialLookbackMs: seconds('INITIAL_LOOKBACK_SECONDS', 3600),
    };
}
function credentialFormat(v) {
    if (v === undefined || v === '' || v === 'collector')
        return 'collector';
    if (v === 'streamalert_app')
        return v;
    throw new PermanentError('COLLECTOR_CREDENTIAL_FORMAT must be collector or streamalert_app');
}
const lambda_logger = createLogger({ level: levelFrom(process.env.LOGGER_LEVEL), metrics: true });
let clients;
const awsClients = () => (clients ??= Promise.all([
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 414, 23)),
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 432, 23)),
]).then(([d, k]) => ({ dynamo: new d.DynamoDBClient({}), kinesis: new k.KinesisClient({}) })));
// ttl 0: the credential is read again on every invocation (rotation).
let lambda_secrets;
const lambda_secretStore = () => (lambda_secrets ??= Promise.all([
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 687, 23)),
    Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 89, 23)),
]).then(([ssm, sm]) => {
    const ssmClient = new ssm.SSMClient({});
    const smClient = new sm.SecretsManagerClient({});
    return createSecretStore({ ssm: () => ssmClient, secretsManager: () => smClient }, 0);
}));
async function lambda_handler(_event, context) {
    const env = readEnv(process.env);
    const own = SOURCES[env.type];
    if (!own)
        throw new PermanentError(`no collector source "${env.type}"`);
    const source = env.credentialFormat === 'streamalert_app' ? streamalertAppSource(own) : own;
    const remaining = context.getRemainingTimeInMillis();
    const { dynamo, kinesis } = await awsClients();
    const store = await lambda_secretStore();
    const ref = env.credential.startsWith('arn:')
        ? { secretsManagerSecret: env.credential }
        : { ssmParameter: env.credential };
    return runCollector({
        name: env.name,
        source,
        settings: env.settings,
        store: dynamoCheckpointStore(dynamo, env.table, env.name),
        sink: kinesisSink(kinesis, env.stream, {
            onOversized: (e, bytes) => {
                lambda_logger.warn('event over the Kinesis record limit, not sent', {
                    collector: env.name,
                    id: e.id,
                    bytes,
                });
                lambda_logger.metric('CollectorOversized', 1);
            },
        }),
        readCredential: () => store.get(ref),
        logger: lambda_logger,
        overlapMs: env.overlapMs,
        initialLookbackMs: env.initialLookbackMs,
        // The lease outlives this invocation's timeout: a killed invocation frees it then.
        leaseMs: remaining + 60_000,
    }, Date.now() + Math.max(1000, remaining - RESERVE_MS));
}
/**
 * The threat-intel feed collector (handler `index.threatIntelFeeds`): it ships in this zip,
 * like every pull collector, but writes indicator tables to S3 instead of events to
 * Kinesis, so it has its own entry and environment (../threat-intel/lambda.ts).
 */



/***/ }),

/***/ 414:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-dynamodb");

/***/ }),

/***/ 432:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-kinesis");

/***/ }),

/***/ 336:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-s3");

/***/ }),

/***/ 89:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-secrets-manager");

/***/ }),

/***/ 687:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-ssm");

/***/ }),

/***/ 32:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* global module, require */
// A CommonJS entry makes ncc emit a CommonJS bundle: Lambda finds the runtime's own
// @aws-sdk through NODE_PATH, which only require() honours (ES module imports do not).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
module.exports = __nccwpck_require__(749);


/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			// no module.id needed
/******/ 			// no module.loaded needed
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/************************************************************************/
/******/ 	
/******/ 	// startup
/******/ 	// Load entry module and return exports
/******/ 	// This entry module used 'module' so it can't be inlined
/******/ 	var __webpack_exports__ = __nccwpck_require__(32);
/******/ 	module.exports = __webpack_exports__;
/******/ 	
/******/ })()
;