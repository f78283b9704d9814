/**
 * A small JSON scanner of our own, run on every configuration file before JSON.parse:
 *
 * - the exact line and column of the first syntax error, with a message a person reads
 *   (V8's messages have no position for some errors, e.g. "Unexpected end of JSON input");
 * - the line/column of every JSON pointer, so a problem found on the parsed value is shown
 *   on the right line (GitHub file annotations);
 * - nesting deeper than a limit, found before any recursive walk (ajv) could overflow the stack;
 * - numbers JSON.parse would silently change: Infinity (1e400), integers beyond 2^53 - 1
 *   (9007199254740993 becomes ...992), and non-integers that round to an integer (1e-400 is 0);
 * - strings holding half of a UTF-16 surrogate pair (`"\ud83d"` alone), which every UTF-8
 *   output silently turns into U+FFFD.
 *
 * Iterative (an explicit stack), so 10,000 levels of nesting cost nothing but a problem.
 */
import { escapePointerToken } from './problems.js';

export interface Position {
  line: number;
  column: number;
}

export interface JsonScan {
  /** The first syntax error; nothing after it was scanned. */
  syntaxError?: { offset: number; message: string };
  /** Where nesting first passed the limit; nothing after it was scanned. */
  tooDeep?: { offset: number; depth: number };
  positions: Map<string, Position>;
  /** Numbers that would not survive JSON.parse exactly. */
  numbers: { pointer: string; offset: number; message: string }[];
  /**
   * Strings (values or keys) holding a lone surrogate escape (`"\ud800"`): JSON.parse keeps
   * it, but no UTF-8 writer can, so it would reach Terraform and the processors as U+FFFD.
   */
  strings: { pointer: string; offset: number; message: string }[];
}

class ScanStop extends Error {}

interface Frame {
  object: boolean;
  pointer: string;
  count: number;
  open: Position;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** A character for a message: printable as itself, anything else by its code point. */
function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0xfeff
  ) {
    return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return JSON.stringify(c);
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
const LOW_ESCAPE = /^\\u[dD][c-fC-F][0-9a-fA-F]{2}$/;

function loneSurrogateProblem(escape: string, key: boolean): string {
  return (
    `${key ? 'key' : 'string'} holds ${escape.toLowerCase()}, half of a UTF-16 surrogate pair without its other half ` +
    '(it would be written as U+FFFD); write the character itself, or both halves such as \\ud83d\\ude00'
  );
}

/** True when the decimal literal denotes an integer exactly (1.0, 1e3, but not 1.5 or 1e-400). */
function denotesInteger(literal: string): boolean {
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return false;
  // The value is 0.<digits> x 10^pointAt.
  let digits = m[1]! + (m[2] ?? '');
  let pointAt = m[1]!.length + Number(m[3] ?? 0);
  const leading = /^0*/.exec(digits)![0].length;
  digits = digits.slice(leading).replace(/0+$/, '');
  pointAt -= leading;
  return digits === '' || digits.length <= pointAt;
}

function numberProblem(literal: string): string | undefined {
  const value = Number(literal);
  if (!Number.isFinite(value)) return `number ${literal} is too large (it would become Infinity)`;
  if (Number.isInteger(value)) {
    if (!Number.isSafeInteger(value)) {
      return `number ${literal} is beyond 9007199254740991 (2^53 - 1) and cannot be kept exactly (it would be read as ${value})`;
    }
    if (!denotesInteger(literal)) return `number ${literal} would be silently rounded to ${value}`;
  }
  return undefined;
}

export function scanJson(text: string, maxDepth = Infinity): JsonScan {
  const positions = new Map<string, Position>();
  const numbers: JsonScan['numbers'] = [];
  const strings: JsonScan['strings'] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): Position => ({ line, column: i - lineStart + 1 });
  let error: JsonScan['syntaxError'];
  const fail = (message: string, at = i): never => {
    error = { offset: at, message };
    throw new ScanStop();
  };
  const skipWs = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        lineStart = i + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
      i++;
    }
  };
  /**
   * Reads a string starting at its quote; returns its value (only computed when `keep`).
   * A lone surrogate escape in it is recorded against `pointer` (the key's object for a key).
   */
  const readString = (keep: boolean, pointer: string, key = false): string => {
    let lone = false;
    const start = i;
    const startPos = here();
    i++;
    for (;;) {
      if (i >= n)
        fail(
          `unexpected end of file inside the string that starts at line ${startPos.line}, column ${startPos.column}`,
        );
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) {
        fail(
          `${showChar(text[i]!)} inside a string (a line break or control character must be written as an escape such as \\n); ` +
            `the string starts at line ${startPos.line}, column ${startPos.column}`,
        );
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) fail('unexpected end of file inside a string', i + 1);
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) fail('"\\u" must be followed by four hexadecimal digits');
          const unit = parseInt(hex, 16);
          const high = unit >= 0xd800 && unit <= 0xdbff;
          if (high && LOW_ESCAPE.test(text.slice(i + 6, i + 12))) {
            i += 12; // a whole pair
            continue;
          }
          if ((high || (unit >= 0xdc00 && unit <= 0xdfff)) && !lone) {
            lone = true; // the first one of the string is enough to find it
            strings.push({
              pointer,
              offset: i,
              message: loneSurrogateProblem(text.slice(i, i + 6), key),
            });
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e!)) {
          i += 2;
        } else {
          fail(
            `invalid escape "\\${e === undefined ? '' : e}" (JSON allows \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)`,
          );
        }
        continue;
      }
      i++;
    }
    i++;
    return keep ? (JSON.parse(text.slice(start, i)) as string) : '';
  };
  const readKey = (frame: Frame): { key: string; pos: Position } => {
    skipWs();
    if (i >= n)
      fail(
        `unexpected end of file: the object opened at line ${frame.open.line}, column ${frame.open.column} is not closed`,
      );
    const c = text[i]!;
    if (c === '}') fail('a trailing comma before "}" is not allowed in JSON', i);
    if (c !== '"')
      fail(
        c === "'"
          ? 'keys must be in double quotes, not single quotes'
          : `expected a key in double quotes, found ${showChar(c)}`,
      );
    const pos = here();
    const key = readString(true, frame.pointer, true);
    skipWs();
    if (i >= n) fail('unexpected end of file: expected ":" after the key');
    if (text[i] !== ':') fail(`expected ":" after the key, found ${showChar(text[i]!)}`);
    i++;
    return { key, pos };
  };

  const stack: Frame[] = [];
  try {
    let pointer = '';
    let keyPos: Position | undefined;
    for (;;) {
      // A value is expected at `pointer`.
      skipWs();
      if (i >= n) {
        const top = stack[stack.length - 1];
        fail(
          top
            ? `unexpected end of file: a value is missing (the ${top.object ? 'object' : 'array'} opened at line ${top.open.line}, column ${top.open.column} is not closed)`
            : 'the file is empty: expected a JSON value',
        );
      }
      positions.set(pointer, keyPos ?? here());
      keyPos = undefined;
      const c = text[i]!;
      let opened = false;
      if (c === '{' || c === '[') {
        if (stack.length >= maxDepth) {
          return { tooDeep: { offset: i, depth: stack.length + 1 }, positions, numbers, strings };
        }
        const frame: Frame = { object: c === '{', pointer, count: 0, open: here() };
        stack.push(frame);
        i++;
        skipWs();
        if (text[i] === (frame.object ? '}' : ']')) {
          i++;
          stack.pop();
        } else if (frame.object) {
          const { key, pos } = readKey(frame);
          pointer = `${frame.pointer}/${escapePointerToken(key)}`;
          keyPos = pos;
          opened = true;
        } else {
          pointer = `${frame.pointer}/0`;
          opened = true;
        }
      } else if (c === '"') {
        readString(false, pointer);
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (!m) fail(c === '-' ? 'a "-" must be followed by digits' : 'invalid number');
        const literal = m![0];
        const next = text[i + literal.length];
        if (next !== undefined && /[0-9]/.test(next) && /^-?0$/.test(literal))
          fail('numbers must not start with a zero (leading zeros are not allowed)');
        if (next === '.' || next === 'e' || next === 'E')
          fail('invalid number: digits must follow "." and "e"', i + literal.length + 1);
        const problem = numberProblem(literal);
        if (problem) numbers.push({ pointer, offset: i, message: problem });
        i += literal.length;
      } else {
        const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i, i + 40))?.[0];
        if (word === 'true' || word === 'false' || word === 'null') {
          i += word.length;
        } else if (c === '}' || c === ']') {
          fail(
            stack.length > 0
              ? `a value is missing before "${c}" (a trailing comma is not allowed in JSON)`
              : `unexpected "${c}"`,
          );
        } else if (c === "'") {
          fail('strings must be in double quotes, not single quotes');
        } else if (c === '\ufeff') {
          fail('a byte order mark (U+FEFF) is only allowed at the very start of the file');
        } else if (word !== undefined) {
          fail(
            `unexpected word "${word.slice(0, 20)}" (JSON values are "strings", numbers, true, false, null, objects and arrays)`,
          );
        } else if (c === '/') {
          fail('comments are not allowed in JSON');
        } else {
          fail(`unexpected character ${showChar(c)}`);
        }
      }
      if (opened) continue;
      // After a value: a comma, the end of the container, or the end of the file.
      for (;;) {
        skipWs();
        const top = stack[stack.length - 1];
        if (!top) {
          if (i < n) fail(`unexpected ${showChar(text[i]!)} after the end of the JSON value`);
          return { positions, numbers, strings };
        }
        const close = top.object ? '}' : ']';
        if (i >= n)
          fail(
            `unexpected end of file: the ${top.object ? 'object' : 'array'} opened at line ${top.open.line}, column ${top.open.column} is not closed`,
          );
        const d = text[i]!;
        if (d === close) {
          i++;
          stack.pop();
          continue;
        }
        if (d === ',') {
          i++;
          top.count++;
          if (top.object) {
            const { key, pos } = readKey(top);
            pointer = `${top.pointer}/${escapePointerToken(key)}`;
            keyPos = pos;
          } else {
            pointer = `${top.pointer}/${top.count}`;
          }
          break;
        }
        fail(`expected "," or "${close}", found ${showChar(d)}`);
      }
    }
  } catch (err) {
    if (!(err instanceof ScanStop)) throw err;
    return { syntaxError: error, positions, numbers, strings };
  }
}

export function locatePointers(text: string): Map<string, Position> {
  return scanJson(text).positions;
}

/** Line/column of a character offset, for JSON syntax errors. */
export function positionOfOffset(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = text.indexOf('\n'); k !== -1 && k < end; k = text.indexOf('\n', k + 1)) {
    line++;
    lineStart = k + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
