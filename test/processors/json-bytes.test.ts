/**
 * The cut of an oversized alert's record (issue 28, item 5) is measured as the text will be
 * sent: JSON.stringify's escapes, then UTF-8. Checked against JSON.stringify itself.
 */
import { describe, expect, it } from 'vitest';
import { jsonPrefixLength } from '../../src/processors/rule-processor/json-bytes.js';

const escapedBytes = (s: string) => Buffer.byteLength(JSON.stringify(s)) - 2;
// Every class of cost: 1 (a), 2 (\" \\ \n é), 3 (€), 4 (a pair), 6 (\u0001, lone surrogates).
const PIECES = ['a', '"', '\\', '\n', '\u0001', '\u001f', 'é', '€', '😀', '\ud800', '\udc00'];

describe('jsonPrefixLength', () => {
  it('keeps the longest prefix whose escaped UTF-8 fits, never splitting a surrogate pair', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 40 }, () => PIECES[next() % PIECES.length]).join('');
      const max = next() % (escapedBytes(text) + 2);
      const n = jsonPrefixLength(text, max);
      const kept = text.slice(0, n);
      expect(escapedBytes(kept)).toBeLessThanOrEqual(max);
      if (n < text.length) {
        const pair = /^[\ud800-\udbff][\udc00-\udfff]/.test(text.slice(n));
        expect(escapedBytes(text.slice(0, n + (pair ? 2 : 1)))).toBeGreaterThan(max);
      }
      const splitsPair = /^[\ud800-\udbff][\udc00-\udfff]$/.test(text.slice(n - 1, n + 1));
      expect(n > 0 && splitsPair).toBe(false);
    }
  });

  it('counts 600,000 quotes and 400,000 U+0001 as the bytes they become', () => {
    expect(jsonPrefixLength('"'.repeat(600_000), 1000)).toBe(500);
    expect(jsonPrefixLength('\u0001'.repeat(400_000), 1200)).toBe(200);
    expect(jsonPrefixLength('é'.repeat(10), 9)).toBe(4);
  });
});
