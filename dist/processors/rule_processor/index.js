/******/ (() => { // webpackBootstrap
/******/ 	var __webpack_modules__ = ({

/***/ 832:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var aws4 = exports,
    url = __nccwpck_require__(16),
    querystring = __nccwpck_require__(480),
    crypto = __nccwpck_require__(982),
    lru = __nccwpck_require__(638),
    credentialsCache = lru(1000)

// http://docs.amazonwebservices.com/general/latest/gr/signature-version-4.html

function hmac(key, string, encoding) {
  return crypto.createHmac('sha256', key).update(string, 'utf8').digest(encoding)
}

function hash(string, encoding) {
  return crypto.createHash('sha256').update(string, 'utf8').digest(encoding)
}

// This function assumes the string has already been percent encoded
function encodeRfc3986(urlEncodedString) {
  return urlEncodedString.replace(/[!'()*]/g, function(c) {
    return '%' + c.charCodeAt(0).toString(16).toUpperCase()
  })
}

function encodeRfc3986Full(str) {
  return encodeRfc3986(encodeURIComponent(str))
}

// A bit of a combination of:
// https://github.com/aws/aws-sdk-java-v2/blob/dc695de6ab49ad03934e1b02e7263abbd2354be0/core/auth/src/main/java/software/amazon/awssdk/auth/signer/internal/AbstractAws4Signer.java#L59
// https://github.com/aws/aws-sdk-js/blob/18cb7e5b463b46239f9fdd4a65e2ff8c81831e8f/lib/signers/v4.js#L191-L199
// https://github.com/mhart/aws4fetch/blob/b3aed16b6f17384cf36ea33bcba3c1e9f3bdfefd/src/main.js#L25-L34
var HEADERS_TO_IGNORE = {
  'authorization': true,
  'connection': true,
  'x-amzn-trace-id': true,
  'user-agent': true,
  'expect': true,
  'presigned-expires': true,
  'range': true,
}

// request: { path | body, [host], [method], [headers], [service], [region] }
// credentials: { accessKeyId, secretAccessKey, [sessionToken] }
function RequestSigner(request, credentials) {

  if (typeof request === 'string') request = url.parse(request)

  var headers = request.headers = Object.assign({}, (request.headers || {})),
      hostParts = (!this.service || !this.region) && this.matchHost(request.hostname || request.host || headers.Host || headers.host)

  this.request = request
  this.credentials = credentials || this.defaultCredentials()

  this.service = request.service || hostParts[0] || ''
  this.region = request.region || hostParts[1] || 'us-east-1'

  // SES uses a different domain from the service name
  if (this.service === 'email') this.service = 'ses'

  if (!request.method && request.body)
    request.method = 'POST'

  if (!headers.Host && !headers.host) {
    headers.Host = request.hostname || request.host || this.createHost()

    // If a port is specified explicitly, use it as is
    if (request.port)
      headers.Host += ':' + request.port
  }
  if (!request.hostname && !request.host)
    request.hostname = headers.Host || headers.host

  this.isCodeCommitGit = this.service === 'codecommit' && request.method === 'GIT'

  this.extraHeadersToIgnore = request.extraHeadersToIgnore || Object.create(null)
  this.extraHeadersToInclude = request.extraHeadersToInclude || Object.create(null)
}

RequestSigner.prototype.matchHost = function(host) {
  var match = (host || '').match(/([^\.]{1,63})\.(?:([^\.]{0,63})\.)?amazonaws\.com(\.cn)?$/)
  var hostParts = (match || []).slice(1, 3)

  // ES's hostParts are sometimes the other way round, if the value that is expected
  // to be region equals ‘es’ switch them back
  // e.g. search-cluster-name-aaaa00aaaa0aaa0aaaaaaa0aaa.us-east-1.es.amazonaws.com
  if (hostParts[1] === 'es' || hostParts[1] === 'aoss')
    hostParts = hostParts.reverse()

  if (hostParts[1] == 's3') {
    hostParts[0] = 's3'
    hostParts[1] = 'us-east-1'
  } else {
    for (var i = 0; i < 2; i++) {
      if (/^s3-/.test(hostParts[i])) {
        hostParts[1] = hostParts[i].slice(3)
        hostParts[0] = 's3'
        break
      }
    }
  }

  return hostParts
}

// http://docs.aws.amazon.com/general/latest/gr/rande.html
RequestSigner.prototype.isSingleRegion = function() {
  // Special case for S3 and SimpleDB in us-east-1
  if (['s3', 'sdb'].indexOf(this.service) >= 0 && this.region === 'us-east-1') return true

  return ['cloudfront', 'ls', 'route53', 'iam', 'importexport', 'sts']
    .indexOf(this.service) >= 0
}

RequestSigner.prototype.createHost = function() {
  var region = this.isSingleRegion() ? '' : '.' + this.region,
      subdomain = this.service === 'ses' ? 'email' : this.service
  return subdomain + region + '.amazonaws.com'
}

RequestSigner.prototype.prepareRequest = function() {
  this.parsePath()

  var request = this.request, headers = request.headers, query

  if (request.signQuery) {

    this.parsedPath.query = query = this.parsedPath.query || {}

    if (this.credentials.sessionToken)
      query['X-Amz-Security-Token'] = this.credentials.sessionToken

    if (this.service === 's3' && !query['X-Amz-Expires'])
      query['X-Amz-Expires'] = 86400

    if (query['X-Amz-Date'])
      this.datetime = query['X-Amz-Date']
    else
      query['X-Amz-Date'] = this.getDateTime()

    query['X-Amz-Algorithm'] = 'AWS4-HMAC-SHA256'
    query['X-Amz-Credential'] = this.credentials.accessKeyId + '/' + this.credentialString()
    query['X-Amz-SignedHeaders'] = this.signedHeaders()

  } else {

    if (!request.doNotModifyHeaders && !this.isCodeCommitGit) {
      if (request.body && !headers['Content-Type'] && !headers['content-type'])
        headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8'

      if (request.body && !headers['Content-Length'] && !headers['content-length'])
        headers['Content-Length'] = Buffer.byteLength(request.body)

      if (this.credentials.sessionToken && !headers['X-Amz-Security-Token'] && !headers['x-amz-security-token'])
        headers['X-Amz-Security-Token'] = this.credentials.sessionToken

      if (this.service === 's3' && !headers['X-Amz-Content-Sha256'] && !headers['x-amz-content-sha256'])
        headers['X-Amz-Content-Sha256'] = hash(this.request.body || '', 'hex')

      if (headers['X-Amz-Date'] || headers['x-amz-date'])
        this.datetime = headers['X-Amz-Date'] || headers['x-amz-date']
      else
        headers['X-Amz-Date'] = this.getDateTime()
    }

    delete headers.Authorization
    delete headers.authorization
  }
}

RequestSigner.prototype.sign = function() {
  if (!this.parsedPath) this.prepareRequest()

  if (this.request.signQuery) {
    this.parsedPath.query['X-Amz-Signature'] = this.signature()
  } else {
    this.request.headers.Authorization = this.authHeader()
  }

  this.request.path = this.formatPath()

  return this.request
}

RequestSigner.prototype.getDateTime = function() {
  if (!this.datetime) {
    var headers = this.request.headers,
      date = new Date(headers.Date || headers.date || new Date)

    this.datetime = date.toISOString().replace(/[:\-]|\.\d{3}/g, '')

    // Remove the trailing 'Z' on the timestamp string for CodeCommit git access
    if (this.isCodeCommitGit) this.datetime = this.datetime.slice(0, -1)
  }
  return this.datetime
}

RequestSigner.prototype.getDate = function() {
  return this.getDateTime().substr(0, 8)
}

RequestSigner.prototype.authHeader = function() {
  return [
    'AWS4-HMAC-SHA256 Credential=' + this.credentials.accessKeyId + '/' + this.credentialString(),
    'SignedHeaders=' + this.signedHeaders(),
    'Signature=' + this.signature(),
  ].join(', ')
}

RequestSigner.prototype.signature = function() {
  var date = this.getDate(),
      cacheKey = [this.credentials.secretAccessKey, date, this.region, this.service].join(),
      kDate, kRegion, kService, kCredentials = credentialsCache.get(cacheKey)
  if (!kCredentials) {
    kDate = hmac('AWS4' + this.credentials.secretAccessKey, date)
    kRegion = hmac(kDate, this.region)
    kService = hmac(kRegion, this.service)
    kCredentials = hmac(kService, 'aws4_request')
    credentialsCache.set(cacheKey, kCredentials)
  }
  return hmac(kCredentials, this.stringToSign(), 'hex')
}

RequestSigner.prototype.stringToSign = function() {
  return [
    'AWS4-HMAC-SHA256',
    this.getDateTime(),
    this.credentialString(),
    hash(this.canonicalString(), 'hex'),
  ].join('\n')
}

RequestSigner.prototype.canonicalString = function() {
  if (!this.parsedPath) this.prepareRequest()

  var pathStr = this.parsedPath.path,
      query = this.parsedPath.query,
      headers = this.request.headers,
      queryStr = '',
      normalizePath = this.service !== 's3',
      decodePath = this.service === 's3' || this.request.doNotEncodePath,
      decodeSlashesInPath = this.service === 's3',
      firstValOnly = this.service === 's3',
      bodyHash

  if (this.service === 's3' && this.request.signQuery) {
    bodyHash = 'UNSIGNED-PAYLOAD'
  } else if (this.isCodeCommitGit) {
    bodyHash = ''
  } else {
    bodyHash = headers['X-Amz-Content-Sha256'] || headers['x-amz-content-sha256'] ||
      hash(this.request.body || '', 'hex')
  }

  if (query) {
    var reducedQuery = Object.keys(query).reduce(function(obj, key) {
      if (!key) return obj
      obj[encodeRfc3986Full(key)] = !Array.isArray(query[key]) ? query[key] :
        (firstValOnly ? query[key][0] : query[key])
      return obj
    }, {})
    var encodedQueryPieces = []
    Object.keys(reducedQuery).sort().forEach(function(key) {
      if (!Array.isArray(reducedQuery[key])) {
        encodedQueryPieces.push(key + '=' + encodeRfc3986Full(reducedQuery[key]))
      } else {
        reducedQuery[key].map(encodeRfc3986Full).sort()
          .forEach(function(val) { encodedQueryPieces.push(key + '=' + val) })
      }
    })
    queryStr = encodedQueryPieces.join('&')
  }
  if (pathStr !== '/') {
    if (normalizePath) pathStr = pathStr.replace(/\/{2,}/g, '/')
    pathStr = pathStr.split('/').reduce(function(path, piece) {
      if (normalizePath && piece === '..') {
        path.pop()
      } else if (!normalizePath || piece !== '.') {
        if (decodePath) piece = decodeURIComponent(piece.replace(/\+/g, ' '))
        path.push(encodeRfc3986Full(piece))
      }
      return path
    }, []).join('/')
    if (pathStr[0] !== '/') pathStr = '/' + pathStr
    if (decodeSlashesInPath) pathStr = pathStr.replace(/%2F/g, '/')
  }

  return [
    this.request.method || 'GET',
    pathStr,
    queryStr,
    this.canonicalHeaders() + '\n',
    this.signedHeaders(),
    bodyHash,
  ].join('\n')
}

RequestSigner.prototype.filterHeaders = function() {
  var headers = this.request.headers,
      extraHeadersToInclude = this.extraHeadersToInclude,
      extraHeadersToIgnore = this.extraHeadersToIgnore
  this.filteredHeaders = Object.keys(headers)
    .map(function(key) { return [key.toLowerCase(), headers[key]] })
    .filter(function(entry) {
      return extraHeadersToInclude[entry[0]] ||
        (HEADERS_TO_IGNORE[entry[0]] == null && !extraHeadersToIgnore[entry[0]])
    })
    .sort(function(a, b) { return a[0] < b[0] ? -1 : 1 })
}

RequestSigner.prototype.canonicalHeaders = function() {
  if (!this.filteredHeaders) this.filterHeaders()

  return this.filteredHeaders.map(function(entry) {
    return entry[0] + ':' + entry[1].toString().trim().replace(/\s+/g, ' ')
  }).join('\n')
}

RequestSigner.prototype.signedHeaders = function() {
  if (!this.filteredHeaders) this.filterHeaders()

  return this.filteredHeaders.map(function(entry) { return entry[0] }).join(';')
}

RequestSigner.prototype.credentialString = function() {
  return [
    this.getDate(),
    this.region,
    this.service,
    'aws4_request',
  ].join('/')
}

RequestSigner.prototype.defaultCredentials = function() {
  var env = process.env
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID || env.AWS_ACCESS_KEY,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY || env.AWS_SECRET_KEY,
    sessionToken: env.AWS_SESSION_TOKEN,
  }
}

RequestSigner.prototype.parsePath = function() {
  var path = this.request.path || '/'

  // S3 doesn't always encode characters > 127 correctly and
  // all services don't encode characters > 255 correctly
  // So if there are non-reserved chars (and it's not already all % encoded), just encode them all
  if (/[^0-9A-Za-z;,/?:@&=+$\-_.!~*'()#%]/.test(path)) {
    path = encodeURI(decodeURI(path))
  }

  var queryIx = path.indexOf('?'),
      query = null

  if (queryIx >= 0) {
    query = querystring.parse(path.slice(queryIx + 1))
    path = path.slice(0, queryIx)
  }

  this.parsedPath = {
    path: path,
    query: query,
  }
}

RequestSigner.prototype.formatPath = function() {
  var path = this.parsedPath.path,
      query = this.parsedPath.query

  if (!query) return path

  // Services don't support empty query string keys
  if (query[''] != null) delete query['']

  return path + '?' + encodeRfc3986(querystring.stringify(query))
}

aws4.RequestSigner = RequestSigner

aws4.sign = function(request, credentials) {
  return new RequestSigner(request, credentials).sign()
}


/***/ }),

/***/ 638:
/***/ ((module) => {

module.exports = function(size) {
  return new LruCache(size)
}

function LruCache(size) {
  this.capacity = size | 0
  this.map = Object.create(null)
  this.list = new DoublyLinkedList()
}

LruCache.prototype.get = function(key) {
  var node = this.map[key]
  if (node == null) return undefined
  this.used(node)
  return node.val
}

LruCache.prototype.set = function(key, val) {
  var node = this.map[key]
  if (node != null) {
    node.val = val
  } else {
    if (!this.capacity) this.prune()
    if (!this.capacity) return false
    node = new DoublyLinkedNode(key, val)
    this.map[key] = node
    this.capacity--
  }
  this.used(node)
  return true
}

LruCache.prototype.used = function(node) {
  this.list.moveToFront(node)
}

LruCache.prototype.prune = function() {
  var node = this.list.pop()
  if (node != null) {
    delete this.map[node.key]
    this.capacity++
  }
}


function DoublyLinkedList() {
  this.firstNode = null
  this.lastNode = null
}

DoublyLinkedList.prototype.moveToFront = function(node) {
  if (this.firstNode == node) return

  this.remove(node)

  if (this.firstNode == null) {
    this.firstNode = node
    this.lastNode = node
    node.prev = null
    node.next = null
  } else {
    node.prev = null
    node.next = this.firstNode
    node.next.prev = node
    this.firstNode = node
  }
}

DoublyLinkedList.prototype.pop = function() {
  var lastNode = this.lastNode
  if (lastNode != null) {
    this.remove(lastNode)
  }
  return lastNode
}

DoublyLinkedList.prototype.remove = function(node) {
  if (this.firstNode == node) {
    this.firstNode = node.next
  } else if (node.prev != null) {
    node.prev.next = node.next
  }
  if (this.lastNode == node) {
    this.lastNode = node.prev
  } else if (node.next != null) {
    node.next.prev = node.prev
  }
}


function DoublyLinkedNode(key, val) {
  this.key = key
  this.val = val
  this.prev = null
  this.next = null
}


/***/ }),

/***/ 265:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

"use strict";
// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  CORRELATION_TICK: () => (/* binding */ CORRELATION_TICK),
  createHandler: () => (/* binding */ createHandler),
  handler: () => (/* binding */ handler),
  merge: () => (/* binding */ merge)
});

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = require("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = require("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./src/processors/config/types.ts
const SERVICES = ['kinesis', 's3', 'sns', 'stream_alert_app'];
const GENERATIONS = ['1.5', '1.6-2.x', '3.x'];
/** A conf without a marker or a 3.x layout: what this project always classified as. */
const DEFAULT_GENERATION = '1.6-2.x';
const DEFAULT_SIGMA_CONFIG = {
    logsources: [],
    builtin_logsources: true,
    defaults: {},
    tags: {},
    rules: {},
    placeholders: {},
};

;// CONCATENATED MODULE: ./src/processors/config/convert.ts

/* The inputs below passed the JSON schemas in validate.ts. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/** StreamAlert 2 allowed a single pattern where a list was expected. */
function toPatterns(raw) {
    // fromEntries defines own properties: a field named "__proto__" stays a field, not a prototype.
    return Object.fromEntries(Object.entries(raw).map(([field, spec]) => [
        field,
        typeof spec === 'string' ? [spec] : Array.isArray(spec) ? spec : toPatterns(spec),
    ]));
}
function toLogs(raw) {
    return Object.entries(raw).map(([name, d]) => {
        const c = d.configuration ?? {};
        return {
            name,
            category: name.split(':')[0] ?? name,
            parser: d.parser,
            schema: d.schema,
            optionalTopLevelKeys: c.optional_top_level_keys ?? [],
            extraTopLevelKeys: c.allow_extra_top_level_keys === true,
            jsonPath: c.json_path,
            jsonRegexKey: c.json_regex_key,
            embeddedJson: c.embedded_json === true,
            envelopeKeys: c.envelope_keys,
            optionalEnvelopeKeys: c.optional_envelope_keys ?? [],
            logPatterns: c.log_patterns ? toPatterns(c.log_patterns) : undefined,
            delimiter: c.delimiter,
            separator: c.separator,
            quotechar: c.quotechar,
            escapechar: c.escapechar,
            header: c.header === true,
        };
    });
}
function toSources(raw) {
    const service = (s) => new Map(Object.entries((raw?.[s] ?? {})).map(([entity, v]) => [
        entity,
        v.logs,
    ]));
    return Object.fromEntries(SERVICES.map((s) => [s, service(s)]));
}
/** types.json; a `:ioc_<type>` suffix (StreamAlert 2's threat intel) is not part of the type's name. */
function toTypes(raw) {
    return new Map(Object.entries((raw ?? {})).map(([category, types]) => {
        const byName = new Map();
        for (const [key, fields] of Object.entries(types)) {
            const name = key.split(':')[0];
            byName.set(name, [...new Set([...(byName.get(name) ?? []), ...fields])]);
        }
        return [category, byName];
    }));
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

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = require("node:url");
;// CONCATENATED MODULE: ./src/rules-api/index.ts
/**
 * What a rule author imports: `import { rule } from 'streamalert-action/rules'`.
 *
 * This module has no imports on purpose: the build copies it into each rule processor
 * zip as node_modules/streamalert-action/rules.mjs, and `test` next to the transpiled
 * rules, so the specifier resolves the same way in Lambda and locally. Rules are tagged
 * with a global symbol rather than by class identity, because the copy a rule file sees
 * is not the module instance the processor runs.
 */
/** Sigma's levels, least to most serious. */
const rules_api_SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];
/**
 * Declares a dynamic output function together with every output it may return, so the
 * build can check them against conf/outputs.json before anything is deployed.
 */
function dynamicOutput(outputs, fn) {
    const wrapped = ((record) => fn(record));
    Object.defineProperty(wrapped, 'name', { value: fn.name });
    Object.defineProperty(wrapped, 'outputs', { value: Object.freeze([...outputs]) });
    return wrapped;
}
const RULE_TAG = Symbol.for('streamalert-action.rule');
/** Declares a rule. Export it (default or named; an array of rules works too) from a file in rules/. */
function rule(options) {
    return Object.freeze({ ...options, [RULE_TAG]: true });
}
/** Names a matcher so logs can say which one failed. */
function matcher(name, test) {
    Object.defineProperty(test, 'name', { value: name });
    return test;
}
function isRule(value) {
    return (typeof value === 'object' &&
        value !== null &&
        value[Symbol.for('streamalert-action.rule')] === true);
}
/** Where the rules engine puts a record's normalized types: a symbol, so alerts never carry it. */
const NORMALIZED = Symbol.for('streamalert-action.normalized-types');
/** The normalized types found for the running rule (empty for a rule without `datatypes`). */
function normalizedTypes(record) {
    return record[NORMALIZED] ?? {};
}
/** The values of the record's fields that hold `datatype` (StreamAlert's fetch_values_by_datatype). */
function fetchValuesByDatatype(record, datatype) {
    const values = [];
    for (const path of normalizedTypes(record)[datatype] ?? []) {
        let v = record;
        for (const key of path)
            v = typeof v === 'object' && v !== null ? v[key] : undefined;
        if (v !== undefined)
            values.push(v);
    }
    return values;
}
/** Where the rule processor puts the lookup tables (src/processors/lookup-tables/provider.ts). */
const LOOKUPS = Symbol.for('streamalert-action.lookup-tables');
/**
 * The row of `key` in lookup table `table` (conf/lookup_tables.json; StreamAlert 3's
 * `LookupTables.get(table, key, default)`), or `fallback` when the table has no such key,
 * is not configured, or is switched off. Tables are held in memory: no network call. A
 * number key is looked up as its text. Rows are read-only. The rows a rule read (found or
 * not) travel in its alert, as `context.lookup_tables`.
 */
function lookup(table, key, fallback) {
    const provider = globalThis[LOOKUPS];
    if (!provider || (typeof key !== 'string' && typeof key !== 'number'))
        return fallback;
    const result = provider.lookup(table, String(key));
    return result.found ? result.value : fallback;
}
function compileGlob(glob) {
    if (!/[*?]/.test(glob))
        return glob;
    let re = '';
    for (const c of glob)
        re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${re}$`, 's');
}
// Rules pass their pattern lists as literals, so the same few strings come back on every
// record: compile each once. Bounded, so patterns built from records cannot grow it.
const globs = new Map();
function globOf(pattern) {
    let glob = globs.get(pattern);
    if (glob === undefined) {
        glob = compileGlob(pattern);
        if (globs.size >= 1000)
            globs.clear();
        globs.set(pattern, glob);
    }
    return glob;
}
/** True when `value` matches any of the shell-style patterns (`*`, `?`), as StreamAlert's in_set. */
function inSet(value, patterns) {
    if (typeof value !== 'string')
        return false;
    for (const p of patterns) {
        const glob = globOf(p);
        if (typeof glob === 'string' ? glob === value : glob.test(value))
            return true;
    }
    return false;
}
/** The address as a number, or undefined: four dot-separated groups of 1 to 3 digits, each at most 255. */
function ipv4ToInt(ip) {
    let n = 0;
    let part = 0;
    let digits = 0;
    let dots = 0;
    for (let i = 0; i < ip.length; i++) {
        const c = ip.charCodeAt(i);
        if (c === 46) {
            if (digits === 0 || part > 255 || ++dots > 3)
                return undefined;
            n = n * 256 + part;
            part = 0;
            digits = 0;
        }
        else if (c >= 48 && c <= 57 && digits < 3) {
            part = part * 10 + (c - 48);
            digits++;
        }
        else
            return undefined;
    }
    if (dots !== 3 || digits === 0 || part > 255)
        return undefined;
    return n * 256 + part;
}
/** True when `ip` is a valid IPv4 address. */
function validIp(ip) {
    return typeof ip === 'string' && ipv4ToInt(ip) !== undefined;
}
function compileCidrs(cidrs) {
    const ranges = [];
    for (const cidr of cidrs) {
        const [base, bitsText] = cidr.split('/');
        const start = ipv4ToInt(base ?? '');
        const bits = bitsText === undefined ? 32 : Number(bitsText);
        if (start === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
            continue;
        const size = 2 ** (32 - bits);
        const first = Math.floor(start / size) * size;
        ranges.push(first, first + size - 1);
    }
    return ranges;
}
const byFirst = new Map();
let cached = 0;
let last;
function sameList(a, b) {
    if (a.length !== b.length)
        return false;
    for (let i = 0; i < a.length; i++)
        if (a[i] !== b[i])
            return false;
    return true;
}
function rangesOf(cidrs) {
    if (last !== undefined && (last.cidrs === cidrs || sameList(last.cidrs, cidrs)))
        return last.ranges;
    const first = String(cidrs[0]);
    let bucket = byFirst.get(first);
    let found = bucket?.find((entry) => sameList(entry.cidrs, cidrs));
    if (found === undefined) {
        if (cached >= 1000) {
            byFirst.clear();
            cached = 0;
            bucket = undefined;
        }
        // A copy: the caller may change its array afterwards.
        found = { cidrs: [...cidrs], ranges: compileCidrs(cidrs) };
        if (bucket === undefined)
            byFirst.set(first, (bucket = []));
        bucket.push(found);
        cached++;
    }
    last = found;
    return found.ranges;
}
/** True when the IPv4 address `ip` lies in any of the CIDR blocks (each list is compiled once). */
function inNetwork(ip, cidrs) {
    if (typeof ip !== 'string')
        return false;
    const addr = ipv4ToInt(ip);
    if (addr === undefined)
        return false;
    const ranges = rangesOf(cidrs);
    for (let i = 0; i < ranges.length; i += 2)
        if (addr >= ranges[i] && addr <= ranges[i + 1])
            return true;
    return false;
}
/** True when a Unix time (seconds) lies within the last `hours` hours. */
function lastHour(unixSeconds, hours = 1, now = Date.now()) {
    const t = Number(unixSeconds);
    if (!Number.isFinite(t))
        return false;
    const nowSeconds = now / 1000;
    return t <= nowSeconds && t >= nowSeconds - hours * 3600;
}
/*
 * StreamAlert's rule helpers (rules/helpers/base.py, streamalert/shared/utils.py), for
 * rules ported from Python and those `streamalert migrate` writes. Each behaves as its
 * Python namesake on JSON values.
 */
/** Python's fnmatch.fnmatch (POSIX, case-sensitive): `*`, `?` and `[seq]`/`[!seq]`. */
function fnmatch(name, pattern) {
    if (typeof name !== 'string')
        return false;
    if (!pattern.includes('['))
        return inSet(name, [pattern]);
    let re = '';
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*')
            re += '.*';
        else if (c === '?')
            re += '.';
        else if (c === '[') {
            const end = pattern.indexOf(']', i + 2);
            if (end < 0)
                re += '\\[';
            else {
                let set = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
                if (set.startsWith('!'))
                    set = `^${set.slice(1)}`;
                else if (set.startsWith('^'))
                    set = `\\${set}`;
                re += `[${set}]`;
                i = end;
            }
        }
        else
            re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${re}$`, 's').test(name);
}
/** matches_any: the text matches any of the fnmatch patterns. */
function matchesAny(text, patterns) {
    for (const p of patterns)
        if (fnmatch(text, p))
            return true;
    return false;
}
/** starts_with_any */
function startsWithAny(text, prefixes) {
    if (typeof text !== 'string')
        return false;
    for (const p of prefixes)
        if (text.startsWith(p))
            return true;
    return false;
}
/** ends_with_any */
function endsWithAny(text, suffixes) {
    if (typeof text !== 'string')
        return false;
    for (const s of suffixes)
        if (text.endsWith(s))
            return true;
    return false;
}
/** contains_any */
function containsAny(text, substrings) {
    if (typeof text !== 'string')
        return false;
    for (const s of substrings)
        if (text.includes(s))
            return true;
    return false;
}
/** Every value below `data` (lists and maps walked), for the data_has_value helpers. */
function someLeaf(data, test, depth = 0) {
    // Records are parsed JSON: no cycles, and the classifier bounds their depth.
    if (depth > 200)
        return false;
    if (Array.isArray(data))
        return data.some((d) => someLeaf(d, test, depth + 1));
    if (typeof data === 'object' && data !== null)
        return Object.values(data).some((d) => someLeaf(d, test, depth + 1));
    return test(data);
}
/** data_has_value: some value below `data` equals `search`. */
function dataHasValue(data, search) {
    return someLeaf(data, (v) => v === search);
}
/** data_has_value_with_substring */
function dataHasValueWithSubstring(data, search) {
    return someLeaf(data, (v) => typeof v === 'string' && v.includes(search));
}
/** data_has_value_from_list: some value matches one of the fnmatch patterns. */
function dataHasValueFromList(data, needles) {
    return someLeaf(data, (v) => Boolean(v) && matchesAny(v, needles));
}
/** data_has_value_from_substring_list: some string value contains one of the substrings. */
function dataHasValueFromSubstringList(data, needles) {
    return someLeaf(data, (v) => Boolean(v) && containsAny(v, needles));
}
/** safe_json_loads: the parsed JSON text, or {} when it is not JSON. */
function safeJsonLoads(text) {
    try {
        return JSON.parse(String(text));
    }
    catch {
        return {};
    }
}
/** get_keys: the values of every `key` below `data`, breadth first (StreamAlert's order). */
function getKeys(data, key, maxMatches = -1) {
    const queue = [data];
    const found = [];
    for (let i = 0; i < queue.length; i++) {
        const obj = queue[i];
        if (Array.isArray(obj)) {
            for (const v of obj)
                if (v && typeof v === 'object')
                    queue.push(v);
        }
        else if (typeof obj === 'object' && obj !== null) {
            if (Object.prototype.hasOwnProperty.call(obj, key)) {
                found.push(obj[key]);
                if (maxMatches > 0 && found.length === maxMatches)
                    return found;
            }
            for (const v of Object.values(obj))
                if (v && typeof v === 'object')
                    queue.push(v);
        }
    }
    return found;
}
/** get_first_key: the first value of `key` below `data`, or `fallback`. */
function getFirstKey(data, key, fallback = null) {
    const found = getKeys(data, key, 1);
    return found.length > 0 ? found[0] : fallback;
}
/** A Python exception raised by the `py` helpers; `except KeyError:` catches type KeyError. */
class PyError extends Error {
    pyType;
    constructor(pyType, message) {
        super(`${pyType}: ${message}`);
        this.pyType = pyType;
        this.name = pyType;
    }
}
const isDict = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set);
const typeName = (v) => v === null || v === undefined
    ? 'NoneType'
    : Array.isArray(v)
        ? 'list'
        : v instanceof Set
            ? 'set'
            : typeof v === 'object'
                ? 'dict'
                : typeof v === 'string'
                    ? 'str'
                    : typeof v === 'number'
                        ? Number.isInteger(v)
                            ? 'int'
                            : 'float'
                        : typeof v === 'boolean'
                            ? 'bool'
                            : typeof v;
function pyEq(a, b) {
    if (a === b)
        return true;
    if (a === null || a === undefined)
        return b === null || b === undefined;
    if (typeof a === 'boolean' || typeof b === 'boolean')
        return Number(a) === Number(b);
    if (Array.isArray(a) && Array.isArray(b))
        return a.length === b.length && a.every((v, i) => pyEq(v, b[i]));
    if (a instanceof Set && b instanceof Set)
        return a.size === b.size && [...a].every((v) => pyContains(b, v));
    if (isDict(a) && isDict(b)) {
        const ka = Object.keys(a);
        return (ka.length === Object.keys(b).length &&
            ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEq(a[k], b[k])));
    }
    return false;
}
function pyContains(container, item) {
    if (typeof container === 'string') {
        if (typeof item !== 'string')
            throw new PyError('TypeError', "'in <string>' requires string as left operand");
        return container.includes(item);
    }
    if (Array.isArray(container))
        return container.some((v) => pyEq(v, item));
    if (container instanceof Set)
        return (container.has(item) || (typeof item === 'object' && [...container].some((v) => pyEq(v, item))));
    if (isDict(container))
        return typeof item === 'string' && Object.prototype.hasOwnProperty.call(container, item);
    throw new PyError('TypeError', `argument of type '${typeName(container)}' is not iterable`);
}
function pyTruthy(v) {
    if (Array.isArray(v) || typeof v === 'string')
        return v.length > 0;
    if (v instanceof Set)
        return v.size > 0;
    if (isDict(v))
        return Object.keys(v).length > 0;
    return Boolean(v);
}
function pyIter(v) {
    if (Array.isArray(v))
        return v;
    if (typeof v === 'string')
        return [...v];
    if (v instanceof Set)
        return [...v];
    if (isDict(v))
        return Object.keys(v);
    throw new PyError('TypeError', `'${typeName(v)}' object is not iterable`);
}
function pyItem(obj, key) {
    if (Array.isArray(obj) || typeof obj === 'string') {
        if (typeof key !== 'number' || !Number.isInteger(key))
            throw new PyError('TypeError', `${typeName(obj)} indices must be integers`);
        const i = key < 0 ? obj.length + key : key;
        if (i < 0 || i >= obj.length)
            throw new PyError('IndexError', `${typeName(obj)} index out of range`);
        return obj[i];
    }
    if (isDict(obj)) {
        const k = String(key);
        if (!Object.prototype.hasOwnProperty.call(obj, k))
            throw new PyError('KeyError', JSON.stringify(k));
        return obj[k];
    }
    throw new PyError('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}
function str(v, method) {
    if (typeof v !== 'string')
        throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${method}'`);
    return v;
}
function dict(v, method) {
    if (!isDict(v))
        throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute '${method}'`);
    return v;
}
const strip = (s, chars, start, end) => {
    const set = chars ?? ' \t\n\r\x0b\x0c';
    let a = 0;
    let b = s.length;
    if (start)
        while (a < b && set.includes(s[a]))
            a++;
    if (end)
        while (b > a && set.includes(s[b - 1]))
            b--;
    return s.slice(a, b);
};
const affixes = (v) => (Array.isArray(v) ? v : [String(v)]);
/**
 * Python's semantics on JSON values, for rules translated from Python by `streamalert
 * migrate`: truthiness (an empty list or map is false), `in`, `==` on lists and maps,
 * `record['key']` raising KeyError when the key is missing (the rule then counts as false,
 * as in StreamAlert), `dict.get`, and the str methods raising on a value that is not a string.
 */
const py = {
    truthy: pyTruthy,
    eq: pyEq,
    contains: pyContains,
    iter: pyIter,
    /**
     * `obj[k1][k2]...`: KeyError, IndexError or TypeError as Python raises them. Typed `any`
     * as Python's values are: a translated rule compares and indexes what it returns.
     */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    at(obj, ...keys) {
        let v = obj;
        for (const k of keys)
            v = pyItem(v, k);
        return v;
    },
    /** `obj.get(key, fallback)` */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    get(obj, key, fallback = null) {
        const d = dict(obj, 'get');
        const k = String(key);
        return Object.prototype.hasOwnProperty.call(d, k) ? d[k] : fallback;
    },
    /** `a and b` as a value: `b` only when `a` is truthy. */
    and: (a, b) => (pyTruthy(a) ? b() : a),
    /** `a or b` as a value: `a` when truthy, else `b`. */
    or: (a, b) => (pyTruthy(a) ? a : b()),
    /** `a + b`: numbers add, strings and lists concatenate, anything else is a TypeError. */
    add(a, b) {
        if (typeof a === 'number' && typeof b === 'number')
            return a + b;
        if (typeof a === 'string' && typeof b === 'string')
            return a + b;
        if (Array.isArray(a) && Array.isArray(b))
            return [...a, ...b];
        throw new PyError('TypeError', `unsupported operand types for +: '${typeName(a)}' and '${typeName(b)}'`);
    },
    /** `s.count(x)` of a string or list. */
    count(v, x) {
        if (typeof v === 'string')
            return typeof x === 'string' && x !== '' ? v.split(x).length - 1 : v.length + 1;
        if (Array.isArray(v))
            return v.filter((i) => pyEq(i, x)).length;
        throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'count'`);
    },
    len(v) {
        if (Array.isArray(v) || typeof v === 'string')
            return v.length;
        if (v instanceof Set)
            return v.size;
        if (isDict(v))
            return Object.keys(v).length;
        throw new PyError('TypeError', `object of type '${typeName(v)}' has no len()`);
    },
    any: (v) => pyIter(v).some(pyTruthy),
    all: (v) => pyIter(v).every(pyTruthy),
    keys: (v) => Object.keys(dict(v, 'keys')),
    values: (v) => Object.values(dict(v, 'values')),
    items: (v) => Object.entries(dict(v, 'items')),
    slice(v, start, end) {
        if (typeof v === 'string' || Array.isArray(v))
            return v.slice(start ?? 0, end ?? undefined);
        throw new PyError('TypeError', `'${typeName(v)}' object is not subscriptable`);
    },
    startswith: (v, p) => affixes(p).some((a) => str(v, 'startswith').startsWith(a)),
    endswith: (v, p) => affixes(p).some((a) => str(v, 'endswith').endsWith(a)),
    lower: (v) => str(v, 'lower').toLowerCase(),
    upper: (v) => str(v, 'upper').toUpperCase(),
    strip: (v, chars) => strip(str(v, 'strip'), chars, true, true),
    lstrip: (v, chars) => strip(str(v, 'lstrip'), chars, true, false),
    rstrip: (v, chars) => strip(str(v, 'rstrip'), chars, false, true),
    split(v, sep, max = -1) {
        const s = str(v, 'split');
        const parts = sep == null ? s.split(/\s+/).filter((p) => p !== '') : s.split(sep);
        if (max < 0 || parts.length <= max + 1)
            return parts;
        return [...parts.slice(0, max), parts.slice(max).join(sep ?? ' ')];
    },
    replace: (v, a, b) => str(v, 'replace').split(a).join(b),
    /** `str(v)` for the JSON values a record holds. */
    str(v) {
        if (v === null || v === undefined)
            return 'None';
        if (typeof v === 'boolean')
            return v ? 'True' : 'False';
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
    /** `int(v)`: ValueError for text that is not an integer. */
    int(v) {
        if (typeof v === 'number')
            return Math.trunc(v);
        if (typeof v === 'boolean')
            return Number(v);
        if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v))
            return parseInt(v, 10);
        throw new PyError('ValueError', `invalid literal for int(): ${JSON.stringify(v)}`);
    },
    float(v) {
        const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'number' ? v : NaN;
        if (Number.isNaN(n))
            throw new PyError('ValueError', `could not convert to float: ${JSON.stringify(v)}`);
        return n;
    },
    /** isinstance(v, T) for the names of Python's JSON types. */
    isinstance(v, ...types) {
        const t = typeName(v);
        return types.some((want) => want === t || (want === 'int' && t === 'bool') || (want === 'float' && t === 'int'));
    },
    /** json.loads: ValueError when the text is not JSON. */
    jsonLoads(text) {
        try {
            return JSON.parse(str(text, 'decode'));
        }
        catch (err) {
            if (err instanceof PyError)
                throw err;
            throw new PyError('ValueError', 'not JSON');
        }
    },
    /** ipaddress.IPv4Address(v): the address, or ValueError. */
    ipv4Address(v) {
        if (!validIp(v))
            throw new PyError('ValueError', `${JSON.stringify(v)} is not an IPv4 address`);
        return v;
    },
    /** Whether `err` is the Python exception of one of `types` (`except (KeyError, TypeError):`). */
    raised(err, ...types) {
        if (types.includes('Exception'))
            return true;
        const t = err instanceof PyError ? err.pyType : err instanceof TypeError ? 'TypeError' : 'Exception';
        return (types.includes(t) ||
            (t === 'KeyError' || t === 'IndexError' ? types.includes('LookupError') : false));
    },
};

;// CONCATENATED MODULE: ./src/processors/sigma/compiled.ts
/**
 * A Sigma rule as the build compiles it (src/sigma/compile.ts) and the rule processor runs
 * it (match.ts): plain JSON, one `rules/<path>.sigma.json` per rule file. The YAML, its
 * modifiers and its condition are resolved at build time, so the Lambda carries no YAML
 * parser and a rule that does not compile never reaches it.
 */
/** Bumped when the form changes: a zip built by another version is refused, not misread. */
const SIGMA_FORMAT = 1;
/** What compiled Sigma rules are called in the rules folder of a zip or sandbox. */
const SIGMA_SUFFIX = '.sigma.json';

;// CONCATENATED MODULE: ./src/processors/sigma/match.ts
/** The part of a value a `re` pattern sees (docs/rules.md#sigma-rules says so). */
const RE_INPUT_MAX = 4096;
/** Values a keyword search reads from one record, and how deep it goes. */
const KEYWORD_VALUES_MAX = 10_000;
const DEPTH_MAX = 64;
function push(v, out, depth) {
    if (Array.isArray(v)) {
        if (depth < DEPTH_MAX)
            for (const x of v)
                push(x, out, depth + 1);
    }
    else
        out.values.push(v);
}
function collect(node, rest, out, depth) {
    if (depth > DEPTH_MAX)
        return;
    if (Array.isArray(node)) {
        for (const x of node)
            collect(x, rest, out, depth + 1);
        return;
    }
    if (typeof node !== 'object' || node === null)
        return;
    const obj = node;
    // A key that itself holds dots ("requestParameters.name" as one key) wins over the path.
    if (Object.hasOwn(obj, rest)) {
        out.found = true;
        push(obj[rest], out, depth);
        return;
    }
    for (let dot = rest.indexOf('.'); dot !== -1; dot = rest.indexOf('.', dot + 1)) {
        const key = rest.slice(0, dot);
        if (Object.hasOwn(obj, key)) {
            collect(obj[key], rest.slice(dot + 1), out, depth + 1);
            return;
        }
    }
}
function valuesAt(record, path) {
    const out = { found: false, values: [] };
    collect(record, path, out, 0);
    return out;
}
/** A scalar as Sigma compares it: its text; objects and lists have none. */
function textOf(v) {
    if (typeof v === 'string')
        return v;
    if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
        return String(v);
    return undefined;
}
function segmentAt(text, at, seg) {
    if (at + seg.length > text.length)
        return false;
    for (let i = 0; i < seg.length; i++) {
        const c = seg[i];
        if (c !== undefined && text[at + i] !== c)
            return false;
    }
    return true;
}
/** A compiled wildcard pattern: segments split at `*`; leftmost placement of each is exact for globs. */
function globMatcher(parts, cased) {
    const segments = [[]];
    for (const p of parts) {
        if (p === 0)
            segments.push([]);
        else if (p === 1)
            segments.at(-1).push(undefined);
        else
            for (const c of cased ? p : p.toLowerCase())
                segments.at(-1).push(c);
    }
    const lit = (s) => (s.every((c) => c !== undefined) ? s.join('') : undefined);
    const first = segments[0];
    const last = segments.at(-1);
    // The common shapes as plain string operations.
    if (segments.length === 1) {
        const s = lit(first);
        if (s !== undefined)
            return (t) => t === s;
        return (t) => t.length === first.length && segmentAt(t, 0, first);
    }
    if (segments.length === 2) {
        const [a, b] = [lit(first), lit(last)];
        if (a !== undefined && b !== undefined)
            return (t) => t.length >= a.length + b.length && t.startsWith(a) && t.endsWith(b);
    }
    if (segments.length === 3 && first.length === 0 && last.length === 0) {
        const s = lit(segments[1]);
        if (s !== undefined)
            return (t) => t.includes(s);
    }
    return (t) => {
        if (!segmentAt(t, 0, first))
            return false;
        let at = first.length;
        const end = t.length - last.length;
        if (end < at || !segmentAt(t, end, last))
            return false;
        for (let i = 1; i < segments.length - 1; i++) {
            const seg = segments[i];
            let found = -1;
            for (let j = at; j + seg.length <= end; j++)
                if (segmentAt(t, j, seg)) {
                    found = j;
                    break;
                }
            if (found < 0)
                return false;
            at = found + seg.length;
        }
        return true;
    };
}
/** IPv4 or IPv6 text as its bytes (4 or 16), or undefined. */
function ipBytes(text) {
    if (text.includes(':'))
        return ipv6Bytes(text);
    const parts = text.split('.');
    if (parts.length !== 4)
        return undefined;
    const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
    return bytes.every((b) => b <= 255) ? bytes : undefined;
}
function ipv6Bytes(text) {
    let head = text;
    let tail4 = [];
    // An embedded IPv4 tail (::ffff:10.0.0.1).
    const lastColon = text.lastIndexOf(':');
    if (text.slice(lastColon + 1).includes('.')) {
        const v4 = ipBytes(text.slice(lastColon + 1));
        if (!v4)
            return undefined;
        tail4 = v4;
        head = `${text.slice(0, lastColon + 1)}0:0`;
    }
    const halves = head.split('::');
    if (halves.length > 2)
        return undefined;
    const groups = (s) => (s === '' ? [] : s.split(':'));
    const left = groups(halves[0]);
    const right = halves.length === 2 ? groups(halves[1]) : [];
    const fill = 8 - left.length - right.length;
    if (halves.length === 1 ? fill !== 0 : fill < 1)
        return undefined;
    const all = [...left, ...Array(halves.length === 2 ? fill : 0).fill('0'), ...right];
    const bytes = [];
    for (const g of all) {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g))
            return undefined;
        const n = parseInt(g, 16);
        bytes.push(n >> 8, n & 255);
    }
    if (tail4.length)
        bytes.splice(12, 4, ...tail4);
    return bytes;
}
/** A CIDR block as a test of address bytes; undefined when the block is not one. */
function cidrMatcher(net) {
    const [base, bitsText] = net.split('/');
    const bytes = ipBytes(base ?? '');
    if (!bytes)
        return undefined;
    const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
    if (!/^\d+$/.test(bitsText ?? '0') || bits > bytes.length * 8)
        return undefined;
    return (ip) => {
        const other = ipBytes(ip);
        if (!other || other.length !== bytes.length)
            return false;
        for (let i = 0; i < bits; i += 8) {
            const take = Math.min(8, bits - i);
            const mask = (0xff << (8 - take)) & 0xff;
            if ((other[i / 8] & mask) !== (bytes[i / 8] & mask))
                return false;
        }
        return true;
    };
}
/** A number from a number or a numeric string. */
function numberOf(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? v : undefined;
    if (typeof v === 'string' && v.trim() !== '') {
        const n = Number(v);
        return Number.isFinite(n) ? n : undefined;
    }
    return undefined;
}
/** A date's part (UTC); numbers are Unix seconds, or milliseconds when that large. */
function timePart(v, part) {
    const ms = typeof v === 'number'
        ? Math.abs(v) < 1e11
            ? v * 1000
            : v
        : typeof v === 'string'
            ? Date.parse(v)
            : NaN;
    if (!Number.isFinite(ms))
        return undefined;
    const d = new Date(ms);
    switch (part) {
        case 'minute':
            return d.getUTCMinutes();
        case 'hour':
            return d.getUTCHours();
        case 'day':
            return d.getUTCDate();
        case 'month':
            return d.getUTCMonth() + 1;
        case 'year':
            return d.getUTCFullYear();
        case 'week': {
            // ISO 8601 week number.
            const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
            const day = t.getUTCDay() || 7;
            t.setUTCDate(t.getUTCDate() + 4 - day);
            const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
            return Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
        }
    }
}
function valueTest(test) {
    switch (test.t) {
        case 'glob': {
            const cased = test.c === true;
            const m = globMatcher(test.p, cased);
            return (v) => {
                const text = textOf(v);
                return text !== undefined && m(cased ? text : text.toLowerCase());
            };
        }
        case 're': {
            const re = new RegExp(test.src, test.fl);
            return (v) => {
                const text = textOf(v);
                return text !== undefined && re.test(text.slice(0, RE_INPUT_MAX));
            };
        }
        case 'cidr': {
            const m = cidrMatcher(test.net) ?? (() => false);
            return (v) => typeof v === 'string' && m(v);
        }
        case 'num': {
            const { op, n } = test;
            return (v) => {
                const x = numberOf(v);
                if (x === undefined)
                    return false;
                return op === 'gt'
                    ? x > n
                    : op === 'gte'
                        ? x >= n
                        : op === 'lt'
                            ? x < n
                            : op === 'lte'
                                ? x <= n
                                : x === n;
            };
        }
        case 'null':
            return (v) => v === null || v === undefined;
        case 'exists':
            // Decided on the field as a whole (fieldTest); never reached per value.
            return () => false;
        case 'ref': {
            const cased = test.c === true;
            const norm = (s) => (cased ? s : s.toLowerCase());
            const { f, mode } = test;
            return (v, record) => {
                const text = textOf(v);
                if (text === undefined)
                    return false;
                const mine = norm(text);
                for (const o of valuesAt(record, f).values) {
                    const other = textOf(o);
                    if (other === undefined)
                        continue;
                    const theirs = norm(other);
                    if (mode === 'eq'
                        ? mine === theirs
                        : mode === 'contains'
                            ? mine.includes(theirs)
                            : mode === 'startswith'
                                ? mine.startsWith(theirs)
                                : mine.endsWith(theirs))
                        return true;
                }
                return false;
            };
        }
    }
}
function fieldPredicate(e) {
    const { field, all, neq, part } = e;
    const exists = e.tests.find((t) => t.t === 'exists');
    if (exists && exists.t === 'exists') {
        const want = exists.v;
        return (r) => (valuesAt(r, field).found === want) !== (neq === true);
    }
    const tests = e.tests.map((t) => ({ test: valueTest(t), isNull: t.t === 'null' }));
    const read = (r) => {
        const { found, values } = valuesAt(r, field);
        const list = found ? values : [undefined];
        if (!part)
            return list;
        return list.map((v) => (v === undefined || v === null ? v : timePart(v, part)));
    };
    const one = (t, values, r) => {
        for (const v of values)
            if ((t.isNull || v !== undefined) && t.test(v, r))
                return true;
        return false;
    };
    const match = all
        ? (r) => {
            const values = read(r);
            return tests.every((t) => one(t, values, r));
        }
        : (r) => {
            const values = read(r);
            return tests.some((t) => one(t, values, r));
        };
    return neq ? (r) => !match(r) : match;
}
/** Every scalar of the record (bounded), for keyword searches. */
function scalars(node, out, depth) {
    if (out.length >= KEYWORD_VALUES_MAX || depth > DEPTH_MAX)
        return;
    if (Array.isArray(node))
        for (const x of node)
            scalars(x, out, depth + 1);
    else if (typeof node === 'object' && node !== null)
        for (const k in node)
            scalars(node[k], out, depth + 1);
    else if (node !== null && node !== undefined)
        out.push(node);
}
function keywordPredicate(e) {
    const tests = e.keywords.map(valueTest);
    return (r) => {
        const values = [];
        scalars(r, values, 0);
        const hit = (t) => values.some((v) => t(v, r));
        return e.all ? tests.every(hit) : tests.some(hit);
    };
}
/** The detection as a predicate of a record; throws only on a form the build never writes. */
function sigmaPredicate(e) {
    if ('and' in e) {
        const ps = e.and.map(sigmaPredicate);
        return (r) => ps.every((p) => p(r));
    }
    if ('or' in e) {
        const ps = e.or.map(sigmaPredicate);
        return (r) => ps.some((p) => p(r));
    }
    if ('not' in e) {
        const p = sigmaPredicate(e.not);
        return (r) => !p(r);
    }
    if ('field' in e)
        return fieldPredicate(e);
    if ('keywords' in e)
        return keywordPredicate(e);
    if ('bool' in e)
        return () => e.bool;
    throw new Error(`unknown Sigma expression ${JSON.stringify(e).slice(0, 100)}`);
}

;// CONCATENATED MODULE: ./src/processors/sigma/rule.ts
/**
 * A compiled Sigma rule (compiled.ts) as a rule like any other: the rules engine, merging,
 * staging, outputs and fixtures treat it exactly as a rule file's `rule({...})`.
 */



const isSeverity = (v) => typeof v === 'string' && rules_api_SEVERITIES.includes(v);
/** The rule of a compiled Sigma file's JSON text; throws naming `file` when it is not one. */
function sigmaRule(text, file) {
    const c = JSON.parse(text);
    if (c?.format !== SIGMA_FORMAT)
        throw new Error(`${file}: compiled Sigma rule of format ${String(c?.format)}, this processor reads ${SIGMA_FORMAT}: rebuild`);
    return rule({
        name: c.name,
        description: c.description ? `${c.title}: ${c.description}` : c.title,
        logs: c.logs,
        outputs: c.outputs,
        ...(c.merge_window_mins !== undefined ? { merge_window_mins: c.merge_window_mins } : {}),
        ...(c.merge_by_keys !== undefined ? { merge_by_keys: c.merge_by_keys } : {}),
        ...(c.threshold !== undefined ? { threshold: c.threshold } : {}),
        ...(c.staged === true ? { staged: true } : {}),
        ...(isSeverity(c.level) ? { severity: c.level } : {}),
        ...(c.id !== undefined ? { id: c.id } : {}),
        ...(c.tags !== undefined ? { tags: c.tags } : {}),
        ...(c.references !== undefined ? { references: c.references } : {}),
        rule: sigmaPredicate(c.detection),
    });
}

;// CONCATENATED MODULE: ./src/processors/sigma/correlation.ts
/**
 * A Sigma correlation rule (specification v2, correlation rules) as the build compiles it
 * (src/sigma/correlation.ts) and the evaluator runs it (correlate.ts): plain JSON, one
 * `rules/<path>.correlation.json` per file, its referenced rules already resolved to the
 * names of compiled Sigma rules, so a reference that names nothing never reaches a run.
 */

/** What compiled correlation rules are called in the rules folder of a zip or sandbox. */
const CORRELATION_SUFFIX = '.correlation.json';
const CORRELATION_TYPES = (/* unused pure expression or super */ null && ([
    'event_count',
    'value_count',
    'temporal',
    'temporal_ordered',
    // Our extension, not Sigma v2: an expected event did not arrive within the timespan.
    'absence',
]));
const CONDITION_OPS = (/* unused pure expression or super */ null && (['gt', 'gte', 'lt', 'lte', 'eq']));
/** True when `count` satisfies every bound of `c`. */
function conditionHolds(c, count) {
    return ((c.gt === undefined || count > c.gt) &&
        (c.gte === undefined || count >= c.gte) &&
        (c.lt === undefined || count < c.lt) &&
        (c.lte === undefined || count <= c.lte) &&
        (c.eq === undefined || count === c.eq));
}
/** Reads a compiled correlation's JSON text; throws naming `file` when it is not one. */
function parseCorrelation(text, file) {
    const c = JSON.parse(text);
    if (c?.format !== SIGMA_FORMAT || c.kind !== 'correlation')
        throw new Error(`${file}: compiled Sigma correlation of format ${String(c?.format)}, this processor reads ${SIGMA_FORMAT}: rebuild`);
    return c;
}

;// CONCATENATED MODULE: ./src/processors/rules/load.ts
/**
 * Loads rule modules (ES modules already transpiled to .mjs) from a folder: every
 * export made with `rule()` (or an array of them) is a rule. Used by the Lambda at cold
 * start and by `build`/`test`, so a rule behaves the same in both.
 */







/** How deep the compiled rules folder goes, and how many files it may hold (the build checks the same). */
const RULES_MAX_DEPTH = 8;
const RULES_MAX_FILES = 5000;
/** Rule modules (.mjs) and compiled Sigma rules (.sigma.json) under `dir`, as sorted relative paths. */
async function ruleEntries(dir, wanted = (n) => n.endsWith('.mjs') || n.endsWith(SIGMA_SUFFIX)) {
    const found = [];
    const walk = async (rel, depth) => {
        let entries;
        try {
            entries = await (0,promises_namespaceObject.readdir)(external_node_path_default().join(dir, rel), { withFileTypes: true });
        }
        catch (err) {
            if (err.code === 'ENOENT' && rel === '')
                return;
            throw err;
        }
        for (const e of entries) {
            const name = rel === '' ? e.name : `${rel}/${e.name}`;
            // Links are never followed: the build writes plain files and folders only.
            if (e.isDirectory() && depth < RULES_MAX_DEPTH)
                await walk(name, depth + 1);
            else if (e.isFile() && wanted(e.name))
                found.push(name);
            if (found.length > RULES_MAX_FILES)
                throw new Error(`${dir}: more than ${RULES_MAX_FILES} rule files`);
        }
    };
    await walk('', 0);
    return found.sort();
}
/**
 * `beforeFile` is told each module file before it is imported (the rule sandbox marks progress with it).
 * Files are named by their path relative to `dir` (with `/`), in `LoadedRule.file` too.
 */
async function importRules(dir, beforeFile) {
    const names = await ruleEntries(dir);
    const loaded = [];
    for (const [index, name] of names.entries()) {
        const file = external_node_path_default().join(dir, ...name.split('/'));
        beforeFile?.(name, index);
        if (name.endsWith(SIGMA_SUFFIX)) {
            loaded.push({ rule: sigmaRule(await (0,promises_namespaceObject.readFile)(file, 'utf8'), name), file: name });
            continue;
        }
        // webpackIgnore: the bundler must leave this import to Node, the files exist only at run time.
        const mod = (await import(/* webpackIgnore: true */ (0,external_node_url_namespaceObject.pathToFileURL)(file).href));
        for (const key of Object.keys(mod).sort()) {
            const value = mod[key];
            for (const candidate of Array.isArray(value) ? value : [value]) {
                if (isRule(candidate))
                    loaded.push({ rule: candidate, file: name });
            }
        }
    }
    return loaded;
}
/** The compiled Sigma correlation rules (.correlation.json) under `dir`, sorted by file. */
async function importCorrelations(dir) {
    const names = await ruleEntries(dir, (n) => n.endsWith(CORRELATION_SUFFIX));
    const out = [];
    for (const name of names)
        out.push({
            correlation: parseCorrelation(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(dir, ...name.split('/')), 'utf8'), name),
            file: name,
        });
    return out;
}
/** Every output a rule's dynamic_outputs declare (dynamicOutput), or undefined when none do. */
function declaredDynamicOutputs(r) {
    if (!Array.isArray(r.dynamic_outputs))
        return undefined;
    const declared = r.dynamic_outputs.flatMap((fn) => {
        const outputs = typeof fn === 'function' ? fn.outputs : undefined;
        return Array.isArray(outputs) ? outputs.filter((o) => typeof o === 'string') : [];
    });
    return declared.length > 0 ? [...new Set(declared)] : undefined;
}
/** Problems with the rules themselves (shape, duplicates); one line each. */
/** A JSON value: null, a boolean, a finite number, a string, or lists and plain objects of them. */
function isJson(v, depth = 0) {
    if (v === null || typeof v === 'string' || typeof v === 'boolean')
        return true;
    if (typeof v === 'number')
        return Number.isFinite(v);
    if (typeof v !== 'object' || depth > 32)
        return false;
    if (Array.isArray(v))
        return v.every((x) => isJson(x, depth + 1));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
        return false;
    return Object.values(v).every((x) => isJson(x, depth + 1));
}
/** A plain object of JSON values (the context travels inside the alert's SNS message). */
function isJsonObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) && isJson(v);
}
function checkRuleShapes(loaded) {
    const problems = [];
    const seen = new Map();
    for (const { rule: r, file } of loaded) {
        const at = (m) => problems.push(`${file}: rule ${JSON.stringify(r.name)}: ${m}`);
        if (typeof r.name !== 'string' || !/^[A-Za-z0-9_-]+$/.test(r.name))
            at('name must be letters, digits, _ or -');
        const hasDatatypes = Array.isArray(r.datatypes) && r.datatypes.length > 0;
        if (r.datatypes !== undefined &&
            (!Array.isArray(r.datatypes) || !r.datatypes.every((t) => typeof t === 'string' && t !== '')))
            at('datatypes must be a list of normalized type names from conf/types.json');
        if (r.logs === undefined
            ? !hasDatatypes
            : !Array.isArray(r.logs) ||
                (r.logs.length === 0 && !hasDatatypes) ||
                !r.logs.every((l) => typeof l === 'string')) {
            at('logs must be a non-empty list of log names (or leave logs out and give datatypes: the rule then runs on every log)');
        }
        if (!Array.isArray(r.outputs) || !r.outputs.every((o) => typeof o === 'string'))
            at('outputs must be a list of "service:descriptor" strings');
        if (typeof r.rule !== 'function')
            at('rule must be a function of the record');
        if (r.matchers !== undefined &&
            (!Array.isArray(r.matchers) || !r.matchers.every((m) => typeof m === 'function')))
            at('matchers must be a list of functions');
        if (r.dynamic_outputs !== undefined &&
            (!Array.isArray(r.dynamic_outputs) ||
                !r.dynamic_outputs.every((f) => typeof f === 'function')))
            at('dynamic_outputs must be a list of functions of the record (or dynamicOutput(...) calls)');
        if (r.context !== undefined && !isJsonObject(r.context))
            at('context must be an object of JSON values keyed by output service (e.g. { "carbonblack": { "action": "ban" } })');
        problems.push(...mergeProblems(r).map((m) => `${file}: rule ${JSON.stringify(r.name)}: ${m}`));
        if (r.severity !== undefined && !SEVERITIES.includes(r.severity))
            at(`severity must be one of ${SEVERITIES.join(', ')}`);
        if (r.id !== undefined && typeof r.id !== 'string')
            at('id must be a string');
        for (const key of ['tags', 'references'])
            if (r[key] !== undefined &&
                (!Array.isArray(r[key]) || !r[key].every((t) => typeof t === 'string')))
                at(`${key} must be a list of strings`);
        if (r.staged !== undefined && typeof r.staged !== 'boolean')
            at('staged must be true or false (write `staged: true` so promote can remove it)');
        const before = seen.get(r.name);
        if (before !== undefined)
            at(`is also defined in ${before}`);
        seen.set(r.name, file);
    }
    return problems;
}
/** The longest merge window: the state table keeps a match for its window plus a day. */
const MAX_MERGE_WINDOW_MINS = 7 * 24 * 60;
/** Problems with a rule's merge_by_keys, merge_window_mins and threshold. */
function mergeProblems(r) {
    const problems = [];
    const window = r.merge_window_mins;
    if (window !== undefined &&
        (!Number.isInteger(window) || window < 1 || window > MAX_MERGE_WINDOW_MINS))
        problems.push(`merge_window_mins must be a whole number of minutes from 1 to ${MAX_MERGE_WINDOW_MINS}`);
    if (r.merge_by_keys !== undefined) {
        if (!Array.isArray(r.merge_by_keys) ||
            r.merge_by_keys.length === 0 ||
            !r.merge_by_keys.every((k) => typeof k === 'string' && /^[^.]+(\.[^.]+)*$/.test(k)))
            problems.push('merge_by_keys must be a non-empty list of dotted paths into the record (e.g. "userIdentity.arn")');
        if (window === undefined)
            problems.push('merge_by_keys needs merge_window_mins');
    }
    if (r.threshold !== undefined) {
        if (!Number.isInteger(r.threshold) || r.threshold < 1)
            problems.push('threshold must be a whole number of matches, at least 1');
        if (window === undefined)
            problems.push('threshold needs merge_window_mins');
    }
    return problems;
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

;// CONCATENATED MODULE: ./src/processors/rule-processor/generation.ts
/**
 * What classification does differently per StreamAlert generation. Each switch is one
 * difference measured against StreamAlert's own classifier (1.5: stream_alert/rule_processor
 * v1.5.0; 1.6-2.x: v1.6.1 and v2.0.0; 3.x: streamalert/classifier v3.0.0 to v3.5.0), so the
 * parsers ask a named question instead of comparing version strings.
 * docs/streamalert-migration.md#classification-by-generation lists them for users.
 */

/** Where the build puts the generation in the rule processor's zip. */
const GENERATION_FILE = 'conf/generation.json';
/** The generation a zip's generation.json names; an older zip without one: the default. */
function generationIn(doc) {
    const g = doc?.generation;
    return GENERATIONS.includes(g) ? g : DEFAULT_GENERATION;
}
const V1 = {
    jsonPath: 'jsonpath',
    arrayPayloads: false,
    keepFalsy: false,
    listsChecked: false,
    perRecord: false,
    strictPayloadShape: false,
    patterns: 'all',
    wholeS3Document: false,
};
const SEMANTICS = {
    '1.5': { ...V1, generation: '1.5', jsonPathFallback: true },
    '1.6-2.x': { ...V1, generation: '1.6-2.x', jsonPathFallback: false },
    '3.x': {
        generation: '3.x',
        jsonPath: 'jmespath',
        jsonPathFallback: false,
        arrayPayloads: true,
        keepFalsy: true,
        listsChecked: true,
        perRecord: true,
        strictPayloadShape: true,
        patterns: 'first-nested',
        wholeS3Document: true,
    },
};
function semanticsOf(generation = DEFAULT_GENERATION) {
    return SEMANTICS[generation];
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/schema.ts
function isPlainObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** A record's own key: a key only Object.prototype has (such as "constructor") is missing. */
const OWN = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
/** Why a value did not convert; `path` is a JSON pointer inside the record. */
class ConversionFailure {
    path;
    value;
    expected;
    constructor(path, value, expected) {
        this.path = path;
        this.value = value;
        this.expected = expected;
    }
    get message() {
        return this.value === undefined
            ? `${this.path || '/'}: missing (${this.expected})`
            : `${this.path}: ${pyRepr(this.value)} is not ${this.expected}`;
    }
}
// ---- Python's conversions, on the values JSON.parse gives (null, boolean, number, string, object, array).
/** Python's str() of a float, for the values JSON gives: integral numbers print as ints. */
function pyNumber(n) {
    if (Number.isNaN(n))
        return 'nan';
    if (!Number.isFinite(n))
        return n > 0 ? 'inf' : '-inf';
    if (Number.isInteger(n) && Math.abs(n) < 1e16)
        return String(n);
    // Python writes exponents with at least two digits (1e-07) and from 1e16 on.
    const text = Math.abs(n) >= 1e16 && !String(n).includes('e') ? n.toExponential() : String(n);
    return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
/** str(value) as Python prints JSON-decoded values; lists and maps print as JSON (a documented difference). */
function pyStr(v) {
    if (typeof v === 'string')
        return v;
    if (v === null || v === undefined)
        return 'None';
    if (v === true)
        return 'True';
    if (v === false)
        return 'False';
    if (typeof v === 'number')
        return pyNumber(v);
    return JSON.stringify(v);
}
/** A value in a message, as the JSON it came from (null, not Python's None). */
function pyRepr(v) {
    const text = typeof v === 'number' ? pyStr(v) : v === undefined ? 'undefined' : JSON.stringify(v);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
// Python's int() and float() accept surrounding whitespace.
const PY_SPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;
const INT_TEXT = /^[+-]?\d+$/;
const PLAIN_DECIMAL = /^[+-]?\d+(?:\.\d+)?$/;
const FLOAT_TEXT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)$/i;
/**
 * Number(v) for a text of at most 15 characters that INT_TEXT takes (an optional sign, then
 * digits: exact in a double), else undefined (the regex path decides).
 */
function shortInteger(v) {
    const len = v.length;
    if (len === 0 || len > 15)
        return undefined;
    const first = v.charCodeAt(0);
    const signed = first === 0x2b || first === 0x2d;
    if (signed && len === 1)
        return undefined;
    let x = 0;
    for (let i = signed ? 1 : 0; i < len; i++) {
        const d = v.charCodeAt(i) - 0x30;
        if (d < 0 || d > 9)
            return undefined;
        x = x * 10 + d;
    }
    return first === 0x2d ? -x : x;
}
function toInteger(v) {
    if (typeof v === 'number')
        return Number.isFinite(v) ? Math.trunc(v) : undefined;
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    if (typeof v === 'string') {
        // Most values are short digit strings (ports, byte counts, epoch seconds in flow logs,
        // csv and kv): read with a character loop, a third of the regex test plus Number.
        const digits = shortInteger(v);
        if (digits !== undefined)
            return digits;
        // Most values have no surrounding space: test before making a trimmed copy.
        if (INT_TEXT.test(v))
            return Number(v);
        const s = v.replace(PY_SPACE, '');
        return s !== v && INT_TEXT.test(s) ? Number(s) : undefined;
    }
    return undefined;
}
function toFloat(v) {
    if (typeof v === 'number')
        return v;
    if (typeof v === 'boolean')
        return v ? 1 : 0;
    if (typeof v === 'string') {
        // Most values are plain decimals ("0.412"), which Number reads as float() does: tested
        // first, before the copies the general reading below makes.
        if (PLAIN_DECIMAL.test(v))
            return Number(v);
        const s = v.replace(PY_SPACE, '');
        if (!FLOAT_TEXT.test(s))
            return undefined;
        const word = s.replace(/^[+-]/, '').toLowerCase();
        if (word === 'nan')
            return Number.NaN;
        if (word.startsWith('inf'))
            return s.startsWith('-') ? -Infinity : Infinity;
        return Number(s);
    }
    return undefined;
}
const CONVERTERS = {
    string: pyStr,
    integer: toInteger,
    float: toFloat,
    // "True" and "False" (Python's own spelling) are answered without a lowercased copy.
    boolean: (v) => v === 'True' || (v !== 'False' && pyStr(v).toLowerCase() === 'true'),
};
const EXPECTED = {
    string: 'a string',
    integer: 'an integer',
    float: 'a float',
    boolean: 'a boolean',
};
function fieldFor(type, required) {
    if (Array.isArray(type))
        return { required, list: true };
    if (typeof type === 'object')
        return Object.keys(type).length === 0
            ? { required }
            : { required, nested: compileSchema(type) };
    const scalar = type === 'ipaddress' ? 'string' : type;
    return { required, scalar, convert: CONVERTERS[scalar] };
}
/** The value StreamAlert filled in for a missing optional key: the type's empty value. */
function defaultFor(type) {
    if (Array.isArray(type))
        return [];
    if (typeof type === 'object')
        return {};
    return { string: '', ipaddress: '', integer: 0, float: 0, boolean: false }[type];
}
function compileSchema(schema, optionalKeys = [], open = false) {
    const optional = new Map();
    for (const key of optionalKeys) {
        const type = schema[key];
        if (type !== undefined)
            optional.set(key, type);
    }
    const fields = new Map();
    for (const [key, type] of Object.entries(schema))
        fields.set(key, fieldFor(type, !optional.has(key)));
    const keys = Object.keys(schema);
    return {
        keys,
        fields,
        optional,
        requiredCount: keys.length - optional.size,
        ...(open ? { open: true } : {}),
    };
}
/** The schema with `key` required and holding the non-empty nested `schema` (the envelope key). */
function withNestedField(schema, key, nested) {
    const fields = new Map(schema.fields);
    const wasOptional = fields.get(key)?.required === false;
    fields.set(key, { required: true, nested });
    const optional = new Map(schema.optional);
    optional.delete(key);
    const keys = schema.keys.includes(key) ? schema.keys : [...schema.keys, key];
    return {
        keys,
        fields,
        optional,
        requiredCount: schema.requiredCount + (schema.keys.includes(key) && !wasOptional ? 0 : 1),
        ...(schema.open ? { open: true } : {}),
    };
}
/**
 * StreamAlert's key check: exactly the schema's keys (optional ones may be missing), nested
 * schemas alike; an `open` schema takes other keys besides (its own level only). One pass
 * over the record's own keys; the required ones are counted rather than looked up
 * afterwards (a lookup of a missing key on records of many shapes is slow).
 */
function keysMatch(value, schema) {
    if (!isPlainObject(value))
        return false;
    let required = 0;
    for (const key in value) {
        const field = schema.fields.get(key);
        if (field === undefined) {
            if (schema.open)
                continue;
            return false;
        }
        if (field.required)
            required++;
        if (field.nested && !keysMatch(value[key], field.nested))
            return false;
    }
    return required === schema.requiredCount;
}
/** Names the keys that differ, for the unclassified report. */
function keyDifference(value, schema) {
    if (!isPlainObject(value))
        return `not a JSON object (${Array.isArray(value) ? 'an array' : pyRepr(value)})`;
    const extra = schema.open ? [] : Object.keys(value).filter((k) => !schema.fields.has(k));
    const missing = schema.keys.filter((k) => !OWN(value, k) && !schema.optional.has(k));
    const nested = schema.keys.filter((k) => OWN(value, k) &&
        schema.fields.get(k)?.nested &&
        !keysMatch(value[k], schema.fields.get(k).nested));
    const parts = [];
    if (missing.length)
        parts.push(`missing ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
    if (extra.length)
        parts.push(`unexpected ${extra.slice(0, 5).join(', ')}${extra.length > 5 ? ` and ${extra.length - 5} more` : ''}`);
    if (nested.length)
        parts.push(`nested keys differ under ${nested.join(', ')}`);
    return `keys differ from the schema: ${parts.join('; ') || 'shape differs'}`;
}
/**
 * The record with its values converted and missing optional keys filled in, or the first
 * value that does not convert. Keys the schema does not name (none after `keysMatch`) are
 * kept as they are. The straightforward walk: `compileConverter` gives the same result
 * faster, and falls back to this one for every record it does not take on its fast path.
 */
function convert(value, schema, at = '') {
    const out = {};
    for (const key in value) {
        const v = value[key];
        const field = schema.fields.get(key);
        if (field === undefined) {
            out[key] = v;
        }
        else if (field.convert) {
            const converted = field.convert(v);
            if (converted === undefined)
                return new ConversionFailure(`${at}/${key}`, v, EXPECTED[field.scalar]);
            out[key] = converted;
        }
        else if (field.nested) {
            if (!isPlainObject(v))
                return new ConversionFailure(`${at}/${key}`, v, 'a JSON object');
            const nested = convert(v, field.nested, `${at}/${key}`);
            if (nested instanceof ConversionFailure)
                return nested;
            out[key] = nested;
        }
        else {
            out[key] = v;
        }
    }
    return fillMissing(value, schema, at, out);
}
/**
 * The schema's keys the record lacks: optional ones get their type's default, a missing
 * required one fails the conversion. Shared by both conversions.
 */
function fillMissing(value, schema, at, out) {
    for (const key of schema.keys) {
        if (OWN(value, key))
            continue;
        const type = schema.optional.get(key);
        if (type === undefined)
            return new ConversionFailure(`${at}/${key}`, undefined, 'a required key');
        // Each record gets its own {} or [] so a rule mutating one cannot leak into another.
        out[key] = defaultFor(type);
    }
    return out;
}
/** Python's truth of a JSON value: null, false, 0, "", [] and {} are false. */
function schema_pyTruthy(v) {
    if (Array.isArray(v))
        return v.length > 0;
    if (isPlainObject(v))
        return Object.keys(v).length > 0;
    return v !== null && v !== undefined && v !== false && v !== 0 && v !== '';
}
/**
 * StreamAlert 3's conversion (ParserBase._convert_type): a value Python finds false is left
 * as it is (null stays null, 0 stays 0 even for a string field), and a `[]` field must hold
 * a list. Missing optional keys are filled in as in `convert`. The plain walk: StreamAlert 3
 * confs are not on the generated fast path.
 */
function convertKeepingFalsy(value, schema, at = '') {
    const out = {};
    for (const key in value) {
        const v = value[key];
        const field = schema.fields.get(key);
        if (field === undefined || !schema_pyTruthy(v)) {
            out[key] = v;
        }
        else if (field.convert) {
            const converted = field.convert(v);
            if (converted === undefined)
                return new ConversionFailure(`${at}/${key}`, v, EXPECTED[field.scalar]);
            out[key] = converted;
        }
        else if (field.nested) {
            if (!isPlainObject(v))
                return new ConversionFailure(`${at}/${key}`, v, 'a JSON object');
            const nested = convertKeepingFalsy(v, field.nested, `${at}/${key}`);
            if (nested instanceof ConversionFailure)
                return nested;
            out[key] = nested;
        }
        else if (field.list && !Array.isArray(v)) {
            return new ConversionFailure(`${at}/${key}`, v, 'a list');
        }
        else {
            out[key] = v;
        }
    }
    return fillMissing(value, schema, at, out);
}
/** StreamAlert 3's converter of `schema` (see convertKeepingFalsy), shaped as compileConverter's. */
function compileFalsyKeepingConverter(schema, envelopeKey) {
    return (value, envelope) => convertKeepingFalsy(envelope === undefined || envelopeKey === undefined
        ? value
        : { ...value, [envelopeKey]: envelope }, schema);
}
/** The converter of a generation: StreamAlert 3 keeps false values (see convertKeepingFalsy). */
function converterFor(schema, keepFalsy, envelopeKey) {
    return keepFalsy
        ? compileFalsyKeepingConverter(schema, envelopeKey)
        : compileConverter(schema, envelopeKey);
}
// ---- The compiled converter: one function per schema, generated once.
/** Returned by a generated converter for a record off its fast path (a value that does not convert, an inherited key). */
const SLOW = Symbol('slow');
/**
 * A converter for `schema` that builds every typed record as one object literal with the
 * schema's keys in the schema's order, so all records of a log share one hidden class and
 * no intermediate object is made. Values convert as `convert` does; a record the fast path
 * cannot decide exactly (a value that does not convert, so the first failure in the
 * record's own key order is reported; a key the schema does not name; a missing required
 * key; a key present with the value undefined) goes through `convert`, so results and
 * failure messages are the same.
 *
 * The record's values are read in one for-in pass over its own keys, each stored in the
 * slot of its schema key. Records of one log come in many shapes (every optional key may
 * be missing), and reading the schema's keys by name from objects of that many hidden
 * classes, missing ones included, cost about as much as JSON.parse of the record; the
 * for-in pass reads each value by its field index instead.
 * `envelopeKey`: that key's value comes from the converter's second argument when given
 * (the envelope, attached without copying the record first).
 */
function compileConverter(schema, envelopeKey) {
    const fast = generate(schema, envelopeKey);
    return (value, envelope) => {
        const out = fast(value, envelope);
        if (out !== SLOW)
            return out;
        return convert(envelope === undefined || envelopeKey === undefined
            ? value
            : { ...value, [envelopeKey]: envelope }, schema);
    };
}
function compileSlotConverter(schema, at = schema.keys.map((_, i) => i)) {
    const fast = generate(schema, undefined, at);
    return (values) => {
        const out = fast(values);
        return out === SLOW ? undefined : out;
    };
}
/** With `at`, the generated function reads its values from an array (see compileSlotConverter). */
function generate(schema, envelopeKey, at) {
    const slots = new Map(schema.keys.map((key, i) => [key, i]));
    const deps = [SLOW, isPlainObject, slots];
    const dep = (v) => {
        deps.push(v);
        return `d${deps.length - 1}`;
    };
    const lines = [];
    const props = [];
    schema.keys.forEach((key, i) => {
        const k = JSON.stringify(key);
        const x = `x${i}`;
        const field = schema.fields.get(key);
        lines.push(`var ${x} = s[${at ? at[i] : i}];`);
        if (key === envelopeKey)
            lines.push(`if (e !== undefined) ${x} = e;`);
        const optional = schema.optional.get(key);
        const missing = optional === undefined
            ? 'return d0;'
            : `${x} = ${Array.isArray(optional) ? '[]' : typeof optional === 'object' ? '{}' : JSON.stringify(defaultFor(optional))};`;
        let convertValue = '';
        if (field.convert) {
            const fn = dep(field.convert);
            convertValue =
                field.scalar === 'string'
                    ? `if (typeof ${x} !== 'string') ${x} = ${fn}(${x});`
                    : field.scalar === 'integer'
                        ? `if (typeof ${x} !== 'number' || !Number.isInteger(${x})) { ${x} = ${fn}(${x}); if (${x} === undefined) return d0; }`
                        : field.scalar === 'float'
                            ? `if (typeof ${x} !== 'number') { ${x} = ${fn}(${x}); if (${x} === undefined) return d0; }`
                            : `if (typeof ${x} !== 'boolean') ${x} = ${fn}(${x});`;
        }
        else if (field.nested) {
            const fn = dep(generate(field.nested));
            convertValue = `if (!d1(${x})) return d0; ${x} = ${fn}(${x}); if (${x} === d0) return d0;`;
        }
        lines.push(`if (${x} === undefined) { ${missing} }${convertValue ? ` else { ${convertValue} }` : ''}`);
        // "__proto__" as a literal key would set the prototype: computed keys never do.
        props.push(key === '__proto__' ? `[${k}]: ${x}` : `${k}: ${x}`);
    });
    // The for-in pass: `v[k]` with k the loop's own key is read by field index. Enumerable
    // inherited keys (never on JSON.parse output) are refused like foreign ones.
    const read = `var s = new Array(${schema.keys.length});
for (var k in v) {
  var i = d2.get(k);
  if (i === undefined) return d0;
  var value = v[k];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(v, k)) return d0;
  s[i] = value;
}`;
    const body = `${at ? 'var s = v;' : read}\n${lines.join('\n')}\nreturn { ${props.join(', ')} };`;
    const names = deps.map((_, i) => `d${i}`);
    const factory = new Function(...names, `return function convertRecord(v, e) {\n${body}\n};`);
    return factory(...deps);
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/log-patterns.ts

/** Python's fnmatch.translate, as a RegExp. */
function fnmatchToRegExp(pattern) {
    let re = '';
    const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*')
            re += '[\\s\\S]*';
        else if (c === '?')
            re += '[\\s\\S]';
        else if (c === '[') {
            let j = i + 1;
            if (pattern[j] === '!')
                j++;
            if (pattern[j] === ']')
                j++;
            while (j < pattern.length && pattern[j] !== ']')
                j++;
            if (j >= pattern.length) {
                re += '\\[';
                continue;
            }
            let body = pattern.slice(i + 1, j);
            const negate = body.startsWith('!');
            if (negate)
                body = body.slice(1);
            // Inside a class only backslash, ']' and '^' need escaping; '-' keeps its range meaning.
            body = body.replace(/[\\\]^]/g, '\\$&');
            re += `[${negate ? '^' : ''}${body}]`;
            i = j;
        }
        else
            re += escape(c);
    }
    return new RegExp(`^${re}$`);
}
function compilePatterns(patterns, mode = 'all') {
    if (mode === 'first-nested')
        return firstNested(patterns);
    const checks = [];
    for (const [field, spec] of Object.entries(patterns)) {
        if (Array.isArray(spec)) {
            const res = spec.map(fnmatchToRegExp);
            checks.push((r) => !(field in r) || res.some((re) => re.test(pyStr(r[field]))));
        }
        else {
            const nested = compilePatterns(spec);
            checks.push((r) => {
                const v = r[field];
                return v === undefined || (isPlainObject(v) && nested(v));
            });
        }
    }
    return (r) => checks.every((c) => c(r));
}
/** StreamAlert 3's ParserBase._matches_log_patterns. */
function firstNested(patterns) {
    const steps = Object.entries(patterns).map(([field, spec]) => Array.isArray(spec)
        ? { field, res: spec.map(fnmatchToRegExp) }
        : { field, nested: firstNested(spec) });
    return (r) => {
        let result = true;
        for (const step of steps) {
            if (step.nested) {
                const v = r[step.field];
                return isPlainObject(v) && step.nested(v);
            }
            if (!Object.prototype.hasOwnProperty.call(r, step.field))
                return false;
            const text = pyStr(r[step.field]);
            result = result && step.res.some((re) => re.test(text));
        }
        return result;
    };
}

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

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/envelope.ts


const ENVELOPE_KEY = 'streamalert:envelope_keys';
function compileEnvelope(log, optionalTopLevelKeys = [], semantics = semanticsOf()) {
    if (!log.envelopeKeys)
        return undefined;
    const keys = Object.keys(log.envelopeKeys);
    const optional = new Set(log.optionalEnvelopeKeys);
    const required = keys.filter((k) => !optional.has(k));
    const schema = compileSchema({ ...log.schema, [ENVELOPE_KEY]: log.envelopeKeys }, optionalTopLevelKeys, log.extraTopLevelKeys);
    // The nested envelope schema must know its optional keys, so conversion fills them in.
    const withFields = withNestedField(schema, ENVELOPE_KEY, compileSchema(log.envelopeKeys, log.optionalEnvelopeKeys));
    return {
        schema: withFields,
        convert: converterFor(withFields, semantics.keepFalsy, ENVELOPE_KEY),
        pick(payload) {
            if (!isPlainObject(payload) || !required.every((k) => k in payload))
                return undefined;
            const picked = {};
            for (const k of keys)
                if (k in payload)
                    picked[k] = payload[k];
            return picked;
        },
    };
}
/** The record with the envelope added (a copy): for log_patterns and for the unclassified report, not the hot path. */
function withEnvelope(record, envelope) {
    return envelope ? { ...record, [ENVELOPE_KEY]: envelope } : record;
}

;// CONCATENATED MODULE: external "vm"
const external_vm_namespaceObject = require("vm");
;// CONCATENATED MODULE: ./node_modules/jsonpath-plus/dist/index-node-esm.js


/**
 * @implements {IHooks}
 */
class Hooks {
  /**
   * @callback HookCallback
   * @this {*|Jsep} this
   * @param {Jsep} env
   * @returns: void
   */
  /**
   * Adds the given callback to the list of callbacks for the given hook.
   *
   * The callback will be invoked when the hook it is registered for is run.
   *
   * One callback function can be registered to multiple hooks and the same hook multiple times.
   *
   * @param {string|object} name The name of the hook, or an object of callbacks keyed by name
   * @param {HookCallback|boolean} callback The callback function which is given environment variables.
   * @param {?boolean} [first=false] Will add the hook to the top of the list (defaults to the bottom)
   * @public
   */
  add(name, callback, first) {
    if (typeof arguments[0] != 'string') {
      // Multiple hook callbacks, keyed by name
      for (let name in arguments[0]) {
        this.add(name, arguments[0][name], arguments[1]);
      }
    } else {
      (Array.isArray(name) ? name : [name]).forEach(function (name) {
        this[name] = this[name] || [];
        if (callback) {
          this[name][first ? 'unshift' : 'push'](callback);
        }
      }, this);
    }
  }

  /**
   * Runs a hook invoking all registered callbacks with the given environment variables.
   *
   * Callbacks will be invoked synchronously and in the order in which they were registered.
   *
   * @param {string} name The name of the hook.
   * @param {Object<string, any>} env The environment variables of the hook passed to all callbacks registered.
   * @public
   */
  run(name, env) {
    this[name] = this[name] || [];
    this[name].forEach(function (callback) {
      callback.call(env && env.context ? env.context : env, env);
    });
  }
}

/**
 * @implements {IPlugins}
 */
class Plugins {
  constructor(jsep) {
    this.jsep = jsep;
    this.registered = {};
  }

  /**
   * @callback PluginSetup
   * @this {Jsep} jsep
   * @returns: void
   */
  /**
   * Adds the given plugin(s) to the registry
   *
   * @param {object} plugins
   * @param {string} plugins.name The name of the plugin
   * @param {PluginSetup} plugins.init The init function
   * @public
   */
  register(...plugins) {
    plugins.forEach(plugin => {
      if (typeof plugin !== 'object' || !plugin.name || !plugin.init) {
        throw new Error('Invalid JSEP plugin format');
      }
      if (this.registered[plugin.name]) {
        // already registered. Ignore.
        return;
      }
      plugin.init(this.jsep);
      this.registered[plugin.name] = plugin;
    });
  }
}

//     JavaScript Expression Parser (JSEP) 1.4.0

class Jsep {
  /**
   * @returns {string}
   */
  static get version() {
    // To be filled in by the template
    return '1.4.0';
  }

  /**
   * @returns {string}
   */
  static toString() {
    return 'JavaScript Expression Parser (JSEP) v' + Jsep.version;
  }
  // ==================== CONFIG ================================
  /**
   * @method addUnaryOp
   * @param {string} op_name The name of the unary op to add
   * @returns {Jsep}
   */
  static addUnaryOp(op_name) {
    Jsep.max_unop_len = Math.max(op_name.length, Jsep.max_unop_len);
    Jsep.unary_ops[op_name] = 1;
    return Jsep;
  }

  /**
   * @method jsep.addBinaryOp
   * @param {string} op_name The name of the binary op to add
   * @param {number} precedence The precedence of the binary op (can be a float). Higher number = higher precedence
   * @param {boolean} [isRightAssociative=false] whether operator is right-associative
   * @returns {Jsep}
   */
  static addBinaryOp(op_name, precedence, isRightAssociative) {
    Jsep.max_binop_len = Math.max(op_name.length, Jsep.max_binop_len);
    Jsep.binary_ops[op_name] = precedence;
    if (isRightAssociative) {
      Jsep.right_associative.add(op_name);
    } else {
      Jsep.right_associative.delete(op_name);
    }
    return Jsep;
  }

  /**
   * @method addIdentifierChar
   * @param {string} char The additional character to treat as a valid part of an identifier
   * @returns {Jsep}
   */
  static addIdentifierChar(char) {
    Jsep.additional_identifier_chars.add(char);
    return Jsep;
  }

  /**
   * @method addLiteral
   * @param {string} literal_name The name of the literal to add
   * @param {*} literal_value The value of the literal
   * @returns {Jsep}
   */
  static addLiteral(literal_name, literal_value) {
    Jsep.literals[literal_name] = literal_value;
    return Jsep;
  }

  /**
   * @method removeUnaryOp
   * @param {string} op_name The name of the unary op to remove
   * @returns {Jsep}
   */
  static removeUnaryOp(op_name) {
    delete Jsep.unary_ops[op_name];
    if (op_name.length === Jsep.max_unop_len) {
      Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
    }
    return Jsep;
  }

  /**
   * @method removeAllUnaryOps
   * @returns {Jsep}
   */
  static removeAllUnaryOps() {
    Jsep.unary_ops = {};
    Jsep.max_unop_len = 0;
    return Jsep;
  }

  /**
   * @method removeIdentifierChar
   * @param {string} char The additional character to stop treating as a valid part of an identifier
   * @returns {Jsep}
   */
  static removeIdentifierChar(char) {
    Jsep.additional_identifier_chars.delete(char);
    return Jsep;
  }

  /**
   * @method removeBinaryOp
   * @param {string} op_name The name of the binary op to remove
   * @returns {Jsep}
   */
  static removeBinaryOp(op_name) {
    delete Jsep.binary_ops[op_name];
    if (op_name.length === Jsep.max_binop_len) {
      Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);
    }
    Jsep.right_associative.delete(op_name);
    return Jsep;
  }

  /**
   * @method removeAllBinaryOps
   * @returns {Jsep}
   */
  static removeAllBinaryOps() {
    Jsep.binary_ops = {};
    Jsep.max_binop_len = 0;
    return Jsep;
  }

  /**
   * @method removeLiteral
   * @param {string} literal_name The name of the literal to remove
   * @returns {Jsep}
   */
  static removeLiteral(literal_name) {
    delete Jsep.literals[literal_name];
    return Jsep;
  }

  /**
   * @method removeAllLiterals
   * @returns {Jsep}
   */
  static removeAllLiterals() {
    Jsep.literals = {};
    return Jsep;
  }
  // ==================== END CONFIG ============================

  /**
   * @returns {string}
   */
  get char() {
    return this.expr.charAt(this.index);
  }

  /**
   * @returns {number}
   */
  get code() {
    return this.expr.charCodeAt(this.index);
  }
  /**
   * @param {string} expr a string with the passed in express
   * @returns Jsep
   */
  constructor(expr) {
    // `index` stores the character number we are currently at
    // All of the gobbles below will modify `index` as we move along
    this.expr = expr;
    this.index = 0;
  }

  /**
   * static top-level parser
   * @returns {jsep.Expression}
   */
  static parse(expr) {
    return new Jsep(expr).parse();
  }

  /**
   * Get the longest key length of any object
   * @param {object} obj
   * @returns {number}
   */
  static getMaxKeyLen(obj) {
    return Math.max(0, ...Object.keys(obj).map(k => k.length));
  }

  /**
   * `ch` is a character code in the next three functions
   * @param {number} ch
   * @returns {boolean}
   */
  static isDecimalDigit(ch) {
    return ch >= 48 && ch <= 57; // 0...9
  }

  /**
   * Returns the precedence of a binary operator or `0` if it isn't a binary operator. Can be float.
   * @param {string} op_val
   * @returns {number}
   */
  static binaryPrecedence(op_val) {
    return Jsep.binary_ops[op_val] || 0;
  }

  /**
   * Looks for start of identifier
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierStart(ch) {
    return ch >= 65 && ch <= 90 ||
    // A...Z
    ch >= 97 && ch <= 122 ||
    // a...z
    ch >= 128 && !Jsep.binary_ops[String.fromCharCode(ch)] ||
    // any non-ASCII that is not an operator
    Jsep.additional_identifier_chars.has(String.fromCharCode(ch)); // additional characters
  }

  /**
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierPart(ch) {
    return Jsep.isIdentifierStart(ch) || Jsep.isDecimalDigit(ch);
  }

  /**
   * throw error at index of the expression
   * @param {string} message
   * @throws
   */
  throwError(message) {
    const error = new Error(message + ' at character ' + this.index);
    error.index = this.index;
    error.description = message;
    throw error;
  }

  /**
   * Run a given hook
   * @param {string} name
   * @param {jsep.Expression|false} [node]
   * @returns {?jsep.Expression}
   */
  runHook(name, node) {
    if (Jsep.hooks[name]) {
      const env = {
        context: this,
        node
      };
      Jsep.hooks.run(name, env);
      return env.node;
    }
    return node;
  }

  /**
   * Runs a given hook until one returns a node
   * @param {string} name
   * @returns {?jsep.Expression}
   */
  searchHook(name) {
    if (Jsep.hooks[name]) {
      const env = {
        context: this
      };
      Jsep.hooks[name].find(function (callback) {
        callback.call(env.context, env);
        return env.node;
      });
      return env.node;
    }
  }

  /**
   * Push `index` up to the next non-space character
   */
  gobbleSpaces() {
    let ch = this.code;
    // Whitespace
    while (ch === Jsep.SPACE_CODE || ch === Jsep.TAB_CODE || ch === Jsep.LF_CODE || ch === Jsep.CR_CODE) {
      ch = this.expr.charCodeAt(++this.index);
    }
    this.runHook('gobble-spaces');
  }

  /**
   * Top-level method to parse all expressions and returns compound or single node
   * @returns {jsep.Expression}
   */
  parse() {
    this.runHook('before-all');
    const nodes = this.gobbleExpressions();

    // If there's only one expression just try returning the expression
    const node = nodes.length === 1 ? nodes[0] : {
      type: Jsep.COMPOUND,
      body: nodes
    };
    return this.runHook('after-all', node);
  }

  /**
   * top-level parser (but can be reused within as well)
   * @param {number} [untilICode]
   * @returns {jsep.Expression[]}
   */
  gobbleExpressions(untilICode) {
    let nodes = [],
      ch_i,
      node;
    while (this.index < this.expr.length) {
      ch_i = this.code;

      // Expressions can be separated by semicolons, commas, or just inferred without any
      // separators
      if (ch_i === Jsep.SEMCOL_CODE || ch_i === Jsep.COMMA_CODE) {
        this.index++; // ignore separators
      } else {
        // Try to gobble each expression individually
        if (node = this.gobbleExpression()) {
          nodes.push(node);
          // If we weren't able to find a binary expression and are out of room, then
          // the expression passed in probably has too much
        } else if (this.index < this.expr.length) {
          if (ch_i === untilICode) {
            break;
          }
          this.throwError('Unexpected "' + this.char + '"');
        }
      }
    }
    return nodes;
  }

  /**
   * The main parsing function.
   * @returns {?jsep.Expression}
   */
  gobbleExpression() {
    const node = this.searchHook('gobble-expression') || this.gobbleBinaryExpression();
    this.gobbleSpaces();
    return this.runHook('after-expression', node);
  }

  /**
   * Search for the operation portion of the string (e.g. `+`, `===`)
   * Start by taking the longest possible binary operations (3 characters: `===`, `!==`, `>>>`)
   * and move down from 3 to 2 to 1 character until a matching binary operation is found
   * then, return that binary operation
   * @returns {string|boolean}
   */
  gobbleBinaryOp() {
    this.gobbleSpaces();
    let to_check = this.expr.substr(this.index, Jsep.max_binop_len);
    let tc_len = to_check.length;
    while (tc_len > 0) {
      // Don't accept a binary op when it is an identifier.
      // Binary ops that start with a identifier-valid character must be followed
      // by a non identifier-part valid character
      if (Jsep.binary_ops.hasOwnProperty(to_check) && (!Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
        this.index += tc_len;
        return to_check;
      }
      to_check = to_check.substr(0, --tc_len);
    }
    return false;
  }

  /**
   * This function is responsible for gobbling an individual expression,
   * e.g. `1`, `1+2`, `a+(b*2)-Math.sqrt(2)`
   * @returns {?jsep.BinaryExpression}
   */
  gobbleBinaryExpression() {
    let node, biop, prec, stack, biop_info, left, right, i, cur_biop;

    // First, try to get the leftmost thing
    // Then, check to see if there's a binary operator operating on that leftmost thing
    // Don't gobbleBinaryOp without a left-hand-side
    left = this.gobbleToken();
    if (!left) {
      return left;
    }
    biop = this.gobbleBinaryOp();

    // If there wasn't a binary operator, just return the leftmost node
    if (!biop) {
      return left;
    }

    // Otherwise, we need to start a stack to properly place the binary operations in their
    // precedence structure
    biop_info = {
      value: biop,
      prec: Jsep.binaryPrecedence(biop),
      right_a: Jsep.right_associative.has(biop)
    };
    right = this.gobbleToken();
    if (!right) {
      this.throwError("Expected expression after " + biop);
    }
    stack = [left, biop_info, right];

    // Properly deal with precedence using [recursive descent](http://www.engr.mun.ca/~theo/Misc/exp_parsing.htm)
    while (biop = this.gobbleBinaryOp()) {
      prec = Jsep.binaryPrecedence(biop);
      if (prec === 0) {
        this.index -= biop.length;
        break;
      }
      biop_info = {
        value: biop,
        prec,
        right_a: Jsep.right_associative.has(biop)
      };
      cur_biop = biop;

      // Reduce: make a binary expression from the three topmost entries.
      const comparePrev = prev => biop_info.right_a && prev.right_a ? prec > prev.prec : prec <= prev.prec;
      while (stack.length > 2 && comparePrev(stack[stack.length - 2])) {
        right = stack.pop();
        biop = stack.pop().value;
        left = stack.pop();
        node = {
          type: Jsep.BINARY_EXP,
          operator: biop,
          left,
          right
        };
        stack.push(node);
      }
      node = this.gobbleToken();
      if (!node) {
        this.throwError("Expected expression after " + cur_biop);
      }
      stack.push(biop_info, node);
    }
    i = stack.length - 1;
    node = stack[i];
    while (i > 1) {
      node = {
        type: Jsep.BINARY_EXP,
        operator: stack[i - 1].value,
        left: stack[i - 2],
        right: node
      };
      i -= 2;
    }
    return node;
  }

  /**
   * An individual part of a binary expression:
   * e.g. `foo.bar(baz)`, `1`, `"abc"`, `(a % 2)` (because it's in parenthesis)
   * @returns {boolean|jsep.Expression}
   */
  gobbleToken() {
    let ch, to_check, tc_len, node;
    this.gobbleSpaces();
    node = this.searchHook('gobble-token');
    if (node) {
      return this.runHook('after-token', node);
    }
    ch = this.code;
    if (Jsep.isDecimalDigit(ch) || ch === Jsep.PERIOD_CODE) {
      // Char code 46 is a dot `.` which can start off a numeric literal
      return this.gobbleNumericLiteral();
    }
    if (ch === Jsep.SQUOTE_CODE || ch === Jsep.DQUOTE_CODE) {
      // Single or double quotes
      node = this.gobbleStringLiteral();
    } else if (ch === Jsep.OBRACK_CODE) {
      node = this.gobbleArray();
    } else {
      to_check = this.expr.substr(this.index, Jsep.max_unop_len);
      tc_len = to_check.length;
      while (tc_len > 0) {
        // Don't accept an unary op when it is an identifier.
        // Unary ops that start with a identifier-valid character must be followed
        // by a non identifier-part valid character
        if (Jsep.unary_ops.hasOwnProperty(to_check) && (!Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
          this.index += tc_len;
          const argument = this.gobbleToken();
          if (!argument) {
            this.throwError('missing unaryOp argument');
          }
          return this.runHook('after-token', {
            type: Jsep.UNARY_EXP,
            operator: to_check,
            argument,
            prefix: true
          });
        }
        to_check = to_check.substr(0, --tc_len);
      }
      if (Jsep.isIdentifierStart(ch)) {
        node = this.gobbleIdentifier();
        if (Jsep.literals.hasOwnProperty(node.name)) {
          node = {
            type: Jsep.LITERAL,
            value: Jsep.literals[node.name],
            raw: node.name
          };
        } else if (node.name === Jsep.this_str) {
          node = {
            type: Jsep.THIS_EXP
          };
        }
      } else if (ch === Jsep.OPAREN_CODE) {
        // open parenthesis
        node = this.gobbleGroup();
      }
    }
    if (!node) {
      return this.runHook('after-token', false);
    }
    node = this.gobbleTokenProperty(node);
    return this.runHook('after-token', node);
  }

  /**
   * Gobble properties of of identifiers/strings/arrays/groups.
   * e.g. `foo`, `bar.baz`, `foo['bar'].baz`
   * It also gobbles function calls:
   * e.g. `Math.acos(obj.angle)`
   * @param {jsep.Expression} node
   * @returns {jsep.Expression}
   */
  gobbleTokenProperty(node) {
    this.gobbleSpaces();
    let ch = this.code;
    while (ch === Jsep.PERIOD_CODE || ch === Jsep.OBRACK_CODE || ch === Jsep.OPAREN_CODE || ch === Jsep.QUMARK_CODE) {
      let optional;
      if (ch === Jsep.QUMARK_CODE) {
        if (this.expr.charCodeAt(this.index + 1) !== Jsep.PERIOD_CODE) {
          break;
        }
        optional = true;
        this.index += 2;
        this.gobbleSpaces();
        ch = this.code;
      }
      this.index++;
      if (ch === Jsep.OBRACK_CODE) {
        node = {
          type: Jsep.MEMBER_EXP,
          computed: true,
          object: node,
          property: this.gobbleExpression()
        };
        if (!node.property) {
          this.throwError('Unexpected "' + this.char + '"');
        }
        this.gobbleSpaces();
        ch = this.code;
        if (ch !== Jsep.CBRACK_CODE) {
          this.throwError('Unclosed [');
        }
        this.index++;
      } else if (ch === Jsep.OPAREN_CODE) {
        // A function call is being made; gobble all the arguments
        node = {
          type: Jsep.CALL_EXP,
          'arguments': this.gobbleArguments(Jsep.CPAREN_CODE),
          callee: node
        };
      } else if (ch === Jsep.PERIOD_CODE || optional) {
        if (optional) {
          this.index--;
        }
        this.gobbleSpaces();
        node = {
          type: Jsep.MEMBER_EXP,
          computed: false,
          object: node,
          property: this.gobbleIdentifier()
        };
      }
      if (optional) {
        node.optional = true;
      } // else leave undefined for compatibility with esprima

      this.gobbleSpaces();
      ch = this.code;
    }
    return node;
  }

  /**
   * Parse simple numeric literals: `12`, `3.4`, `.5`. Do this by using a string to
   * keep track of everything in the numeric literal and then calling `parseFloat` on that string
   * @returns {jsep.Literal}
   */
  gobbleNumericLiteral() {
    let number = '',
      ch,
      chCode;
    while (Jsep.isDecimalDigit(this.code)) {
      number += this.expr.charAt(this.index++);
    }
    if (this.code === Jsep.PERIOD_CODE) {
      // can start with a decimal marker
      number += this.expr.charAt(this.index++);
      while (Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
    }
    ch = this.char;
    if (ch === 'e' || ch === 'E') {
      // exponent marker
      number += this.expr.charAt(this.index++);
      ch = this.char;
      if (ch === '+' || ch === '-') {
        // exponent sign
        number += this.expr.charAt(this.index++);
      }
      while (Jsep.isDecimalDigit(this.code)) {
        // exponent itself
        number += this.expr.charAt(this.index++);
      }
      if (!Jsep.isDecimalDigit(this.expr.charCodeAt(this.index - 1))) {
        this.throwError('Expected exponent (' + number + this.char + ')');
      }
    }
    chCode = this.code;

    // Check to make sure this isn't a variable name that start with a number (123abc)
    if (Jsep.isIdentifierStart(chCode)) {
      this.throwError('Variable names cannot start with a number (' + number + this.char + ')');
    } else if (chCode === Jsep.PERIOD_CODE || number.length === 1 && number.charCodeAt(0) === Jsep.PERIOD_CODE) {
      this.throwError('Unexpected period');
    }
    return {
      type: Jsep.LITERAL,
      value: parseFloat(number),
      raw: number
    };
  }

  /**
   * Parses a string literal, staring with single or double quotes with basic support for escape codes
   * e.g. `"hello world"`, `'this is\nJSEP'`
   * @returns {jsep.Literal}
   */
  gobbleStringLiteral() {
    let str = '';
    const startIndex = this.index;
    const quote = this.expr.charAt(this.index++);
    let closed = false;
    while (this.index < this.expr.length) {
      let ch = this.expr.charAt(this.index++);
      if (ch === quote) {
        closed = true;
        break;
      } else if (ch === '\\') {
        // Check for all of the common escape codes
        ch = this.expr.charAt(this.index++);
        switch (ch) {
          case 'n':
            str += '\n';
            break;
          case 'r':
            str += '\r';
            break;
          case 't':
            str += '\t';
            break;
          case 'b':
            str += '\b';
            break;
          case 'f':
            str += '\f';
            break;
          case 'v':
            str += '\x0B';
            break;
          default:
            str += ch;
        }
      } else {
        str += ch;
      }
    }
    if (!closed) {
      this.throwError('Unclosed quote after "' + str + '"');
    }
    return {
      type: Jsep.LITERAL,
      value: str,
      raw: this.expr.substring(startIndex, this.index)
    };
  }

  /**
   * Gobbles only identifiers
   * e.g.: `foo`, `_value`, `$x1`
   * Also, this function checks if that identifier is a literal:
   * (e.g. `true`, `false`, `null`) or `this`
   * @returns {jsep.Identifier}
   */
  gobbleIdentifier() {
    let ch = this.code,
      start = this.index;
    if (Jsep.isIdentifierStart(ch)) {
      this.index++;
    } else {
      this.throwError('Unexpected ' + this.char);
    }
    while (this.index < this.expr.length) {
      ch = this.code;
      if (Jsep.isIdentifierPart(ch)) {
        this.index++;
      } else {
        break;
      }
    }
    return {
      type: Jsep.IDENTIFIER,
      name: this.expr.slice(start, this.index)
    };
  }

  /**
   * Gobbles a list of arguments within the context of a function call
   * or array literal. This function also assumes that the opening character
   * `(` or `[` has already been gobbled, and gobbles expressions and commas
   * until the terminator character `)` or `]` is encountered.
   * e.g. `foo(bar, baz)`, `my_func()`, or `[bar, baz]`
   * @param {number} termination
   * @returns {jsep.Expression[]}
   */
  gobbleArguments(termination) {
    const args = [];
    let closed = false;
    let separator_count = 0;
    while (this.index < this.expr.length) {
      this.gobbleSpaces();
      let ch_i = this.code;
      if (ch_i === termination) {
        // done parsing
        closed = true;
        this.index++;
        if (termination === Jsep.CPAREN_CODE && separator_count && separator_count >= args.length) {
          this.throwError('Unexpected token ' + String.fromCharCode(termination));
        }
        break;
      } else if (ch_i === Jsep.COMMA_CODE) {
        // between expressions
        this.index++;
        separator_count++;
        if (separator_count !== args.length) {
          // missing argument
          if (termination === Jsep.CPAREN_CODE) {
            this.throwError('Unexpected token ,');
          } else if (termination === Jsep.CBRACK_CODE) {
            for (let arg = args.length; arg < separator_count; arg++) {
              args.push(null);
            }
          }
        }
      } else if (args.length !== separator_count && separator_count !== 0) {
        // NOTE: `&& separator_count !== 0` allows for either all commas, or all spaces as arguments
        this.throwError('Expected comma');
      } else {
        const node = this.gobbleExpression();
        if (!node || node.type === Jsep.COMPOUND) {
          this.throwError('Expected comma');
        }
        args.push(node);
      }
    }
    if (!closed) {
      this.throwError('Expected ' + String.fromCharCode(termination));
    }
    return args;
  }

  /**
   * Responsible for parsing a group of things within parentheses `()`
   * that have no identifier in front (so not a function call)
   * This function assumes that it needs to gobble the opening parenthesis
   * and then tries to gobble everything within that parenthesis, assuming
   * that the next thing it should see is the close parenthesis. If not,
   * then the expression probably doesn't have a `)`
   * @returns {boolean|jsep.Expression}
   */
  gobbleGroup() {
    this.index++;
    let nodes = this.gobbleExpressions(Jsep.CPAREN_CODE);
    if (this.code === Jsep.CPAREN_CODE) {
      this.index++;
      if (nodes.length === 1) {
        return nodes[0];
      } else if (!nodes.length) {
        return false;
      } else {
        return {
          type: Jsep.SEQUENCE_EXP,
          expressions: nodes
        };
      }
    } else {
      this.throwError('Unclosed (');
    }
  }

  /**
   * Responsible for parsing Array literals `[1, 2, 3]`
   * This function assumes that it needs to gobble the opening bracket
   * and then tries to gobble the expressions as arguments.
   * @returns {jsep.ArrayExpression}
   */
  gobbleArray() {
    this.index++;
    return {
      type: Jsep.ARRAY_EXP,
      elements: this.gobbleArguments(Jsep.CBRACK_CODE)
    };
  }
}

// Static fields:
const hooks = new Hooks();
Object.assign(Jsep, {
  hooks,
  plugins: new Plugins(Jsep),
  // Node Types
  // ----------
  // This is the full set of types that any JSEP node can be.
  // Store them here to save space when minified
  COMPOUND: 'Compound',
  SEQUENCE_EXP: 'SequenceExpression',
  IDENTIFIER: 'Identifier',
  MEMBER_EXP: 'MemberExpression',
  LITERAL: 'Literal',
  THIS_EXP: 'ThisExpression',
  CALL_EXP: 'CallExpression',
  UNARY_EXP: 'UnaryExpression',
  BINARY_EXP: 'BinaryExpression',
  ARRAY_EXP: 'ArrayExpression',
  TAB_CODE: 9,
  LF_CODE: 10,
  CR_CODE: 13,
  SPACE_CODE: 32,
  PERIOD_CODE: 46,
  // '.'
  COMMA_CODE: 44,
  // ','
  SQUOTE_CODE: 39,
  // single quote
  DQUOTE_CODE: 34,
  // double quotes
  OPAREN_CODE: 40,
  // (
  CPAREN_CODE: 41,
  // )
  OBRACK_CODE: 91,
  // [
  CBRACK_CODE: 93,
  // ]
  QUMARK_CODE: 63,
  // ?
  SEMCOL_CODE: 59,
  // ;
  COLON_CODE: 58,
  // :

  // Operations
  // ----------
  // Use a quickly-accessible map to store all of the unary operators
  // Values are set to `1` (it really doesn't matter)
  unary_ops: {
    '-': 1,
    '!': 1,
    '~': 1,
    '+': 1
  },
  // Also use a map for the binary operations but set their values to their
  // binary precedence for quick reference (higher number = higher precedence)
  // see [Order of operations](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Operator_Precedence)
  binary_ops: {
    '||': 1,
    '??': 1,
    '&&': 2,
    '|': 3,
    '^': 4,
    '&': 5,
    '==': 6,
    '!=': 6,
    '===': 6,
    '!==': 6,
    '<': 7,
    '>': 7,
    '<=': 7,
    '>=': 7,
    '<<': 8,
    '>>': 8,
    '>>>': 8,
    '+': 9,
    '-': 9,
    '*': 10,
    '/': 10,
    '%': 10,
    '**': 11
  },
  // sets specific binary_ops as right-associative
  right_associative: new Set(['**']),
  // Additional valid identifier chars, apart from a-z, A-Z and 0-9 (except on the starting char)
  additional_identifier_chars: new Set(['$', '_']),
  // Literals
  // ----------
  // Store the values to return for the various literals we may encounter
  literals: {
    'true': true,
    'false': false,
    'null': null
  },
  // Except for `this`, which is special. This could be changed to something like `'self'` as well
  this_str: 'this'
});
Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);

// Backward Compatibility:
const jsep = expr => new Jsep(expr).parse();
const stdClassProps = Object.getOwnPropertyNames(class Test {});
Object.getOwnPropertyNames(Jsep).filter(prop => !stdClassProps.includes(prop) && jsep[prop] === undefined).forEach(m => {
  jsep[m] = Jsep[m];
});
jsep.Jsep = Jsep; // allows for const { Jsep } = require('jsep');

const CONDITIONAL_EXP = 'ConditionalExpression';
var ternary = {
  name: 'ternary',
  init(jsep) {
    // Ternary expression: test ? consequent : alternate
    jsep.hooks.add('after-expression', function gobbleTernary(env) {
      if (env.node && this.code === jsep.QUMARK_CODE) {
        this.index++;
        const test = env.node;
        const consequent = this.gobbleExpression();
        if (!consequent) {
          this.throwError('Expected expression');
        }
        this.gobbleSpaces();
        if (this.code === jsep.COLON_CODE) {
          this.index++;
          const alternate = this.gobbleExpression();
          if (!alternate) {
            this.throwError('Expected expression');
          }
          env.node = {
            type: CONDITIONAL_EXP,
            test,
            consequent,
            alternate
          };

          // check for operators of higher priority than ternary (i.e. assignment)
          // jsep sets || at 1, and assignment at 0.9, and conditional should be between them
          if (test.operator && jsep.binary_ops[test.operator] <= 0.9) {
            let newTest = test;
            while (newTest.right.operator && jsep.binary_ops[newTest.right.operator] <= 0.9) {
              newTest = newTest.right;
            }
            env.node.test = newTest.right;
            newTest.right = env.node;
            env.node = test;
          }
        } else {
          this.throwError('Expected :');
        }
      }
    });
  }
};

// Add default plugins:

jsep.plugins.register(ternary);

const FSLASH_CODE = 47; // '/'
const BSLASH_CODE = 92; // '\\'

var index = {
  name: 'regex',
  init(jsep) {
    // Regex literal: /abc123/ig
    jsep.hooks.add('gobble-token', function gobbleRegexLiteral(env) {
      if (this.code === FSLASH_CODE) {
        const patternIndex = ++this.index;
        let inCharSet = false;
        while (this.index < this.expr.length) {
          if (this.code === FSLASH_CODE && !inCharSet) {
            const pattern = this.expr.slice(patternIndex, this.index);
            let flags = '';
            while (++this.index < this.expr.length) {
              const code = this.code;
              if (code >= 97 && code <= 122 // a...z
              || code >= 65 && code <= 90 // A...Z
              || code >= 48 && code <= 57) {
                // 0-9
                flags += this.char;
              } else {
                break;
              }
            }
            let value;
            try {
              value = new RegExp(pattern, flags);
            } catch (e) {
              this.throwError(e.message);
            }
            env.node = {
              type: jsep.LITERAL,
              value,
              raw: this.expr.slice(patternIndex - 1, this.index)
            };

            // allow . [] and () after regex: /regex/.test(a)
            env.node = this.gobbleTokenProperty(env.node);
            return env.node;
          }
          if (this.code === jsep.OBRACK_CODE) {
            inCharSet = true;
          } else if (inCharSet && this.code === jsep.CBRACK_CODE) {
            inCharSet = false;
          }
          this.index += this.code === BSLASH_CODE ? 2 : 1;
        }
        this.throwError('Unclosed Regex');
      }
    });
  }
};

const PLUS_CODE = 43; // +
const MINUS_CODE = 45; // -

const index_node_esm_plugin = {
  name: 'assignment',
  assignmentOperators: new Set(['=', '*=', '**=', '/=', '%=', '+=', '-=', '<<=', '>>=', '>>>=', '&=', '^=', '|=', '||=', '&&=', '??=']),
  updateOperators: [PLUS_CODE, MINUS_CODE],
  assignmentPrecedence: 0.9,
  init(jsep) {
    const updateNodeTypes = [jsep.IDENTIFIER, jsep.MEMBER_EXP];
    index_node_esm_plugin.assignmentOperators.forEach(op => jsep.addBinaryOp(op, index_node_esm_plugin.assignmentPrecedence, true));
    jsep.hooks.add('gobble-token', function gobbleUpdatePrefix(env) {
      const code = this.code;
      if (index_node_esm_plugin.updateOperators.some(c => c === code && c === this.expr.charCodeAt(this.index + 1))) {
        this.index += 2;
        env.node = {
          type: 'UpdateExpression',
          operator: code === PLUS_CODE ? '++' : '--',
          argument: this.gobbleTokenProperty(this.gobbleIdentifier()),
          prefix: true
        };
        if (!env.node.argument || !updateNodeTypes.includes(env.node.argument.type)) {
          this.throwError(`Unexpected ${env.node.operator}`);
        }
      }
    });
    jsep.hooks.add('after-token', function gobbleUpdatePostfix(env) {
      if (env.node) {
        const code = this.code;
        if (index_node_esm_plugin.updateOperators.some(c => c === code && c === this.expr.charCodeAt(this.index + 1))) {
          if (!updateNodeTypes.includes(env.node.type)) {
            this.throwError(`Unexpected ${env.node.operator}`);
          }
          this.index += 2;
          env.node = {
            type: 'UpdateExpression',
            operator: code === PLUS_CODE ? '++' : '--',
            argument: env.node,
            prefix: false
          };
        }
      }
    });
    jsep.hooks.add('after-expression', function gobbleAssignment(env) {
      if (env.node) {
        // Note: Binaries can be chained in a single expression to respect
        // operator precedence (i.e. a = b = 1 + 2 + 3)
        // Update all binary assignment nodes in the tree
        updateBinariesToAssignments(env.node);
      }
    });
    function updateBinariesToAssignments(node) {
      if (index_node_esm_plugin.assignmentOperators.has(node.operator)) {
        node.type = 'AssignmentExpression';
        updateBinariesToAssignments(node.left);
        updateBinariesToAssignments(node.right);
      } else if (!node.operator) {
        Object.values(node).forEach(val => {
          if (val && typeof val === 'object') {
            updateBinariesToAssignments(val);
          }
        });
      }
    }
  }
};

/* eslint-disable no-bitwise -- Convenient */

// register plugins
jsep.plugins.register(index, index_node_esm_plugin);
jsep.addUnaryOp('typeof');
jsep.addUnaryOp('void');
jsep.addLiteral('null', null);
jsep.addLiteral('undefined', undefined);
const BLOCKED_PROTO_PROPERTIES = new Set(['constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);
const SafeEval = {
  /**
   * @param {jsep.Expression} ast
   * @param {Record<string, any>} subs
   */
  evalAst(ast, subs) {
    switch (ast.type) {
      case 'BinaryExpression':
      case 'LogicalExpression':
        return SafeEval.evalBinaryExpression(ast, subs);
      case 'Compound':
        return SafeEval.evalCompound(ast, subs);
      case 'ConditionalExpression':
        return SafeEval.evalConditionalExpression(ast, subs);
      case 'Identifier':
        return SafeEval.evalIdentifier(ast, subs);
      case 'Literal':
        return SafeEval.evalLiteral(ast, subs);
      case 'MemberExpression':
        return SafeEval.evalMemberExpression(ast, subs);
      case 'UnaryExpression':
        return SafeEval.evalUnaryExpression(ast, subs);
      case 'ArrayExpression':
        return SafeEval.evalArrayExpression(ast, subs);
      case 'CallExpression':
        return SafeEval.evalCallExpression(ast, subs);
      case 'AssignmentExpression':
        return SafeEval.evalAssignmentExpression(ast, subs);
      default:
        throw SyntaxError('Unexpected expression', ast);
    }
  },
  evalBinaryExpression(ast, subs) {
    const result = {
      '||': (a, b) => a || b(),
      '&&': (a, b) => a && b(),
      '|': (a, b) => a | b(),
      '^': (a, b) => a ^ b(),
      '&': (a, b) => a & b(),
      // eslint-disable-next-line eqeqeq -- API
      '==': (a, b) => a == b(),
      // eslint-disable-next-line eqeqeq -- API
      '!=': (a, b) => a != b(),
      '===': (a, b) => a === b(),
      '!==': (a, b) => a !== b(),
      '<': (a, b) => a < b(),
      '>': (a, b) => a > b(),
      '<=': (a, b) => a <= b(),
      '>=': (a, b) => a >= b(),
      '<<': (a, b) => a << b(),
      '>>': (a, b) => a >> b(),
      '>>>': (a, b) => a >>> b(),
      '+': (a, b) => a + b(),
      '-': (a, b) => a - b(),
      '*': (a, b) => a * b(),
      '/': (a, b) => a / b(),
      '%': (a, b) => a % b()
    }[ast.operator](SafeEval.evalAst(ast.left, subs), () => SafeEval.evalAst(ast.right, subs));
    return result;
  },
  evalCompound(ast, subs) {
    let last;
    for (let i = 0; i < ast.body.length; i++) {
      if (ast.body[i].type === 'Identifier' && ['var', 'let', 'const'].includes(ast.body[i].name) && ast.body[i + 1] && ast.body[i + 1].type === 'AssignmentExpression') {
        // var x=2; is detected as
        // [{Identifier var}, {AssignmentExpression x=2}]
        // eslint-disable-next-line @stylistic/max-len -- Long
        // eslint-disable-next-line sonarjs/updated-loop-counter -- Convenient
        i += 1;
      }
      const expr = ast.body[i];
      last = SafeEval.evalAst(expr, subs);
    }
    return last;
  },
  evalConditionalExpression(ast, subs) {
    if (SafeEval.evalAst(ast.test, subs)) {
      return SafeEval.evalAst(ast.consequent, subs);
    }
    return SafeEval.evalAst(ast.alternate, subs);
  },
  evalIdentifier(ast, subs) {
    if (Object.hasOwn(subs, ast.name)) {
      return subs[ast.name];
    }
    throw ReferenceError(`${ast.name} is not defined`);
  },
  evalLiteral(ast) {
    return ast.value;
  },
  evalMemberExpression(ast, subs) {
    const prop = String(
    // NOTE: `String(value)` throws error when
    // value has overwritten the toString method to return non-string
    // i.e. `value = {toString: () => []}`
    ast.computed ? SafeEval.evalAst(ast.property) // `object[property]`
    : ast.property.name // `object.property` property is Identifier
    );
    const obj = SafeEval.evalAst(ast.object, subs);
    if (obj === undefined || obj === null) {
      throw TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
    }
    if (!Object.hasOwn(obj, prop) && BLOCKED_PROTO_PROPERTIES.has(prop)) {
      throw TypeError(`Cannot read properties of ${obj} (reading '${prop}')`);
    }
    const result = obj[prop];
    if (typeof result === 'function') {
      return result.bind(obj); // arrow functions aren't affected by bind.
    }
    return result;
  },
  evalUnaryExpression(ast, subs) {
    const result = {
      '-': a => -SafeEval.evalAst(a, subs),
      '!': a => !SafeEval.evalAst(a, subs),
      '~': a => ~SafeEval.evalAst(a, subs),
      // eslint-disable-next-line no-implicit-coercion -- API
      '+': a => +SafeEval.evalAst(a, subs),
      typeof: a => typeof SafeEval.evalAst(a, subs),
      // eslint-disable-next-line no-void, sonarjs/void-use -- feature
      void: a => void SafeEval.evalAst(a, subs)
    }[ast.operator](ast.argument);
    return result;
  },
  evalArrayExpression(ast, subs) {
    return ast.elements.map(el => SafeEval.evalAst(el, subs));
  },
  evalCallExpression(ast, subs) {
    const args = ast.arguments.map(arg => SafeEval.evalAst(arg, subs));
    const func = SafeEval.evalAst(ast.callee, subs);
    /* c8 ignore start  */
    if (func === Function) {
      // unreachable since BLOCKED_PROTO_PROPERTIES includes 'constructor'
      throw new Error('Function constructor is disabled');
    }
    /* c8 ignore end  */
    return func(...args);
  },
  evalAssignmentExpression(ast, subs) {
    if (ast.left.type !== 'Identifier') {
      throw SyntaxError('Invalid left-hand side in assignment');
    }
    const id = ast.left.name;
    const value = SafeEval.evalAst(ast.right, subs);
    subs[id] = value;
    return subs[id];
  }
};

/**
 * A replacement for NodeJS' VM.Script which is also {@link https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP | Content Security Policy} friendly.
 */
class SafeScript {
  /**
   * @param {string} expr Expression to evaluate
   */
  constructor(expr) {
    this.code = expr;
    this.ast = jsep(this.code);
  }

  /**
   * @param {object} context Object whose items will be added
   *   to evaluation
   * @returns {EvaluatedResult} Result of evaluated code
   */
  runInNewContext(context) {
    // `Object.create(null)` creates a prototypeless object
    const keyMap = Object.assign(Object.create(null), context);
    return SafeEval.evalAst(this.ast, keyMap);
  }
}

/* eslint-disable camelcase -- Convenient for escaping */


/**
 * @typedef {null|boolean|number|string|object|GenericArray} JSONObject
 */

/**
 * @typedef {any} AnyItem
 */

/**
 * @typedef {any} AnyResult
 */

/**
 * Copies array and then pushes item into it.
 * @param {GenericArray} arr Array to copy and into which to push
 * @param {AnyItem} item Array item to add (to end)
 * @returns {GenericArray} Copy of the original array
 */
function index_node_esm_push(arr, item) {
  arr = arr.slice();
  arr.push(item);
  return arr;
}
/**
 * Copies array and then unshifts item into it.
 * @param {AnyItem} item Array item to add (to beginning)
 * @param {GenericArray} arr Array to copy and into which to unshift
 * @returns {GenericArray} Copy of the original array
 */
function unshift(item, arr) {
  arr = arr.slice();
  arr.unshift(item);
  return arr;
}

/**
 * Caught when JSONPath is used without `new` but rethrown if with `new`
 * @extends Error
 */
class NewError extends Error {
  /**
   * @param {AnyResult} value The evaluated scalar value
   */
  constructor(value) {
    super('JSONPath should not be called with "new" (it prevents return ' + 'of (unwrapped) scalar values)');
    this.avoidNew = true;
    this.value = value;
    this.name = 'NewError';
  }
}

/**
* @typedef {object} ReturnObject
* @property {string} path
* @property {JSONObject} value
* @property {object|GenericArray} parent
* @property {string} parentProperty
*/

/**
* @callback JSONPathCallback
* @param {string|object} preferredOutput
* @param {"value"|"property"} type
* @param {ReturnObject} fullRetObj
* @returns {void}
*/

/**
* @callback OtherTypeCallback
* @param {JSONObject} val
* @param {string} path
* @param {object|GenericArray} parent
* @param {string} parentPropName
* @returns {boolean}
*/

/**
 * @typedef {any} ContextItem
 */

/**
 * @typedef {any} EvaluatedResult
 */

/**
* @callback EvalCallback
* @param {string} code
* @param {ContextItem} context
* @returns {EvaluatedResult}
*/

/**
 * @typedef {typeof SafeScript} EvalClass
 */

/**
 * @typedef {object} JSONPathOptions
 * @property {JSON} json
 * @property {string|string[]} path
 * @property {"value"|"path"|"pointer"|"parent"|"parentProperty"|
 *   "all"} [resultType="value"]
 * @property {boolean} [flatten=false]
 * @property {boolean} [wrap=true]
 * @property {object} [sandbox={}]
 * @property {EvalCallback|EvalClass|'safe'|'native'|
 *   boolean} [eval = 'safe']
 * @property {object|GenericArray|null} [parent=null]
 * @property {string|null} [parentProperty=null]
 * @property {JSONPathCallback} [callback]
 * @property {OtherTypeCallback} [otherTypeCallback] Defaults to
 *   function which throws on encountering `@other`
 * @property {boolean} [autostart=true]
 */

/**
 * @param {string|JSONPathOptions} opts If a string, will be treated as `expr`
 * @param {string} [expr] JSON path to evaluate
 * @param {JSON} [obj] JSON object to evaluate against
 * @param {JSONPathCallback} [callback] Passed 3 arguments: 1) desired payload
 *     per `resultType`, 2) `"value"|"property"`, 3) Full returned object with
 *     all payloads
 * @param {OtherTypeCallback} [otherTypeCallback] If `@other()` is at the end
 *   of one's query, this will be invoked with the value of the item, its
 *   path, its parent, and its parent's property name, and it should return
 *   a boolean indicating whether the supplied value belongs to the "other"
 *   type or not (or it may handle transformations and return `false`).
 * @returns {JSONPath}
 * @class
 */
function JSONPath(opts, expr, obj, callback, otherTypeCallback) {
  // eslint-disable-next-line no-restricted-syntax -- Allow for pseudo-class
  if (!(this instanceof JSONPath)) {
    try {
      return new JSONPath(opts, expr, obj, callback, otherTypeCallback);
    } catch (e) {
      if (!e.avoidNew) {
        throw e;
      }
      return e.value;
    }
  }
  if (typeof opts === 'string') {
    otherTypeCallback = callback;
    callback = obj;
    obj = expr;
    expr = opts;
    opts = null;
  }
  const optObj = opts && typeof opts === 'object';
  opts = opts || {};
  this.json = opts.json || obj;
  this.path = opts.path || expr;
  this.resultType = opts.resultType || 'value';
  this.flatten = opts.flatten || false;
  this.wrap = Object.hasOwn(opts, 'wrap') ? opts.wrap : true;
  this.sandbox = opts.sandbox || {};
  this.eval = opts.eval === undefined ? 'safe' : opts.eval;
  this.ignoreEvalErrors = typeof opts.ignoreEvalErrors === 'undefined' ? false : opts.ignoreEvalErrors;
  this.parent = opts.parent || null;
  this.parentProperty = opts.parentProperty || null;
  this.callback = opts.callback || callback || null;
  this.otherTypeCallback = opts.otherTypeCallback || otherTypeCallback || function () {
    throw new TypeError('You must supply an otherTypeCallback callback option ' + 'with the @other() operator.');
  };
  if (opts.autostart !== false) {
    const args = {
      path: optObj ? opts.path : expr
    };
    if (!optObj) {
      args.json = obj;
    } else if ('json' in opts) {
      args.json = opts.json;
    }
    const ret = this.evaluate(args);
    if (!ret || typeof ret !== 'object') {
      throw new NewError(ret);
    }
    return ret;
  }
}

// PUBLIC METHODS
JSONPath.prototype.evaluate = function (expr, json, callback, otherTypeCallback) {
  let currParent = this.parent,
    currParentProperty = this.parentProperty;
  let {
    flatten,
    wrap
  } = this;
  this.currResultType = this.resultType;
  this.currEval = this.eval;
  this.currSandbox = this.sandbox;
  callback = callback || this.callback;
  this.currOtherTypeCallback = otherTypeCallback || this.otherTypeCallback;
  json = json || this.json;
  expr = expr || this.path;
  if (expr && typeof expr === 'object' && !Array.isArray(expr)) {
    if (!expr.path && expr.path !== '') {
      throw new TypeError('You must supply a "path" property when providing an object ' + 'argument to JSONPath.evaluate().');
    }
    if (!Object.hasOwn(expr, 'json')) {
      throw new TypeError('You must supply a "json" property when providing an object ' + 'argument to JSONPath.evaluate().');
    }
    ({
      json
    } = expr);
    flatten = Object.hasOwn(expr, 'flatten') ? expr.flatten : flatten;
    this.currResultType = Object.hasOwn(expr, 'resultType') ? expr.resultType : this.currResultType;
    this.currSandbox = Object.hasOwn(expr, 'sandbox') ? expr.sandbox : this.currSandbox;
    wrap = Object.hasOwn(expr, 'wrap') ? expr.wrap : wrap;
    this.currEval = Object.hasOwn(expr, 'eval') ? expr.eval : this.currEval;
    callback = Object.hasOwn(expr, 'callback') ? expr.callback : callback;
    this.currOtherTypeCallback = Object.hasOwn(expr, 'otherTypeCallback') ? expr.otherTypeCallback : this.currOtherTypeCallback;
    currParent = Object.hasOwn(expr, 'parent') ? expr.parent : currParent;
    currParentProperty = Object.hasOwn(expr, 'parentProperty') ? expr.parentProperty : currParentProperty;
    expr = expr.path;
  }
  currParent = currParent || null;
  currParentProperty = currParentProperty || null;
  if (Array.isArray(expr)) {
    expr = JSONPath.toPathString(expr);
  }
  if (!expr && expr !== '' || !json) {
    return undefined;
  }
  const exprList = JSONPath.toPathArray(expr);
  if (exprList[0] === '$' && exprList.length > 1) {
    exprList.shift();
  }
  this._hasParentSelector = null;
  const result = this._trace(exprList, json, ['$'], currParent, currParentProperty, callback).filter(function (ea) {
    return ea && !ea.isParentSelector;
  });
  if (!result.length) {
    return wrap ? [] : undefined;
  }
  if (!wrap && result.length === 1 && !result[0].hasArrExpr) {
    return this._getPreferredOutput(result[0]);
  }
  return result.reduce((rslt, ea) => {
    const valOrPath = this._getPreferredOutput(ea);
    if (flatten && Array.isArray(valOrPath)) {
      rslt = rslt.concat(valOrPath);
    } else {
      rslt.push(valOrPath);
    }
    return rslt;
  }, []);
};

// PRIVATE METHODS

JSONPath.prototype._getPreferredOutput = function (ea) {
  const resultType = this.currResultType;
  switch (resultType) {
    case 'all':
      {
        const path = Array.isArray(ea.path) ? ea.path : JSONPath.toPathArray(ea.path);
        ea.pointer = JSONPath.toPointer(path);
        ea.path = typeof ea.path === 'string' ? ea.path : JSONPath.toPathString(ea.path);
        return ea;
      }
    case 'value':
    case 'parent':
    case 'parentProperty':
      return ea[resultType];
    case 'path':
      return JSONPath.toPathString(ea[resultType]);
    case 'pointer':
      return JSONPath.toPointer(ea.path);
    default:
      throw new TypeError('Unknown result type');
  }
};
JSONPath.prototype._handleCallback = function (fullRetObj, callback, type) {
  if (callback) {
    const preferredOutput = this._getPreferredOutput(fullRetObj);
    fullRetObj.path = typeof fullRetObj.path === 'string' ? fullRetObj.path : JSONPath.toPathString(fullRetObj.path);
    // eslint-disable-next-line n/callback-return -- No need to return
    callback(preferredOutput, type, fullRetObj);
  }
};

/**
 *
 * @param {string} expr
 * @param {JSONObject} val
 * @param {string} path
 * @param {object|GenericArray} parent
 * @param {string} parentPropName
 * @param {JSONPathCallback} callback
 * @param {boolean} hasArrExpr
 * @param {boolean} literalPriority
 * @returns {ReturnObject|ReturnObject[]}
 */
JSONPath.prototype._trace = function (expr, val, path, parent, parentPropName, callback, hasArrExpr, literalPriority) {
  // No expr to follow? return path and value as the result of
  //  this trace branch
  let retObj;
  if (!expr.length) {
    retObj = {
      path,
      value: val,
      parent,
      parentProperty: parentPropName,
      hasArrExpr
    };
    this._handleCallback(retObj, callback, 'value');
    return retObj;
  }
  const loc = expr[0],
    x = expr.slice(1);

  // We need to gather the return value of recursive trace calls in order to
  // do the parent sel computation.
  const ret = [];
  /**
   *
   * @param {ReturnObject|ReturnObject[]} elems
   * @returns {void}
   */
  function addRet(elems) {
    if (Array.isArray(elems)) {
      // This was causing excessive stack size in Node (with or
      //  without Babel) against our performance test:
      //  `ret.push(...elems);`
      elems.forEach(t => {
        ret.push(t);
      });
    } else {
      ret.push(elems);
    }
  }
  if ((typeof loc !== 'string' || literalPriority) && val && Object.hasOwn(val, loc)) {
    // simple case--directly follow property
    addRet(this._trace(x, val[loc], index_node_esm_push(path, loc), val, loc, callback, hasArrExpr));
    // eslint-disable-next-line unicorn/prefer-switch -- Part of larger `if`
  } else if (loc === '*') {
    // all child properties
    this._walk(val, m => {
      addRet(this._trace(x, val[m], index_node_esm_push(path, m), val, m, callback, true, true));
    });
  } else if (loc === '..') {
    // all descendent parent properties
    // Check remaining expression with val's immediate children
    addRet(this._trace(x, val, path, parent, parentPropName, callback, hasArrExpr));
    this._walk(val, m => {
      // We don't join m and x here because we only want parents,
      //   not scalar values
      if (typeof val[m] === 'object') {
        // Keep going with recursive descent on val's
        //   object children
        addRet(this._trace(expr.slice(), val[m], index_node_esm_push(path, m), val, m, callback, true));
      }
    });
    // The parent sel computation is handled in the frame above using the
    // ancestor object of val
  } else if (loc === '^') {
    // This is not a final endpoint, so we do not invoke the callback here
    this._hasParentSelector = true;
    return {
      path: path.slice(0, -1),
      expr: x,
      isParentSelector: true
    };
  } else if (loc === '~') {
    // property name
    retObj = {
      path: index_node_esm_push(path, loc),
      value: parentPropName,
      parent,
      parentProperty: null
    };
    this._handleCallback(retObj, callback, 'property');
    return retObj;
  } else if (loc === '$') {
    // root only
    addRet(this._trace(x, val, path, null, null, callback, hasArrExpr));
  } else if (/^(-?\d*):(-?\d*):?(\d*)$/u.test(loc)) {
    // [start:end:step]  Python slice syntax
    addRet(this._slice(loc, x, val, path, parent, parentPropName, callback));
  } else if (loc.indexOf('?(') === 0) {
    // [?(expr)] (filtering)
    if (this.currEval === false) {
      throw new Error('Eval [?(expr)] prevented in JSONPath expression.');
    }
    const safeLoc = loc.replace(/^\?\((.*?)\)$/u, '$1');
    // check for a nested filter expression
    const nested = /@.?([^?]*)[['](\??\(.*?\))(?!.\)\])[\]']/gu.exec(safeLoc);
    if (nested) {
      // find if there are matches in the nested expression
      // add them to the result set if there is at least one match
      this._walk(val, m => {
        const npath = [nested[2]];
        const nvalue = nested[1] ? val[m][nested[1]] : val[m];
        const filterResults = this._trace(npath, nvalue, path, parent, parentPropName, callback, true);
        if (filterResults.length > 0) {
          addRet(this._trace(x, val[m], index_node_esm_push(path, m), val, m, callback, true));
        }
      });
    } else {
      this._walk(val, m => {
        if (this._eval(safeLoc, val[m], m, path, parent, parentPropName)) {
          addRet(this._trace(x, val[m], index_node_esm_push(path, m), val, m, callback, true));
        }
      });
    }
  } else if (loc[0] === '(') {
    // [(expr)] (dynamic property/index)
    if (this.currEval === false) {
      throw new Error('Eval [(expr)] prevented in JSONPath expression.');
    }
    // As this will resolve to a property name (but we don't know it
    //  yet), property and parent information is relative to the
    //  parent of the property to which this expression will resolve
    addRet(this._trace(unshift(this._eval(loc, val, path.at(-1), path.slice(0, -1), parent, parentPropName), x), val, path, parent, parentPropName, callback, hasArrExpr));
  } else if (loc[0] === '@') {
    // value type: @boolean(), etc.
    let addType = false;
    const valueType = loc.slice(1, -2);
    switch (valueType) {
      case 'scalar':
        if (!val || !['object', 'function'].includes(typeof val)) {
          addType = true;
        }
        break;
      case 'boolean':
      case 'string':
      case 'undefined':
      case 'function':
        if (typeof val === valueType) {
          addType = true;
        }
        break;
      case 'integer':
        if (Number.isFinite(val) && !(val % 1)) {
          addType = true;
        }
        break;
      case 'number':
        if (Number.isFinite(val)) {
          addType = true;
        }
        break;
      case 'nonFinite':
        if (typeof val === 'number' && !Number.isFinite(val)) {
          addType = true;
        }
        break;
      case 'object':
        if (val && typeof val === valueType) {
          addType = true;
        }
        break;
      case 'array':
        if (Array.isArray(val)) {
          addType = true;
        }
        break;
      case 'other':
        addType = this.currOtherTypeCallback(val, path, parent, parentPropName);
        break;
      case 'null':
        if (val === null) {
          addType = true;
        }
        break;
      /* c8 ignore next 2 */
      default:
        throw new TypeError('Unknown value type ' + valueType);
    }
    if (addType) {
      retObj = {
        path,
        value: val,
        parent,
        parentProperty: parentPropName
      };
      this._handleCallback(retObj, callback, 'value');
      return retObj;
    }
    // `-escaped property
  } else if (loc[0] === '`' && val && Object.hasOwn(val, loc.slice(1))) {
    const locProp = loc.slice(1);
    addRet(this._trace(x, val[locProp], index_node_esm_push(path, locProp), val, locProp, callback, hasArrExpr, true));
  } else if (loc.includes(',')) {
    // [name1,name2,...]
    const parts = loc.split(',');
    for (const part of parts) {
      addRet(this._trace(unshift(part, x), val, path, parent, parentPropName, callback, true));
    }
    // simple case--directly follow property
  } else if (!literalPriority && val && Object.hasOwn(val, loc)) {
    addRet(this._trace(x, val[loc], index_node_esm_push(path, loc), val, loc, callback, hasArrExpr, true));
  }

  // We check the resulting values for parent selections. For parent
  // selections we discard the value object and continue the trace with the
  // current val object
  if (this._hasParentSelector) {
    for (let t = 0; t < ret.length; t++) {
      const rett = ret[t];
      if (rett && rett.isParentSelector) {
        const tmp = this._trace(rett.expr, val, rett.path, parent, parentPropName, callback, hasArrExpr);
        if (Array.isArray(tmp)) {
          ret[t] = tmp[0];
          const tl = tmp.length;
          for (let tt = 1; tt < tl; tt++) {
            // eslint-disable-next-line @stylistic/max-len -- Long
            // eslint-disable-next-line sonarjs/updated-loop-counter -- Convenient
            t++;
            ret.splice(t, 0, tmp[tt]);
          }
        } else {
          ret[t] = tmp;
        }
      }
    }
  }
  return ret;
};
JSONPath.prototype._walk = function (val, f) {
  if (Array.isArray(val)) {
    const n = val.length;
    for (let i = 0; i < n; i++) {
      f(i);
    }
  } else if (val && typeof val === 'object') {
    Object.keys(val).forEach(m => {
      f(m);
    });
  }
};
JSONPath.prototype._slice = function (loc, expr, val, path, parent, parentPropName, callback) {
  if (!Array.isArray(val)) {
    return undefined;
  }
  const len = val.length,
    parts = loc.split(':'),
    step = parts[2] && Number.parseInt(parts[2]) || 1;
  let start = parts[0] && Number.parseInt(parts[0]) || 0,
    end = parts[1] && Number.parseInt(parts[1]) || len;
  start = start < 0 ? Math.max(0, start + len) : Math.min(len, start);
  end = end < 0 ? Math.max(0, end + len) : Math.min(len, end);
  const ret = [];
  for (let i = start; i < end; i += step) {
    const tmp = this._trace(unshift(i, expr), val, path, parent, parentPropName, callback, true);
    // Should only be possible to be an array here since first part of
    //   ``unshift(i, expr)` passed in above would not be empty, nor `~`,
    //     nor begin with `@` (as could return objects)
    // This was causing excessive stack size in Node (with or
    //  without Babel) against our performance test: `ret.push(...tmp);`
    tmp.forEach(t => {
      ret.push(t);
    });
  }
  return ret;
};
JSONPath.prototype._eval = function (code, _v, _vname, path, parent, parentPropName) {
  this.currSandbox._$_parentProperty = parentPropName;
  this.currSandbox._$_parent = parent;
  this.currSandbox._$_property = _vname;
  this.currSandbox._$_root = this.json;
  this.currSandbox._$_v = _v;
  const containsPath = code.includes('@path');
  if (containsPath) {
    this.currSandbox._$_path = JSONPath.toPathString(path.concat([_vname]));
  }
  const scriptCacheKey = this.currEval + 'Script:' + code;
  if (!JSONPath.cache[scriptCacheKey]) {
    let script = code.replaceAll('@parentProperty', '_$_parentProperty').replaceAll('@parent', '_$_parent').replaceAll('@property', '_$_property').replaceAll('@root', '_$_root').replaceAll(/@([.\s)[])/gu, '_$_v$1');
    if (containsPath) {
      script = script.replaceAll('@path', '_$_path');
    }
    if (this.currEval === 'safe' || this.currEval === true || this.currEval === undefined) {
      JSONPath.cache[scriptCacheKey] = new this.safeVm.Script(script);
    } else if (this.currEval === 'native') {
      JSONPath.cache[scriptCacheKey] = new this.vm.Script(script);
    } else if (typeof this.currEval === 'function' && this.currEval.prototype && Object.hasOwn(this.currEval.prototype, 'runInNewContext')) {
      const CurrEval = this.currEval;
      JSONPath.cache[scriptCacheKey] = new CurrEval(script);
    } else if (typeof this.currEval === 'function') {
      JSONPath.cache[scriptCacheKey] = {
        runInNewContext: context => this.currEval(script, context)
      };
    } else {
      throw new TypeError(`Unknown "eval" property "${this.currEval}"`);
    }
  }
  try {
    return JSONPath.cache[scriptCacheKey].runInNewContext(this.currSandbox);
  } catch (e) {
    if (this.ignoreEvalErrors) {
      return false;
    }
    throw new Error('jsonPath: ' + e.message + ': ' + code);
  }
};

// PUBLIC CLASS PROPERTIES AND METHODS

// Could store the cache object itself
JSONPath.cache = {};

/**
 * @param {string[]} pathArr Array to convert
 * @returns {string} The path string
 */
JSONPath.toPathString = function (pathArr) {
  const x = pathArr,
    n = x.length;
  let p = '$';
  for (let i = 1; i < n; i++) {
    if (!/^(~|\^|@.*?\(\))$/u.test(x[i])) {
      p += /^[0-9*]+$/u.test(x[i]) ? '[' + x[i] + ']' : "['" + x[i] + "']";
    }
  }
  return p;
};

/**
 * @param {string} pointer JSON Path
 * @returns {string} JSON Pointer
 */
JSONPath.toPointer = function (pointer) {
  const x = pointer,
    n = x.length;
  let p = '';
  for (let i = 1; i < n; i++) {
    if (!/^(~|\^|@.*?\(\))$/u.test(x[i])) {
      p += '/' + x[i].toString().replaceAll('~', '~0').replaceAll('/', '~1');
    }
  }
  return p;
};

/**
 * @param {string} expr Expression to convert
 * @returns {string[]}
 */
JSONPath.toPathArray = function (expr) {
  const {
    cache
  } = JSONPath;
  if (cache[expr]) {
    return cache[expr].concat();
  }
  const subx = [];
  const normalized = expr
  // Properties
  .replaceAll(/@(?:null|boolean|number|string|integer|undefined|nonFinite|scalar|array|object|function|other)\(\)/gu, ';$&;')
  // Parenthetical evaluations (filtering and otherwise), directly
  //   within brackets or single quotes
  .replaceAll(/[['](\??\(.*?\))[\]'](?!.\])/gu, function ($0, $1) {
    return '[#' + (subx.push($1) - 1) + ']';
  })
  // Escape periods and tildes within properties
  .replaceAll(/\[['"]([^'\]]*)['"]\]/gu, function ($0, prop) {
    return "['" + prop.replaceAll('.', '%@%').replaceAll('~', '%%@@%%') + "']";
  })
  // Properties operator
  .replaceAll('~', ';~;')
  // Split by property boundaries
  .replaceAll(/['"]?\.['"]?(?![^[]*\])|\[['"]?/gu, ';')
  // Reinsert periods within properties
  .replaceAll('%@%', '.')
  // Reinsert tildes within properties
  .replaceAll('%%@@%%', '~')
  // Parent
  .replaceAll(/(?:;)?(\^+)(?:;)?/gu, function ($0, ups) {
    return ';' + ups.split('').join(';') + ';';
  })
  // Descendents
  .replaceAll(/;;;|;;/gu, ';..;')
  // Remove trailing
  .replaceAll(/;$|'?\]|'$/gu, '');
  const exprList = normalized.split(';').map(function (exp) {
    const match = exp.match(/#(\d+)/u);
    return !match || !match[1] ? exp : subx[match[1]];
  });
  cache[expr] = exprList;
  return cache[expr].concat();
};
JSONPath.prototype.safeVm = {
  Script: SafeScript
};

JSONPath.prototype.vm = external_vm_namespaceObject;



;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/jmespath.ts
/**
 * StreamAlert 3's `json_path` is a JMESPath expression (jmespath.search), not JSONPath. This
 * is the part of JMESPath such paths use: identifiers (plain or "quoted"), `.`, `[N]`, the
 * list projection `[*]`, the object projection `*` and the flatten projection `[]`
 * (`profiles[].controls[]`), with JMESPath's rules: a projection applies to the rest of the
 * expression and drops its null results; `[]` flattens everything to its left one level.
 * Anything else (filters, functions, pipes, slices) is refused when the path is compiled.
 */
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*/;
const QUOTED = /^"((?:[^"\\]|\\.)*)"/;
const INDEX = /^\[(-?\d+)\]/;
class JmesPathError extends Error {
}
function parse(expression) {
    const steps = [];
    let rest = expression.trim();
    let needDot = false;
    const fail = (why) => {
        const at = expression.length - rest.length;
        throw new JmesPathError(`${why} at character ${at + 1} of ${JSON.stringify(expression)} (the JMESPath this project reads: names, ".", [N], [*], [] and *)`);
    };
    if (rest === '')
        fail('empty expression');
    while (rest !== '') {
        if (rest.startsWith('[*]')) {
            steps.push({ kind: 'list' });
            rest = rest.slice(3);
            needDot = true;
            continue;
        }
        if (rest.startsWith('[]')) {
            steps.push({ kind: 'flatten' });
            rest = rest.slice(2);
            needDot = true;
            continue;
        }
        const index = INDEX.exec(rest);
        if (index) {
            steps.push({ kind: 'index', at: Number(index[1]) });
            rest = rest.slice(index[0].length);
            needDot = true;
            continue;
        }
        if (rest.startsWith('['))
            fail('unsupported bracket expression (a filter or slice)');
        if (needDot) {
            if (!rest.startsWith('.'))
                fail('expected "." or "["');
            rest = rest.slice(1);
            if (rest === '')
                fail('expected a name after "."');
        }
        needDot = true;
        if (rest.startsWith('*')) {
            steps.push({ kind: 'values' });
            rest = rest.slice(1);
            continue;
        }
        const quoted = QUOTED.exec(rest);
        const ident = quoted ? undefined : IDENT.exec(rest);
        if (quoted) {
            steps.push({ kind: 'field', name: JSON.parse(`"${quoted[1]}"`) });
            rest = rest.slice(quoted[0].length);
        }
        else if (ident) {
            steps.push({ kind: 'field', name: ident[0] });
            rest = rest.slice(ident[0].length);
        }
        else
            fail('unsupported syntax');
    }
    return steps;
}
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Steps without a flatten: a projection takes the rest of the steps over each item. */
function evalFrom(steps, from, value) {
    let v = value;
    for (let i = from; i < steps.length; i++) {
        const step = steps[i];
        if (step.kind === 'field') {
            v = isObject(v) && Object.prototype.hasOwnProperty.call(v, step.name) ? v[step.name] : null;
        }
        else if (step.kind === 'index') {
            v = Array.isArray(v) ? (v.at(step.at) ?? null) : null;
        }
        else {
            const items = step.kind === 'list'
                ? Array.isArray(v)
                    ? v
                    : null
                : isObject(v)
                    ? Object.values(v)
                    : null;
            if (items === null)
                return null;
            const out = [];
            for (const item of items) {
                const r = evalFrom(steps, i + 1, item);
                if (r !== null)
                    out.push(r);
            }
            return out;
        }
        if (v === undefined)
            v = null;
    }
    return v;
}
/** `[]` binds loosest: what is left of the last one is evaluated, flattened, then projected. */
function evaluate(steps, value) {
    let k = -1;
    for (let i = steps.length - 1; i >= 0; i--)
        if (steps[i].kind === 'flatten') {
            k = i;
            break;
        }
    if (k < 0)
        return evalFrom(steps, 0, value);
    const left = evaluate(steps.slice(0, k), value);
    if (!Array.isArray(left))
        return null;
    const flat = [];
    for (const item of left) {
        if (Array.isArray(item))
            for (const x of item)
                flat.push(x);
        else
            flat.push(item);
    }
    const rest = steps.slice(k + 1);
    const out = [];
    for (const item of flat) {
        const r = evalFrom(rest, 0, item);
        if (r !== null)
            out.push(r);
    }
    return out;
}
/** Python's truth of a JSON value. */
const truthy = (v) => Array.isArray(v)
    ? v.length > 0
    : isObject(v)
        ? Object.keys(v).length > 0
        : v !== null && v !== undefined && v !== false && v !== 0 && v !== '';
/**
 * The records a JMESPath `json_path` selects, as StreamAlert 3 took them: a false result
 * (null, an empty list...) is none, a result that is not a list is one record.
 * Throws JmesPathError for an expression outside the subset.
 */
function compileJmesPath(expression) {
    const steps = parse(expression);
    return (payload) => {
        const result = evaluate(steps, payload);
        if (!truthy(result))
            return [];
        return Array.isArray(result) ? result : [result];
    };
}
/** Why a json_path is not JMESPath this project reads, or undefined. */
function jmesPathProblem(expression) {
    try {
        parse(expression);
        return undefined;
    }
    catch (err) {
        if (err instanceof JmesPathError)
            return err.message;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/json-path.ts
/**
 * `json_path` evaluation. The forms logs.json uses in practice (`Records[*]`,
 * `logEvents[*].extractedFields`, `$.logs.results[*]`) run on a small walker: this is
 * per record on the hot path. Anything else goes to jsonpath-plus.
 */


const SIMPLE = /^(?:\$\.?)?(?:[A-Za-z_][\w-]*(?:\[\*\])?|\[\*\])(?:\.[A-Za-z_][\w-]*(?:\[\*\])?)*$/;
function compileSimple(path) {
    const body = path.replace(/^\$\.?/, '');
    return body.split('.').map((part) => {
        const all = part.endsWith('[*]');
        const key = all ? part.slice(0, -3) : part;
        return { key: key === '' ? undefined : key, all };
    });
}
/** The json_path of a log, in its generation's language (JMESPath in StreamAlert 3). */
function compileJsonPath(path, semantics) {
    if (semantics?.jsonPath === 'jmespath')
        return compileJmesPath(path);
    if (!SIMPLE.test(path)) {
        return (payload) => JSONPath({ path, json: payload, wrap: true });
    }
    const steps = compileSimple(path);
    return (payload) => {
        let current = [payload];
        for (const step of steps) {
            const next = [];
            for (const node of current) {
                let v = node;
                if (step.key !== undefined) {
                    if (typeof v !== 'object' || v === null || Array.isArray(v))
                        continue;
                    v = v[step.key];
                    if (v === undefined)
                        continue;
                }
                if (step.all) {
                    if (Array.isArray(v))
                        for (const item of v)
                            next.push(item);
                    else if (typeof v === 'object' && v !== null)
                        for (const item of Object.values(v))
                            next.push(item);
                }
                else
                    next.push(v);
            }
            current = next;
        }
        return current;
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/limits.ts
/**
 * What one record may cost, and the two kinds of failure the rule processor tells apart:
 *
 * - `BadRecordError` (poison): retrying cannot help — corrupt or oversized compression,
 *   nesting deeper than `MAX_NESTING_DEPTH`, a record that cannot be serialized. The record
 *   is counted, logged and dead-lettered, never retried.
 * - `TransientError`: S3 reads and the like, which a retry may fix. The record is retried.
 *
 * Anything else thrown while a record is processed is deterministic too (the same record
 * would throw again), so the processor treats it as poison.
 */
/** Default ceiling on the bytes one record may decompress to (env MAX_DECOMPRESSED_BYTES). */
const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;
/** Records nested deeper than this are poison; checked before any parse or recursive walk. */
const MAX_NESTING_DEPTH = 512;
/**
 * What one JSON item (a key or a value, counted by the `:` or `,` that precedes it) may
 * cost once parsed, at most. Measured with Node 20: 147 bytes per key of a two-million-key
 * object (two items each, so about 75 per item), 75 per `{"a":1}` element, 18 to 21 per
 * number or short string of an array.
 */
const BYTES_PER_JSON_ITEM = 100;
/**
 * Shares of the function's memory one record may use: its decompressed text is held about
 * twice while it is read (the inflated bytes, then the string), and its parsed value gets a
 * quarter; the runtime, the rules and the batch's other work keep the rest.
 */
const TEXT_SHARE = 8;
const PARSE_SHARE = 4;
const DEFAULT_LIMITS = {
    maxDecompressedBytes: DEFAULT_MAX_DECOMPRESSED_BYTES,
    maxDepth: MAX_NESTING_DEPTH,
    maxJsonItems: Number.MAX_SAFE_INTEGER,
};
const MiB = 1024 * 1024;
/** A byte count as the messages give it: "1.5 MiB", "512 bytes". */
const sizeText = (n) => n >= MiB ? `${Math.round((n / MiB) * 10) / 10} MiB` : `${n} bytes`;
/**
 * The limits of the Lambda's environment; an unset or unusable value keeps the default.
 * AWS_LAMBDA_FUNCTION_MEMORY_SIZE (MB, set by Lambda) bounds both the decompressed bytes
 * (at most an eighth of the memory, whatever MAX_DECOMPRESSED_BYTES says) and the JSON
 * items: the ceiling is about the work a record costs, not only its bytes.
 */
function limitsFromEnv(env) {
    const n = Number(env.MAX_DECOMPRESSED_BYTES);
    const configured = Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_DECOMPRESSED_BYTES;
    const memoryMb = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
    if (!(Number.isSafeInteger(memoryMb) && memoryMb > 0))
        return { ...DEFAULT_LIMITS, maxDecompressedBytes: configured };
    const memory = memoryMb * MiB;
    return {
        ...DEFAULT_LIMITS,
        maxDecompressedBytes: Math.min(configured, Math.floor(memory / TEXT_SHARE)),
        maxJsonItems: Math.floor(memory / PARSE_SHARE / BYTES_PER_JSON_ITEM),
    };
}
/** A record that can never be processed: reported (unclassified + dead-lettered), not retried. */
class BadRecordError extends Error {
    sample;
    constructor(message, sample) {
        super(message);
        this.sample = sample;
    }
}
/** A failure a retry may fix (S3 read, dead-letter queue unreachable): the record is retried. */
class TransientError extends Error {
}
/**
 * The deepest nesting of `[`/`{` in JSON text, counted outside strings, or `limit + 1` as
 * soon as it goes past `limit`. Linear and non-recursive.
 */
function jsonDepth(text, limit) {
    // Nesting deeper than the limit needs more opening brackets than that. Counting them with
    // indexOf (vectorized in V8) costs a few percent of JSON.parse on real records, where the
    // character walk below cost as much as the parse itself; it runs only when the count is
    // above the limit, so real records almost never pay for it.
    if (!mayBeDeeper(text, limit))
        return 0;
    // Strings are skipped with indexOf (their characters are most of a record's text); only
    // the characters between them are looked at one by one.
    let depth = 0;
    let max = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
            i = stringEnd(text, i);
            if (i === -1)
                return max; // unterminated: the rest is inside the string
        }
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > max) {
                max = depth;
                if (max > limit)
                    return max;
            }
        }
        else if (c === 0x5d || c === 0x7d)
            depth--;
    }
    return max;
}
/**
 * False when JSON text cannot nest deeper than `limit`: it is no longer than the limit, or
 * holds no more `{` and `[` (strings included) than that. Counted with indexOf.
 */
function mayBeDeeper(text, limit) {
    return text.length > limit && openingBrackets(text, limit) > limit;
}
/**
 * The nesting depth of a parsed JSON value (as jsonDepth counts it in its text: `[]` is 1),
 * or `limit + 1` as soon as it goes past `limit`. Iterative; it visits only the objects and
 * arrays, where jsonDepth must step over every string of the text: for a value JSON.parse
 * has built anyway (V8's parse is itself iterative, so deep text cannot overflow it) this is
 * the cheaper check. A key given twice keeps its last value, so a deep value shadowed by a
 * later one of the same key does not count (it is not in what the processor walks).
 */
function valueDepth(root, limit) {
    if (typeof root !== 'object' || root === null)
        return 0;
    let max = 0;
    const stack = [root];
    const depths = [1];
    while (stack.length > 0) {
        const v = stack.pop();
        const d = depths.pop();
        if (d > max) {
            max = d;
            if (max > limit)
                return max;
        }
        if (Array.isArray(v)) {
            for (let i = 0; i < v.length; i++) {
                const x = v[i];
                if (typeof x === 'object' && x !== null) {
                    stack.push(x);
                    depths.push(d + 1);
                }
            }
        }
        else {
            for (const k in v) {
                const x = v[k];
                if (typeof x === 'object' && x !== null) {
                    stack.push(x);
                    depths.push(d + 1);
                }
            }
        }
    }
    return max;
}
/**
 * The index of the quote that ends the string opened at `open`, or -1 when none does: a
 * quote ends it when an even number of backslashes precede it (each backslash escapes the
 * character after it).
 */
function stringEnd(text, open) {
    let j = text.indexOf('"', open + 1);
    while (j !== -1) {
        let backslashes = 0;
        for (let k = j - 1; text.charCodeAt(k) === 0x5c; k--)
            backslashes++;
        if (backslashes % 2 === 0)
            return j;
        j = text.indexOf('"', j + 1);
    }
    return -1;
}
/** How many `{` and `[` the text holds (strings included), counting stops past `limit`. */
function openingBrackets(text, limit) {
    let n = 0;
    for (let i = text.indexOf('{'); i !== -1 && n <= limit; i = text.indexOf('{', i + 1))
        n++;
    for (let i = text.indexOf('['); i !== -1 && n <= limit; i = text.indexOf('[', i + 1))
        n++;
    return n;
}
/**
 * How many JSON items (keys and values past the first of their container: the `:` and `,`
 * outside strings) the text holds, or `limit + 1` as soon as it goes past `limit`. Text
 * shorter than the limit cannot hold more (every item takes a character), and text with
 * fewer separators anywhere (strings included) cannot either: only a text that may be
 * over the limit pays for the character walk.
 */
function jsonItems(text, limit) {
    if (text.length <= limit || separators(text, limit) <= limit)
        return 0;
    let items = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
            i = stringEnd(text, i);
            if (i === -1)
                return items;
        }
        else if ((c === 0x2c || c === 0x3a) && ++items > limit)
            return items;
    }
    return items;
}
/** How many `,` and `:` the text holds (strings included), counting stops past `limit`. */
function separators(text, limit) {
    let n = 0;
    for (let i = text.indexOf(','); i !== -1 && n <= limit; i = text.indexOf(',', i + 1))
        n++;
    for (let i = text.indexOf(':'); i !== -1 && n <= limit; i = text.indexOf(':', i + 1))
        n++;
    return n;
}
/**
 * Why JSON text must not be parsed (nested past the limit, more items than the memory
 * allows), or undefined when it may be. Scans only: nothing is built.
 */
function jsonRefusal(text, bounds) {
    if (jsonDepth(text, bounds.maxDepth) > bounds.maxDepth)
        return depthRefusal(bounds);
    if (jsonItems(text, bounds.maxJsonItems) > bounds.maxJsonItems)
        return `JSON holds more than ${bounds.maxJsonItems.toLocaleString('en-US')} keys and values (the limit for the function's memory); not parsed`;
    return undefined;
}
/** jsonRefusal's reason for a value nested past the limit. */
const depthRefusal = (bounds) => `JSON nested more than ${bounds.maxDepth} levels deep (the limit)`;
/** JSON.parse, refusing (as poison) text nested deeper than `maxDepth` or holding too many items. */
function parseJsonBounded(text, maxDepth, maxJsonItems = DEFAULT_LIMITS.maxJsonItems) {
    const refusal = jsonRefusal(text, { maxDepth, maxJsonItems });
    if (refusal)
        throw new BadRecordError(refusal, text.slice(0, 200));
    return JSON.parse(text);
}
/** JSON.stringify that never throws (deep or cyclic values give a note instead). */
function safeStringify(value) {
    try {
        return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    }
    catch (err) {
        return `(not serializable: ${err?.message ?? String(err)})`;
    }
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/types.ts
/** What every parser shares. */

/** Sentinel for input that is not JSON. */
const NOT_JSON = Symbol('not-json');
/** JSON's whitespace, the only characters JSON.parse skips around a value. */
const isJsonSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
/** The whole text of a JSON number, whitespace around it allowed. */
const JSON_NUMBER = /^[ \t\n\r]*-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?[ \t\n\r]*$/;
/**
 * True when JSON.parse would throw on `text`, decided from its first characters: syslog,
 * csv and kv lines tried against a json log then cost a character test instead of a
 * thrown exception. Text that may be JSON (an object, array or string opening, or exactly
 * a number or literal) returns false and is parsed.
 */
function cannotBeJson(text) {
    let i = 0;
    while (i < text.length && isJsonSpace(text.charCodeAt(i)))
        i++;
    if (i === text.length)
        return true; // empty or blank
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b || c === 0x22)
        return false; // { [ "
    if (c === 0x2d || (c >= 0x30 && c <= 0x39))
        return !JSON_NUMBER.test(text);
    const word = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : undefined;
    if (word === undefined)
        return true;
    if (!text.startsWith(word, i))
        return true;
    for (let j = i + word.length; j < text.length; j++)
        if (!isJsonSpace(text.charCodeAt(j)))
            return true;
    return false;
}
/** The bounds json() checks, defaults filled in: made once per classifier, shared by its inputs. */
function jsonBounds(options = {}) {
    return {
        maxDepth: options.maxDepth ?? DEFAULT_LIMITS.maxDepth,
        maxJsonItems: options.maxJsonItems ?? DEFAULT_LIMITS.maxJsonItems,
    };
}
/**
 * A class rather than an object of closures: one is made per raw record tried, so it keeps
 * to one small allocation (the parse runs only when a parser asks).
 */
class TextInput {
    text;
    bounds;
    scope;
    parsed;
    done = false;
    refusal;
    constructor(text, bounds, scope) {
        this.text = text;
        this.bounds = bounds;
        this.scope = scope;
    }
    json() {
        if (!this.done) {
            this.done = true;
            const text = this.text;
            const bounds = this.bounds;
            const first = text.trimStart()[0];
            // Text that may nest past the limit (many brackets) and holds no more items than the
            // memory allows is parsed first and its value's depth checked: cheaper than the text
            // walk (see valueDepth), and V8's JSON.parse is iterative. Text that does not parse
            // gets the text walk, so its refusal is the one it always had.
            const parseFirst = (first === '{' || first === '[') &&
                mayBeDeeper(text, bounds.maxDepth) &&
                jsonItems(text, bounds.maxJsonItems) <= bounds.maxJsonItems;
            if (parseFirst) {
                try {
                    this.parsed = JSON.parse(text);
                    if (valueDepth(this.parsed, bounds.maxDepth) > bounds.maxDepth) {
                        this.parsed = undefined;
                        this.refusal = depthRefusal(bounds);
                    }
                }
                catch {
                    this.parsed = NOT_JSON;
                    this.refusal = jsonRefusal(text, bounds);
                }
            }
            else {
                if (first === '{' || first === '[')
                    this.refusal = jsonRefusal(text, bounds);
                if (this.refusal === undefined) {
                    if (cannotBeJson(text))
                        this.parsed = NOT_JSON;
                    else {
                        try {
                            this.parsed = JSON.parse(text);
                        }
                        catch {
                            this.parsed = NOT_JSON;
                        }
                    }
                }
            }
        }
        if (this.refusal !== undefined)
            throw new BadRecordError(this.refusal, this.text.slice(0, 200));
        return this.parsed;
    }
}
/** One raw record; `bounds` from jsonBounds(), shared. */
function textInput(text, bounds, scope) {
    return new TextInput(text, bounds, scope);
}
function rawInput(text, options = {}) {
    return new TextInput(text, jsonBounds(options), options.scope ?? {});
}
/** A line reader's answer when only `extract` and `convert` can tell (see LogParser.readLine). */
const UNDECIDED = Symbol('undecided');

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/csv.ts






function rowReader(schema, dialect) {
    const nested = new Map();
    for (const [key, type] of Object.entries(schema)) {
        if (isPlainObject(type) && Object.keys(type).length > 0) {
            nested.set(key, { keys: Object.keys(type), read: rowReader(type, dialect) });
        }
    }
    return (columns, keys) => {
        if (columns.length !== keys.length)
            return undefined;
        const record = {};
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            const sub = nested.get(key);
            if (sub) {
                const inner = readCsv(columns[i], dialect);
                const value = inner.length === 1 ? sub.read(inner[0], sub.keys) : undefined;
                if (!value)
                    return undefined;
                record[key] = value;
            }
            else
                record[key] = columns[i];
        }
        return record;
    };
}
function csvParser(log, semantics = semanticsOf()) {
    const plain = compileSchema(log.schema);
    const convertPlain = converterFor(plain, semantics.keepFalsy);
    const envelope = compileEnvelope(log, [], semantics);
    const query = log.jsonPath ? compileJsonPath(log.jsonPath, semantics) : undefined;
    const dialect = {
        delimiter: log.delimiter ?? ',',
        quotechar: log.quotechar ?? '"',
        escapechar: log.escapechar,
    };
    const read = rowReader(log.schema, dialect);
    const fields = new Set(plain.keys);
    /** Schema key of each column, in column order, per payload scope (set by a header line). */
    const columnKeysOf = new WeakMap();
    const isHeader = (columns) => log.header &&
        columns.length === fields.size &&
        new Set(columns).size === fields.size &&
        columns.every((c) => fields.has(c));
    /**
     * All rows of one csv text, or undefined when one of them does not fit (StreamAlert 1.x);
     * StreamAlert 3 (`perRecord`) keeps the rows that fit and hands back the others.
     */
    function rows(text, scope) {
        const records = [];
        const rejected = [];
        let headers = 0;
        for (const columns of readCsv(text, dialect)) {
            if (isHeader(columns)) {
                columnKeysOf.set(scope, columns);
                headers++;
                continue;
            }
            const record = read(columns, columnKeysOf.get(scope) ?? plain.keys);
            if (record)
                records.push(record);
            else if (!semantics.perRecord)
                return undefined;
            else
                rejected.push({
                    value: columns,
                    reason: `a csv row of ${columns.length} column(s) does not fit the ${plain.keys.length} of ${log.name}`,
                });
        }
        return { records, headers, rejected };
    }
    // A row read straight into the typed record: no json_path, no header line to track, no
    // nested column, and no key a plain record could not hold as its own.
    const fromColumns = !semantics.keepFalsy &&
        !query &&
        !log.header &&
        plain.keys.every((k) => !isPlainObject(log.schema[k]) && k !== '__proto__') &&
        !plain.keys.includes(ENVELOPE_KEY)
        ? compileSlotConverter(plain)
        : undefined;
    return {
        ...(query ? { jsonOnly: true } : {}),
        ...(fromColumns
            ? {
                readLine: (text) => {
                    const found = readCsv(text, dialect);
                    if (found.length !== 1)
                        return found.length === 0 ? undefined : UNDECIDED;
                    const columns = found[0];
                    if (columns.length !== plain.keys.length)
                        return undefined;
                    return fromColumns(columns) ?? UNDECIDED;
                },
            }
            : {}),
        convert: (record, env) => envelope && (env !== undefined || ENVELOPE_KEY in record)
            ? envelope.convert(record, env)
            : convertPlain(record),
        extract(input) {
            if (!query) {
                const found = rows(input.text, input.scope);
                // A header alone (an S3 object's first line) is classified, with nothing to check.
                if (!found || (found.records.length === 0 && found.headers === 0))
                    return undefined;
                return { records: found.records, rejected: found.rejected };
            }
            const payload = input.json();
            if (payload === NOT_JSON || !isPlainObject(payload))
                return undefined;
            const env = envelope?.pick(payload);
            if (envelope && !env)
                return undefined;
            const texts = query(payload);
            if (texts.length === 0)
                return undefined;
            const records = [];
            const rejected = [];
            for (const text of texts) {
                const found = typeof text === 'string' ? rows(text, input.scope) : undefined;
                if (found && found.records.length > 0) {
                    for (const r of found.records)
                        records.push(r);
                    for (const r of found.rejected)
                        rejected.push(r);
                }
                else
                    rejected.push({
                        value: text,
                        reason: `the value ${log.jsonPath} selects is not a csv row of ${plain.keys.length} column(s)`,
                    });
            }
            return records.length > 0
                ? { records, rejected, ...(env ? { envelope: env } : {}) }
                : undefined;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/json.ts







/** StreamAlert's json_regex_key pattern: the first {...} or [...] holding a ':' or ','. */
const JSON_BLOB = /(\{[^\n]+[:,][^\n]+\}|\[[^\n]+[,:][^\n]+\])/;
function jsonParser(log, semantics = semanticsOf()) {
    const plain = compileSchema(log.schema, log.optionalTopLevelKeys, log.extraTopLevelKeys);
    const convertPlain = converterFor(plain, semantics.keepFalsy);
    const query = log.jsonPath ? compileJsonPath(log.jsonPath, semantics) : undefined;
    const envelope = compileEnvelope(log, log.optionalTopLevelKeys, semantics);
    const schema = envelope?.schema ?? plain;
    const convertWith = envelope?.convert ?? convertPlain;
    // A schema naming the envelope key itself (never seen in practice) keeps the copy-first path.
    const attachLater = !(ENVELOPE_KEY in log.schema);
    // StreamAlert 3 checked a nested schema's keys even when its key is optional and missing
    // (against `{}`), so such a record did not match there.
    const nestedOptional = semantics.strictPayloadShape
        ? [...plain.fields].filter(([, f]) => !f.required && f.nested).map(([k]) => k)
        : [];
    const fits = (item, against) => keysMatch(item, against) &&
        nestedOptional.every((k) => Object.prototype.hasOwnProperty.call(item, k));
    /**
     * The items a payload holds before the key check; undefined when it cannot be this log.
     * `enveloped`: the items carry the payload's envelope (attached at conversion).
     */
    function pullOut(payload, bounds) {
        if (query) {
            // StreamAlert 1.6 and later: a json_path that finds nothing means the payload is not
            // this log; 1.5 took the payload itself (checked against the schema without envelope).
            const found = query(payload);
            if (found.length === 0)
                return semantics.jsonPathFallback && !envelope && !Array.isArray(payload)
                    ? { items: [payload], rejected: [], enveloped: false }
                    : undefined;
            if (!log.embeddedJson)
                return { items: found, rejected: [], enveloped: true };
            const items = [];
            const rejected = [];
            for (const text of found) {
                let item;
                try {
                    item =
                        typeof text === 'string'
                            ? parseJsonBounded(text, bounds.maxDepth, bounds.maxJsonItems)
                            : undefined;
                }
                catch (err) {
                    if (err instanceof BadRecordError)
                        throw err;
                    item = undefined;
                }
                if (isPlainObject(item))
                    items.push(item);
                else
                    rejected.push({
                        value: text,
                        reason: `embedded_json: the value ${log.jsonPath} selects is not the JSON text of an object`,
                    });
            }
            return { items, rejected, enveloped: true };
        }
        if (log.jsonRegexKey !== undefined && !Array.isArray(payload)) {
            const field = payload[log.jsonRegexKey];
            // StreamAlert 3: a payload without the field is not this log; 1.x took it whole.
            if (!schema_pyTruthy(field))
                return semantics.strictPayloadShape
                    ? undefined
                    : { items: [payload], rejected: [], enveloped: false };
            const match = JSON_BLOB.exec(typeof field === 'string' ? field : JSON.stringify(field));
            if (!match)
                return undefined;
            let item;
            try {
                item = parseJsonBounded(match[1], bounds.maxDepth, bounds.maxJsonItems);
            }
            catch (err) {
                if (err instanceof BadRecordError)
                    throw err;
                return undefined;
            }
            return isPlainObject(item) ? { items: [item], rejected: [], enveloped: true } : undefined;
        }
        return { items: [payload], rejected: [], enveloped: false };
    }
    return {
        jsonOnly: true,
        convert: (record, env) => env !== undefined || ENVELOPE_KEY in record ? convertWith(record, env) : convertPlain(record),
        extract(input) {
            const payload = input.json();
            if (payload === NOT_JSON)
                return undefined;
            // StreamAlert 3 searched a JSON array with json_path (`[*]`: each element a record).
            const isArray = Array.isArray(payload);
            if (!isPlainObject(payload) && !(isArray && query && semantics.arrayPayloads))
                return undefined;
            const env = envelope?.pick(payload);
            // A payload without its envelope keys is not pulled apart (StreamAlert 1.x took it
            // whole; StreamAlert 3 refused it).
            if (envelope && !env && (semantics.strictPayloadShape || isArray))
                return undefined;
            const pulled = envelope && !env
                ? { items: [payload], rejected: [], enveloped: false }
                : pullOut(payload, input.bounds);
            if (!pulled)
                return undefined;
            const records = [];
            const rejected = pulled.rejected;
            if (env === undefined || !pulled.enveloped) {
                for (const item of pulled.items) {
                    if (fits(item, plain))
                        records.push(item);
                    else if (item !== payload)
                        rejected.push({ value: item, reason: keyDifference(item, plain) });
                }
                return records.length > 0 ? { records, rejected } : undefined;
            }
            // Items keep their own keys; the key check on the item alone equals the check on the
            // item with the envelope added (the envelope holds only envelope keys, its required ones).
            for (const item of pulled.items) {
                const copyFirst = !attachLater ||
                    (isPlainObject(item) && Object.prototype.hasOwnProperty.call(item, ENVELOPE_KEY));
                if (!copyFirst && fits(item, plain))
                    records.push(item);
                else {
                    const full = isPlainObject(item) ? withEnvelope(item, env) : item;
                    if (copyFirst && fits(full, schema))
                        records.push(full);
                    else
                        rejected.push({ value: full, reason: keyDifference(full, schema) });
                }
            }
            return records.length > 0 ? { records, rejected, envelope: env } : undefined;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/kv.ts



/** A key `in` an empty record: the general path renames such a key (an inherited member). */
const EMPTY = {};
function kvParser(log, semantics = semanticsOf()) {
    const schema = compileSchema(log.schema);
    const delimiter = log.delimiter ?? ' ';
    const separator = log.separator ?? '=';
    const keys = schema.keys;
    const slotOf = new Map(keys.map((k, i) => [k, i]));
    // Keys a plain record already holds (inherited members): extract renames them.
    const inherited = keys.map((k) => k in EMPTY);
    const fromSlots = compileSlotConverter(schema);
    // StreamAlert 3 keeps false values: its lines take the general path.
    const readLine = semantics.keepFalsy
        ? undefined
        : (text) => {
            let fields = text.split(delimiter);
            if (fields.includes(''))
                fields = fields.filter((f) => f !== '');
            if (fields.length !== schema.keys.length)
                return undefined;
            const slots = new Array(fields.length);
            for (let i = 0; i < fields.length; i++) {
                const field = fields[i];
                const at = field.indexOf(separator, 1);
                if (at < 1 || at + separator.length >= field.length || field.includes('\n'))
                    return UNDECIDED;
                // Fields mostly come in schema order: the key at this position is compared first.
                const expected = keys[i];
                let slot;
                if (at === expected.length && field.startsWith(expected)) {
                    if (inherited[i])
                        return UNDECIDED;
                    slot = i;
                }
                else {
                    const key = field.slice(0, at);
                    slot = slotOf.get(key);
                    if (slot === undefined || key in EMPTY)
                        return UNDECIDED;
                }
                if (slots[slot] !== undefined)
                    return UNDECIDED;
                slots[slot] = field.slice(at + separator.length);
            }
            return fromSlots(slots) ?? UNDECIDED;
        };
    return {
        convert: converterFor(schema, semantics.keepFalsy),
        ...(readLine ? { readLine } : {}),
        extract(input) {
            let fields = input.text.split(delimiter);
            if (fields.includes(''))
                fields = fields.filter((f) => f !== '');
            if (fields.length !== schema.keys.length)
                return undefined;
            const record = {};
            for (let i = 0; i < fields.length; i++) {
                const field = fields[i];
                // StreamAlert's `.+<sep>.+`: at least one character either side of a separator.
                const at = field.indexOf(separator, 1);
                if (at < 1 || at + separator.length >= field.length || field.includes('\n'))
                    continue;
                const key = field.slice(0, at);
                record[key in record ? schema.keys[i] : key] = field.slice(at + separator.length);
            }
            return { records: [record], rejected: [] };
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/syslog.ts



const S = '[ \\t\\n\\r\\f\\v]';
const LINE = new RegExp(`^(\\w{3}${S}\\d{2}${S}(?:\\d{2}:?)+)${S}((?:\\w-*)+)${S}(\\w+)(?:\\[\\w+\\])*:${S}([^\\n]*)\\n?$`);
/** The match group of each field the pattern captures. */
const GROUPS = { timestamp: 1, host: 2, application: 3, message: 4 };
function syslogParser(log, semantics = semanticsOf()) {
    const schema = compileSchema(log.schema);
    const keys = schema.keys;
    // Per schema key, its group; a key the pattern does not capture gets what a plain object
    // holds under that name (undefined, or an inherited member such as "constructor").
    const groupOf = keys.map((k) => (Object.hasOwn(GROUPS, k) ? GROUPS[k] : 0));
    const plain = {};
    const fixed = keys.map((k) => plain[k]);
    // The typed record straight from the match, when every schema key is a captured field.
    // (StreamAlert 3 keeps false values: its records take the general path.)
    const fromGroups = !semantics.keepFalsy && groupOf.every((g) => g !== 0)
        ? compileSlotConverter(schema, groupOf)
        : undefined;
    return {
        convert: converterFor(schema, semantics.keepFalsy),
        ...(fromGroups
            ? {
                readLine: (text) => {
                    const m = LINE.exec(text);
                    return m ? (fromGroups(m) ?? UNDECIDED) : undefined;
                },
            }
            : {}),
        extract(input) {
            const m = LINE.exec(input.text);
            if (!m)
                return undefined;
            const record = {};
            for (let i = 0; i < keys.length; i++) {
                const g = groupOf[i];
                record[keys[i]] = g === 0 ? fixed[i] : m[g];
            }
            return { records: [record], rejected: [] };
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/parsers/index.ts





const PARSERS = {
    json: jsonParser,
    csv: csvParser,
    kv: kvParser,
    syslog: syslogParser,
};
function parserFor(log, semantics = semanticsOf()) {
    return PARSERS[log.parser](log, semantics);
}



;// CONCATENATED MODULE: ./src/processors/rule-processor/classifier.ts







/**
 * True when JSON.parse could take the text, or a JSON log would refuse it as too deep (it
 * looks at the text with its leading whitespace trimmed as String.prototype.trimStart does).
 */
function mayBeJson(text) {
    const first = text.charCodeAt(0);
    const lead = first > 0x20 && first < 0x7f ? text[0] : text.trimStart()[0];
    return lead === '{' || lead === '[' || !cannotBeJson(text);
}
/** LineReader.read's answer for a line no candidate log takes. */
const NO_LOG = Symbol('no-log');
function createLineReader(candidates) {
    const steps = [];
    for (const c of candidates) {
        // A JSON log's log_patterns are never reached for text that cannot be JSON.
        if (c.parser.jsonOnly)
            steps.push('json');
        else if (c.parser.readLine && !c.patterns)
            steps.push(c.parser.readLine);
        else
            return undefined;
    }
    const logs = candidates.map((c) => c.def);
    const reader = {
        log: logs[0],
        read(text) {
            let checked = false;
            for (let i = 0; i < steps.length; i++) {
                const step = steps[i];
                if (step === 'json') {
                    if (!checked && mayBeJson(text))
                        return UNDECIDED;
                    checked = true;
                    continue;
                }
                const record = step(text);
                if (record === undefined)
                    continue;
                if (record !== UNDECIDED)
                    reader.log = logs[i];
                return record;
            }
            // Every json step saw text that cannot be JSON (their extract refuses it), every line
            // step said "not this log" (their extract refuses it too): classify gives undefined.
            return NO_LOG;
        },
    };
    return steps.some((s) => s !== 'json') ? reader : undefined;
}
/**
 * StreamAlert 3's classification (`semantics.perRecord`): each record of a payload stands
 * alone. Those whose log_patterns hold and whose values convert are the log's; the others
 * are rejected; a log none of whose records hold is passed over for the next candidate.
 */
function classifyPerRecord(input, candidates) {
    for (const log of candidates) {
        const found = log.parser.extract(input);
        if (!found)
            continue;
        const env = found.envelope;
        const records = [];
        const rejected = [...found.rejected];
        for (const raw of found.records) {
            if (log.patterns && !log.patterns(env ? withEnvelope(raw, env) : raw)) {
                rejected.push({
                    value: env ? withEnvelope(raw, env) : raw,
                    reason: `${log.def.name} matched by its keys, but its log_patterns do not hold`,
                });
                continue;
            }
            const typed = log.parser.convert(raw, env);
            if (typed instanceof ConversionFailure)
                rejected.push({
                    value: env ? withEnvelope(raw, env) : raw,
                    reason: `${log.def.name} matched by its keys, but ${typed.message}`,
                });
            else
                records.push(typed);
        }
        if (records.length > 0)
            return { log: log.def, records, rejected };
    }
    return undefined;
}
function createClassifier(config, bounds = {}) {
    const sharedScope = {};
    const limits = jsonBounds(bounds);
    const semantics = semanticsOf(config.generation);
    const compiled = config.logs.map((def) => ({
        def,
        parser: parserFor(def, semantics),
        patterns: def.logPatterns ? compilePatterns(def.logPatterns, semantics.patterns) : undefined,
    }));
    const bySource = new Map();
    for (const service of SERVICES) {
        for (const [entity, names] of config.sources[service] ?? new Map()) {
            bySource.set(`${service}\u0000${entity}`, compiled.filter((c) => names.includes(c.def.category) || names.includes(c.def.name)));
        }
    }
    const lineReaders = new Map();
    return {
        semantics,
        candidates: (service, entity) => bySource.get(`${service}\u0000${entity}`),
        lineReader(candidates) {
            if (!lineReaders.has(candidates))
                lineReaders.set(candidates, createLineReader(candidates));
            return lineReaders.get(candidates);
        },
        classify(text, candidates, scope = sharedScope) {
            const input = textInput(text, limits, scope);
            if (semantics.perRecord)
                return classifyPerRecord(input, candidates);
            for (const log of candidates) {
                const found = log.parser.extract(input);
                if (!found)
                    continue;
                const env = found.envelope;
                // Patterns see the record as StreamAlert built it, envelope included (a copy: only for logs with both).
                if (log.patterns &&
                    !found.records.every((r) => log.patterns(env ? withEnvelope(r, env) : r)))
                    continue;
                const records = [];
                // The parser's list is its own, made for this text: copied only when a conversion adds to it.
                let rejected = found.rejected;
                for (let i = 0; i < found.records.length; i++) {
                    const raw = found.records[i];
                    const typed = log.parser.convert(raw, env);
                    if (typed instanceof ConversionFailure) {
                        if (rejected === found.rejected)
                            rejected = [...rejected];
                        rejected.push({
                            value: env ? withEnvelope(raw, env) : raw,
                            reason: `${log.def.name} matched by its keys, but ${typed.message}`,
                        });
                    }
                    else
                        records.push(typed);
                }
                return { log: log.def, records, rejected };
            }
            return undefined;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/dead-letters.ts
/** SQS: 256 KiB per message and per SendMessageBatch call. */
const SQS_MAX_BYTES = 256 * 1024;
/** Base64 of the record kept in a message; the rest of the message is small metadata. */
const MAX_DATA_BASE64 = 200 * 1024;
const MAX_TEXT = 2048;
const cut = (s, n = MAX_TEXT) => (s.length > n ? `${s.slice(0, n)}…` : s);
/** The SQS message body of a dead letter (JSON; always under 256 KiB). */
function deadLetterMessage(letter, now = new Date()) {
    const data = letter.data;
    // Whole 3-byte groups, so the kept base64 decodes to a prefix of the record.
    const keep = data ? Math.min(data.length, Math.floor(MAX_DATA_BASE64 / 4) * 3) : 0;
    return JSON.stringify({
        dead_letter: 'streamalert:poison_record',
        time: now.toISOString(),
        service: letter.service,
        entity: cut(letter.entity),
        origin: cut(letter.origin),
        ...(letter.sequenceNumber !== undefined ? { sequence_number: letter.sequenceNumber } : {}),
        ...(letter.line !== undefined ? { line: letter.line } : {}),
        reason: cut(letter.reason),
        ...(data
            ? {
                data_base64: data.subarray(0, keep).toString('base64'),
                data_bytes: data.length,
                data_truncated: keep < data.length,
            }
            : { data_base64: null, data_bytes: 0, data_truncated: false }),
    });
}
/** `sqs`: the client, or a function that makes it at the first poison record (the SQS SDK is then loaded only when needed). */
function createSqsDeadLetterSink(sqs, queueUrl, logger, attempts = 3) {
    let ready;
    const connect = () => (ready ??= Promise.all([typeof sqs === 'function' ? sqs() : sqs, Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 15, 23))])
        .then(([client, mod]) => ({ client, SendMessageBatchCommand: mod.SendMessageBatchCommand }))
        .catch((err) => {
        ready = undefined;
        throw err;
    }));
    async function sendChunk(chunk) {
        const { client, SendMessageBatchCommand } = await connect();
        let pending = chunk;
        for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
            try {
                const res = await client.send(new SendMessageBatchCommand({
                    QueueUrl: queueUrl,
                    Entries: pending.map((p, i) => ({ Id: String(i), MessageBody: p.body })),
                }));
                const failed = new Set((res.Failed ?? []).map((f) => Number(f.Id)));
                for (const f of res.Failed ?? [])
                    logger.warn('the dead-letter queue refused a record', {
                        code: f.Code,
                        sender_fault: f.SenderFault,
                        attempt,
                    });
                pending = pending.filter((_, i) => failed.has(i));
            }
            catch (err) {
                logger.warn('SendMessageBatch to the dead-letter queue failed', {
                    error: err?.message ?? String(err),
                    attempt,
                    records: pending.length,
                });
            }
            if (pending.length > 0 && attempt < attempts)
                await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
        return pending.map((p) => p.letter);
    }
    return {
        async send(letters) {
            const unsent = [];
            let chunk = [];
            let bytes = 0;
            for (const letter of letters) {
                const body = deadLetterMessage(letter);
                const size = Buffer.byteLength(body);
                if (chunk.length === 10 || (chunk.length > 0 && bytes + size > SQS_MAX_BYTES - 1024)) {
                    unsent.push(...(await sendChunk(chunk)));
                    chunk = [];
                    bytes = 0;
                }
                chunk.push({ letter, body });
                bytes += size;
            }
            if (chunk.length > 0)
                unsent.push(...(await sendChunk(chunk)));
            return unsent;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/s3-objects.ts
/** `clientFor` may make the client lazily (the Lambda loads the S3 SDK only for S3 events). */
function s3ObjectSource(clientFor) {
    // Imported once: a bundled dynamic import builds the module's namespace (every export of
    // the S3 SDK) again at each call, which cost more than the rest of a small object's work.
    let sdk;
    return {
        async open(bucket, key, region) {
            const [client, { GetObjectCommand }] = await Promise.all([
                clientFor(region),
                (sdk ??= Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23)).catch((err) => {
                    sdk = undefined;
                    throw err;
                })),
            ]);
            const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
            if (!res.Body)
                throw new Error(`s3://${bucket}/${key} has no body`);
            return res.Body;
        },
    };
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = require("node:crypto");
;// CONCATENATED MODULE: ./src/processors/rule-processor/json-bytes.ts
/**
 * What a string costs once it is inside JSON text sent over the wire: JSON.stringify's
 * escapes (`"` → `\"`, U+0001 → `\u0001`, a lone surrogate → `\udxxx`) and then UTF-8.
 * SNS counts the bytes of the message, so a cut measured in characters of the unescaped
 * text (600,000 `"` are 1,200,000 bytes once escaped) does not fit.
 */
/** Bytes of the UTF-16 unit `c` (not a surrogate) inside a JSON string literal. */
function unitBytes(c) {
    if (c === 0x22 || c === 0x5c)
        return 2; // \" and \\
    if (c < 0x20) {
        // \b \t \n \f \r have two-character escapes; the other controls are \u00XX.
        return c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    }
    if (c < 0x80)
        return 1;
    if (c < 0x800)
        return 2;
    return 3;
}
const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;
/**
 * The length (in UTF-16 units) of the longest prefix of `text` whose JSON string literal
 * (quotes excluded) takes at most `maxBytes` bytes of UTF-8. Never splits a surrogate pair.
 * Walks only the prefix it keeps, so the cost is bounded by `maxBytes`, not by the text.
 */
function jsonPrefixLength(text, maxBytes) {
    let used = 0;
    let i = 0;
    while (i < text.length) {
        const c = text.charCodeAt(i);
        let units = 1;
        let bytes;
        if (isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
            units = 2;
            bytes = 4;
        }
        else if (isHigh(c) || isLow(c)) {
            bytes = 6; // a lone surrogate: JSON.stringify writes \udxxx
        }
        else {
            bytes = unitBytes(c);
        }
        if (used + bytes > maxBytes)
            break;
        used += bytes;
        i += units;
    }
    return i;
}
/** UTF-8 bytes of `text` inside a JSON string literal, quotes excluded. */
function jsonStringBytes(text) {
    return Buffer.byteLength(JSON.stringify(text)) - 2;
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/alert.ts
/** Making the alert a rule raises: its id and its JSON text (the shape is ../shared/alert.ts). */


function alertId(rule, log, service, entity, record) {
    return idOf(rule, log, service, entity, JSON.stringify(record));
}
function idOf(rule, log, service, entity, recordJson) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
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
function createAlert(rule, description, log, logType, service, entity, outputs, record, context, staged, meta) {
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
        // Before the record: the text below is made by putting the record's JSON last.
        ...(context === undefined ? {} : { context: { ...context } }),
        ...(staged === true ? { staged: true } : {}),
        ...meta,
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
/** What SNS takes per message, and per PublishBatch call: bytes of UTF-8. */
const SNS_MAX_BYTES = 256 * 1024;
/** Room is left for the Subject and the request's framing. */
const MAX_MESSAGE_BYTES = SNS_MAX_BYTES - 2048;
/** Below this much room, a cut record says too little to be worth sending: it is reduced. */
const MIN_CUT_BYTES = 1024;
/** The rule description's length in a reduced alert (the rest of the alert is bounded already). */
const REDUCED_DESCRIPTION = 1000;
const locations = new WeakMap();
/** Notes where the alert's record came from (the rule processor does, before publishing). */
function locateAlert(alert, location) {
    locations.set(alert, location);
}
const fits = (text) => 
// Bytes are at most 3 per UTF-16 unit: only a long text needs counting.
text.length * 3 <= MAX_MESSAGE_BYTES || Buffer.byteLength(text) <= MAX_MESSAGE_BYTES;
const fitted = new WeakMap();
/**
 * The alert as SNS message text, always within SNS's limit in bytes (JSON escapes and UTF-8
 * included): an alert SNS refuses would be retried on every try and never delivered.
 * Throws only when the record cannot be serialized at all.
 */
function alertMessage(alert) {
    return fitAlertMessage(alert).text;
}
/** `alertMessage` and how much of the alert it carries. */
function fitAlertMessage(alert) {
    const text = alertJson(alert);
    if (fits(text))
        return { text, fit: 'whole' };
    // Kept: the processor checks each alert when it is made, the publisher sends it later.
    let result = fitted.get(alert);
    if (!result)
        fitted.set(alert, (result = shrink(alert)));
    return result;
}
function shrink(alert) {
    const recordJson = JSON.stringify(alert.record);
    const recordBytes = Buffer.byteLength(recordJson);
    // 1. The start of the record's JSON text, cut to the room the rest of the alert leaves.
    const cut = (prefix) => ({
        'streamalert:truncated': prefix,
        'streamalert:record_bytes': recordBytes,
    });
    const room = MAX_MESSAGE_BYTES - Buffer.byteLength(JSON.stringify({ ...alert, record: cut('') }));
    if (room >= MIN_CUT_BYTES) {
        const text = JSON.stringify({
            ...alert,
            record: cut(recordJson.slice(0, jsonPrefixLength(recordJson, room))),
        });
        if (fits(text))
            return { text, fit: 'cut', recordBytes };
    }
    // 2. The rest of the alert leaves no room: the record is replaced by a note saying where it is.
    return reducedAlertMessage(alert, recordBytes);
}
/**
 * The alert with its record replaced by a size note and the record's location; when that is
 * still too large, the rule's context (filled from the record) is replaced by its size too
 * and the description is cut. What remains is bounded: names, outputs (at most 50 dynamic
 * ones), the entity, the origin. Also what the publisher sends when SNS refuses a message
 * as too large.
 */
function reducedAlertMessage(alert, recordBytes = Buffer.byteLength(JSON.stringify(alert.record))) {
    const note = {
        'streamalert:record_too_large': {
            record_bytes: recordBytes,
            limit_bytes: MAX_MESSAGE_BYTES,
            note: 'the record does not fit in an SNS message with this alert; read it at its location',
            location: {
                service: alert.source_service,
                entity: alert.source_entity,
                ...locations.get(alert),
            },
        },
    };
    const reduced = JSON.stringify({ ...alert, record: note });
    if (fits(reduced))
        return { text: reduced, fit: 'reduced', recordBytes };
    const contextBytes = Buffer.byteLength(JSON.stringify(alert.context ?? null));
    const text = JSON.stringify({
        ...alert,
        rule_description: alert.rule_description.slice(0, REDUCED_DESCRIPTION),
        ...(alert.context === undefined
            ? {}
            : { context: { 'streamalert:context_too_large': { context_bytes: contextBytes } } }),
        record: note,
    });
    return { text, fit: 'reduced+context', recordBytes };
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = require("node:zlib");
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = require("node:string_decoder");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = require("node:stream");
;// CONCATENATED MODULE: ./src/processors/rule-processor/object-lines.ts
/**
 * The lines of an S3 object: its body read as it arrives, gunzipped when it starts with the
 * gzip magic bytes, split at \n, \r\n or \r (as readline does), blank lines left out.
 *
 * A small object (most CloudTrail deliveries: kilobytes) is read whole and gunzipped in one
 * call, bounded by the line ceiling: a large object, or one whose gunzip fails or passes the
 * ceiling, is streamed from its first byte, so it is never held whole. Read errors are
 * TransientError; corrupt gzip and over-long lines are poison (BadRecordError).
 *
 * StreamAlert 3 first tried the whole object as one JSON document (`json.load`): with
 * `wholeJson`, an object read whole whose text is one JSON object or array (pretty-printed
 * over many lines included) is one record. An object too large to be read whole is split
 * into lines, as before.
 */




/** The body's chunks; a failure to read them (network, S3) is transient. */
async function* readBody(body, where) {
    try {
        for await (const chunk of body)
            yield chunk;
    }
    catch (err) {
        throw new TransientError(`reading ${where} failed: ${err?.message ?? String(err)}`);
    }
}
/** Gunzips when the stream starts with the gzip magic bytes; corrupt gzip is poison, read errors stay transient. */
async function* gunzipIfNeeded(body, where) {
    const it = body[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done)
        return;
    async function* all() {
        yield first.value;
        for (let n = await it.next(); !n.done; n = await it.next())
            yield n.value;
    }
    const head = first.value;
    if (!(head[0] === 0x1f && head[1] === 0x8b)) {
        yield* all();
        return;
    }
    const source = external_node_stream_namespaceObject.Readable.from(all());
    // 64 KiB out per call instead of 16: a quarter of the chunks through the line splitter.
    const gunzip = (0,external_node_zlib_namespaceObject.createGunzip)({ chunkSize: 64 * 1024 });
    // pipe() does not forward errors: a failed read must end the gunzip stream with that error.
    source.on('error', (err) => gunzip.destroy(err));
    source.pipe(gunzip);
    try {
        // Leaving this loop early (the line limit) destroys the gunzip stream: inflation stops.
        for await (const chunk of gunzip)
            yield chunk;
    }
    catch (err) {
        if (err instanceof TransientError)
            throw err;
        throw new BadRecordError(`gzip data of ${where} does not decompress: ${err?.message ?? String(err)}`, '');
    }
    finally {
        source.destroy();
    }
}
/** A character String.prototype.trim keeps (\S is the complement of what it strips). */
const NOT_BLANK = /\S/;
/**
 * Non-empty lines (split at \n, \r\n or \r, as readline does) of a byte stream; a line
 * longer than `maxBytes` is poison and stops the reading there.
 */
async function* splitLines(bytes, maxBytes, where) {
    const decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
    // The pieces of the line not ended yet, joined once it ends: a line made of many chunks
    // (a CloudTrail object is one line) is then one flat string, not a rope of them.
    let pending = [];
    let restBytes = 0;
    let lineNo = 0;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a longer text needs counting.
    const tooLong = (text) => text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes;
    for await (const chunk of bytes) {
        const parts = decoder
            .write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
            .split(/\r\n|\r|\n/);
        const last = parts.pop();
        for (const part of parts) {
            let line = part;
            if (pending.length > 0) {
                pending.push(part);
                line = pending.join('');
                pending = [];
            }
            restBytes = 0;
            lineNo++;
            if (tooLong(line))
                throw new BadRecordError(`line ${lineNo} of ${where} is longer than ${sizeText(maxBytes)} (the limit)`, line.slice(0, 200));
            if (NOT_BLANK.test(line))
                yield line;
        }
        if (last !== '')
            pending.push(last);
        restBytes += Buffer.byteLength(last);
        if (restBytes > maxBytes)
            throw new BadRecordError(`line ${lineNo + 1} of ${where} is longer than ${sizeText(maxBytes)} (the limit); reading stopped there`, pending.join('').slice(0, 200));
    }
    const rest = pending.join('') + decoder.end();
    if (NOT_BLANK.test(rest)) {
        if (tooLong(rest))
            throw new BadRecordError(`line ${lineNo + 1} of ${where} is longer than ${sizeText(maxBytes)} (the limit)`, rest.slice(0, 200));
        yield rest;
    }
}
/** Compressed (or plain) bytes of an object read whole before it is decided how to split it. */
const WHOLE_BYTES = 1024 * 1024;
/** The share of the record ceiling an object's inflated text may have to be read whole. */
const WHOLE_SHARE = 4;
/** The chunks already read, then the rest of the iterator's. */
async function* resume(head, it) {
    yield* head;
    for (let n = await it.next(); !n.done; n = await it.next())
        yield n.value;
}
/**
 * The non-blank lines of a whole object, or undefined when it must be streamed: its gunzip
 * fails, or it inflates past a quarter of `ceiling` (the stream then reads it line by line).
 * gzip's trailer gives the inflated size of a single-member object: one larger is not tried.
 * Gzip or not is told by the first chunk, as gunzipIfNeeded tells it.
 */
function wholeLines(chunks, limits, wholeJson) {
    const ceiling = limits.maxDecompressedBytes;
    if (chunks.length === 0)
        return [];
    // Whole, the text is held three times at once (the inflated bytes, the string, its lines)
    // where limits.ts budgets a record's text about twice: only a quarter of the ceiling is
    // read whole, a larger object streams.
    const maxBytes = Math.floor(ceiling / WHOLE_SHARE);
    const bytes = Buffer.concat(chunks);
    let text = bytes;
    if (chunks[0][0] === 0x1f && chunks[0][1] === 0x8b) {
        if (bytes.length >= 18 && bytes.readUInt32LE(bytes.length - 4) > maxBytes)
            return undefined;
        try {
            text = (0,external_node_zlib_namespaceObject.gunzipSync)(bytes, { maxOutputLength: maxBytes });
        }
        catch {
            return undefined;
        }
    }
    else if (bytes.length > maxBytes)
        return undefined;
    const all = text.toString('utf8');
    if (wholeJson && isOneJsonDocument(all, limits))
        return [all];
    return nonBlankLines(all);
}
/**
 * The non-blank lines of a text split at \n, \r\n or \r. Line ends are found with indexOf
 * (memchr): a regex split walked every character of a CloudTrail object, which is one line
 * of tens of kilobytes, at a sixth of the cost of its JSON.parse.
 */
function nonBlankLines(text) {
    const lines = [];
    let start = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
        const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
        const line = text.slice(start, end);
        if (NOT_BLANK.test(line))
            lines.push(line);
        start = end === cr && text.charCodeAt(end + 1) === 0x0a ? end + 2 : end + 1;
        if (lf !== -1 && lf < start)
            lf = text.indexOf('\n', start);
        if (cr !== -1 && cr < start)
            cr = text.indexOf('\r', start);
    }
    const last = start === 0 ? text : text.slice(start);
    if (NOT_BLANK.test(last))
        lines.push(last);
    return lines;
}
/**
 * True for a text of more than one line holding one JSON object or array (a one-line text
 * is one record either way). A document past the record bounds (depth, items) is left to the
 * line splitting, as a too large object is.
 */
function isOneJsonDocument(text, limits) {
    const lead = text.trimStart()[0];
    if ((lead !== '{' && lead !== '[') || !/[\r\n]/.test(text.trim()))
        return false;
    if (jsonRefusal(text, limits) !== undefined)
        return false;
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
async function* objectLines(source, bucket, key, region, limits, 
/** Bytes read before deciding (tests give -1 to stream every object). */
wholeBytes = WHOLE_BYTES, 
/** StreamAlert 3: an object that is one JSON document is one record. */
wholeJson = false) {
    const where = `s3://${bucket}/${key}`;
    let body;
    try {
        body = await source.open(bucket, key, region);
    }
    catch (err) {
        throw new TransientError(`opening ${where} failed: ${err?.message ?? String(err)}`);
    }
    const it = Symbol.asyncIterator in body
        ? body[Symbol.asyncIterator]()
        : body[Symbol.iterator]();
    const head = [];
    let read = 0;
    let ended = false;
    try {
        while (read <= wholeBytes) {
            const n = await it.next();
            if (n.done) {
                ended = true;
                break;
            }
            head.push(n.value);
            read += n.value.byteLength;
        }
    }
    catch (err) {
        throw new TransientError(`reading ${where} failed: ${err?.message ?? String(err)}`);
    }
    const whole = ended ? wholeLines(head, limits, wholeJson) : undefined;
    if (whole) {
        yield* whole;
        return;
    }
    yield* splitLines(gunzipIfNeeded(readBody(resume(head, it), where), where), limits.maxDecompressedBytes, where);
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/payloads.ts
/**
 * From a Lambda event record to its source (service + entity, as sources.json names
 * them) and its raw log lines. Kinesis data may be gzip or zlib (CloudWatch Logs
 * subscriptions gzip theirs); S3 objects are streamed and split into lines, gunzipped
 * when they start with the gzip magic bytes, so a large object is never held whole.
 *
 * Work per record is bounded: decompression stops at `maxDecompressedBytes` (a Kinesis
 * record's whole data, one line of an S3 object) and the record is then poison
 * (BadRecordError). S3 read errors are TransientError: a retry may fix them.
 */




/** True for Node's "output would exceed the limit" error of the zlib *Sync calls. */
function overLimit(err) {
    return (err?.code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError);
}
/**
 * Kinesis data is base64-decoded into this buffer, reused from record to record (a record's
 * data is at most 1 MiB): a Buffer made per record cost about as much as decoding a short
 * line. What leaves decodeKinesisData (the text, inflated bytes) is always a copy.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const SCRATCH_MAX = 2 * 1024 * 1024;
/** The decoded bytes of base64 `data`: in `scratch` when they fit it. */
function base64Bytes(data) {
    const most = Math.ceil(data.length / 4) * 3;
    if (most > SCRATCH_MAX)
        return Buffer.from(data, 'base64');
    if (most > scratch.length)
        scratch = Buffer.allocUnsafeSlow(most);
    return scratch.subarray(0, scratch.write(data, 0, 'base64'));
}
/**
 * A byte past ASCII in atob's one-char-per-byte string (it holds only U+0000-U+00FF): the
 * string is then not the UTF-8 text.
 */
const NOT_ASCII = /[\x80-\xff]/;
/**
 * The text of base64 `data` when it is plain ASCII, else undefined. atob decodes a short
 * line in a third of the time of a Buffer and its toString (most line formats are ASCII),
 * and for ASCII its one-char-per-byte string is the UTF-8 text. Data that may be gzip
 * ("H4s": 1f 8b) or zlib ("e": 0x78) is left to the byte path, as is what atob refuses
 * (URL-safe alphabet, stray characters: Buffer decodes those leniently) and anything
 * holding a byte past 0x7f, so the text is what the byte path gives in every case.
 */
function asciiText(data) {
    const c = data.charCodeAt(0);
    if (c === 0x65 /* e */ || (c === 0x48 /* H */ && data.startsWith('H4s')))
        return undefined;
    let text;
    try {
        text = atob(data);
    }
    catch {
        return undefined;
    }
    return NOT_ASCII.test(text) ? undefined : text;
}
/**
 * Kinesis data as text: gunzipped or inflated when compressed, never past `maxBytes` of
 * output (zlib stops there: a small "gzip bomb" costs at most the ceiling).
 */
function decodeKinesisData(data, maxBytes = DEFAULT_LIMITS.maxDecompressedBytes) {
    const ascii = asciiText(data);
    if (ascii !== undefined)
        return ascii;
    const bytes = base64Bytes(data);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        try {
            return (0,external_node_zlib_namespaceObject.gunzipSync)(bytes, { maxOutputLength: maxBytes }).toString('utf8');
        }
        catch (err) {
            if (overLimit(err))
                throw new BadRecordError(`gzip data decompresses to more than ${sizeText(maxBytes)} (the limit); decompression stopped there`, data.slice(0, 200));
            throw new BadRecordError(`gzip data does not decompress: ${err.message}`, data.slice(0, 200));
        }
    }
    // zlib streams start with 0x78 and a header whose 16-bit value is a multiple of 31.
    if (bytes[0] === 0x78 && bytes.length > 2 && ((bytes[0] << 8) | bytes[1]) % 31 === 0) {
        try {
            return (0,external_node_zlib_namespaceObject.inflateSync)(bytes, { maxOutputLength: maxBytes }).toString('utf8');
        }
        catch (err) {
            if (overLimit(err))
                throw new BadRecordError(`zlib data decompresses to more than ${sizeText(maxBytes)} (the limit); decompression stopped there`, data.slice(0, 200));
            // plain data that happens to start like a zlib header
        }
    }
    return bytes.toString('utf8');
}
/** S3 event keys are URL-encoded with "+" for spaces. */
function decodeS3Key(key) {
    return decodeURIComponent(key.replace(/\+/g, ' '));
}
/** The stream name of the last Kinesis ARN seen: a batch's records share one. */
let lastArn;
let lastStream = '';
function streamOf(arn) {
    if (arn !== lastArn) {
        lastStream = arn.split('/')[1] ?? '';
        lastArn = arn;
    }
    return lastStream;
}
/** The payload of one event record, or undefined when it is not a Kinesis, S3, SNS or StreamAlert app record. */
function payloadOf(record, objects, limits = DEFAULT_LIMITS, 
/** StreamAlert 3: an S3 object that is one JSON document is one record (see objectLines). */
wholeJson = false) {
    if ('kinesis' in record) {
        const entity = streamOf(record.eventSourceARN);
        return {
            service: 'kinesis',
            entity,
            id: record.kinesis.sequenceNumber,
            lines: () => [decodeKinesisData(record.kinesis.data, limits.maxDecompressedBytes)],
            data: () => Buffer.from(record.kinesis.data, 'base64'),
        };
    }
    if ('s3' in record) {
        const bucket = record.s3.bucket.name;
        const key = decodeS3Key(record.s3.object.key);
        return {
            service: 's3',
            entity: bucket,
            id: `s3://${bucket}/${key}`,
            lines: () => objectLines(objects, bucket, key, record.awsRegion, limits, undefined, wholeJson),
            data: () => undefined,
        };
    }
    if ('stream_alert_app' in record && Array.isArray(record.logs)) {
        const logs = record.logs;
        return {
            service: 'stream_alert_app',
            entity: String(record.stream_alert_app),
            id: `stream_alert_app:${String(record.stream_alert_app)}`,
            // JSON.stringify throws on a log too deep to serialize: the payload is then poison.
            lines: () => logs.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))),
            data: () => Buffer.from(safeStringify(logs)),
        };
    }
    if ('Sns' in record) {
        const entity = record.Sns.TopicArn.split(':')[5] ?? '';
        return {
            service: 'sns',
            entity,
            id: record.Sns.MessageId ?? record.Sns.TopicArn,
            lines: () => [record.Sns.Message],
            data: () => Buffer.from(String(record.Sns.Message)),
        };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/processors/sigma/correlation-alerts.ts
/**
 * Correlation rules between the rules engine and the publisher: the alerts of one record go
 * in, the alerts to send come out: the referenced rules' own alerts dropped unless a
 * correlation naming them has `generate: true`, and one alert per correlation that fired.
 * `test`, the backtest and the rule processor all call this, with their window state.
 */

const iso = (ms) => new Date(ms).toISOString();
/**
 * The alert of a correlation that fired; `trigger` is the match that completed it (for
 * absence, the match that started the wait that went unanswered).
 */
function correlationAlert(m, trigger) {
    const c = m.correlation;
    const meta = {
        ...(c.level !== undefined ? { severity: c.level } : {}),
        ...(c.id !== undefined ? { rule_id: c.id } : {}),
        ...(c.tags && c.tags.length > 0 ? { rule_tags: [...c.tags] } : {}),
        ...(c.references && c.references.length > 0 ? { rule_references: [...c.references] } : {}),
    };
    return createAlert(c.name, c.description ? `${c.title}: ${c.description}` : c.title, trigger.log_source, trigger.log_type, trigger.source_service, trigger.source_entity, [...c.outputs], {
        correlation: m.absence
            ? {
                type: c.type,
                // The expected rules that did not match; `after` or, without it, the last seen.
                rules: [...c.rules],
                ...(c.after ? { after: [...c.after] } : {}),
                group: m.group,
                started_by: m.absence.source.rule,
                timespan_seconds: c.timespan_s,
                start_event_time: iso(m.first),
                deadline_time: iso(m.absence.due),
            }
            : {
                type: c.type,
                rules: m.rules,
                group: m.group,
                count: m.count,
                events: m.events,
                timespan_seconds: c.timespan_s,
                first_event_time: iso(m.first),
                last_event_time: iso(m.last),
                ...(m.values ? { values: m.values } : {}),
            },
        last_event: trigger.record,
    }, undefined, c.staged === true, meta);
}
/**
 * The alerts to send for one record's `alerts`: each match of a referenced rule is counted
 * (in order), its own alert kept only when not suppressed, and correlation alerts added.
 * `fired` is told each correlation alert with its match: the stream calls the match's
 * `sent` once the alert is delivered.
 */
async function correlateAlerts(alerts, correlator, where, fired) {
    if (!alerts.some((a) => correlator.referenced.has(a.rule_name)))
        return [...alerts];
    const out = [];
    for (const a of alerts) {
        if (!correlator.referenced.has(a.rule_name)) {
            out.push(a);
            continue;
        }
        if (!correlator.suppressed(a.rule_name))
            out.push(a);
        const matches = await correlator.observe({
            rule: a.rule_name,
            record: a.record,
            id: `${where.origin}\n${a.id}`,
            arrival: where.arrival,
            ...(where.time !== undefined ? { time: where.time } : {}),
            source: {
                log_source: a.log_source,
                log_type: a.log_type,
                source_service: a.source_service,
                source_entity: a.source_entity,
                record: a.record,
            },
        });
        for (const m of matches) {
            const alert = correlationAlert(m, a);
            fired?.(alert, m);
            out.push(alert);
        }
    }
    return out;
}
/**
 * The alerts of absence correlations whose deadline is before `now` (ms): offline, the
 * fixture clock; in the stream, a scheduled tick's wall clock. Each wait alerts once.
 */
async function absenceAlerts(correlator, now, fired) {
    const out = [];
    for (const m of await correlator.due(now)) {
        const alert = correlationAlert(m, m.absence.source);
        fired?.(alert, m);
        out.push(alert);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/processor.ts







/** Unclassified records logged one by one per invocation; the rest are counted in the summary. */
const DETAILED_LOG_LIMIT = 100;
/** Pending alerts published together. */
const FLUSH_AT = 100;
/** Poison records written to the dead-letter queue together (bounds the memory they hold). */
const LETTERS_FLUSH_AT = 10;
/** The reason given for a line no candidate log takes, made once per candidate list. */
const noneReasons = new WeakMap();
function noneOf(candidates) {
    let reason = noneReasons.get(candidates);
    if (reason === undefined) {
        reason = `matches none of the logs this source carries (${candidates.map((c) => c.def.name).join(', ')})`;
        noneReasons.set(candidates, reason);
    }
    return reason;
}
function errorText(err) {
    return err instanceof Error ? err.message : String(err);
}
/** Why a record is poison, for the log and the dead letter. */
function poisonReason(err) {
    if (err instanceof BadRecordError)
        return err.message;
    if (err instanceof RangeError)
        return `record cannot be processed (too deep or too big): ${err.message}`;
    return `processing the record threw: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
}
function createRuleProcessor(deps) {
    const { classifier, engine, publisher, objects, logger } = deps;
    const limits = deps.limits ?? DEFAULT_LIMITS;
    const wholeJson = classifier.semantics?.wholeS3Document ?? false;
    /**
     * Publishes `batch` (a merging rule's matches to the merge table instead): the alerts not
     * delivered, whose records (or wait) are to be retried.
     */
    async function deliver(batch) {
        let undelivered;
        const merging = deps.merging?.writer ? deps.merging : undefined;
        const toMerge = merging ? batch.filter((p) => merging.settings.has(p.alert.rule_name)) : [];
        const merged = new Set(toMerge);
        const toSend = merged.size > 0 ? batch.filter((p) => !merged.has(p)) : batch;
        try {
            undelivered = new Set(toSend.length > 0 ? await publisher.publish(toSend.map((p) => p.alert)) : []);
        }
        catch (err) {
            // A throw means nothing of this batch is known to be delivered.
            undelivered = new Set(toSend.map((p) => p.alert));
            logger.error('publishing alerts failed', { error: errorText(err) });
        }
        if (merging && toMerge.length > 0) {
            let unwritten;
            try {
                unwritten = await merging.writer.write(toMerge.map((p) => ({
                    alert: p.alert,
                    settings: merging.settings.get(p.alert.rule_name),
                })));
            }
            catch (err) {
                unwritten = toMerge.map((p) => p.alert);
                logger.error('writing matches to the merge table failed', { error: errorText(err) });
            }
            for (const a of unwritten)
                undelivered.add(a);
        }
        return undelivered;
    }
    /** Sends the sent marks of the delivered correlation alerts; a failed mark is logged. */
    async function markSent(sent, undelivered) {
        for (const [alert, mark] of sent) {
            if (undelivered.has(alert))
                continue;
            try {
                await mark();
            }
            catch (err) {
                logger.error('marking a correlation alert sent failed; it may be sent again', {
                    rule: alert.rule_name,
                    alert_id: alert.id,
                    error: errorText(err),
                });
            }
        }
    }
    async function process(event) {
        const report = {
            records: 0,
            classified: 0,
            alertsTriggered: 0,
            alerts: [],
            unclassified: [],
            unclassifiedCount: 0,
            poisonCount: 0,
            deadLettered: 0,
            failedOrigins: [],
            batchItemFailures: [],
            byLogType: new Map(),
        };
        const byLogType = report.byLogType;
        const failed = new Set();
        /** `line`: an S3 object's line, so that two equal lines of one object count as two events. */
        let pending = [];
        let letters = [];
        const unclassified = (u) => {
            report.unclassifiedCount++;
            if (report.unclassified.length < DETAILED_LOG_LIMIT) {
                report.unclassified.push(u);
                logger.warn('record did not classify', { ...u });
            }
        };
        /**
         * The pending alerts with correlations applied, in order: a referenced rule's match is
         * counted (its own alert kept only when a correlation generates it) and the alerts of
         * the windows it completes follow it. A record whose counting fails (the table) is
         * retried, none of its alerts sent now. `sent` gets each correlation alert's mark.
         */
        const correlate = async (batch, correlator, sent) => {
            const out = [];
            const arrival = (deps.now ?? Date.now)();
            const broken = new Set();
            for (const p of batch) {
                if (!correlator.referenced.has(p.alert.rule_name)) {
                    out.push(p);
                    continue;
                }
                if (broken.has(p.origin))
                    continue;
                try {
                    const alerts = await correlateAlerts([p.alert], correlator, { origin: p.line === undefined ? p.origin : `${p.origin}#${p.line}`, arrival }, (alert, match) => {
                        locateAlert(alert, { origin: p.origin });
                        alertMessage(alert);
                        if (match.sent)
                            sent.set(alert, match.sent);
                        report.alertsTriggered++;
                        if (deps.collectAlerts)
                            report.alerts.push(alert);
                    });
                    for (const alert of alerts)
                        out.push({ alert, origin: p.origin });
                }
                catch (err) {
                    broken.add(p.origin);
                    failed.add(p.origin);
                    logger.error('counting a correlation event failed; its record will be retried', {
                        origin: p.origin,
                        rule: p.alert.rule_name,
                        error: errorText(err),
                    });
                }
            }
            return broken.size > 0 ? out.filter((p) => !broken.has(p.origin)) : out;
        };
        /** Publishes the pending alerts; the records of every alert not delivered are retried. */
        const flush = async () => {
            if (pending.length === 0)
                return;
            let batch = pending;
            pending = [];
            const sent = new Map();
            if (deps.correlator)
                batch = await correlate(batch, deps.correlator, sent);
            if (batch.length === 0)
                return;
            const undelivered = await deliver(batch);
            for (const p of batch) {
                if (undelivered.has(p.alert))
                    failed.add(p.origin);
            }
            if (undelivered.size > 0)
                logger.error('alerts not delivered (SNS or merge table); their records will be retried', {
                    alerts: undelivered.size,
                });
            // Delivered correlation alerts: a retry of their records must not send them again.
            await markSent(sent, undelivered);
        };
        /** Writes the poison records collected so far to the dead-letter queue; a failed write retries the record. */
        const flushLetters = async () => {
            if (letters.length === 0)
                return;
            const batch = letters;
            letters = [];
            if (!deps.deadLetters)
                return;
            let unsent;
            try {
                unsent = await deps.deadLetters.send(batch);
            }
            catch (err) {
                unsent = batch;
                logger.error('writing to the dead-letter queue failed', { error: errorText(err) });
            }
            report.deadLettered += batch.length - unsent.length;
            for (const l of unsent)
                failed.add(l.origin);
            if (unsent.length > 0)
                logger.error('poison records not written to the dead-letter queue; they will be retried', {
                    records: unsent.length,
                });
        };
        const poison = async (letter, sample) => {
            report.records++;
            report.poisonCount++;
            logger.error('poison record: set aside, dead-lettered, not retried', {
                service: letter.service,
                entity: letter.entity,
                origin: letter.origin,
                ...(letter.sequenceNumber !== undefined ? { sequence_number: letter.sequenceNumber } : {}),
                ...(letter.line !== undefined ? { line: letter.line } : {}),
                reason: letter.reason,
                dead_letter_queue: deps.deadLetters !== undefined,
            });
            unclassified({
                service: letter.service,
                entity: letter.entity,
                origin: letter.origin,
                reason: letter.reason,
                sample,
            });
            letters.push(letter);
            if (letters.length >= LETTERS_FLUSH_AT)
                await flushLetters();
        };
        const whereOf = (payload) => ({
            service: payload.service,
            entity: payload.entity,
            origin: payload.id,
        });
        /** A line whose classification, rules or alerts threw: poison. */
        const poisonLine = (payload, text, line, err) => poison({
            ...whereOf(payload),
            sequenceNumber: payload.service === 'kinesis' ? payload.id : undefined,
            ...(payload.service === 's3' ? { line } : {}),
            reason: poisonReason(err),
            data: payload.service === 's3' ? Buffer.from(text) : payload.data(),
        }, preview(text));
        /**
         * Line `line` (from 1) of a payload; a promise only when it has to wait (poison, a full
         * batch to publish). Made once per invocation, not per record: a closure per record
         * cost as much as the rest of the loop on small records.
         */
        const handleLine = (payload, candidates, scope, text, line) => {
            if (!candidates) {
                report.records++;
                unclassified({
                    ...whereOf(payload),
                    reason: `${payload.service} source "${payload.entity}" is not in sources.json`,
                    sample: preview(text),
                });
                return undefined;
            }
            let alerts;
            let classifiedCount;
            let classifiedLog;
            try {
                const classified = classifier.classify(text, candidates, scope);
                if (!classified) {
                    report.records++;
                    unclassified({
                        ...whereOf(payload),
                        reason: noneOf(candidates),
                        sample: preview(text),
                    });
                    return undefined;
                }
                for (const rejected of classified.rejected) {
                    unclassified({
                        ...whereOf(payload),
                        reason: `part of a ${classified.log.name} payload that does not fit it: ${rejected.reason}`,
                        sample: preview(rejected.value),
                    });
                }
                classifiedCount = classified.records.length;
                classifiedLog = classified.log.name;
                if (deps.collectAlerts)
                    (report.logs ??= []).push(classified.log.name);
                alerts = engine.run(classified, payload.service, payload.entity);
                // Serialize now: an unserializable record is poison here, instead of failing a
                // whole publish batch on every retry. An alert too large for SNS is sent cut or
                // reduced to a note with this location (alert.ts), never refused.
                for (const alert of alerts) {
                    locateAlert(alert, payload.service === 's3' ? { origin: payload.id, line } : { origin: payload.id });
                    alertMessage(alert);
                }
            }
            catch (err) {
                if (err instanceof TransientError)
                    throw err;
                return poisonLine(payload, text, line, err);
            }
            report.records++;
            report.classified += classifiedCount;
            byLogType.set(classifiedLog, (byLogType.get(classifiedLog) ?? 0) + classifiedCount);
            report.alertsTriggered += alerts.length;
            for (const alert of alerts) {
                if (deps.collectAlerts)
                    report.alerts.push(alert);
                pending.push({
                    alert,
                    origin: payload.id,
                    ...(payload.service === 's3' ? { line } : {}),
                });
            }
            return pending.length >= FLUSH_AT ? flush() : undefined;
        };
        // Most records of a batch come from one source: its candidates are looked up once.
        let lastService;
        let lastEntity;
        let candidates;
        let reader;
        const sourceIs = (service, entity) => {
            if (service === lastService && entity === lastEntity)
                return;
            lastService = service;
            lastEntity = entity;
            candidates = classifier.candidates(service, entity);
            reader = candidates && classifier.lineReader(candidates);
        };
        /**
         * The plain-line loop: a Kinesis record of a source whose logs are line formats (or JSON
         * ones, which its text cannot be) goes from its text to its typed record and alerts with
         * no payload, input or classification object made for it; per record they cost more than
         * the reading of the line. A line the reader leaves undecided (it fits no log, a value
         * does not convert, it may be JSON) goes to `handleLine`; false when the data does not
         * decode (the general path then reports it). Otherwise what `handleLine` returns, and
         * the same report.
         */
        const plainLine = (record) => {
            const entity = streamOf(record.eventSourceARN);
            sourceIs('kinesis', entity);
            if (!reader)
                return false;
            let text;
            try {
                text = decodeKinesisData(record.kinesis.data, limits.maxDecompressedBytes);
            }
            catch {
                return false;
            }
            const typed = reader.read(text);
            const origin = record.kinesis.sequenceNumber;
            if (typed === NO_LOG) {
                // As handleLine reports a line classify gives nothing for, without the payload.
                report.records++;
                unclassified({
                    service: 'kinesis',
                    entity,
                    origin,
                    reason: noneOf(candidates),
                    sample: preview(text),
                });
                return undefined;
            }
            let alerts;
            try {
                // The general path, with the text already decoded (a csv header needs no scope here:
                // a source with one has no reader).
                if (typed === UNDECIDED)
                    return handleLine(payloadOf(record, objects, limits, wholeJson), candidates, {}, text, 1);
                alerts = engine.runRecord(reader.log, typed, 'kinesis', entity);
                for (const alert of alerts) {
                    locateAlert(alert, { origin });
                    alertMessage(alert);
                }
            }
            catch (err) {
                if (err instanceof TransientError) {
                    failed.add(origin);
                    logger.error('record failed; it will be retried', {
                        service: 'kinesis',
                        entity,
                        origin,
                        error: err.message,
                    });
                    return undefined;
                }
                return poisonLine(payloadOf(record, objects, limits, wholeJson), text, 1, err);
            }
            report.records++;
            report.classified++;
            byLogType.set(reader.log.name, (byLogType.get(reader.log.name) ?? 0) + 1);
            // As the general path: the fixtures' runner reads the log each payload matched here.
            if (deps.collectAlerts)
                (report.logs ??= []).push(reader.log.name);
            report.alertsTriggered += alerts.length;
            for (const alert of alerts) {
                if (deps.collectAlerts)
                    report.alerts.push(alert);
                pending.push({ alert, origin });
            }
            return pending.length >= FLUSH_AT ? flush() : undefined;
        };
        for (const record of event.Records ?? []) {
            if ('kinesis' in record) {
                const waiting = plainLine(record);
                if (waiting !== false) {
                    if (waiting)
                        await waiting;
                    continue;
                }
            }
            const payload = payloadOf(record, objects, limits, wholeJson);
            if (!payload) {
                report.records++;
                unclassified({
                    service: 'unknown',
                    entity: '',
                    origin: '',
                    reason: 'not a Kinesis, S3 or SNS record',
                    sample: preview(record, 300),
                });
                continue;
            }
            sourceIs(payload.service, payload.entity);
            // csv header state lives per payload: one Kinesis record, one S3 object, one SNS message.
            const scope = {};
            let line = 0;
            try {
                const lines = payload.lines();
                // Kinesis, SNS and app payloads are arrays: iterated without a promise per line
                // (for await over them cost more than the rest of the loop).
                if (Array.isArray(lines)) {
                    for (const text of lines) {
                        const waiting = handleLine(payload, candidates, scope, text, ++line);
                        if (waiting)
                            await waiting;
                    }
                }
                else {
                    for await (const text of lines) {
                        const waiting = handleLine(payload, candidates, scope, text, ++line);
                        if (waiting)
                            await waiting;
                    }
                }
            }
            catch (err) {
                if (err instanceof TransientError) {
                    failed.add(payload.id);
                    logger.error('record failed; it will be retried', {
                        ...whereOf(payload),
                        error: err.message,
                    });
                }
                else {
                    // Reading the payload itself failed for good (corrupt or oversized compression, a
                    // log too deep to serialize): the rest of it cannot be read on a retry either.
                    await poison({
                        ...whereOf(payload),
                        sequenceNumber: payload.service === 'kinesis' ? payload.id : undefined,
                        reason: poisonReason(err),
                        data: payload.data(),
                    }, err instanceof BadRecordError ? err.sample : '');
                }
            }
        }
        await flush();
        await flushLetters();
        report.failedOrigins = [...failed];
        if (failed.size > 0) {
            // The sequence numbers of the batch's Kinesis records (a payload's id), worked out only
            // when something failed.
            const kinesisOrigins = new Set();
            for (const record of event.Records ?? [])
                if ('kinesis' in record)
                    kinesisOrigins.add(record.kinesis.sequenceNumber);
            report.batchItemFailures = report.failedOrigins
                .filter((o) => kinesisOrigins.has(o))
                .map((itemIdentifier) => ({ itemIdentifier }));
        }
        logger.metric('TotalRecords', report.records);
        logger.metric('FailedParses', report.unclassifiedCount);
        logger.metric('TriggeredAlerts', report.alertsTriggered);
        if (report.poisonCount > 0)
            logger.metric('PoisonRecords', report.poisonCount);
        // One line per log type seen, whatever the batch size: the silence alarms need only that
        // a log type arrived, the volume-drop alarms its sum.
        for (const [logType, count] of byLogType)
            logger.logTypeRecords(logType, count);
        if (report.unclassifiedCount > 0) {
            logger.error('unclassified records in this invocation', {
                FailedParses: report.unclassifiedCount,
                sources: [...new Set(report.unclassified.map((u) => `${u.service}:${u.entity}`))],
            });
        }
        logger.info('processed', {
            records: report.records,
            classified: report.classified,
            alerts: report.alertsTriggered,
            unclassified: report.unclassifiedCount,
            poison: report.poisonCount,
            dead_lettered: report.deadLettered,
            failed: report.failedOrigins.length,
        });
        return report;
    }
    return {
        process,
        async tick(now) {
            if (!deps.correlator)
                return { alerts: 0 };
            const sent = new Map();
            const alerts = await absenceAlerts(deps.correlator, now, (alert, match) => {
                alertMessage(alert);
                if (match.sent)
                    sent.set(alert, match.sent);
            });
            if (alerts.length === 0)
                return { alerts: 0 };
            const undelivered = await deliver(alerts.map((alert) => ({ alert })));
            await markSent(sent, undelivered);
            logger.info('absence correlations checked', {
                alerts: alerts.length,
                undelivered: undelivered.size,
            });
            if (undelivered.size > 0)
                throw new Error(`${undelivered.size} absence alert(s) not delivered; sent again later`);
            return { alerts: alerts.length };
        },
        async handle(event) {
            const report = await process(event);
            const nonKinesis = report.failedOrigins.length - report.batchItemFailures.length;
            if (nonKinesis > 0) {
                // S3 and SNS invocations are retried by Lambda only when the handler fails.
                throw new Error(`${nonKinesis} S3/SNS record(s) failed and must be retried: ${report.failedOrigins.filter((o) => !report.batchItemFailures.some((b) => b.itemIdentifier === o)).join(', ')}`);
            }
            return { batchItemFailures: report.batchItemFailures };
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/dynamic-outputs.ts
/** Up to this many outputs are taken from one function call (a runaway list is cut and logged). */
const MAX_DYNAMIC_OUTPUTS = 50;
/** `known`: the keys of conf/outputs.json; undefined where it is not at hand (rule fixtures). */
function createDynamicOutputsResolver(logger, known) {
    function dropped(rule, fn, output, reason) {
        logger.warn('dynamic output left out', {
            rule,
            function: fn.name || '(anonymous)',
            output: typeof output === 'string' ? output.slice(0, 200) : typeof output,
            reason,
        });
    }
    function call(rule, fn, record) {
        let value;
        try {
            value = fn(record);
        }
        catch (err) {
            logger.error('dynamic output function threw; it adds no output', {
                rule,
                function: fn.name || '(anonymous)',
                error: err?.message ?? String(err),
            });
            return [];
        }
        if (value === undefined || value === null)
            return [];
        if (typeof value === 'string')
            return [value];
        if (Array.isArray(value)) {
            if (value.length <= MAX_DYNAMIC_OUTPUTS)
                return value;
            dropped(rule, fn, `${value.length} outputs`, `more than ${MAX_DYNAMIC_OUTPUTS}; the rest are left out`);
            return value.slice(0, MAX_DYNAMIC_OUTPUTS);
        }
        dropped(rule, fn, value, 'a dynamic output function must return a string, a list of strings or nothing');
        return [];
    }
    return {
        outputs(rule, staticOutputs, functions, record) {
            const result = [...staticOutputs];
            for (const fn of functions) {
                for (const output of call(rule, fn, record)) {
                    if (typeof output !== 'string' || !/^[^:]+:.+$/.test(output))
                        dropped(rule, fn, output, 'not a "service:descriptor" string');
                    else if (fn.outputs && !fn.outputs.includes(output))
                        dropped(rule, fn, output, 'not among the outputs its dynamicOutput declares');
                    else if (known && !known.has(output))
                        dropped(rule, fn, output, 'not in conf/outputs.json');
                    else if (!result.includes(output))
                        result.push(output);
                }
            }
            return result;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/normalize.ts

const normalize_NORMALIZED = Symbol.for('streamalert-action.normalized-types');
function createNormalizer(types) {
    // field name → normalized types it belongs to, per category
    const byCategory = new Map();
    for (const [category, map] of types) {
        const fields = new Map();
        for (const [type, names] of map)
            for (const name of names)
                fields.set(name, [...(fields.get(name) ?? []), type]);
        byCategory.set(category, fields);
    }
    const cache = new WeakMap();
    function walk(value, fields, path, out, depth) {
        // Records are parsed JSON, so they cannot be cyclic; the bound keeps a hostile record cheap.
        if (depth > 64)
            return;
        for (const key of Object.keys(value)) {
            const v = value[key];
            if (isPlainObject(v))
                walk(v, fields, [...path, key], out, depth + 1);
            else
                for (const type of fields.get(key) ?? [])
                    (out[type] ??= []).push([...path, key]);
        }
    }
    const allOf = (record, category) => {
        let all = cache.get(record);
        if (!all) {
            all = {};
            walk(record, byCategory.get(category), [], all, 0);
            cache.set(record, all);
        }
        return all;
    };
    const pick = (all, wanted) => {
        const picked = {};
        for (const t of wanted)
            if (all[t])
                picked[t] = all[t];
        return picked;
    };
    return {
        forRule(record, category, datatypes) {
            const defined = types.get(category);
            if (!defined || !datatypes.every((t) => defined.has(t)))
                return {};
            return pick(allOf(record, category), datatypes);
        },
        found(record, category, wanted) {
            if (!types.has(category))
                return {};
            return pick(allOf(record, category), wanted);
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/lookup-tables/provider.ts
/** The symbol src/rules-api/index.ts reads (it cannot import this file). */
const LOOKUPS_SYMBOL = Symbol.for('streamalert-action.lookup-tables');
/** Rows recorded per evaluation: a rule looking up in a loop must not grow an alert without end. */
const MAX_RECORDED_LOOKUPS = 20;
let source;
let rows = null;
const provider = {
    lookup(table, key) {
        const result = source ? source.lookup(table, key) : { found: false };
        const recorded = (rows ??= []);
        if (recorded.length < MAX_RECORDED_LOOKUPS)
            recorded.push(result.found
                ? { table, key, found: true, value: result.value }
                : { table, key, found: false });
        return result;
    },
};
/** Makes `source` the tables rules read (undefined: none, every lookup misses). */
function installLookups(next) {
    source = next;
    globalThis[LOOKUPS_SYMBOL] = provider;
}
/** Starts recording the rows one rule evaluation reads. */
function beginLookups() {
    rows = null;
}
/** The rows read since `beginLookups`, or null when none was. */
function endLookups() {
    const r = rows;
    rows = null;
    return r;
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/rules-engine.ts




const NO_ALERTS = Object.freeze([]);
function metaOf(r, detectionVersion) {
    const meta = {
        ...(detectionVersion === undefined ? {} : { detection_version: detectionVersion }),
        ...(typeof r.severity === 'string' ? { severity: r.severity } : {}),
        ...(typeof r.id === 'string' ? { rule_id: r.id } : {}),
        ...(Array.isArray(r.tags) && r.tags.length > 0 ? { rule_tags: [...r.tags] } : {}),
        ...(Array.isArray(r.references) && r.references.length > 0
            ? { rule_references: [...r.references] }
            : {}),
    };
    return Object.keys(meta).length > 0 ? meta : undefined;
}
function prepareRule(r, detectionVersion) {
    return {
        rule: r,
        subkeys: r.req_subkeys
            ? Object.keys(r.req_subkeys).map((top) => [top, [...r.req_subkeys[top]]])
            : undefined,
        matchers: r.matchers ? [...r.matchers] : [],
        datatypes: r.datatypes && r.datatypes.length > 0 ? r.datatypes : undefined,
        description: r.description ?? 'No rule description provided',
        dynamic: r.dynamic_outputs && r.dynamic_outputs.length > 0 ? r.dynamic_outputs : undefined,
        context: r.context === undefined ? undefined : JSON.stringify(r.context),
        meta: metaOf(r, detectionVersion),
    };
}
function hasSubkeys(record, req) {
    for (let i = 0; i < req.length; i++) {
        const [top, keys] = req[i];
        const v = record[top];
        if (typeof v !== 'object' || v === null)
            return false;
        for (let j = 0; j < keys.length; j++)
            if (!(keys[j] in v))
                return false;
    }
    return true;
}
function createRulesEngine(rules, logger, types = new Map(), 
/** The keys of conf/outputs.json, for dynamic outputs; undefined: not checked (rule fixtures). */
knownOutputs, 
/** The detection bundle the rules came from (its version goes into every alert). */
detectionVersion, 
/** conf/threat_intel.json's matching, when it is enabled. */
threatIntel) {
    const prepare = (r) => prepareRule(r, detectionVersion);
    const byLog = new Map();
    // StreamAlert 1.5: a rule with datatypes and no logs runs on every log.
    const everyLog = rules.filter((r) => !r.logs || r.logs.length === 0).map(prepare);
    for (const r of rules) {
        const p = prepare(r);
        for (const log of r.logs ?? [])
            byLog.set(log, [...(byLog.get(log) ?? []), p]);
    }
    /** The rules of each log, every-log rules after the log's own: worked out once per log name. */
    const forLog = new Map();
    const rulesOf = (log) => {
        let list = forLog.get(log);
        if (!list) {
            list = [...(byLog.get(log) ?? []), ...everyLog];
            forLog.set(log, list);
        }
        return list;
    };
    const normalizer = createNormalizer(types);
    const dynamicOutputs = createDynamicOutputsResolver(logger, knownOutputs);
    const threw = (what, r, err) => {
        logger.error(`${what} threw; counted as no match`, {
            rule: r.name,
            error: err?.message ?? String(err),
        });
        return false;
    };
    /**
     * Matchers then the rule; one that throws is logged and counts as false. `context`: the
     * copy of the rule's context this evaluation may fill in (StreamAlert passed it to the rule).
     */
    function fires(p, record, category, context) {
        const ms = p.matchers;
        for (let i = 0; i < ms.length; i++) {
            const m = ms[i];
            try {
                if (m(record) !== true)
                    return false;
            }
            catch (err) {
                return threw(`matcher ${m.name || '(anonymous)'}`, p.rule, err);
            }
        }
        if (p.datatypes) {
            const found = normalizer.forRule(record, category, p.datatypes);
            Object.defineProperty(record, normalize_NORMALIZED, {
                value: found,
                configurable: true,
                enumerable: false,
                writable: true,
            });
        }
        try {
            return p.rule.rule(record, context) === true;
        }
        catch (err) {
            return threw('rule', p.rule, err);
        }
    }
    /** The alerts of one record, added to `alerts` (made at the first one). */
    function runOn(log, list, record, service, entity, alerts) {
        // Subkeys guard loose {} JSON schemas; other parsers give flat, fixed fields.
        const json = log.parser === 'json';
        // As StreamAlert 3: indicators are matched before the rules run, so rules read
        // record['streamalert:ioc']; every alert of the record carries the matches.
        const iocs = threatIntel
            ? threatIntel.match(record, normalizer.found(record, log.category, threatIntel.normalizedTypes))
            : undefined;
        for (let j = 0; j < list.length; j++) {
            const p = list[j];
            if (p.subkeys && json && !hasSubkeys(record, p.subkeys))
                continue;
            let context = p.context === undefined ? undefined : JSON.parse(p.context);
            beginLookups();
            if (!fires(p, record, log.category, context))
                continue;
            // The lookup-table rows the matchers and the rule read: the alert shows what it matched with.
            const looked = endLookups();
            if (looked)
                context = { ...context, lookup_tables: looked };
            if (iocs && iocs.length > 0)
                context = { ...context, threat_intel: iocs };
            (alerts ??= []).push(createAlert(p.rule.name, p.description, log.name, log.parser, service, entity, p.dynamic
                ? dynamicOutputs.outputs(p.rule.name, p.rule.outputs, p.dynamic, record)
                : [...p.rule.outputs], record, context, p.rule.staged === true, p.meta));
        }
        return alerts;
    }
    return {
        run(classified, service, entity) {
            const log = classified.log;
            const list = rulesOf(log.name);
            if (list.length === 0)
                return NO_ALERTS;
            let alerts;
            const records = classified.records;
            for (let i = 0; i < records.length; i++)
                alerts = runOn(log, list, records[i], service, entity, alerts);
            return alerts ?? NO_ALERTS;
        },
        runRecord(log, record, service, entity) {
            const list = rulesOf(log.name);
            if (list.length === 0)
                return NO_ALERTS;
            return runOn(log, list, record, service, entity, undefined) ?? NO_ALERTS;
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/sink.ts
// The message text is made in alert.ts: the rule sandbox uses it too, and this file's lazy
// SNS import would otherwise pull the SNS client into every bundle that does.

const MAX_ENTRIES = 10;
/** SNS's answer to a message over its size (InvalidParameter "Message too long"). */
function tooLarge(refusal) {
    return refusal.SenderFault === true && /too long|too large|size/i.test(refusal.Message ?? '');
}
function subject(alert) {
    // SNS subjects: ASCII, no line breaks, at most 100 characters.
    return `StreamAlert: ${alert.rule_name}`.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
}
/**
 * `sns`: the client, a function that makes it at the first publish (the Lambda's cold
 * start then never loads the SNS SDK for an invocation without alerts), or PublishBatch
 * without the SDK (sns-direct.ts: the Lambda's cold start then never loads it at all).
 */
function createSnsPublisher(sns, topicArn, logger, attempts = 3) {
    let ready;
    const connect = () => {
        if ('publishBatch' in sns)
            return Promise.resolve((input) => sns.publishBatch(input));
        return (ready ??= Promise.all([
            typeof sns === 'function' ? sns() : sns,
            Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 332, 23)),
        ])
            .then(([client, { PublishBatchCommand }]) => (input) => client.send(new PublishBatchCommand(input)))
            .catch((err) => {
            ready = undefined;
            throw err;
        }));
    };
    async function sendChunk(chunk) {
        const publishBatch = await connect();
        let pending = chunk;
        for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt++) {
            try {
                const res = await publishBatch({
                    TopicArn: topicArn,
                    PublishBatchRequestEntries: pending.map((p, i) => ({
                        Id: String(i),
                        Message: p.message,
                        Subject: subject(p.alert),
                    })),
                });
                const failed = new Map((res.Failed ?? []).map((f) => [Number(f.Id), f]));
                for (const f of res.Failed ?? [])
                    logger.warn('SNS refused an alert', {
                        code: f.Code,
                        sender_fault: f.SenderFault,
                        attempt,
                    });
                pending = pending
                    .map((p, i) => {
                    const refusal = failed.get(i);
                    // A message SNS finds too large is refused on every try: the next one carries
                    // the alert reduced (record replaced by a size note and its location) instead.
                    return refusal && tooLarge(refusal) ? { ...p, message: reduced(p.alert) } : p;
                })
                    .filter((_, i) => failed.has(i));
            }
            catch (err) {
                logger.warn('PublishBatch failed', {
                    error: err.message,
                    attempt,
                    alerts: pending.length,
                });
            }
            if (pending.length > 0 && attempt < attempts)
                await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
        }
        return pending.map((p) => p.alert);
    }
    /** Logged per alert not sent whole, with a metric: its record must then be read at its source. */
    function tooLargeAlert(alert, fit, recordBytes) {
        logger.warn('alert too large for SNS: sent without its whole record', {
            rule: alert.rule_name,
            alert_id: alert.id,
            fit,
            record_bytes: recordBytes,
            limit_bytes: MAX_MESSAGE_BYTES,
        });
        logger.metric('AlertsReduced', 1);
    }
    function reduced(alert) {
        const fit = reducedAlertMessage(alert);
        tooLargeAlert(alert, fit.fit, fit.recordBytes);
        return fit.text;
    }
    return {
        async publish(alerts) {
            const failed = [];
            let chunk = [];
            let bytes = 0;
            for (const alert of alerts) {
                let message;
                try {
                    const fit = fitAlertMessage(alert);
                    message = fit.text;
                    if (fit.fit !== 'whole')
                        tooLargeAlert(alert, fit.fit, fit.recordBytes);
                }
                catch (err) {
                    // The processor serializes every alert before queuing it; this guards a record a
                    // later rule changed. Its record is retried rather than failing the whole batch.
                    logger.error('alert cannot be serialized', {
                        rule: alert.rule_name,
                        error: err?.message ?? String(err),
                    });
                    failed.push(alert);
                    continue;
                }
                const size = Buffer.byteLength(message) + 200;
                if (chunk.length === MAX_ENTRIES || (chunk.length > 0 && bytes + size > SNS_MAX_BYTES)) {
                    failed.push(...(await sendChunk(chunk)));
                    chunk = [];
                    bytes = 0;
                }
                chunk.push({ alert, message });
                bytes += size;
            }
            if (chunk.length > 0)
                failed.push(...(await sendChunk(chunk)));
            return failed;
        },
    };
}

// EXTERNAL MODULE: ./node_modules/aws4/aws4.js
var aws4 = __nccwpck_require__(832);
var aws4_default = /*#__PURE__*/__nccwpck_require__.n(aws4);
;// CONCATENATED MODULE: ./src/processors/rule-processor/sns-direct.ts

/** Regions of the commercial partition, whose SNS endpoint is sns.<region>.amazonaws.com. */
const COMMERCIAL_REGION = /^(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/;
/** A request that gets no answer in this long fails (the sink retries it). */
const TIMEOUT_MS = 30_000;
/** An answer larger than this is not SNS's (10 entries of ids and short messages). */
const MAX_RESPONSE_BYTES = 1024 * 1024;
/** Where and as whom to publish, or undefined when the environment leaves that to the SDK. */
function directSnsTarget(env) {
    if (!env.AWS_ACCESS_KEY_ID || !env.AWS_SECRET_ACCESS_KEY)
        return undefined;
    if (env.AWS_USE_FIPS_ENDPOINT === 'true' || env.AWS_USE_DUALSTACK_ENDPOINT === 'true')
        return undefined;
    const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (!region)
        return undefined;
    const configured = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true'
        ? undefined
        : env.AWS_ENDPOINT_URL_SNS || env.AWS_ENDPOINT_URL;
    if (configured) {
        try {
            const endpoint = new URL(configured);
            return endpoint.protocol === 'https:' || endpoint.protocol === 'http:'
                ? { endpoint, region }
                : undefined;
        }
        catch {
            return undefined;
        }
    }
    return COMMERCIAL_REGION.test(region)
        ? { endpoint: new URL(`https://sns.${region}.amazonaws.com/`), region }
        : undefined;
}
/** The form body of a PublishBatch call (the Query protocol's names). */
function publishBatchBody(input) {
    const form = new URLSearchParams({
        Action: 'PublishBatch',
        Version: '2010-03-31',
        TopicArn: input.TopicArn,
    });
    input.PublishBatchRequestEntries.forEach((e, i) => {
        const at = `PublishBatchRequestEntries.member.${i + 1}`;
        form.append(`${at}.Id`, e.Id);
        form.append(`${at}.Message`, e.Message);
        if (e.Subject !== undefined)
            form.append(`${at}.Subject`, e.Subject);
    });
    // URLSearchParams writes a space as "+", which the signature's canonical form does not use.
    return form.toString().replaceAll('+', '%20');
}
const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function xmlText(s) {
    return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e) => e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
        : ENTITIES[e]);
}
/** The <member> elements of list `name` as maps of their child elements' text. */
function members(xml, name) {
    const list = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
    if (!list)
        return [];
    const out = [];
    for (const m of list.matchAll(/<member>([\s\S]*?)<\/member>/g)) {
        const fields = {};
        for (const f of m[1].matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g))
            fields[f[1]] = xmlText(f[2]);
        out.push(fields);
    }
    return out;
}
/** PublishBatch's answer as the SDK gives it; throws for an answer that is not one. */
function parsePublishBatchResponse(xml) {
    if (!xml.includes('<PublishBatchResult'))
        throw new Error(`SNS answered without a PublishBatchResult: ${xml.slice(0, 200)}`);
    return {
        Successful: members(xml, 'Successful').map((m) => ({ Id: m.Id, MessageId: m.MessageId })),
        Failed: members(xml, 'Failed').map((m) => ({
            Id: m.Id,
            Code: m.Code,
            Message: m.Message,
            SenderFault: m.SenderFault === 'true',
        })),
    };
}
/** SNS's error answer (<Error><Code>…</Code><Message>…</Message>) as an Error named by its code. */
function errorOf(status, xml) {
    const code = /<Code>([\s\S]*?)<\/Code>/.exec(xml)?.[1];
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(xml)?.[1];
    const err = new Error(`SNS PublishBatch: HTTP ${status}${code ? ` ${xmlText(code)}` : ''}${message ? `: ${xmlText(message)}` : ''}`);
    if (code)
        err.name = xmlText(code);
    return err;
}
/** A PublishBatch sender for `target`; credentials are read from `env` at each call. */
function createDirectSns(target, env = process.env) {
    const { endpoint, region } = target;
    // node:https is loaded at the first alert (an invocation without one never needs it), its
    // agent kept alive as the SDK's handler does: later batches skip the TCP and TLS handshakes.
    let transport;
    const connect = () => (transport ??= (endpoint.protocol === 'https:' ? Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 708, 23)) : Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 67, 23))).then((m) => ({
        agent: new m.Agent({ keepAlive: true, maxSockets: 50 }),
        send: (o, cb) => m.request(o, cb),
    })));
    const path = endpoint.pathname || '/';
    return {
        async publishBatch(input) {
            const { agent, send } = await connect();
            const body = publishBatchBody(input);
            const signed = aws4_default().sign({
                service: 'sns',
                region,
                method: 'POST',
                host: endpoint.hostname,
                ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
                path,
                body,
                headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
            }, {
                accessKeyId: env.AWS_ACCESS_KEY_ID,
                secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
                ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
            });
            return new Promise((resolve, reject) => {
                const req = send({
                    protocol: endpoint.protocol,
                    hostname: endpoint.hostname,
                    port: endpoint.port || undefined,
                    method: 'POST',
                    path,
                    headers: signed.headers,
                    agent,
                    timeout: TIMEOUT_MS,
                }, (res) => {
                    const chunks = [];
                    let size = 0;
                    res.on('data', (c) => {
                        size += c.length;
                        if (size > MAX_RESPONSE_BYTES) {
                            res.destroy(new Error(`SNS PublishBatch: answer larger than ${MAX_RESPONSE_BYTES} bytes`));
                            return;
                        }
                        chunks.push(c);
                    });
                    res.on('error', reject);
                    res.on('end', () => {
                        const xml = Buffer.concat(chunks).toString('utf8');
                        const status = res.statusCode ?? 0;
                        if (status < 200 || status >= 300)
                            return reject(errorOf(status, xml));
                        try {
                            resolve(parsePublishBatchResponse(xml));
                        }
                        catch (err) {
                            reject(err);
                        }
                    });
                });
                req.on('timeout', () => req.destroy(new Error(`SNS PublishBatch: no answer in ${TIMEOUT_MS / 1000} s`)));
                req.on('error', reject);
                req.end(body);
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/shared/merge.ts
/**
 * Alert merging, the pure part (StreamAlert v2's Alert.can_merge / Alert.merge): which
 * matches belong together, which windows are closed, and what the merged alert holds.
 * The rule processor, the merger Lambda and `streamalert test` all use it, so a merged
 * alert looks the same in a fixture and in Slack.
 *
 * Semantics carried over from StreamAlert:
 * - two matches merge when they come from the same rule, have equal values at every merge
 *   key, and the later one was created within the merge window of the FIRST one of the
 *   group (the window starts at the first match; it does not slide);
 * - the merged record holds AlertCount, AlertTimeFirst/Last, MergedBy (the merge key
 *   values), OtherCommonKeys (the greatest subset every record shares, merge keys left
 *   out) and ValueDiffs (per match, what differs from the common subset, keyed by its
 *   created time); the rule name, description and source come from the first match, the
 *   outputs and context from the latest.
 * Added here: `threshold` (a closed window with fewer matches sends nothing) and
 * DistinctValues (each differing field's distinct values, so a long window reads at a glance).
 * The merged alert itself is built match by match in ./merge-window.ts (mergeMatches).
 */

/** The rule's merge settings, or undefined when it does not merge (no merge_window_mins). */
function mergeSettingsOf(rule) {
    if (rule.merge_window_mins === undefined)
        return undefined;
    return {
        keys: [...(rule.merge_by_keys ?? [])],
        windowMs: rule.merge_window_mins * 60_000,
        threshold: rule.threshold ?? 1,
    };
}
/** The value at a dotted path ("userIdentity.arn"); undefined when a step is missing. */
function valueAt(record, dotted) {
    let v = record;
    for (const step of dotted.split('.')) {
        if (typeof v !== 'object' || v === null)
            return undefined;
        v = v[step];
    }
    return v;
}
/** The match's merge key values, as JSON text: matches with the same text merge. A missing key is null. */
function mergeKeyOf(record, keys) {
    return JSON.stringify(keys.map((k) => valueAt(record, k) ?? null));
}
/**
 * Splits the matches of ONE rule and merge key (any order) into windows, oldest first:
 * each window starts at its first match and takes every later match within `windowMs`.
 * `closed`: the windows whose end has passed at `now`; `open`: the matches still waiting.
 */
function windowsOf(matches, windowMs, now, 
/** How long after its end a window still waits, for matches written just before it closed. */
graceMs = 0) {
    const sorted = [...matches].sort((a, b) => a.created - b.created || cmp(a.alert.id, b.alert.id));
    return cutWindows(sorted, windowMs, now, graceMs);
}
/** `windowsOf` on items already sorted by created time (the merger cuts its ranks with it). */
function cutWindows(sorted, windowMs, now, graceMs = 0) {
    const closed = [];
    let i = 0;
    while (i < sorted.length) {
        const start = sorted[i].created;
        if (now < start + windowMs + graceMs)
            break;
        let j = i;
        while (j < sorted.length && sorted[j].created <= start + windowMs)
            j++;
        closed.push(sorted.slice(i, j));
        i = j;
    }
    return { closed, open: sorted.slice(i) };
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b);
/** The greatest subset every record shares (StreamAlert's _compute_common). */
function commonOf(records) {
    if (records.length === 0)
        return {};
    if (records.length === 1)
        return records[0];
    const [first, ...others] = records;
    const common = {};
    for (const [key, val] of Object.entries(first)) {
        if (!others.every((r) => key in r))
            continue;
        if (others.every((r) => same(r[key], val)))
            common[key] = val;
        else if (isObj(val) && others.every((r) => isObj(r[key]))) {
            const nested = commonOf(records.map((r) => r[key]));
            if (Object.keys(nested).length > 0)
                common[key] = nested;
        }
    }
    return common;
}
/** What of `record` is not in `common` (StreamAlert's _compute_diff). */
function diffOf(common, record) {
    if (Object.keys(common).length === 0)
        return record;
    const diff = {};
    for (const [key, val] of Object.entries(record)) {
        if (!(key in common))
            diff[key] = val;
        else if (same(val, common[key]))
            continue;
        else if (isObj(val) && isObj(common[key])) {
            const inner = diffOf(common[key], val);
            if (Object.keys(inner).length > 0)
                diff[key] = inner;
        }
        else
            diff[key] = val;
    }
    return diff;
}
/** Distinct values per differing field are listed up to this many (the merged alert stays readable and sendable). */
const MAX_DISTINCT_VALUES = 20;
/** ValueDiffs keeps the first matches of a window, up to this many; AlertCount still counts all. */
const MAX_VALUE_DIFFS = 50;
/** The merged alert's id: the same window of the same matches always gets the same id, so a re-sent one can be deduplicated. */
function mergedId(rule, key, firstId) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(`merged\n${rule}\n${key}\n${firstId}`)
        .digest('hex')
        .slice(0, 32);
}

;// CONCATENATED MODULE: ./src/processors/shared/merge-window.ts
/**
 * One window's merged alert, built match by match in bounded memory: the merger folds a
 * window of any size (100,000 matches) without holding its records, and in any order (the
 * table is scanned in hash order, not by time). What it keeps:
 * - the count, the first and the latest match (ordered by created time, then id);
 * - the common subset, folded pairwise (intersection does not depend on the order);
 * - the first MAX_VALUE_DIFFS records (their diffs are made at the end, against the final
 *   common subset);
 * - per leaf path, the distinct values in order of first appearance, up to
 *   MAX_DISTINCT_VALUES shown and DISTINCT_COUNTED counted.
 * Every add costs O(size of the record), whatever the window holds: the merge is linear.
 *
 * Records reach this code only through the merger's depth check (or from the rule processor,
 * which refuses records nested past MAX_NESTING_DEPTH): the recursive walks below are bounded
 * by that depth, never by the window.
 */


const merge_window_isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Distinct values counted per path; past it, the merged alert says "at least". */
const DISTINCT_COUNTED = 1000;
/** Leaf paths tracked per window (a record may have many keys; the alert stays readable). */
const MAX_PATHS = 500;
/** A merged alert is sent whole up to this many UTF-8 bytes of JSON: SNS takes 256 KiB, less room for the request. */
const MERGED_ALERT_MAX_BYTES = 256 * 1024 - 4096;
/** A value (key text, distinct value) longer than this is counted by its hash. */
const LONG_VALUE = 256;
const rankOf = (m) => ({ created: m.created, id: m.alert.id });
function before(a, b) {
    return a.created < b.created || (a.created === b.created && a.id < b.id);
}
const matchBefore = (a, b) => before(rankOf(a), rankOf(b));
/** Leaves deeper than this are taken whole (their subtree is one value): a path costs at most this many steps. */
const MAX_PATH_STEPS = 32;
/** The record without the merge keys (shown once, under MergedBy). Copies only the objects on the keys' paths. */
function withoutKeys(record, keys) {
    if (keys.length === 0)
        return record;
    const copy = { ...record };
    for (const key of keys) {
        const steps = key.split('.');
        let v = copy;
        for (const step of steps.slice(0, -1)) {
            const next = v[step];
            if (!merge_window_isObj(next)) {
                v = {};
                break;
            }
            v = v[step] = { ...next };
        }
        delete v[steps[steps.length - 1]];
    }
    return copy;
}
class WindowMerge {
    keys;
    count = 0;
    first;
    latest;
    common;
    /** The earliest MAX_VALUE_DIFFS matches (record without keys), earliest first. */
    earliest = [];
    paths = new Map();
    pathsNotListed = 0;
    constructor(keys) {
        this.keys = keys;
    }
    add(match) {
        this.count++;
        if (!this.first || matchBefore(match, this.first))
            this.first = match;
        if (!this.latest || matchBefore(this.latest, match))
            this.latest = match;
        const record = withoutKeys(match.alert.record, this.keys);
        this.common = this.common === undefined ? record : commonOf([this.common, record]);
        this.keepEarliest(match, record);
        this.leaves(record, rankOf(match));
    }
    keepEarliest(match, record) {
        const list = this.earliest;
        if (list.length === MAX_VALUE_DIFFS && !matchBefore(match, list[list.length - 1].match))
            return;
        let i = list.length;
        while (i > 0 && matchBefore(match, list[i - 1].match))
            i--;
        list.splice(i, 0, { match, record });
        if (list.length > MAX_VALUE_DIFFS)
            list.pop();
    }
    /** Each leaf of the record (a value that is not a non-empty object) under its dotted path. */
    leaves(record, at) {
        const stack = [{ v: record, steps: [] }];
        while (stack.length > 0) {
            const { v, steps } = stack.pop();
            if (merge_window_isObj(v) && Object.keys(v).length > 0 && steps.length < MAX_PATH_STEPS) {
                // Pushed last key first: paths are listed in the record's key order.
                const entries = Object.entries(v);
                for (let i = entries.length - 1; i >= 0; i--)
                    stack.push({ v: entries[i][1], steps: [...steps, entries[i][0]] });
                continue;
            }
            if (steps.length === 0)
                continue;
            this.see(steps, v, at);
        }
    }
    see(steps, value, at) {
        const path = steps.join('.');
        let p = this.paths.get(path);
        if (!p) {
            if (this.paths.size >= MAX_PATHS) {
                this.pathsNotListed++;
                return;
            }
            this.paths.set(path, (p = { steps, first: [], counted: new Set(), overflow: false }));
        }
        const json = JSON.stringify(value) ?? 'null';
        const key = json.length > LONG_VALUE ? `#${(0,external_node_crypto_namespaceObject.createHash)('sha1').update(json).digest('base64')}` : json;
        if (!p.counted.has(key)) {
            if (p.counted.size < DISTINCT_COUNTED)
                p.counted.add(key);
            else
                p.overflow = true;
        }
        // The earliest distinct values: a value seen again earlier moves up; a later one past the list is dropped.
        const known = p.first.findIndex((s) => s.json === json);
        if (known >= 0) {
            if (!before(at, p.first[known].at))
                return;
            p.first.splice(known, 1);
        }
        else if (p.first.length === MAX_DISTINCT_VALUES + 1 &&
            !before(at, p.first[p.first.length - 1].at))
            return;
        let i = p.first.length;
        while (i > 0 && before(at, p.first[i - 1].at))
            i--;
        p.first.splice(i, 0, { json, value, at });
        // One more than shown is kept: it tells "more" from "exactly MAX_DISTINCT_VALUES".
        if (p.first.length > MAX_DISTINCT_VALUES + 1)
            p.first.pop();
    }
    /** True when the common subset holds the record's leaf at `steps` (the same for every record). */
    covered(p) {
        let v = this.common;
        for (const step of p.steps) {
            if (!merge_window_isObj(v) || !(step in v))
                return false;
            v = v[step];
        }
        if (!merge_window_isObj(v) || Object.keys(v).length === 0)
            return true;
        // A subtree taken whole (past MAX_PATH_STEPS): common when every record had the same one.
        return p.counted.size === 1 && !p.overflow && JSON.stringify(v) === p.first[0]?.json;
    }
    /** The merged alert (as mergeMatches makes it), cut to fit SNS when it would not. */
    finish() {
        const first = this.first;
        const latest = this.latest;
        const common = this.common;
        const diffs = {};
        for (const { match, record } of this.earliest) {
            // Two matches in the same millisecond keep both diffs.
            const iso = new Date(match.created).toISOString();
            let at = iso;
            for (let n = 2; at in diffs; n++)
                at = `${iso}#${n}`;
            diffs[at] = diffOf(common, record);
        }
        const distinct = {};
        for (const [path, p] of this.paths) {
            if (this.covered(p))
                continue;
            const values = p.first.map((s) => s.value);
            const counted = p.counted.size;
            distinct[path] =
                counted > MAX_DISTINCT_VALUES
                    ? [
                        ...values.slice(0, MAX_DISTINCT_VALUES),
                        p.overflow
                            ? `(at least ${counted - MAX_DISTINCT_VALUES} more)`
                            : `(${counted - MAX_DISTINCT_VALUES} more)`,
                    ]
                    : values.slice(0, MAX_DISTINCT_VALUES);
        }
        if (this.pathsNotListed > 0)
            distinct['streamalert:values_not_listed'] = this.pathsNotListed;
        const key = mergeKeyOf(first.alert.record, this.keys);
        const alert = {
            id: mergedId(first.alert.rule_name, key, first.alert.id),
            rule_name: first.alert.rule_name,
            rule_description: first.alert.rule_description,
            log_source: first.alert.log_source,
            log_type: first.alert.log_type,
            source_service: first.alert.source_service,
            source_entity: first.alert.source_entity,
            outputs: [...latest.alert.outputs],
            ...(latest.alert.context === undefined ? {} : { context: latest.alert.context }),
            // A staged rule's merged alert is staged too: it goes to staging/, never to the outputs.
            ...(latest.alert.staged === true ? { staged: true } : {}),
            // The rule's severity, id, tags and references, as its single alerts carry them.
            ...(latest.alert.severity === undefined ? {} : { severity: latest.alert.severity }),
            ...(latest.alert.rule_id === undefined ? {} : { rule_id: latest.alert.rule_id }),
            ...(latest.alert.rule_tags === undefined ? {} : { rule_tags: latest.alert.rule_tags }),
            ...(latest.alert.rule_references === undefined
                ? {}
                : { rule_references: latest.alert.rule_references }),
            record: {
                AlertCount: this.count,
                AlertTimeFirst: new Date(first.created).toISOString(),
                AlertTimeLast: new Date(latest.created).toISOString(),
                MergedBy: Object.fromEntries(this.keys.map((k) => [k, valueAt(first.alert.record, k) ?? '(n/a)'])),
                OtherCommonKeys: common,
                ValueDiffs: diffs,
                DistinctValues: distinct,
            },
        };
        return fitMergedAlert(alert, first, latest, this.earliest);
    }
}
const bytes = (v) => Buffer.byteLength(JSON.stringify(v));
/** A value as it fits in `room` bytes: whole, or the start of its JSON text and its size. */
function merge_window_cut(value, room) {
    const json = JSON.stringify(value) ?? 'null';
    const size = Buffer.byteLength(json);
    if (size <= room)
        return value;
    // Characters are at most 3 bytes in UTF-8 (a lone surrogate too): room/3 characters always fit.
    let keep = Math.max(0, Math.floor(room / 3) - 100);
    // Never end on half a surrogate pair.
    if (keep > 0 && /[\ud800-\udbff]/.test(json[keep - 1]))
        keep--;
    return { 'streamalert:truncated': json.slice(0, keep), 'streamalert:bytes': size };
}
/**
 * The merged alert when its JSON fits SNS; otherwise the reduced merged record: the count,
 * the times, MergedBy, the first and latest records, and as many of the earliest records
 * as fit (measured in UTF-8 bytes of the JSON sent, escapes included).
 */
function fitMergedAlert(alert, first, latest, earliest) {
    if (bytes(alert) <= MERGED_ALERT_MAX_BYTES)
        return alert;
    const full = alert.record;
    const shell = {
        ...alert,
        record: {
            AlertCount: full.AlertCount,
            AlertTimeFirst: full.AlertTimeFirst,
            AlertTimeLast: full.AlertTimeLast,
            MergedBy: merge_window_cut(full.MergedBy, 16 * 1024),
            'streamalert:reduced': {
                merged_bytes: bytes(full),
                limit_bytes: MERGED_ALERT_MAX_BYTES,
                note: 'the merged alert did not fit in an SNS message: it keeps the count, the first and latest records and a sample of the earliest',
            },
        },
    };
    const left = MERGED_ALERT_MAX_BYTES - bytes(shell) - 200;
    const firstRecord = merge_window_cut(first.alert.record, Math.floor(left / 3));
    const latestRecord = merge_window_cut(latest.alert.record, Math.floor(left / 3));
    let room = left - bytes(firstRecord) - bytes(latestRecord);
    const sample = [];
    for (const { match } of earliest) {
        if (match === first || match === latest)
            continue;
        const size = bytes(match.alert.record) + 1;
        if (size > room)
            break;
        sample.push(match.alert.record);
        room -= size;
    }
    return {
        ...shell,
        record: {
            ...shell.record,
            FirstRecord: firstRecord,
            LatestRecord: latestRecord,
            Sample: sample,
        },
    };
}
/** The one alert a window of matches (same rule and merge key, any order) becomes. */
function mergeMatches(matches, keys) {
    const merge = new WindowMerge(keys);
    for (const m of matches)
        merge.add(m);
    return merge.finish();
}

;// CONCATENATED MODULE: ./src/processors/shared/merge-table.ts


/** An item is kept this long after its window closes, in case the merger is down; then TTL removes it. */
const TTL_GRACE_MS = 24 * 3600_000;
function toItem(match, settings, alertText) {
    return {
        RuleName: { S: match.alert.rule_name },
        AlertID: { S: match.alert.id },
        MergeKey: { S: mergeKeyOf(match.alert.record, settings.keys) },
        MergeByKeys: { S: JSON.stringify(settings.keys) },
        WindowMs: { N: String(settings.windowMs) },
        Threshold: { N: String(settings.threshold) },
        Created: { N: String(match.created) },
        ExpiresAt: {
            N: String(Math.ceil((match.created + settings.windowMs + TTL_GRACE_MS) / 1000)),
        },
        Alert: { S: alertText },
    };
}
/** The stored match, or undefined for an item this code did not write (logged by the caller). */
function fromItem(item) {
    try {
        const alert = JSON.parse(item.Alert?.S ?? '');
        const keys = JSON.parse(item.MergeByKeys?.S ?? '');
        const windowMs = Number(item.WindowMs?.N);
        const threshold = Number(item.Threshold?.N);
        const created = Number(item.Created?.N);
        if (!isAlert(alert) ||
            !Array.isArray(keys) ||
            !keys.every((k) => typeof k === 'string') ||
            ![windowMs, threshold, created].every(Number.isFinite) ||
            typeof item.MergeKey?.S !== 'string')
            return undefined;
        return {
            alert: alert,
            created,
            key: item.MergeKey.S,
            settings: { keys, windowMs, threshold },
        };
    }
    catch {
        return undefined;
    }
}
const THROTTLES = new Set([
    'ProvisionedThroughputExceededException',
    'ThrottlingException',
    'RequestLimitExceeded',
    'LimitExceededException',
]);
function isThrottle(err) {
    return THROTTLES.has(err?.name ?? '');
}
const DEFAULT_THROTTLE_POLICY = { attempts: 5, baseDelayMs: 50 };
/** A failure no retry can fix (the request itself is refused): `withThrottleRetries` throws it at once. */
class PermanentError extends Error {
}
/**
 * Calls `fn` until it succeeds or the attempts run out; throttles (and other errors, which
 * may be transient network failures) are retried with exponential backoff and full jitter,
 * a PermanentError is not. Each throttle is counted in `counts.throttles`.
 */
async function withThrottleRetries(policy, counts, logger, what, fn) {
    const sleep = policy.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            if (isThrottle(err))
                counts.throttles++;
            if (attempt >= policy.attempts || err instanceof PermanentError)
                throw err;
            logger.warn(`${what} failed; retrying`, {
                error: err?.name ?? String(err),
                attempt,
            });
            await sleep(Math.random() * policy.baseDelayMs * 2 ** attempt);
        }
    }
}
/** Connects once (client and command classes); a failed connect is tried again next time. */
function lazyDynamo(source) {
    let ready;
    return () => (ready ??= Promise.all([
        typeof source === 'function' ? source() : source,
        Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 414, 23)),
    ])
        .then(([client, sdk]) => ({ client, sdk }))
        .catch((err) => {
        ready = undefined;
        throw err;
    }));
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
function alert_isAlert(v) {
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

;// CONCATENATED MODULE: ./src/processors/alert-merger/items.ts
/**
 * Reading one merge-table item for the merger, trusting nothing in it: an item is data a
 * rule processor wrote, or anyone who could write the table. How a match merges (window,
 * keys, threshold) comes from the deployed rule, never from the item, so one item cannot
 * stretch or split its neighbours' window. An item that cannot be read, or is out of
 * bounds, is poison: the merger sets it aside (dead-letter queue, metric, log line) and the
 * window it claimed to be in goes on without it.
 */





/** The record's nesting (the rule processor refuses deeper ones) plus the alert around it. */
const MAX_ITEM_DEPTH = MAX_NESTING_DEPTH + 8;
/** A match is written with the rule processor's clock: this much ahead is clock skew, more is out of bounds. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** The longest window a rule may have. */
const MAX_WINDOW_MS = MAX_MERGE_WINDOW_MINS * 60_000;
/** Older than any window plus TTL's day and the two days TTL may take to remove an item. */
const MAX_AGE_MS = MAX_WINDOW_MS + TTL_GRACE_MS + 2 * TTL_GRACE_MS;
/**
 * The item as a match of a deployed merging rule, or why it is poison. Linear in the item's
 * size: its depth is counted on the text before it is parsed.
 */
function readItem(item, rules, now) {
    const rule = item.RuleName?.S;
    const alertId = item.AlertID?.S;
    if (typeof rule !== 'string' || typeof alertId !== 'string')
        return { kind: 'unreadable' };
    const claimedKey = typeof item.MergeKey?.S === 'string' ? item.MergeKey.S.slice(0, 200) : undefined;
    const poison = (reason) => ({
        kind: 'poison',
        rule,
        alertId,
        ...(claimedKey === undefined ? {} : { key: claimedKey }),
        reason,
    });
    const settings = rules.get(rule);
    if (!settings)
        return poison(`rule "${rule.slice(0, 200)}" is not deployed with merge_window_mins`);
    const created = Number(item.Created?.N);
    if (!Number.isSafeInteger(created))
        return poison('Created is not a whole number of ms');
    if (created > now + MAX_CLOCK_SKEW_MS)
        return poison(`Created is ${new Date(created).toISOString()}, in the future`);
    if (created < now - MAX_AGE_MS)
        return poison(`Created is ${new Date(created).toISOString()}, older than any window kept`);
    // The item's own settings are not used, but values no rule could have mark a forged or broken item.
    const windowMs = Number(item.WindowMs?.N ?? settings.windowMs);
    if (!(windowMs > 0 && windowMs <= MAX_WINDOW_MS))
        return poison(`WindowMs ${String(item.WindowMs?.N).slice(0, 40)} is out of bounds`);
    const threshold = Number(item.Threshold?.N ?? settings.threshold);
    if (!(Number.isSafeInteger(threshold) && threshold >= 1))
        return poison(`Threshold ${String(item.Threshold?.N).slice(0, 40)} is out of bounds`);
    const text = item.Alert?.S;
    if (typeof text !== 'string')
        return poison('no Alert text');
    const depth = jsonDepth(text, MAX_ITEM_DEPTH);
    if (depth > MAX_ITEM_DEPTH)
        return poison(`Alert is nested deeper than ${MAX_ITEM_DEPTH} levels`);
    let alert;
    try {
        alert = JSON.parse(text);
    }
    catch (err) {
        return poison(`Alert is not JSON: ${err.message.slice(0, 200)}`);
    }
    if (!alert_isAlert(alert) || Array.isArray(alert.record))
        return poison('Alert is not an alert');
    if (alert.rule_name !== rule || alert.id !== alertId)
        return poison('Alert names another rule or id than the item');
    return {
        kind: 'match',
        match: {
            rule,
            alert: alert,
            created,
            key: mergeKeyOf(alert.record, settings.keys),
            settings,
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/alert-merger/merger.ts




/** DynamoDB's BatchWriteItem limit. */
const DELETE_CHUNK = 25;
/** BatchWriteItem calls in flight while a window's matches are deleted. */
const DELETE_CONCURRENCY = 8;
/** Poison items set aside together (bounds what a page of them holds). */
const SET_ASIDE_CHUNK = 10;
/** Reading stops with this much time left: enough to publish and delete what was read. */
const READ_RESERVE_MS = 15_000;
/** A window is started only with this much time left (publish, then deletes). */
const SEND_RESERVE_MS = 8_000;
/** Deletes stop with this much left: the run must end before Lambda stops it. */
const DELETE_RESERVE_MS = 2_000;
const groupOf = (rule, key) => `${rule}\n${key}`;
/** Index of `r` in ranks sorted by `before`, or -1. */
function indexOf(ranks, r) {
    let lo = 0;
    let hi = ranks.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = ranks[mid];
        if (m.created === r.created && m.id === r.id)
            return mid;
        if (before(m, r))
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
/** The last index i with sorted[i] <= n (sorted ascending, sorted[0] <= n). */
function lastAtMost(sorted, n) {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (sorted[mid] <= n)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}
function createAlertMerger(deps) {
    const { table, publisher, logger, rules } = deps;
    const now = deps.now ?? Date.now;
    const policy = deps.policy ?? DEFAULT_THROTTLE_POLICY;
    const graceMs = deps.graceMs ?? 30_000;
    const connect = lazyDynamo(deps.dynamo);
    /** Reads the table page by page; false when the time ran out before the end. */
    async function scan(counts, remaining, onPage) {
        const { client, sdk } = await connect();
        let start;
        do {
            if (remaining() < READ_RESERVE_MS)
                return false;
            const page = await withThrottleRetries(policy, counts, logger, 'reading the merge table', () => client.send(new sdk.ScanCommand({
                TableName: table,
                ConsistentRead: true,
                ExclusiveStartKey: start,
            })));
            await onPage((page.Items ?? []));
            start = page.LastEvaluatedKey;
        } while (start);
        return true;
    }
    /**
     * Deletes `count` items of `rule`, the i-th with AlertID `idAt(i)`, BATCH_WRITE at a time and a
     * few calls in flight; throws when some are still there after the retries or the time ran out.
     */
    async function remove(rule, count, idAt, counts, remaining) {
        const { client, sdk } = await connect();
        const one = async (from) => {
            let pending = [];
            for (let i = from; i < Math.min(count, from + DELETE_CHUNK); i++)
                pending.push({
                    DeleteRequest: { Key: { RuleName: { S: rule }, AlertID: { S: idAt(i) } } },
                });
            await withThrottleRetries(policy, counts, logger, 'deleting merged matches', async () => {
                const res = await client.send(new sdk.BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
                const left = res.UnprocessedItems?.[table] ?? [];
                if (left.length > 0) {
                    // DynamoDB hands back what it throttled: retried like a throttled call.
                    pending = left;
                    throw Object.assign(new Error(`${left.length} deletes unprocessed`), {
                        name: 'ProvisionedThroughputExceededException',
                    });
                }
            });
        };
        const step = DELETE_CHUNK * DELETE_CONCURRENCY;
        for (let from = 0; from < count; from += step) {
            if (remaining() < DELETE_RESERVE_MS)
                throw new Error('out of time while deleting');
            const calls = [];
            for (let f = from; f < Math.min(count, from + step); f += DELETE_CHUNK)
                calls.push(one(f));
            await Promise.all(calls);
        }
    }
    return {
        async run(context) {
            const remaining = () => context?.getRemainingTimeInMillis() ?? Infinity;
            const counts = { throttles: 0 };
            const report = {
                matches: 0,
                sent: [],
                belowThreshold: 0,
                retryLater: 0,
                leftForNextRun: 0,
                unreadable: 0,
                setAside: 0,
                throttles: 0,
            };
            const at = now();
            const finish = () => {
                report.throttles = counts.throttles;
                logger.metric('MergedAlerts', report.sent.length);
                if (counts.throttles > 0)
                    logger.metric('MergeThrottles', counts.throttles);
                if (report.retryLater > 0)
                    logger.metric('MergeRetries', report.retryLater);
                if (report.setAside > 0)
                    logger.metric('MergeItemsSetAside', report.setAside);
                if (report.leftForNextRun > 0)
                    logger.metric('MergeWindowsLeft', report.leftForNextRun);
                logger.info('merge run', {
                    matches: report.matches,
                    sent: report.sent.length,
                    below_threshold: report.belowThreshold,
                    retry_later: report.retryLater,
                    left_for_next_run: report.leftForNextRun,
                    unreadable: report.unreadable,
                    set_aside: report.setAside,
                });
                return report;
            };
            /** Poison items: dead-lettered, then deleted; without a queue (or when it fails) left where they are. */
            const setAside = async (poison) => {
                for (const p of poison) {
                    report.setAside++;
                    logger.error('merge table item set aside; its window goes on without it', {
                        rule: p.rule,
                        key: p.key,
                        alert_id: p.alertId,
                        reason: p.reason,
                        dead_letter_queue: deps.deadLetters !== undefined,
                    });
                }
                if (!deps.deadLetters)
                    return;
                const letters = poison.map((p) => ({
                    service: 'dynamodb',
                    entity: table,
                    origin: `${p.rule}/${p.alertId}`,
                    reason: `merge table item set aside: ${p.reason}`,
                    data: Buffer.from(p.text),
                }));
                let unsent;
                try {
                    unsent = await deps.deadLetters.send(letters);
                }
                catch (err) {
                    unsent = letters;
                    logger.error('writing to the dead-letter queue failed', {
                        error: err?.message ?? String(err),
                    });
                }
                const kept = new Set(unsent);
                const written = poison.filter((_, i) => !kept.has(letters[i]));
                try {
                    const byRule = new Map();
                    for (const p of written)
                        byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), p.alertId]);
                    for (const [rule, ids] of byRule)
                        await remove(rule, ids.length, (i) => ids[i], counts, remaining);
                }
                catch (err) {
                    // Dead-lettered but still in the table: set aside again next run (a duplicate letter, nothing lost).
                    logger.warn('set-aside items not deleted; the next run sets them aside again', {
                        error: err?.message ?? String(err),
                    });
                }
            };
            // First read: every readable match's rank, per rule and merge key; poison set aside.
            const groups = new Map();
            const read = await scan(counts, remaining, async (items) => {
                let poison = [];
                for (const item of items) {
                    const r = readItem(item, rules, at);
                    if (r.kind === 'unreadable')
                        report.unreadable++;
                    else if (r.kind === 'poison') {
                        poison.push({ ...r, text: item.Alert?.S ?? JSON.stringify(item).slice(0, 300_000) });
                        if (poison.length >= SET_ASIDE_CHUNK) {
                            await setAside(poison);
                            poison = [];
                        }
                    }
                    else {
                        const { match } = r;
                        report.matches++;
                        const id = groupOf(match.rule, match.key);
                        let group = groups.get(id);
                        if (!group)
                            groups.set(id, (group = { rule: match.rule, key: match.key, settings: match.settings, ranks: [] }));
                        group.ranks.push({ created: match.created, id: match.alert.id });
                    }
                }
                if (poison.length > 0)
                    await setAside(poison);
            });
            if (!read) {
                // A window read in part could be sent without matches it has: nothing is sent.
                report.leftForNextRun = groups.size;
                logger.warn('the merge table was not read in time; every window is left for the next run', {
                    matches_read: report.matches,
                });
                return finish();
            }
            // Windows, cut with the deployed rule's settings.
            const windows = [];
            const closedOf = new Map();
            for (const [id, group] of groups) {
                group.ranks.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
                const { closed } = cutWindows(group.ranks, group.settings.windowMs, at, graceMs);
                if (closed.length === 0)
                    continue;
                const entry = { group, windows: [], starts: [], end: 0 };
                for (const ranks of closed) {
                    entry.starts.push(entry.end);
                    entry.end += ranks.length;
                    entry.windows.push({ group, ranks, merge: new WindowMerge(group.settings.keys) });
                }
                closedOf.set(id, entry);
                windows.push(...entry.windows);
            }
            if (windows.length === 0)
                return finish();
            // Second read: each closed window's records folded into its merged alert, a page at a time.
            const folded = await scan(counts, remaining, (items) => {
                for (const item of items) {
                    const r = readItem(item, rules, at);
                    if (r.kind !== 'match')
                        continue; // set aside (or logged) by the first read
                    const closed = closedOf.get(groupOf(r.match.rule, r.match.key));
                    if (!closed)
                        continue;
                    // Closed windows are consecutive ranges from the start of the group's sorted ranks.
                    const pos = indexOf(closed.group.ranks, {
                        created: r.match.created,
                        id: r.match.alert.id,
                    });
                    if (pos < 0 || pos >= closed.end)
                        continue; // an open window's match, or one written since
                    closed.windows[lastAtMost(closed.starts, pos)].merge.add(r.match);
                }
                return Promise.resolve();
            });
            if (!folded) {
                report.leftForNextRun = windows.length;
                logger.warn('the closed windows were not read in time; they are left for the next run', {
                    windows: windows.length,
                });
                return finish();
            }
            // Oldest windows first: if time runs short, the newest wait.
            windows.sort((a, b) => a.ranks[0].created - b.ranks[0].created);
            for (let i = 0; i < windows.length; i++) {
                const { group, ranks, merge } = windows[i];
                if (remaining() < SEND_RESERVE_MS) {
                    report.leftForNextRun = windows.length - i;
                    logger.warn('out of time: closed windows left for the next run', {
                        windows: windows.length - i,
                    });
                    break;
                }
                // The first match is deleted last: a window cut short re-sends under the same id.
                const deleteOrder = (i) => ranks[(i + 1) % ranks.length].id;
                try {
                    if (merge.count === 0) {
                        // Every match went between the reads (another run sent it): nothing to do.
                    }
                    else if (merge.count >= group.settings.threshold) {
                        const alert = merge.finish();
                        await withThrottleRetries(policy, counts, logger, 'publishing a merged alert', async () => {
                            const undelivered = await publisher.publish([alert]);
                            if (undelivered.length > 0)
                                throw new Error('the merged alert was not published');
                        });
                        report.sent.push(alert);
                        logger.info('merged alert sent', {
                            rule: alert.rule_name,
                            id: alert.id,
                            count: merge.count,
                        });
                    }
                    else {
                        report.belowThreshold++;
                        logger.info('window closed below the threshold; nothing sent', {
                            rule: group.rule,
                            key: group.key.slice(0, 200),
                            count: merge.count,
                            threshold: group.settings.threshold,
                        });
                    }
                    await remove(group.rule, ranks.length, deleteOrder, counts, remaining);
                }
                catch (err) {
                    report.retryLater++;
                    logger.error('merge window not finished; the next run tries again', {
                        rule: group.rule,
                        key: group.key.slice(0, 200),
                        error: err?.message ?? String(err),
                    });
                }
            }
            return finish();
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/merge-writer.ts


/** Writes in flight at once: enough to hide latency, few enough not to throttle a fresh on-demand table. */
const CONCURRENCY = 10;
/** DynamoDB's item limit (names and values in UTF-8). */
const MAX_ITEM_BYTES = 400 * 1024;
/** Errors no retry can fix: the request itself is refused. */
const PERMANENT = new Set([
    'ValidationException',
    'SerializationException',
    'ItemCollectionSizeLimitExceededException',
]);
/** An item's size as DynamoDB counts it: attribute names plus values (numbers counted as their text). */
function itemBytes(item) {
    let n = 0;
    for (const [name, v] of Object.entries(item))
        n += Buffer.byteLength(name) + Buffer.byteLength(v.S ?? v.N ?? '');
    return n;
}
function createMergeWriter(dynamo, table, logger, policy = DEFAULT_THROTTLE_POLICY, now = Date.now, deadLetters) {
    const connect = lazyDynamo(dynamo);
    return {
        async write(matches) {
            if (matches.length === 0)
                return [];
            const { client, sdk } = await connect();
            const counts = { throttles: 0 };
            const unwritten = [];
            let duplicates = 0;
            let poison = 0;
            const one = async ({ alert, settings }) => {
                const text = alertMessage(alert);
                const item = toItem({ alert, created: now() }, settings, text);
                try {
                    const size = itemBytes(item);
                    if (size > MAX_ITEM_BYTES)
                        throw new PermanentError(`the match is ${size} bytes, over DynamoDB's item limit of ${MAX_ITEM_BYTES}`);
                    await withThrottleRetries(policy, counts, logger, 'writing a match', () => client
                        .send(new sdk.PutItemCommand({
                        TableName: table,
                        Item: item,
                        ConditionExpression: 'attribute_not_exists(AlertID)',
                    }))
                        .catch((err) => {
                        const name = err?.name ?? '';
                        // Already there: a retried batch or the same record twice. Counted once.
                        if (name === 'ConditionalCheckFailedException')
                            duplicates++;
                        else if (PERMANENT.has(name))
                            throw new PermanentError(`DynamoDB refused the match: ${name}: ${err.message}`);
                        else
                            throw err;
                    }));
                }
                catch (err) {
                    const permanent = err instanceof PermanentError;
                    if (permanent)
                        poison++;
                    const reason = permanent
                        ? err.message
                        : `not written after ${policy.attempts} attempts: ${err?.name ?? String(err)}`;
                    logger.error('match not written to the merge table', {
                        rule: alert.rule_name,
                        alert_id: alert.id,
                        reason,
                        dead_letter_queue: deadLetters !== undefined,
                    });
                    unwritten.push({ alert, reason, text });
                }
            };
            for (let i = 0; i < matches.length; i += CONCURRENCY)
                await Promise.all(matches.slice(i, i + CONCURRENCY).map(one));
            logger.metric('MergeMatchesWritten', matches.length - unwritten.length - duplicates);
            if (counts.throttles > 0)
                logger.metric('MergeThrottles', counts.throttles);
            if (unwritten.length > 0)
                logger.metric('MergeWriteFailures', unwritten.length);
            if (poison > 0)
                logger.metric('MergePoisonMatches', poison);
            if (duplicates > 0)
                logger.debug('matches already in the merge table', { duplicates });
            if (unwritten.length === 0)
                return [];
            if (!deadLetters)
                return unwritten.map((u) => u.alert);
            const letters = unwritten.map((u) => ({
                service: u.alert.source_service,
                entity: u.alert.source_entity,
                origin: `merge table ${table}: rule ${u.alert.rule_name}, alert ${u.alert.id}`,
                reason: `match of a merging rule not counted in its window: ${u.reason}`,
                data: Buffer.from(u.text),
            }));
            let unsent;
            try {
                unsent = await deadLetters.send(letters);
            }
            catch (err) {
                unsent = letters;
                logger.error('writing to the dead-letter queue failed', {
                    error: err?.message ?? String(err),
                });
            }
            const retry = new Set(unsent);
            const dead = letters.length - unsent.length;
            if (dead > 0)
                logger.metric('MergeMatchesDeadLettered', dead);
            if (unsent.length > 0)
                logger.error('unwritten matches not dead-lettered either; their records will be retried', {
                    matches: unsent.length,
                });
            return unwritten.filter((_, i) => retry.has(letters[i])).map((u) => u.alert);
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/config/lookup-tables.ts
/**
 * conf/lookup_tables.json (StreamAlert 3's), typed: what the rule processor loads into memory
 * and the build, IAM and memory checks read. Made once from JSON that passed validation
 * (src/config/processors/lookup-tables-schema.ts) — in the Lambda from the zip's copy.
 *
 * StreamAlert 3's defaults are kept: an s3 table is refreshed every 10 minutes, a dynamodb
 * table every 3; `compression: "gzip"` gunzips the object. What differs here is said in
 * docs/rules.md#lookup-tables: every table is held whole in memory (rules are synchronous,
 * so a lookup never waits on the network), each within a size and key-count bound.
 */
const LOOKUP_FORMATS = (/* unused pure expression or super */ null && (['json', 'jsonl', 'csv']));
/** Defaults of this project where StreamAlert had none (it had no bounds). */
const LOOKUP_DEFAULTS = {
    s3RefreshMinutes: 10,
    dynamodbRefreshMinutes: 3,
    /** Keys a table may hold (StreamAlert's 0, "no limit", means this too). */
    maxKeys: 2_000_000,
    keyDelimiter: ':',
};
const NO_LOOKUP_TABLES = { enabled: false, tables: [] };
/** The format an s3 table's object key implies when `format` is not given. */
function formatOfKey(key) {
    const k = key.toLowerCase().replace(/\.(gz|gzip)$/, '');
    if (k.endsWith('.csv'))
        return 'csv';
    if (k.endsWith('.jsonl') || k.endsWith('.ndjson'))
        return 'jsonl';
    return 'json';
}
/* Runs on a document the schema accepted. */
/* eslint-disable @typescript-eslint/no-explicit-any */
/** StreamAlert's `cache_maximum_key_count` 0 meant "no limit": here the default bound. */
const maxKeysOf = (d) => typeof d.cache_maximum_key_count === 'number' && d.cache_maximum_key_count > 0
    ? d.cache_maximum_key_count
    : LOOKUP_DEFAULTS.maxKeys;
function toLookupTables(doc) {
    if (doc === undefined || doc === null)
        return NO_LOOKUP_TABLES;
    const d = doc;
    const tables = Object.entries((d.tables ?? {})).map(([name, t]) => t.driver === 's3'
        ? {
            driver: 's3',
            name,
            bucket: t.bucket,
            key: t.key,
            compression: t.compression === 'gzip' ? 'gzip' : false,
            format: t.format ?? formatOfKey(t.key),
            ...(t.key_column !== undefined ? { keyColumn: t.key_column } : {}),
            refreshMinutes: t.cache_refresh_minutes ?? LOOKUP_DEFAULTS.s3RefreshMinutes,
            maxKeys: maxKeysOf(t),
            ...(t.max_size_mb !== undefined
                ? { maxBytes: Math.round(t.max_size_mb * 1024 * 1024) }
                : {}),
        }
        : {
            driver: 'dynamodb',
            name,
            table: t.table,
            partitionKey: t.partition_key,
            ...(t.sort_key ? { sortKey: t.sort_key } : {}),
            keyDelimiter: t.key_delimiter ?? LOOKUP_DEFAULTS.keyDelimiter,
            valueKey: t.value_key,
            consistentRead: t.consistent_read ?? false,
            refreshMinutes: t.cache_refresh_minutes ?? LOOKUP_DEFAULTS.dynamodbRefreshMinutes,
            maxKeys: maxKeysOf(t),
        });
    return { enabled: d.enabled === true, tables };
}
/**
 * How much of the rule processor's memory lookup tables may take (bench/lookup-tables.ts
 * measures it): a loaded table holds about its object's size; while it reloads, the old
 * version stays and the new one is read as bytes, text and rows — up to `peakFactor` × its
 * size at once, and every table may reload in the same invocation. `baseMb` is the
 * function's own (Node.js, the AWS SDK, the rules, a batch).
 */
const LOOKUP_MEMORY = { baseMb: 96, peakFactor: 4, minShareMb: 4 };
const MB = 1024 * 1024;
/**
 * Each s3 table's size bound in a function of `memoryMb`: its `max_size_mb` when given;
 * otherwise an equal share of what the memory leaves after the base and the declared tables
 * (at least `minShareMb`). `validate` checks that these fit (src/config/lookup-memory.ts).
 */
function lookupSizeBounds(tables, memoryMb) {
    const s3 = tables.filter((t) => t.driver === 's3');
    const declared = s3.reduce((sum, t) => sum + (t.maxBytes ?? 0), 0) / MB;
    const open = s3.filter((t) => t.maxBytes === undefined).length;
    const left = memoryMb - LOOKUP_MEMORY.baseMb - LOOKUP_MEMORY.peakFactor * declared;
    const share = Math.max(LOOKUP_MEMORY.minShareMb, Math.floor(left / (LOOKUP_MEMORY.peakFactor * Math.max(open, 1))));
    return new Map(s3.map((t) => [t.name, t.maxBytes ?? share * MB]));
}
/** The tables with every s3 bound filled in for a function of `memoryMb`. */
function withSizeBounds(config, memoryMb) {
    const bounds = lookupSizeBounds(config.tables, memoryMb);
    return {
        ...config,
        tables: config.tables.map((t) => t.driver === 's3' ? { ...t, maxBytes: bounds.get(t.name) } : t),
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

;// CONCATENATED MODULE: ./src/processors/threat-intel/match.ts
/**
 * Threat-intel matching of one record, as StreamAlert 3's rules engine did before its rules
 * ran: the record's values of the normalized types that `normalized_ioc_types` maps to an
 * ioc type are normalized (indicators.ts), excluded ones dropped (`excluded_iocs`: exact
 * values, and networks for IPs), and the rest looked up in every feed's indicator table —
 * in memory, no network call per record. A match is written into the record under
 * `streamalert:ioc` (ioc type → values, StreamAlert 3's key) so rules read it, and returned
 * with its feed so the alert carries it (`context.threat_intel`).
 */



/** StreamAlert 3's ThreatIntel.IOC_KEY: where a record's matched indicators are put. */
const IOC_KEY = 'streamalert:ioc';
/** Matches kept per record: a record listing a thousand bad IPs must not make a huge alert. */
const MAX_MATCHES_PER_RECORD = 20;
/** Values of one field looked at (a field may hold a list). */
const MAX_VALUES_PER_FIELD = 100;
function excluderOf(config) {
    const exact = new Map();
    const networks = new external_node_net_namespaceObject.BlockList();
    for (const [type, { values }] of config.excluded) {
        const set = new Set();
        for (const v of values) {
            if (type === 'ip' && v.includes('/')) {
                const [address, bits] = v.split('/');
                const ip = canonicalIp(address);
                // The schema checked the form; a network that does not parse excludes nothing.
                if (ip)
                    networks.addSubnet(ip, Number(bits), (0,external_node_net_namespaceObject.isIPv4)(ip) ? 'ipv4' : 'ipv6');
                continue;
            }
            set.add(canonicalIndicator(type, v) ?? v);
        }
        exact.set(type, set);
    }
    return {
        excluded(type, value) {
            if (exact.get(type)?.has(value))
                return true;
            return type === 'ip' && networks.check(value, (0,external_node_net_namespaceObject.isIPv4)(value) ? 'ipv4' : 'ipv6');
        },
    };
}
const NO_MATCHES = Object.freeze([]);
function match_valuesAt(record, path) {
    let v = record;
    for (const key of path)
        v = typeof v === 'object' && v !== null ? v[key] : undefined;
    if (Array.isArray(v))
        return v.slice(0, MAX_VALUES_PER_FIELD);
    return v === undefined ? [] : [v];
}
function createThreatIntelMatcher(config, tables, 
/** The tables matched instead of config.feeds (a rule test's pinned indicators). */
feeds = config.feeds) {
    const excluder = excluderOf(config);
    const versionOf = (feed) => {
        const meta = tables.lookup(feed.name, FEED_META_KEY);
        const v = meta.found ? meta.value?.version : undefined;
        return typeof v === 'string' ? v : undefined;
    };
    return {
        normalizedTypes: [...config.iocTypeOf.keys()],
        match(record, normalized) {
            let matches;
            const seen = new Set();
            for (const [normalizedType, paths] of Object.entries(normalized)) {
                const type = config.iocTypeOf.get(normalizedType);
                if (!type)
                    continue;
                for (const path of paths) {
                    for (const raw of match_valuesAt(record, path)) {
                        const value = canonicalIndicator(type, raw);
                        if (value === undefined || excluder.excluded(type, value))
                            continue;
                        for (const feed of feeds) {
                            const hit = tables.lookup(feed.name, value);
                            // A feed's row says its type: a domain-named URL path never meets an IP row.
                            if (!hit.found || hit.value?.type !== type)
                                continue;
                            const id = `${feed.feed}\u0000${type}\u0000${value}\u0000${path.join('.')}`;
                            if (seen.has(id))
                                continue;
                            seen.add(id);
                            const version = versionOf(feed);
                            (matches ??= []).push({
                                type,
                                value,
                                field: path.join('.'),
                                normalized_type: normalizedType,
                                feed: feed.feed,
                                ...(version ? { feed_version: version } : {}),
                                indicator: hit.value,
                            });
                            if (matches.length >= MAX_MATCHES_PER_RECORD)
                                return attach(record, matches);
                        }
                    }
                }
            }
            return matches ? attach(record, matches) : NO_MATCHES;
        },
    };
}
/** StreamAlert 3's insertion: `streamalert:ioc` → ioc type → values (lists here: JSON). */
function attach(record, matches) {
    const iocs = {};
    for (const m of matches) {
        const list = (iocs[m.type] ??= []);
        if (!list.includes(m.value))
            list.push(m.value);
    }
    record[IOC_KEY] = iocs;
    return matches;
}

;// CONCATENATED MODULE: ./src/processors/lookup-tables/store.ts
/** How many unknown table names are remembered (rules may build names from records). */
const UNKNOWN_NAMES_MAX = 100;
function createLookupStore(options) {
    const now = options.now ?? Date.now;
    const { logger } = options;
    const slots = new Map(options.tables.map((t) => [t.name, { config: t, triedAt: -Infinity }]));
    const unknown = new Set();
    const describe = (t) => t.driver === 's3' ? `s3://${t.bucket}/${t.key}` : `dynamodb:${t.table}`;
    /** One load of `slot`; a failure is logged and rethrown, the slot keeps its version. */
    function load(slot) {
        if (slot.loading)
            return slot.loading;
        const started = now();
        slot.triedAt = started;
        const promise = options
            .load(slot.config, slot.version?.tag)
            .then((loaded) => {
            if (loaded === 'unchanged') {
                logger.debug('lookup table unchanged', { table: slot.config.name });
                return;
            }
            if (loaded === 'absent') {
                if (!slot.config.optional || slot.version)
                    throw new Error('the object does not exist');
                // Said at info once per container, then at debug: it is tried every refresh.
                (slot.absentNoted ? logger.debug : logger.info).call(logger, 'lookup table not written yet; its records are judged without it', { table: slot.config.name, source: describe(slot.config) });
                slot.absentNoted = true;
                return;
            }
            // The swap: one assignment, between two records at the earliest.
            slot.version = { rows: loaded.rows, tag: loaded.tag, loadedAt: now() };
            logger.info('lookup table loaded', {
                table: slot.config.name,
                source: describe(slot.config),
                keys: loaded.rows.size,
            });
        })
            .catch((err) => {
            const message = err?.message ?? String(err);
            logger.metric('LookupTableRefreshFailures', 1);
            logger.error(slot.version
                ? 'lookup table reload failed; the last good version is kept'
                : 'lookup table could not be loaded', {
                table: slot.config.name,
                source: describe(slot.config),
                error: message,
                ...(slot.version
                    ? { kept_version_loaded_at: new Date(slot.version.loadedAt).toISOString() }
                    : {}),
            });
            throw new Error(`lookup table "${slot.config.name}" (${describe(slot.config)}): ${message}`);
        })
            .finally(() => {
            slot.loading = undefined;
        });
        slot.loading = promise;
        return promise;
    }
    return {
        lookup(table, key) {
            const slot = slots.get(table);
            if (!slot) {
                if (!unknown.has(table) && unknown.size < UNKNOWN_NAMES_MAX) {
                    unknown.add(table);
                    logger.error('lookup of a table that is not in conf/lookup_tables.json', {
                        table,
                        known: [...slots.keys()],
                    });
                }
                return { found: false };
            }
            const value = slot.version?.rows.get(key);
            return value === undefined ? { found: false } : { found: true, value };
        },
        async ready() {
            // An optional table is awaited at its first try only (failing or not); afterwards it
            // is reloaded in the background like a refresh, so a missing feed costs no GET per batch.
            const slotsToLoad = [...slots.values()].filter((s) => !s.version && (!s.config.optional || s.triedAt === -Infinity || s.loading));
            await Promise.all(slotsToLoad.map((s) => (s.config.optional ? load(s).catch(() => undefined) : load(s))));
        },
        async refreshDue() {
            const t = now();
            const due = [...slots.values()].filter((s) => s.loading || t - s.triedAt >= s.config.refreshMinutes * 60_000);
            await Promise.all(due.map((s) => load(s).catch(() => undefined)));
        },
        status() {
            return [...slots.values()].map((s) => ({
                table: s.config.name,
                keys: s.version?.rows.size ?? 0,
                loadedAt: s.version?.loadedAt ?? 0,
            }));
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/lookup-tables/decode.ts
/**
 * A lookup table's object turned into the rows rules read: gunzipped within its size bound,
 * then read as JSON (one object, key → value: StreamAlert 3's form), JSON lines or CSV.
 * Every bound is checked while decoding, so a hostile or mistaken object (a gzip bomb, a
 * billion keys) fails the load with a message instead of exhausting the function's memory.
 */


/** Deep-freezes a row: rows are shared by every record, a rule must not change them for the next. */
function freeze(value) {
    if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
        for (const v of Object.values(value))
            freeze(v);
        Object.freeze(value);
    }
    return value;
}
/** Rows of a JSON object kept as parsed: no second copy of a million keys. */
class ObjectRows {
    rows;
    size;
    constructor(rows, size) {
        this.rows = rows;
        this.size = size;
    }
    get(key) {
        // Own keys only: "constructor" or "__proto__" is not a row.
        return Object.hasOwn(this.rows, key) ? this.rows[key] : undefined;
    }
}
class MapRows {
    rows;
    constructor(rows) {
        this.rows = rows;
    }
    get size() {
        return this.rows.size;
    }
    get(key) {
        return this.rows.get(key);
    }
}
/** Rows from a Map (DynamoDB items, a fixture's pinned rows). */
function mapRows(rows) {
    for (const v of rows.values())
        freeze(v);
    return new MapRows(rows);
}
const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
/** The object's text: gunzipped when it says gzip and is gzip (else read as it is, as StreamAlert did). */
function decode_textOf(body, options) {
    const gzip = options.compression === 'gzip' && body[0] === 0x1f && body[1] === 0x8b;
    if (!gzip) {
        if (body.length > options.maxBytes)
            throw new Error(`is ${mb(body.length)} MB, more than its size bound (max_size_mb, ${mb(options.maxBytes)} MB)`);
        return Buffer.from(body.buffer, body.byteOffset, body.length).toString('utf8');
    }
    try {
        return (0,external_node_zlib_namespaceObject.gunzipSync)(body, { maxOutputLength: options.maxBytes }).toString('utf8');
    }
    catch (err) {
        if (err.code === 'ERR_BUFFER_TOO_LARGE')
            throw new Error(`decompresses to more than its size bound (max_size_mb, ${mb(options.maxBytes)} MB); raise max_size_mb (and the function's memory) or split the table`, { cause: err });
        throw new Error(`gunzip failed: ${err.message}`, { cause: err });
    }
}
const tooMany = (max) => new Error(`has more than cache_maximum_key_count (${max}) keys; raise it or split the table`);
/** Each non-empty line of `text` with its 1-based number, a trailing \r dropped. */
function* linesOf(text) {
    let line = 0;
    for (let start = 0; start < text.length;) {
        let end = text.indexOf('\n', start);
        if (end < 0)
            end = text.length;
        line++;
        const raw = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
        start = end + 1;
        if (raw.trim() !== '')
            yield [raw, line];
    }
}
function decodeJson(text, options) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (err) {
        throw new Error(`is not JSON: ${err.message}`, { cause: err });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('must be a JSON object of key → value');
    let size = 0;
    for (const key in parsed) {
        if (++size > options.maxKeys)
            throw tooMany(options.maxKeys);
        freeze(parsed[key]);
    }
    return new ObjectRows(parsed, size);
}
function decodeTable(body, options) {
    const text = decode_textOf(body, options);
    if (options.format === 'json')
        return decodeJson(text, options);
    const rows = new Map();
    const put = (key, row, line) => {
        if (typeof key !== 'string' && typeof key !== 'number')
            throw new Error(`line ${line}: the key column holds no string or number`);
        rows.set(String(key), freeze(row));
        if (rows.size > options.maxKeys)
            throw tooMany(options.maxKeys);
    };
    if (options.format === 'jsonl') {
        const column = options.keyColumn ?? 'key';
        for (const [raw, line] of linesOf(text)) {
            let row;
            try {
                row = JSON.parse(raw);
            }
            catch (err) {
                throw new Error(`line ${line} is not JSON: ${err.message}`, { cause: err });
            }
            if (typeof row !== 'object' || row === null || Array.isArray(row))
                throw new Error(`line ${line} must be a JSON object`);
            put(row[column], row, line);
        }
        return new MapRows(rows);
    }
    // CSV: one row per line (a quoted field does not span lines), each line read on its own —
    // most by a split — instead of the whole object character by character.
    const dialect = { delimiter: ',', quotechar: '"' };
    let header;
    let keyAt = 0;
    for (const [raw, line] of linesOf(text)) {
        const cells = readCsv(raw, dialect)[0] ?? [];
        if (!header) {
            header = cells;
            keyAt = options.keyColumn === undefined ? 0 : header.indexOf(options.keyColumn);
            if (keyAt < 0)
                throw new Error(`has no column ${JSON.stringify(options.keyColumn)} (key_column) in its header`);
            continue;
        }
        if (cells.length !== header.length)
            throw new Error(`line ${line} has ${cells.length} columns, the header ${header.length}`);
        const row = {};
        for (let j = 0; j < header.length; j++)
            row[header[j]] = cells[j];
        put(cells[keyAt], row, line);
    }
    if (!header)
        throw new Error('has no header line');
    return new MapRows(rows);
}
/**
 * Decodes an s3 table's object as the rule processor does (format, gzip, bounds). Here, not
 * beside the S3 loader, so the rule sandbox's child decodes without bundling an AWS client.
 */
function decodeS3Table(body, t) {
    return decodeTable(body, {
        format: t.format,
        compression: t.compression,
        keyColumn: t.keyColumn,
        maxBytes: t.maxBytes ?? 0,
        maxKeys: t.maxKeys,
    });
}

;// CONCATENATED MODULE: ./src/processors/lookup-tables/loaders.ts

const statusOf = (err) => err?.$metadata?.httpStatusCode;
async function loaders_readBody(body, max, what) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > max)
            throw new Error(`${what} is more than its size bound (${max} bytes) as stored`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size);
}
/** True when a listing of exactly the table's key says there is no such object. */
async function listedAbsent(client, t) {
    const { ListObjectsV2Command } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23));
    try {
        const res = await client.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: t.key, MaxKeys: 1 }));
        return !(res.Contents ?? []).some((o) => o.Key === t.key);
    }
    catch {
        // No listing either: the 403 stands as the reason.
        return false;
    }
}
/**
 * The table's object as stored, within its size bound: its bytes and ETag, 'unchanged' (the
 * ETag is `previous`) or 'absent'. The backtest reads objects through this too.
 */
async function fetchS3Object(client, t, previous) {
    const { GetObjectCommand } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23));
    const maxBytes = t.maxBytes ?? 0;
    if (maxBytes <= 0)
        throw new Error('internal: the table has no size bound');
    let res;
    try {
        res = await client.send(new GetObjectCommand({
            Bucket: t.bucket,
            Key: t.key,
            ...(previous ? { IfNoneMatch: previous } : {}),
        }));
    }
    catch (err) {
        const status = statusOf(err);
        if (status === 304)
            return 'unchanged';
        if (status === 404)
            return 'absent';
        if (status === 403 && (await listedAbsent(client, t)))
            return 'absent';
        throw err;
    }
    if (!res.Body)
        throw new Error('the object has no body');
    // A gzip object is never bigger than what it decompresses to (beyond a header): the same bound.
    if (res.ContentLength !== undefined && res.ContentLength > maxBytes)
        throw new Error(`the object is ${res.ContentLength} bytes, more than its size bound (${maxBytes} bytes)`);
    const body = await loaders_readBody(res.Body, maxBytes, 'the object');
    return { body, ...(res.ETag ? { tag: res.ETag } : {}) };
}
async function loadS3Table(client, t, previous) {
    const got = await fetchS3Object(client, t, previous);
    if (typeof got === 'string')
        return got;
    return { rows: decodeS3Table(got.body, t), ...(got.tag ? { tag: got.tag } : {}) };
}
/** A DynamoDB attribute value as plain JSON (numbers as numbers, sets as lists). */
function fromAttribute(v) {
    if (v.S !== undefined)
        return v.S;
    if (v.N !== undefined)
        return Number(v.N);
    if (v.BOOL !== undefined)
        return v.BOOL;
    if (v.NULL !== undefined)
        return null;
    if (v.M !== undefined)
        return Object.fromEntries(Object.entries(v.M).map(([k, x]) => [k, fromAttribute(x)]));
    if (v.L !== undefined)
        return v.L.map(fromAttribute);
    if (v.SS !== undefined)
        return [...v.SS];
    if (v.NS !== undefined)
        return v.NS.map(Number);
    if (v.B !== undefined)
        return Buffer.from(v.B).toString('base64');
    if (v.BS !== undefined)
        return v.BS.map((b) => Buffer.from(b).toString('base64'));
    return undefined;
}
const keyText = (v) => v?.S ?? v?.N ?? (v?.B ? Buffer.from(v.B).toString('base64') : undefined);
async function loadDynamoDbTable(client, t) {
    const { ScanCommand } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 414, 23));
    const names = { '#p': t.partitionKey, '#v': t.valueKey };
    if (t.sortKey)
        names['#s'] = t.sortKey;
    const rows = new Map();
    let start;
    do {
        const res = await client.send(new ScanCommand({
            TableName: t.table,
            ProjectionExpression: Object.keys(names).join(', '),
            ExpressionAttributeNames: names,
            ConsistentRead: t.consistentRead,
            ...(start ? { ExclusiveStartKey: start } : {}),
        }));
        for (const item of res.Items ?? []) {
            const pk = keyText(item[t.partitionKey]);
            const sk = t.sortKey ? keyText(item[t.sortKey]) : undefined;
            const value = item[t.valueKey];
            // As StreamAlert: an item without the value attribute finds nothing.
            if (pk === undefined || value === undefined || (t.sortKey && sk === undefined))
                continue;
            rows.set(t.sortKey ? `${pk}${t.keyDelimiter}${sk}` : pk, fromAttribute(value));
            if (rows.size > t.maxKeys)
                throw new Error(`has more than cache_maximum_key_count (${t.maxKeys}) items; raise it or split the table`);
        }
        start = res.LastEvaluatedKey;
    } while (start);
    return { rows: mapRows(rows) };
}
/** The loader of every driver, with the clients made when first needed. */
function awsTableLoader(clients) {
    return async (table, previous) => table.driver === 's3'
        ? loadS3Table(await clients.s3(), table, previous)
        : loadDynamoDbTable(await clients.dynamodb(), table);
}

;// CONCATENATED MODULE: ./src/processors/detection/bundle.ts
/**
 * The detection bundle: the rules and the conf the rule processor reads, shipped apart from
 * its code (one object in S3, published by the global root), so a pull request that changes
 * only rules changes no cluster root. One JSON document, written by `build` and read here:
 *
 *   {"format":"streamalert-detection-bundle-1","files":{"conf/logs.json":"<base64>",…}}
 *
 * JSON rather than a zip: the Lambda may import no zip library, and one bounded JSON.parse
 * is far less to get wrong than a zip reader facing a hostile archive. Its version is the
 * SHA-256 (hex) of its bytes, so the same rules and conf are the same version everywhere,
 * and every alert names the version that raised it.
 *
 * The object is trusted no more than a pull request: every path is checked (relative, no
 * `..`, only the folders the processor reads), and the size, the file count and the depth
 * are capped before anything is written to disk.
 */


const DETECTION_BUNDLE_FORMAT = 'streamalert-detection-bundle-1';
/** What `build` names it, and the object key the global root publishes it under. */
const DETECTION_BUNDLE_FILE = 'detection-bundle.json';
const DETECTION_BUNDLE_KEY = 'detection/bundle.json';
/** Default ceiling on the bundle's bytes (env DETECTION_BUNDLE_MAX_BYTES). */
const DEFAULT_BUNDLE_MAX_BYTES = 20 * 1024 * 1024;
/** The rules' own cap, plus the conf files and the rules API package. */
const BUNDLE_MAX_FILES = RULES_MAX_FILES + 16;
/** Files the processor reads: conf/<name>.json, rules/…, and the rules API the rules import. */
const ROOTS = ['conf', 'rules', 'node_modules'];
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.@+-]*$/;
const REQUIRED = ['conf/logs.json', 'conf/sources.json'];
class BundleError extends Error {
}
function bundleVersion(bytes) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(bytes).digest('hex');
}
/** Why a path may not be in a bundle, or undefined when it may. */
function badBundlePath(name) {
    const parts = name.split('/');
    if (!ROOTS.includes(parts[0]) || parts.length < 2)
        return `must be under ${ROOTS.map((r) => `${r}/`).join(', ')}`;
    if (parts.length > RULES_MAX_DEPTH + 3)
        return 'is nested too deep';
    if (!parts.every((p) => SEGMENT.test(p) && p !== '..'))
        return 'must be plain names joined by "/" (letters, digits, _ . @ + -)';
    if (parts[0] === 'conf' && !/^conf\/[a-z_]+\.json$/.test(name))
        return 'a conf file must be conf/<name>.json';
    if (parts[0] === 'node_modules' && parts[1] !== 'streamalert-action')
        return 'node_modules/ holds only the rules API (streamalert-action)';
    return undefined;
}
/** The bundle's bytes: the same files give the same bytes (paths sorted), hence the same version. */
function writeDetectionBundle(files) {
    const body = {};
    for (const name of [...files.keys()].sort()) {
        const bad = badBundlePath(name);
        if (bad)
            throw new Error(`internal: detection bundle entry ${name} ${bad}`);
        body[name] = files.get(name).toString('base64');
    }
    for (const name of REQUIRED)
        if (!(name in body))
            throw new Error(`internal: detection bundle without ${name}`);
    return Buffer.from(`${JSON.stringify({ format: DETECTION_BUNDLE_FORMAT, files: body })}\n`);
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Reads a bundle, refusing anything `writeDetectionBundle` would not have written. */
function parseDetectionBundle(bytes, limits = { maxBytes: DEFAULT_BUNDLE_MAX_BYTES, maxFiles: BUNDLE_MAX_FILES }) {
    if (bytes.length > limits.maxBytes)
        throw new BundleError(`is ${bytes.length} bytes, more than the ${limits.maxBytes} allowed`);
    let doc;
    try {
        doc = JSON.parse(bytes.toString('utf8'));
    }
    catch (err) {
        throw new BundleError(`is not JSON (${err.message})`);
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        throw new BundleError('is not a JSON object');
    const { format, files } = doc;
    if (format !== DETECTION_BUNDLE_FORMAT)
        throw new BundleError(`/format: must be "${DETECTION_BUNDLE_FORMAT}"`);
    if (typeof files !== 'object' || files === null || Array.isArray(files))
        throw new BundleError('/files: must be an object of path → base64 contents');
    const entries = Object.entries(files);
    if (entries.length > limits.maxFiles)
        throw new BundleError(`/files: ${entries.length} files, more than the ${limits.maxFiles} allowed`);
    const out = new Map();
    let total = 0;
    for (const [name, value] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const at = `/files/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const bad = badBundlePath(name);
        if (bad)
            throw new BundleError(`${at}: ${bad}`);
        if (typeof value !== 'string' || !BASE64.test(value))
            throw new BundleError(`${at}: must be base64 text`);
        const data = Buffer.from(value, 'base64');
        total += data.length;
        if (total > limits.maxBytes)
            throw new BundleError(`${at}: the files hold more than the ${limits.maxBytes} bytes allowed`);
        out.set(name, data);
    }
    // A folder and a file of the same name cannot both be written.
    for (const name of out.keys()) {
        const parts = name.split('/');
        for (let i = 1; i < parts.length; i++)
            if (out.has(parts.slice(0, i).join('/')))
                throw new BundleError(`/files: ${parts.slice(0, i).join('/')} is both a file and a folder`);
    }
    for (const name of REQUIRED)
        if (!out.has(name))
            throw new BundleError(`/files: no ${name}`);
    return { version: bundleVersion(bytes), files: out };
}

;// CONCATENATED MODULE: ./src/processors/detection/s3-store.ts

/** Where the environment says the bundle is, or undefined when it names none. */
function bundleLocationFromEnv(env) {
    const bucket = env.DETECTION_BUNDLE_BUCKET;
    if (!bucket)
        return undefined;
    const key = env.DETECTION_BUNDLE_KEY;
    if (!key)
        throw new Error('DETECTION_BUNDLE_BUCKET is set but DETECTION_BUNDLE_KEY is not');
    return {
        bucket,
        key,
        ...(env.DETECTION_BUNDLE_REGION ? { region: env.DETECTION_BUNDLE_REGION } : {}),
    };
}
/** The most bytes the environment lets a bundle have (DETECTION_BUNDLE_MAX_BYTES). */
function bundleMaxBytesFromEnv(env) {
    const n = Number(env.DETECTION_BUNDLE_MAX_BYTES);
    return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_BUNDLE_MAX_BYTES;
}
function s3BundleStore(client, at) {
    const sdk = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23));
    return {
        where: `s3://${at.bucket}/${at.key}`,
        async etag() {
            const [{ HeadObjectCommand }, s3] = await Promise.all([sdk(), client()]);
            const res = await s3.send(new HeadObjectCommand({ Bucket: at.bucket, Key: at.key }));
            if (!res.ETag)
                throw new Error(`s3://${at.bucket}/${at.key} has no ETag`);
            return res.ETag;
        },
        async get(maxBytes) {
            const [{ GetObjectCommand }, s3] = await Promise.all([sdk(), client()]);
            const res = await s3.send(new GetObjectCommand({ Bucket: at.bucket, Key: at.key }));
            const where = `s3://${at.bucket}/${at.key}`;
            if (!res.Body || !res.ETag)
                throw new Error(`${where} has no body or ETag`);
            const body = res.Body;
            if (res.ContentLength !== undefined && res.ContentLength > maxBytes) {
                body.destroy?.();
                throw new Error(`${where} is ${res.ContentLength} bytes, more than the ${maxBytes} allowed`);
            }
            // The length header is not trusted alone: reading stops at the cap.
            const chunks = [];
            let size = 0;
            for await (const chunk of body) {
                size += chunk.length;
                if (size > maxBytes) {
                    body.destroy?.();
                    throw new Error(`${where} is more than the ${maxBytes} bytes allowed`);
                }
                chunks.push(Buffer.from(chunk));
            }
            return { etag: res.ETag, body: Buffer.concat(chunks) };
        },
    };
}

;// CONCATENATED MODULE: ./src/processors/detection/source.ts

const LOAD_FAILURES_METRIC = 'DetectionBundleLoadFailures';
const DEFAULT_CHECK_INTERVAL_SECONDS = 60;
function createDetectionSource(o) {
    const now = o.now ?? Date.now;
    const limits = { maxBytes: o.maxBytes ?? DEFAULT_BUNDLE_MAX_BYTES, maxFiles: BUNDLE_MAX_FILES };
    let current;
    let checkedAt = 0;
    async function fetchAndLoad() {
        const { etag, body } = await o.store.get(limits.maxBytes);
        let bundle;
        try {
            bundle = parseDetectionBundle(body, limits);
        }
        catch (err) {
            throw new Error(`${o.store.where} ${err.message}`, { cause: err });
        }
        // The same bytes published again: nothing to load.
        if (current && bundle.version === current.version)
            return { ...current, etag };
        return { etag, version: bundle.version, value: await o.load(bundle) };
    }
    return {
        async current() {
            const t = now();
            if (!current) {
                current = await fetchAndLoad();
                checkedAt = t;
                o.logger.info('detection bundle loaded', { version: current.version });
                return current;
            }
            if (t - checkedAt < o.intervalMs)
                return current;
            checkedAt = t;
            try {
                if ((await o.store.etag()) === current.etag)
                    return current;
                const next = await fetchAndLoad();
                if (next.version !== current.version)
                    o.logger.info('detection bundle updated', {
                        version: next.version,
                        previous: current.version,
                    });
                current = next;
            }
            catch (err) {
                o.logger.error('detection bundle not loaded: the last good version keeps running', {
                    version: current.version,
                    error: err?.message ?? String(err),
                });
                o.logger.metric(LOAD_FAILURES_METRIC, 1);
            }
            return current;
        },
    };
}
/** The check interval of the environment (DETECTION_CHECK_INTERVAL_SECONDS), in ms. */
function checkIntervalMs(env) {
    const s = Number(env.DETECTION_CHECK_INTERVAL_SECONDS);
    return ((Number.isFinite(s) && s >= 0 && env.DETECTION_CHECK_INTERVAL_SECONDS !== ''
        ? s
        : DEFAULT_CHECK_INTERVAL_SECONDS) * 1000);
}

;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = require("node:os");
;// CONCATENATED MODULE: ./src/processors/detection/unpack.ts
/**
 * A bundle's files on disk (the rules are ES modules: Node imports them from files). Each
 * version gets its own folder, named by the version, written into a fresh temporary folder
 * and renamed into place whole, so a folder that exists is complete and a version never
 * sees another's files. The paths were checked by parseDetectionBundle; the folder is new,
 * so nothing in it (a planted link) can redirect a write.
 */




/** A version's folder name: the bundle's SHA-256. */
const VERSION = /^[0-9a-f]{64}$/;
function detectionRoot() {
    return external_node_path_default().join((0,external_node_os_namespaceObject.tmpdir)(), 'streamalert-detection');
}
/** The bundle's folder (`<root>/<version>`), written when it is not there yet. */
async function unpackBundle(bundle, root = detectionRoot()) {
    if (!VERSION.test(bundle.version))
        throw new Error('internal: bad bundle version');
    const target = external_node_path_default().join(root, bundle.version);
    if (await isDir(target))
        return target;
    await (0,promises_namespaceObject.mkdir)(root, { recursive: true });
    const staging = await (0,promises_namespaceObject.mkdtemp)(external_node_path_default().join(root, '.unpack-'));
    try {
        for (const [name, data] of bundle.files) {
            if (badBundlePath(name))
                throw new Error(`internal: unchecked bundle path ${name}`);
            const file = external_node_path_default().join(staging, ...name.split('/'));
            await (0,promises_namespaceObject.mkdir)(external_node_path_default().dirname(file), { recursive: true });
            await (0,promises_namespaceObject.writeFile)(file, data, { flag: 'wx' });
        }
        await (0,promises_namespaceObject.rename)(staging, target);
    }
    catch (err) {
        await (0,promises_namespaceObject.rm)(staging, { recursive: true, force: true });
        // Another load of the same version finished first: its folder is as good.
        if (await isDir(target))
            return target;
        throw err;
    }
    return target;
}
/**
 * Removes the unpacked versions not in `keep` (the one now running and the one before it).
 * A warm container lives for hours and every merge that changes a rule publishes a new
 * version, while /tmp holds 512 MB by default; the rules of a version are imported when it
 * loads, so its files are not read again. Only folders named like a version are touched, and
 * a failure to remove one is returned, not thrown: a full /tmp is a later load's error to report.
 */
async function pruneBundles(keep, root = detectionRoot()) {
    const removed = [];
    const failed = [];
    let names;
    try {
        names = await (0,promises_namespaceObject.readdir)(root);
    }
    catch {
        return { removed, failed };
    }
    for (const name of names) {
        if (!VERSION.test(name) || keep.has(name))
            continue;
        try {
            await (0,promises_namespaceObject.rm)(external_node_path_default().join(root, name), { recursive: true, force: true });
            removed.push(name);
        }
        catch {
            failed.push(name);
        }
    }
    return { removed, failed };
}
async function isDir(p) {
    try {
        return (await (0,promises_namespaceObject.lstat)(p)).isDirectory(); // a link is not one of ours
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = require("node:v8");
;// CONCATENATED MODULE: ./src/processors/shared/young-generation.ts
/**
 * The young generation of a small function's heap, kept at its initial size.
 *
 * Lambda's Node.js bootstrap gives new space a tenth of the function's memory (semi-spaces
 * of 6 MB at 128 MB), and V8 doubles the semi-spaces as a batch allocates. A 6 MB Kinesis
 * batch of gzip flow logs (27 MB once inflated) then peaked at 104 MB RSS in a 128 MB
 * function, a few MB from running out; with the semi-spaces left at their first size it
 * peaks at 85 MB (bench/formats). The price is more scavenges: about 15% more process CPU
 * on that batch, so it applies only where memory is the scarce side (256 MB or less).
 * `--semi-space-growth-factor` is read each time new space would grow, so setting it once
 * the process runs takes effect (the sizes themselves are fixed when the heap is made).
 */

/** Functions with at most this much memory (MB) keep their young generation small. */
const SMALL_FUNCTION_MB = 256;
/** Applies the setting when the environment is a function of SMALL_FUNCTION_MB or less; true when it did. */
function keepYoungGenerationSmall(env) {
    const memory = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
    if (!(Number.isFinite(memory) && memory > 0 && memory <= SMALL_FUNCTION_MB))
        return false;
    (0,external_node_v8_namespaceObject.setFlagsFromString)('--semi-space-growth-factor=1');
    return true;
}

;// CONCATENATED MODULE: ./src/processors/sigma/correlate.ts
/**
 * Evaluates Sigma correlation rules (correlation.ts) over the matches of the rules they
 * reference, one event at a time, behind a small window-state interface: `test`, the
 * backtest and the rule processor share this code and differ only in where the windows
 * live (memory here; a table in the stream).
 *
 * Semantics, as docs/rules.md#sigma-correlation-rules states them:
 * - An event is one match of a referenced rule: its group (the group-by fields' values,
 *   aliases applied per rule), its time, and for value_count the counted field's value.
 *   An event missing a group-by field (or the value_count field) is not counted.
 * - Its time is the record's event time (the first of EVENT_TIME_FIELDS that reads as a
 *   date), else its arrival time. Late and out-of-order events count: every window of
 *   `timespan` that holds the new event is checked, wherever the event falls in it.
 * - A group's live events are those no alert has used yet; an event older than `timespan`
 *   before the group's newest live event is too late: not counted, and forgotten.
 * - When a window satisfies the condition, one alert; its events are then used up, so a
 *   burst past the threshold alerts once, and the next alert needs a fresh set.
 * - An event id seen before (a retried batch) is counted once. Its retry is still judged:
 *   an event counted but in no alert is checked again (the invocation may have stopped
 *   before it was), and an event that fired an alert not yet marked sent fires the same
 *   alert again (its publish failed, or the invocation stopped before it was marked).
 */



/** An alert fired and not marked sent after this long (ms) is sent again (same alert id). */
const RESEND_AFTER_MS = 5 * 60_000;
/**
 * When a group must next be looked at (ms): an open wait's deadline, or, once it fired and
 * until its alert is marked sent, the time to send that alert again. Undefined: never.
 */
function nextLook(a) {
    if (a.due === undefined)
        return undefined;
    if (a.fired === undefined)
        return a.due;
    return a.sent ? undefined : a.fired + RESEND_AFTER_MS;
}
/** Live events read back per group: past it the oldest are left out (an attack or a runaway rule). */
const MAX_EVENTS_PER_GROUP = 10_000;
/** The id of an event: short (the table keeps one per item, and a fired window lists them). */
function eventId(rule, origin) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${rule}\n${origin}`).digest('base64url').slice(0, 16);
}
const byTime = (a, b) => a.t - b.t || (a.id < b.id ? -1 : 1);
/** The first index of `live` (sorted by time) whose event is not before `e` in byTime order. */
function lowerBound(live, e) {
    let lo = 0;
    let hi = live.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byTime(live[mid], e) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/**
 * Windows in memory, for `test` and the backtest: one run, one state. Each group keeps its
 * live events sorted by time, so an event costs a binary search and its window's slice,
 * not a copy and sort of the whole group.
 */
function memoryWindowState() {
    const groups = new Map();
    const groupOf = (c, g) => {
        const k = `${c}\n${g}`;
        let group = groups.get(k);
        if (!group)
            groups.set(k, (group = { all: new Map(), live: [] }));
        return group;
    };
    const unlive = (live, e) => {
        const i = lowerBound(live, e);
        if (live[i] === e)
            live.splice(i, 1);
    };
    const windowOf = (live, t, span) => live.slice(lowerBound(live, { id: '', rule: '', t: t - span }));
    const absences = new Map();
    return {
        async absence(c, g) {
            const a = absences.get(`${c}\n${g}`);
            return a ? { value: a.value, version: a.version } : { value: {}, version: 0 };
        },
        async setAbsence(c, g, value, version) {
            const k = `${c}\n${g}`;
            if ((absences.get(k)?.version ?? 0) !== version)
                return false;
            absences.set(k, { correlation: c, group: g, value, version: version + 1 });
            return true;
        },
        async dueWaits(now, limit) {
            return [...absences.values()]
                .filter((a) => (nextLook(a.value) ?? Infinity) < now)
                .sort((a, b) => nextLook(a.value) - nextLook(b.value))
                .slice(0, limit);
        },
        async add(c, g, event, span) {
            const group = groupOf(c, g);
            const had = group.all.get(event.id);
            if (had)
                return {
                    events: windowOf(group.live, had.t, span),
                    seen: {
                        used: had.used === true,
                        ...(had.fired ? { fired: had.fired } : {}),
                        ...(had.sent ? { sent: had.sent } : {}),
                    },
                };
            const e = { ...event };
            group.all.set(e.id, e);
            group.live.splice(lowerBound(group.live, e), 0, e);
            if (group.live.length > MAX_EVENTS_PER_GROUP) {
                const oldest = group.live.shift();
                group.all.delete(oldest.id);
            }
            return { events: windowOf(group.live, e.t, span) };
        },
        async fire(c, g, trigger, fired) {
            const group = groupOf(c, g);
            const t = group.all.get(trigger);
            if (t)
                t.fired = fired;
            for (const id of fired.window) {
                const e = group.all.get(id);
                if (e && !e.used) {
                    e.used = true;
                    unlive(group.live, e);
                }
            }
        },
        async drop(c, g, ids) {
            const group = groupOf(c, g);
            for (const id of ids) {
                const e = group.all.get(id);
                if (e && !e.used) {
                    e.used = true;
                    unlive(group.live, e);
                }
            }
        },
        async sent(c, g, trigger) {
            const e = groupOf(c, g).all.get(trigger);
            if (e)
                e.sent = true;
        },
    };
}
/**
 * Record fields read as the event time, first found first: CloudTrail, ECS/Elastic, most
 * JSON logs, Okta, GitHub, Google Workspace, GCP audit.
 */
const EVENT_TIME_FIELDS = [
    'eventTime',
    '@timestamp',
    'timestamp',
    'time',
    'published',
    'created_at',
    'id.time',
    'receiveTimestamp',
];
/** 2000-01-01 and 2100-01-01: a number outside is not a time. */
const TIME_MIN = 946_684_800_000;
const TIME_MAX = 4_102_444_800_000;
/** A value as ms since the epoch: an ISO date text, or a number of seconds or milliseconds. */
function timeOf(v) {
    let ms;
    if (typeof v === 'number' && Number.isFinite(v))
        ms = v < 1e11 ? v * 1000 : v;
    else if (typeof v === 'string' && v.length <= 64) {
        ms = /^\d+(\.\d+)?$/.test(v) ? timeOf(Number(v)) : Date.parse(v);
    }
    return ms !== undefined && ms >= TIME_MIN && ms <= TIME_MAX ? ms : undefined;
}
/** The record's event time, or undefined when none of EVENT_TIME_FIELDS reads as one. */
function eventTimeOf(record) {
    for (const f of EVENT_TIME_FIELDS) {
        const found = valuesAt(record, f);
        for (const v of found.values) {
            const t = timeOf(v);
            if (t !== undefined)
                return t;
        }
    }
    return undefined;
}
/** A scalar as group and value text; objects and lists as JSON. */
const correlate_textOf = (v) => typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
/** Counted values past this length are counted by their hash (the state keeps one per event). */
const MAX_VALUE_CHARS = 256;
const boundedText = (v) => v.length <= MAX_VALUE_CHARS ? v : `sha256:${(0,external_node_crypto_namespaceObject.createHash)('sha256').update(v).digest('base64url')}`;
/** The first value at `path` (a group value), or undefined when the record has none. */
function firstValue(record, path) {
    const found = valuesAt(record, path);
    return found.values.find((v) => v !== null && v !== undefined);
}
/** Waits fired per call of `due`: the rest are due at the next call. */
const MAX_DUE_PER_CALL = 500;
/**
 * An absence group after one match, or undefined when it does not change. `expected`: the
 * match is of one of `rules` (else of `after`). Without `after` an expected event both ends
 * the open wait and starts the next (the group is seen: the silence starts again).
 */
function absenceStep(c, prev, e) {
    const span = c.timespan_s * 1000;
    const open = prev.due !== undefined && prev.fired === undefined;
    const latest = e.expected ? Math.max(prev.latest ?? e.t, e.t) : prev.latest;
    const wait = () => ({
        start: e.t,
        due: e.t + span,
        ...(latest !== undefined ? { latest } : {}),
        group: e.group,
        source: e.source,
    });
    const keep = () => latest === prev.latest ? undefined : { ...prev, ...(latest !== undefined ? { latest } : {}) };
    // A wait that already alerted holds every event up to its deadline: a late one changes nothing.
    const inFired = prev.fired !== undefined && e.t <= prev.due;
    if (!c.after) {
        if (open) {
            // Older than the wait's start: nothing new. Past its deadline: the silence was real
            // (the next check fires it), so this event does not hide it.
            if (e.t <= prev.start || e.t > prev.due)
                return keep();
            return wait();
        }
        if (inFired || (prev.latest !== undefined && e.t < prev.latest))
            return keep();
        return wait();
    }
    if (e.expected) {
        if (open && prev.start <= e.t && e.t <= prev.due) {
            // The wait ends: only what outlives it is kept.
            return { latest: latest };
        }
        return keep();
    }
    if (open) {
        // Joins the open wait; an earlier start moves it back unless an expected event answers it.
        const answered = prev.latest !== undefined && prev.latest >= e.t;
        return e.t < prev.start && !answered ? wait() : undefined;
    }
    if (inFired)
        return undefined;
    if (prev.latest !== undefined && e.t <= prev.latest && prev.latest <= e.t + span)
        return undefined;
    return wait();
}
function createCorrelator(correlations, state) {
    const byRule = new Map();
    const generated = new Set();
    for (const c of correlations)
        for (const r of c.rules) {
            byRule.set(r, [...(byRule.get(r) ?? []), c]);
            if (c.generate)
                generated.add(r);
        }
    const fieldFor = (c, rule, name) => c.aliases?.[name]?.[rule] ?? name;
    const byName = new Map(correlations.map((c) => [c.name, c]));
    for (const c of correlations)
        for (const r of c.after ?? []) {
            byRule.set(r, [...(byRule.get(r) ?? []), c]);
            if (c.generate)
                generated.add(r);
        }
    let latest;
    /** The group-by values of a match, or undefined when one is missing. */
    function groupOf(c, input) {
        const group = {};
        for (const g of c.group_by) {
            const v = firstValue(input.record, fieldFor(c, input.rule, g));
            if (v === undefined)
                return undefined;
            group[g] = v;
        }
        return { group, key: JSON.stringify(c.group_by.map((g) => group[g])) };
    }
    /** Absence: the match moves its group's wait; it never fires one (due() does). */
    async function observeAbsence(c, input, t) {
        const g = groupOf(c, input);
        if (!g || !input.source)
            return;
        // The state keeps the group's key as text (its wait is listed by it): a long one by its hash.
        const key = boundedText(g.key);
        const source = { rule: input.rule, ...input.source };
        // Optimistic: another invocation may write the group between the read and the write.
        for (let attempt = 0; attempt < 10; attempt++) {
            const { value, version } = await state.absence(c.name, key);
            const next = absenceStep(c, value, {
                expected: c.rules.includes(input.rule),
                t,
                group: g.group,
                source,
            });
            if (!next || (await state.setAbsence(c.name, key, next, version)))
                return;
        }
        throw new Error(`absence correlation ${c.name}: its group kept changing under ten writes`);
    }
    async function observeOne(c, input, t) {
        if (c.type === 'absence') {
            await observeAbsence(c, input, t);
            return undefined;
        }
        const g = groupOf(c, input);
        if (!g)
            return undefined;
        const { group, key } = g;
        let v;
        if (c.type === 'value_count') {
            const raw = firstValue(input.record, fieldFor(c, input.rule, c.field));
            if (raw === undefined)
                return undefined;
            v = boundedText(correlate_textOf(raw));
        }
        const event = {
            id: eventId(input.rule, input.id),
            rule: input.rule,
            t,
            ...(v !== undefined ? { v } : {}),
        };
        const span = c.timespan_s * 1000;
        const sent = () => state.sent(c.name, key, event.id);
        const { events, seen } = await state.add(c.name, key, event, span);
        if (seen?.fired) {
            // Fired before: once sent, nothing more. Not known to be sent: the same alert again,
            // and the used-marking finished in case the invocation stopped half-way through it.
            if (seen.sent)
                return undefined;
            await state.fire(c.name, key, event.id, seen.fired);
            return { correlation: c, ...seen.fired.match, sent };
        }
        if (seen?.used)
            return undefined;
        const me = events.find((e) => e.id === event.id);
        if (!me)
            return undefined;
        const newest = Math.max(...events.map((e) => e.t));
        // Older than every window of the newest live event: too late, forgotten.
        if (me.t < newest - span) {
            await state.drop(c.name, key, [me.id]);
            return undefined;
        }
        const live = events.filter((e) => e.t >= newest - span).sort(byTime);
        const found = findWindow(c, live, me.t, span);
        if (!found)
            return undefined;
        const rules = c.rules.filter((r) => found.window.some((e) => e.rule === r));
        const values = c.type === 'value_count' ? [...new Set(found.window.map((e) => e.v))].sort() : undefined;
        const match = {
            group,
            count: found.count,
            rules,
            first: found.window[0].t,
            last: found.window[found.window.length - 1].t,
            events: found.window.length,
            ...(values ? { values: values.slice(0, 100) } : {}),
        };
        await state.fire(c.name, key, event.id, { match, window: found.window.map((e) => e.id) });
        return { correlation: c, ...match, sent };
    }
    return {
        referenced: new Set(byRule.keys()),
        suppressed: (rule) => byRule.has(rule) && !generated.has(rule),
        async observe(input) {
            const list = byRule.get(input.rule);
            if (!list)
                return [];
            const t = input.time ?? eventTimeOf(input.record) ?? input.arrival;
            latest = Math.max(latest ?? t, t);
            const out = [];
            for (const c of list) {
                const m = await observeOne(c, input, t);
                if (m)
                    out.push(m);
            }
            return out;
        },
        get latest() {
            return latest;
        },
        async due(now) {
            if (!correlations.some((c) => c.type === 'absence'))
                return [];
            const out = [];
            for (const w of await state.dueWaits(now, MAX_DUE_PER_CALL)) {
                const c = byName.get(w.correlation);
                const { start, due, group, source } = w.value;
                if (!c || start === undefined || due === undefined || !source)
                    continue;
                // The write on the version read is the claim: one caller fires the wait (or resends).
                if (!(await state.setAbsence(c.name, w.group, { ...w.value, fired: now }, w.version)))
                    continue;
                out.push({
                    correlation: c,
                    group: group ?? {},
                    count: 0,
                    rules: [source.rule],
                    first: start,
                    last: start,
                    events: 1,
                    absence: { due, source },
                    sent: async () => {
                        const read = await state.absence(c.name, w.group);
                        const v = read.value;
                        if (v.fired !== undefined && v.start === start && !v.sent)
                            await state.setAbsence(c.name, w.group, { ...v, sent: true }, read.version);
                    },
                });
            }
            return out;
        },
    };
}
/**
 * The first window (of length `span`, starting at an event) that holds time `t` and
 * satisfies the condition: its events and count. `events` sorted by time.
 */
function findWindow(c, events, t, span) {
    if (c.type === 'temporal_ordered')
        return orderedWindow(c.rules, events, t, span);
    // Two pointers: [i, j) is the window starting at events[i]; `seen` counts its keys.
    const keyOf = (e) => c.type === 'value_count' ? e.v : c.type === 'temporal' ? e.rule : e.id;
    const seen = new Map();
    let j = 0;
    for (let i = 0; i < events.length; i++) {
        const start = events[i].t;
        if (start > t)
            break;
        while (j < events.length && events[j].t <= start + span) {
            const k = keyOf(events[j]);
            seen.set(k, (seen.get(k) ?? 0) + 1);
            j++;
        }
        if (start >= t - span && conditionHolds(c.condition, seen.size))
            return { window: events.slice(i, j), count: seen.size };
        const k = keyOf(events[i]);
        const n = seen.get(k) - 1;
        if (n === 0)
            seen.delete(k);
        else
            seen.set(k, n);
    }
    return undefined;
}
/** temporal_ordered: events of rules[0], rules[1], ... in that order of time, all within `span`, holding `t`. */
function orderedWindow(rules, events, t, span) {
    for (let i = 0; i < events.length; i++) {
        const first = events[i];
        if (first.rule !== rules[0] || first.t < t - span)
            continue;
        if (first.t > t)
            break;
        const chain = [first];
        let k = i + 1;
        for (let r = 1; r < rules.length; r++) {
            while (k < events.length && events[k].rule !== rules[r])
                k++;
            if (k >= events.length || events[k].t > first.t + span)
                break;
            chain.push(events[k]);
            k++;
        }
        if (chain.length === rules.length && chain[chain.length - 1].t >= t)
            return { window: chain, count: rules.length };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/processors/sigma/window-table.ts
/**
 * The window state of correlation rules in the stream (correlate.ts's WindowState): the
 * cluster's correlation table (modules/stream_alert/correlation.tf), one partition per
 * correlation and group, one item per counted event; for absence correlations, one item per
 * group (sort key ABSENCE_EVENT) holding its wait as JSON, written whole on condition of its
 * Version, and listed in the sparse global index Due (Waits, Due = nextLook) while the tick
 * must look at it.
 *
 * - Exactly-once: the event's item is put on condition that its key is not there, so a
 *   retried Kinesis batch (or the same record twice) counts once; the retry reads the item
 *   back instead (a Query on its key: the grant has no GetItem) and correlate.ts judges it.
 * - Live events: the attribute `Live` (the event time) is on an item until an alert uses
 *   it; the sparse local index Live therefore holds only the events a window may still
 *   count, and the Query of a group reads those, from the new event's time minus the
 *   timespan, newest first, paginated, at most MAX_EVENTS_PER_GROUP. A burst past the
 *   threshold never reads back what it already alerted on.
 * - An alert whose publish fails after its events were marked used: the event that
 *   completed the window carries `Fired` (the match and the window's ids), written BEFORE
 *   the others are marked used, and `Sent` only once the processor has delivered the alert.
 *   A retry of that event finds Fired without Sent and sends the same alert again (same
 *   alert id: the alert is a hash of its content), finishing the used-marking on the way.
 *   The price: an alert delivered whose Sent mark then fails is sent twice on a retry.
 * - TTL: ExpiresAt is the event time (or its arrival, when later: a replay of old records
 *   must still be recognised when retried) plus the timespan plus a day.
 * - Every call goes through withThrottleRetries (as the merge table's); what still fails
 *   throws, and the processor retries the record.
 */



/** Kept past the window so a late retry is still recognised; then TTL removes the item. */
const WINDOW_TTL_MARGIN_MS = 24 * 3600_000;
/** The local index of live events (correlation.tf). */
const LIVE_INDEX = 'Live';
/** A fired window's record beyond this is kept without its ids (DynamoDB items stop at 400 KB). */
const MAX_FIRED_BYTES = 300_000;
/** The sort key of a group's absence item (event ids are base64url: never this). */
const ABSENCE_EVENT = '~absence';
/** The global index of absence waits by the time to look at them (correlation.tf). */
const DUE_INDEX = 'Due';
/** The index's one partition: every wait is listed under it, by Due. */
const WAITS = 'waits';
/** An absence item's starting record beyond this is kept without it (items stop at 400 KB). */
const MAX_SOURCE_BYTES = 200_000;
/** Used-marks in flight at once. */
const window_table_CONCURRENCY = 10;
/** The partition of a correlation's group: hashed, so any group value fits the key. */
function groupKey(correlation, group) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${correlation}\n${group}`).digest('base64url');
}
const isConditionFailed = (err) => err?.name === 'ConditionalCheckFailedException';
function eventOf(item) {
    const id = item.Event?.S;
    const rule = item.Rule?.S;
    const t = Number(item.Live?.N);
    if (id === undefined || rule === undefined || !Number.isFinite(t))
        return undefined;
    return { id, rule, t, ...(item.V?.S !== undefined ? { v: item.V.S } : {}) };
}
function absenceOf(item) {
    let value;
    try {
        value = JSON.parse(item.State?.S ?? '{}');
    }
    catch {
        value = {};
    }
    return { value, version: Number(item.Version?.N ?? 0) || 0 };
}
/** The group as stored: the starting record dropped (noted) when it would not fit an item. */
function absenceText(value, logger, correlation) {
    const text = JSON.stringify(value);
    if (text.length <= MAX_SOURCE_BYTES || !value.source)
        return text;
    logger.warn('absence wait: its starting record is too large to keep; the alert omits it', {
        correlation,
        bytes: text.length,
    });
    const without = JSON.stringify({
        ...value,
        source: { ...value.source, record: { omitted: `record of ${text.length} bytes` } },
    });
    if (without.length <= MAX_SOURCE_BYTES)
        return without;
    // The group's values themselves are that large: the alert names them by their size.
    return JSON.stringify({
        ...JSON.parse(without),
        group: { omitted: `group values of ${JSON.stringify(value.group).length} bytes` },
    });
}
function seenOf(item) {
    // Gone (TTL) between the put and the read: as good as used.
    if (!item)
        return { used: true };
    let fired;
    if (item.Fired?.S) {
        try {
            fired = JSON.parse(item.Fired.S);
        }
        catch {
            fired = undefined;
        }
    }
    return {
        used: item.Live === undefined,
        ...(fired ? { fired } : {}),
        ...(item.Sent?.BOOL ? { sent: true } : {}),
    };
}
function dynamoWindowState(source, table, options) {
    const connect = lazyDynamo(source);
    const policy = options.policy ?? DEFAULT_THROTTLE_POLICY;
    const now = options.now ?? Date.now;
    const counts = { throttles: 0 };
    const call = (what, fn) => withThrottleRetries(policy, counts, options.logger, what, fn);
    const names = { '#l': 'Live', '#f': 'Fired', '#s': 'Sent' };
    /** Updates an event's item if it is still there (an update would otherwise create it). */
    async function updateEvent(group, id, expression, values) {
        const { client, sdk } = await connect();
        await call('updating a correlation event', async () => {
            try {
                await client.send(new sdk.UpdateItemCommand({
                    TableName: table,
                    Key: { Group: { S: group }, Event: { S: id } },
                    UpdateExpression: expression,
                    ConditionExpression: 'attribute_exists(#e)',
                    ExpressionAttributeNames: { '#e': 'Event', ...namesIn(expression) },
                    ...(values ? { ExpressionAttributeValues: values } : {}),
                }));
            }
            catch (err) {
                if (!isConditionFailed(err))
                    throw err;
            }
        });
    }
    /** The group's live events from `from` (ms), newest first, up to MAX_EVENTS_PER_GROUP. */
    async function liveEvents(group, from) {
        const { client, sdk } = await connect();
        const out = [];
        let start;
        do {
            const page = await call('reading a correlation group', () => client.send(new sdk.QueryCommand({
                TableName: table,
                IndexName: LIVE_INDEX,
                KeyConditionExpression: '#g = :g AND #l >= :from',
                ExpressionAttributeNames: { '#g': 'Group', '#l': 'Live' },
                ExpressionAttributeValues: { ':g': { S: group }, ':from': { N: String(from) } },
                ScanIndexForward: false,
                // The put just before must be seen.
                ConsistentRead: true,
                Limit: MAX_EVENTS_PER_GROUP - out.length,
                ...(start ? { ExclusiveStartKey: start } : {}),
            })));
            for (const item of page.Items ?? []) {
                const e = eventOf(item);
                if (e)
                    out.push(e);
            }
            start = page.LastEvaluatedKey;
        } while (start && out.length < MAX_EVENTS_PER_GROUP);
        return out.reverse();
    }
    async function readEvent(group, id) {
        const { client, sdk } = await connect();
        const page = await call('reading a correlation event', () => client.send(new sdk.QueryCommand({
            TableName: table,
            KeyConditionExpression: '#g = :g AND #e = :e',
            ExpressionAttributeNames: { '#g': 'Group', '#e': 'Event' },
            ExpressionAttributeValues: { ':g': { S: group }, ':e': { S: id } },
            ConsistentRead: true,
        })));
        return page.Items?.[0];
    }
    return {
        async add(correlation, groupText, event, span) {
            const group = groupKey(correlation, groupText);
            const { client, sdk } = await connect();
            const expires = Math.ceil((Math.max(event.t, now()) + span + WINDOW_TTL_MARGIN_MS) / 1000);
            const added = await call('counting a correlation event', async () => {
                try {
                    await client.send(new sdk.PutItemCommand({
                        TableName: table,
                        Item: {
                            Group: { S: group },
                            Event: { S: event.id },
                            Rule: { S: event.rule },
                            Live: { N: String(event.t) },
                            ...(event.v !== undefined ? { V: { S: event.v } } : {}),
                            ExpiresAt: { N: String(expires) },
                        },
                        ConditionExpression: 'attribute_not_exists(#e)',
                        ExpressionAttributeNames: { '#e': 'Event' },
                    }));
                    return true;
                }
                catch (err) {
                    if (isConditionFailed(err))
                        return false;
                    throw err;
                }
            });
            if (added)
                return { events: await liveEvents(group, event.t - span) };
            const item = await readEvent(group, event.id);
            const seen = seenOf(item);
            const t = item ? Number(item.Live?.N ?? event.t) : event.t;
            return { events: seen.used ? [] : await liveEvents(group, t - span), seen };
        },
        async fire(correlation, groupText, trigger, fired) {
            const group = groupKey(correlation, groupText);
            let text = JSON.stringify(fired);
            if (text.length > MAX_FIRED_BYTES) {
                // Still re-sent on a retry; only the used-marking is not finished then.
                text = JSON.stringify({ match: fired.match, window: [trigger] });
                options.logger.warn('correlation window too large to keep its event ids', {
                    correlation,
                    events: fired.window.length,
                });
            }
            // The trigger first: once it says Fired, a retry sends the alert whatever happens next.
            // (temporal_ordered may complete a window with an earlier chain: then the trigger stays live.)
            const used = fired.window.includes(trigger);
            await updateEvent(group, trigger, used ? 'SET #f = :f REMOVE #l' : 'SET #f = :f', {
                ':f': { S: text },
            });
            const rest = fired.window.filter((id) => id !== trigger);
            for (let i = 0; i < rest.length; i += window_table_CONCURRENCY)
                await Promise.all(rest.slice(i, i + window_table_CONCURRENCY).map((id) => updateEvent(group, id, 'REMOVE #l')));
        },
        async drop(correlation, groupText, ids) {
            const group = groupKey(correlation, groupText);
            for (const id of ids)
                await updateEvent(group, id, 'REMOVE #l');
        },
        async sent(correlation, groupText, trigger) {
            await updateEvent(groupKey(correlation, groupText), trigger, 'SET #s = :s', {
                ':s': { BOOL: true },
            });
        },
        async absence(correlation, groupText) {
            const item = await readEvent(groupKey(correlation, groupText), ABSENCE_EVENT);
            return item ? absenceOf(item) : { value: {}, version: 0 };
        },
        async setAbsence(correlation, groupText, value, version) {
            const { client, sdk } = await connect();
            const look = nextLook(value);
            const last = Math.max(value.due ?? 0, value.latest ?? 0, now());
            const item = {
                Group: { S: groupKey(correlation, groupText) },
                Event: { S: ABSENCE_EVENT },
                Correlation: { S: correlation },
                GroupText: { S: groupText },
                Version: { N: String(version + 1) },
                State: { S: absenceText(value, options.logger, correlation) },
                // Kept a day past the deadline (or the newest event): then the group starts afresh.
                ExpiresAt: { N: String(Math.ceil((last + WINDOW_TTL_MARGIN_MS) / 1000)) },
                ...(look !== undefined ? { Waits: { S: WAITS }, Due: { N: String(look) } } : {}),
            };
            return call('writing an absence wait', async () => {
                try {
                    await client.send(new sdk.PutItemCommand({
                        TableName: table,
                        Item: item,
                        ...(version === 0
                            ? {
                                ConditionExpression: 'attribute_not_exists(#e)',
                                ExpressionAttributeNames: { '#e': 'Event' },
                            }
                            : {
                                ConditionExpression: '#v = :v',
                                ExpressionAttributeNames: { '#v': 'Version' },
                                ExpressionAttributeValues: { ':v': { N: String(version) } },
                            }),
                    }));
                    return true;
                }
                catch (err) {
                    if (isConditionFailed(err))
                        return false;
                    throw err;
                }
            });
        },
        async dueWaits(at, limit) {
            const { client, sdk } = await connect();
            const out = [];
            let start;
            do {
                const page = await call('reading due absence waits', () => client.send(new sdk.QueryCommand({
                    TableName: table,
                    IndexName: DUE_INDEX,
                    KeyConditionExpression: '#w = :w AND #d < :now',
                    ExpressionAttributeNames: { '#w': 'Waits', '#d': 'Due' },
                    ExpressionAttributeValues: { ':w': { S: WAITS }, ':now': { N: String(at) } },
                    Limit: limit - out.length,
                    ...(start ? { ExclusiveStartKey: start } : {}),
                })));
                for (const item of page.Items ?? []) {
                    const a = absenceOf(item);
                    const correlation = item.Correlation?.S;
                    const group = item.GroupText?.S;
                    if (correlation !== undefined && group !== undefined && a.version > 0)
                        out.push({ correlation, group, ...a });
                }
                start = page.LastEvaluatedKey;
            } while (start && out.length < limit);
            return out;
        },
    };
    /** The #names an expression uses, from the table's attribute names. */
    function namesIn(expression) {
        return Object.fromEntries(Object.entries(names).filter(([k]) => expression.includes(k)));
    }
}

;// CONCATENATED MODULE: ./src/processors/rule-processor/lambda.ts
/**
 * Lambda entry of the rule processor (handler `index.handler`). Configuration and rules
 * come from the detection bundle the environment names (DETECTION_BUNDLE_BUCKET/_KEY: the
 * object the global root publishes), loaded at the first invocation and checked for a new
 * version at most every DETECTION_CHECK_INTERVAL_SECONDS (../detection/source.ts). Without
 * that environment they are read once from conf/ and rules/ beside the code (a zip built
 * before the bundle existed, local runs).
 */































// Before the first batch allocates: a 128 MB function's young generation otherwise grows
// to a tenth of its memory (see young-generation.ts).
keepYoungGenerationSmall(process.env);
const logger = createLogger({
    level: levelFrom(process.env.LOGGER_LEVEL),
    metrics: process.env.ENABLE_METRICS === 'true',
    // Set by modules/stream_alert unless the cluster switched source health off.
    sourceHealth: process.env.SOURCE_HEALTH === 'true',
});
// The AWS SDK clients are loaded and made when an invocation first needs them: a Kinesis
// invocation never loads S3, one without alerts or poison records loads nothing (cold start).
function s3Objects() {
    const clients = new Map();
    return s3ObjectSource((region) => {
        const key = region ?? '';
        let client = clients.get(key);
        if (!client) {
            client = Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23)).then(({ S3Client }) => new S3Client({ ...(region ? { region } : {}), ...s3ClientOptions() }));
            clients.set(key, client);
        }
        return client;
    });
}
const snsClient = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 332, 23)).then(({ SNSClient }) => new SNSClient({}));
/**
 * Alerts go out by PublishBatch without the SNS SDK where the environment holds what that
 * needs, as Lambda's does (sns-direct.ts: the SDK's load was 40% of a cold start's time to
 * its first alert); otherwise by the SDK client, made at the first alert.
 */
const alertsSns = () => {
    const target = directSnsTarget(process.env);
    return target ? createDirectSns(target) : snsClient;
};
const sqsClient = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 15, 23)).then(({ SQSClient }) => new SQSClient({}));
// Only a batch with a match of a merging rule loads the DynamoDB SDK.
const dynamoClient = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 414, 23)).then(({ DynamoDBClient }) => new DynamoDBClient({}));
/** The rules with merge_window_mins and how each merges (name → settings). */
function mergingRules(rules) {
    const merging = new Map();
    for (const r of rules) {
        const settings = mergeSettingsOf(r);
        if (settings)
            merging.set(r.name, settings);
    }
    return merging;
}
/**
 * The lookup tables of the zip's conf/lookup_tables.json (none when absent or not enabled)
 * and the threat-intel feeds' indicator tables: one store, refreshed alike.
 */
function lookupStore(doc, feeds, options) {
    // Tables without max_size_mb share what the function's memory leaves (validate checked it).
    // The feeds' tables (each with its bound) are counted in the shares too.
    const memory = Number(process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE) || 128;
    const configured = toLookupTables(doc);
    const { tables } = withSizeBounds({ enabled: true, tables: [...(configured.enabled ? configured.tables : []), ...feeds] }, memory);
    if (tables.length === 0)
        return undefined;
    const s3 = new Map();
    return createLookupStore({
        tables,
        logger,
        ...(options.now ? { now: options.now } : {}),
        load: awsTableLoader({
            s3: () => {
                let client = s3.get('');
                if (!client) {
                    client = Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23)).then(({ S3Client }) => 
                    // A table's bucket may be in another region than the function.
                    new S3Client({ followRegionRedirects: true, ...s3ClientOptions() }));
                    s3.set('', client);
                }
                return client;
            },
            dynamodb: dynamoClient,
        }),
    });
}
/**
 * The lookup store for a conf/lookup_tables.json and the threat-intel feeds: the one made for
 * the previous version when both are the same, so a new bundle that changes only rules keeps
 * the tables in memory (and their refresh schedule) instead of loading every one from S3 again.
 */
function lookupStores(options) {
    let last;
    return (doc, feeds) => {
        const key = JSON.stringify([doc ?? null, feeds]);
        if (last?.key !== key)
            last = { key, store: lookupStore(doc, feeds, options) };
        return last.store;
    };
}
/**
 * What the processor runs from the environment's detection bundle, made by `load` from the
 * bundle's unpacked folder; undefined when the environment names no bundle.
 */
function detectionFromEnv(load) {
    const at = bundleLocationFromEnv(process.env);
    if (!at)
        return undefined;
    const client = () => Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 336, 23)).then(({ S3Client }) => new S3Client({ ...(at.region ? { region: at.region } : {}), ...s3ClientOptions() }));
    // The version running now: kept on /tmp beside a new one that loads, older ones removed.
    let running;
    return createDetectionSource({
        store: s3BundleStore(client, at),
        load: async (bundle) => {
            const value = await load(await unpackBundle(bundle), bundle.version);
            // Loaded: the source swaps it in now.
            const keep = new Set([bundle.version, ...(running ? [running] : [])]);
            const { failed } = await pruneBundles(keep);
            if (failed.length > 0)
                logger.warn('old detection bundle versions could not be removed from /tmp', {
                    versions: failed,
                });
            running = bundle.version;
            return value;
        },
        logger,
        intervalMs: checkIntervalMs(process.env),
        maxBytes: bundleMaxBytesFromEnv(process.env),
    });
}
async function init(dir, options, lookupsFor, detectionVersion) {
    const read = async (name) => JSON.parse(await (0,promises_namespaceObject.readFile)(external_node_path_default().join(dir, 'conf', name), 'utf8'));
    // types.json is optional: the build copies it only when the repository has one.
    const readOptional = (name) => read(name).catch((err) => err.code === 'ENOENT' ? undefined : Promise.reject(err));
    // outputs.json: rules' dynamic outputs are checked against it (an older zip has none).
    // generation.json: the StreamAlert generation to classify as (an older zip has none: 1.6-2.x).
    // lookup_tables.json: only when it enables a table (the build leaves it out otherwise).
    // threat_intel.json: only when it enables matching (the build leaves it out otherwise).
    const [logs, sources, types, outputs, stated, lookupTables, threatIntelDoc] = await Promise.all([
        read('logs.json'),
        read('sources.json'),
        readOptional('types.json'),
        readOptional('outputs.json'),
        readOptional(external_node_path_default().basename(GENERATION_FILE)),
        readOptional('lookup_tables.json'),
        readOptional('threat_intel.json'),
    ]);
    const threatIntel = toThreatIntel(threatIntelDoc);
    const generation = generationIn(stated);
    const rules = (await importRules(external_node_path_default().join(dir, 'rules'))).map((l) => l.rule);
    // Correlation rules keep their windows in the correlation table (the stream_alert module
    // sets CORRELATION_TABLE). Without it they cannot run: said at every cold start, never silent.
    const correlations = (await importCorrelations(external_node_path_default().join(dir, 'rules'))).map((c) => c.correlation);
    const correlationTable = process.env.CORRELATION_TABLE;
    let correlator;
    if (correlations.length > 0 && !correlationTable)
        logger.error('CORRELATION_TABLE is not set: Sigma correlation rules are not run; their referenced rules alert on their own', { correlations: correlations.map((c) => c.name) });
    else if (correlations.length > 0)
        correlator = createCorrelator(correlations, dynamoWindowState(dynamoClient, correlationTable, {
            logger,
            ...(options.now ? { now: options.now } : {}),
        }));
    const topic = process.env.ALERTS_TOPIC_ARN;
    if (!topic)
        throw new Error('ALERTS_TOPIC_ARN is not set');
    // Poison records go to the cluster's dead-letter queue (the stream_alert module sets it).
    const deadLetterQueue = process.env.DEAD_LETTER_QUEUE_URL;
    if (!deadLetterQueue)
        logger.warn('DEAD_LETTER_QUEUE_URL is not set: poison records are only logged');
    // Rules with merge_window_mins write their matches to the merge table (the stream_alert
    // module sets MERGE_TABLE); the merger Lambda (handler index.merge) sends them.
    const merging = mergingRules(rules);
    const mergeTable = process.env.MERGE_TABLE;
    if (merging.size > 0 && !mergeTable)
        logger.warn('MERGE_TABLE is not set: alerts of merging rules are sent one by one', {
            rules: [...merging.keys()],
        });
    const limits = limitsFromEnv(process.env);
    logger.debug('loaded', { rules: rules.map((r) => r.name), limits });
    const lookups = lookupsFor(lookupTables, threatIntel.enabled ? threatIntel.feeds : []);
    const processor = createRuleProcessor({
        classifier: createClassifier({ logs: toLogs(logs), sources: toSources(sources), generation }, limits),
        engine: createRulesEngine(rules, logger, toTypes(types), outputs === undefined ? undefined : outputKeys(outputs), detectionVersion, threatIntel.enabled && lookups ? createThreatIntelMatcher(threatIntel, lookups) : undefined),
        publisher: createSnsPublisher(alertsSns(), topic, logger),
        objects: s3Objects(),
        logger,
        limits,
        ...(merging.size > 0 && mergeTable
            ? {
                merging: {
                    settings: merging,
                    // A match the table never takes is dead-lettered, not left to close its window short.
                    writer: createMergeWriter(dynamoClient, mergeTable, logger, undefined, undefined, deadLetterQueue
                        ? createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger)
                        : undefined),
                },
            }
            : {}),
        ...(deadLetterQueue
            ? { deadLetters: createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger) }
            : {}),
        ...(correlator ? { correlator } : {}),
        ...(options.now ? { now: options.now } : {}),
    });
    return { processor, ...(lookups ? { lookups } : {}) };
}
/**
 * The rule processor's handler. The processor (rules, conf, lookup tables) is the detection
 * bundle's current version, or the zip's own conf/ and rules/ without one. With lookup
 * tables: a table that never loaded is loaded first (failing the invocation, so its records
 * are retried, when it cannot be); the reloads that are due run while the records are
 * processed against the loaded versions.
 */
function createHandler(options = {}) {
    let ready;
    let detection;
    const lookupsFor = lookupStores(options);
    const current = async () => {
        if (detection === undefined)
            detection =
                detectionFromEnv((dir, version) => init(dir, options, lookupsFor, version)) ?? null;
        if (detection)
            return (await detection.current()).value;
        ready ??= init(packageDir(), options, lookupsFor).catch((err) => {
            ready = undefined; // let the next invocation try again
            throw err;
        });
        return ready;
    };
    return async (event) => {
        const { processor, lookups } = await current();
        // The minute's tick (correlation.tf): absence correlations whose deadline passed.
        if (isCorrelationTick(event)) {
            await processor.tick((options.now ?? Date.now)());
            return { batchItemFailures: [] };
        }
        // Rules read the tables through the rules API's lookup(): those of the version this
        // invocation runs (none installed: every lookup misses).
        installLookups(lookups);
        if (!lookups)
            return processor.handle(event);
        await lookups.ready();
        const refresh = lookups.refreshDue();
        try {
            return await processor.handle(event);
        }
        finally {
            // Never rejects: a failed reload keeps the last good version.
            await refresh;
        }
    };
}
const handler = createHandler();
/** The event EventBridge sends every minute (correlation.tf's target input). */
const CORRELATION_TICK = { streamalert: 'correlation-tick' };
function isCorrelationTick(event) {
    return (typeof event === 'object' &&
        event !== null &&
        event.streamalert === CORRELATION_TICK.streamalert);
}
/**
 * The alert merger's entry (handler `index.merge`, run every minute by EventBridge): it
 * ships in the rule processor's zip so the module deploys it without another bundle. Windows
 * are cut with the merge settings of the deployed rules (the detection bundle's), never with
 * what an item in the table says; it stops before the Lambda's time runs out.
 */
let merging;
let mergingDetection;
const mergingIn = async (dir) => mergingRules((await importRules(external_node_path_default().join(dir, 'rules'))).map((l) => l.rule));
async function mergeSettings() {
    if (mergingDetection === undefined)
        mergingDetection = detectionFromEnv(mergingIn) ?? null;
    if (mergingDetection)
        return (await mergingDetection.current()).value;
    merging ??= mergingIn(packageDir()).catch((err) => {
        merging = undefined;
        throw err;
    });
    return merging;
}
async function merge(_event, context) {
    const table = process.env.MERGE_TABLE;
    const topic = process.env.ALERTS_TOPIC_ARN;
    if (!table || !topic)
        throw new Error('MERGE_TABLE and ALERTS_TOPIC_ARN must be set');
    const deadLetterQueue = process.env.DEAD_LETTER_QUEUE_URL;
    if (!deadLetterQueue)
        logger.warn('DEAD_LETTER_QUEUE_URL is not set: poison merge items are only logged');
    const report = await createAlertMerger({
        dynamo: dynamoClient,
        table,
        publisher: createSnsPublisher(alertsSns(), topic, logger),
        logger,
        rules: await mergeSettings(),
        ...(deadLetterQueue
            ? { deadLetters: createSqsDeadLetterSink(sqsClient, deadLetterQueue, logger) }
            : {}),
    }).run(context);
    // Failing the run makes the failure visible (Errors metric); the next run retries anyway.
    if (report.retryLater > 0)
        throw new Error(`${report.retryLater} merge window(s) left for the next run`);
    return {
        sent: report.sent.length,
        retry_later: report.retryLater,
        left_for_next_run: report.leftForNextRun,
    };
}


/***/ }),

/***/ 414:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-dynamodb");

/***/ }),

/***/ 336:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-s3");

/***/ }),

/***/ 332:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-sns");

/***/ }),

/***/ 15:
/***/ ((module) => {

"use strict";
module.exports = require("@aws-sdk/client-sqs");

/***/ }),

/***/ 982:
/***/ ((module) => {

"use strict";
module.exports = require("crypto");

/***/ }),

/***/ 67:
/***/ ((module) => {

"use strict";
module.exports = require("node:http");

/***/ }),

/***/ 708:
/***/ ((module) => {

"use strict";
module.exports = require("node:https");

/***/ }),

/***/ 480:
/***/ ((module) => {

"use strict";
module.exports = require("querystring");

/***/ }),

/***/ 16:
/***/ ((module) => {

"use strict";
module.exports = require("url");

/***/ }),

/***/ 891:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* global module, require */
// A CommonJS entry makes ncc emit a CommonJS bundle: Lambda finds the runtime's own
// @aws-sdk through NODE_PATH, which only require() honours (ES module imports do not).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
module.exports = __nccwpck_require__(265);


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
/******/ 	var __webpack_exports__ = __nccwpck_require__(891);
/******/ 	module.exports = __webpack_exports__;
/******/ 	
/******/ })()
;