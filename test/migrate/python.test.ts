/**
 * The Python subset migrate reads: the tokenizer and parser give Python's structure (or a
 * SyntaxError naming the line), and translated expressions keep Python's meaning where
 * JavaScript's differs (truthiness, `in`, `==` on maps, KeyError, `and`/`or` values).
 */
import { transform } from 'sucrase';
import { describe, expect, it } from 'vitest';
import { parseModule } from '../../src/migrate/parse.js';
import { tokenize, PySyntaxError } from '../../src/migrate/tokenize.js';
import { translateRuleFile, unwrap } from '../../src/migrate/translate.js';
import * as api from '../../src/rules-api/index.js';
import type { Rule } from '../../src/rules-api/index.js';
import { installLookups } from '../../src/processors/lookup-tables/provider.js';
import { pinnedLookups } from '../../src/processors/lookup-tables/pinned.js';

/** One Python rule file translated, compiled and run as a module with the rules API. */
function rulesOf(python: string, modules: Record<string, string> = {}): Record<string, Rule> {
  const t = translateRuleFile('rules/t.py', 'rules.t', python, (d) =>
    modules[d] ? { path: `${d}.py`, source: modules[d] } : undefined,
  );
  expect(t.error).toBeUndefined();
  const cjs = transform(t.code!, { transforms: ['typescript', 'imports'] }).code;
  const exports: Record<string, Rule> = {};
  new Function('require', 'exports', cjs)(() => api, exports);
  return exports;
}

const header = 'from streamalert.shared.rule import rule\n\n';

describe('the Python tokenizer and parser', () => {
  it('reads indentation, bracketed line joins, strings and comments as Python does', () => {
    const body = parseModule(
      "X = {'a',\n     'b'}  # set\nif X:\n    y = r'\\d' + '\\u00e9' 'z'\n    # comment\nelse:\n    pass\n",
    );
    expect(body.map((s) => s.t)).toEqual(['assign', 'if']);
    const tokens = tokenize("s = '''two\nlines'''\n").filter((t) => t.kind === 'string');
    expect(tokens[0]!.value).toBe('two\nlines');
  });

  it('reads Unicode names but never a line terminator as part of one', () => {
    expect(tokenize('café = 1\n')[0]!.value).toBe('café');
    expect(() => tokenize('a\u2028b = 1\n')).toThrow(/unexpected character/);
  });

  it('names the line of a syntax error', () => {
    expect(() => parseModule('x = 1\nif x\n    pass\n')).toThrow(/line 2: expected ":"/);
    expect(() => parseModule("s = 'never closed\n")).toThrow(PySyntaxError);
    expect(() => parseModule('def f(:\n  pass\n')).toThrow(/line 1/);
  });

  it('refuses nesting deep enough to exhaust the stack', () => {
    expect(() => parseModule(`x = ${'('.repeat(5000)}1${')'.repeat(5000)}\n`)).toThrow(
      /nested too deeply/,
    );
  });

  it('unwraps only parentheses around the whole expression', () => {
    expect(unwrap('(a && b)')).toBe('a && b');
    expect(unwrap('(a) && (b)')).toBe('(a) && (b)');
    expect(unwrap('(f(")") === 1)')).toBe('f(")") === 1');
  });
});

describe('translated rules keep Python semantics', () => {
  it('treats empty lists and maps as false, and `and`/`or` as values', () => {
    const { r } = rulesOf(
      `${header}@rule(logs=['l'])\ndef r(rec):\n    v = rec.get('items') or []\n    return not v\n`,
    );
    expect(r!.rule({ items: [] })).toBe(true);
    expect(r!.rule({ items: [1] })).toBe(false);
    expect(r!.rule({})).toBe(true);
  });

  it('reads `in` on strings, lists, sets and maps, and == on maps', () => {
    const { r } = rulesOf(
      `${header}S = {'a', 'b'}\n\n@rule(logs=['l'])\ndef r(rec):\n    return 'x' in rec['s'] and rec['k'] in S and 'key' in rec['m'] and rec['m'] == {'key': [1]} and rec['k'] not in ['c']\n`,
    );
    expect(r!.rule({ s: 'axb', k: 'a', m: { key: [1] } })).toBe(true);
    expect(r!.rule({ s: 'ab', k: 'a', m: { key: [1] } })).toBe(false);
    expect(r!.rule({ s: 'axb', k: 'a', m: { key: [2] } })).toBe(false);
  });

  it('raises KeyError on a missing key, which except KeyError catches and the rule engine counts as false', () => {
    const { r, s } = rulesOf(
      `${header}@rule(logs=['l'])\ndef r(rec):\n    try:\n        return rec['a']['b'] == 1\n    except KeyError:\n        return True\n\n@rule(logs=['l'])\ndef s(rec):\n    return rec['missing'] == 1\n`,
    );
    expect(r!.rule({ a: {} })).toBe(true);
    expect(r!.rule({ a: { b: 1 } })).toBe(true);
    expect(r!.rule({ a: { b: 2 } })).toBe(false);
    expect(() => s!.rule({})).toThrow(/KeyError/);
  });

  it('translates loops, comprehensions, elif chains and helpers of the file', () => {
    const { r } = rulesOf(
      `${header}def count(items, word='x'):\n    n = 0\n    for i in items:\n        if i == word:\n            n += 1\n    return n\n\n@rule(logs=['l'])\ndef r(rec):\n    names = [n.lower() for n in rec['names'] if n]\n    if count(names) > 1:\n        return True\n    elif any(n.startswith('adm') for n in names):\n        return True\n    else:\n        return len(set(names)) == 0\n`,
    );
    expect(r!.rule({ names: ['X', 'x'] })).toBe(true);
    expect(r!.rule({ names: ['Admin'] })).toBe(true);
    expect(r!.rule({ names: ['bob'] })).toBe(false);
    expect(r!.rule({ names: ['', ''] })).toBe(true);
  });

  it("reads StreamAlert 1.x/2.x's forms: StreamRules.rule, string matchers, Python 2 names", () => {
    const matchers = `from stream_alert.shared.rule import matcher\n\n@matcher\ndef prod(rec):\n    return rec['env'] == 'prod'\n`;
    const { r } = rulesOf(
      `from stream_alert.rule_processor.rules_engine import StreamRules\nrule = StreamRules.rule\n\n@rule(logs=['l'], matchers=['prod'])\ndef r(rec):\n    return isinstance(rec['u'], unicode) and any(v for k, v in rec['m'].iteritems())\n`,
      { 'matchers.matchers': matchers },
    );
    expect(r!.matchers!.map((m) => m({ env: 'prod' }))).toEqual([true]);
    expect(r!.matchers!.map((m) => m({ env: 'dev' }))).toEqual([false]);
    expect(r!.rule({ u: 'x', m: { a: 0, b: 1 } })).toBe(true);
    expect(r!.rule({ u: 'x', m: { a: 0 } })).toBe(false);
  });

  it('reads a matchers module imported as a name (`from rules.matchers import matchers`)', () => {
    const { r } = rulesOf(
      `from rules.matchers import matchers\n${header}@rule(logs=['l'], matchers=[matchers.guard])\ndef r(_):\n    return True\n`,
      {
        'rules.matchers': '',
        'rules.matchers.matchers': `def guard(rec):\n    return rec['t'] == 'g'\n`,
      },
    );
    expect(r!.matchers!.map((m) => m({ t: 'g' }))).toEqual([true]);
  });

  it("translates StreamAlert 3's LookupTables.get to lookup(), None when absent", () => {
    const { r } = rulesOf(
      `${header}from streamalert.shared.lookup_tables.core import LookupTables\n\n@rule(logs=['l'])\ndef r(rec):\n    owner = LookupTables.get('owners', rec['account'])\n    if owner is None:\n        return True\n    return LookupTables.get('allowed', rec['user'], False) is False\n`,
    );
    installLookups(pinnedLookups({ owners: { '1111': 'sec' }, allowed: { alice: true } }));
    try {
      expect(r!.rule({ account: '2222', user: 'alice' })).toBe(true);
      expect(r!.rule({ account: '1111', user: 'alice' })).toBe(false);
      expect(r!.rule({ account: '1111', user: 'mallory' })).toBe(true);
    } finally {
      installLookups(undefined);
    }
  });

  it("translates StreamAlert 3's ThreatIntel.IOC_KEY to the record key matches are written under", () => {
    const { r } = rulesOf(
      `${header}from streamalert.rules_engine.threat_intel import ThreatIntel\n\n@rule(logs=['l'])\ndef r(rec):\n    return ThreatIntel.IOC_KEY in rec and 'ip' in rec[ThreatIntel.IOC_KEY]\n`,
    );
    expect(r!.rule({ ipaddr: '1.2.3.4' })).toBe(false);
    expect(r!.rule({ ipaddr: '1.2.3.4', 'streamalert:ioc': { ip: ['1.2.3.4'] } })).toBe(true);
    expect(r!.rule({ 'streamalert:ioc': { domain: ['c2.example'] } })).toBe(false);
  });

  it('makes a stub of a rule outside the subset, naming why', () => {
    const t = translateRuleFile(
      'rules/t.py',
      'rules.t',
      `${header}@rule(logs=['l'])\ndef r(rec):\n    return f"{rec['a']}" == 'x'\n`,
      () => undefined,
    );
    expect(t.rules).toEqual([{ name: 'r', reason: 'f-strings', disabled: false, notes: [] }]);
    expect(t.code).toContain('staged: true');
  });

  it("puts a stub's Python, decorators to its last line, in a comment, and nothing of the next rule", () => {
    const t = translateRuleFile(
      'rules/t.py',
      'rules.t',
      `${header}@rule(\n    logs=['l'])\ndef r(rec):\n    return f'{rec}'\n\n\n@rule(logs=['l'])\ndef s(rec):\n    return True\n`,
      () => undefined,
    );
    expect(t.code).toContain(
      "// @rule(\n//     logs=['l'])\n// def r(rec):\n//     return f'{rec}'\nexport const r",
    );
  });

  it('reads a file that is not Python as an error, not a crash', () => {
    expect(translateRuleFile('rules/t.py', 'rules.t', 'def (:\n', () => undefined).error).toMatch(
      /line 1/,
    );
  });
});
