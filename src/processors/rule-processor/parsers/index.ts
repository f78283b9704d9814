import type { LogDefinition, ParserName } from '../../config/types.js';
import { semanticsOf, type Semantics } from '../generation.js';
import { csvParser } from './csv.js';
import { jsonParser } from './json.js';
import { kvParser } from './kv.js';
import { syslogParser } from './syslog.js';
import type { LogParser } from './types.js';

const PARSERS: Record<ParserName, (log: LogDefinition, semantics: Semantics) => LogParser> = {
  json: jsonParser,
  csv: csvParser,
  kv: kvParser,
  syslog: syslogParser,
};

export function parserFor(log: LogDefinition, semantics: Semantics = semanticsOf()): LogParser {
  return PARSERS[log.parser](log, semantics);
}

export {
  jsonBounds,
  rawInput,
  textInput,
  UNDECIDED,
  type RawInput,
  type Extracted,
  type Rejected,
  type LogParser,
} from './types.js';
export { ENVELOPE_KEY } from './envelope.js';
