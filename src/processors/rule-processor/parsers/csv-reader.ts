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

export function readCsv(text: string, dialect: CsvDialect): string[][] {
  const { delimiter, quotechar, escapechar } = dialect;
  // Most rows hold no quote, escape or line break: then the reading below is a split.
  if (
    delimiter.length === 1 &&
    quotechar !== '' &&
    !text.includes(quotechar) &&
    (escapechar === undefined || escapechar === '' || !text.includes(escapechar)) &&
    !BREAK.test(text)
  )
    return text.length === 0 ? [] : [text.split(delimiter)];
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
