/**
 * bench/bombs: peak memory and wall time of the hostile inputs of issue 28 (items 3 and 4),
 * each run in its own child process under /usr/bin/time -v, so the figure is the whole
 * process's peak RSS, as a runner or Lambda would see it.
 *
 *   node --import ./bench/ts-loader.mjs bench/bombs.ts [scenario...]
 *
 * Env: BOMBS_SRC, the src/ folder to measure (default this checkout's; point it at an older
 * tree, `git archive <commit> | tar -x -C /tmp/before` with node_modules linked, for the
 * before figures; its dist/processors are its sandbox bundles).
 *
 * Scenarios:
 * - processor: the rule processor as the Lambda wires it (limits from the environment) with
 *   AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256 and MAX_DECOMPRESSED_BYTES=64 MiB (the config's
 *   default for 256 MB), one Kinesis batch holding two 64 KB gzips of 64 MiB of valid JSON;
 * - processor-30mib: the same with 30 MiB of JSON (under the byte ceiling, 6 million items);
 * - backtest-100mb, backtest-1gib, backtest-line: `backtestCommand` with the defaults
 *   (backtest-max-mb 50, 60 s) on a repository whose pull request changes a rule, the
 *   production cluster's Firehose bucket holding one object: 100 MB of osquery lines
 *   (~360 KB gzip), 1 GiB of them (~3.6 MB gzip), or one 300 MB line (~300 KB gzip).
 *   The rule sandbox's children are measured too (time -v reports the largest process).
 * Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  createReadStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC = process.env.BOMBS_SRC ?? path.join(HERE, '..', 'src');
const MiB = 1024 * 1024;

/** gzip of `head`, then `unit` repeated up to `size` bytes, then `tail`, never held inflated. */
async function gzipOf(head: string, unit: string, size: number, tail: string): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => gzip.on('end', resolve).on('error', reject));
  gzip.write(head);
  const chunk = Buffer.from(unit.repeat(Math.max(1, Math.floor(MiB / unit.length))));
  for (let written = 0; written + chunk.length <= size; written += chunk.length)
    if (!gzip.write(chunk)) await new Promise((r) => gzip.once('drain', r));
  gzip.end(tail);
  await done;
  return Buffer.concat(out);
}

// ---------------------------------------------------------------- children

async function processorChild(dir: string): Promise<string> {
  const { limitsFromEnv } = await import(`${SRC}/processors/rule-processor/limits.ts`);
  const { createClassifier } = await import(`${SRC}/processors/rule-processor/classifier.ts`);
  const { createRuleProcessor } = await import(`${SRC}/processors/rule-processor/processor.ts`);
  const { createRulesEngine } = await import(`${SRC}/processors/rule-processor/rules-engine.ts`);
  const { toLogs, toSources } = await import(`${SRC}/processors/config/convert.ts`);
  const { createLogger } = await import(`${SRC}/processors/shared/logger.ts`);
  const limits = limitsFromEnv(process.env);
  const logger = createLogger({ level: 'error', write: () => undefined });
  const config = {
    logs: toLogs({ 'bench:events': { parser: 'json', schema: { kind: 'string', payload: [] } } }),
    sources: toSources({ kinesis: { bench_stream: { logs: ['bench'] } } }),
  };
  // Before issue 28 the classifier took the nesting depth only.
  const bounds = 'maxJsonItems' in limits ? limits : limits.maxDepth;
  let deadLettered = 0;
  const processor = createRuleProcessor({
    classifier: createClassifier(config, bounds),
    engine: createRulesEngine([], logger),
    publisher: { publish: async () => [] },
    objects: { open: async () => [] },
    deadLetters: {
      send: async (letters: unknown[]) => {
        deadLettered += letters.length;
        return [];
      },
    },
    logger,
    limits,
  });
  const data = readFileSync(path.join(dir, process.env.BOMB_FILE ?? 'json-bomb.gz')).toString(
    'base64',
  );
  const record = (seq: string) => ({
    eventSourceARN: 'arn:aws:kinesis:us-west-2:123456789012:stream/bench_stream',
    kinesis: { data, sequenceNumber: seq, partitionKey: 'p' },
  });
  const report = await processor.process({ Records: [record('1'), record('2')] });
  return `records ${report.records}, poison ${report.poisonCount}, dead-lettered ${deadLettered}, classified ${report.classified}${report.unclassified[0] ? `; ${report.unclassified[0].reason}` : ''}`;
}

const osquery = (host: string, action: string) =>
  JSON.stringify({ name: 'pack', hostIdentifier: host, columns: {}, action });
const osqueryRule = (condition: string) => `import { rule } from 'streamalert-action/rules';
export default rule<{ hostIdentifier: string; action: string }>({
  name: 'osquery_changes',
  logs: ['osquery'],
  outputs: [],
  merge_by_keys: ['hostIdentifier'],
  merge_window_mins: 60,
  rule: (rec) => ${condition},
});
`;

/** The pull request: a repository whose head widens osquery_changes (base: removed only). */
async function prepareRepository(dir: string): Promise<string> {
  const { writeConf, seedGlobal, seedCluster } = await import('../test/support/conf.js');
  const repo = path.join(dir, 'repo');
  mkdirSync(path.join(repo, 'rules'), { recursive: true });
  mkdirSync(path.join(repo, 'tests', 'rules'), { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  writeConf(seedGlobal(), { production: seedCluster() }, repo);
  writeFileSync(
    path.join(repo, 'rules', 'osquery_changes.ts'),
    osqueryRule("rec.action === 'removed'"),
  );
  writeFileSync(
    path.join(repo, 'tests', 'rules', 'osquery.json'),
    JSON.stringify({
      records: ['added', 'removed'].map((action) => ({
        description: action,
        service: 'kinesis',
        source: 'acme_production_stream_alert_kinesis',
        data: JSON.parse(osquery('h1', action)),
        trigger_rules: [],
      })),
    }),
  );
  git('add', '-A');
  git('commit', '-qm', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(path.join(repo, 'rules', 'osquery_changes.ts'), osqueryRule("rec.action !== 'x'"));
  git('commit', '-qam', 'head');
  return base;
}

async function backtestChild(dir: string): Promise<string> {
  const { backtestCommand } = await import(`${SRC}/commands/backtest.ts`);
  const { loadConfig } = await import(`${SRC}/config/load.ts`);
  const sample = await import(`${SRC}/backtest/sample.ts`);
  const streaming = 'sampleRecords' in sample; // before issue 28, read() gave the whole object
  const file = path.join(dir, process.env.BOMB_FILE!);
  const now = Date.now();
  const [hour] = sample.hourPrefixes(now, 0) as string[];
  const repo = path.join(dir, 'repo');
  const started = Date.now();
  const report = await backtestCommand(await loadConfig(path.join(repo, 'conf')), {
    base: readFileSync(path.join(dir, 'base'), 'utf8'),
    hours: 6,
    maxMb: 50,
    configDir: path.join(repo, 'conf'),
    rulesDir: path.join(repo, 'rules'),
    fixturesDir: path.join(repo, 'tests', 'rules'),
    bundlesDir: process.env.BOMBS_BUNDLES,
    now,
    bucketOf: () => ({
      list: async (prefix: string) =>
        prefix === hour
          ? [{ key: `${hour}object.gz`, size: statSync(file).size, modified: now }]
          : [],
      read: async () => (streaming ? createReadStream(file) : readFileSync(file)),
    }),
  });
  const rule = report.rules[0];
  const counts = rule
    ? `${rule.rule} fixtures ${JSON.stringify(rule.fixtures)} sample ${JSON.stringify(rule.sample)}`
    : 'no rule line';
  return `${((Date.now() - started) / 1000).toFixed(1)} s in backtestCommand; sample ${JSON.stringify(report.sample)}; ${counts}; stopped ${report.stopped ?? '-'}; notes ${JSON.stringify(report.notes)}`;
}

const SCENARIOS: Record<
  string,
  { env: Record<string, string>; run: (dir: string) => Promise<string> }
> = {
  processor: {
    env: { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256', MAX_DECOMPRESSED_BYTES: String(64 * MiB) },
    run: processorChild,
  },
  // Under the byte ceiling an eighth of 256 MB gives (32 MiB): only the item count stops it.
  'processor-30mib': {
    env: {
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      MAX_DECOMPRESSED_BYTES: String(64 * MiB),
      BOMB_FILE: 'json-bomb-30.gz',
    },
    run: processorChild,
  },
  'backtest-100mb': { env: { BOMB_FILE: 'lines-100mb.gz' }, run: backtestChild },
  'backtest-1gib': { env: { BOMB_FILE: 'lines-1gib.gz' }, run: backtestChild },
  'backtest-line': { env: { BOMB_FILE: 'line-300mb.gz' }, run: backtestChild },
};

// ---------------------------------------------------------------- parent

async function prepare(dir: string, names: string[]): Promise<void> {
  if (names.some((n) => n.startsWith('backtest'))) {
    writeFileSync(path.join(dir, 'base'), await prepareRepository(dir));
    const line = `${osquery('h2', 'added')}\n`;
    const files: [string, string, string, number, string][] = [
      ['lines-100mb.gz', '', line, 100_000_000, ''],
      ['lines-1gib.gz', '', line, 1024 * MiB, ''],
      [
        'line-300mb.gz',
        '{"name":"pack","hostIdentifier":"h3","columns":{},"action":"',
        'a',
        300 * MiB,
        '"}\n',
      ],
    ];
    for (const [name, head, unit, size, tail] of files) {
      if (!names.some((n) => SCENARIOS[n]!.env.BOMB_FILE === name)) continue;
      const gz = await gzipOf(head, unit, size, tail);
      writeFileSync(path.join(dir, name), gz);
      console.log(
        `${name}: ${Math.round(gz.length / 1024)} KB of gzip, ${Math.round(size / MiB)} MiB inflated`,
      );
    }
  }
  if (!names.some((n) => n.startsWith('processor'))) return;
  // 64 MiB of valid JSON: 6.7 million `{"k":"v"}` objects (13 million keys and values).
  const bomb = await gzipOf('{"kind":"alert","payload":[', '{"k":"v"},', 64 * MiB - 64, '{}]}');
  writeFileSync(path.join(dir, 'json-bomb.gz'), bomb);
  console.log(`json-bomb.gz: ${Math.round(bomb.length / 1024)} KB of gzip, 64 MiB of JSON`);
  const under = await gzipOf('{"kind":"alert","payload":[', '{"k":"v"},', 30 * MiB, '{}]}');
  writeFileSync(path.join(dir, 'json-bomb-30.gz'), under);
  console.log(`json-bomb-30.gz: ${Math.round(under.length / 1024)} KB of gzip, 30 MiB of JSON`);
}

/** The processor bundles of SRC: built from this checkout (cached), or the older tree's dist/. */
let bundles = '';

function measure(name: string, dir: string): void {
  const scenario = SCENARIOS[name]!;
  const res = spawnSync(
    '/usr/bin/time',
    [
      '-v',
      process.execPath,
      '--import',
      path.join(HERE, 'ts-loader.mjs'),
      fileURLToPath(import.meta.url),
      '--child',
      name,
      dir,
    ],
    {
      env: { ...process.env, ...scenario.env, BOMBS_SRC: SRC, BOMBS_BUNDLES: bundles },
      encoding: 'utf8',
      maxBuffer: 64 * MiB,
    },
  );
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(res.stderr)?.[1];
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(res.stderr)?.[1];
  const said = res.stdout.trim().split('\n').pop() ?? '';
  const failed =
    res.status !== 0
      ? ` (exit ${res.status}: ${res.stderr.split('\n').filter((l) => /Error|error/.test(l))[0] ?? ''})`
      : '';
  console.log(
    `${name}: peak RSS ${rss ? Math.round(Number(rss) / 1024) : '?'} MB, wall ${wall}${failed}\n  ${said.slice(0, 400)}`,
  );
}

if (process.argv[2] === '--child') {
  const name = process.argv[3]!;
  console.log(await SCENARIOS[name]!.run(process.argv[4]!));
} else {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SCENARIOS);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-bombs-'));
  try {
    console.log(`src: ${SRC}`);
    await prepare(dir, names);
    if (names.some((n) => n.startsWith('backtest'))) {
      const own = path.resolve(SRC) === path.resolve(HERE, '..', 'src');
      bundles =
        process.env.BOMBS_BUNDLES ??
        (own
          ? (await import('../test/support/processor-bundles.js')).processorBundles()
          : path.join(SRC, '..', 'dist', 'processors'));
    }
    for (const name of names) measure(name, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
