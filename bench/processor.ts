/**
 * bench/processor: throughput of the rule processor core on one core, next to bare
 * JSON.parse of the same bytes (the floor); zip sizes; cold load of the zipped handler.
 *
 *   node --import ./bench/ts-loader.mjs bench/processor.ts
 *
 * Needs the processor bundles (npm run package, or STREAMALERT_PROCESSOR_BUNDLES) for the
 * zip figures. Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProcessors } from '../src/build/build.js';
import { toLogs, toSources } from '../src/processors/config/convert.js';
import { createClassifier } from '../src/processors/rule-processor/classifier.js';
import { createRulesEngine } from '../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../src/processors/shared/logger.js';
import { rule, type LogRecord } from '../src/rules-api/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const example = path.join(root, 'examples', 'production');
const conf = (n: string) => JSON.parse(readFileSync(path.join(example, 'conf', n), 'utf8'));
const fixture = (n: string) => JSON.parse(readFileSync(path.join(example, 'tests', 'rules', `${n}.json`), 'utf8')).records;
const N = 100_000;

const logger = createLogger({ level: 'error', write: () => undefined });
const classifier = createClassifier({ logs: toLogs(conf('logs.json')), sources: toSources(conf('sources.json')) });
const candidates = classifier.candidates('kinesis', 'acme_production_stream_alert_kinesis')!;

// 20 rules on CloudWatch Events (CloudTrail), each reading the record the way real rules do;
// about 1 record in 1,000 alerts (alerting is rare in production).
const detail = (r: LogRecord) => r.detail as Record<string, unknown>;
const names = ['StopLogging', 'DeleteTrail', 'PutBucketPolicy', 'PutBucketAcl', 'CreateAccessKey', 'AttachUserPolicy', 'CreateUser', 'DeleteFlowLogs', 'AuthorizeSecurityGroupIngress', 'DisableKey'];
const rules = [
  ...names.map((n) => rule({ name: `ct_${n}`, logs: ['cloudwatch:events'], outputs: [], req_subkeys: { detail: ['eventName'] }, rule: (r) => detail(r).eventName === n })),
  ...names.map((n, i) => rule({ name: `ct_src_${i}`, logs: ['cloudwatch:events'], outputs: [], rule: (r) => String(detail(r).sourceIPAddress).startsWith(`203.0.${i}.`) && detail(r).eventName === n })),
  rule({ name: 'flow', logs: ['cloudwatch:flow_logs'], outputs: [], rule: (r) => r.destport === 22 && r.action === 'ACCEPT' }),
  rule({ name: 'ssh', logs: ['syslog:log'], outputs: [], rule: (r) => r.application === 'sshd' && String(r.message).startsWith('Failed') }),
];
const engine = createRulesEngine(rules, logger);

function cloudtrailLines(): string[] {
  const base = fixture('cloudtrail_root_account_use')[1].data;
  return Array.from({ length: N }, (_, i) => {
    const d = structuredClone(base);
    d.id = `evt-${i}`;
    d.detail.eventID = `id-${i}`;
    d.detail.eventName = names[i % names.length] + (i % 1000 === 0 ? '' : 'X');
    d.detail.sourceIPAddress = `198.51.${i % 256}.${i % 200}`;
    return JSON.stringify(d);
  });
}

function flowLines(): string[] {
  const batch = fixture('vpc_flow_ssh_from_internet')[0].data;
  // A CloudWatch Logs message carries many flow records: 50 per payload here.
  const events = Array.from({ length: 50 }, (_, i) => ({ ...batch.logEvents[i % 3], id: String(i) }));
  return Array.from({ length: N / 50 }, () => JSON.stringify({ ...batch, logEvents: events }));
}

function syslogLines(): string[] {
  return Array.from({ length: N }, (_, i) => `Jan 12 06:21:${String(i % 60).padStart(2, '0')} host-${i % 40} sshd[${2000 + (i % 999)}]: ${i % 9 ? 'Accepted publickey' : 'Failed password'} for user${i % 13} from 203.0.113.${i % 250} port ${40000 + (i % 999)} ssh2`);
}

function time(fn: () => void): number {
  fn(); // warm-up
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function runProcessor(lines: string[]): { records: number; alerts: number } {
  let records = 0;
  let alerts = 0;
  for (const line of lines) {
    const c = classifier.classify(line, candidates);
    if (!c) continue;
    records += c.records.length;
    alerts += engine.run(c, 'kinesis', 'acme_production_stream_alert_kinesis').length;
  }
  return { records, alerts };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
console.log(`rule processor core (classify + rules), ${N.toLocaleString('en-US')} records, one core, Node ${process.version}\n`);
for (const [label, lines] of [
  ['CloudTrail via CloudWatch Events (JSON), 20 rules', cloudtrailLines()],
  ['VPC flow logs (CloudWatch Logs JSON, 50 per message)', flowLines()],
  ['syslog lines', syslogLines()],
] as const) {
  let result = { records: 0, alerts: 0 };
  const t = time(() => {
    result = runProcessor(lines);
  });
  // Syslog is not JSON: no JSON.parse floor for it.
  const tParse = label.startsWith('syslog')
    ? -1
    : time(() => {
        for (const line of lines) JSON.parse(line);
      });
  const bytes = lines.reduce((s, l) => s + l.length, 0);
  const parseNote = tParse < 0 ? '(not JSON)' : `JSON.parse alone ${tParse.toFixed(3)}s -> ratio ${(t / tParse).toFixed(2)}x`;
  console.log(`${label}\n  ${result.records} records, ${result.alerts} alerts, ${(bytes / 1e6).toFixed(1)} MB: ${t.toFixed(3)}s = ${fmt(result.records / t)} records/s; ${parseNote}`);
}

const bundles = process.env.STREAMALERT_PROCESSOR_BUNDLES;
const out = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
try {
  const built = await buildProcessors({ configDir: path.join(example, 'conf'), rulesDir: path.join(example, 'rules'), outDir: out, bundlesDir: bundles });
  console.log(`\nzips: ${built.zips.map((z) => `${z.file} ${(z.size / 1024).toFixed(1)} KiB`).join(', ')}`);
  for (const z of built.zips) {
    const dir = path.join(out, z.name);
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(out, z.file), dir]);
    const script = 'const t = process.hrtime.bigint(); const h = require("./index.js"); const loaded = process.hrtime.bigint(); process.stdout.write(String(Number(loaded - t) / 1e6));';
    const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(root, 'node_modules') } })));
    console.log(`cold load of ${z.name} handler (require, incl. SDK clients): median ${runs.sort((a, b) => a - b)[2]!.toFixed(1)} ms`);
  }
} catch (err) {
  console.log(`\nzip figures skipped: ${(err as Error).message}`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
