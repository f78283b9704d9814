/**
 * The log types the rules read, each with its rules: `build` writes them to
 * source_health.json next to the zips. The cluster roots read that file at plan time
 * (modules/stream_alert/source_health.tf: a silence alarm per log type), and `plan` and
 * `drift` read it to name the rules a silent source leaves blind. It is a build output,
 * not a render input, because only the build runs the rules (in the sandbox) to learn
 * their `logs`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RuleInfo } from '../sandbox/protocol.js';
import { SOURCE_HEALTH_FILE } from '../render/model.js';

export { SOURCE_HEALTH_FILE };

/** Log type → the rules that name it in `logs`, both sorted (byte-identical builds). */
export function rulesByLogType(rules: readonly Pick<RuleInfo, 'name' | 'logs'>[]) {
  const byLog = new Map<string, Set<string>>();
  for (const r of rules) {
    for (const log of r.logs ?? []) {
      let names = byLog.get(log);
      if (!names) byLog.set(log, (names = new Set()));
      names.add(r.name);
    }
  }
  const sorted = [...byLog.keys()].sort();
  return Object.fromEntries(sorted.map((log) => [log, [...byLog.get(log)!].sort()]));
}

export function sourceHealthText(rules: readonly Pick<RuleInfo, 'name' | 'logs'>[]): string {
  return `${JSON.stringify({ log_types: rulesByLogType(rules) }, null, 2)}\n`;
}

/**
 * The build's source_health.json, or undefined when there is none (no build yet): then
 * nothing is said about blind rules. A file that is there but not ours is an error.
 */
export async function readRulesByLogType(
  buildDir: string,
): Promise<Record<string, string[]> | undefined> {
  const file = path.join(buildDir, SOURCE_HEALTH_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as { log_types?: unknown };
  const logTypes = parsed.log_types;
  if (
    typeof logTypes !== 'object' ||
    logTypes === null ||
    !Object.values(logTypes).every((v) => Array.isArray(v) && v.every((n) => typeof n === 'string'))
  )
    throw new Error(`${file}: /log_types must map each log type to a list of rule names`);
  return logTypes as Record<string, string[]>;
}
