/** StreamAlert's rule helpers in the rules API behave as their Python namesakes. */
import { describe, expect, it } from 'vitest';
import {
  containsAny,
  dataHasValue,
  dataHasValueFromList,
  dataHasValueFromSubstringList,
  dataHasValueWithSubstring,
  endsWithAny,
  fnmatch,
  getFirstKey,
  getKeys,
  matchesAny,
  py,
  PyError,
  safeJsonLoads,
  startsWithAny,
} from '../../src/rules-api/index.js';

describe("StreamAlert's helpers", () => {
  it('fnmatch: *, ? and character classes, case-sensitive; never a non-string', () => {
    expect(fnmatch('/usr/bin/ls', '/usr/*/l?')).toBe(true);
    expect(fnmatch('file1.txt', 'file[0-9].txt')).toBe(true);
    expect(fnmatch('fileA.txt', 'file[!A].txt')).toBe(false);
    expect(fnmatch('A.TXT', '*.txt')).toBe(false);
    expect(fnmatch('a.b', 'a?b')).toBe(true);
    expect(fnmatch(3, '*')).toBe(false);
    expect(matchesAny('evil.exe', ['*.dll', '*.exe'])).toBe(true);
  });

  it('starts/ends/contains_any take any iterable and refuse non-strings', () => {
    expect(startsWithAny('abc', new Set(['x', 'a']))).toBe(true);
    expect(endsWithAny('abc', ['b'])).toBe(false);
    expect(containsAny('abc', ['b'])).toBe(true);
    expect(containsAny(null, ['b'])).toBe(false);
  });

  it('data_has_value* walk lists and maps', () => {
    const data = { a: [{ b: 'needle-x' }, 2], c: { d: null } };
    expect(dataHasValue(data, 2)).toBe(true);
    expect(dataHasValue(data, 'needle')).toBe(false);
    expect(dataHasValueWithSubstring(data, 'needle')).toBe(true);
    expect(dataHasValueFromList(data, ['needle-*'])).toBe(true);
    expect(dataHasValueFromSubstringList(data, ['dle-'])).toBe(true);
    expect(dataHasValueFromSubstringList(data, ['zzz'])).toBe(false);
  });

  it('get_keys finds every value of a key breadth first; get_first_key the first or the default', () => {
    const data = { path: 'A', details: { parent: { path: 'B' } }, events: [{ path: 'C' }] };
    expect(getKeys(data, 'path')).toEqual(['A', 'B', 'C']);
    expect(getKeys(data, 'path', 1)).toEqual(['A']);
    expect(getFirstKey(data, 'nope', 'dflt')).toBe('dflt');
  });

  it('safe_json_loads gives {} for text that is not JSON', () => {
    expect(safeJsonLoads('{"a": 1}')).toEqual({ a: 1 });
    expect(safeJsonLoads('nope')).toEqual({});
  });
});

describe('py: Python semantics', () => {
  it('truthiness, ==, in', () => {
    expect([[], {}, '', 0, null, new Set()].map(py.truthy)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(py.eq({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(py.eq(true, 1)).toBe(true);
    expect(py.contains({ k: 1 }, 'k')).toBe(true);
    expect(py.contains([{ a: 1 }], { a: 1 })).toBe(true);
    expect(() => py.contains(null, 'k')).toThrow(/not iterable/);
  });

  it("raises Python's exceptions, which raised() matches as except clauses do", () => {
    const err = (() => {
      try {
        py.at({ a: {} }, 'a', 'b');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(PyError);
    expect(py.raised(err, 'KeyError')).toBe(true);
    expect(py.raised(err, 'LookupError')).toBe(true);
    expect(py.raised(err, 'ValueError')).toBe(false);
    expect(() => py.at([1], 3)).toThrow(/IndexError/);
    expect(py.at([1, 2], -1)).toBe(2);
    expect(() => py.get(null, 'a')).toThrow(/AttributeError/);
    expect(py.get({ a: null }, 'a', 5)).toBeNull();
    expect(() => py.int('x')).toThrow(/ValueError/);
    expect(py.int(' 12 ')).toBe(12);
    expect(() => py.lower(3)).toThrow(/AttributeError/);
  });

  it('str methods as Python has them', () => {
    expect(py.split(' a  b ')).toEqual(['a', 'b']);
    expect(py.split('a,b,c', ',', 1)).toEqual(['a', 'b,c']);
    expect(py.strip('xxaxx', 'x')).toBe('a');
    expect(py.startswith('abc', ['x', 'a'])).toBe(true);
    expect(py.str(null)).toBe('None');
    expect(py.add([1], [2])).toEqual([1, 2]);
    expect(() => py.add('a', 1)).toThrow(/TypeError/);
  });
});
