/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 70:
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
;// CONCATENATED MODULE: ./src/processors/config/convert.ts
/* The inputs below passed the JSON schemas in validate.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */
function toLogs(raw) {
    return Object.entries(raw).map(([name, d]) => {
        const c = d.configuration ?? {};
        return {
            name,
            category: name.split(':')[0] ?? name,
            parser: d.parser,
            schema: d.schema,
            optionalTopLevelKeys: c.optional_top_level_keys ?? [],
            jsonPath: c.json_path,
            envelopeKeys: c.envelope_keys,
            logPatterns: c.log_patterns,
            delimiter: c.delimiter,
            separator: c.separator,
            header: c.header === true,
        };
    });
}
function toSources(raw) {
    const service = (s) => new Map(Object.entries((raw?.[s] ?? {})).map(([entity, v]) => [entity, v.logs]));
    return { kinesis: service('kinesis'), s3: service('s3'), sns: service('sns') };
}
function secretRef(v) {
    return v.ssm_parameter !== undefined ? { ssmParameter: v.ssm_parameter } : { secretsManagerSecret: v.secretsmanager_secret };
}
function toOutputs(raw) {
    const out = new Map();
    for (const [service, descriptors] of Object.entries((raw ?? {}))) {
        for (const [descriptor, v] of Object.entries(descriptors)) {
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
                    out.set(key, { service, descriptor, secret: secretRef(v) });
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
        if (ORDER[level] >= min)
            write(JSON.stringify({ level, message, ...fields }));
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
    const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
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
    return process.env.AWS_ENDPOINT_URL || process.env.AWS_ENDPOINT_URL_S3 ? { forcePathStyle: true } : {};
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: ./src/processors/rule-processor/alert.ts
/** The alert a rule raises, as the alert processor receives it (StreamAlert 1.5's flat shape plus an id). */

function alertId(rule, log, service, entity, record) {
    return createHash('sha256').update(`${rule}\n${log}\n${service}\n${entity}\n${JSON.stringify(record)}`).digest('hex').slice(0, 32);
}
const KEYS = ['id', 'rule_name', 'rule_description', 'log_source', 'log_type', 'source_service', 'source_entity', 'outputs', 'record'];
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
    await s3.send(new client_s3_namespaceObject.PutObjectCommand({ Bucket: bucket, Key: s3AlertKey(alert, now), Body: JSON.stringify(alert), ContentType: 'application/json' }));
}
/** A topic name from outputs.json becomes an ARN in the function's own account and region. */
function topicArn(topic, functionArn) {
    return topic.startsWith('arn:') ? topic : `arn:${functionArn.partition}:sns:${functionArn.region}:${functionArn.account}:${topic}`;
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
        return parts.length === 8 ? { name: parts.slice(0, 7).join(':'), qualifier: parts[7] } : { name: fn };
    return parts.length === 2 ? { name: parts[0], qualifier: parts[1] } : { name: fn };
}
async function sendToLambda(lambda, fn, alert) {
    const { name, qualifier } = splitFunction(fn);
    const res = await lambda.send(new client_lambda_namespaceObject.InvokeCommand({ FunctionName: name, Qualifier: qualifier, InvocationType: 'Event', Payload: Buffer.from(JSON.stringify(alert)) }));
    if (res.FunctionError)
        throw new Error(`function error: ${res.FunctionError}`);
    if (res.StatusCode !== undefined && (res.StatusCode < 200 || res.StatusCode >= 300))
        throw new Error(`invoke returned status ${res.StatusCode}`);
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
    let u;
    try {
        u = new URL(url);
    }
    catch {
        throw new Error('secret is not a URL');
    }
    // Plain HTTP would send the alert (and any key) in clear; only a local endpoint may use it.
    const loopback = u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
        throw new Error('webhook URL must be https');
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
            pretext: i === 0 ? `*Rule description:*\n${alert.rule_description}\n*Log:* ${alert.log_source} from ${alert.source_service} ${alert.source_entity} (alert ${alert.id})` : undefined,
            title: parts.length > 1 ? `Record (part ${i + 1} of ${parts.length})` : 'Record',
            text: `\`\`\`${part}\`\`\``,
            mrkdwn_in: ['text', 'pretext'],
        })),
    };
}
async function postJson(secret, body, timeoutMs = 10_000) {
    let res;
    try {
        res = await fetch(secret.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...secret.headers },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(timeoutMs),
        });
    }
    catch (err) {
        // fetch's message and cause can carry the URL; keep only the error's kind.
        const cause = err.cause?.code;
        // eslint-disable-next-line preserve-caught-error -- the cause would carry the secret URL
        throw new Error(`request failed (${err.name}${cause ? `: ${cause}` : ''})`);
    }
    await res.arrayBuffer().catch(() => undefined);
    if (res.status < 200 || res.status >= 300)
        throw new Error(`HTTP ${res.status}`);
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
    return 'ssmParameter' in ref ? `SSM parameter ${ref.ssmParameter}` : `Secrets Manager secret ${ref.secretsManagerSecret}`;
}
function createSecretStore(clients, ttlMs = 15 * 60_000, now = () => Date.now()) {
    const cache = new Map();
    async function fetchSecret(ref) {
        if ('ssmParameter' in ref) {
            const res = await clients.ssm().send(new client_ssm_namespaceObject.GetParameterCommand({ Name: ref.ssmParameter, WithDecryption: true }));
            const value = res.Parameter?.Value;
            if (!value)
                throw new Error(`${describeRef(ref)} has no value`);
            return value;
        }
        const res = await clients.secretsManager().send(new client_secrets_manager_namespaceObject.GetSecretValueCommand({ SecretId: ref.secretsManagerSecret }));
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
            logger.error('message is not a StreamAlert alert; skipped', { message_id: record.Sns?.MessageId, sample: (message ?? '').slice(0, 300) });
        }
    }
    return { alerts, rejected };
}
function createAlertProcessor(deps) {
    const { outputs, clients, secrets, logger } = deps;
    const retry = deps.retry ?? DEFAULT_RETRY;
    const now = deps.now ?? (() => new Date());
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
            case 'webhook': {
                let secret;
                try {
                    secret = parseWebhookSecret(await secrets.get(target.secret));
                }
                catch (err) {
                    throw new Error(`${describeRef(target.secret)}: ${err.message}`, { cause: err });
                }
                return postJson(secret, target.service === 'slack' ? slackMessage(alert) : alert);
            }
        }
    }
    async function deliver(alert, output, identity) {
        const base = { alert_id: alert.id, rule_name: alert.rule_name, output };
        const target = outputs.get(output);
        if (!target)
            return { ...base, ok: false, attempts: 0, error: `output "${output}" is not in conf/outputs.json` };
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
            (d.ok ? logger.info : logger.error)(d.ok ? 'alert delivered' : 'alert not delivered', { ...d });
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












const logger = createLogger({ level: levelFrom(process.env.LOGGER_LEVEL), metrics: process.env.ENABLE_METRICS === 'true' });
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
        clients: { s3: lazy(() => new client_s3_namespaceObject.S3Client(s3ClientOptions())), sns: lazy(() => new client_sns_namespaceObject.SNSClient({})), lambda: lazy(() => new client_lambda_namespaceObject.LambdaClient({})) },
        secrets: createSecretStore({ ssm: lazy(() => new client_ssm_namespaceObject.SSMClient({})), secretsManager: lazy(() => new client_secrets_manager_namespaceObject.SecretsManagerClient({})) }),
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
module.exports = __nccwpck_require__(70);


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