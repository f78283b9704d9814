/**
 * Reads one JSON configuration file for validation: its text (kept for line numbers) and
 * parsed value, or a problem naming the file and, for a syntax error, the line and column.
 * Shared by every configuration loader so all of them report alike.
 */
import { readFile } from 'node:fs/promises';
import type { ConfigProblem } from './problems.js';
import { locatePointers, positionOfOffset } from './json-locate.js';

export interface JsonFile {
  file: string;
  text: string;
  data: unknown;
}

/**
 * The parsed file; `undefined` when it is missing or broken (a problem was recorded),
 * `null` when it is missing and `optional`.
 */
export async function readJsonFile(
  file: string,
  problems: ConfigProblem[],
  optional = false,
): Promise<JsonFile | undefined | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && optional) return null;
    problems.push({ file, pointer: '', message: code === 'ENOENT' ? 'file not found' : `cannot read: ${code}` });
    return undefined;
  }
  try {
    return { file, text, data: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    const offset = /position (\d+)/.exec(message);
    const pos = offset ? positionOfOffset(text, Number(offset[1])) : { line: 1, column: 1 };
    const reason = message.replace(/^(JSON\.parse: )?/, '').replace(/ in JSON at position \d+.*$/, '');
    problems.push({ file, pointer: '', message: `not valid JSON: ${reason}`, ...pos });
    return undefined;
  }
}

/**
 * Gives each problem the line and column of its value. A pointer to a missing or unknown
 * key has no position of its own; its nearest existing parent does.
 */
export function withPositions(json: JsonFile, found: ConfigProblem[]): ConfigProblem[] {
  const positions = locatePointers(json.text);
  return found.map((p) => {
    let pointer = p.pointer;
    while (!positions.has(pointer) && pointer !== '') pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    return { ...p, ...positions.get(pointer) };
  });
}
