/**
 * The syslog parser: RFC 3164 lines `Mon DD HH:MM:SS host app[pid]: message` into
 * timestamp, host, application and message (the only schema syslog logs may have).
 */
import type { LogDefinition } from '../../config/types.js';
import { compileSchema, conform } from '../schema.js';
import type { Parse } from './types.js';

const LINE = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) (\S+) ([^\s[:]+)(?:\[\d+\])?: (.*)$/s;

export function syslogParser(log: LogDefinition): Parse {
  const schema = compileSchema(log.schema);
  return (input) => {
    const m = LINE.exec(input.text.trimEnd());
    if (!m) return undefined;
    const record = conform({ timestamp: m[1], host: m[2], application: m[3], message: m[4] }, schema);
    return record ? { records: [record], rejected: [] } : undefined;
  };
}
