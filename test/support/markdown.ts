/** Reading Markdown as GitHub would, for tests of what the action writes. */

/**
 * The text of a Markdown line outside its code spans, as CommonMark reads them: a run of N
 * backticks opens a span that the next run of exactly N backticks closes.
 */
export function outsideCode(line: string): string {
  let out = '';
  for (let i = 0; i < line.length;) {
    const run = /^`+/.exec(line.slice(i))?.[0];
    if (!run) {
      out += line[i++];
      continue;
    }
    let close = -1;
    for (let j = i + run.length; j < line.length;) {
      const next = /^`+/.exec(line.slice(j))?.[0];
      if (next === undefined) j++;
      else if (next.length === run.length) {
        close = j;
        break;
      } else j += next.length;
    }
    if (close === -1) {
      out += run;
      i += run.length;
    } else i = close + run.length;
  }
  return out;
}
