/**
 * What users send the rule processor, generated deterministically (seeded): used by
 * bench/processor.ts at full size and by test/processors/equivalence.test.ts with a small
 * count. Also the rule sets the bench runs (none, the examples', 20 synthetic rules with
 * about 1% of records alerting) and a loader for a folder of rule sources.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Service } from '../src/processors/config/types.js';
import {
  inNetwork,
  inSet,
  isRule,
  matcher,
  rule,
  type LogRecord,
  type Rule,
} from '../src/rules-api/index.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'production');

type Json = Record<string, unknown>;

export interface Dataset {
  name: string;
  /** conf/logs.json and conf/sources.json as a user writes them. */
  logs: Json;
  sources: Json;
  service: Service;
  entity: string;
  /** One entry per raw record (Kinesis record data, S3 line). */
  lines: string[];
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;

/** The example's logs.json plus a csv and a kv log; `rawCloudTrail` drops cloudtrail's json_path (single records). */
function benchLogs(rawCloudTrail = false): Json {
  const logs = structuredClone(readJson(path.join(EXAMPLE, 'conf', 'logs.json')));
  if (rawCloudTrail) {
    const ct = logs['cloudtrail:events'] as { configuration: Json };
    delete ct.configuration.json_path;
  }
  logs['proxy:csv'] = {
    parser: 'csv',
    schema: {
      time: 'integer',
      host: 'string',
      user: 'string',
      src: 'string',
      dst: 'string',
      port: 'integer',
      bytes: 'integer',
      action: 'string',
      ratio: 'float',
      cached: 'boolean',
    },
  };
  logs['proxy:kv'] = {
    parser: 'kv',
    schema: {
      time: 'integer',
      host: 'string',
      user: 'string',
      src: 'string',
      dst: 'string',
      port: 'integer',
      bytes: 'integer',
      action: 'string',
    },
  };
  return logs;
}

const STREAM = 'bench_stream';
const kinesisSources = (logs: string[]): Json => ({
  kinesis: { [STREAM]: { logs } },
  s3: { 'bench.cloudtrail': { logs: ['cloudtrail'] } },
});

const EVENT_NAMES = [
  'DescribeInstances',
  'GetObject',
  'ListBuckets',
  'AssumeRole',
  'GetCallerIdentity',
  'DescribeSecurityGroups',
  'PutObject',
  'ConsoleLogin',
  'CreateTags',
  'Decrypt',
];
/** Events the rules look for: about 1 record in 100 carries one. */
export const HOT_EVENTS = [
  'StopLogging',
  'DeleteTrail',
  'PutBucketPolicy',
  'CreateAccessKey',
  'AttachUserPolicy',
  'DeleteFlowLogs',
  'AuthorizeSecurityGroupIngress',
  'DisableKey',
];
const SOURCES: Record<string, string> = {
  StopLogging: 'cloudtrail.amazonaws.com',
  DeleteTrail: 'cloudtrail.amazonaws.com',
  PutBucketPolicy: 's3.amazonaws.com',
  GetObject: 's3.amazonaws.com',
  PutObject: 's3.amazonaws.com',
  ListBuckets: 's3.amazonaws.com',
  CreateAccessKey: 'iam.amazonaws.com',
  AttachUserPolicy: 'iam.amazonaws.com',
  AssumeRole: 'sts.amazonaws.com',
  GetCallerIdentity: 'sts.amazonaws.com',
  ConsoleLogin: 'signin.amazonaws.com',
  Decrypt: 'kms.amazonaws.com',
  DisableKey: 'kms.amazonaws.com',
};
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const hex = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const uuid = (r: () => number) =>
  `${hex(r, 8)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 4)}-${hex(r, 12)}`;

/**
 * One CloudTrail record (~1.3 KB) in CloudTrail's key order; each optional key of the
 * example schema is present or not at random, as real events differ by service and call.
 */
export function cloudTrailRecord(r: () => number, i: number): Json {
  const hot = i % 100 === 37;
  const eventName = hot ? pick(r, HOT_EVENTS) : pick(r, EVENT_NAMES);
  const root = i % 300 === 150;
  const maybe = (p = 0.5) => r() < p;
  const rec: Json = { eventVersion: '1.08' };
  rec.userIdentity = root
    ? {
        type: 'Root',
        principalId: '123456789012',
        arn: 'arn:aws:iam::123456789012:root',
        accountId: '123456789012',
        accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
      }
    : {
        type: 'AssumedRole',
        principalId: `AROA${hex(r, 16).toUpperCase()}:session-${i % 97}`,
        arn: `arn:aws:sts::123456789012:assumed-role/app-role-${i % 13}/session-${i % 97}`,
        accountId: '123456789012',
        accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: `AROA${hex(r, 16).toUpperCase()}`,
            arn: `arn:aws:iam::123456789012:role/app-role-${i % 13}`,
            accountId: '123456789012',
            userName: `app-role-${i % 13}`,
          },
          webIdFederationData: {},
          attributes: { creationDate: '2024-05-01T09:12:44Z', mfaAuthenticated: 'false' },
        },
      };
  rec.eventTime = `2024-05-01T10:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}Z`;
  rec.eventSource = SOURCES[eventName] ?? 'ec2.amazonaws.com';
  rec.eventName = eventName;
  rec.awsRegion = pick(r, ['us-east-1', 'us-west-2', 'eu-west-1']);
  rec.sourceIPAddress =
    r() < 0.2
      ? `10.${i % 256}.${(i >> 8) % 256}.${i % 250}`
      : `${pick(r, ['198.51', '203.0', '192.0'])}.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
  if (maybe(0.9))
    rec.userAgent = pick(r, [
      'aws-cli/2.15.0 Python/3.11.6 Linux/6.1.0 exe/x86_64.amzn.2 prompt/off command/ec2.describe-instances',
      'Boto3/1.34.11 md/Botocore#1.34.11 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6',
      'console.amazonaws.com',
    ]);
  if (maybe(0.9))
    rec.requestParameters = maybe(0.2)
      ? null
      : {
          bucketName: `acme-data-${i % 11}`,
          key: `logs/2024/05/01/${hex(r, 12)}.json.gz`,
          instancesSet: { items: [{ instanceId: `i-${hex(r, 17)}` }] },
        };
  if (maybe(0.9))
    rec.responseElements = maybe(0.6)
      ? null
      : {
          credentials: {
            accessKeyId: `ASIA${hex(r, 16).toUpperCase()}`,
            expiration: 'May 1, 2024, 11:12:44 AM',
          },
        };
  if (maybe(0.3))
    rec.additionalEventData = {
      SignatureVersion: 'SigV4',
      CipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256',
      bytesTransferredIn: Math.floor(r() * 1000),
      AuthenticationMethod: 'AuthHeader',
    };
  rec.requestID = uuid(r);
  rec.eventID = uuid(r);
  if (maybe(0.8)) rec.readOnly = !hot && maybe(0.7);
  if (maybe(0.3))
    rec.resources = [
      {
        accountId: '123456789012',
        type: 'AWS::S3::Bucket',
        ARN: `arn:aws:s3:::acme-data-${i % 11}`,
      },
    ];
  rec.eventType = 'AwsApiCall';
  if (maybe(0.4)) rec.apiVersion = '2006-03-01';
  if (maybe(0.9)) rec.managementEvent = maybe(0.8);
  if (maybe(0.95)) rec.recipientAccountId = '123456789012';
  if (maybe(0.1)) rec.sharedEventID = uuid(r);
  if (maybe(0.2)) rec.vpcEndpointId = `vpce-${hex(r, 17)}`;
  if (maybe(0.9)) rec.eventCategory = 'Management';
  if (maybe(0.6))
    rec.tlsDetails = {
      tlsVersion: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      clientProvidedHostHeader: `${String(rec.eventSource).split('.')[0]}.${rec.awsRegion}.amazonaws.com`,
    };
  if (maybe(0.05)) rec.sessionCredentialFromConsole = 'true';
  if (maybe(0.05)) {
    rec.errorCode = 'AccessDenied';
    rec.errorMessage = 'User is not authorized to perform this operation';
  }
  return rec;
}

export function rawCloudTrail(n: number, seed = 1): Dataset {
  const r = prng(seed);
  return {
    name: 'raw CloudTrail records (Kinesis)',
    logs: benchLogs(true),
    sources: kinesisSources(['cloudtrail']),
    service: 'kinesis',
    entity: STREAM,
    lines: Array.from({ length: n }, (_, i) => JSON.stringify(cloudTrailRecord(r, i))),
  };
}

/** CloudTrail's S3 log files: `{"Records": [...]}`, `perObject` records each (one line per object). */
export function cloudTrailS3(n: number, perObject = 25, seed = 2): Dataset {
  const r = prng(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i += perObject)
    lines.push(
      JSON.stringify({
        Records: Array.from({ length: Math.min(perObject, n - i) }, (_, j) =>
          cloudTrailRecord(r, i + j),
        ),
      }),
    );
  return {
    name: `CloudTrail S3 objects (${perObject} records each)`,
    logs: benchLogs(),
    sources: kinesisSources([]),
    service: 's3',
    entity: 'bench.cloudtrail',
    lines,
  };
}

export function cloudWatchEvents(n: number, seed = 3): Dataset {
  const r = prng(seed);
  const lines = Array.from({ length: n }, (_, i) => {
    const detail = cloudTrailRecord(r, i);
    return JSON.stringify({
      version: '0',
      id: uuid(r),
      'detail-type': 'AWS API Call via CloudTrail',
      source: `aws.${String(detail.eventSource).split('.')[0]}`,
      account: '123456789012',
      time: detail.eventTime,
      region: detail.awsRegion,
      resources: [],
      detail,
    });
  });
  return {
    name: 'CloudWatch Events (CloudTrail)',
    logs: benchLogs(),
    sources: kinesisSources(['cloudwatch']),
    service: 'kinesis',
    entity: STREAM,
    lines,
  };
}

/** CloudWatch Logs subscription messages of VPC flow logs, `perMessage` events each. */
export function flowLogs(n: number, perMessage = 50, seed = 4): Dataset {
  const r = prng(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i += perMessage) {
    const logEvents = Array.from({ length: Math.min(perMessage, n - i) }, (_, j) => {
      const hot = (i + j) % 100 === 37;
      const src = hot
        ? `203.0.113.${Math.floor(r() * 256)}`
        : r() < 0.5
          ? `10.0.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`
          : `198.51.100.${Math.floor(r() * 256)}`;
      const f = {
        version: '2',
        account: '123456789012',
        eni: `eni-${hex(r, 17)}`,
        source: src,
        destination: `10.0.1.${Math.floor(r() * 256)}`,
        srcport: String(1024 + Math.floor(r() * 60000)),
        destport: hot ? '22' : pick(r, ['443', '80', '5432', '3306']),
        protocol: '6',
        packets: String(Math.floor(r() * 100)),
        bytes: String(Math.floor(r() * 100000)),
        windowstart: String(1714557600 + i),
        windowend: String(1714557660 + i),
        action: hot || r() < 0.7 ? 'ACCEPT' : 'REJECT',
        flowlogstatus: 'OK',
      };
      return {
        id: String(35734418329441 + i + j),
        timestamp: 1714557600000 + i + j,
        message: Object.values(f).join(' '),
        extractedFields: f,
      };
    });
    lines.push(
      JSON.stringify({
        messageType: 'DATA_MESSAGE',
        owner: '123456789012',
        logGroup: 'acme_production_streamalert_flow_logs',
        logStream: 'eni-0123456789abcdef0-all',
        subscriptionFilters: ['acme_production_streamalert_flow_logs'],
        logEvents,
      }),
    );
  }
  return {
    name: `VPC flow logs (${perMessage} per message)`,
    logs: benchLogs(),
    sources: kinesisSources(['cloudwatch']),
    service: 'kinesis',
    entity: STREAM,
    lines,
  };
}

export function syslog(n: number): Dataset {
  const lines = Array.from({ length: n }, (_, i) => {
    const failed = i % 100 === 37;
    return `May 01 06:21:${String(i % 60).padStart(2, '0')} host-${i % 40} sshd[${2000 + (i % 999)}]: ${failed ? 'Failed password' : 'Accepted publickey'} for user${i % 13} from 203.0.113.${i % 250} port ${40000 + (i % 999)} ssh2`;
  });
  return {
    name: 'syslog lines',
    logs: benchLogs(),
    sources: kinesisSources(['syslog']),
    service: 'kinesis',
    entity: STREAM,
    lines,
  };
}

function proxyFields(r: () => number, i: number): (string | number)[] {
  const hot = i % 100 === 37;
  return [
    1714557600 + i,
    `proxy-${i % 7}`,
    `user${i % 50}`,
    `10.1.${i % 256}.${i % 200}`,
    hot ? 'evil.example.net' : pick(r, ['api.github.com', 'www.example.com', 'registry.npmjs.org']),
    pick(r, [443, 80]),
    Math.floor(r() * 1e6),
    hot || r() < 0.9 ? 'allow' : 'deny',
  ];
}

export function csv(n: number, seed = 6): Dataset {
  const r = prng(seed);
  const lines = Array.from({ length: n }, (_, i) =>
    [...proxyFields(r, i), (r() * 10).toFixed(3), r() < 0.5 ? 'True' : 'False'].join(','),
  );
  return {
    name: 'csv lines',
    logs: benchLogs(),
    sources: kinesisSources(['proxy:csv']),
    service: 'kinesis',
    entity: STREAM,
    lines,
  };
}

export function kv(n: number, seed = 7): Dataset {
  const r = prng(seed);
  const keys = ['time', 'host', 'user', 'src', 'dst', 'port', 'bytes', 'action'];
  const lines = Array.from({ length: n }, (_, i) =>
    proxyFields(r, i)
      .map((v, k) => `${keys[k]}=${v}`)
      .join(' '),
  );
  return {
    name: 'kv lines',
    logs: benchLogs(),
    sources: kinesisSources(['proxy:kv']),
    service: 'kinesis',
    entity: STREAM,
    lines,
  };
}

/** Every dataset, `n` typed records each (about). */
export function datasets(n: number): Dataset[] {
  return [
    rawCloudTrail(n),
    cloudTrailS3(n),
    cloudWatchEvents(n),
    flowLogs(n),
    syslog(n),
    csv(n),
    kv(n),
  ];
}

/**
 * 20 rules over the bench logs the way real rules read records (subkeys, matchers, sets,
 * CIDRs); each dataset alerts on about 1% of its records.
 */
export function syntheticRules(): Rule[] {
  const event = (rec: LogRecord) => ((rec.detail as Json | undefined) ?? rec) as Json;
  const trail = ['cloudwatch:events', 'cloudtrail:events'];
  const external = matcher(
    'external source',
    (rec: LogRecord) =>
      !inNetwork(event(rec).sourceIPAddress, ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']),
  );
  const byName = HOT_EVENTS.map((n) =>
    rule({
      name: `trail_${n}`,
      logs: trail,
      outputs: ['slack:security'],
      rule: (rec) => event(rec).eventName === n,
    }),
  );
  return [
    ...byName, // 8
    rule({
      name: 'trail_root',
      logs: trail,
      outputs: ['slack:security'],
      rule: (rec) => (event(rec).userIdentity as Json).type === 'Root',
    }),
    rule({
      name: 'trail_cw_root_subkeys',
      logs: ['cloudwatch:events'],
      outputs: ['slack:security'],
      req_subkeys: { detail: ['userIdentity', 'eventName'] },
      rule: (rec) =>
        (event(rec).userIdentity as Json).type === 'Root' &&
        event(rec).eventName === 'ConsoleLogin',
    }),
    rule({
      name: 'trail_external_iam',
      logs: trail,
      outputs: ['slack:security'],
      matchers: [external],
      rule: (rec) => inSet(event(rec).eventName, ['CreateAccessKey', 'Attach*Policy']),
    }),
    rule({
      name: 'trail_denied_write',
      logs: trail,
      outputs: ['slack:security'],
      rule: (rec) =>
        event(rec).errorCode === 'AccessDenied' &&
        event(rec).readOnly === false &&
        event(rec).eventName === 'DisableKey',
    }),
    rule({
      name: 'trail_console_no_mfa',
      logs: trail,
      outputs: ['slack:security'],
      rule: (rec) =>
        event(rec).eventName === 'ConsoleLogin' &&
        event(rec).sessionCredentialFromConsole === 'true' &&
        event(rec).errorCode === 'AccessDenied',
    }),
    rule({
      name: 'flow_ssh_external',
      logs: ['cloudwatch:flow_logs'],
      outputs: ['slack:security'],
      matchers: [matcher('accepted', (rec: LogRecord) => rec.action === 'ACCEPT')],
      rule: (rec) => rec.destport === 22 && inNetwork(rec.source, ['203.0.113.0/24']),
    }),
    rule({
      name: 'flow_big_reject',
      logs: ['cloudwatch:flow_logs'],
      outputs: ['slack:security'],
      rule: (rec) => rec.action === 'REJECT' && (rec.bytes as number) > 99_900,
    }),
    rule({
      name: 'ssh_failed',
      logs: ['syslog:log'],
      outputs: ['slack:security'],
      rule: (rec) => rec.application === 'sshd' && String(rec.message).startsWith('Failed'),
    }),
    rule({
      name: 'csv_evil',
      logs: ['proxy:csv'],
      outputs: ['slack:security'],
      rule: (rec) => rec.dst === 'evil.example.net' && rec.action === 'allow',
    }),
    rule({
      name: 'csv_huge',
      logs: ['proxy:csv'],
      outputs: ['slack:security'],
      rule: (rec) => (rec.bytes as number) > 1e9 && rec.cached === true,
    }),
    rule({
      name: 'kv_evil',
      logs: ['proxy:kv'],
      outputs: ['slack:security'],
      rule: (rec) => rec.dst === 'evil.example.net' && rec.port === 443,
    }),
    rule({
      name: 'kv_huge',
      logs: ['proxy:kv'],
      outputs: ['slack:security'],
      rule: (rec) => (rec.bytes as number) > 1e9,
    }),
  ];
}

/**
 * Imports the rules of a folder of rule sources (.ts/.js importing 'streamalert-action/rules'):
 * each is copied with that specifier pointing at src/rules-api, then imported. Works under
 * vitest and under bench/ts-loader.mjs.
 */
export async function importRuleSources(dir: string): Promise<Rule[]> {
  const api = pathToFileURL(path.join(REPO_ROOT, 'src', 'rules-api', 'index.ts')).href;
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-rules-'));
  try {
    const rules: Rule[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => /\.(ts|js)$/.test(n))
      .sort()) {
      const source = readFileSync(path.join(dir, name), 'utf8').replaceAll(
        "'streamalert-action/rules'",
        JSON.stringify(api),
      );
      const file = path.join(tmp, name.replace(/\.js$/, '.ts'));
      writeFileSync(file, source);
      const mod = (await import(pathToFileURL(file).href)) as Json;
      for (const key of Object.keys(mod).sort())
        for (const v of [mod[key]].flat()) if (isRule(v)) rules.push(v);
    }
    return rules;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
