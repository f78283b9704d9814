/**
 * The parsers' fast paths (csv rows without quotes split at the delimiter, kv lines without
 * blank fields, syslog fields read by group) give what the general code gave: checked
 * against the character-by-character csv reader as it was, and on edge cases.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { toLogs } from '../../src/processors/config/convert.js';
import {
  readCsv,
  type CsvDialect,
} from '../../src/processors/rule-processor/parsers/csv-reader.js';
import { parserFor, rawInput } from '../../src/processors/rule-processor/parsers/index.js';

/** readCsv before the fast path (commit 746a160), the reference. */
function referenceReadCsv(text: string, dialect: CsvDialect): string[][] {
  const { delimiter, quotechar, escapechar } = dialect;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let atFieldStart = true;
  let quoted = false;
  let rowHasData = false;
  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = () => {
    if (rowHasData || row.length > 0) {
      endField();
      rows.push(row);
    }
    row = [];
    field = '';
    atFieldStart = true;
    rowHasData = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (escapechar !== undefined && c === escapechar && i + 1 < text.length) {
      field += text[++i];
      atFieldStart = false;
      rowHasData = true;
      continue;
    }
    if (quoted) {
      if (c === quotechar) {
        if (text[i + 1] === quotechar) {
          field += c;
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === quotechar && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      rowHasData = true;
    } else if (c === delimiter) {
      endField();
      rowHasData = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
      atFieldStart = false;
      rowHasData = true;
    }
  }
  endRow();
  return rows;
}

const DIALECTS: CsvDialect[] = [
  { delimiter: ',', quotechar: '"' },
  { delimiter: '\t', quotechar: "'" },
  { delimiter: ',', quotechar: '"', escapechar: '\\' },
  { delimiter: ',', quotechar: '"', escapechar: '' },
  { delimiter: ',', quotechar: '' },
  { delimiter: '||', quotechar: '"' },
  { delimiter: ',', quotechar: '""' },
];

const TEXTS = [
  '',
  ',',
  'a',
  'a,',
  ',a',
  'a,b,c',
  'a,,c',
  ' a , b ',
  'a,"b,c",d',
  '"a""b",c',
  'a\\,b,c',
  'a\tb\tc',
  "a\t'b\tc'\td",
  'a||b||c',
  'a,b\nc,d',
  'a,b\r\nc,d',
  'a,b\r',
  '\n',
  'ünïcödé,✓,🚀',
  'x'.repeat(100_000) + ',y',
];

describe('readCsv', () => {
  it('reads every edge case as the character-by-character reader did', () => {
    for (const dialect of DIALECTS)
      for (const text of TEXTS)
        expect(
          readCsv(text, dialect),
          `${JSON.stringify(dialect)} ${JSON.stringify(text.slice(0, 30))}`,
        ).toEqual(referenceReadCsv(text, dialect));
  });

  it('reads random texts as the character-by-character reader did', () => {
    const alphabet = 'ab ,\t|"\'\\\n\rü';
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Compared in the loop, asserted once: an expect per text was most of the test's time.
    const differences: object[] = [];
    for (let i = 0; i < 5000; i++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(next() * alphabet.length)];
      for (const dialect of DIALECTS) {
        const [read, reference] = [readCsv(text, dialect), referenceReadCsv(text, dialect)];
        if (!isDeepStrictEqual(read, reference))
          differences.push({ dialect, text, read, reference });
      }
    }
    expect(differences).toEqual([]);
  });
});

const parse = (logs: Record<string, unknown>, text: string) => {
  const [log] = toLogs(logs);
  const parser = parserFor(log!);
  const found = parser.extract(rawInput(text));
  return found && { ...found, typed: found.records.map((r) => parser.convert(r)) };
};

describe('kv', () => {
  const logs = { 'app:kv': { parser: 'kv', schema: { a: 'string', b: 'integer', c: 'string' } } };

  it('drops blank fields, keeps the first separator, renames repeated keys', () => {
    expect(parse(logs, 'a=1 b=2 c=3')?.records).toEqual([{ a: '1', b: '2', c: '3' }]);
    expect(parse(logs, '  a=1   b=2 c=x=y  ')?.records).toEqual([{ a: '1', b: '2', c: 'x=y' }]);
    expect(parse(logs, 'a=1 a=2 c=3')?.records).toEqual([{ a: '1', b: '2', c: '3' }]);
    expect(parse(logs, 'a=1 =2 c=')?.records).toEqual([{ a: '1' }]);
    expect(parse(logs, 'a=ü b=2 c=🚀')?.records).toEqual([{ a: 'ü', b: '2', c: '🚀' }]);
    expect(parse(logs, 'a=1 b=2')).toBeUndefined();
    expect(parse(logs, '')).toBeUndefined();
    expect(parse(logs, `a=${'x'.repeat(100_000)} b=2 c=3`)?.records[0]!.a).toHaveLength(100_000);
  });
});

describe('syslog', () => {
  const line = 'May 05 10:00:00 host-1 sshd[42]: Accepted publickey for ünïcödé ✓';

  it('fills the schema keys from the pattern groups', () => {
    const logs = {
      'syslog:log': {
        parser: 'syslog',
        schema: { timestamp: 'string', host: 'string', application: 'string', message: 'string' },
      },
    };
    expect(parse(logs, line)?.records).toEqual([
      {
        timestamp: 'May 05 10:00:00',
        host: 'host-1',
        application: 'sshd',
        message: 'Accepted publickey for ünïcödé ✓',
      },
    ]);
    expect(parse(logs, '')).toBeUndefined();
    expect(parse(logs, 'May  5 10:00:00 host-1 sshd[42]: one-digit day')).toBeUndefined();
    expect(parse(logs, `${line}${'x'.repeat(100_000)}`)?.records[0]!.message).toHaveLength(
      100_000 + 32,
    );
  });

  it('gives a key the pattern does not capture what a plain object holds under it', () => {
    const logs = {
      'syslog:odd': {
        parser: 'syslog',
        schema: { host: 'string', pid: 'string', constructor: 'string' },
      },
    };
    const found = parse(logs, line);
    expect(Object.keys(found!.records[0]!)).toEqual(['host', 'pid', 'constructor']);
    expect(found!.records[0]!.host).toBe('host-1');
    expect(found!.records[0]!.pid).toBeUndefined();
    expect(found!.records[0]!.constructor).toBe(Object);
  });
});
