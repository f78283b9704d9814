/** `validate`: the schema and cross-file checks, nothing written. Shared by the CLI and the action. */
import { loadConfig } from '../config/load.js';
import { compatibilityNotice } from '../config/notices.js';

export interface ValidateResult {
  clusters: string[];
  /** The StreamAlert keys accepted but acting differently, and the files nothing reads, when there are any. */
  notice?: string;
}

/** Throws ConfigError with every problem found. */
export async function validateCommand(configDir: string): Promise<ValidateResult> {
  const config = await loadConfig(configDir);
  const notice = compatibilityNotice(config);
  return { clusters: config.clusters.map((c) => c.id), ...(notice ? { notice } : {}) };
}
