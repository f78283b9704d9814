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
/* harmony export */   $I: () => (/* binding */ lookup),
/* harmony export */   A1: () => (/* binding */ fetchValuesByDatatype),
/* harmony export */   EU: () => (/* binding */ startsWithAny),
/* harmony export */   G2: () => (/* binding */ inNetwork),
/* harmony export */   Hu: () => (/* binding */ rule),
/* harmony export */   IW: () => (/* binding */ inSet),
/* harmony export */   NJ: () => (/* binding */ lastHour),
/* harmony export */   NZ: () => (/* binding */ dataHasValueWithSubstring),
/* harmony export */   Nd: () => (/* binding */ isRule),
/* harmony export */   S4: () => (/* binding */ PyError),
/* harmony export */   TT: () => (/* binding */ normalizedTypes),
/* harmony export */   U$: () => (/* binding */ dataHasValueFromList),
/* harmony export */   V$: () => (/* binding */ endsWithAny),
/* harmony export */   Z5: () => (/* binding */ safeJsonLoads),
/* harmony export */   Zj: () => (/* binding */ dataHasValueFromSubstringList),
/* harmony export */   _I: () => (/* binding */ matchesAny),
/* harmony export */   eY: () => (/* binding */ dataHasValue),
/* harmony export */   gd: () => (/* binding */ validIp),
/* harmony export */   i3: () => (/* binding */ fnmatch),
/* harmony export */   jI: () => (/* binding */ dynamicOutput),
/* harmony export */   jN: () => (/* binding */ matcher),
/* harmony export */   kc: () => (/* binding */ containsAny),
/* harmony export */   o: () => (/* binding */ getFirstKey),
/* harmony export */   oC: () => (/* binding */ SEVERITIES),
/* harmony export */   py: () => (/* binding */ py),
/* harmony export */   xD: () => (/* binding */ getKeys),
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
/** Sigma's levels, least to most serious. */
const SEVERITIES = ['informational', 'low', 'medium', 'high', 'critical'];
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

var __webpack_exports__PyError = __webpack_exports__.S4;
var __webpack_exports__RULE_TAG = __webpack_exports__.yQ;
var __webpack_exports__SEVERITIES = __webpack_exports__.oC;
var __webpack_exports__containsAny = __webpack_exports__.kc;
var __webpack_exports__dataHasValue = __webpack_exports__.eY;
var __webpack_exports__dataHasValueFromList = __webpack_exports__.U$;
var __webpack_exports__dataHasValueFromSubstringList = __webpack_exports__.Zj;
var __webpack_exports__dataHasValueWithSubstring = __webpack_exports__.NZ;
var __webpack_exports__dynamicOutput = __webpack_exports__.jI;
var __webpack_exports__endsWithAny = __webpack_exports__.V$;
var __webpack_exports__fetchValuesByDatatype = __webpack_exports__.A1;
var __webpack_exports__fnmatch = __webpack_exports__.i3;
var __webpack_exports__getFirstKey = __webpack_exports__.o;
var __webpack_exports__getKeys = __webpack_exports__.xD;
var __webpack_exports__inNetwork = __webpack_exports__.G2;
var __webpack_exports__inSet = __webpack_exports__.IW;
var __webpack_exports__isRule = __webpack_exports__.Nd;
var __webpack_exports__lastHour = __webpack_exports__.NJ;
var __webpack_exports__lookup = __webpack_exports__.$I;
var __webpack_exports__matcher = __webpack_exports__.jN;
var __webpack_exports__matchesAny = __webpack_exports__._I;
var __webpack_exports__normalizedTypes = __webpack_exports__.TT;
var __webpack_exports__py = __webpack_exports__.py;
var __webpack_exports__rule = __webpack_exports__.Hu;
var __webpack_exports__safeJsonLoads = __webpack_exports__.Z5;
var __webpack_exports__startsWithAny = __webpack_exports__.EU;
var __webpack_exports__validIp = __webpack_exports__.gd;
export { __webpack_exports__PyError as PyError, __webpack_exports__RULE_TAG as RULE_TAG, __webpack_exports__SEVERITIES as SEVERITIES, __webpack_exports__containsAny as containsAny, __webpack_exports__dataHasValue as dataHasValue, __webpack_exports__dataHasValueFromList as dataHasValueFromList, __webpack_exports__dataHasValueFromSubstringList as dataHasValueFromSubstringList, __webpack_exports__dataHasValueWithSubstring as dataHasValueWithSubstring, __webpack_exports__dynamicOutput as dynamicOutput, __webpack_exports__endsWithAny as endsWithAny, __webpack_exports__fetchValuesByDatatype as fetchValuesByDatatype, __webpack_exports__fnmatch as fnmatch, __webpack_exports__getFirstKey as getFirstKey, __webpack_exports__getKeys as getKeys, __webpack_exports__inNetwork as inNetwork, __webpack_exports__inSet as inSet, __webpack_exports__isRule as isRule, __webpack_exports__lastHour as lastHour, __webpack_exports__lookup as lookup, __webpack_exports__matcher as matcher, __webpack_exports__matchesAny as matchesAny, __webpack_exports__normalizedTypes as normalizedTypes, __webpack_exports__py as py, __webpack_exports__rule as rule, __webpack_exports__safeJsonLoads as safeJsonLoads, __webpack_exports__startsWithAny as startsWithAny, __webpack_exports__validIp as validIp };
