/**
 * Reads one JSON configuration file for validation: its text (kept for line numbers) and
 * parsed value, or one problem naming the file and, where it helps, the line and column.
 * Shared by every configuration loader so all of them report alike.
 *
 * Total on any input: only regular files inside the configuration folder are opened (a
 * FIFO or device named like a config file is refused without reading it; a symbolic link
 * leaving the folder is refused without reading or naming its target), the size is
 * bounded, the encoding is checked (UTF-8, with or without a BOM; UTF-16 and invalid UTF-8
 * are named), and the text is scanned (json-locate.ts) before JSON.parse: exact syntax
 * error positions, nesting depth bounded before any recursive walk, numbers JSON.parse
 * would change and strings holding a lone surrogate refused.
 */
import path from 'node:path';
import { readRepositoryFile, type RepoFileKind } from '../shared/repo-file.js';
import type { ConfigProblem } from './problems.js';
import { positionOfOffset, scanJson, type Position } from './json-locate.js';

export interface JsonFile {
  file: string;
  text: string;
  data: unknown;
  /** Line/column of every pointer (from the scan), when known. */
  positions?: Map<string, Position>;
}

/** No configuration file comes near this; a bigger one is a mistake, not a config. */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;
/** Objects and arrays inside each other; StreamAlert's deepest (nested log schemas) use under 10. */
export const MAX_CONFIG_DEPTH = 100;

const CONFIG_FILES: RepoFileKind = {
  files: 'configuration files',
  where: 'the configuration folder',
  into: 'the folder',
  maxBytes: MAX_CONFIG_FILE_BYTES,
};

/** Offset of the first byte that is not valid UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** The text of UTF-8 bytes (BOM dropped), or a problem naming the encoding. */
function decode(bytes: Buffer, file: string): { text: string } | { problem: ConfigProblem } {
  const problem = (message: string, pos?: Position): { problem: ConfigProblem } => ({
    problem: { file, pointer: '', message, ...pos },
  });
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return problem('file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8');
  }
  const body =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul !== -1) {
    // Text in UTF-16 has a NUL next to almost every ASCII character.
    if (nul < 2) return problem('file is UTF-16 (or UTF-32): it holds NUL bytes; save it as UTF-8');
    const bad = firstInvalidUtf8(body.subarray(0, nul));
    if (bad === -1) {
      return problem(
        'file holds a NUL byte (it is binary, UTF-16 or corrupted); save it as UTF-8 text',
        positionOfOffset(
          body.subarray(0, nul).toString('utf8'),
          body.subarray(0, nul).toString('utf8').length,
        ),
      );
    }
  }
  const bad = firstInvalidUtf8(body);
  if (bad !== -1) {
    const before = body.subarray(0, bad).toString('utf8');
    return problem(
      `file is not valid UTF-8 (byte 0x${body[bad]!.toString(16).toUpperCase().padStart(2, '0')}, perhaps Latin-1 or Windows-1252 text); save it as UTF-8`,
      positionOfOffset(before, before.length),
    );
  }
  return { text: body.toString('utf8') };
}

/** The bytes of a regular file inside `root`, or a problem; refuses anything else before reading. */
async function readRegularFile(
  file: string,
  root: string,
  optional: boolean,
): Promise<Buffer | ConfigProblem | null> {
  const read = await readRepositoryFile(file, root, CONFIG_FILES);
  if ('bytes' in read) return read.bytes;
  if ('missing' in read && optional) return null;
  return { file, pointer: '', message: 'refused' in read ? read.refused : 'file not found' };
}

/**
 * The parsed file; `undefined` when it is missing or broken (a problem was recorded),
 * `null` when it is missing and `optional`. `root` is the configuration folder: a file
 * whose real path leaves it is refused.
 */
export async function readJsonFile(
  file: string,
  problems: ConfigProblem[],
  optional = false,
  root = path.dirname(file),
): Promise<JsonFile | undefined | null> {
  const bytes = await readRegularFile(file, root, optional);
  if (bytes === null) return null;
  if (!Buffer.isBuffer(bytes)) {
    problems.push(bytes);
    return undefined;
  }
  const decoded = decode(bytes, file);
  if ('problem' in decoded) {
    problems.push(decoded.problem);
    return undefined;
  }
  const { text } = decoded;
  const scan = scanJson(text, MAX_CONFIG_DEPTH);
  if (scan.syntaxError) {
    problems.push({
      file,
      pointer: '',
      message: `not valid JSON: ${scan.syntaxError.message}`,
      ...positionOfOffset(text, scan.syntaxError.offset),
    });
    return undefined;
  }
  if (scan.tooDeep) {
    problems.push({
      file,
      pointer: '',
      message: `nested more than ${MAX_CONFIG_DEPTH} levels deep (objects and arrays inside each other); no configuration needs that many`,
      ...positionOfOffset(text, scan.tooDeep.offset),
    });
    return undefined;
  }
  // Both would silently change on the way: a number when parsed, a lone surrogate when written.
  const changed = [...scan.numbers, ...scan.strings].sort((a, b) => a.offset - b.offset);
  if (changed.length > 0) {
    for (const n of changed)
      problems.push({
        file,
        pointer: n.pointer,
        message: n.message,
        ...positionOfOffset(text, n.offset),
      });
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    // The scan accepted it, so this should not happen; still one line, never a crash.
    problems.push({
      file,
      pointer: '',
      message: `not valid JSON: ${(err as Error).message}`,
      line: 1,
      column: 1,
    });
    return undefined;
  }
  return { file, text, data, positions: scan.positions };
}

/**
 * Gives each problem the line and column of its value. A pointer to a missing or unknown
 * key has no position of its own; its nearest existing parent does.
 */
export function withPositions(json: JsonFile, found: ConfigProblem[]): ConfigProblem[] {
  const positions = json.positions ?? scanJson(json.text, MAX_CONFIG_DEPTH).positions;
  return found.map((p) => {
    let pointer = p.pointer;
    while (!positions.has(pointer) && pointer !== '')
      pointer = pointer.slice(0, pointer.lastIndexOf('/'));
    return { ...p, ...positions.get(pointer) };
  });
}
