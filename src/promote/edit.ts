/**
 * Removes `staged: true` from one rule's options in its source file, and nothing else:
 * the pull request `promote` opens must change exactly that property so a reviewer sees
 * a one-line diff. The rule's options object is found from its `name: '<rule>'` entry;
 * when the name is not there exactly once, or the object does not hold exactly one
 * top-level `staged: true`, the file is left alone and the error names it.
 */

export class StagedEditError extends Error {}

/** Skips a string, template literal or comment starting at `i`; the index after it, or `i` when none starts there. */
function skipNonCode(text: string, i: number): number {
  const c = text[i];
  if (c === '"' || c === "'" || c === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (c === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

/** Start and end (exclusive) of the innermost `{ ... }` holding `at`. */
function enclosingObject(text: string, at: number): [number, number] | undefined {
  const stack: number[] = [];
  let open: number | undefined;
  for (let i = 0; i < text.length;) {
    const next = skipNonCode(text, i);
    if (next !== i) {
      i = next;
      continue;
    }
    if (i === at) open = stack[stack.length - 1];
    if (text[i] === '{') stack.push(i);
    else if (text[i] === '}') {
      const start = stack.pop();
      if (start !== undefined && start === open && i > at) return [start, i + 1];
    }
    i++;
  }
  return undefined;
}

/** Offsets of `staged: true` entries at the top level of the object text[start..end). */
function topLevelStaged(text: string, start: number, end: number): [number, number][] {
  const found: [number, number][] = [];
  let depth = 0;
  const re = /(?<![\w$.])staged\s*:\s*true\b/y;
  for (let i = start; i < end;) {
    const next = skipNonCode(text, i);
    if (next !== i) {
      i = next;
      continue;
    }
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (depth === 1) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        found.push([i, i + m[0].length]);
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return found;
}

/** The source with `staged: true` removed from rule `name`'s options (its line too when it stood alone). */
export function removeStaged(text: string, name: string, file: string): string {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const nameRe = new RegExp(`(?<![\\w$])name\\s*:\\s*(['"\`])${escaped}\\1`, 'g');
  const names = [...text.matchAll(nameRe)];
  if (names.length !== 1)
    throw new StagedEditError(
      `${file}: rule "${name}": expected its \`name: '${name}'\` once, found it ${names.length} times; remove \`staged: true\` by hand`,
    );
  const span = enclosingObject(text, names[0]!.index);
  const entries = span ? topLevelStaged(text, span[0], span[1]) : [];
  if (entries.length !== 1)
    throw new StagedEditError(
      `${file}: rule "${name}": expected exactly one \`staged: true\` in the rule's options, found ${entries.length}; remove it by hand`,
    );
  const [from, end] = entries[0]!;
  let to = end;
  // Take the comma after it, then the whole line when nothing else is on it.
  const comma = /^\s*,/.exec(text.slice(to));
  if (comma) to += comma[0].length;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', to);
  const before = text.slice(lineStart, from);
  const after = text.slice(to, lineEnd === -1 ? text.length : lineEnd);
  if (before.trim() === '' && after.trim() === '')
    return text.slice(0, lineStart) + text.slice(lineEnd === -1 ? text.length : lineEnd + 1);
  // On a line with other entries: drop it and the space after it.
  const space = /^[ \t]*/.exec(text.slice(to))![0].length;
  return text.slice(0, from) + text.slice(to + space);
}
