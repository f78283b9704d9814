/**
 * Maps JSON pointers to line/column positions in the source text, so a problem found
 * on the parsed value can be shown on the right line (GitHub file annotations).
 * A tiny scanner instead of a parser dependency: the input already passed JSON.parse.
 */
import { escapePointerToken } from './problems.js';

export interface Position {
  line: number;
  column: number;
}

export function locatePointers(text: string): Map<string, Position> {
  const positions = new Map<string, Position>();
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const skipWs = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      i++;
    }
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (pointer: string, keyPos?: Position): void => {
    skipWs();
    positions.set(pointer, keyPos ?? here());
    const c = text[i];
    if (c === '{') {
      i++;
      skipWs();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipWs();
        const pos = here();
        const key = readString();
        skipWs();
        i++; // ':'
        value(`${pointer}/${escapePointerToken(key)}`, pos);
        skipWs();
        if (text[i++] === '}') return;
      }
    } else if (c === '[') {
      i++;
      skipWs();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`);
        skipWs();
        if (text[i++] === ']') return;
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
    }
  };
  value('');
  return positions;
}

/** Line/column of a byte offset, for JSON syntax errors. */
export function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
