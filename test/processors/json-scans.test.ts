/**
 * The scans that guard JSON.parse (nesting depth, item count) skip strings with indexOf
 * now: they must give what the character-by-character scans gave, on JSON and on text
 * that only looks like it (escapes, unterminated strings, brackets inside strings).
 */
import { describe, expect, it } from 'vitest';
import { jsonDepth, jsonItems, valueDepth } from '../../src/processors/rule-processor/limits.js';
import { rawInput } from '../../src/processors/rule-processor/parsers/index.js';

const count = (text: string, chars: string) => {
  let n = 0;
  for (const c of text) if (chars.includes(c)) n++;
  return n;
};

/** The scans before (commit 746a160), with their bracket and separator pre-counts. */
function referenceDepth(text: string, limit: number): number {
  if (text.length <= limit || count(text, '{[') <= limit) return 0;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

function referenceItems(text: string, limit: number): number {
  if (text.length <= limit || count(text, ',:') <= limit) return 0;
  let items = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if ((c === 0x2c || c === 0x3a) && ++items > limit) return items;
  }
  return items;
}

const TEXTS = [
  '',
  '{}',
  '[[[[]]]]',
  '{"a": "[[[[[["}',
  '{"a": "\\"}',
  '{"a": "\\\\\\"[[[["}',
  '{"a": "\\\\"}[[[[',
  '"unterminated [[[[[[[',
  '"\\',
  '[[[["]]]]"[[[[',
  '{"a":1,"b":[1,2,3],"c":{"d":"e,f:g"}}',
  JSON.stringify({
    Records: Array.from({ length: 50 }, (_, i) => ({ a: [i, { b: `x"[{${i}` }], c: '\\' })),
  }),
  '['.repeat(600) + ']'.repeat(600),
  '["' + '['.repeat(600) + '"]',
];

describe('jsonDepth and jsonItems', () => {
  it('give what the character walks gave', () => {
    for (const text of TEXTS)
      for (const limit of [0, 1, 2, 3, 5, 8, 50, 512]) {
        expect(jsonDepth(text, limit), `${limit} ${text.slice(0, 40)}`).toBe(
          referenceDepth(text, limit),
        );
        expect(jsonItems(text, limit), `${limit} ${text.slice(0, 40)}`).toBe(
          referenceItems(text, limit),
        );
      }
  });

  it('give what the character walks gave on random texts', () => {
    const alphabet = '{}[]"\\,:a ';
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const differences: object[] = [];
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      const len = Math.floor(next() * 16);
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      for (const limit of [0, 1, 2, 4]) {
        // Compared here, asserted once below: an expect per text made the test 10x slower.
        const depth = [jsonDepth(text, limit), referenceDepth(text, limit)];
        const items = [jsonItems(text, limit), referenceItems(text, limit)];
        if (depth[0] !== depth[1] || items[0] !== items[1])
          differences.push({ text, limit, depth, items });
      }
    }
    expect(differences).toEqual([]);
  });
});

describe('valueDepth', () => {
  it('decides as the text scan does on every parsed JSON text (keys given once)', () => {
    for (const text of TEXTS) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        continue;
      }
      for (const limit of [0, 1, 2, 3, 5, 8, 50, 512])
        expect(valueDepth(value, limit) > limit, `${limit} ${text.slice(0, 40)}`).toBe(
          referenceDepth(text, limit) > limit,
        );
    }
  });

  it('refuses a parsed payload nested past the limit, as the text scan did', () => {
    const deep = `{"Records": [${'{"a": ['.repeat(600)}1${']}'.repeat(600)}]}`;
    const input = rawInput(deep, { maxDepth: 512 });
    expect(() => input.json()).toThrow(/nested more than 512 levels deep/);
    const wide = JSON.stringify({ Records: Array.from({ length: 600 }, (_, i) => ({ a: [i] })) });
    expect(rawInput(wide, { maxDepth: 512 }).json()).toEqual(JSON.parse(wide));
    // Text that does not parse keeps the text scan's refusal.
    expect(() => rawInput(deep.slice(0, -1), { maxDepth: 512 }).json()).toThrow(/nested more/);
  });
});
