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

/**
 * Escapes what would break a one-line message or smuggle terminal/annotation control:
 * C0 and C1 control characters, DEL, line and paragraph separators, a stray BOM and lone
 * surrogates. A value with a newline therefore stays on its problem's one line.
 */
export function escapeControl(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex -- control characters are what is escaped
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => {
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    },
  );
}

/** Longest file, pointer or message kept whole; a 100 KB value quoted in a message is cut. */
const FIELD_MAX = 1000;

function cut(text: string): string {
  return text.length > FIELD_MAX
    ? `${text.slice(0, FIELD_MAX)}... (${text.length} characters)`
    : text;
}

/** The problem with every text field escaped (see escapeControl) and of bounded length. */
export function safeProblem(p: ConfigProblem): ConfigProblem {
  return {
    ...p,
    file: cut(escapeControl(p.file)),
    pointer: cut(escapeControl(p.pointer)),
    message: cut(escapeControl(p.message)),
  };
}

export function formatProblem(p: ConfigProblem): string {
  p = safeProblem(p);
  if (p.pointer === '' && p.line !== undefined) {
    return `${p.file}: line ${p.line}, column ${p.column ?? 1}: ${p.message}`;
  }
  return `${p.file}: ${p.pointer === '' ? '/' : p.pointer}: ${p.message}`;
}

/** Thrown when configuration is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    const safe = problems.map(safeProblem);
    super(safe.map(formatProblem).join('\n'));
    this.problems = safe;
    this.name = 'ConfigError';
  }
}

export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
