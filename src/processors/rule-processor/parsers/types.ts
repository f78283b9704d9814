/** What every parser shares. */

/** Sentinel for input that is not JSON. */
export const NOT_JSON: unique symbol = Symbol('not-json');

/** One raw record, with its JSON parse done at most once however many json schemas are tried. */
export interface RawInput {
  readonly text: string;
  json(): unknown;
}

export function rawInput(text: string): RawInput {
  let parsed: unknown;
  let done = false;
  return {
    text,
    json() {
      if (!done) {
        done = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = NOT_JSON;
        }
      }
      return parsed;
    },
  };
}

export interface ParseResult {
  /** Typed records that fit the schema. */
  readonly records: Record<string, unknown>[];
  /** Values pulled out of the payload (json_path, CSV rows) that did not fit: reported, not dropped. */
  readonly rejected: unknown[];
}

export type Parse = (input: RawInput) => ParseResult | undefined;

/**
 * Splits on `delimiter`, keeping double-quoted runs together ("" is a literal quote),
 * the way CSV writers and key="value with spaces" KV logs quote.
 */
export function splitQuoted(text: string, delimiter: string): string[] {
  if (!text.includes('"')) return text.split(delimiter);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (text.startsWith(delimiter, i)) {
      out.push(field);
      field = '';
      i += delimiter.length - 1;
    } else field += c;
  }
  out.push(field);
  return out;
}
