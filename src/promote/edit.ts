/**
 * Removes `staged: true` from one rule's options in its source file, and nothing else:
 * the pull request `promote` opens must change exactly that property so a reviewer sees
 * a one-line diff.
 *
 * The file is parsed (sucrase's parser, which the action already carries to compile rules),
 * not matched with text patterns: a regular expression holding `]]`, a string or comment
 * holding `staged: true` and a nested `{ staged: true }` in a context object are what they
 * are. The parser marks each object literal's braces and keys with one id, so an object's
 * own properties are known. The rule's options are the one object literal with a
 * `name: '<rule>'` property; only its own `staged: true` is removed. When the name is not
 * there exactly once, or the object does not hold exactly one `staged: true` of its own, the
 * file is left alone and the error names it. promote then builds and tests the edited rule
 * set before pushing (src/promote/verify.ts).
 *
 * Why not the TypeScript compiler API: bundled into the action's ESM dist/ by ncc it adds
 * 8.9 MB and fails when loaded ("__filename is not defined in ES module scope").
 */
import { parse, type Token } from 'sucrase/dist/parser/index.js';
import { TokenType as tt } from 'sucrase/dist/parser/tokenizer/types.js';

export class StagedEditError extends Error {}

/** sucrase's IdentifierRole.ObjectKey: the token is a key of an object literal. */
const OBJECT_KEY = 10;

interface Parsed {
  text: string;
  tokens: Token[];
}

/** A key's name: an identifier or keyword as written, a string key without its quotes. */
function keyName({ text, tokens }: Parsed, i: number): string | undefined {
  const t = tokens[i]!;
  if (t.identifierRole !== OBJECT_KEY || t.isType) return undefined;
  const raw = text.slice(t.start, t.end);
  return t.type === tt.string ? raw.slice(1, -1) : raw;
}

/** A literal string value at token `i` (`'x'`, `"x"`, `` `x` ``) and the token after it. */
function stringAt(
  { text, tokens }: Parsed,
  i: number,
): { value: string; next: number } | undefined {
  const t = tokens[i];
  if (t?.type === tt.string) return { value: text.slice(t.start + 1, t.end - 1), next: i + 1 };
  if (
    t?.type === tt.backQuote &&
    tokens[i + 1]?.type === tt.template &&
    tokens[i + 2]?.type === tt.backQuote
  )
    return { value: text.slice(tokens[i + 1]!.start, tokens[i + 1]!.end), next: i + 3 };
  return undefined;
}

/** True when token `i` ends a property of object `id` (its comma, or the object's `}`). */
function endsProperty({ tokens }: Parsed, i: number, id: number | null): boolean {
  const t = tokens[i];
  return t?.type === tt.comma || (t?.type === tt.braceR && t.contextId === id);
}

/** The ids of the object literals holding `name: '<name>'` as their own property. */
function ruleObjects(p: Parsed, name: string): Set<number | null> {
  const ids = new Set<number | null>();
  for (let i = 0; i < p.tokens.length; i++) {
    if (keyName(p, i) !== 'name' || p.tokens[i + 1]?.type !== tt.colon) continue;
    const value = stringAt(p, i + 2);
    if (value?.value === name && endsProperty(p, value.next, p.tokens[i]!.contextId))
      ids.add(p.tokens[i]!.contextId);
  }
  return ids;
}

/** Token indexes of the `staged` keys of object `id` whose value is exactly `true`. */
function stagedTrue(p: Parsed, id: number | null): number[] {
  const found: number[] = [];
  for (let i = 0; i < p.tokens.length; i++) {
    if (p.tokens[i]!.contextId !== id || keyName(p, i) !== 'staged') continue;
    if (
      p.tokens[i + 1]?.type === tt.colon &&
      p.tokens[i + 2]?.type === tt._true &&
      endsProperty(p, i + 3, id)
    )
      found.push(i);
  }
  return found;
}

/** The source with `staged: true` removed from rule `name`'s options (its line too when it stood alone). */
export function removeStaged(text: string, name: string, file: string): string {
  let tokens: Token[];
  try {
    tokens = parse(text, /\.[jt]sx$/.test(file), !/\.[cm]?jsx?$/.test(file), false).tokens;
  } catch (err) {
    throw new StagedEditError(
      `${file}: rule "${name}": the file does not parse (${(err as Error).message}); remove \`staged: true\` by hand`,
    );
  }
  const p: Parsed = { text, tokens };
  const objects = [...ruleObjects(p, name)];
  if (objects.length !== 1)
    throw new StagedEditError(
      `${file}: rule "${name}": expected its \`name: '${name}'\` once, found it ${objects.length} times; remove \`staged: true\` by hand`,
    );
  const entries = stagedTrue(p, objects[0]!);
  if (entries.length !== 1)
    throw new StagedEditError(
      `${file}: rule "${name}": expected exactly one \`staged: true\` in the rule's options, found ${entries.length}; remove it by hand`,
    );
  const key = entries[0]!;
  const from = tokens[key]!.start;
  const valueEnd = tokens[key + 2]!.end;
  const after = tokens[key + 3]!;
  const comma = after.type === tt.comma ? after.end : undefined;

  if (comma !== undefined) {
    const lineStart = text.lastIndexOf('\n', from - 1) + 1;
    const newline = text.indexOf('\n', comma);
    const lineEnd = newline === -1 ? text.length : newline;
    // Alone on its line (a comment after it belongs to it): the whole line goes.
    if (
      text.slice(lineStart, from).trim() === '' &&
      /^\s*(?:\/\/.*|\/\*(?:(?!\*\/).)*\*\/\s*)?$/.test(text.slice(comma, lineEnd))
    )
      return text.slice(0, lineStart) + text.slice(Math.min(lineEnd + 1, text.length));
    // Among other entries on the line: it, its comma and the space after them.
    const space = /^[ \t]*/.exec(text.slice(comma))![0].length;
    return text.slice(0, from) + text.slice(comma + space);
  }
  // The last entry, without a comma after it: the comma before it goes with it.
  const before = tokens[key - 1];
  if (before?.type === tt.comma) {
    const previousEnd = tokens[key - 2]!.end;
    return text.slice(0, previousEnd) + text.slice(valueEnd);
  }
  return text.slice(0, from) + text.slice(valueEnd);
}
