/**
 * rawInput.json() decides that text cannot be JSON without throwing JSON.parse: whenever
 * it says so, JSON.parse throws; and it is exact (says so whenever JSON.parse throws) for
 * every text that does not open an object, an array or a string, which it leaves to JSON.parse.
 */
import { describe, expect, it } from 'vitest';
import {
  cannotBeJson,
  NOT_JSON,
  rawInput,
} from '../../src/processors/rule-processor/parsers/types.js';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** What cannotBeJson must answer: exact unless the text opens an object, array or string. */
const expected = (text: string) => {
  const opens = /^[ \t\n\r]*[[{"]/.test(text);
  return opens ? false : !parses(text);
};

const CASES = [
  '',
  ' ',
  '\t\r\n ',
  '\u00a0{}',
  '\uFEFF{}',
  '\u2028null',
  'true',
  ' true ',
  'true\n',
  'truex',
  'tru',
  'True',
  'false',
  'null',
  'nul',
  'null null',
  '0',
  '-0',
  '01',
  '-',
  '1.',
  '.5',
  '1.5e3',
  '1E+3',
  '1e',
  ' 42 \r\n',
  '1,2',
  '123abc',
  '1733400000,proxy-1,alice',
  '"str"',
  '"unterminated',
  '[1, 2]',
  '{"a": 1}',
  '  {"a": 1}',
  '{"a": ',
  'May 05 10:00:00 host app[1]: message',
  'time=1 host=h',
  'ünïcödé',
  '🚀',
  'nan',
  'Infinity',
  '-Infinity',
  `${'9'.repeat(100_000)}`,
  `${'9'.repeat(100_000)}x`,
];

describe('cannotBeJson', () => {
  it('is true exactly when JSON.parse throws, for text opening no object, array or string', () => {
    for (const text of CASES)
      expect(cannotBeJson(text), JSON.stringify(text.slice(0, 40))).toBe(expected(text));
  });

  it('agrees with JSON.parse on random short texts of JSON-ish characters', () => {
    const alphabet = ' \t\n\r01-.eE+truefalsn{}[]",:x\u00a0';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Compared in the loop, asserted once: an expect per text was most of the test's time.
    const differences: object[] = [];
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const len = Math.floor(next() * 8);
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      const cannot = cannotBeJson(text);
      if (cannot !== expected(text)) differences.push({ text, cannotBeJson: cannot });
      else if (cannot && parses(text)) differences.push({ text, parses: true });
    }
    expect(differences).toEqual([]);
  });

  it('rawInput.json() gives NOT_JSON for text that cannot be JSON and the value otherwise', () => {
    expect(rawInput('May 05 10:00:00 host app[1]: x').json()).toBe(NOT_JSON);
    expect(rawInput('1,2').json()).toBe(NOT_JSON);
    expect(rawInput('').json()).toBe(NOT_JSON);
    expect(rawInput(' 12 ').json()).toBe(12);
    expect(rawInput('null').json()).toBe(null);
    expect(rawInput('{"a": [1]}').json()).toEqual({ a: [1] });
  });
});
