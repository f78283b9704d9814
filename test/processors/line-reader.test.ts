/**
 * The plain-line loop's reader (classifier.lineReader, the parsers' readLine) gives what the
 * general classification gives: the same log and the same typed record, keys in the same
 * order, for every line it decides; the lines it leaves UNDECIDED go the general way. Checked
 * on bench/formats' syslog, csv and kv lines, on edge lines, and on random mutations of them.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { benchConf, formatInputs } from '../../bench/format-inputs.js';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { createClassifier, NO_LOG } from '../../src/processors/rule-processor/classifier.js';
import { UNDECIDED } from '../../src/processors/rule-processor/parsers/index.js';

const EDGE_LINES = [
  '',
  ' ',
  '\t',
  'true',
  ' null ',
  '123',
  '-1.5e3',
  '"a string"',
  '[1, 2]',
  ' {"name": "x"}',
  '\uFEFF{"a": 1}',
  '\u00A0{"a": 1}',
  '{"unterminated": ',
  'May 05 10:00:00 host-1 app[1]: ünïcödé message ✓ 🚀',
  'May 05 10:00:00 host-1 app[1]: two\nlines',
  'May 05 10:00:00 host-1 app[1]: crlf\r\n',
  'May  5 10:00:00 host-1 app[1]: one-digit day',
  'time=1 host=h user=ü src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  'time=1  host=h user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  'time=1 time=2 user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  'constructor=1 host=h user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=.5 cached=x',
  'time=1 host=h user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=1e3 cached=TRUE',
  'time= 1 host=h user=u src=1.2.3.4 dst=d port=+1 bytes=2 action=allow elapsed=-0 cached=False',
  '1733400000,p,u,10.0.0.1,"a,b",443,12,allow,0.5,True,"agent ""quoted"""',
  '1733400000,p,u,10.0.0.1,d,443,12,allow,0.5,True',
  '1733400000,p,u,10.0.0.1,d,443,notanint,allow,0.5,True,a',
  '1733400000,p,u,10.0.0.1,d, 443 ,12,allow,inf,true,a',
  '1733400000,p,u,10.0.0.1,d,443,12,allow,0.5,True,"unclosed, quote',
  '1733400000,p,u,10.0.0.1,d,443,12,allow,0.5,True,a\n1,p,u,1,d,1,1,a,1,True,b',
];

/** Random edits of a line: characters replaced, inserted or deleted, from the formats' alphabet. */
function mutations(lines: readonly string[], count: number): string[] {
  const alphabet = ' ,="\n\r\t[]:{}-.+0123456789abcTrueFalseü';
  let seed = 23;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let line = lines[Math.floor(next() * lines.length)]!;
    const edits = 1 + Math.floor(next() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(next() * (line.length + 1));
      const c = alphabet[Math.floor(next() * alphabet.length)]!;
      const kind = next();
      line =
        kind < 0.4
          ? line.slice(0, at) + c + line.slice(at + 1)
          : kind < 0.8
            ? line.slice(0, at) + c + line.slice(at)
            : line.slice(0, at) + line.slice(at + 1);
    }
    out.push(line);
  }
  return out;
}

describe('the plain-line reader', () => {
  const { logs, sources } = benchConf();
  const classifier = createClassifier({ logs: toLogs(logs), sources: toSources(sources) });
  const inputs = formatInputs(2000).filter((f) => ['syslog', 'csv', 'kv'].includes(f.key));

  for (const input of inputs) {
    it(`reads ${input.key} lines as the general classification does`, () => {
      // Prepare
      const candidates = classifier.candidates('kinesis', input.kinesis!.stream)!;
      const reader = classifier.lineReader(candidates)!;
      const lines = input.kinesis!.data.map((d) => d.toString('utf8'));
      const all = [...lines, ...EDGE_LINES, ...mutations(lines, 20_000)];
      let decided = 0;
      // Compared in the loop, asserted once: five expects per line were most of the test's time.
      const differences: object[] = [];
      for (const text of all) {
        // Act
        const typed = reader.read(text);
        if (typed === UNDECIDED) continue;
        decided++;
        // A line the reader says no log takes: the general classification gives nothing.
        if (typed === NO_LOG) {
          const general = classifier.classify(text, candidates, {});
          if (general !== undefined) differences.push({ text, typed: 'NO_LOG', general });
          continue;
        }
        // Assess: the same log, one record, the same values with keys in the same order
        // (JSON text), the same types (isDeepStrictEqual tells 1 from "1" and -0 from 0).
        const general = classifier.classify(text, candidates, {});
        const same =
          general?.log.name === reader.log.name &&
          general.rejected.length === 0 &&
          general.records.length === 1 &&
          JSON.stringify(typed) === JSON.stringify(general.records[0]) &&
          isDeepStrictEqual(typed, general.records[0]);
        if (!same) differences.push({ text, typed, general });
      }
      expect(differences).toEqual([]);
      // The bench's lines that fit a log are read by the reader, not handed back.
      expect(decided).toBeGreaterThan(lines.length * 0.9);
    });
  }

  it('is not offered for a source with a csv log that reads headers', () => {
    const withHeader = benchConf();
    (withHeader.logs['proxy:csv'] as { configuration?: object }).configuration = { header: true };
    const c = createClassifier({
      logs: toLogs(withHeader.logs),
      sources: toSources(withHeader.sources),
    });
    expect(c.lineReader(c.candidates('kinesis', 'acme_proxy_csv_stream')!)).toBeUndefined();
    expect(c.lineReader(c.candidates('kinesis', 'acme_proxy_kv_stream')!)).toBeDefined();
  });
});
