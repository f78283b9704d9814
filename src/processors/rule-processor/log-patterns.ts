/**
 * `log_patterns`: after a record parses, each listed field must match one of its shell
 * patterns. StreamAlert used this to tell apart logs with the same shape (a `pan` log
 * needs `type: TRAFFIC`). A missing field is skipped, as there.
 */
import type { LogPatterns } from '../config/types.js';
import { isPlainObject } from './schema.js';

export type PatternCheck = (record: Record<string, unknown>) => boolean;

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (const c of glob) re += c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${re}$`, 's');
}

export function compilePatterns(patterns: LogPatterns): PatternCheck {
  const checks: PatternCheck[] = [];
  for (const [field, spec] of Object.entries(patterns)) {
    if (Array.isArray(spec)) {
      const res = (spec as readonly string[]).map(globToRegExp);
      checks.push((r) => !(field in r) || res.some((re) => re.test(String(r[field]))));
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
