/** Configuration problems as GitHub file annotations, when running inside Actions. */
import * as core from '@actions/core';
import type { ConfigProblem } from '../config/problems.js';
import { formatProblem } from '../config/problems.js';

export function annotate(problems: ConfigProblem[]): void {
  if (process.env.GITHUB_ACTIONS !== 'true') return;
  for (const p of problems) {
    core.error(formatProblem(p), {
      title: 'StreamAlert configuration',
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    });
  }
}
