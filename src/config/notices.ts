/** Notices about a valid configuration: things worth saying that are not problems. */
import path from 'node:path';
import { escapeControl } from './problems.js';
import type { Config } from './types.js';

/**
 * A StreamAlert key (or file) accepted so a StreamAlert conf/ works unchanged, which
 * configures something this project does differently or not at all: said once, in the
 * notice, never silently dropped.
 */
export interface ConfigNote {
  file: string;
  /** JSON pointer of the key; '' for the whole file or folder. */
  pointer: string;
  /** What happens to it here. */
  note: string;
}

/**
 * The one notice naming every accepted-but-different key and every conf/ entry nothing
 * reads (StreamAlert's threat_intel.json, ...), or undefined when there is none: a first
 * line, then one line per key, `file: /pointer: what happens here`.
 */
export function compatibilityNotice(config: Config): string | undefined {
  const lines = config.notes.map(
    (n) =>
      `  ${escapeControl(n.file)}: ${n.pointer === '' ? '/' : escapeControl(n.pointer)}: ${n.note}`,
  );
  if (config.unusedFiles.length > 0)
    lines.push(
      `  ${path.join(config.configDir)}: not used by this project: ${config.unusedFiles.join(', ')} (nothing reads them)`,
    );
  if (lines.length === 0) return undefined;
  return [
    `${lines.length} StreamAlert setting(s) accepted, so the conf/ works unchanged, but not acting as in StreamAlert (see docs/streamalert-migration.md):`,
    ...lines,
  ].join('\n');
}
