/**
 * The `re` modifier's pattern is text from the pull request that runs on every record, on
 * values an attacker may shape: it must not backtrack for long. A pattern is accepted
 * when it keeps to the specification's flavour (literals and escapes, `.`, `^`, `$`,
 * quantifiers, classes, alternation, groups; no lookaround, backreference or named group)
 * and, like safe-regex's star-height check:
 *   - no quantified group holds a quantifier or an alternation (`(a+)+`, `(a|ab)*`);
 *   - at most MAX_OPEN_QUANTIFIERS unbounded quantifiers (`*`, `+`, `{n,}`, or `{n,m}` with
 *     m over 32) in sequence in any one alternative, after a leading or trailing `.*` that
 *     changes nothing is dropped.
 * The rule processor also gives a pattern at most the first 4096 characters of a value
 * (RE_INPUT_MAX), so the worst case is a small polynomial of a bounded length.
 */

export const MAX_OPEN_QUANTIFIERS = 2;
const MAX_PATTERN = 1000;

/** The pattern to compile (redundant `.*` ends dropped), or why it is refused. */
export function checkRegex(
  pattern: string,
  flags: string,
): { source: string } | { problem: string } {
  if (pattern.length > MAX_PATTERN)
    return { problem: `regular expression longer than ${MAX_PATTERN} characters` };
  let source = pattern;
  // Unanchored, a leading or trailing `.*` matches nothing more (with the s flag, or not).
  if (source.startsWith('.*') && !source.startsWith('.*?') && !/^\.\*[*+?{]/.test(source))
    source = source.slice(2);
  if (/[^\\]\.\*$/.test(source) && !/[^\\]\.\*\?$/.test(source)) source = source.slice(0, -2);
  try {
    new RegExp(source, flags);
  } catch (err) {
    return { problem: `invalid regular expression: ${(err as Error).message}` };
  }
  if (/\(\?[=!<]|\(\?<?[A-Za-z]|\\[1-9]|\\k</.test(source))
    return {
      problem:
        'lookaround, named groups and backreferences are outside the Sigma regular expression flavour',
    };
  // Walk the pattern: each group records whether it holds a quantifier or an alternation.
  // `current`: unbounded quantifiers in the branch being read; `best`: the most of its
  // finished branches. Alternatives are tried one after the other, so a pattern's degree is
  // that of its worst branch, not the sum over all of them.
  type Frame = { quantified: boolean; alternation: boolean; current: number; best: number };
  const top: Frame = { quantified: false, alternation: false, current: 0, best: 0 };
  const stack: Frame[] = [];
  const frame = () => stack.at(-1) ?? top;
  let lastGroup: Frame | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      lastGroup = undefined;
      continue;
    }
    if (c === '[') {
      // Skip the class: `]` right after `[` or `[^` is literal.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      lastGroup = undefined;
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: false, alternation: false, current: 0, best: 0 });
      if (source[i + 1] === '?' && source[i + 2] === ':') i += 2;
      lastGroup = undefined;
      continue;
    }
    if (c === ')') {
      lastGroup = stack.pop();
      // What a group holds, its enclosing group holds too.
      const parent = frame();
      if (lastGroup) {
        parent.quantified ||= lastGroup.quantified;
        parent.alternation ||= lastGroup.alternation;
        parent.current += Math.max(lastGroup.best, lastGroup.current);
      }
      continue;
    }
    if (c === '|') {
      const f = frame();
      if (stack.length > 0) f.alternation = true;
      f.best = Math.max(f.best, f.current);
      f.current = 0;
      lastGroup = undefined;
      continue;
    }
    let unbounded = false;
    let quantifier = false;
    if (c === '*' || c === '+') {
      quantifier = unbounded = true;
    } else if (c === '?') {
      quantifier = true;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
      if (m) {
        quantifier = true;
        unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 32);
        i += m[0].length - 1;
      }
    }
    if (!quantifier) {
      lastGroup = undefined;
      continue;
    }
    if (source[i + 1] === '?') i++; // lazy
    if (lastGroup && (lastGroup.quantified || lastGroup.alternation) && (unbounded || c !== '?'))
      return {
        problem:
          'a repeated group holds a quantifier or an alternation (nested repetition backtracks without bound); rewrite it without',
      };
    if (stack.length > 0) stack.at(-1)!.quantified = true;
    if (unbounded) frame().current++;
    if (Math.max(top.best, top.current, ...stack.map((f) => f.current)) > MAX_OPEN_QUANTIFIERS)
      return {
        problem: `more than ${MAX_OPEN_QUANTIFIERS} unbounded quantifiers (*, +, {n,}) in one alternative, after dropping a leading or trailing .*; the rule processor refuses patterns that can backtrack for long`,
      };
    lastGroup = undefined;
  }
  return { source };
}
