/**
 * `json_path` evaluation. The forms logs.json uses in practice (`Records[*]`,
 * `logEvents[*].extractedFields`, `$.logs.results[*]`) run on a small walker: this is
 * per record on the hot path. Anything else goes to jsonpath-plus.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Semantics } from '../generation.js';
import { compileJmesPath } from './jmespath.js';

const SIMPLE = /^(?:\$\.?)?(?:[A-Za-z_][\w-]*(?:\[\*\])?|\[\*\])(?:\.[A-Za-z_][\w-]*(?:\[\*\])?)*$/;

type Step = { key?: string; all: boolean };

function compileSimple(path: string): Step[] {
  const body = path.replace(/^\$\.?/, '');
  return body.split('.').map((part) => {
    const all = part.endsWith('[*]');
    const key = all ? part.slice(0, -3) : part;
    return { key: key === '' ? undefined : key, all };
  });
}

export type JsonPathQuery = (payload: unknown) => unknown[];

/** The json_path of a log, in its generation's language (JMESPath in StreamAlert 3). */
export function compileJsonPath(path: string, semantics?: Semantics): JsonPathQuery {
  if (semantics?.jsonPath === 'jmespath') return compileJmesPath(path);
  if (!SIMPLE.test(path)) {
    return (payload) => JSONPath({ path, json: payload as object, wrap: true }) as unknown[];
  }
  const steps = compileSimple(path);
  return (payload) => {
    let current: unknown[] = [payload];
    for (const step of steps) {
      const next: unknown[] = [];
      for (const node of current) {
        let v: unknown = node;
        if (step.key !== undefined) {
          if (typeof v !== 'object' || v === null || Array.isArray(v)) continue;
          v = (v as Record<string, unknown>)[step.key];
          if (v === undefined) continue;
        }
        if (step.all) {
          if (Array.isArray(v)) for (const item of v) next.push(item);
          else if (typeof v === 'object' && v !== null)
            for (const item of Object.values(v)) next.push(item);
        } else next.push(v);
      }
      current = next;
    }
    return current;
  };
}
