/**
 * `log_patterns`: after a record parses, each listed field must match one of its patterns.
 * StreamAlert used this to tell apart logs with the same shape (a `pan` log needs
 * `type: TRAFFIC`). Patterns are Python fnmatch patterns (`*`, `?`, `[seq]`, `[!seq]`,
 * case-sensitive); a field the record lacks is skipped, as there; a value that is not a
 * string is matched as Python's str() prints it.
 *
 * StreamAlert 3 (`patterns: 'first-nested'`) checked them in order and answered with the
 * first nested pattern's result (a `return` inside its loop), and a field the record lacks
 * failed the check.
 */
import type { LogPatterns } from '../config/types.js';
import { isPlainObject, pyStr } from './schema.js';

export type PatternCheck = (record: Record<string, unknown>) => boolean;

/** Python's fnmatch.translate, as a RegExp. */
export function fnmatchToRegExp(pattern: string): RegExp {
  let re = '';
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        re += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, j);
      const negate = body.startsWith('!');
      if (negate) body = body.slice(1);
      // Inside a class only backslash, ']' and '^' need escaping; '-' keeps its range meaning.
      body = body.replace(/[\\\]^]/g, '\\$&');
      re += `[${negate ? '^' : ''}${body}]`;
      i = j;
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

export function compilePatterns(
  patterns: LogPatterns,
  mode: 'all' | 'first-nested' = 'all',
): PatternCheck {
  if (mode === 'first-nested') return firstNested(patterns);
  const checks: PatternCheck[] = [];
  for (const [field, spec] of Object.entries(patterns)) {
    if (Array.isArray(spec)) {
      const res = (spec as readonly string[]).map(fnmatchToRegExp);
      checks.push((r) => !(field in r) || res.some((re) => re.test(pyStr(r[field]))));
    } else {
      const nested = compilePatterns(spec as LogPatterns);
      checks.push((r) => {
        const v = r[field];
        return v === undefined || (isPlainObject(v) && nested(v));
      });
    }
  }
  return (r) => checks.every((c) => c(r));
}

/** StreamAlert 3's ParserBase._matches_log_patterns. */
function firstNested(patterns: LogPatterns): PatternCheck {
  const steps = Object.entries(patterns).map(([field, spec]) =>
    Array.isArray(spec)
      ? { field, res: (spec as readonly string[]).map(fnmatchToRegExp) }
      : { field, nested: firstNested(spec as LogPatterns) },
  );
  return (r) => {
    let result = true;
    for (const step of steps) {
      if (step.nested) {
        const v = r[step.field];
        return isPlainObject(v) && step.nested(v);
      }
      if (!Object.prototype.hasOwnProperty.call(r, step.field)) return false;
      const text = pyStr(r[step.field]);
      result = result && step.res!.some((re) => re.test(text));
    }
    return result;
  };
}
