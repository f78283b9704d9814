/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ fetchValuesByDatatype),
/* harmony export */   G2: () => (/* binding */ inNetwork),
/* harmony export */   Hu: () => (/* binding */ rule),
/* harmony export */   IW: () => (/* binding */ inSet),
/* harmony export */   NJ: () => (/* binding */ lastHour),
/* harmony export */   Nd: () => (/* binding */ isRule),
/* harmony export */   TT: () => (/* binding */ normalizedTypes),
/* harmony export */   gd: () => (/* binding */ validIp),
/* harmony export */   jN: () => (/* binding */ matcher),
/* harmony export */   yQ: () => (/* binding */ RULE_TAG)
/* harmony export */ });
/**
 * What a rule author imports: `import { rule } from 'streamalert-action/rules'`.
 *
 * This module has no imports on purpose: the build copies it into each rule processor
 * zip as node_modules/streamalert-action/rules.mjs, and `test` next to the transpiled
 * rules, so the specifier resolves the same way in Lambda and locally. Rules are tagged
 * with a global symbol rather than by class identity, because the copy a rule file sees
 * is not the module instance the processor runs.
 */
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
    return typeof value === 'object' && value !== null && value[Symbol.for('streamalert-action.rule')] === true;
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
function globToRegExp(glob) {
    let re = '';
    for (const c of glob)
        re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`^${re}$`, 's');
}
/** True when `value` matches any of the shell-style patterns (`*`, `?`), as StreamAlert's in_set. */
function inSet(value, patterns) {
    if (typeof value !== 'string')
        return false;
    return patterns.some((p) => globToRegExp(p).test(value));
}
function ipv4ToInt(ip) {
    const parts = ip.split('.');
    if (parts.length !== 4)
        return undefined;
    let n = 0;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part) || Number(part) > 255)
            return undefined;
        n = n * 256 + Number(part);
    }
    return n;
}
/** True when `ip` is a valid IPv4 address. */
function validIp(ip) {
    return typeof ip === 'string' && ipv4ToInt(ip) !== undefined;
}
/** True when the IPv4 address `ip` lies in any of the CIDR blocks. */
function inNetwork(ip, cidrs) {
    if (typeof ip !== 'string')
        return false;
    const addr = ipv4ToInt(ip);
    if (addr === undefined)
        return false;
    return cidrs.some((cidr) => {
        const [base, bitsText] = cidr.split('/');
        const start = ipv4ToInt(base ?? '');
        const bits = bitsText === undefined ? 32 : Number(bitsText);
        if (start === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32)
            return false;
        const size = 2 ** (32 - bits);
        return Math.floor(addr / size) === Math.floor(start / size);
    });
}
/** True when a Unix time (seconds) lies within the last `hours` hours. */
function lastHour(unixSeconds, hours = 1, now = Date.now()) {
    const t = Number(unixSeconds);
    if (!Number.isFinite(t))
        return false;
    const nowSeconds = now / 1000;
    return t <= nowSeconds && t >= nowSeconds - hours * 3600;
}

var __webpack_exports__RULE_TAG = __webpack_exports__.yQ;
var __webpack_exports__fetchValuesByDatatype = __webpack_exports__.A1;
var __webpack_exports__inNetwork = __webpack_exports__.G2;
var __webpack_exports__inSet = __webpack_exports__.IW;
var __webpack_exports__isRule = __webpack_exports__.Nd;
var __webpack_exports__lastHour = __webpack_exports__.NJ;
var __webpack_exports__matcher = __webpack_exports__.jN;
var __webpack_exports__normalizedTypes = __webpack_exports__.TT;
var __webpack_exports__rule = __webpack_exports__.Hu;
var __webpack_exports__validIp = __webpack_exports__.gd;
export { __webpack_exports__RULE_TAG as RULE_TAG, __webpack_exports__fetchValuesByDatatype as fetchValuesByDatatype, __webpack_exports__inNetwork as inNetwork, __webpack_exports__inSet as inSet, __webpack_exports__isRule as isRule, __webpack_exports__lastHour as lastHour, __webpack_exports__matcher as matcher, __webpack_exports__normalizedTypes as normalizedTypes, __webpack_exports__rule as rule, __webpack_exports__validIp as validIp };
