/**
 * What a string costs once it is inside JSON text sent over the wire: JSON.stringify's
 * escapes (`"` → `\"`, U+0001 → `\u0001`, a lone surrogate → `\udxxx`) and then UTF-8.
 * SNS counts the bytes of the message, so a cut measured in characters of the unescaped
 * text (600,000 `"` are 1,200,000 bytes once escaped) does not fit.
 */

/** Bytes of the UTF-16 unit `c` (not a surrogate) inside a JSON string literal. */
function unitBytes(c: number): number {
  if (c === 0x22 || c === 0x5c) return 2; // \" and \\
  if (c < 0x20) {
    // \b \t \n \f \r have two-character escapes; the other controls are \u00XX.
    return c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
  }
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  return 3;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * The length (in UTF-16 units) of the longest prefix of `text` whose JSON string literal
 * (quotes excluded) takes at most `maxBytes` bytes of UTF-8. Never splits a surrogate pair.
 * Walks only the prefix it keeps, so the cost is bounded by `maxBytes`, not by the text.
 */
export function jsonPrefixLength(text: string, maxBytes: number): number {
  let used = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let units = 1;
    let bytes: number;
    if (isHigh(c) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      units = 2;
      bytes = 4;
    } else if (isHigh(c) || isLow(c)) {
      bytes = 6; // a lone surrogate: JSON.stringify writes \udxxx
    } else {
      bytes = unitBytes(c);
    }
    if (used + bytes > maxBytes) break;
    used += bytes;
    i += units;
  }
  return i;
}

/** UTF-8 bytes of `text` inside a JSON string literal, quotes excluded. */
export function jsonStringBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}
