/**
 * A small HCL block scanner: enough to read a module's `variable` and `output` blocks (their
 * attributes in source order, with line numbers) without a Terraform run. It understands
 * strings with `${...}` templates, heredocs, comments and nested brackets, which is all a
 * variables.tf or outputs.tf uses; it does not evaluate expressions.
 */

export interface Attribute {
  kind: 'attribute';
  name: string;
  /** The expression as written (from after `=` to the end of the attribute). */
  expr: string;
  /** Offsets of the whole item in the file text, leading comments included. */
  start: number;
  end: number;
  line: number;
}

export interface Block {
  kind: 'block';
  type: string;
  labels: string[];
  /** Offsets of the text between the braces. */
  bodyStart: number;
  bodyEnd: number;
  start: number;
  end: number;
  line: number;
}

export type Item = Attribute | Block;

export class HclScanError extends Error {}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

/** Offset just past the string literal opening at `i` (a `"`), skipping `${...}` templates. */
function skipString(text: string, i: number, file: string): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
    else if ((c === '$' || c === '%') && text[j + 1] === '{')
      j = skipBalanced(text, j + 1, file) - 1;
    else if (c === '\n') break;
  }
  throw new HclScanError(`${file}:${lineOf(text, i)}: unterminated string`);
}

/** Offset just past the heredoc whose `<<` is at `i`. */
function skipHeredoc(text: string, i: number, file: string): number {
  const m = /^<<-?([A-Za-z_][A-Za-z0-9_]*)\n/.exec(text.slice(i));
  if (!m) throw new HclScanError(`${file}:${lineOf(text, i)}: malformed heredoc`);
  const close = new RegExp(`\\n[ \\t]*${m[1]}[ \\t]*(?=\\n|$)`, 'g');
  close.lastIndex = i + m[0].length - 1;
  const end = close.exec(text);
  if (!end) throw new HclScanError(`${file}:${lineOf(text, i)}: heredoc ${m[1]} is not closed`);
  return end.index + end[0].length;
}

/** Offset just past a comment starting at `i`, or `i` when there is none. */
function skipComment(text: string, i: number): number {
  if (text[i] === '#' || (text[i] === '/' && text[i + 1] === '/')) {
    const nl = text.indexOf('\n', i);
    return nl === -1 ? text.length : nl;
  }
  if (text[i] === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close === -1 ? text.length : close + 2;
  }
  return i;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Offset just past the bracket that closes the one at `i`. */
function skipBalanced(text: string, i: number, file: string): number {
  const stack = [CLOSING[text[i] as string] as string];
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j] as string;
    const afterComment = skipComment(text, j);
    if (afterComment !== j) {
      j = afterComment - 1;
    } else if (c === '"') {
      j = skipString(text, j, file) - 1;
    } else if (c === '<' && text[j + 1] === '<' && /^<<-?[A-Za-z_]/.test(text.slice(j, j + 4))) {
      j = skipHeredoc(text, j, file) - 1;
    } else if (CLOSING[c]) {
      stack.push(CLOSING[c] as string);
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c)
        throw new HclScanError(`${file}:${lineOf(text, j)}: unexpected "${c}"`);
      if (stack.length === 0) return j + 1;
    }
  }
  throw new HclScanError(`${file}:${lineOf(text, i)}: "${text[i]}" is never closed`);
}

/** Offset of the end of an expression starting at `i`: the first newline at bracket depth 0. */
function skipExpression(text: string, i: number, end: number, file: string): number {
  let j = i;
  while (j < end) {
    const c = text[j] as string;
    if (c === '\n') return j;
    const afterComment = skipComment(text, j);
    if (afterComment !== j) return j; // a trailing comment ends the expression
    if (c === '"') j = skipString(text, j, file);
    else if (c === '<' && text[j + 1] === '<' && /^<<-?[A-Za-z_]/.test(text.slice(j, j + 4)))
      j = skipHeredoc(text, j, file);
    else if (CLOSING[c]) j = skipBalanced(text, j, file);
    else j++;
  }
  return j;
}

/** The attributes and blocks directly inside text[start, end), in source order. */
export function scanItems(text: string, file: string, start = 0, end = text.length): Item[] {
  const items: Item[] = [];
  let i = start;
  // An item starts at its own line, or at the comment lines right above it.
  let itemStart = start;
  let comments = false;
  while (i < end) {
    const c = text[i] as string;
    if (/\s/.test(c)) {
      // A blank line detaches the comments above it from the next item.
      if (c === '\n' && (!comments || /^\n[ \t]*\n/.test(text.slice(i, end)))) {
        itemStart = i + 1;
        comments = false;
      }
      i++;
      continue;
    }
    const afterComment = skipComment(text, i);
    if (afterComment !== i) {
      comments = true;
      i = afterComment;
      continue;
    }
    const head = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*/.exec(text.slice(i, end));
    if (!head)
      throw new HclScanError(`${file}:${lineOf(text, i)}: expected an attribute or a block`);
    const name = head[1] as string;
    let j = i + head[0].length;
    if (text[j] === '=' && text[j + 1] !== '=') {
      const exprStart = j + 1;
      const exprEnd = skipExpression(text, exprStart, end, file);
      const lineEnd = text.indexOf('\n', exprEnd);
      const itemEnd = lineEnd === -1 || lineEnd > end ? end : lineEnd + 1;
      items.push({
        kind: 'attribute',
        name,
        expr: text.slice(exprStart, exprEnd).trim(),
        start: itemStart,
        end: itemEnd,
        line: lineOf(text, i),
      });
      i = itemEnd;
      itemStart = i;
      comments = false;
      continue;
    }
    const labels: string[] = [];
    for (;;) {
      const label = /^"([^"\\]*)"[ \t]*|^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*/.exec(text.slice(j, end));
      if (!label || text[j] === '{') break;
      labels.push((label[1] ?? label[2]) as string);
      j += label[0].length;
    }
    if (text[j] !== '{')
      throw new HclScanError(`${file}:${lineOf(text, i)}: expected "=" or "{" after ${name}`);
    const close = skipBalanced(text, j, file);
    const lineEnd = text.indexOf('\n', close);
    const itemEnd = lineEnd === -1 || lineEnd > end ? end : lineEnd + 1;
    items.push({
      kind: 'block',
      type: name,
      labels,
      bodyStart: j + 1,
      bodyEnd: close - 1,
      start: itemStart,
      end: itemEnd,
      line: lineOf(text, i),
    });
    i = itemEnd;
    itemStart = i;
    comments = false;
  }
  return items;
}

/** The value of a quoted HCL string without templates, or undefined for any other expression. */
export function stringLiteral(expr: string): string | undefined {
  if (!/^"(?:[^"\\$%]|\\.|\$(?!\{)|%(?!\{))*"$/.test(expr)) return undefined;
  return expr.slice(1, -1).replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}

/** An expression on one line: lines of a multi-line expression joined like HCL would allow. */
export function oneLine(expr: string): string {
  const lines = expr
    .split('\n')
    .map((l) => l.trim().replace(/[ \t]+=[ \t]+/g, ' = '))
    .filter((l) => l !== '');
  let out = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const open = /[([{]$/.test(out);
    const closing = /^[)\]}]/.test(line);
    out += open || closing ? (open && closing ? '' : ' ') : out.endsWith(',') ? ' ' : ', ';
    out += line;
  }
  return out.replace(/,\s*([)\]}])/g, ' $1');
}
