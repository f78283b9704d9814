/**
 * GitHub annotations, written through @actions/core when running inside Actions: the sink
 * of src/shared/annotations.ts, installed when this module loads (both doors load it
 * through errors.ts), and configuration problems as file annotations. The message goes
 * through the log mask (known secrets, mask patterns): a problem may quote a value, such as
 * a webhook URL put where a descriptor belongs.
 */
import * as core from '@actions/core';
import type { ConfigProblem } from '../config/problems.js';
import { formatProblem } from '../config/problems.js';
import { sendAnnotation, setAnnotationSink, type Annotation } from '../shared/annotations.js';
import { maskLog } from '../shared/log-mask.js';

function writeAnnotation({ level, message, ...properties }: Annotation): void {
  if (level === 'error') core.error(message, properties);
  else core.warning(message, properties);
}

setAnnotationSink(writeAnnotation);

export function annotate(problems: ConfigProblem[]): void {
  for (const p of problems) {
    sendAnnotation({
      level: 'error',
      message: maskLog(formatProblem(p)),
      title: 'StreamAlert configuration',
      file: p.file,
      startLine: p.line,
      startColumn: p.column,
    });
  }
}
