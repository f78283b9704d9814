/** A configuration problem, pinned to a file and a JSON pointer inside it. */
export interface ConfigProblem {
  file: string;
  /** RFC 6901 pointer to the offending value; '' for the whole document. */
  pointer: string;
  message: string;
  /** 1-based line of the value, when known (GitHub annotations use it). */
  line?: number;
  column?: number;
}

export function formatProblem(p: ConfigProblem): string {
  if (p.pointer === '' && p.line !== undefined) {
    return `${p.file}: line ${p.line}, column ${p.column ?? 1}: ${p.message}`;
  }
  return `${p.file}: ${p.pointer === '' ? '/' : p.pointer}: ${p.message}`;
}

/** Thrown when configuration is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
  }
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
