/**
 * bench/processor: the rule processor on what users send, next to bare JSON.parse of the
 * same bytes measured in the same rounds (the floor), plus cold start and zip sizes.
 *
 *   node --import ./bench/ts-loader.mjs bench/processor.ts
 *
 * Env: BENCH_N (records per dataset, default 10000), BENCH_ROUNDS (default 7),
 * BENCH_COLD=0 to skip the bundle build and cold start.
 *
 * Per dataset and rule set (none, examples/production/rules, 20 rules alerting on ~1% of
 * records), each round times the processor core (classify + rules + alert serialization,
 * what processor.ts does per raw record) and JSON.parse of the same lines back to back;
 * rounds interleave all combinations, so a busy neighbour slows both sides alike. Reported:
 * records/s (best round) and the processor's speed as a share of JSON.parse's (min and
 * median over rounds). Lines that are not JSON (syslog, csv, kv) are compared with
 * JSON.parse of the same text as one JSON string. One extra row runs the full processor
 * (Kinesis events of 500 base64 records, SNS stubbed). Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { buildProcessors } from '../src/build/build.js';
import { toLogs, toSources } from '../src/processors/config/convert.js';
import { createClassifier } from '../src/processors/rule-processor/classifier.js';
import {
  createRuleProcessor,
  type LambdaEvent,
} from '../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../src/processors/rule-processor/rules-engine.js';
import { alertMessage } from '../src/processors/rule-processor/alert.js';
import { createLogger } from '../src/processors/shared/logger.js';
import type { Rule } from '../src/rules-api/index.js';
import {
  datasets,
  EXAMPLE,
  importRuleSources,
  rawCloudTrail,
  REPO_ROOT,
  syntheticRules,
  type Dataset,
} from './datasets.js';

const N = Number(process.env.BENCH_N ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const logger = createLogger({ level: 'error', write: () => undefined });

const ruleSets: [string, Rule[]][] = [
  ['0 rules', []],
  ['example rules', await importRuleSources(path.join(EXAMPLE, 'rules'))],
  ['20 rules', syntheticRules()],
];

interface Case {
  label: string;
  records: number;
  alerts: number;
  bytes: number;
  run: () => void;
  floor: () => void;
  proc: number[];
  parse: number[];
}

function core(d: Dataset, rules: Rule[]): { run: () => { records: number; alerts: number } } {
  const classifier = createClassifier({ logs: toLogs(d.logs), sources: toSources(d.sources) });
  const engine = createRulesEngine(rules, logger);
  const candidates = classifier.candidates(d.service, d.entity)!;
  return {
    run() {
      let records = 0;
      let alerts = 0;
      for (const line of d.lines) {
        const c = classifier.classify(line, candidates, {});
        if (!c) continue;
        records += c.records.length;
        const found = engine.run(c, d.service, d.entity);
        for (const a of found) alertMessage(a);
        alerts += found.length;
      }
      return { records, alerts };
    },
  };
}

function floorOf(lines: string[]): () => void {
  const isJson = lines[0]!.startsWith('{');
  const texts = isJson ? lines : lines.map((l) => JSON.stringify(l));
  return () => {
    for (const t of texts) JSON.parse(t);
  };
}

const cases: Case[] = [];
for (const d of datasets(N)) {
  for (const [ruleLabel, rules] of ruleSets) {
    const c = core(d, rules);
    const first = c.run(); // warm-up, and the counts
    cases.push({
      label: `${d.name}, ${ruleLabel}`,
      ...first,
      bytes: d.lines.reduce((s, l) => s + l.length, 0),
      run: () => c.run(),
      floor: floorOf(d.lines),
      proc: [],
      parse: [],
    });
  }
}

// The full processor on raw CloudTrail (the issue's headline case): Kinesis events of 500 records, SNS stubbed.
{
  const d = rawCloudTrail(N, 11);
  const events: LambdaEvent[] = [];
  for (let i = 0; i < d.lines.length; i += 500) {
    events.push({
      Records: d.lines.slice(i, i + 500).map((line, j) => ({
        eventSourceARN: `arn:aws:kinesis:us-east-1:123456789012:stream/${d.entity}`,
        kinesis: {
          data: Buffer.from(line).toString('base64'),
          sequenceNumber: String(i + j),
          partitionKey: 'p',
        },
      })),
    });
  }
  const processor = createRuleProcessor({
    classifier: createClassifier({ logs: toLogs(d.logs), sources: toSources(d.sources) }),
    engine: createRulesEngine(ruleSets[1]![1], logger),
    publisher: { publish: async (alerts) => (alerts.forEach((a) => alertMessage(a)), []) },
    objects: { open: async () => [] },
    logger,
  });
  let counts = { records: 0, alerts: 0 };
  const runAll = async () => {
    counts = { records: 0, alerts: 0 };
    for (const e of events) {
      const r = await processor.process(e);
      counts.records += r.classified;
      counts.alerts += r.alertsTriggered;
    }
  };
  await runAll();
  const texts = d.lines;
  cases.push({
    label: `${d.name}, example rules, full handler path (Kinesis events of 500, base64)`,
    ...counts,
    bytes: texts.reduce((s, l) => s + l.length, 0),
    run: () => {
      throw new Error('async');
    },
    floor: () => {
      for (const t of texts) JSON.parse(t);
    },
    proc: [],
    parse: [],
  });
  (cases.at(-1) as Case & { runAsync: () => Promise<void> }).runAsync = runAll;
}

const now = () => Number(process.hrtime.bigint()) / 1e9;
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) {
    const async = (c as Case & { runAsync?: () => Promise<void> }).runAsync;
    // Alternate which side goes first, so neither always runs on a warmer cache.
    for (const side of round % 2 === 0 ? ['proc', 'parse'] : ['parse', 'proc']) {
      const t = now();
      if (side === 'parse') c.floor();
      else if (async) await async();
      else c.run();
      (side === 'proc' ? c.proc : c.parse).push(now() - t);
    }
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
console.log(
  `rule processor, ${N.toLocaleString('en-US')} records per dataset, ${ROUNDS} interleaved rounds, Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  'share = JSON.parse time / processor time for the same bytes in the same round (100% = as fast as JSON.parse)\n',
);
const rows = cases.map((c) => {
  const shares = c.proc.map((p, i) => c.parse[i]! / p);
  return [
    c.label,
    fmt(c.records),
    fmt(c.alerts),
    `${(c.bytes / c.records).toFixed(0)} B`,
    fmt(c.records / Math.min(...c.proc)),
    fmt(c.records / Math.min(...c.parse)),
    pct(Math.min(...shares)),
    pct(median(shares)),
  ];
});
const head = [
  'dataset, rules',
  'records',
  'alerts',
  'bytes/rec',
  'records/s',
  'JSON.parse rec/s',
  'share min',
  'share median',
];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) =>
  r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
console.log(line(head));
for (const r of rows) console.log(line(r));

// ---- zips and cold start of the built rule processor handler
if (process.env.BENCH_COLD !== '0') {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-processor-'));
  try {
    const bundles = path.join(tmp, 'bundles');
    execFileSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'package-processors.mjs'), bundles],
      { cwd: REPO_ROOT, stdio: 'pipe' },
    );
    const out = path.join(tmp, 'build');
    const built = await buildProcessors({
      configDir: path.join(EXAMPLE, 'conf'),
      rulesDir: path.join(EXAMPLE, 'rules'),
      outDir: out,
      bundlesDir: bundles,
    });
    console.log(
      `\nzips: ${built.zips.map((z) => `${z.file} ${(z.size / 1024).toFixed(1)} KiB`).join(', ')}`,
    );
    const zip = built.zips.find((z) => z.name === 'rule_processor')!;
    const dir = path.join(tmp, 'rule_processor');
    execFileSync('python3', [
      '-c',
      'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])',
      path.join(out, zip.file),
      dir,
    ]);
    // performance.now() counts from the process's start: module loaded, then the first
    // Kinesis invocation done (conf and rules read, record classified; no alert, no AWS call).
    const line0 = JSON.stringify({
      version: '0',
      id: 'x',
      'detail-type': 'AWS API Call via CloudTrail',
      source: 'aws.ec2',
      account: '123456789012',
      time: 't',
      region: 'us-east-1',
      resources: [],
      detail: { eventName: 'DescribeInstances' },
    });
    const event = {
      Records: [
        {
          eventSourceARN:
            'arn:aws:kinesis:us-east-1:123456789012:stream/acme_production_stream_alert_kinesis',
          kinesis: {
            data: Buffer.from(line0).toString('base64'),
            sequenceNumber: '1',
            partitionKey: 'p',
          },
        },
      ],
    };
    const script = `const h = require("./index.js"); const loaded = performance.now(); h.handler(${JSON.stringify(event)}).then(() => { const sdk = Object.keys(require.cache).filter((k) => k.includes("@aws-sdk/client-")).map((k) => k.replace(/.*@aws-sdk\\/(client-[a-z0-9-]+).*/, "$1")); process.stdout.write(JSON.stringify({ loaded, first: performance.now(), sdk: [...new Set(sdk)] })); });`;
    const env = {
      PATH: process.env.PATH ?? '',
      NODE_PATH: path.join(REPO_ROOT, 'node_modules'),
      ALERTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:alerts',
      DEAD_LETTER_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/dlq',
      AWS_REGION: 'us-east-1',
      LOGGER_LEVEL: 'error',
    };
    const runs = Array.from({ length: 7 }, () => {
      const t = now();
      const res = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env });
      const wall = (now() - t) * 1000;
      if (res.status !== 0) throw new Error(res.stderr);
      return {
        ...(JSON.parse(res.stdout) as { loaded: number; first: number; sdk: string[] }),
        wall,
      };
    });
    const med = (k: 'loaded' | 'first' | 'wall') => median(runs.map((r) => r[k])).toFixed(0);
    console.log(
      `rule processor cold start (median of 7, ms since process start): handler loaded ${med('loaded')}, first Kinesis invocation done ${med('first')}; spawn to exit ${med('wall')}; SDK clients loaded: ${runs[0]!.sdk.join(', ') || 'none'}`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
