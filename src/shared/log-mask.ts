/**
 * The process-wide mask for everything written to the log (annotations, log lines, the
 * failure line, the rules' console output): set once by the action or the CLI from the
 * known secrets and the mask patterns; the identity until then.
 */
let current: (text: string) => string = (text) => text;

export function setLogMask(mask: (text: string) => string): void {
  current = mask;
}

export function maskLog(text: string): string {
  return current(text);
}
