/**
 * Threat intel end to end against moto and a local feed server: the feed collector's
 * Lambda handler pulls Feodo Tracker's and the Tor Project's formats from the stand-in
 * server and writes the indicator tables to S3; the rule processor's handler, with
 * conf/threat_intel.json as `build` ships it, loads them and alerts with the matched
 * indicator and its feed. Before the collector's first run, a feed's missing table is no
 * failure; the plan reads each feed's current version. A feed outage then writes nothing and
 * counts the failure, and the rule processor keeps matching against the last good table. OTX
 * is pulled with its key read from SSM, the key in no log line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { Config } from '../../src/config/types.js';
import { toThreatIntel } from '../../src/processors/config/threat-intel.js';
import { readFeedVersions } from '../../src/steps/feed-versions.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { collectFeeds } from '../../src/processors/threat-intel/collector.js';
import { s3IndicatorStore } from '../../src/processors/threat-intel/s3-store.js';
import { clientConfig } from '../support/aws.js';
import { tempDir } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import {
  alertQueue,
  kinesisEvents,
  writeRulePackage,
  type AlertQueue,
} from '../support/rule-processor-moto.js';

const REGION = 'us-east-1';
const BUCKET = 'acme-threat-intel';

let moto: Moto;
let s3: S3Client;
let alerts: AlertQueue;
const kinesisEvent = kinesisEvents(REGION, 'auth_stream');
let feeds: Server;
let feedBase: string;
let ruleHandler: (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
let now = Date.parse('2026-12-07T12:00:00Z');
const saved: Record<string, string | undefined> = {};
const stdout: string[] = [];
const feodo = { status: 200, body: '' };
const OTX_KEY = 'otx-moto-key-7e21';

const RULE = `import { rule } from 'streamalert-action/rules';
export default rule({
  name: 'login_from_known_bad_ip',
  logs: ['auth'],
  outputs: ['slack:security'],
  rule: (record) => Array.isArray(record['streamalert:ioc']?.ip),
});
`;

async function lambdaPackage(): Promise<string> {
  const repo = tempDir('threat-intel-moto');
  const conf = path.join(repo, 'conf');
  mkdirSync(conf, { recursive: true });
  const write = (name: string, doc: unknown) =>
    writeFileSync(path.join(conf, name), JSON.stringify(doc));
  write('logs.json', { auth: { parser: 'json', schema: { user: 'string', ip: 'string' } } });
  write('sources.json', { kinesis: { auth_stream: { logs: ['auth'] } } });
  write('types.json', { auth: { sourceAddress: ['ip'] } });
  write('threat_intel.json', {
    enabled: true,
    excluded_iocs: { ip: { '10.0.0.0/8': { comment: 'ours' } } },
    normalized_ioc_types: { ip: ['sourceAddress'] },
    feeds: { bucket: BUCKET, sources: ['feodo', 'tor_exits'] },
  });
  const { texts } = await loadProcessorsConfig(conf);
  expect(texts.threatIntel).not.toBeNull();
  return writeRulePackage(
    path.join(repo, 'package'),
    {
      'logs.json': texts.logs,
      'sources.json': texts.sources,
      'types.json': texts.types!,
      'threat_intel.json': texts.threatIntel!,
    },
    { 'bad_ip.mjs': RULE },
  );
}

async function invoke(expected: number, ...ips: string[]): Promise<Map<string, Alert>> {
  const result = await ruleHandler(kinesisEvent(ips.map((ip) => ({ user: 'u', ip }))));
  expect(result.batchItemFailures).toEqual([]);
  const got = await alerts.received(expected);
  return new Map(got.map((a) => [String(a.record.ip), a]));
}

const logged = () =>
  stdout.flatMap((chunk) =>
    chunk
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  );

beforeAll(async () => {
  feeds = createServer((req, res) => {
    if (req.url === '/downloads/ipblocklist.json') {
      res.writeHead(feodo.status).end(feodo.body);
    } else if (req.url?.startsWith('/api/v1/pulses/subscribed?')) {
      // OTX's subscribed pulses: the key in its header, one page here.
      if (req.headers['x-otx-api-key'] !== OTX_KEY) res.writeHead(403).end('{"detail": "no"}');
      else
        res.writeHead(200).end(
          JSON.stringify({
            count: 1,
            next: null,
            previous: null,
            results: [
              {
                id: '6750bb01',
                name: 'Test pulse',
                author_name: 'tester',
                tlp: 'white',
                tags: [],
                malware_families: [],
                indicators: [{ indicator: '203.0.113.99', type: 'IPv4', is_active: 1 }],
              },
            ],
          }),
        );
    } else if (req.url === '/torbulkexitlist') {
      res.writeHead(200).end('198.51.100.9\n');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
  feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
  feodo.body = JSON.stringify([
    { ip_address: '203.0.113.5', port: 443, status: 'online', malware: 'QakBot' },
    { ip_address: '10.9.9.9', port: 443, status: 'online', malware: 'excluded here' },
  ]);

  moto = await startMoto();
  s3 = new S3Client(clientConfig(moto, REGION));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  alerts = await alertQueue(moto, REGION, { topic: 'acme_alerts', queue: 'ti-alerts' });
  const env = {
    ...moto.env,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    STREAMALERT_PACKAGE_DIR: await lambdaPackage(),
    ALERTS_TOPIC_ARN: alerts.topicArn,
    ENABLE_METRICS: 'true',
    LOGGER_LEVEL: 'info',
    THREAT_INTEL_BUCKET: BUCKET,
    THREAT_INTEL_FEEDS: 'feodo,tor_exits',
    THREAT_INTEL_URL_FEODO: `${feedBase}/downloads/ipblocklist.json`,
    THREAT_INTEL_URL_TOR_EXITS: `${feedBase}/torbulkexitlist`,
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  const lambda = await import('../../src/processors/rule-processor/lambda.js');
  ruleHandler = lambda.createHandler({ now: () => now }) as typeof ruleHandler;
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await moto?.stop();
  await new Promise<void>((r) => feeds.close(() => r()));
});

describe('threat intel against moto and a local feed server', () => {
  it('before the collector has written a table: records are judged without it, no failure', async () => {
    stdout.length = 0;
    expect(await invoke(0, '203.0.113.5')).toEqual(new Map());
    const lines = logged();
    expect(lines.filter((l) => l.metric_name === 'LookupTableRefreshFailures')).toEqual([]);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(
      lines
        .filter(
          (l) => l.message === 'lookup table not written yet; its records are judged without it',
        )
        .map((l) => l.table)
        .sort(),
    ).toEqual(['threat_intel:feodo', 'threat_intel:tor_exits']);
  });

  it("the collector's handler writes the tables; the rule processor alerts with the indicator and its feed", async () => {
    const { threatIntelFeeds } = await import('../../src/processors/collectors/lambda.js');
    const result = await threatIntelFeeds();
    expect(result.feeds.map((f) => [f.feed, f.outcome, f.indicators])).toEqual([
      ['feodo', 'written', 2],
      ['tor_exits', 'written', 1],
    ]);
    // The plan comment's versions: what the rule processors load now, read from the bucket.
    const config = {
      global: { account: { region: REGION } },
      processors: {
        threatIntel: toThreatIntel({
          enabled: true,
          feeds: { bucket: BUCKET, sources: ['feodo', 'tor_exits', 'cisa_kev'] },
        }),
      },
    } as unknown as Config;
    const client = () => ({ send: s3.send.bind(s3), destroy() {} }) as unknown as S3Client;
    const versions = await readFeedVersions(config, { read: true, client });
    expect(versions).toEqual([
      { feed: 'feodo', status: 'current', fetchedAt: result.feeds[0]!.version },
      { feed: 'tor_exits', status: 'current', fetchedAt: result.feeds[1]!.version },
      { feed: 'cisa_kev', status: 'absent' },
    ]);
    expect(await readFeedVersions(config, { read: false, client })).toEqual(
      ['feodo', 'tor_exits', 'cisa_kev'].map((feed) => ({ feed, status: 'unread' })),
    );
    const refused = () =>
      ({
        send: async () => {
          throw Object.assign(new Error('Access Denied'), { $metadata: { httpStatusCode: 403 } });
        },
        destroy() {},
      }) as unknown as S3Client;
    expect((await readFeedVersions(config, { read: true, client: refused }))![0]).toEqual({
      feed: 'feodo',
      status: 'unread',
    });
    // The tables not written at cold start are tried again every cache_refresh_minutes (1).
    now += 60_000;
    await invoke(0, '192.0.2.1');
    const alerts = await invoke(2, '203.0.113.5', '198.51.100.9', '10.9.9.9', '192.0.2.1');
    expect([...alerts.keys()].sort()).toEqual(['198.51.100.9', '203.0.113.5']);
    const qakbot = alerts.get('203.0.113.5')!;
    expect(qakbot.record['streamalert:ioc']).toEqual({ ip: ['203.0.113.5'] });
    expect(qakbot.context!.threat_intel).toEqual([
      {
        type: 'ip',
        value: '203.0.113.5',
        field: 'ip',
        normalized_type: 'sourceAddress',
        feed: 'feodo',
        feed_version: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        indicator: { type: 'ip', malware: 'QakBot', port: 443, status: 'online' },
      },
    ]);
    expect((alerts.get('198.51.100.9')!.context!.threat_intel as { feed: string }[])[0]!.feed).toBe(
      'tor_exits',
    );
  });

  it('a feed outage keeps the last good table, counts the failure, and matching goes on', async () => {
    const head = () =>
      s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'threat-intel/feodo.json.gz' }));
    const before = (await head()).ETag;
    feodo.status = 503;
    stdout.length = 0;
    const outcomes = await collectFeeds({
      feeds: ['feodo'],
      store: s3IndicatorStore(async () => s3, BUCKET, 'threat-intel/'),
      logger: createLogger({ level: 'info', metrics: true }),
      urls: { feodo: `${feedBase}/downloads/ipblocklist.json` },
      now: () => Date.now() + 60 * 60_000,
    });
    expect(outcomes[0]).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('HTTP 503'),
    });
    expect(logged()).toContainEqual({ metric_name: 'ThreatIntelFeedFailures', metric_value: 1 });
    expect((await head()).ETag).toBe(before);
    // The rule processor's refresh finds the same table: the indicator still matches.
    now += 2 * 60_000;
    await invoke(1, '203.0.113.5');
    const alerts = await invoke(1, '203.0.113.5');
    expect(alerts.get('203.0.113.5')!.context!.threat_intel).toHaveLength(1);
  });

  it('pulls OTX with the key read from SSM at run time, the key in no log line', async () => {
    const ssm = new SSMClient(clientConfig(moto, REGION));
    await ssm.send(
      new PutParameterCommand({
        Name: '/streamalert/threat-intel/otx',
        Value: OTX_KEY,
        Type: 'SecureString',
      }),
    );
    const env = {
      THREAT_INTEL_FEEDS: 'otx',
      THREAT_INTEL_OTX_CREDENTIAL: '/streamalert/threat-intel/otx',
      THREAT_INTEL_URL_OTX: `${feedBase}/api/v1/pulses/subscribed`,
    };
    const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    stdout.length = 0;
    try {
      const { threatIntelFeeds } = await import('../../src/processors/collectors/lambda.js');
      const result = await threatIntelFeeds();
      expect(result.feeds.map((f) => [f.feed, f.outcome, f.indicators])).toEqual([
        ['otx', 'written', 1],
      ]);
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: BUCKET, Key: 'threat-intel/otx.json.gz' }),
      );
      expect(head.Metadata?.feed).toBe('otx');
      expect(stdout.join('')).not.toContain(OTX_KEY);
      expect(JSON.stringify(result)).not.toContain(OTX_KEY);
    } finally {
      for (const [k, v] of Object.entries(before))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    }
  });
});
