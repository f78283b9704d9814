/**
 * Configuration problems as GitHub file annotations, when running inside Actions. The
 * message goes through the log mask (known secrets, mask patterns): a problem may quote a
 * value, such as a webhook URL put where a descriptor belongs.
 */
import * as core from '@actions/core';
import type { ConfigProblem } from '../config/problems.js';
import { formatProblem } from '../config/problems.js';
import { maskLog } from '../shared/log-mask.js';

export function annotate(problems: ConfigProblem[]): void {
  if (process.env.GITHUB_ACTIONS !== 'true') return;
  for (const p of problems) {
    core.error(maskLog(formatProblem(p)), {
      title: 'StreamAlert configuration',
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    });
  }
}
