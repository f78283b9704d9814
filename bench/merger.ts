/**
 * bench/merger: the alert merger on one window of N matches of one rule and merge key (the
 * brute-force shape: the same host, a different user, address, port and time per match).
 *
 *   node --import ./bench/ts-loader.mjs bench/merger.ts
 *
 * Env: BENCH_SIZES (default 1000,5000,20000,100000), BENCH_HEAP_MB (the child's V8 heap
 * ceiling, default 128: the merger's Lambda memory), BENCH_TIMEOUT_S (a size that takes
 * longer is stopped and printed as such, default 120), BENCH_MERGER_SRC (the src/ folder to
 * take the merger from, default this checkout's: point it at a copy of older code to compare).
 *
 * Each size runs in its own child process, as a Lambda container would: the table is a
 * stand-in for DynamoDB that makes each item when it is read (Scan pages of 1 MB,
 * BatchWriteItem), so the figures are the merger's own work and memory, without network
 * time; SNS is stubbed. Printed per size: wall time of
 * `run()`, matches counted in the merged alert, its size in UTF-8 bytes, what is left in the
 * table, RSS before the run and at its peak (the TypeScript loader's thread included), and
 * the peak of the V8 heap in use (sampled at every table call).
 * Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Alert } from '../src/processors/shared/alert.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..');
const SRC = path.resolve(process.env.BENCH_MERGER_SRC ?? path.join(REPO, 'src'));
const RULE = 'ssh_brute_force';
const WINDOW_MS = 10 * 60_000;
const T0 = Date.parse('2026-12-05T06:00:00Z');

type Item = Record<string, { S?: string; N?: string }>;

/**
 * DynamoDB's Scan and BatchWriteItem over a table of `n` items made on demand by `make(i)`
 * (the stand-in holds only which were deleted, so the child's heap is the merger's), with
 * 1 MB pages as the service cuts them. Item i has AlertID m<i, 8 digits>.
 */
/** The V8 heap in use at its highest, sampled at every table call (the merger awaits nothing else). */
let peakHeap = 0;

function generatedTable(n: number, make: (i: number) => Item) {
  const deleted = new Uint8Array(n);
  let left = n;
  const indexOf = (k: Item) => Number(k.AlertID!.S!.slice(1));
  const size = (i: Item) => Object.values(i).reduce((sum, v) => sum + (v.S?.length ?? 8), 0);
  return {
    left: () => left,
    async send(command: { constructor: { name: string }; input: Record<string, unknown> }) {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      const input = command.input;
      switch (command.constructor.name) {
        case 'ScanCommand': {
          const after = input.ExclusiveStartKey as Item | undefined;
          let i = after ? indexOf(after) + 1 : 0;
          const page: Item[] = [];
          let bytes = 0;
          for (; i < n && bytes < 1024 * 1024; i++) {
            if (deleted[i]) continue;
            const item = make(i);
            page.push(item);
            bytes += size(item);
          }
          const last = page[page.length - 1];
          return {
            Items: page,
            ...(i < n && last
              ? { LastEvaluatedKey: { RuleName: last.RuleName, AlertID: last.AlertID } }
              : {}),
          };
        }
        case 'BatchWriteItemCommand': {
          const requests = Object.values(
            input.RequestItems as Record<string, { DeleteRequest?: { Key: Item } }[]>,
          )[0]!;
          for (const r of requests) {
            const i = r.DeleteRequest ? indexOf(r.DeleteRequest.Key) : -1;
            if (i >= 0 && !deleted[i]) {
              deleted[i] = 1;
              left--;
            }
          }
          return { UnprocessedItems: {} };
        }
        default:
          throw new Error(`the bench table does not do ${command.constructor.name}`);
      }
    },
  };
}

async function child(n: number): Promise<void> {
  const { createAlertMerger } = (await import(
    pathToFileURL(path.join(SRC, 'processors/alert-merger/merger.ts')).href
  )) as typeof import('../src/processors/alert-merger/merger.js');
  const { toItem } = (await import(
    pathToFileURL(path.join(SRC, 'processors/shared/merge-table.ts')).href
  )) as typeof import('../src/processors/shared/merge-table.js');
  const { createLogger } = await import('../src/processors/shared/logger.js');
  // Loaded before the clock starts: the figure is the merge, not the SDK's cold start.
  await import('@aws-sdk/client-dynamodb');
  const settings = { keys: ['host'], windowMs: WINDOW_MS, threshold: 5 };
  const make = (i: number): Item => {
    const created = T0 + Math.floor((i * WINDOW_MS) / n);
    const record = {
      host: 'bastion-1',
      application: 'sshd',
      pid: 2800 + i,
      timestamp: new Date(created).toISOString(),
      user: `user${i % 97}`,
      source_ip: `203.0.${(i >> 8) & 255}.${i & 255}`,
      message: `Failed password for user${i % 97} from 203.0.${(i >> 8) & 255}.${i & 255} port ${40000 + (i % 20000)} ssh2`,
    };
    const alert: Alert = {
      id: `m${String(i).padStart(8, '0')}`,
      rule_name: RULE,
      rule_description: 'many failed logins on one host',
      log_source: 'syslog:log',
      log_type: 'syslog',
      source_service: 'kinesis',
      source_entity: 'acme_production_stream_alert_kinesis',
      outputs: ['slack:sec'],
      record,
    };
    return toItem({ alert, created }, settings, JSON.stringify(alert)) as Item;
  };
  const table = generatedTable(n, make);
  let sent: Alert[] = [];
  const deps = {
    dynamo: table as never,
    table: 'merge',
    publisher: {
      publish: (alerts: readonly Alert[]) => {
        sent = [...alerts];
        return Promise.resolve([]);
      },
    },
    logger: createLogger({ level: 'error', write: () => undefined }),
    now: () => T0 + WINDOW_MS + 60_000,
    policy: { attempts: 1, baseDelayMs: 1 },
    // The rule as deployed (the older merger read it from each item and ignores this).
    rules: new Map([[RULE, settings]]),
  };
  const context = { getRemainingTimeInMillis: () => 50_000 - (performance.now() - started) };
  const baseRss = process.memoryUsage().rss;
  const started = performance.now();
  const report = await createAlertMerger(deps).run(context);
  const ms = performance.now() - started;
  const merged = sent[0];
  console.log(
    JSON.stringify({
      n,
      ms: Math.round(ms),
      sent: report.sent.length,
      count: merged?.record.AlertCount ?? null,
      alert_bytes: merged ? Buffer.byteLength(JSON.stringify(merged)) : null,
      left_in_table: table.left(),
      base_rss_mb: Math.round(baseRss / 2 ** 20),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      peak_heap_mb: Math.round(peakHeap / 2 ** 20),
    }),
  );
}

function parent(): void {
  const sizes = (process.env.BENCH_SIZES ?? '1000,5000,20000,100000').split(',').map(Number);
  const heap = Number(process.env.BENCH_HEAP_MB ?? 128);
  const timeout = Number(process.env.BENCH_TIMEOUT_S ?? 120);
  console.log(`merger from ${path.relative(process.cwd(), SRC) || '.'}; heap ${heap} MB`);
  console.log(
    'matches   run (ms)  sent  AlertCount  alert bytes  left  RSS before/peak (MB)  peak heap (MB)',
  );
  for (const n of sizes) {
    const res = spawnSync(
      process.execPath,
      [
        `--max-old-space-size=${heap}`,
        '--import',
        path.join(HERE, 'ts-loader.mjs'),
        fileURLToPath(import.meta.url),
        '--child',
        String(n),
      ],
      { encoding: 'utf8', timeout: timeout * 1000, env: process.env },
    );
    const line = res.stdout.trim().split('\n').pop() ?? '';
    if (res.error || res.status !== 0 || !line.startsWith('{')) {
      const why = res.error
        ? `stopped after ${timeout} s`
        : /heap out of memory/i.test(res.stderr)
          ? `out of memory (${heap} MB heap)`
          : `failed: ${res.stderr.trim().split('\n').slice(-3).join(' ')}`;
      console.log(`${String(n).padStart(7)}   ${why}`);
      continue;
    }
    const r = JSON.parse(line) as Record<string, number | null>;
    console.log(
      [
        String(n).padStart(7),
        String(r.ms).padStart(10),
        String(r.sent).padStart(5),
        String(r.count).padStart(11),
        String(r.alert_bytes).padStart(12),
        String(r.left_in_table).padStart(5),
        `${r.base_rss_mb}/${r.peak_rss_mb}`.padStart(22),
        String(r.peak_heap_mb).padStart(16),
      ].join(''),
    );
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(Number(process.argv[at + 1]));
else parent();
