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
/* harmony export */   jI: () => (/* binding */ dynamicOutput),
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

var __webpack_exports__RULE_TAG = __webpack_exports__.yQ;
var __webpack_exports__dynamicOutput = __webpack_exports__.jI;
var __webpack_exports__fetchValuesByDatatype = __webpack_exports__.A1;
var __webpack_exports__inNetwork = __webpack_exports__.G2;
var __webpack_exports__inSet = __webpack_exports__.IW;
var __webpack_exports__isRule = __webpack_exports__.Nd;
var __webpack_exports__lastHour = __webpack_exports__.NJ;
var __webpack_exports__matcher = __webpack_exports__.jN;
var __webpack_exports__normalizedTypes = __webpack_exports__.TT;
var __webpack_exports__rule = __webpack_exports__.Hu;
var __webpack_exports__validIp = __webpack_exports__.gd;
export { __webpack_exports__RULE_TAG as RULE_TAG, __webpack_exports__dynamicOutput as dynamicOutput, __webpack_exports__fetchValuesByDatatype as fetchValuesByDatatype, __webpack_exports__inNetwork as inNetwork, __webpack_exports__inSet as inSet, __webpack_exports__isRule as isRule, __webpack_exports__lastHour as lastHour, __webpack_exports__matcher as matcher, __webpack_exports__normalizedTypes as normalizedTypes, __webpack_exports__rule as rule, __webpack_exports__validIp as validIp };
