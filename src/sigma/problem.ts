/** A problem of a Sigma file, and how compile steps raise one at a YAML node. */
import type { Node as YamlNode } from 'yaml';

export interface SigmaProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export const formatSigmaProblem = (p: SigmaProblem): string =>
  `${p.file}: line ${p.line}, column ${p.column}: ${p.message}`;

/** Thrown by a compile step; `extra` moves the column within the node (a condition's offset). */
export class Problem extends Error {
  constructor(
    message: string,
    readonly node: YamlNode | undefined,
    readonly extra = 0,
  ) {
    super(message);
  }
}
