/**
 * The performance table of docs/rules.md, rendered from the figures bench/formats.ts writes
 * with BENCH_WRITE=1 (bench/results/formats.json): each figure beside its floor, with the
 * date, the machine and its load when they were measured. Re-measuring is running that bench
 * then `npm run docs`; the page never holds figures the results file does not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FORMATS_RESULTS = 'bench/results/formats.json';

interface FormatFigures {
  label: string;
  alerts: number;
  bytesPerRecord: number;
  handlerRecordsPerSecond: number;
  floorRecordsPerSecond: number;
  shareMin: number;
  shareMedian: number;
}
interface MemoryFigures {
  flags: string;
  records: number;
  eventMB: number;
  inflatedMB: number;
  handlerMB: number;
  floorMB: number;
  readMB: number;
}
interface FormatsResults {
  date: string;
  machine: string;
  node: string;
  loadAverage: number;
  records: number;
  rounds: number;
  formats: FormatFigures[];
  memory?: MemoryFigures[];
  coldStart?: {
    firstAlertMs: number;
    afterSpawnMs: number;
    handlerLoadedMs: number;
    floorMs: number;
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The table (with the line saying when and where it was measured). */
export function formatsTable(root: string): string {
  const file = path.join(root, FORMATS_RESULTS);
  let r: FormatsResults;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as FormatsResults;
  } catch (err) {
    throw new Error(
      `${FORMATS_RESULTS}: cannot read the bench figures (${(err as Error).message}); run BENCH_WRITE=1 node --import ./bench/ts-loader.mjs bench/formats.ts`,
      { cause: err },
    );
  }
  const rows = r.formats.map((f) => [
    f.label,
    `${n(f.handlerRecordsPerSecond)}/s`,
    `${n(f.floorRecordsPerSecond)}/s`,
    `${pct(f.shareMin)}–${pct(f.shareMedian)}`,
    '≥ 70%',
  ]);
  for (const m of r.memory ?? [])
    rows.push([
      `peak RSS, ${m.eventMB} MB Kinesis batch of gzip flow logs (${m.inflatedMB} MB inflated), node ${m.flags}`,
      `${m.handlerMB} MB`,
      `${m.floorMB} MB (reading the event only: ${m.readMB} MB)`,
      `${(m.handlerMB / m.floorMB).toFixed(2)}× the floor`,
      '≤ 96 MB',
    ]);
  if (r.coldStart)
    rows.push([
      'cold process: first alert on SNS, ms after process start',
      `${r.coldStart.firstAlertMs} ms (handler loaded at ${r.coldStart.handlerLoadedMs})`,
      `${r.coldStart.floorMs} ms (a bare Node process posting one request)`,
      `${(r.coldStart.firstAlertMs / r.coldStart.floorMs).toFixed(2)}× the floor`,
      '≤ 150 ms',
    ]);
  return [
    `Measured ${r.date} on ${r.machine}, Node ${r.node}, load average ${r.loadAverage} at the start (a shared machine: the shares are of one process's interleaved rounds, so a busy neighbour slows handler and floor alike; absolute rates and times are not), ${n(r.records)} typed records per format, ${r.rounds} rounds.`,
    '',
    '| | handler | floor | against the floor (CPU: share min–median) | goal |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
