/**
 * bench/lookup-tables: one million indicators in a lookup table — the memory a loaded table
 * holds and the time of a lookup, against the floor of a plain Map built from the same
 * pairs. Each case runs in its own child process (`--expose-gc`), so the figures are the
 * table's own: heap and RSS after a full GC, minus the process's before loading; the peak
 * RSS while loading (/proc/self/status VmHWM) too, since a reload holds two versions.
 *
 *   node --import ./bench/ts-loader.mjs bench/lookup-tables.ts [count]
 *
 * Cases: json (StreamAlert 3's object, key → small row, gzipped as S3 would hold it, through
 * decodeTable and the store), csv (the same rows as CSV), and map (the floor: the same JSON
 * text parsed into a plain Map<string, row>, read directly). Lookups: one
 * million random keys, half present, through the store and provider as a rule's lookup()
 * reaches them. Prints figures; asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const COUNT = Number(process.argv[2] ?? 1_000_000);

const indicator = (i: number) =>
  `${(i * 2654435761) >>> 0}`.padStart(10, '0') + `.evil-${i % 997}.example`;
const row = (i: number) => ({ feed: `feed-${i % 17}`, score: i % 100 });

function vmHwmMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

async function child(kind: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc!;
  const { decodeTable } = await import('../src/processors/lookup-tables/decode.js');
  const { createLookupStore } = await import('../src/processors/lookup-tables/store.js');
  const { installLookups } = await import('../src/processors/lookup-tables/provider.js');
  const { lookup } = await import('../src/rules-api/index.js');
  const { createLogger } = await import('../src/processors/shared/logger.js');
  // The object as S3 would hand it over, made before the baseline.
  let body: Buffer | undefined;
  if (kind === 'json' || kind === 'map') {
    const parts: string[] = [];
    for (let i = 0; i < COUNT; i++)
      parts.push(`${JSON.stringify(indicator(i))}:${JSON.stringify(row(i))}`);
    body = Buffer.from(`{${parts.join(',')}}`);
    if (kind === 'json') body = gzipSync(body);
  } else if (kind === 'csv') {
    const lines = ['indicator,feed,score'];
    for (let i = 0; i < COUNT; i++) lines.push(`${indicator(i)},feed-${i % 17},${i % 100}`);
    body = gzipSync(lines.join('\n'));
  }
  gc();
  const before = process.memoryUsage();
  const t0 = performance.now();
  let get: (key: string) => unknown;
  let keep: unknown;
  if (kind === 'map') {
    // The floor: the same rows, parsed from the same text, in a plain Map read directly.
    const text = body!.toString('utf8');
    const m = new Map<string, unknown>(Object.entries(JSON.parse(text) as object));
    get = (k) => m.get(k);
    keep = m;
  } else {
    const table = {
      driver: 's3' as const,
      name: 'iocs',
      bucket: 'b',
      key: 'k',
      compression: 'gzip' as const,
      format: kind as 'json' | 'csv',
      refreshMinutes: 10,
      maxKeys: 2 * COUNT,
      maxBytes: 1024 * 1024 * 1024,
    };
    const gz = body!;
    const store = createLookupStore({
      tables: [table],
      load: async () => ({
        rows: decodeTable(gz, { ...table, keyColumn: undefined }),
      }),
      logger: createLogger({ level: 'error', write: () => undefined }),
    });
    await store.ready();
    installLookups(store);
    get = (k) => lookup('iocs', k);
    keep = store;
  }
  const loadMs = performance.now() - t0;
  gc();
  const after = process.memoryUsage();
  const keys: string[] = [];
  for (let i = 0; i < COUNT; i++)
    keys.push(i % 2 === 0 ? indicator((i * 7919) % COUNT) : `absent-${i}.example`);
  let found = 0;
  const t1 = performance.now();
  for (const k of keys) if (get(k) !== undefined) found++;
  const lookupNs = ((performance.now() - t1) * 1e6) / keys.length;
  console.log(
    JSON.stringify({
      kind,
      heap_mb: mb(after.heapUsed - before.heapUsed),
      rss_mb: mb(after.rss - before.rss),
      peak_rss_mb: Math.round(vmHwmMb()),
      load_ms: Math.round(loadMs),
      lookup_ns: Math.round(lookupNs),
      found,
      kept: keep !== undefined,
    }),
  );
}

if (process.env.LOOKUP_BENCH_CHILD) {
  await child(process.env.LOOKUP_BENCH_CHILD);
} else {
  const self = fileURLToPath(import.meta.url);
  const results: Record<string, Record<string, number>> = {};
  for (const kind of ['map', 'json', 'csv']) {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', './bench/ts-loader.mjs', self, String(COUNT)],
      { env: { ...process.env, LOOKUP_BENCH_CHILD: kind }, encoding: 'utf8' },
    );
    if (run.status !== 0) throw new Error(`${kind}: ${run.stderr}`);
    results[kind] = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    console.log(run.stdout.trim());
  }
  const floor = results.map!;
  for (const kind of ['json', 'csv'])
    console.log(
      `${kind}: ${COUNT} keys, heap ${results[kind]!.heap_mb} MB (${(results[kind]!.heap_mb! / floor.heap_mb!).toFixed(2)}× the Map floor), ` +
        `peak RSS ${results[kind]!.peak_rss_mb} MB, lookup ${results[kind]!.lookup_ns} ns (${(results[kind]!.lookup_ns! / floor.lookup_ns!).toFixed(2)}× the Map floor)`,
    );
}
