/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 937:
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
;// CONCATENATED MODULE: external "@aws-sdk/client-lambda"
const client_lambda_namespaceObject = require("@aws-sdk/client-lambda");
;// CONCATENATED MODULE: external "@aws-sdk/client-s3"
const client_s3_namespaceObject = require("@aws-sdk/client-s3");
;// CONCATENATED MODULE: external "@aws-sdk/client-secrets-manager"
const client_secrets_manager_namespaceObject = require("@aws-sdk/client-secrets-manager");
;// CONCATENATED MODULE: external "@aws-sdk/client-sns"
const client_sns_namespaceObject = require("@aws-sdk/client-sns");
;// CONCATENATED MODULE: external "@aws-sdk/client-ssm"
const client_ssm_namespaceObject = require("@aws-sdk/client-ssm");
;// CONCATENATED MODULE: ./src/processors/config/outputs-convert.ts
/* The input passed the JSON schema in outputs-schema.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/** Where StreamAlert's list form keeps the credential of `<service>:<descriptor>`. */
function conventionalParameter(service, descriptor) {
    return `/streamalert/outputs/${service}/${descriptor}`;
}
function secretRef(v) {
    return v.ssm_parameter !== undefined
        ? { ssmParameter: v.ssm_parameter }
        : { secretsManagerSecret: v.secretsmanager_secret };
}
function toOutputs(raw) {
    const out = new Map();
    for (const [service, value] of Object.entries((raw ?? {}))) {
        // StreamAlert's list form: descriptors only (credential services; the schema refuses it elsewhere).
        const entries = Array.isArray(value)
            ? value.map((d) => [d, undefined])
            : Object.entries(value);
        for (const [descriptor, v] of entries) {
            const key = `${service}:${descriptor}`;
            switch (service) {
                case 'aws-s3':
                    out.set(key, { service, descriptor, bucket: v });
                    break;
                case 'aws-sns':
                    out.set(key, { service, descriptor, topic: v });
                    break;
                case 'aws-lambda':
                    out.set(key, { service, descriptor, functionName: v });
                    break;
                case 'slack':
                case 'webhook':
                case 'pagerduty':
                case 'phantom':
                    out.set(key, {
                        service,
                        descriptor,
                        secret: v === undefined
                            ? { ssmParameter: conventionalParameter(service, descriptor) }
                            : secretRef(v),
                    });
                    break;
            }
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/processors/shared/logger.ts
const ORDER = { debug: 10, info: 20, warn: 30, error: 40 };
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

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: ./src/processors/rule-processor/alert.ts
/** The alert a rule raises, as the alert processor receives it (StreamAlert 1.5's flat shape plus an id). */

function alertId(rule, log, service, entity, record) {
    return idOf(rule, log, service, entity, JSON.stringify(record));
}
function idOf(rule, log, service, entity, recordJson) {
    return createHash('sha256')
        .update(`${rule}\n${log}\n${service}\n${entity}\n${recordJson}`)
        .digest('hex')
        .slice(0, 32);
}
/** Each alert's JSON text, made when the alert is: the record is serialized once, for the id and the message. */
const texts = new WeakMap();
/**
 * A new alert and its JSON text (what JSON.stringify(alert) gives), from one serialization
 * of the record. Throws when the record cannot be serialized (the processor makes that record poison).
 */
function createAlert(rule, description, log, logType, service, entity, outputs, record) {
    const recordJson = JSON.stringify(record);
    const alert = {
        id: idOf(rule, log, service, entity, recordJson),
        rule_name: rule,
        rule_description: description,
        log_source: log,
        log_type: logType,
        source_service: service,
        source_entity: entity,
        outputs,
        record,
    };
    const head = JSON.stringify({ ...alert, record: 0 });
    texts.set(alert, `${head.slice(0, -2)}${recordJson}}`);
    return alert;
}
/**
 * The alert as JSON: the text made with it when the alert came from `createAlert` (the
 * record as it was when its rule fired), JSON.stringify otherwise.
 */
function alertJson(alert) {
    return texts.get(alert) ?? JSON.stringify(alert);
}
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
    const res = await lambda.send(new client_lambda_namespaceObject.InvokeCommand({
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

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/http.ts
/**
 * The HTTP requests of the credential outputs (Slack, webhooks, PagerDuty, Phantom).
 * URLs and headers carry credentials, so no error names them: a failure says which step
 * failed, the HTTP status or the network error's kind, and nothing else.
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
/** One request; throws on a network error or a status outside 2xx, prefixing `step` (e.g. "container lookup") when given. */
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
        // eslint-disable-next-line preserve-caught-error -- the cause would carry the secret URL
        throw new Error(`${prefix}request failed (${err.name}${cause ? `: ${cause}` : ''})`);
    }
    const text = await res.text().catch(() => '');
    if (res.status < 200 || res.status >= 300)
        throw new Error(`${prefix}HTTP ${res.status}`);
    let json;
    try {
        json = text ? JSON.parse(text) : undefined;
    }
    catch {
        json = undefined;
    }
    return { status: res.status, json };
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

;// CONCATENATED MODULE: ./src/processors/alert-processor/outputs/pagerduty.ts

const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com/v2/enqueue';
/** StreamAlert 1.5's default (Events API v1); a credential still naming it is sent to v2. */
const V1_PATH = '/generic/2010-04-15/create_event.json';
/**
 * JSON `{"routing_key": ..., "url"?: ...}` (StreamAlert 1.5 called the key `service_key`;
 * either is accepted), or the bare integration key as the whole secret.
 */
function parsePagerDutySecret(value) {
    const obj = secretObject(value);
    if (!obj) {
        const key = value.trim();
        if (!/^\S+$/.test(key))
            throw new Error('secret is neither JSON nor a bare routing key');
        return { url: PAGERDUTY_EVENTS_URL, routingKey: key };
    }
    const routingKey = obj.routing_key ?? obj.service_key;
    if (typeof routingKey !== 'string' || routingKey === '')
        throw new Error('secret JSON has no "routing_key" (or "service_key") string');
    if (obj.url !== undefined && typeof obj.url !== 'string')
        throw new Error('secret JSON "url" is not a string');
    let url = obj.url ?? PAGERDUTY_EVENTS_URL;
    const u = checkedUrl(url, 'PagerDuty URL');
    if (u.hostname === 'events.pagerduty.com' && u.pathname === V1_PATH)
        url = PAGERDUTY_EVENTS_URL;
    return { url, routingKey };
}
/** The Events API v2 body (the summary is limited to 1024 characters by PagerDuty). */
function pagerDutyEvent(alert, routingKey) {
    return {
        routing_key: routingKey,
        event_action: 'trigger',
        dedup_key: alert.id,
        payload: {
            summary: `StreamAlert Rule Triggered - ${alert.rule_name}`.slice(0, 1024),
            source: alert.log_source || alert.source_entity || 'streamalert',
            severity: 'critical',
            custom_details: { rule_description: alert.rule_description, record: alert.record },
        },
    };
}
async function sendToPagerDuty(credential, alert) {
    await httpJson(credential.url, {
        method: 'POST',
        body: pagerDutyEvent(alert, credential.routingKey),
    });
}

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
function phantom_idOf(value) {
    return typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value))
        ? Number(value)
        : undefined;
}
/** The id of the rule's existing container, if there is one. */
async function findContainer(credential, headers, ruleName) {
    const url = new URL(`${credential.url}/rest/container`);
    url.searchParams.set('_filter_name', JSON.stringify(ruleName));
    url.searchParams.set('page_size', '1');
    const { json } = await httpJson(url, { method: 'GET', headers }, 'container lookup');
    const found = json;
    if (!found || typeof found !== 'object' || !Array.isArray(found.data))
        throw new Error('container lookup: unexpected response');
    return found.data.length > 0 ? phantom_idOf(found.data[0]?.id) : undefined;
}
async function sendToPhantom(credential, alert) {
    const headers = { 'ph-auth-token': credential.token };
    let containerId = await findContainer(credential, headers, alert.rule_name);
    if (containerId === undefined) {
        const { json } = await httpJson(`${credential.url}/rest/container`, {
            method: 'POST',
            headers,
            body: { name: alert.rule_name, description: alert.rule_description },
        }, 'container create');
        const created = (json ?? {});
        containerId = phantom_idOf(created.id) ?? phantom_idOf(created.existing_container_id);
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
    }, 'artifact create');
}

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
/** A Slack incoming-webhook message: title, description, and the record as JSON split into attachments. */
function slackMessage(alert) {
    const record = JSON.stringify(alert.record, null, 2);
    const parts = [];
    for (let i = 0; i < record.length && parts.length < 10; i += SLACK_TEXT_LIMIT)
        parts.push(record.slice(i, i + SLACK_TEXT_LIMIT));
    return {
        text: `*StreamAlert rule triggered: ${alert.rule_name}*`,
        mrkdwn: true,
        attachments: parts.map((part, i) => ({
            fallback: `StreamAlert rule triggered: ${alert.rule_name}`,
            color: '#b22222',
            pretext: i === 0
                ? `*Rule description:*\n${alert.rule_description}\n*Log:* ${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})`
                : undefined,
            title: parts.length > 1 ? `Record (part ${i + 1} of ${parts.length})` : 'Record',
            text: `\`\`\`${part}\`\`\``,
            mrkdwn_in: ['text', 'pretext'],
        })),
    };
}
async function postJson(secret, body, timeoutMs = 10_000) {
    await httpJson(secret.url, { method: 'POST', headers: secret.headers, body, timeoutMs });
}

;// CONCATENATED MODULE: ./src/processors/alert-processor/retry.ts
const DEFAULT_RETRY = { attempts: 3, baseDelayMs: 200 };
async function withRetries(policy, fn, onError) {
    const sleep = policy.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    let last;
    for (let attempt = 1; attempt <= policy.attempts; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            last = err;
            onError?.(err, attempt);
            if (attempt < policy.attempts)
                await sleep(policy.baseDelayMs * 2 ** (attempt - 1));
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

;// CONCATENATED MODULE: ./src/processors/alert-processor/processor.ts







/** Region and account from `arn:aws:lambda:<region>:<account>:function:<name>[:alias]`. */
function identityFromArn(arn) {
    const parts = arn?.split(':') ?? [];
    if (parts.length < 7 || parts[0] !== 'arn')
        return undefined;
    return { partition: parts[1], region: parts[3], account: parts[4] };
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
    /** The output's credential, read (and cached) from SSM or Secrets Manager; errors name where it lives, never what it holds. */
    async function credential(ref, parse) {
        try {
            return parse(await secrets.get(ref));
        }
        catch (err) {
            throw new Error(`${describeRef(ref)}: ${err.message}`, { cause: err });
        }
    }
    async function send(target, alert, identity) {
        switch (target.service) {
            case 'aws-s3':
                return sendToS3(clients.s3(), target.bucket, alert, now());
            case 'aws-sns': {
                if (!identity && !target.topic.startsWith('arn:'))
                    throw new Error('cannot tell the topic ARN: function ARN unknown');
                return sendToSns(clients.sns(), topicArn(target.topic, identity), alert);
            }
            case 'aws-lambda':
                return sendToLambda(clients.lambda(), target.functionName, alert);
            case 'slack':
            case 'webhook':
                return postJson(await credential(target.secret, parseWebhookSecret), target.service === 'slack' ? slackMessage(alert) : alert);
            case 'pagerduty':
                return sendToPagerDuty(await credential(target.secret, parsePagerDutySecret), alert);
            case 'phantom':
                return sendToPhantom(await credential(target.secret, parsePhantomSecret), alert);
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
        let attempts = 0;
        try {
            await withRetries(retry, (attempt) => {
                attempts = attempt;
                return send(target, alert, identity);
            }, (err, attempt) => logger.warn('output attempt failed', { ...base, attempt, error: err.message }));
            return { ...base, ok: true, attempts };
        }
        catch (err) {
            return { ...base, ok: false, attempts, error: err.message };
        }
    }
    async function process(event, functionArn) {
        const identity = identityFromArn(functionArn);
        const { alerts, rejected } = alertsOf(event, logger);
        const jobs = alerts.flatMap((alert) => [...new Set(alert.outputs)].map((output) => deliver(alert, output, identity)));
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
            lambda: lazy(() => new client_lambda_namespaceObject.LambdaClient({})),
        },
        secrets: createSecretStore({
            ssm: lazy(() => new client_ssm_namespaceObject.SSMClient({})),
            secretsManager: lazy(() => new client_secrets_manager_namespaceObject.SecretsManagerClient({})),
        }),
        logger,
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

/***/ 143:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* global module, require */
// A CommonJS entry makes ncc emit a CommonJS bundle: Lambda finds the runtime's own
// @aws-sdk through NODE_PATH, which only require() honours (ES module imports do not).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
module.exports = __nccwpck_require__(937);


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