/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 817:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

"use strict";
// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  handler: () => (/* binding */ handler)
});

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = require("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
// EXTERNAL MODULE: external "@aws-sdk/client-lambda"
var client_lambda_ = __nccwpck_require__(837);
;// CONCATENATED MODULE: external "@aws-sdk/client-s3"
const client_s3_namespaceObject = require("@aws-sdk/client-s3");
;// CONCATENATED MODULE: external "@aws-sdk/client-secrets-manager"
const client_secrets_manager_namespaceObject = require("@aws-sdk/client-secrets-manager");
;// CONCATENATED MODULE: external "@aws-sdk/client-sns"
const client_sns_namespaceObject = require("@aws-sdk/client-sns");
;// CONCATENATED MODULE: external "@aws-sdk/client-ssm"
const client_ssm_namespaceObject = require("@aws-sdk/client-ssm");
;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/http.ts
/**
 * The HTTP requests of the credential outputs (Slack, webhooks, PagerDuty, Phantom, GitHub,
 * Jira, Teams, Carbon Black, Demisto, Komand).
 * URLs and headers carry credentials, so no error names them: a failure says which step
 * failed, the HTTP status (or the network error's kind) and what the service answered,
 * with the credential's values cut out.
 */
/** A credential's URL, checked: https, or plain http to a loopback address only (the alert and any key would travel in clear). */
function checkedUrl(url, what) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new Error(`${what} is not a valid URL`);
    }
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
        throw new Error(`${what} must be https`);
    return u;
}
/** A failed request: what failed (never the URL), and how the retries should treat it. */
class HttpError extends Error {
    status;
    retryable;
    retryAfterMs;
    constructor(message, status, retryable, retryAfterMs) {
        super(message);
        this.status = status;
        this.retryable = retryable;
        this.retryAfterMs = retryAfterMs;
        this.name = 'HttpError';
    }
}
/** An error that retrying cannot fix (bad credential, missing context): reported once, never retried. */
class PermanentError extends Error {
    retryable = false;
}
const DETAIL_MAX = 300;
/** The wait a response asks for: Retry-After (seconds or a date), or a rate-limit reset time (GitHub's x-ratelimit-*). */
function retryAfterMs(headers, now = Date.now()) {
    const after = headers.get('retry-after');
    if (after !== null) {
        if (/^\d+$/.test(after.trim()))
            return Number(after.trim()) * 1000;
        const at = Date.parse(after);
        if (!Number.isNaN(at))
            return Math.max(0, at - now);
    }
    const reset = headers.get('x-ratelimit-reset');
    if (headers.get('x-ratelimit-remaining') === '0' && reset !== null && /^\d+$/.test(reset))
        return Math.max(0, Number(reset) * 1000 - now);
    return undefined;
}
function strings(v) {
    if (typeof v === 'string')
        return [v];
    if (Array.isArray(v))
        return v.flatMap(strings);
    if (v && typeof v === 'object') {
        const o = v;
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
function errorDetail(json, text) {
    const parts = [];
    if (json && typeof json === 'object' && !Array.isArray(json)) {
        const o = json;
        const inner = (o.error && typeof o.error === 'object' ? o.error : o);
        for (const key of ['message', 'title', 'detail', 'errorMessages', 'errors'])
            parts.push(...strings(inner[key]));
        if (typeof o.error === 'string')
            parts.push(o.error);
    }
    else if (json === undefined && text.trim() && !/^\s*</.test(text)) {
        parts.push(text.trim());
    }
    return [...new Set(parts.filter((p) => p.trim()))].join('; ').replace(/\s+/g, ' ');
}
function redacted(text, secrets) {
    let out = text;
    for (const s of secrets ?? [])
        if (s.length >= 4)
            out = out.split(s).join('***');
    return out.length > DETAIL_MAX ? `${out.slice(0, DETAIL_MAX)}...` : out;
}
/**
 * One request; throws an HttpError on a network error or a status outside 2xx, prefixing
 * `step` (e.g. "container lookup") when given. The error says the status and what the
 * service said (credentials redacted), never the URL.
 */
async function httpJson(url, req, step) {
    const prefix = step ? `${step}: ` : '';
    let res;
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
    }
    catch (err) {
        // fetch's message and cause can carry the URL; keep only the error's kind.
        const cause = err.cause?.code;
        throw new HttpError(`${prefix}request failed (${err.name}${cause ? `: ${cause}` : ''})`, undefined, true);
    }
    const text = await res.text().catch(() => '');
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    }
    catch {
        json = undefined;
    }
    if (res.status < 200 || res.status >= 300) {
        const wait = retryAfterMs(res.headers);
        const retryable = res.status === 408 ||
            res.status === 429 ||
            res.status >= 500 ||
            (req.retryStatuses ?? []).includes(res.status) ||
            // GitHub signals its rate limit with 403 and x-ratelimit-remaining: 0 or Retry-After.
            (res.status === 403 && wait !== undefined);
        const detail = redacted(errorDetail(json, text), req.redact);
        const waitNote = retryable && wait !== undefined ? `, retry after ${Math.ceil(wait / 1000)}s` : '';
        throw new HttpError(`${prefix}HTTP ${res.status}${detail ? ` (${detail}${waitNote})` : waitNote ? ` (${waitNote.slice(2)})` : ''}`, res.status, retryable, retryable ? wait : undefined);
    }
    return { status: res.status, json, text };
}
/**
 * A secret's text as a JSON object (StreamAlert kept each credential as a JSON object), or
 * undefined when the text is not JSON. Errors never quote the text.
 */
function secretObject(value) {
    const text = value.trim();
    if (!text.startsWith('{'))
        return undefined;
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        throw new Error('secret looks like JSON but does not parse');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('secret JSON is not an object');
    return parsed;
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/aws-clients.ts
function once(make) {
    let value;
    return () => {
        value ??= make().catch((err) => {
            value = undefined; // a failed import is tried again next time
            throw err;
        });
        return value;
    };
}
const defaults = {
    firehose: once(() => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 199, 23)).then((m) => new m.FirehoseClient({}))),
    sqs: once(() => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 15, 23)).then((m) => new m.SQSClient({}))),
    logs: once(() => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 214, 23)).then((m) => new m.CloudWatchLogsClient({}))),
    ses: once(() => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 395, 23)).then((m) => new m.SESClient({}))),
};
/** The client the processor was given for `service`, or the default one. */
function awsClient(clients, service) {
    return (clients[service] ?? defaults[service])();
}

;// CONCATENATED MODULE: ./src/shared/aws-names.ts
/**
 * AWS naming rules that both the configuration checks (src/config) and the alert outputs'
 * conf/outputs.json schema fragments (src/processors) use. Patterns are JSON-schema strings.
 */
const S3_BUCKET_NAME_MAX = 63;
/**
 * General purpose bucket names (AWS "Bucket naming rules"): the schemas check the
 * characters and length with this pattern; s3BucketNameProblem the rest (no "..", not an
 * IP address, reserved prefixes and suffixes), with the reason in words.
 */
const S3_BUCKET_NAME_PATTERN = '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$';
const S3_BUCKET_NAME_MESSAGE = 'must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)';
/** A Lambda function name, name:qualifier ($LATEST, a version or an alias) or function ARN (CreateFunction/Invoke). */
const LAMBDA_FUNCTION_PATTERN = '^(arn:aws[a-z-]*:lambda:[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d:\\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:(\\$LATEST|[A-Za-z0-9_-]{1,128}))?$';
const LAMBDA_FUNCTION_MESSAGE = 'must be a Lambda function name (1-64 letters, digits, _ and -), optionally with ":<version or alias>", or a function ARN';
/**
 * SSM parameter names: letters, digits, _ . - and / between levels, at most 15 levels,
 * not starting with "aws" or "ssm" (any case), at most 1,011 characters (2,048 with the ARN).
 */
const SSM_PARAMETER_NAME_MAX = 1011;
const SSM_PARAMETER_NAME_PATTERN = '^(?!/?([Aa][Ww][Ss]|[Ss][Ss][Mm]))(?!/?[^/]+(/[^/]+){15})/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$';
const SSM_PARAMETER_NAME_MESSAGE = 'must be an SSM parameter name: letters, digits, _ . - separated by / (at most 15 levels), not starting with "aws" or "ssm"';
/** Secrets Manager secret names: at most 512 of letters, digits and /_+=.@-. */
const SECRET_NAME_MAX = 512;
/** An IAM role ARN (a path allowed): aws-lambda-v2's assume_role_arn. */
const IAM_ROLE_ARN_PATTERN = '^arn:aws[a-z-]*:iam::\\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$';
const IAM_ROLE_ARN_MESSAGE = 'must be an IAM role ARN such as "arn:aws:iam::123456789012:role/invoker"';

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/descriptor-schema.ts

/** A descriptor also ends an SSM parameter name, so it must be a valid name segment. */
const descriptorName = {
    type: 'string',
    pattern: '^(?!\\.+$)[A-Za-z0-9_.-]{1,200}$',
    'x-message': 'must be 1-200 letters, digits, _ . or - (not only dots): it is part of an SSM parameter name',
};
const secretRefSchema = {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
    'x-message': 'must name exactly one of ssm_parameter or secretsmanager_secret',
    properties: {
        ssm_parameter: {
            type: 'string',
            maxLength: SSM_PARAMETER_NAME_MAX,
            pattern: SSM_PARAMETER_NAME_PATTERN,
            'x-message': SSM_PARAMETER_NAME_MESSAGE,
        },
        secretsmanager_secret: {
            type: 'string',
            maxLength: SECRET_NAME_MAX,
            pattern: '^[A-Za-z0-9/_+=.@-]+$',
            'x-message': 'must be a Secrets Manager secret name (letters, digits and /_+=.@-)',
        },
    },
};
const NOT_OBJECT = ['array', 'string', 'number', 'integer', 'boolean', 'null'];
const NOT_OBJECT_OR_ARRAY = ['string', 'number', 'integer', 'boolean', 'null'];
/** An AWS service: descriptor → resource. StreamAlert wrote these as maps too; a list would name no resource. */
function awsMap(resource, value) {
    return {
        not: { type: NOT_OBJECT },
        'x-message': `must be an object mapping each descriptor to its ${resource} ({"<descriptor>": "<${resource}>"}); a list of descriptors names no ${resource}`,
        propertyNames: descriptorName,
        additionalProperties: value,
    };
}
/**
 * A credential service: descriptor → secret reference, or StreamAlert's list of descriptors,
 * whose credential is then the SSM parameter `/streamalert/outputs/<service>/<descriptor>`.
 */
function credentialServiceSchema(service) {
    return {
        allOf: [
            {
                not: { type: NOT_OBJECT_OR_ARRAY },
                'x-message': `must be a list of descriptors (credential in SSM at /streamalert/outputs/${service}/<descriptor>) or an object mapping each descriptor to {"ssm_parameter": ...} or {"secretsmanager_secret": ...}`,
            },
            { uniqueItems: true },
        ],
        // Object keywords apply to the map form only, array keywords to the list form only.
        propertyNames: descriptorName,
        additionalProperties: secretRefSchema,
        items: descriptorName,
    };
}
/** Where StreamAlert's list form keeps the credential of `<service>:<descriptor>`. */
function conventionalParameter(service, descriptor) {
    return `/streamalert/outputs/${service}/${descriptor}`;
}
/* The input passed the JSON schema. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/** `{ssm_parameter}` or `{secretsmanager_secret}`; neither (or the list form) is the conventional parameter. */
function secretRefOf(service, descriptor, v) {
    if (v?.ssm_parameter !== undefined)
        return { ssmParameter: v.ssm_parameter };
    if (v?.secretsmanager_secret !== undefined)
        return { secretsManagerSecret: v.secretsmanager_secret };
    return { ssmParameter: conventionalParameter(service, descriptor) };
}
function credentialTarget(service, descriptor, v) {
    return { service, descriptor, secret: secretRefOf(service, descriptor, v) };
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/cloudwatch-log.ts



/** CloudWatch Logs counts 26 bytes of overhead per event against its 1 MiB limit. */
const LOG_EVENT_MAX_BYTES = 1_048_576 - 26;
/** StreamAlert's list form: the alert, whole, as one line of the processor's own log. */
function logAlert(logger, alert) {
    logger.info('New Alert', { alert });
}
const sdk = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 214, 23));
/** Streams made (or found) per client: `group\0stream` → done. */
const streams = new WeakMap();
function ensureStream(logs, group, stream) {
    let made = streams.get(logs);
    if (!made)
        streams.set(logs, (made = new Map()));
    const key = `${group}\0${stream}`;
    let p = made.get(key);
    if (!p) {
        p = sdk().then(async ({ CreateLogStreamCommand, ResourceAlreadyExistsException }) => {
            try {
                await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
            }
            catch (err) {
                if (!(err instanceof ResourceAlreadyExistsException))
                    throw err;
            }
        });
        made.set(key, p);
        const map = made;
        p.catch(() => map.delete(key));
    }
    return p;
}
async function sendToLogGroup(logs, group, stream, alert, now) {
    const message = JSON.stringify(alert);
    const bytes = Buffer.byteLength(message);
    if (bytes > LOG_EVENT_MAX_BYTES)
        throw new PermanentError(`alert is ${bytes} bytes, over CloudWatch Logs' ${LOG_EVENT_MAX_BYTES}-byte event limit`);
    await ensureStream(logs, group, stream);
    const { PutLogEventsCommand, ResourceNotFoundException } = await sdk();
    try {
        await logs.send(new PutLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            logEvents: [{ timestamp: now.getTime(), message }],
        }));
    }
    catch (err) {
        // The stream was deleted since it was made: make it again on the next attempt.
        if (err instanceof ResourceNotFoundException)
            streams.get(logs)?.delete(`${group}\0${stream}`);
        throw err;
    }
}
/**
 * The `aws-cloudwatch-log` output: StreamAlert's list of descriptors (the alert goes to the
 * alert processor's own log) or a map of descriptor → log group name.
 */
const cloudwatchLogOutput = {
    service: 'aws-cloudwatch-log',
    kind: 'aws',
    schema: {
        allOf: [
            {
                not: { type: NOT_OBJECT_OR_ARRAY },
                'x-message': "must be a list of descriptors (alerts go to the alert processor's own log) or an object mapping each descriptor to a log group name",
            },
            { uniqueItems: true },
        ],
        propertyNames: descriptorName,
        additionalProperties: {
            type: 'string',
            pattern: '^[.\\-_/#A-Za-z0-9]{1,512}$',
            'x-message': 'must be a CloudWatch Logs group name (1-512 letters, digits and . - _ / #)',
        },
        items: descriptorName,
    },
    // List form (value undefined): the alert processor's own log, as StreamAlert did.
    toTarget: (descriptor, value) => value === undefined
        ? { service: 'aws-cloudwatch-log', descriptor }
        : { service: 'aws-cloudwatch-log', descriptor, logGroup: value },
    // StreamAlert's list form writes to the processor's own log: no grant.
    grants: (t) => (t.logGroup === undefined ? {} : { logGroups: [t.logGroup] }),
    doc: {
        credential: "none: a list of descriptors (StreamAlert's form) or descriptor \u2192 log group name",
        sends: "list form: the alert as one `New Alert` line of the alert processor's own log; map form: `PutLogEvents` of the alert as JSON to the group, in the stream named after the alert processor function (`<prefix>_<cluster>_streamalert_alert_processor`, created on first use)",
    },
    deliver: async (target, { clients, alert, identity, now, logger }) => {
        if (target.logGroup === undefined)
            return logAlert(logger, alert);
        // The IAM grant names the stream after the function (see modules/stream_alert).
        const stream = identity?.functionName;
        if (!stream)
            throw new PermanentError('cannot tell the log stream: function ARN unknown');
        return sendToLogGroup(await awsClient(clients, 'logs'), target.logGroup, stream, alert, now());
    },
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/aws.ts
/** The AWS outputs: an S3 object per alert, an SNS message, an asynchronous Lambda invocation. */





/** `alerts/dt=YYYY-MM-DD-HH/<rule>/<alert id>.json`: hourly partitions (StreamAlert's Athena layout), one object per alert. */
function s3AlertKey(alert, now) {
    const dt = now.toISOString().slice(0, 13).replace('T', '-');
    return `alerts/dt=${dt}/${alert.rule_name}/${alert.id}.json`;
}
async function sendToS3(s3, bucket, alert, now) {
    await s3.send(new client_s3_namespaceObject.PutObjectCommand({
        Bucket: bucket,
        Key: s3AlertKey(alert, now),
        Body: JSON.stringify(alert),
        ContentType: 'application/json',
    }));
}
/** A topic name from outputs.json becomes an ARN in the function's own account and region. */
function topicArn(topic, functionArn) {
    return topic.startsWith('arn:')
        ? topic
        : `arn:${functionArn.partition}:sns:${functionArn.region}:${functionArn.account}:${topic}`;
}
async function sendToSns(sns, arn, alert) {
    await sns.send(new client_sns_namespaceObject.PublishCommand({
        TopicArn: arn,
        Message: JSON.stringify(alert),
        Subject: `StreamAlert: ${alert.rule_name}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 100),
    }));
}
/** `name`, `name:qualifier` or an ARN (qualified or not), as StreamAlert accepted. */
function splitFunction(fn) {
    const parts = fn.split(':');
    if (fn.startsWith('arn:'))
        return parts.length === 8
            ? { name: parts.slice(0, 7).join(':'), qualifier: parts[7] }
            : { name: fn };
    return parts.length === 2 ? { name: parts[0], qualifier: parts[1] } : { name: fn };
}
async function sendToLambda(lambda, fn, alert) {
    const { name, qualifier } = splitFunction(fn);
    const res = await lambda.send(new client_lambda_.InvokeCommand({
        FunctionName: name,
        Qualifier: qualifier,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(alert)),
    }));
    if (res.FunctionError)
        throw new Error(`function error: ${res.FunctionError}`);
    if (res.StatusCode !== undefined && (res.StatusCode < 200 || res.StatusCode >= 300))
        throw new Error(`invoke returned status ${res.StatusCode}`);
}
/**
 * The `aws-s3` output: an object per alert. The naming rules a pattern cannot word ("..",
 * IP form, reserved affixes) are checked in src/config/processors/validate.ts.
 */
const s3Output = {
    service: 'aws-s3',
    kind: 'aws',
    schema: awsMap('bucket name', {
        type: 'string',
        pattern: S3_BUCKET_NAME_PATTERN,
        'x-message': S3_BUCKET_NAME_MESSAGE,
    }),
    toTarget: (descriptor, value) => ({ service: 'aws-s3', descriptor, bucket: value }),
    grants: (t) => ({ s3Buckets: [t.bucket] }),
    doc: {
        credential: 'none (bucket name in outputs.json)',
        sends: 'the alert as JSON, one object per alert under `alerts/dt=YYYY-MM-DD-HH/<rule>/<id>.json`',
    },
    deliver: (target, { clients, alert, now }) => sendToS3(clients.s3(), target.bucket, alert, now()),
};
/** The `aws-sns` output: the alert published to a topic of the function's own account and region. */
const snsOutput = {
    service: 'aws-sns',
    kind: 'aws',
    schema: awsMap('topic name', {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{1,256}(\\.fifo)?$',
        'x-message': 'must be an SNS topic name (letters, digits, _ and -, at most 256)',
    }),
    toTarget: (descriptor, value) => ({ service: 'aws-sns', descriptor, topic: value }),
    grants: (t) => ({ snsTopics: [t.topic] }),
    doc: {
        credential: 'none (topic name)',
        sends: 'the alert as the message',
    },
    deliver: async (target, { clients, alert, identity }) => {
        if (!identity && !target.topic.startsWith('arn:'))
            throw new Error('cannot tell the topic ARN: function ARN unknown');
        return sendToSns(clients.sns(), topicArn(target.topic, identity), alert);
    },
};
/** The `aws-lambda` output: the alert, invoked asynchronously. */
const lambdaOutput = {
    service: 'aws-lambda',
    kind: 'aws',
    schema: awsMap('function', {
        type: 'string',
        pattern: LAMBDA_FUNCTION_PATTERN,
        'x-message': LAMBDA_FUNCTION_MESSAGE,
    }),
    toTarget: (descriptor, value) => ({
        service: 'aws-lambda',
        descriptor,
        functionName: value,
    }),
    grants: (t) => ({ lambdaFunctions: [t.functionName] }),
    doc: {
        credential: 'none (`name`, `name:qualifier` or ARN)',
        sends: 'the alert, invoked asynchronously',
    },
    deliver: (target, { clients, alert }) => sendToLambda(clients.lambda(), target.functionName, alert),
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/alert-content.ts
/** The alert's whole context, when the alert carries one (rules that set none send none). */
function alertContext(alert) {
    const context = alert.context;
    return context && typeof context === 'object' && !Array.isArray(context)
        ? context
        : undefined;
}
/** The part of the context meant for one service (`context[service]`), or {}. */
function serviceContext(alert, service) {
    const part = alertContext(alert)?.[service];
    return part && typeof part === 'object' && !Array.isArray(part) ? part : {};
}
/** The record (and context, when there is one) as indented JSON, with keys sorted so the text is stable. */
function prettyJson(value) {
    return JSON.stringify(value, sortedKeys, 2);
}
function sortedKeys(_key, value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return value;
    return Object.fromEntries(Object.keys(value)
        .sort()
        .map((k) => [k, value[k]]));
}
/** `text` cut to `max` characters, saying so at the end. */
function cut(text, max) {
    const note = '\n... (cut)';
    return text.length <= max ? text : `${text.slice(0, max - note.length)}${note}`;
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/credential-fields.ts
/**
 * Reading a credential's JSON fields, as StreamAlert stored them (every value a string:
 * `"yes"`/`"no"` flags, comma-separated lists) or as JSON natives. A problem names the
 * field, never its value, and is a PermanentError: retrying cannot fix a credential.
 */

/** The credential as a JSON object; `shape` describes it for the error when it is not one. */
function credentialObject(value, shape) {
    let obj;
    try {
        obj = secretObject(value);
    }
    catch (err) {
        throw new PermanentError(err.message);
    }
    if (!obj)
        throw new PermanentError(`secret is not JSON ${shape}`);
    return obj;
}
function requiredString(obj, key) {
    const v = obj[key];
    if (typeof v !== 'string' || v.trim() === '')
        throw new PermanentError(`secret JSON has no "${key}" string`);
    return v.trim();
}
function optionalString(obj, key) {
    const v = obj[key];
    if (v === undefined || v === null || v === '')
        return undefined;
    if (typeof v !== 'string')
        throw new PermanentError(`secret JSON "${key}" is not a string`);
    return v.trim();
}
/** A base URL (https, or http to loopback), without the trailing slash. */
function baseUrl(obj, key, fallback, what) {
    const url = fallback === undefined ? requiredString(obj, key) : (optionalString(obj, key) ?? fallback);
    try {
        checkedUrl(url, what);
    }
    catch (err) {
        throw new PermanentError(err.message);
    }
    return url.replace(/\/+$/, '');
}
/** StreamAlert's "yes"/"no" (also true/false, "true"/"false"); absent is `fallback`. */
function flag(obj, key, fallback) {
    const v = obj[key];
    if (v === undefined || v === null || v === '')
        return fallback;
    if (typeof v === 'boolean')
        return v;
    if (typeof v === 'string' && /^(yes|true)$/i.test(v.trim()))
        return true;
    if (typeof v === 'string' && /^(no|false)$/i.test(v.trim()))
        return false;
    throw new PermanentError(`secret JSON "${key}" must be "yes" or "no"`);
}
/** A comma-separated string (StreamAlert's form) or an array of strings; absent is []. */
function stringList(obj, key) {
    const v = obj[key];
    if (v === undefined || v === null || v === '')
        return [];
    const items = typeof v === 'string' ? v.split(',') : Array.isArray(v) ? v : undefined;
    if (!items || !items.every((x) => typeof x === 'string'))
        throw new PermanentError(`secret JSON "${key}" must be a comma-separated string or a list of strings`);
    return items.map((x) => x.trim()).filter((x) => x !== '');
}
/** A JSON object given as an object or as JSON text (StreamAlert stored it as text). */
function jsonObject(obj, key) {
    let v = obj[key];
    if (v === undefined || v === null || v === '')
        return {};
    if (typeof v === 'string') {
        try {
            v = JSON.parse(v);
        }
        catch {
            throw new PermanentError(`secret JSON "${key}" is not valid JSON text`);
        }
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        throw new PermanentError(`secret JSON "${key}" must be a JSON object`);
    return v;
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/descriptor.ts

/**
 * The kinds of IAM grant the alert processor's role can be given: each is a variable of
 * modules/stream_alert (see templates/cluster.tf.hbs). An AWS output names its resources
 * under one of them; a new kind needs that module variable first.
 */
const GRANT_KINDS = (/* unused pure expression or super */ null && ([
    's3Buckets',
    'lambdaFunctions',
    'snsTopics',
    'firehoseStreams',
    'sqsQueues',
    'logGroups',
    'sesIdentities',
    'assumeRoles',
]));
/**
 * A credential (HTTP) output: its schema, conversion and grants are those of every
 * credential output; it says how to read its secret and what to send.
 */
function credentialOutput(spec) {
    return {
        service: spec.service,
        kind: 'credential',
        schema: credentialServiceSchema(spec.service),
        toTarget: (descriptor, value) => credentialTarget(spec.service, descriptor, value),
        doc: spec.doc,
        deliver: async (target, ctx) => spec.send(await ctx.credential(target.secret, spec.parse), ctx, target),
    };
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/carbonblack.ts




/** JSON `{"url": "https://cb.example", "token": "..."}` (StreamAlert's fields). */
function parseCarbonBlackSecret(value) {
    const obj = credentialObject(value, '{"url": ..., "token": ...}');
    return {
        url: baseUrl(obj, 'url', undefined, 'Carbon Black URL'),
        token: requiredString(obj, 'token'),
    };
}
/** The hash to ban, from the rule's context; anything else is a rule mistake, not worth a retry. */
function banRequest(alert) {
    const ctx = serviceContext(alert, 'carbonblack');
    if (ctx.action === undefined)
        throw new PermanentError('the rule gives no carbonblack context ({"action": "ban", "value": "<md5>"})');
    if (ctx.action !== 'ban')
        throw new PermanentError(`carbonblack action ${JSON.stringify(ctx.action)} is not supported (only "ban")`);
    if (typeof ctx.value !== 'string' || !/^[A-Fa-f0-9]{32}$/.test(ctx.value))
        throw new PermanentError('carbonblack context "value" must be an MD5 hash (32 hex digits)');
    return ctx.value.toLowerCase();
}
async function sendToCarbonBlack(credential, alert) {
    const md5 = banRequest(alert);
    const headers = { 'x-auth-token': credential.token };
    const redact = [credential.token];
    try {
        await httpJson(`${credential.url}/api/v1/binary/${md5}/summary`, { method: 'GET', headers, redact }, 'binary lookup');
    }
    catch (err) {
        if (err instanceof HttpError && err.status === 404)
            throw new PermanentError(`binary lookup: Carbon Black does not know the binary ${md5}`);
        throw err;
    }
    let banned;
    try {
        const { json } = await httpJson(`${credential.url}/api/v1/banning/blacklist/${md5}`, { method: 'GET', headers, redact }, 'ban lookup');
        banned = (json ?? {});
    }
    catch (err) {
        // Not on the list: the server answers 404 (some versions 409).
        if (!(err instanceof HttpError && (err.status === 404 || err.status === 409)))
            throw err;
    }
    if (banned?.enabled === true)
        return;
    await httpJson(`${credential.url}/api/v1/banning/blacklist`, {
        method: 'POST',
        headers,
        body: {
            md5hash: md5,
            text: `Banned from StreamAlert (rule ${alert.rule_name}, alert ${alert.id})`,
            enabled: true,
        },
        redact,
    }, 'ban');
}
/** The `carbonblack` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const carbonblackOutput = credentialOutput({
    service: 'carbonblack',
    doc: {
        credential: '`{"url": "https://cb.example", "token": "..."}`',
        sends: 'header `X-Auth-Token`; for context `{"carbonblack": {"action": "ban", "value": "<md5>"}}`: `GET /api/v1/binary/<md5>/summary` (must exist), `GET /api/v1/banning/blacklist/<md5>` (already banned: done), else `POST /api/v1/banning/blacklist` `{md5hash, text, enabled: true}`',
    },
    parse: parseCarbonBlackSecret,
    send: (credential, { alert }) => sendToCarbonBlack(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/demisto.ts



/** JSON `{"url": "https://demisto.example", "token": "..."}` (StreamAlert's fields). */
function parseDemistoSecret(value) {
    const obj = credentialObject(value, '{"url": ..., "token": ...}');
    return {
        url: baseUrl(obj, 'url', undefined, 'Demisto URL'),
        token: requiredString(obj, 'token'),
    };
}
/** Every leaf of `value` as a label: dotted keys, `[i]` for list items, values as strings (Demisto takes nothing else). */
function demistoLabels(value) {
    const labels = [];
    const walk = (v, path) => {
        if (Array.isArray(v))
            v.forEach((x, i) => walk(x, `${path}[${i}]`));
        else if (v && typeof v === 'object')
            for (const [k, x] of Object.entries(v))
                walk(x, path ? `${path}.${k}` : k);
        else
            labels.push({ type: path, value: v === null ? 'None' : String(v) });
    };
    walk(value, '');
    return labels.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
/** The incident, with StreamAlert's defaults (type Unclassified, owner StreamAlert, severity unknown = 0). */
function demistoIncident(alert) {
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
async function sendToDemisto(credential, alert) {
    await httpJson(`${credential.url}/incident`, {
        method: 'POST',
        headers: { authorization: credential.token },
        body: demistoIncident(alert),
        redact: [credential.token],
    }, 'incident create');
}
/** The `demisto` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const demistoOutput = credentialOutput({
    service: 'demisto',
    doc: {
        credential: '`{"url": "https://demisto.example", "token": "..."}`',
        sends: '`POST /incident` with `Authorization: <token>`: `{type: "Unclassified", name: <rule>, owner: "StreamAlert", severity: 0, labels: the alert flattened to [{type: "record.a.b", value}], details: description, createInvestigation: true}`',
    },
    parse: parseDemistoSecret,
    send: (credential, { alert }) => sendToDemisto(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/firehose.ts



/** Firehose refuses records over 1,000 KiB; StreamAlert refused alerts over 1,000,000 bytes. */
const FIREHOSE_MAX_RECORD_BYTES = 1_000_000;
async function sendToFirehose(firehose, deliveryStream, alert) {
    const data = Buffer.from(`${JSON.stringify(alert)}\n`);
    if (data.length > FIREHOSE_MAX_RECORD_BYTES)
        throw new PermanentError(`alert is ${data.length} bytes, over Firehose's ${FIREHOSE_MAX_RECORD_BYTES}-byte record limit`);
    const { PutRecordCommand } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 199, 23));
    await firehose.send(new PutRecordCommand({ DeliveryStreamName: deliveryStream, Record: { Data: data } }));
}
/** The `aws-firehose` output: `PutRecord` of the alert to a delivery stream. */
const firehoseOutput = {
    service: 'aws-firehose',
    kind: 'aws',
    schema: awsMap('delivery stream name', {
        type: 'string',
        pattern: '^[A-Za-z0-9_.-]{1,64}$',
        'x-message': 'must be a Firehose delivery stream name (1-64 letters, digits, _ . and -)',
    }),
    toTarget: (descriptor, value) => ({
        service: 'aws-firehose',
        descriptor,
        deliveryStream: value,
    }),
    grants: (t) => ({ firehoseStreams: [t.deliveryStream] }),
    doc: {
        credential: 'none (delivery stream name)',
        sends: '`PutRecord` of the alert as one JSON line (`\\n`-terminated, so the destination objects hold one alert per line); an alert over 1,000,000 bytes fails at once',
    },
    deliver: async (target, { clients, alert }) => sendToFirehose(await awsClient(clients, 'firehose'), target.deliveryStream, alert),
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/github.ts




const GITHUB_API_URL = 'https://api.github.com';
/** GitHub refuses an issue body over 65,536 characters. */
const BODY_MAX = 65_536;
const TITLE_MAX = 256;
/**
 * JSON `{"repository": "owner/repo", "access_token": "...", "labels": "a,b", "api"?: ...}`
 * (StreamAlert's fields; its `username` is accepted and not needed: the token authenticates).
 */
function parseGitHubSecret(value) {
    const obj = credentialObject(value, '{"repository": "owner/repo", "access_token": ...}');
    const repository = requiredString(obj, 'repository');
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(repository);
    if (!m)
        throw new PermanentError('secret JSON "repository" must be "owner/repo"');
    optionalString(obj, 'username');
    return {
        api: baseUrl(obj, 'api', GITHUB_API_URL, 'GitHub API URL'),
        owner: m[1],
        repo: m[2],
        labels: stringList(obj, 'labels'),
        token: requiredString(obj, 'access_token'),
    };
}
/** The issue: StreamAlert's title and Markdown body (description, then the record as JSON), plus the context when the rule set one. */
function githubIssue(alert, labels) {
    const context = alertContext(alert);
    const body = [
        `### Description\n${alert.rule_description}`,
        `### Event data\n\n\`\`\`\n${prettyJson(alert.record)}\n\`\`\``,
        ...(context ? [`### Context\n\n\`\`\`\n${prettyJson(context)}\n\`\`\``] : []),
        `Log ${alert.log_source} from ${alert.source_service} ${alert.source_entity}; alert ${alert.id}`,
    ].join('\n\n');
    return {
        title: `StreamAlert: ${alert.rule_name}`.slice(0, TITLE_MAX),
        body: cut(body, BODY_MAX),
        labels,
    };
}
async function sendToGitHub(credential, alert) {
    await httpJson(`${credential.api}/repos/${encodeURIComponent(credential.owner)}/${encodeURIComponent(credential.repo)}/issues`, {
        method: 'POST',
        headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${credential.token}`,
            'x-github-api-version': '2022-11-28',
            // GitHub refuses requests without a User-Agent.
            'user-agent': 'streamalert-action',
        },
        body: githubIssue(alert, credential.labels),
        redact: [credential.token],
    }, 'issue create');
}
/** The `github` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const githubOutput = credentialOutput({
    service: 'github',
    doc: {
        credential: '`{"repository": "owner/repo", "access_token": "...", "labels": "a,b", "api": "https://api.github.com"}` (`labels`, `api` optional; `username` accepted, unused)',
        sends: '`POST /repos/<owner>/<repo>/issues` with `Authorization: Bearer <token>`: `{title: "StreamAlert: <rule>", body: Markdown (description, record and context as JSON), labels}`',
    },
    parse: parseGitHubSecret,
    send: (credential, { alert }) => sendToGitHub(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/jira.ts




/**
 * StreamAlert's fields: url, username, password, project_key, issue_type, aggregate
 * ("yes"/"no"), aggregation_additional_jql, additional_required_issue_fields (JSON text),
 * plus `auth` ("session", the default, or "basic"). Its ssl_verify is accepted and
 * ignored: certificates are always verified.
 */
function parseJiraSecret(value) {
    const obj = credentialObject(value, '{"url": ..., "username": ..., "password": ..., "project_key": ..., "issue_type": ...}');
    const auth = optionalString(obj, 'auth') ?? 'session';
    if (auth !== 'session' && auth !== 'basic')
        throw new PermanentError('secret JSON "auth" must be "session" or "basic"');
    flag(obj, 'ssl_verify', true);
    return {
        url: baseUrl(obj, 'url', undefined, 'Jira URL'),
        username: requiredString(obj, 'username'),
        password: requiredString(obj, 'password'),
        projectKey: requiredString(obj, 'project_key'),
        issueType: requiredString(obj, 'issue_type'),
        aggregate: flag(obj, 'aggregate', false),
        additionalJql: optionalString(obj, 'aggregation_additional_jql'),
        additionalFields: jsonObject(obj, 'additional_required_issue_fields'),
        auth,
    };
}
const jiraSummary = (alert) => `StreamAlert ${alert.rule_name}`;
/** StreamAlert's description: the whole alert (description, record, context) as a JSON code block. */
function jiraDescription(alert) {
    return `{code:JSON}${prettyJson(alert)}{code}`;
}
/** A JQL string literal. */
const jqlString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
/** The open issue of this rule in the project: same summary, not in a Done status. */
function aggregationJql(credential, summary) {
    return ([
        `summary ~ ${jqlString(summary)}`,
        `project = ${jqlString(credential.projectKey)}`,
        'statusCategory != Done',
        ...(credential.additionalJql ? [`(${credential.additionalJql})`] : []),
    ].join(' AND ') + ' ORDER BY created DESC');
}
/** Headers that authenticate every later request: basic auth, or the session cookie from a login. */
async function authHeaders(credential) {
    if (credential.auth === 'basic') {
        const token = Buffer.from(`${credential.username}:${credential.password}`).toString('base64');
        return { authorization: `Basic ${token}` };
    }
    const { json } = await httpJson(`${credential.url}/rest/auth/1/session`, {
        method: 'POST',
        body: { username: credential.username, password: credential.password },
        redact: [credential.password],
    }, 'login');
    const session = json?.session;
    if (typeof session?.name !== 'string' || typeof session.value !== 'string')
        throw new Error('login: response has no session');
    return { cookie: `${session.name}=${session.value}` };
}
/**
 * Jira Cloud retired GET /rest/api/2/search for /rest/api/2/search/jql; Server and Data
 * Center only have the former.
 */
function searchPath(credential) {
    return new URL(credential.url).hostname.endsWith('.atlassian.net')
        ? '/rest/api/2/search/jql'
        : '/rest/api/2/search';
}
async function findOpenIssue(credential, headers, summary) {
    const url = new URL(`${credential.url}${searchPath(credential)}`);
    url.searchParams.set('jql', aggregationJql(credential, summary));
    url.searchParams.set('maxResults', '1');
    url.searchParams.set('fields', 'id,summary');
    const { json } = await httpJson(url, { method: 'GET', headers }, 'issue search');
    const issues = json?.issues;
    if (!Array.isArray(issues))
        throw new Error('issue search: unexpected response');
    const id = issues[0]?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}
async function sendToJira(credential, alert) {
    const headers = await authHeaders(credential);
    const summary = jiraSummary(alert);
    const description = jiraDescription(alert);
    const redact = [credential.password, ...(headers.cookie ? [headers.cookie] : [])];
    if (credential.aggregate) {
        const issueId = await findOpenIssue(credential, headers, summary);
        if (issueId !== undefined) {
            try {
                await httpJson(`${credential.url}/rest/api/2/issue/${encodeURIComponent(issueId)}/comment`, { method: 'POST', headers, body: { body: description }, redact }, 'comment create');
                return;
            }
            catch {
                // As StreamAlert: an issue that takes no comment (closed for edits, permissions)
                // does not lose the alert; a new issue is created instead.
            }
        }
    }
    await httpJson(`${credential.url}/rest/api/2/issue`, {
        method: 'POST',
        headers,
        body: {
            fields: {
                project: { key: credential.projectKey },
                summary,
                description,
                issuetype: { name: credential.issueType },
                ...credential.additionalFields,
            },
        },
        redact,
    }, 'issue create');
}
/** The `jira` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const jiraOutput = credentialOutput({
    service: 'jira',
    doc: {
        credential: '`{"url": "https://jira.example", "username": "...", "password": "...", "project_key": "SEC", "issue_type": "Task", "aggregate": "yes"/"no", "aggregation_additional_jql": "...", "additional_required_issue_fields": "{...}", "auth": "session"/"basic"}` (last four optional)',
        sends: 'session: `POST /rest/auth/1/session` then the cookie; `auth: "basic"` (Jira Cloud: e-mail and API token): basic auth. `POST /rest/api/2/issue` `{fields: {project: {key}, summary: "StreamAlert <rule>", description: "{code:JSON}<alert>{code}", issuetype: {name}, ...additional fields}}`; with `aggregate`, first `GET /rest/api/2/search` (`/search/jql` on `*.atlassian.net`) for the open issue with that summary and `POST /rest/api/2/issue/<id>/comment` `{body}` instead',
    },
    parse: parseJiraSecret,
    send: (credential, { alert }) => sendToJira(credential, alert),
});

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

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/assume-role.ts

/** StreamAlert 3's session name: the role's CloudTrail records name the alert processor. */
const ROLE_SESSION_NAME = 'streamalert_alert_processor';
/** Credentials this close to expiring are renewed first. */
const RENEW_MS = 5 * 60_000;
/** Roles kept at once: the credentials name them, and a typo must not grow the cache. */
const MAX_ROLES = 32;
/** A Lambda client for `roleArn`, made from `lambdaWith` and the role's credentials. */
function assumedLambdaClients(sts, lambdaWith, now = Date.now) {
    const clients = createExpiringCache({
        renewBeforeMs: RENEW_MS,
        max: MAX_ROLES,
        now,
    });
    async function assume(roleArn) {
        const { AssumeRoleCommand } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 274, 23));
        const res = await (await sts()).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: ROLE_SESSION_NAME }));
        const c = res.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken)
            throw new Error('AssumeRole returned no credentials');
        const value = await lambdaWith({
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
        });
        // An hour is STS's default duration.
        return { value, expiresAt: c.Expiration?.getTime() ?? now() + 3_600_000 };
    }
    // A failed AssumeRole is tried again on the next alert, not remembered.
    return (roleArn) => clients.get(roleArn, () => assume(roleArn));
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/lambda-v2.ts
/**
 * aws-lambda-v2 (StreamAlert 3): the alert invoked on a Lambda function the credential names
 * (`lambda_function_arn`, optionally `function_qualifier`), rather than outputs.json. Since
 * the function is known only at run time, the alert processor's role gets no grant for it:
 * the function's resource policy (or your own IAM) must allow the invocation.
 * With `assume_role_arn` the alert processor first assumes that role and invokes with its
 * credentials (assume-role.ts), as StreamAlert 3 did; the role's trust policy must allow
 * the alert processor's role. The role is in the credential, known only at run time: when
 * outputs.json names it too (`{"<descriptor>": {"assume_role_arn": ...}}`, this project's
 * form), the alert processor's role is granted sts:AssumeRole on it, and it is the role
 * used when the credential names none.
 */





/** JSON `{"lambda_function_arn": ..., "function_qualifier"?: ...}`. Messages name fields, never values. */
function parseLambdaV2Secret(value) {
    const obj = secretObject(value);
    if (!obj)
        throw new PermanentError('secret is not a JSON object with lambda_function_arn');
    const fn = obj.lambda_function_arn;
    if (typeof fn !== 'string' || fn.trim() === '')
        throw new PermanentError('secret JSON "lambda_function_arn" is missing or not a string');
    const role = obj.assume_role_arn;
    // StreamAlert 3 left an unused field empty ("" or null): no role then.
    if (role !== undefined && role !== null && role !== '') {
        if (typeof role !== 'string' || !new RegExp(IAM_ROLE_ARN_PATTERN).test(role.trim()))
            throw new PermanentError('secret JSON "assume_role_arn" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)');
    }
    const qualifier = obj.function_qualifier;
    if (qualifier !== undefined && qualifier !== null && typeof qualifier !== 'string')
        throw new PermanentError('secret JSON "function_qualifier" is not a string');
    return {
        function: qualifier ? `${fn.trim()}:${qualifier}` : fn.trim(),
        ...(typeof role === 'string' && role !== '' ? { assumeRoleArn: role.trim() } : {}),
    };
}
/** The default clients for roles: STS and Lambda from the SDK the Lambda runtime carries. */
const defaultAssumed = assumedLambdaClients(() => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 274, 23)).then((m) => new m.STSClient({})), (credentials) => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 837, 23)).then((m) => new m.LambdaClient({ credentials })));
/**
 * StreamAlert's list of descriptors, or descriptor to `{"ssm_parameter"|"secretsmanager_secret"?,
 * "assume_role_arn"?}`: the secret reference of every credential output, plus the role.
 */
const schema = {
    ...credentialServiceSchema('aws-lambda-v2'),
    additionalProperties: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        not: { required: ['ssm_parameter', 'secretsmanager_secret'] },
        'x-message': 'must name at most one of ssm_parameter or secretsmanager_secret (none: /streamalert/outputs/aws-lambda-v2/<descriptor>), and may name assume_role_arn',
        properties: {
            ...secretRefSchema.properties,
            assume_role_arn: {
                type: 'string',
                pattern: IAM_ROLE_ARN_PATTERN,
                'x-message': IAM_ROLE_ARN_MESSAGE,
            },
        },
    },
};
/** The `aws-lambda-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const lambdaV2Output = {
    service: 'aws-lambda-v2',
    // An AWS call with the alert processor's role (aws-ses too reads a secret): its grant is
    // sts:AssumeRole on the role outputs.json names.
    kind: 'aws',
    schema,
    toTarget: (descriptor, value) => {
        const role = value?.assume_role_arn;
        return {
            ...credentialTarget('aws-lambda-v2', descriptor, value),
            ...(role ? { assumeRoleArn: role } : {}),
        };
    },
    doc: {
        credential: '`{"lambda_function_arn": "<name or ARN>", "function_qualifier": "<alias or version>", "assume_role_arn": "<role ARN>"}` (StreamAlert 3\'s fields; the last two optional); the alert processor\'s role gets no grant for the function: allow it in the function\'s resource policy, or the role\'s. With `assume_role_arn` it invokes as that role (as StreamAlert 3), granted sts:AssumeRole on it when outputs.json names the role too: `{"<descriptor>": {"assume_role_arn": "<role ARN>"}}`',
        sends: 'the alert, invoked asynchronously (as aws-lambda), as the role when there is one',
    },
    grants: (t) => (t.assumeRoleArn ? { assumeRoles: [t.assumeRoleArn] } : {}),
    deliver: async (target, { clients, alert, credential }) => {
        const c = await credential(target.secret, parseLambdaV2Secret);
        // The credential's role, as StreamAlert 3; else the one outputs.json names.
        const role = c.assumeRoleArn ?? target.assumeRoleArn;
        const lambda = role ? await (clients.assumedLambda ?? defaultAssumed)(role) : clients.lambda();
        await sendToLambda(lambda, c.function, alert);
    },
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/komand.ts



/** JSON `{"url": "https://komand.example/v2/triggers/<id>/events", "komand_auth_token": "..."}` (StreamAlert's fields). */
function parseKomandSecret(value) {
    const obj = credentialObject(value, '{"url": ..., "komand_auth_token": ...}');
    return {
        url: baseUrl(obj, 'url', undefined, 'Komand URL'),
        token: requiredString(obj, 'komand_auth_token'),
    };
}
async function sendToKomand(credential, alert) {
    await httpJson(credential.url, {
        method: 'POST',
        headers: { authorization: credential.token },
        body: { data: alert },
        redact: [credential.token, credential.url],
    }, 'trigger');
}
/** The `komand` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const komandOutput = credentialOutput({
    service: 'komand',
    doc: {
        credential: '`{"url": "https://komand.example/v2/triggers/<id>/events", "komand_auth_token": "..."}`',
        sends: '`POST` to the url with `Authorization: <token>`: `{data: <alert>}`',
    },
    parse: parseKomandSecret,
    send: (credential, { alert }) => sendToKomand(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/pagerduty-incident.ts




const PAGERDUTY_API_URL = 'https://api.pagerduty.com';
/**
 * StreamAlert's fields: token, email_from, service_id or service_name, escalation_policy_id
 * or escalation_policy, api (default https://api.pagerduty.com). Its integration_key is
 * accepted and not needed (the incident is created through the REST API).
 */
function parsePagerDutyIncidentSecret(value) {
    const obj = credentialObject(value, '{"token": ..., "email_from": ..., "service_id": ...}');
    const c = {
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
        throw new PermanentError('secret JSON has neither "escalation_policy_id" nor "escalation_policy"');
    return c;
}
class Client {
    c;
    constructor(c) {
        this.c = c;
    }
    /** REST API v2 headers; `From` (a valid user's e-mail) is required on writes, and must be left out when looking that user up. */
    headers(withFrom) {
        return {
            accept: 'application/vnd.pagerduty+json;version=2',
            authorization: `Token token=${this.c.token}`,
            ...(withFrom ? { from: this.c.emailFrom } : {}),
        };
    }
    async get(path, query, step, withFrom = true) {
        const url = new URL(`${this.c.api}${path}`);
        for (const [k, v] of Object.entries(query))
            url.searchParams.set(k, v);
        const { json } = await httpJson(url, { method: 'GET', headers: this.headers(withFrom), redact: [this.c.token] }, step);
        if (!json || typeof json !== 'object')
            throw new Error(`${step}: unexpected response`);
        return json;
    }
    async post(path, body, step) {
        const { json } = await httpJson(`${this.c.api}${path}`, { method: 'POST', headers: this.headers(true), body, redact: [this.c.token] }, step);
        return (json ?? {});
    }
    /** The first listed item whose `field` equals `value` exactly (`query` is a fuzzy search). */
    async find(path, listKey, value, field, step, withFrom = true) {
        const res = await this.get(path, { query: value }, step, withFrom);
        const list = res[listKey];
        if (!Array.isArray(list))
            throw new Error(`${step}: unexpected response`);
        return list.find((x) => typeof x[field] === 'string' && x[field].toLowerCase() === value.toLowerCase());
    }
}
/** The incident key: the descriptor and the alert id, so each output's incident is its own. */
const incidentKey = (descriptor, alert) => `${descriptor}:${alert.id}`;
function incidentBody(alert) {
    const context = alertContext(alert);
    return cut([
        alert.rule_description,
        `Record:\n${prettyJson(alert.record)}`,
        ...(context ? [`Context:\n${prettyJson(context)}`] : []),
    ].join('\n\n'), 
    // PagerDuty caps an incident body's details at 64 KiB.
    65_000);
}
async function sendToPagerDutyIncident(credential, alert, descriptor) {
    const client = new Client(credential);
    const ctx = serviceContext(alert, 'pagerduty-incident');
    const str = (k) => typeof ctx[k] === 'string' && ctx[k] !== '' ? ctx[k] : undefined;
    // 1. The sender must be a PagerDuty user: every write names it in From.
    const sender = await client.find('/users', 'users', credential.emailFrom, 'email', 'user lookup', false);
    if (!sender)
        throw new PermanentError(`user lookup: no PagerDuty user has the "email_from" address`);
    // 2. The service and the escalation policy, by id or found by name.
    let serviceId = credential.serviceId;
    if (!serviceId) {
        const service = await client.find('/services', 'services', credential.serviceName, 'name', 'service lookup');
        if (typeof service?.id !== 'string')
            throw new PermanentError(`service lookup: no PagerDuty service is named "${credential.serviceName}"`);
        serviceId = service.id;
    }
    const assignments = [];
    const assignedUser = str('assigned_user');
    if (assignedUser) {
        const user = await client.find('/users', 'users', assignedUser, 'email', 'assignee lookup');
        // As StreamAlert: an unknown assignee falls back to the escalation policy.
        if (typeof user?.id === 'string')
            assignments.push({ assignee: { id: user.id, type: 'user_reference' } });
    }
    let policyId = str('assigned_policy_id') ?? credential.escalationPolicyId;
    if (assignments.length === 0 && !policyId) {
        const policy = await client.find('/escalation_policies', 'escalation_policies', credential.escalationPolicy, 'name', 'escalation policy lookup');
        if (typeof policy?.id !== 'string')
            throw new PermanentError(`escalation policy lookup: no PagerDuty escalation policy is named "${credential.escalationPolicy}"`);
        policyId = policy.id;
    }
    let priority;
    const priorityName = str('incident_priority');
    if (priorityName) {
        const res = await client.get('/priorities', {}, 'priority lookup');
        const found = Array.isArray(res.priorities)
            ? res.priorities.find((p) => p.name === priorityName)
            : undefined;
        if (typeof found?.id === 'string')
            priority = { id: found.id, type: 'priority_reference' };
    }
    const urgency = str('urgency');
    // 3. The incident: reused when a previous attempt already created it.
    const key = incidentKey(descriptor, alert);
    const existing = await client.get('/incidents', { incident_key: key }, 'incident lookup');
    const found = Array.isArray(existing.incidents) ? existing.incidents[0] : undefined;
    let incidentId = typeof found?.id === 'string' ? found.id : undefined;
    const note = str('note') ??
        `StreamAlert rule ${alert.rule_name} triggered (alert ${alert.id}): ${alert.rule_description}`;
    if (incidentId === undefined) {
        const created = await client.post('/incidents', {
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
        }, 'incident create');
        const incident = created.incident;
        if (typeof incident?.id !== 'string')
            throw new Error('incident create: response has no incident id');
        incidentId = incident.id;
    }
    else {
        // A retry: add the note only if the earlier attempt did not get to it.
        const notes = await client.get(`/incidents/${encodeURIComponent(incidentId)}/notes`, {}, 'note lookup');
        if (Array.isArray(notes.notes) && notes.notes.some((n) => n.content === note))
            return;
    }
    // 4. The note.
    await client.post(`/incidents/${encodeURIComponent(incidentId)}/notes`, { note: { content: note } }, 'note create');
}
/** The `pagerduty-incident` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const pagerdutyIncidentOutput = credentialOutput({
    service: 'pagerduty-incident',
    doc: {
        credential: '`{"token": "...", "email_from": "<PagerDuty user>", "service_id" or "service_name": ..., "escalation_policy_id" or "escalation_policy": ..., "api": "https://api.pagerduty.com"}` (`api` optional; `integration_key` accepted, unused)',
        sends: 'REST API v2, `Authorization: Token token=...`: `GET /users?query=<email_from>` (the sender must exist), `GET /services?query=` / `GET /escalation_policies?query=` when given by name, `GET /incidents?incident_key=<descriptor>:<alert id>` (reused on a retry), else `POST /incidents` (`From: <email_from>`) `{incident: {type, title: "StreamAlert Incident - Rule triggered: <rule>", service, incident_key, body: {details: description, record, context}, escalation_policy or assignments, priority?, urgency?}}`, then `POST /incidents/<id>/notes`; context `pagerduty-incident`: `assigned_user`, `assigned_policy_id`, `incident_priority`, `urgency`, `note`',
    },
    parse: parsePagerDutyIncidentSecret,
    send: (credential, { alert }, target) => sendToPagerDutyIncident(credential, alert, target.descriptor),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/pagerduty.ts



const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
const PAGERDUTY_EVENTS_V1_URL = 'https://events.pagerduty.com/generic/2010-04-15/create_event.json';
function secretFields(value) {
    try {
        return secretObject(value);
    }
    catch (err) {
        throw new PermanentError(err.message);
    }
}
function checkedPagerDutyUrl(obj, fallback) {
    if (obj.url !== undefined && typeof obj.url !== 'string')
        throw new PermanentError('secret JSON "url" is not a string');
    const url = obj.url || fallback;
    try {
        checkedUrl(url, 'PagerDuty URL');
    }
    catch (err) {
        throw new PermanentError(err.message);
    }
    return url;
}
/**
 * `pagerduty`: JSON `{"service_key": ..., "url"?: ...}` (StreamAlert's fields; Events API
 * v1), or what this output took before it spoke v1 and still sends to Events API v2:
 * `{"routing_key": ..., "url"?: ...}` or the bare routing key (StreamAlert never stored one).
 */
function parsePagerDutySecret(value) {
    const obj = secretFields(value);
    if (!obj)
        return parsePagerDutyV2Secret(value);
    const v2 = (obj.routing_key !== undefined && obj.service_key === undefined) ||
        (typeof obj.url === 'string' && /\/v2\/enqueue\/?$/.test(obj.url));
    const key = obj.service_key ?? obj.routing_key;
    if (typeof key !== 'string' || key === '')
        throw new PermanentError('secret JSON has no "routing_key" (or "service_key") string');
    return v2
        ? { url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_URL), routingKey: key, api: 'v2' }
        : { url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_V1_URL), routingKey: key, api: 'v1' };
}
/** `pagerduty-v2`: JSON `{"routing_key": ..., "url"?: ...}` (StreamAlert's fields), or the bare routing key. */
function parsePagerDutyV2Secret(value) {
    const obj = secretFields(value);
    if (!obj) {
        const key = value.trim();
        if (!/^\S+$/.test(key))
            throw new PermanentError('secret is neither JSON nor a bare routing key');
        return { url: PAGERDUTY_EVENTS_URL, routingKey: key, api: 'v2' };
    }
    if (typeof obj.routing_key !== 'string' || obj.routing_key === '')
        throw new PermanentError('secret JSON has no "routing_key" string');
    return {
        url: checkedPagerDutyUrl(obj, PAGERDUTY_EVENTS_URL),
        routingKey: obj.routing_key,
        api: 'v2',
    };
}
const summaryOf = (alert) => `StreamAlert Rule Triggered - ${alert.rule_name}`.slice(0, 1024);
/** The Events API v2 body (the summary is limited to 1024 characters by PagerDuty). */
function pagerDutyEvent(alert, routingKey, dedupKey = alert.id) {
    const context = alertContext(alert);
    return {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: {
            summary: summaryOf(alert),
            source: alert.log_source || alert.source_entity || 'streamalert',
            severity: 'critical',
            custom_details: {
                rule_description: alert.rule_description,
                record: alert.record,
                ...(context ? { context } : {}),
            },
        },
    };
}
/** The Events API v1 trigger, as StreamAlert's pagerduty output sent it, plus an incident key for deduplication. */
function pagerDutyV1Event(alert, serviceKey) {
    const context = alertContext(alert);
    return {
        service_key: serviceKey,
        event_type: 'trigger',
        incident_key: alert.id,
        description: summaryOf(alert),
        details: {
            description: alert.rule_description,
            record: alert.record,
            ...(context ? { context } : {}),
        },
        client: 'streamalert',
    };
}
/** `dedupKey` for v2: StreamAlert v3 namespaced it by descriptor (`<descriptor>:<alert id>`). */
async function sendToPagerDuty(credential, alert, dedupKey) {
    await httpJson(credential.url, {
        method: 'POST',
        body: credential.api === 'v1'
            ? pagerDutyV1Event(alert, credential.routingKey)
            : pagerDutyEvent(alert, credential.routingKey, dedupKey),
        // Events API v1 answers 403 when it throttles; PagerDuty says to retry it.
        retryStatuses: credential.api === 'v1' ? [403] : [],
        redact: [credential.routingKey],
    });
}
/** The `pagerduty` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const pagerdutyOutput = credentialOutput({
    service: 'pagerduty',
    doc: {
        credential: '`{"service_key": "...", "url": "https://events.pagerduty.com/generic/2010-04-15/create_event.json"}` (`url` optional)',
        sends: 'Events API v1, as StreamAlert: `{service_key, event_type: "trigger", incident_key: <alert id>, description: "StreamAlert Rule Triggered - <rule>", details: {description, record, context}, client: "streamalert"}`; a credential with a v2 `routing_key` (or a `/v2/enqueue` url, or a bare key) instead gets the `pagerduty-v2` event with `dedup_key: <alert id>`',
    },
    parse: parsePagerDutySecret,
    send: (credential, { alert }) => sendToPagerDuty(credential, alert),
});
/** The `pagerduty-v2` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const pagerdutyV2Output = credentialOutput({
    service: 'pagerduty-v2',
    doc: {
        credential: '`{"routing_key": "...", "url": "https://events.pagerduty.com/v2/enqueue"}` (`url` optional)',
        sends: 'Events API v2: `{routing_key, event_action: "trigger", dedup_key: "<descriptor>:<alert id>", payload: {summary: "StreamAlert Rule Triggered - <rule>", source: <log source>, severity: "critical", custom_details: {rule_description, record, context}}}`',
    },
    parse: parsePagerDutyV2Secret,
    send: (credential, { alert }, target) => sendToPagerDuty(credential, alert, `${target.descriptor}:${alert.id}`),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/phantom.ts


/** JSON `{"url": "https://phantom.example", "ph_auth_token": "..."}`, as StreamAlert stored it. */
function parsePhantomSecret(value) {
    const obj = secretObject(value);
    if (!obj)
        throw new Error('secret is not JSON {"url": ..., "ph_auth_token": ...}');
    if (typeof obj.url !== 'string')
        throw new Error('secret JSON has no "url" string');
    if (typeof obj.ph_auth_token !== 'string' || obj.ph_auth_token === '')
        throw new Error('secret JSON has no "ph_auth_token" string');
    checkedUrl(obj.url, 'Phantom URL');
    return { url: obj.url.replace(/\/+$/, ''), token: obj.ph_auth_token };
}
function idOf(value) {
    return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
        ? Number(value)
        : undefined;
}
/** The id of the rule's existing container, if there is one. */
async function findContainer(credential, headers, ruleName) {
    const url = new URL(`${credential.url}/rest/container`);
    url.searchParams.set('_filter_name', JSON.stringify(ruleName));
    url.searchParams.set('page_size', '1');
    const { json } = await httpJson(url, { method: 'GET', headers, redact: [credential.token] }, 'container lookup');
    const found = json;
    if (!found || typeof found !== 'object' || !Array.isArray(found.data))
        throw new Error('container lookup: unexpected response');
    return found.data.length > 0 ? idOf(found.data[0]?.id) : undefined;
}
async function sendToPhantom(credential, alert) {
    const headers = { 'ph-auth-token': credential.token };
    let containerId = await findContainer(credential, headers, alert.rule_name);
    if (containerId === undefined) {
        const { json } = await httpJson(`${credential.url}/rest/container`, {
            method: 'POST',
            headers,
            body: { name: alert.rule_name, description: alert.rule_description },
            redact: [credential.token],
        }, 'container create');
        const created = (json ?? {});
        containerId = idOf(created.id) ?? idOf(created.existing_container_id);
        if (containerId === undefined)
            throw new Error('container create: response has no container id');
    }
    await httpJson(`${credential.url}/rest/artifact`, {
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
    }, 'artifact create');
}
/** The `phantom` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const phantomOutput = credentialOutput({
    service: 'phantom',
    doc: {
        credential: '`{"url": "https://phantom.example", "ph_auth_token": "..."}`',
        sends: 'header `ph-auth-token`; `GET /rest/container?_filter_name="<rule>"&page_size=1` reuses the rule\'s container, else `POST /rest/container` `{name: <rule>, description}`; then `POST /rest/artifact` `{cef: <record>, container_id, data: <alert>, name: "Phantom Artifact", label: "Alert"}`',
    },
    parse: parsePhantomSecret,
    send: (credential, { alert }) => sendToPhantom(credential, alert),
});

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/ses.ts
/**
 * aws-ses: one email per alert through SendRawEmail, as StreamAlert sent it: subject
 * "<rule> triggered alert <id>", a short text body (the rule's description, where the
 * record came from and the rule's context) and the record attached as record.json (keys
 * sorted, as StreamAlert). The sender and recipients are
 * the credential (StreamAlert's `from_email` and `to_emails`); the SES identity that may
 * send is named in outputs.json, so the IAM grant is that identity's ARN alone.
 */





const ADDRESS = /^[^\s@<>",;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
/** The identity of StreamAlert's list form: any verified identity of the account and region. */
const ANY_IDENTITY = '*';
/** SES takes at most 50 recipients per message. */
const MAX_RECIPIENTS = 50;
/**
 * JSON `{"from_email": "...", "to_emails": "a@x, b@y"}` (StreamAlert's comma-separated
 * string) or with `to_emails` as a list. Messages name the field, never its value.
 */
function parseSesSecret(value) {
    const obj = secretObject(value);
    if (!obj)
        throw new Error('secret is not a JSON object with from_email and to_emails');
    const from = typeof obj.from_email === 'string' ? obj.from_email.trim() : undefined;
    if (!from || !ADDRESS.test(from))
        throw new Error('secret JSON "from_email" is not an email address');
    const raw = obj.to_emails;
    const list = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : undefined;
    if (!list || !list.every((t) => typeof t === 'string'))
        throw new Error('secret JSON "to_emails" is neither a comma-separated string nor a list');
    const to = list.map((t) => t.trim()).filter((t) => t !== '');
    if (to.length === 0)
        throw new Error('secret JSON "to_emails" names no recipient');
    if (to.length > MAX_RECIPIENTS)
        throw new Error(`secret JSON "to_emails" names ${to.length} recipients; SES takes ${MAX_RECIPIENTS}`);
    to.forEach((t, i) => {
        if (!ADDRESS.test(t))
            throw new Error(`secret JSON "to_emails" entry ${i + 1} is not an email address`);
    });
    return { from, to };
}
/**
 * The grant covers one identity: an address, or a domain (its addresses and subdomains').
 * Checked before sending so a mismatch says so instead of SES's bare AccessDenied.
 */
function identityCovers(identity, from) {
    // StreamAlert's list form names no identity: the grant covers every identity of the account.
    if (identity === ANY_IDENTITY)
        return true;
    const id = identity.toLowerCase();
    const address = from.toLowerCase();
    if (id.includes('@'))
        return address === id;
    const domain = address.slice(address.lastIndexOf('@') + 1);
    return domain === id || domain.endsWith(`.${id}`);
}
/** RFC 2047 encoded-word for non-ASCII header text. */
function headerText(text) {
    const clean = text.replace(/[\r\n]+/g, ' ');
    return /^[\x20-\x7e]*$/.test(clean)
        ? clean
        : `=?UTF-8?B?${Buffer.from(clean, 'utf8').toString('base64')}?=`;
}
function base64Lines(data) {
    return (Buffer.from(data, 'utf8')
        .toString('base64')
        .match(/.{1,76}/g) ?? []).join('\r\n');
}
function sesSubject(alert) {
    return `${alert.rule_name} triggered alert ${alert.id}`;
}
/** The MIME message: text body plus record.json, CRLF line ends as SMTP wants. */
function rawEmail(alert, cred, boundary) {
    const context = alertContext(alert);
    const body = [
        alert.rule_description || `Rule ${alert.rule_name} raised an alert.`,
        '',
        `Rule: ${alert.rule_name}`,
        `Log: ${alert.log_source} (from ${alert.source_service} ${alert.source_entity})`,
        `Alert id: ${alert.id}`,
        ...(context ? ['', 'Context:', prettyJson(context)] : []),
        '',
        'Please review the attached record.json.',
    ].join('\n');
    return [
        `From: ${cred.from}`,
        `To: ${cred.to.join(', ')}`,
        `Subject: ${headerText(sesSubject(alert))}`,
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(body),
        `--${boundary}`,
        'Content-Type: application/json; name="record.json"',
        'Content-Disposition: attachment; filename="record.json"',
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(prettyJson(alert.record)),
        `--${boundary}--`,
        '',
    ].join('\r\n');
}
async function sendToSes(ses, identity, cred, alert) {
    if (!identityCovers(identity, cred.from))
        throw new PermanentError(`from_email is not covered by the SES identity ${identity} that outputs.json names (and IAM grants)`);
    const { SendRawEmailCommand } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 395, 23));
    const boundary = `streamalert-${(0,external_node_crypto_namespaceObject.randomBytes)(12).toString('hex')}`;
    // No Destinations: SES then takes the recipients from the To header, the one list the
    // message carries (given both, emulators count each recipient twice).
    await ses.send(new SendRawEmailCommand({
        Source: cred.from,
        RawMessage: { Data: Buffer.from(rawEmail(alert, cred, boundary)) },
    }));
}
/* The value passed the schema below. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * The `aws-ses` output: descriptor → the SES identity allowed to send (the IAM grant names
 * it) and, optionally, where the credential (from_email, to_emails) lives; without one it is
 * StreamAlert's SSM parameter /streamalert/outputs/aws-ses/<descriptor>. StreamAlert 3's bare
 * list names no identity: the grant then covers every SES identity of the account and region
 * (StreamAlert 3 granted `*`), and the sender is the credential's from_email.
 */
const sesOutput = {
    service: 'aws-ses',
    kind: 'aws',
    schema: {
        allOf: [
            {
                not: { type: NOT_OBJECT_OR_ARRAY },
                'x-message': 'must be an object mapping each descriptor to {"identity": "<verified address or domain>"} (optionally with "ssm_parameter" or "secretsmanager_secret"), or StreamAlert\'s list of descriptors (any identity of the account may send)',
            },
            { uniqueItems: true },
        ],
        // Array keywords apply to the list form only, object keywords to the map form only.
        items: descriptorName,
        propertyNames: descriptorName,
        additionalProperties: {
            allOf: [
                {
                    not: { type: NOT_OBJECT },
                    'x-message': 'must be an object {"identity": "<verified address or domain>"}',
                },
                {
                    not: { required: ['ssm_parameter', 'secretsmanager_secret'] },
                    'x-message': 'must name at most one of ssm_parameter or secretsmanager_secret',
                },
            ],
            additionalProperties: false,
            required: ['identity'],
            properties: {
                identity: {
                    type: 'string',
                    maxLength: 320,
                    pattern: '^([^\\s@<>",;]+@)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$',
                    'x-message': 'must be an SES identity: an email address or a domain',
                },
                ssm_parameter: secretRefSchema.properties.ssm_parameter,
                secretsmanager_secret: secretRefSchema.properties.secretsmanager_secret,
            },
        },
    },
    toTarget: (descriptor, value) => ({
        service: 'aws-ses',
        descriptor,
        identity: value?.identity ?? ANY_IDENTITY,
        secret: secretRefOf('aws-ses', descriptor, value),
    }),
    grants: (t) => ({ sesIdentities: [t.identity] }),
    doc: {
        credential: '`{"from_email": "alerts@example.com", "to_emails": "a@example.com, b@example.com"}` (`to_emails` may be a list, at most 50) at `/streamalert/outputs/aws-ses/<descriptor>` unless the entry names `ssm_parameter` or `secretsmanager_secret`',
        sends: "`SendRawEmail`: subject `<rule> triggered alert <id>`, a text body (description, rule, log and source, alert id) and the record attached as `record.json`, as StreamAlert; `from_email` must be the entry's `identity` or an address of that domain (checked before sending)",
    },
    deliver: async (target, { clients, alert, credential }) => sendToSes(await awsClient(clients, 'ses'), target.identity, await credential(target.secret, parseSesSecret), alert),
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/sqs.ts



/** SQS refuses bodies over 256 KiB. */
const SQS_MAX_BODY_BYTES = 262_144;
const urls = new WeakMap();
function queueUrl(sqs, queue) {
    let known = urls.get(sqs);
    if (!known)
        urls.set(sqs, (known = new Map()));
    let url = known.get(queue);
    if (!url) {
        url = Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 15, 23)).then(async ({ GetQueueUrlCommand }) => {
            const res = await sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
            if (!res.QueueUrl)
                throw new Error(`GetQueueUrl gave no URL for queue ${queue}`);
            return res.QueueUrl;
        });
        known.set(queue, url);
        // A failed look-up is not kept: the retry asks again.
        const map = known;
        url.catch(() => map.delete(queue));
    }
    return url;
}
async function sendToSqs(sqs, queue, alert) {
    const body = JSON.stringify(alert);
    const bytes = Buffer.byteLength(body);
    if (bytes > SQS_MAX_BODY_BYTES)
        throw new PermanentError(`alert is ${bytes} bytes, over SQS's ${SQS_MAX_BODY_BYTES}-byte limit`);
    const [{ SendMessageCommand }, url] = await Promise.all([
        Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 15, 23)),
        queueUrl(sqs, queue),
    ]);
    // A FIFO queue needs a group; the alert id as deduplication id makes a retried delivery
    // (or a retried Lambda event) land once.
    const fifo = queue.endsWith('.fifo')
        ? { MessageGroupId: alert.rule_name, MessageDeduplicationId: alert.id }
        : {};
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body, ...fifo }));
}
/** The `aws-sqs` output: `SendMessage` of the alert to a queue. */
const sqsOutput = {
    service: 'aws-sqs',
    kind: 'aws',
    schema: awsMap('queue name', {
        type: 'string',
        pattern: '^(?=.{1,80}$)[A-Za-z0-9_-]+(\\.fifo)?$',
        'x-message': 'must be an SQS queue name (1-80 letters, digits, _ and -, optionally ending in .fifo), not a URL or ARN',
    }),
    toTarget: (descriptor, value) => ({ service: 'aws-sqs', descriptor, queue: value }),
    grants: (t) => ({ sqsQueues: [t.queue] }),
    doc: {
        credential: 'none (queue name; the URL is asked once with `GetQueueUrl`)',
        sends: '`SendMessage` with the alert as the body; a `.fifo` queue gets `MessageGroupId: <rule>` and `MessageDeduplicationId: <alert id>`, so a retried event lands once; over 256 KiB fails at once',
    },
    deliver: async (target, { clients, alert }) => sendToSqs(await awsClient(clients, 'sqs'), target.queue, alert),
};

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/webhook.ts



/** The secret is the URL itself, or JSON `{"url": ..., "headers": {...}}` for hooks that need a key header. */
function parseWebhookSecret(value) {
    const text = value.trim();
    let url = text;
    let headers = {};
    if (text.startsWith('{')) {
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw new Error('secret looks like JSON but does not parse');
        }
        if (typeof parsed.url !== 'string')
            throw new Error('secret JSON has no "url" string');
        url = parsed.url;
        if (parsed.headers && typeof parsed.headers === 'object')
            headers = parsed.headers;
    }
    checkedUrl(url, 'webhook URL');
    return { url, headers };
}
const SLACK_TEXT_LIMIT = 3500;
/**
 * Text from a feed, a table or a record inside a Slack code block: Slack's three escapes
 * (so `<!channel>` or `<https://x|click>` stays text) and no ``` that would end the block.
 */
function slackCode(text) {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `\`\`\`${escaped.replace(/```/g, '`\u200b``')}\`\`\``;
}
/** The context attachment: what the alert was matched with, cut to one attachment's text. */
function contextAttachment(alert) {
    const context = alertContext(alert);
    if (!context)
        return [];
    const json = prettyJson(context);
    const note = '\n... (cut; the whole context is in the alert)';
    const text = json.length <= SLACK_TEXT_LIMIT ? json : `${json.slice(0, SLACK_TEXT_LIMIT)}${note}`;
    const title = [
        context.threat_intel ? 'threat intel' : '',
        context.lookup_tables ? 'lookup tables' : '',
    ].filter((t) => t !== '');
    return [
        {
            fallback: 'Context',
            color: '#b22222',
            title: title.length > 0 ? `Context (matched with ${title.join(' and ')})` : 'Context',
            text: slackCode(text),
            mrkdwn_in: ['text'],
        },
    ];
}
/**
 * A Slack incoming-webhook message: title, description, the record as JSON split into
 * attachments, then the context (threat-intel matches, lookup rows, the rule's own).
 */
function slackMessage(alert) {
    const record = JSON.stringify(alert.record, null, 2);
    const parts = [];
    // Nine record parts at most: with the context, Slack's limit of 10 attachments holds.
    for (let i = 0; i < record.length && parts.length < 9; i += SLACK_TEXT_LIMIT)
        parts.push(record.slice(i, i + SLACK_TEXT_LIMIT));
    return {
        text: `*StreamAlert rule triggered: ${alert.rule_name}*`,
        mrkdwn: true,
        attachments: [
            ...parts.map((part, i) => ({
                fallback: `StreamAlert rule triggered: ${alert.rule_name}`,
                color: '#b22222',
                pretext: i === 0
                    ? `*Rule description:*\n${alert.rule_description}\n*Log:* ${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})`
                    : undefined,
                title: parts.length > 1 ? `Record (part ${i + 1} of ${parts.length})` : 'Record',
                text: `\`\`\`${part}\`\`\``,
                mrkdwn_in: ['text', 'pretext'],
            })),
            ...contextAttachment(alert),
        ],
    };
}
async function postJson(secret, body, timeoutMs = 10_000) {
    await httpJson(secret.url, {
        method: 'POST',
        headers: secret.headers,
        body,
        timeoutMs,
        // The URL (and any key header) is the credential: a service echoing it must not leak it.
        redact: [secret.url, ...Object.values(secret.headers)],
    });
}
/** The `slack` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const slackOutput = credentialOutput({
    service: 'slack',
    doc: {
        credential: '`{"url": "https://hooks.slack.com/..."}`',
        sends: 'incoming-webhook message: rule, description, the record, the context (threat-intel matches, lookup rows)',
    },
    parse: parseWebhookSecret,
    send: (credential, { alert }) => postJson(credential, slackMessage(alert)),
});
/** The `webhook` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const webhookOutput = credentialOutput({
    service: 'webhook',
    doc: {
        credential: '`{"url": "https://...", "headers": {...}}` (headers optional)',
        sends: '`POST` of the alert as JSON',
    },
    parse: parseWebhookSecret,
    send: (credential, { alert }) => postJson(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/teams.ts




/** JSON `{"url": "<incoming webhook URL>"}` (StreamAlert's field), or the bare URL. */
function parseTeamsSecret(value) {
    try {
        return { url: parseWebhookSecret(value).url };
    }
    catch (err) {
        throw new PermanentError(err.message.replace('webhook URL', 'Teams webhook URL'));
    }
}
/** A fact's value is Markdown text; nested values are shown as JSON. */
const factValue = (v) => typeof v === 'string' ? v : (JSON.stringify(v) ?? 'null');
/** A MessageCard (the format incoming webhooks take): red theme, facts for the record and the context. */
function teamsCard(alert) {
    const context = alertContext(alert);
    const title = `StreamAlert Rule Triggered: ${alert.rule_name}`;
    return {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        summary: title,
        themeColor: 'E81123',
        title,
        text: alert.rule_description || title,
        sections: [
            {
                activityTitle: 'StreamAlert Alert Record',
                activitySubtitle: `${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})`,
                facts: Object.entries(alert.record).map(([name, v]) => ({ name, value: factValue(v) })),
            },
            ...(context
                ? [
                    {
                        activityTitle: 'Context',
                        facts: Object.entries(context).map(([name, v]) => ({ name, value: factValue(v) })),
                    },
                ]
                : []),
        ],
    };
}
async function sendToTeams(credential, alert) {
    const { text } = await httpJson(credential.url, {
        method: 'POST',
        body: teamsCard(alert),
        redact: [credential.url],
    });
    // Office 365 connector webhooks answer "1" on success, and some failures (such as their
    // own throttling) with 200 and the error as text; Workflows webhooks answer 202 and no body.
    const answer = text.trim().split(credential.url).join('***');
    if (answer !== '' && answer !== '1') {
        const throttled = /\b429\b/.test(answer);
        throw new HttpError(`Teams did not accept the card (${answer.slice(0, 200).replace(/\s+/g, ' ')})`, 200, throttled);
    }
}
/** The `teams` output: its conf/outputs.json form, credential and delivery (see descriptor.ts). */
const teamsOutput = credentialOutput({
    service: 'teams',
    doc: {
        credential: '`{"url": "<incoming webhook URL>"}`',
        sends: '`POST` of a MessageCard: title "StreamAlert Rule Triggered: <rule>", text = description, facts = the record\'s fields and the context',
    },
    parse: parseTeamsSecret,
    send: (credential, { alert }) => sendToTeams(credential, alert),
});

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/all.ts
/**
 * Every alert output's descriptor (see descriptor.ts), the one list the rest derives from:
 * the conf/outputs.json schema and conversion, the dispatch, the IAM grants and the
 * catalogue of docs/outputs.md. A new output is its file plus one line here (the bundles
 * need static imports). The order is that of the schema's properties and of the catalogue.
 */
















const OUTPUTS = [
    s3Output,
    snsOutput,
    lambdaOutput,
    lambdaV2Output,
    firehoseOutput,
    sqsOutput,
    cloudwatchLogOutput,
    sesOutput,
    slackOutput,
    webhookOutput,
    pagerdutyOutput,
    phantomOutput,
    pagerdutyV2Output,
    pagerdutyIncidentOutput,
    githubOutput,
    jiraOutput,
    teamsOutput,
    carbonblackOutput,
    demistoOutput,
    komandOutput,
];
/** Every service name, in the list's order. */
const OUTPUT_SERVICES = OUTPUTS.map((o) => o.service);
const BY_SERVICE = new Map(OUTPUTS.map((o) => [o.service, o]));
/** The descriptor of a service name, or undefined for a name no output has. */
function outputDescriptor(service) {
    return BY_SERVICE.get(service);
}

;// CONCATENATED MODULE: ./src/processors/config/output-keys.ts
/**
 * The `<service>:<descriptor>` keys of conf/outputs.json (already validated), without the
 * output descriptors: the rule processor checks the outputs a rule names against them and
 * must not bundle the alert outputs' code (outputs-convert.ts imports every descriptor).
 */
/** `[descriptor, value]` of one service: StreamAlert's list form has descriptors only (value undefined). */
function entriesOf(value) {
    return Array.isArray(value)
        ? value.map((d) => [d, undefined])
        : Object.entries(value);
}
function outputKeys(raw) {
    const keys = new Set();
    for (const [service, value] of Object.entries((raw ?? {})))
        for (const [descriptor] of entriesOf(value))
            keys.add(`${service}:${descriptor}`);
    return keys;
}

;// CONCATENATED MODULE: ./src/processors/config/outputs-convert.ts
/**
 * conf/outputs.json (already validated) → the typed outputs the alert processor and the IAM
 * rendering use: each service's entries through its descriptor's `toTarget` (outputs/all.ts).
 */



function toOutputs(raw) {
    const out = new Map();
    for (const [service, value] of Object.entries((raw ?? {}))) {
        const output = outputDescriptor(service);
        if (!output)
            continue; // the schema refuses unknown services
        for (const [descriptor, v] of entriesOf(value))
            out.set(`${service}:${descriptor}`, output.toTarget(descriptor, v));
    }
    return out;
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

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = require("node:url");
;// CONCATENATED MODULE: ./src/processors/shared/package-dir.ts
/**
 * The folder the processor runs from (/var/task in Lambda): conf/ and rules/ sit next to
 * the bundle. ncc turns import.meta.url into the CommonJS bundle's own file URL.
 */


function packageDir() {
    return process.env.STREAMALERT_PACKAGE_DIR ?? external_node_path_default().dirname((0,external_node_url_namespaceObject.fileURLToPath)(require("url").pathToFileURL(__filename).href));
}
/** S3 needs path-style addressing behind a custom endpoint (moto, LocalStack). */
function s3ClientOptions() {
    return process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3
        ? { forcePathStyle: true }
        : {};
}

;// CONCATENATED MODULE: ./src/processors/shared/alert.ts
const KEYS = [
    'id',
    'rule_name',
    'rule_description',
    'log_source',
    'log_type',
    'source_service',
    'source_entity',
    'outputs',
    'record',
];
/** Checks a message claims to be an alert before the alert processor acts on it. */
function isAlert(v) {
    if (typeof v !== 'object' || v === null || Array.isArray(v))
        return false;
    const a = v;
    return (KEYS.every((k) => k in a) &&
        typeof a.rule_name === 'string' &&
        typeof a.id === 'string' &&
        Array.isArray(a.outputs) &&
        a.outputs.every((o) => typeof o === 'string') &&
        typeof a.record === 'object' &&
        a.record !== null);
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/index.ts

const DELIVERERS = Object.fromEntries(OUTPUTS.map((o) => [o.service, o.deliver]));

;// CONCATENATED MODULE: ./src/processors/alert-processor/registry.ts
/** Looks up and calls the target's deliverer (the cast is safe: the table is keyed by the target's own service). */
function deliverTo(registry, target, ctx) {
    const deliver = registry[target.service];
    return deliver(target, ctx);
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/retry.ts
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 200, maxDelayMs: 30_000 };
function hintOf(err) {
    return typeof err === 'object' && err !== null ? err : {};
}
async function withRetries(policy, fn, onError) {
    const sleep = policy.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    const maxDelay = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
    let last;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            last = err;
            onError?.(err, attempt);
            const hint = hintOf(err);
            if (hint.retryable === false || attempt >= policy.attempts)
                break;
            const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
            if (hint.retryAfterMs !== undefined && hint.retryAfterMs > maxDelay)
                break;
            await sleep(Math.min(Math.max(backoff, hint.retryAfterMs ?? 0), maxDelay));
        }
    }
    throw last;
}

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
                .send(new client_ssm_namespaceObject.GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: true }));
            const value = res.Parameter?.Value;
            if (!value)
                throw new Error(`${describeRef(ref)} has no value`);
            return value;
        }
        const res = await clients
            .secretsManager()
            .send(new client_secrets_manager_namespaceObject.GetSecretValueCommand({ SecretId: ref.secretsManagerSecret }));
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

;// CONCATENATED MODULE: ./src/processors/alert-processor/staging.ts
/**
 * The staging destination of staged rules (`staged: true`): their alerts are written here
 * instead of to their outputs, so a new rule can be watched before it pages anyone.
 * One S3 object per alert under `staging/<rule>/dt=YYYY-MM-DD/<alert id>.json` — daily
 * partitions because `promote` counts per rule and day by listing them — and one log
 * line per alert that the stream_alert module's metric filter turns into the per-rule
 * CloudWatch metric StagedAlerts (dimension RuleName): no PutMetricData call, no IAM.
 */


/** The metric the staging log line feeds (modules/stream_alert/staging.tf). */
const STAGED_ALERTS_METRIC = 'StagedAlerts';
function stagingKey(alert, now) {
    return `staging/${alert.rule_name}/dt=${now.toISOString().slice(0, 10)}/${alert.id}.json`;
}
/** Writes one staged alert; throws when S3 fails (the caller retries) or the bucket is not set (no retry helps). */
async function sendToStaging(s3, bucket, alert, now, logger) {
    if (!bucket)
        throw new PermanentError(`rule "${alert.rule_name}" is staged but this cluster has no staging bucket (STAGING_BUCKET): enable modules.kinesis.firehose, whose data bucket holds staging/`);
    await s3.send(new client_s3_namespaceObject.PutObjectCommand({
        Bucket: bucket,
        Key: stagingKey(alert, now),
        Body: JSON.stringify(alert),
        ContentType: 'application/json',
    }));
    // Written whatever ENABLE_METRICS says: the metric is part of the staging destination.
    logger.info('staged alert recorded', {
        metric_name: STAGED_ALERTS_METRIC,
        metric_value: 1,
        rule_name: alert.rule_name,
        alert_id: alert.id,
    });
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/processor.ts







/** Region and account from `arn:aws:lambda:<region>:<account>:function:<name>[:alias]`. */
function identityFromArn(arn) {
    const parts = arn?.split(':') ?? [];
    if (parts.length < 7 || parts[0] !== 'arn')
        return undefined;
    return { partition: parts[1], region: parts[3], account: parts[4], functionName: parts[6] };
}
/** The alerts in an event: SNS messages from the rule processor, or one alert invoked directly. */
function alertsOf(event, logger) {
    if (isAlert(event))
        return { alerts: [event], rejected: 0 };
    const alerts = [];
    let rejected = 0;
    for (const record of event?.Records ?? []) {
        const message = record.Sns?.Message;
        let parsed;
        try {
            parsed = message === undefined ? undefined : JSON.parse(message);
        }
        catch {
            parsed = undefined;
        }
        if (isAlert(parsed))
            alerts.push(parsed);
        else {
            // Retrying cannot fix a message that is not an alert: log it and go on.
            rejected++;
            logger.error('message is not a StreamAlert alert; skipped', {
                message_id: record.Sns?.MessageId,
                sample: (message ?? '').slice(0, 300),
            });
        }
    }
    return { alerts, rejected };
}
function createAlertProcessor(deps) {
    const { outputs, clients, secrets, logger } = deps;
    const retry = deps.retry ?? DEFAULT_RETRY;
    const now = deps.now ?? (() => new Date());
    const deliverers = deps.deliverers ?? DELIVERERS;
    /** The output's credential, read (and cached) from SSM or Secrets Manager; errors name where it lives, never what it holds. */
    async function credential(ref, parse) {
        let value;
        try {
            value = await secrets.get(ref);
        }
        catch (err) {
            throw new Error(`${describeRef(ref)}: ${err.message}`, { cause: err });
        }
        try {
            return parse(value);
        }
        catch (err) {
            // A credential that lacks what the service needs stays wrong until someone fixes it: no retry.
            throw new PermanentError(`${describeRef(ref)}: ${err.message}`, { cause: err });
        }
    }
    async function deliver(alert, output, identity) {
        const base = { alert_id: alert.id, rule_name: alert.rule_name, output };
        const target = outputs.get(output);
        if (!target)
            return {
                ...base,
                ok: false,
                attempts: 0,
                error: `output "${output}" is not in conf/outputs.json`,
            };
        const ctx = { alert, identity, clients, credential, now, logger };
        let attempts = 0;
        try {
            await withRetries(retry, (attempt) => {
                attempts = attempt;
                return deliverTo(deliverers, target, ctx);
            }, (err, attempt) => logger.warn('output attempt failed', { ...base, attempt, error: err.message }));
            return { ...base, ok: true, attempts };
        }
        catch (err) {
            return { ...base, ok: false, attempts, error: err.message };
        }
    }
    /** The staging destination as one more delivery, with the same retries and reporting. */
    async function stage(alert) {
        const base = { alert_id: alert.id, rule_name: alert.rule_name, output: 'staging' };
        let attempts = 0;
        try {
            await withRetries(retry, (attempt) => {
                attempts = attempt;
                return sendToStaging(clients.s3(), deps.stagingBucket, alert, now(), logger);
            }, (err, attempt) => logger.warn('staging attempt failed', {
                ...base,
                attempt,
                error: err.message,
            }));
            return { ...base, ok: true, attempts };
        }
        catch (err) {
            return { ...base, ok: false, attempts, error: err.message };
        }
    }
    async function process(event, functionArn) {
        const identity = identityFromArn(functionArn);
        const { alerts, rejected } = alertsOf(event, logger);
        // A staged rule's alert goes to the staging destination only, never to its outputs.
        const jobs = alerts.flatMap((alert) => alert.staged === true
            ? [stage(alert)]
            : [...new Set(alert.outputs)].map((output) => deliver(alert, output, identity)));
        const deliveries = await Promise.all(jobs);
        for (const d of deliveries)
            (d.ok ? logger.info : logger.error)(d.ok ? 'alert delivered' : 'alert not delivered', {
                ...d,
            });
        logger.metric('AlertsDelivered', deliveries.filter((d) => d.ok).length);
        logger.metric('AlertDeliveryFailures', deliveries.filter((d) => !d.ok).length);
        return { deliveries, rejected };
    }
    return {
        process,
        async handle(event, functionArn) {
            const { deliveries } = await process(event, functionArn);
            const failedDeliveries = deliveries.filter((d) => !d.ok);
            if (failedDeliveries.length > 0) {
                throw new Error(`${failedDeliveries.length} of ${deliveries.length} deliveries failed: ${failedDeliveries.map((d) => `${d.output} (${d.error})`).join('; ')}`);
            }
            return { deliveries };
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/lambda.ts
/** Lambda entry of the alert processor (handler `index.handler`); conf/outputs.json comes from the zip. */












const logger = createLogger({
    level: levelFrom(process.env.LOGGER_LEVEL),
    metrics: process.env.ENABLE_METRICS === 'true',
});
function lazy(make) {
    let value;
    return () => (value ??= make());
}
async function init() {
    let raw = {};
    try {
        raw = JSON.parse(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(packageDir(), 'conf', 'outputs.json'), 'utf8'));
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
    return createAlertProcessor({
        outputs: toOutputs(raw),
        clients: {
            s3: lazy(() => new client_s3_namespaceObject.S3Client(s3ClientOptions())),
            sns: lazy(() => new client_sns_namespaceObject.SNSClient({})),
            lambda: lazy(() => new client_lambda_.LambdaClient({})),
        },
        secrets: createSecretStore({
            ssm: lazy(() => new client_ssm_namespaceObject.SSMClient({})),
            secretsManager: lazy(() => new client_secrets_manager_namespaceObject.SecretsManagerClient({})),
        }),
        logger,
        stagingBucket: process.env.STAGING_BUCKET || undefined,
    });
}
let ready;
async function handler(event, context) {
    ready ??= init().catch((err) => {
        ready = undefined;
        throw err;
    });
    return (await ready).handle(event, context?.invokedFunctionArn);
}


/***/ }),

/***/ 214:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-cloudwatch-logs");

/***/ }),

/***/ 199:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-firehose");

/***/ }),

/***/ 837:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-lambda");

/***/ }),

/***/ 395:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-ses");

/***/ }),

/***/ 15:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-sqs");

/***/ }),

/***/ 274:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-sts");

/***/ }),

/***/ 143:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* global module, require */
// A CommonJS entry makes ncc emit a CommonJS bundle: Lambda finds the runtime's own
// @aws-sdk through NODE_PATH, which only require() honours (ES module imports do not).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
module.exports = __nccwpck_require__(817);


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
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
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
/******/ 	var __webpack_exports__ = __nccwpck_require__(143);
/******/ 	module.exports = __webpack_exports__;
/******/ 	
/******/ })()
;