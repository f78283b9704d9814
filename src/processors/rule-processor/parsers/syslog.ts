/**
 * The syslog parser, with StreamAlert's exact pattern: `Mon DD HH:MM:SS host app[pid]: message`
 * where the day has two digits, the host is word characters and dashes, the application
 * word characters. Python's `\s` and `.` (no newline) are spelled out so the match is the same.
 */
import type { LogDefinition } from '../../config/types.js';
import { semanticsOf, type Semantics } from '../generation.js';
import { compileSchema, compileSlotConverter, converterFor } from '../schema.js';
import { UNDECIDED, type LogParser } from './types.js';

const S = '[ \\t\\n\\r\\f\\v]';
const LINE = new RegExp(
  `^(\\w{3}${S}\\d{2}${S}(?:\\d{2}:?)+)${S}((?:\\w-*)+)${S}(\\w+)(?:\\[\\w+\\])*:${S}([^\\n]*)\\n?$`,
);

/** The match group of each field the pattern captures. */
const GROUPS: Record<string, number> = { timestamp: 1, host: 2, application: 3, message: 4 };

export function syslogParser(log: LogDefinition, semantics: Semantics = semanticsOf()): LogParser {
  const schema = compileSchema(log.schema);
  const keys = schema.keys;
  // Per schema key, its group; a key the pattern does not capture gets what a plain object
  // holds under that name (undefined, or an inherited member such as "constructor").
  const groupOf = keys.map((k) => (Object.hasOwn(GROUPS, k) ? GROUPS[k]! : 0));
  const plain: Record<string, unknown> = {};
  const fixed = keys.map((k) => plain[k]);
  // The typed record straight from the match, when every schema key is a captured field.
  // (StreamAlert 3 keeps false values: its records take the general path.)
  const fromGroups =
    !semantics.keepFalsy && groupOf.every((g) => g !== 0)
      ? compileSlotConverter(schema, groupOf)
      : undefined;
  return {
    convert: converterFor(schema, semantics.keepFalsy),
    ...(fromGroups
      ? {
          readLine: (text: string) => {
            const m = LINE.exec(text);
            return m ? (fromGroups(m) ?? UNDECIDED) : undefined;
          },
        }
      : {}),
    extract(input) {
      const m = LINE.exec(input.text);
      if (!m) return undefined;
      const record: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const g = groupOf[i]!;
        record[keys[i]!] = g === 0 ? fixed[i] : m[g];
      }
      return { records: [record], rejected: [] };
    },
  };
}
