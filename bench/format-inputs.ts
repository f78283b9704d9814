/**
 * The inputs of bench/formats (and of test/processors/formats-equivalence.test.ts): per log
 * format, the raw payloads users send the rule processor — Kinesis record data (plain
 * lines, JSON, or gzip CloudWatch Logs messages) and gzip S3 objects — generated
 * deterministically (seeded), plus the conf/ and rules they run with.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cloudTrailRecord, EXAMPLE, prng } from './datasets.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
type Json = Record<string, unknown>;

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
export const int = (r: () => number, lo: number, hi: number) =>
  lo + Math.floor(r() * (hi - lo + 1));
export const hex = (r: () => number, n: number) =>
  Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const two = (n: number) => String(n).padStart(2, '0');

/** VPC flow log fields as CloudWatch Logs' space-delimited filter extracts them (all strings). */
function flowEvent(r: () => number, i: number): Json {
  const hot = i % 97 === 41;
  const nodata = r() < 0.03;
  const start = 1733400000 + Math.floor(i / 20);
  const f: Record<string, string> = {
    version: '2',
    account: ACCOUNT,
    eni: `eni-${hex(r, 17)}`,
    source: hot
      ? `203.0.113.${int(r, 1, 254)}`
      : r() < 0.6
        ? `10.${int(r, 0, 3)}.${int(r, 0, 255)}.${int(r, 1, 254)}`
        : `${pick(r, ['52.94', '35.180', '198.51', '172.31'])}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    destination: `10.${int(r, 0, 3)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    srcport: String(int(r, 1024, 65535)),
    destport: hot ? '22' : pick(r, ['443', '443', '80', '5432', '3306', '6379', '53', '123']),
    protocol: pick(r, ['6', '6', '6', '17', '1']),
    packets: String(int(r, 1, 3000)),
    bytes: String(int(r, 40, 4_000_000)),
    windowstart: String(start),
    windowend: String(start + int(r, 1, 60)),
    action: hot || r() < 0.85 ? 'ACCEPT' : 'REJECT',
    flowlogstatus: nodata ? 'NODATA' : 'OK',
  };
  if (nodata)
    for (const k of [
      'source',
      'destination',
      'srcport',
      'destport',
      'protocol',
      'packets',
      'bytes',
    ])
      f[k] = '-';
  return {
    id: `3${hex(r, 12).replace(/[a-f]/g, '7')}${String(i).padStart(9, '0')}`,
    timestamp: start * 1000,
    message: Object.values(f).join(' '),
    extractedFields: f,
  };
}

/** One CloudWatch Logs subscription message (what a Kinesis record carries, gzip). */
export function flowMessage(r: () => number, first: number, count: number): Json {
  return {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup: 'acme_production_streamalert_flow_logs',
    logStream: `eni-${hex(r, 17)}-all`,
    subscriptionFilters: ['acme_production_streamalert_flow_logs'],
    logEvents: Array.from({ length: count }, (_, j) => flowEvent(r, first + j)),
  };
}

/** Syslog lines of a Linux fleet: sshd, sudo, cron, systemd, kernel, postfix; a few that fit no schema. */
function syslogLine(r: () => number, i: number): string {
  const ts = `${pick(r, MONTHS)} ${two(int(r, 10, 28))} ${two(int(r, 0, 23))}:${two(int(r, 0, 59))}:${two(int(r, 0, 59))}`;
  const host = pick(r, [
    'web-01',
    'web-02',
    'db-primary',
    'bastion',
    'worker-17',
    'ip-10-0-3-25',
    'build_agent',
  ]);
  const pid = int(r, 300, 65000);
  const user = pick(r, ['deploy', 'ubuntu', 'ec2-user', 'alice', 'jenkins', 'root']);
  const ip = `${pick(r, ['10.0', '198.51', '203.0'])}.${int(r, 0, 255)}.${int(r, 1, 254)}`;
  if (i % 97 === 13)
    return `${ts} ${host} sshd[${pid}]: Failed password for invalid user ${user} from ${ip} port ${int(r, 1024, 65535)} ssh2`;
  if (i % 211 === 7)
    return `${pick(r, MONTHS)}  ${int(r, 1, 9)} 0${int(r, 0, 9)}:1${int(r, 0, 9)}:2${int(r, 0, 9)} ${host} CRON[${pid}]: (root) CMD (run-parts /etc/cron.hourly)`; // one-digit day: fits no schema
  switch (int(r, 0, 9)) {
    case 0:
    case 1:
      return `${ts} ${host} sshd[${pid}]: Accepted publickey for ${user} from ${ip} port ${int(r, 1024, 65535)} ssh2: ED25519 SHA256:${hex(r, 43)}`;
    case 2:
      return `${ts} ${host} sshd[${pid}]: pam_unix(sshd:session): session ${pick(r, ['opened', 'closed'])} for user ${user}${r() < 0.5 ? ' by (uid=0)' : ''}`;
    case 3:
      return `${ts} ${host} sudo: ${user} : TTY=pts/${int(r, 0, 9)} ; PWD=/home/${user} ; USER=root ; COMMAND=/usr/bin/${pick(r, ['systemctl restart nginx', 'apt-get update', 'journalctl -u app', 'cat /etc/shadow'])}`;
    case 4:
      return `${ts} ${host} CRON[${pid}]: (${user}) CMD (${pick(r, ['/usr/local/bin/backup.sh >/dev/null 2>&1', 'cd / && run-parts --report /etc/cron.hourly', 'test -x /usr/sbin/anacron'])})`;
    case 5:
      return `${ts} ${host} systemd[1]: ${pick(r, ['Started', 'Stopping', 'Finished'])} ${pick(r, ['Daily apt upgrade and clean activities', 'nginx.service - A high performance web server', 'Session 4711 of User deploy', 'Rotate log files'])}.`;
    case 6:
      return `${ts} ${host} kernel: [${int(r, 1, 999999)}.${int(r, 100000, 999999)}] ${pick(r, ['TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.', `IPTables-Dropped: IN=eth0 OUT= SRC=${ip} DST=10.0.1.5 LEN=60 PROTO=TCP SPT=${int(r, 1024, 65535)} DPT=23`, 'EXT4-fs (nvme1n1): mounted filesystem with ordered data mode'])}`;
    case 7:
      // postfix/smtpd fits no schema (StreamAlert's application is word characters only)
      return `${ts} ${host} ${r() < 0.2 ? 'postfix/smtpd' : 'postfix'}[${pid}]: connect from unknown[${ip}]`;
    case 8:
      return `${ts} ${host} dhclient[${pid}]: DHCPACK of 10.0.${int(r, 0, 255)}.${int(r, 1, 254)} from 10.0.0.1 (xid=0x${hex(r, 8)})`;
    default:
      return `${ts} ${host} app[${pid}]: request_id=${hex(r, 16)} method=${pick(r, ['GET', 'POST'])} path=/api/v1/${pick(r, ['orders', 'users/me', 'health'])} status=${pick(r, [200, 200, 201, 404, 500])} duration_ms=${int(r, 1, 900)} user="${pick(r, ['Zoë', 'José', 'dana'])}"`;
  }
}

/** Web proxy lines; some fields quoted (a comma inside), user agents vary. */
function proxyFields(r: () => number, i: number): string[] {
  const hot = i % 101 === 17;
  const ua = pick(r, [
    'curl/8.4.0',
    'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0',
    'Go-http-client/1.1',
    'python-requests/2.31.0',
  ]);
  return [
    String(1733400000 + i),
    `proxy-${int(r, 1, 6)}`,
    r() < 0.1 ? '-' : pick(r, ['alice', 'bob', 'svc-ci', 'svc-backup', 'mallory', 'renée']),
    `10.${int(r, 0, 3)}.${int(r, 0, 255)}.${int(r, 1, 254)}`,
    hot
      ? 'paste.evil.example.net'
      : pick(r, [
          'api.github.com',
          'registry.npmjs.org',
          'pypi.org',
          's3.amazonaws.com',
          'www.example.com',
          'login.microsoftonline.com',
        ]),
    pick(r, ['443', '443', '443', '80', '8443']),
    String(hot ? int(r, 50_000_000, 90_000_000) : int(r, 200, 2_000_000)),
    hot || r() < 0.92 ? 'allow' : 'deny',
    (r() * 2).toFixed(3),
    r() < 0.4 ? 'True' : 'False',
    ua,
  ];
}
export const PROXY_KEYS = [
  'time',
  'host',
  'user',
  'src',
  'dst',
  'port',
  'bytes',
  'action',
  'elapsed',
  'cached',
  'agent',
];

function csvLine(r: () => number, i: number): string {
  const f = proxyFields(r, i);
  if (r() < 0.15)
    f[10] = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0`; // holds a comma
  return f
    .map((v) => (v.includes(',') || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v))
    .join(',');
}

function kvLine(r: () => number, i: number): string {
  const f = proxyFields(r, i).slice(0, 10);
  return f.map((v, k) => `${PROXY_KEYS[k]}=${v}`).join(' ');
}

// ---------------------------------------------------------------- conf and rules

export function benchConf(): { logs: Json; sources: Json } {
  const logs = JSON.parse(readFileSync(path.join(EXAMPLE, 'conf', 'logs.json'), 'utf8')) as Json;
  const ct = logs['cloudtrail:events'] as { schema: Json; configuration: Json };
  const rawConfiguration = { ...ct.configuration };
  delete rawConfiguration.json_path;
  logs['cloudtrail:raw'] = { parser: 'json', schema: ct.schema, configuration: rawConfiguration };
  const proxy: Json = {
    time: 'integer',
    host: 'string',
    user: 'string',
    src: 'string',
    dst: 'string',
    port: 'integer',
    bytes: 'integer',
    action: 'string',
    elapsed: 'float',
    cached: 'boolean',
  };
  logs['proxy:csv'] = { parser: 'csv', schema: { ...proxy, agent: 'string' } };
  logs['proxy:kv'] = { parser: 'kv', schema: proxy };
  const sources = {
    kinesis: {
      acme_trail_stream: { logs: ['cloudtrail:raw'] },
      acme_flow_stream: { logs: ['cloudwatch'] },
      acme_hosts_stream: { logs: ['cloudwatch', 'osquery', 'syslog'] },
      acme_proxy_csv_stream: { logs: ['osquery', 'proxy:csv'] },
      acme_proxy_kv_stream: { logs: ['osquery', 'proxy:kv'] },
    },
    s3: { 'acme.production.cloudtrail': { logs: ['cloudtrail:events'] } },
  };
  return { logs, sources };
}

/** The rules, as a rule source file (it imports the rules API). */
export const RULES = `import { inNetwork, matcher, rule } from 'streamalert-action/rules';
const trail = ['cloudtrail:events', 'cloudtrail:raw'];
const hot = new Set(${JSON.stringify(['StopLogging', 'DeleteTrail', 'PutBucketPolicy', 'CreateAccessKey', 'AttachUserPolicy', 'DeleteFlowLogs', 'AuthorizeSecurityGroupIngress', 'DisableKey'])});
const internal = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
export const trailSensitive = rule({ name: 'trail_sensitive_call', logs: trail, outputs: ['slack:security'], rule: (r) => hot.has(r.eventName) });
export const trailRoot = rule({ name: 'trail_root', logs: trail, outputs: ['slack:security'], req_subkeys: { userIdentity: ['type'] }, rule: (r) => r.userIdentity.type === 'Root' });
export const flowSsh = rule({ name: 'flow_ssh_from_internet', logs: ['cloudwatch:flow_logs'], outputs: ['slack:security'], matchers: [matcher('accepted', (r) => r.action === 'ACCEPT')], rule: (r) => r.destport === 22 && !inNetwork(r.source, internal) });
export const sshFailed = rule({ name: 'ssh_failed_password', logs: ['syslog:log'], outputs: ['slack:security'], rule: (r) => r.application === 'sshd' && r.message.startsWith('Failed password') });
export const proxyCsv = rule({ name: 'proxy_big_upload_csv', logs: ['proxy:csv'], outputs: ['slack:security'], rule: (r) => r.bytes > 40000000 && r.action === 'allow' });
export const proxyKv = rule({ name: 'proxy_big_upload_kv', logs: ['proxy:kv'], outputs: ['slack:security'], rule: (r) => r.bytes > 40000000 && r.dst.endsWith('.evil.example.net') });
`;

export interface FormatInput {
  key: 'trail' | 's3' | 'flow' | 'syslog' | 'csv' | 'kv';
  label: string;
  /** Typed records the input holds (about, for the line formats: a few lines fit no schema). */
  records: number;
  /** Bytes of text before any compression or encoding. */
  bytes: number;
  /** Kinesis: the stream and each record's data. */
  kinesis?: { stream: string; data: Buffer[]; perEvent: number };
  /** S3: the bucket and its gzip objects. */
  s3?: { bucket: string; objects: { key: string; body: Buffer }[] };
}

/** Every format's input, `n` typed records each. */
export function formatInputs(n: number): FormatInput[] {
  const all: FormatInput[] = [];
  {
    const r = prng(101);
    const lines = Array.from({ length: n }, (_, i) => JSON.stringify(cloudTrailRecord(r, i)));
    all.push({
      key: 'trail',
      label: 'raw CloudTrail on Kinesis',
      records: n,
      bytes: lines.reduce((s, l) => s + l.length, 0),
      kinesis: {
        stream: 'acme_trail_stream',
        data: lines.map((l) => Buffer.from(l)),
        perEvent: 500,
      },
    });
  }
  {
    // CloudTrail delivers an object per account and region about every 5 minutes: a few
    // records to a few thousand; here 1 to 140, about 60 on average.
    const r = prng(102);
    const objects: { key: string; body: Buffer }[] = [];
    let bytes = 0;
    for (let i = 0, obj = 0; i < n; obj++) {
      const count = Math.min(n - i, r() < 0.2 ? int(r, 1, 5) : int(r, 20, 140));
      const text = JSON.stringify({
        Records: Array.from({ length: count }, (_, j) => cloudTrailRecord(r, i + j)),
      });
      bytes += text.length;
      i += count;
      const key = `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2024/12/05/${ACCOUNT}_CloudTrail_${REGION}_20241205T${two(obj % 24)}${two(obj % 60)}Z_${hex(r, 16)}.json.gz`;
      objects.push({ key, body: gzipSync(text) });
    }
    all.push({
      key: 's3',
      label: `CloudTrail S3 objects (gzip, ${objects.length} objects)`,
      records: n,
      bytes,
      s3: { bucket: 'acme.production.cloudtrail', objects },
    });
  }
  {
    const r = prng(103);
    const data: Buffer[] = [];
    let bytes = 0;
    for (let i = 0; i < n;) {
      const count = Math.min(n - i, int(r, 20, 180));
      const text = JSON.stringify(flowMessage(r, i, count));
      bytes += text.length;
      data.push(gzipSync(text));
      i += count;
    }
    all.push({
      key: 'flow',
      label: `VPC flow logs, CloudWatch Logs on Kinesis (gzip, ${data.length} records)`,
      records: n,
      bytes,
      kinesis: { stream: 'acme_flow_stream', data, perEvent: 100 },
    });
  }
  const lineFormat = (
    key: 'syslog' | 'csv' | 'kv',
    label: string,
    stream: string,
    make: (r: () => number, i: number) => string,
    seed: number,
  ) => {
    const r = prng(seed);
    const lines = Array.from({ length: n }, (_, i) => make(r, i));
    all.push({
      key,
      label,
      records: n,
      bytes: lines.reduce((s, l) => s + l.length, 0),
      kinesis: { stream, data: lines.map((l) => Buffer.from(l)), perEvent: 500 },
    });
  };
  lineFormat('syslog', 'syslog lines on Kinesis', 'acme_hosts_stream', syslogLine, 104);
  lineFormat('csv', 'csv lines on Kinesis', 'acme_proxy_csv_stream', csvLine, 105);
  lineFormat('kv', 'kv lines on Kinesis', 'acme_proxy_kv_stream', kvLine, 106);
  return all;
}
