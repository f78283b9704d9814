/** `validate`: the schema and cross-file checks, nothing written. Shared by the CLI and the action. */
import { sigmaContextOf, sigmaProblems } from '../build/rules.js';
import { loadConfig } from '../config/load.js';
import { compatibilityNotice } from '../config/notices.js';
import { ConfigError } from '../config/problems.js';

export interface ValidateResult {
  clusters: string[];
  /** The StreamAlert keys accepted but acting differently, and the files nothing reads, when there are any. */
  notice?: string;
}

/**
 * Throws ConfigError with every problem found. With `rulesDir`, its Sigma rules are
 * compiled too (they are data, so no rule code runs): a rule that does not parse, uses an
 * unsupported modifier or names an unmapped logsource is a problem with its file and line.
 */
export async function validateCommand(
  configDir: string,
  rulesDir?: string,
): Promise<ValidateResult> {
  const config = await loadConfig(configDir);
  if (rulesDir !== undefined) {
    const problems = await sigmaProblems(rulesDir, sigmaContextOf(config.processors));
    if (problems.length > 0)
      throw new ConfigError(
        problems.map((p) => ({
          file: p.file,
          pointer: '',
          line: p.line,
          column: p.column,
          message: p.message,
        })),
      );
  }
  const notice = compatibilityNotice(config);
  return { clusters: config.clusters.map((c) => c.id), ...(notice ? { notice } : {}) };
}
