/**
 * The syslog parser, with StreamAlert's exact pattern: `Mon DD HH:MM:SS host app[pid]: message`
 * where the day has two digits, the host is word characters and dashes, the application
 * word characters. Python's `\s` and `.` (no newline) are spelled out so the match is the same.
 */
import type { LogDefinition } from '../../config/types.js';
import { compileConverter, compileSchema } from '../schema.js';
import type { LogParser } from './types.js';

const S = '[ \\t\\n\\r\\f\\v]';
const LINE = new RegExp(
  `^(\\w{3}${S}\\d{2}${S}(?:\\d{2}:?)+)${S}((?:\\w-*)+)${S}(\\w+)(?:\\[\\w+\\])*:${S}([^\\n]*)\\n?$`,
);

export function syslogParser(log: LogDefinition): LogParser {
  const schema = compileSchema(log.schema);
  return {
    convert: compileConverter(schema),
    extract(input) {
      const m = LINE.exec(input.text);
      if (!m) return undefined;
      const groups: Record<string, string> = {
        timestamp: m[1]!,
        host: m[2]!,
        application: m[3]!,
        message: m[4]!,
      };
      const record: Record<string, unknown> = {};
      for (const key of schema.keys) record[key] = groups[key];
      return { records: [record], rejected: [] };
    },
  };
}
