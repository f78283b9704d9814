/**
 * Lines and columns for problems found after loading (a plan that did not find a resource
 * the configuration names), so their annotations point at the value, as validation's do.
 * A file that cannot be read again leaves its problems as they are.
 */
import type { ConfigProblem } from './problems.js';
import { readJsonFile, withPositions } from './read-json.js';

export async function withLines(problems: readonly ConfigProblem[]): Promise<ConfigProblem[]> {
  const files = new Map<string, Awaited<ReturnType<typeof readJsonFile>>>();
  const result: ConfigProblem[] = [];
  for (const p of problems) {
    if (!files.has(p.file)) files.set(p.file, await readJsonFile(p.file, []));
    const json = files.get(p.file);
    result.push(json ? withPositions(json, [p])[0]! : p);
  }
  return result;
}
