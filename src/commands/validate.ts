/** `validate`: the schema and cross-file checks, nothing written. Shared by the CLI and the action. */
import { loadConfig } from '../config/load.js';
import { unusedFilesNotice } from '../config/notices.js';

export interface ValidateResult {
  clusters: string[];
  /** Files in conf/ this project does not read (StreamAlert-only ones), when there are any. */
  notice?: string;
}

/** Throws ConfigError with every problem found. */
export async function validateCommand(configDir: string): Promise<ValidateResult> {
  const config = await loadConfig(configDir);
  const notice = unusedFilesNotice(config);
  return { clusters: config.clusters.map((c) => c.id), ...(notice ? { notice } : {}) };
}
