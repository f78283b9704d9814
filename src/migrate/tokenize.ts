/**
 * Python source as tokens, for the Python subset `migrate` translates: names, numbers,
 * strings (quotes, triple quotes, raw, escapes, adjacent literals joined by the parser),
 * operators, and the NEWLINE/INDENT/DEDENT structure (brackets and a trailing backslash join
 * lines, as in Python). Anything else is a SyntaxError naming the line. Nothing is evaluated.
 */

export type TokenKind =
  'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'end';

export interface Token {
  kind: TokenKind;
  /** The name, the operator, the number's text, or the string's decoded value. */
  value: string;
  line: number;
  /** A string token that is an f-string or bytes: the translator refuses those. */
  prefix?: string;
}

export class PySyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'PySyntaxError';
  }
}

const OPERATORS = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '<<',
  '>>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '->',
  ':=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '=',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '@',
  '|',
  '&',
  '^',
  '~',
];

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function decode(body: string, raw: boolean, line: number): string {
  if (raw) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n)
        throw new PySyntaxError(`bad \\${e} escape in a string`, line);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) throw new PySyntaxError(`bad \\${e} escape in a string`, line);
      out += String.fromCodePoint(code);
      i += n;
    } else if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      out += String.fromCharCode(parseInt(oct, 8));
      i += oct.length - 1;
    } else out += `\\${e}`; // Python keeps an unknown escape as it is
  }
  return out;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const indents = [0];
  let depth = 0; // open brackets
  let i = 0;
  let line = 1;
  let atLineStart = true;
  const src = source.replace(/\r\n?/g, '\n');
  while (i < src.length) {
    if (atLineStart && depth === 0) {
      // Measure the indentation; blank and comment-only lines do not count.
      let col = 0;
      let j = i;
      while (src[j] === ' ' || src[j] === '\t') col += src[j++] === '\t' ? 8 - (col % 8) : 1;
      if (src[j] === '\n' || src[j] === '#' || j >= src.length) {
        while (j < src.length && src[j] !== '\n') j++;
        i = j + 1;
        line++;
        continue;
      }
      const top = indents[indents.length - 1]!;
      if (col > top) {
        indents.push(col);
        tokens.push({ kind: 'indent', value: '', line });
      }
      while (col < indents[indents.length - 1]!) {
        indents.pop();
        tokens.push({ kind: 'dedent', value: '', line });
      }
      if (col !== indents[indents.length - 1])
        throw new PySyntaxError('inconsistent indentation', line);
      i = j;
      atLineStart = false;
    }
    const c = src[i]!;
    if (c === '\n') {
      if (depth === 0) tokens.push({ kind: 'newline', value: '', line });
      line++;
      i++;
      // Inside brackets a line break joins lines: no indentation to measure.
      atLineStart = depth === 0;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    const str = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str && (str[1] === '' || /^[a-zA-Z]+$/.test(str[1]!))) {
      const prefix = str[1]!.toLowerCase();
      if (/[^rbuf]/.test(prefix)) throw new PySyntaxError(`unknown string prefix ${str[1]}`, line);
      const quote = str[2]!;
      const startLine = line;
      let j = i + str[0].length;
      let body = '';
      for (;;) {
        if (j >= src.length) throw new PySyntaxError('string never closed', startLine);
        if (src.startsWith(quote, j)) break;
        const ch = src[j]!;
        if (ch === '\n') {
          if (quote.length === 1) throw new PySyntaxError('string never closed', startLine);
          line++;
        }
        if (ch === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') line++;
          body += ch + src[j + 1];
          j += 2;
          continue;
        }
        body += ch;
        j++;
      }
      i = j + quote.length;
      const value = decode(body, prefix.includes('r'), startLine);
      tokens.push({
        kind: 'string',
        value,
        line: startLine,
        ...(/[bf]/.test(prefix) ? { prefix } : {}),
      });
      continue;
    }
    // Python's identifiers (Unicode ID_Start/ID_Continue): never a line terminator or
    // punctuation, so a name is safe as a JavaScript identifier too.
    const name = /^[\p{ID_Start}_][\p{ID_Continue}]*/u.exec(src.slice(i, i + 256));
    if (name) {
      tokens.push({ kind: 'name', value: name[0], line });
      i += name[0].length;
      continue;
    }
    const num =
      /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][-+]?\d+)?[jJ]?)/.exec(
        src.slice(i, i + 64),
      );
    if (num && num[0] !== '' && /\d/.test(num[0])) {
      tokens.push({ kind: 'number', value: num[0], line });
      i += num[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new PySyntaxError(`unexpected character ${JSON.stringify(c)}`, line);
    if ('([{'.includes(op)) depth++;
    if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
    tokens.push({ kind: 'op', value: op, line });
    i += op.length;
  }
  if (tokens.length > 0 && tokens[tokens.length - 1]!.kind !== 'newline')
    tokens.push({ kind: 'newline', value: '', line });
  while (indents.length > 1) {
    indents.pop();
    tokens.push({ kind: 'dedent', value: '', line });
  }
  tokens.push({ kind: 'end', value: '', line });
  return tokens;
}
