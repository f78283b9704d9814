/** Notices about a valid configuration: things worth saying that are not problems. */
import path from 'node:path';
import type { Config } from './types.js';

/** Names conf/ entries this project does not read (StreamAlert's lambda.json, ...), or undefined. */
export function unusedFilesNotice(config: Config): string | undefined {
  if (config.unusedFiles.length === 0) return undefined;
  return `${path.join(config.configDir)}: not used by this project: ${config.unusedFiles.join(', ')} (accepted so a StreamAlert conf/ works unchanged; nothing reads them)`;
}
