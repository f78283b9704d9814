/**
 * The handler path changes no byte of what it produces, per log format: bench/formats'
 * inputs (raw CloudTrail, CloudTrail S3 objects, CloudWatch Logs flow logs, syslog, csv, kv;
 * small count) plus edge cases (blank and whitespace lines, JSON-looking text, unicode,
 * a very long line, CRLF objects, corrupt gzip) go through the rule processor as Lambda
 * events; the SNS message text of every alert, every unclassified record (reason and
 * sample) and the counts equal test/fixtures/equivalence/formats.json, generated with the
 * code from before the per-format work (commit "bench/formats: ...") by
 *   EQUIVALENCE_UPDATE=1 npx vitest run test/processors/formats-equivalence.test.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importRuleSources } from '../../bench/datasets.js';
import { benchConf, formatInputs, RULES } from '../../bench/format-inputs.js';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { alertMessage } from '../../src/processors/rule-processor/alert.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import type { ObjectSource } from '../../src/processors/rule-processor/payloads.js';
import {
  createRuleProcessor,
  type LambdaEvent,
} from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { REPO_ROOT } from '../support/processor-bundles.js';

const EXPECTED = path.join(REPO_ROOT, 'test', 'fixtures', 'equivalence', 'formats.json');
const ARN = (stream: string) => `arn:aws:kinesis:us-east-1:123456789012:stream/${stream}`;

/** Lines no generator makes: each goes to every line stream as its own Kinesis record. */
const EDGE_LINES = [
  '',
  ' ',
  '\t\r\n',
  'true',
  ' null ',
  'false\n',
  'nul',
  'truex',
  '123',
  '-1.5e3',
  '01',
  '1,2',
  '-',
  '"a string"',
  '[1, 2]',
  ' {"name": "x"}',
  '\uFEFF{"a": 1}',
  '{"unterminated": ',
  'May 05 10:00:00 host-1 app[1]: ünïcödé message ✓ 🚀',
  'Dec 31 23:59:59 host_2 kernel: \u0000 nul inside',
  'May 05 10:00:00 host-1 app[1]: crlf line\r\n',
  'May 05 10:00:00 host-1 app[1]: two\nlines',
  `May 05 10:00:00 host-1 app[1]: ${'x'.repeat(200_000)}`,
  'time=1 host=h user=ü src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  'time=1  host=h user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  'time=1 time=2 user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=True',
  '=1 host=h user=u src=1.2.3.4 dst=d port=1 bytes=2 action=allow elapsed=0.5 cached=x',
  '1733400000,p,u,10.0.0.1,"a,b",443,12,allow,0.5,True,"agent ""quoted"""',
  '1733400000,p,u,10.0.0.1,d,443,12,allow,0.5,True',
  '1733400000,p,u,10.0.0.1,d,443,notanint,allow,0.5,True,a',
  `1733400000,p,u,10.0.0.1,d,443,12,allow,0.5,True,${'ü'.repeat(50_000)}`,
];

async function outcomes(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'formats-equivalence-'));
  let rules;
  try {
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'bench_rules.ts'), RULES);
    rules = await importRuleSources(path.join(dir, 'rules'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const { logs, sources } = benchConf();
  const objects = new Map<string, Buffer>();
  const source: ObjectSource = {
    async open(bucket, key) {
      const body = objects.get(`${bucket}/${key}`);
      if (!body) throw new Error(`no object ${bucket}/${key}`);
      const chunks: Buffer[] = [];
      // Odd chunk sizes: lines, gzip members and UTF-8 characters cross chunk borders.
      for (let i = 0; i < body.length; i += 1531) chunks.push(body.subarray(i, i + 1531));
      return chunks;
    },
  };
  const processor = createRuleProcessor({
    classifier: createClassifier({ logs: toLogs(logs), sources: toSources(sources) }),
    engine: createRulesEngine(rules, createLogger({ level: 'error', write: () => undefined })),
    publisher: { publish: async () => [] },
    objects: source,
    logger: createLogger({ level: 'error', write: () => undefined }),
    collectAlerts: true,
  });
  const run = async (event: LambdaEvent) => {
    const report = await processor.process(event);
    return {
      records: report.records,
      classified: report.classified,
      alertsTriggered: report.alertsTriggered,
      alerts: report.alerts.map((a) => alertMessage(a)),
      unclassified: report.unclassified,
      unclassifiedCount: report.unclassifiedCount,
      poisonCount: report.poisonCount,
      failed: report.failedOrigins,
    };
  };
  let seq = 0;
  const kinesis = (stream: string, data: Buffer[]): LambdaEvent => ({
    Records: data.map((d) => ({
      eventSourceARN: ARN(stream),
      kinesis: { data: d.toString('base64'), sequenceNumber: String(++seq), partitionKey: 'p' },
    })),
  });
  const s3 = (bucket: string, key: string): LambdaEvent => ({
    Records: [{ awsRegion: 'us-east-1', s3: { bucket: { name: bucket }, object: { key } } }],
  });

  const out: Record<string, unknown> = {};
  for (const input of formatInputs(400)) {
    if (input.kinesis) {
      const { stream, data } = input.kinesis;
      out[input.key] = await run(kinesis(stream, data));
      if (!['trail', 'flow'].includes(input.key))
        out[`${input.key} edge lines`] = await run(
          kinesis(
            stream,
            EDGE_LINES.map((l) => Buffer.from(l)),
          ),
        );
    } else {
      const { bucket, objects: list } = input.s3!;
      const reports = [];
      for (const o of list) {
        objects.set(`${bucket}/${o.key}`, o.body);
        reports.push(await run(s3(bucket, o.key)));
      }
      out[input.key] = reports;
    }
  }
  // Objects: several lines, CRLF, blank lines, a line no log fits, unicode across chunks,
  // plain text, a truncated gzip, an empty object.
  const bucket = 'acme.production.cloudtrail';
  const trail = (name: string) =>
    JSON.stringify({
      Records: [
        {
          eventVersion: '1.08',
          userIdentity: { type: 'Root' },
          eventTime: '2024-12-05T10:00:00Z',
          eventSource: 'cloudtrail.amazonaws.com',
          eventName: name,
          awsRegion: 'us-east-1',
          sourceIPAddress: '203.0.113.9',
          requestID: 'r',
          eventID: 'e',
          eventType: 'AwsApiCall',
          errorMessage: 'ünïcödé ✓ 🚀'.repeat(300),
        },
      ],
    });
  const edgeObjects: Record<string, Buffer> = {
    'multi-line.json.gz': gzipSync(
      [trail('StopLogging'), '', '  ', 'not json at all', trail('DescribeTrails')].join('\r\n'),
    ),
    'lf-cr.json': Buffer.from([trail('DeleteTrail'), trail('GetTrail')].join('\r') + '\n\n'),
    'no-final-newline.json.gz': gzipSync(`${trail('A')}\n${trail('StopLogging')}`),
    'truncated.json.gz': gzipSync(trail('StopLogging')).subarray(0, 200),
    'corrupt-tail.json.gz': Buffer.concat([
      gzipSync(trail('StopLogging')).subarray(0, -8),
      Buffer.from('garbage!'),
    ]),
    'empty.json': Buffer.alloc(0),
    'two-members.json.gz': Buffer.concat([
      gzipSync(`${trail('StopLogging')}\n`),
      gzipSync(`${trail('DeleteTrail')}\n`),
    ]),
  };
  for (const [key, body] of Object.entries(edgeObjects)) {
    objects.set(`${bucket}/${key}`, body);
    out[`s3 ${key}`] = await run(s3(bucket, key));
  }
  // Kinesis data that claims gzip but is not, and zlib data.
  const { deflateSync } = await import('node:zlib');
  out['kinesis corrupt gzip'] = await run(
    kinesis('acme_flow_stream', [
      gzipSync('{"messageType": "DATA_MESSAGE"}').subarray(0, 12),
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]),
      deflateSync(trail('StopLogging')),
    ]),
  );
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

describe('rule processor formats equivalence with the saved output', () => {
  it('alerts, rejections and unclassified records of every format are as before', async () => {
    const actual = await outcomes();
    if (process.env.EQUIVALENCE_UPDATE === '1') {
      mkdirSync(path.dirname(EXPECTED), { recursive: true });
      writeFileSync(EXPECTED, `${JSON.stringify(actual)}\n`);
    }
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    for (const key of Object.keys(expected)) expect(actual[key], key).toEqual(expected[key]);
  }, 120_000);

  it('the comparison is not vacuous', () => {
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<
      string,
      { alerts: string[]; classified: number } | { alerts: string[]; classified: number }[]
    >;
    for (const key of ['trail', 's3', 'flow', 'syslog', 'csv', 'kv']) {
      const reports = [expected[key]!].flat();
      expect(
        reports.some((r) => r.alerts.length > 0),
        key,
      ).toBe(true);
      expect(
        reports.reduce((s, r) => s + r.classified, 0),
        key,
      ).toBeGreaterThan(100);
    }
  });
});
