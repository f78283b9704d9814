/**
 * CSV rows as Python's csv.reader (StreamAlert's) reads them: a quote character opens a
 * quoted field only at the start of a field, a doubled quote inside one is a literal quote,
 * the escape character (none by default) makes the next character literal, and a quoted
 * field may span lines.
 */
export interface CsvDialect {
  readonly delimiter: string;
  readonly quotechar: string;
  readonly escapechar?: string;
}

/** A line break, which ends a row outside quotes. */
const BREAK = /[\n\r]/;

/**
 * One row without escape characters or line breaks, quoted fields read by searching for the
 * quotes rather than character by character (as the loop in readCsv reads it: a quote opens a
 * field only at its start; after the closing quote, the rest up to the delimiter is appended).
 */
function readQuotedRow(text: string, delimiter: string, quotechar: string): string[] {
  const row: string[] = [];
  const quote = quotechar.charCodeAt(0);
  let i = 0;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === quote) {
      i++;
      for (;;) {
        const close = text.indexOf(quotechar, i);
        if (close < 0) {
          // Unclosed: the field runs to the end of the text, delimiters included.
          field += text.slice(i);
          i = text.length;
          break;
        }
        field += text.slice(i, close);
        i = close + 1;
        if (text.charCodeAt(i) !== quote) break;
        field += quotechar; // a doubled quote
        i++;
      }
    }
    const end = text.indexOf(delimiter, i);
    if (end < 0) {
      row.push(field + text.slice(i));
      return row;
    }
    row.push(field + text.slice(i, end));
    i = end + 1;
  }
}

export function readCsv(text: string, dialect: CsvDialect): string[][] {
  const { delimiter, quotechar, escapechar } = dialect;
  // Most rows hold no quote, escape or line break: then the reading below is a split.
  if (
    delimiter.length === 1 &&
    quotechar !== '' &&
    (escapechar === undefined || escapechar === '' || !text.includes(escapechar)) &&
    !BREAK.test(text)
  ) {
    if (text.length === 0) return [];
    if (!text.includes(quotechar)) return [text.split(delimiter)];
    if (quotechar.length === 1 && quotechar !== delimiter)
      return [readQuotedRow(text, delimiter, quotechar)];
  }
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
