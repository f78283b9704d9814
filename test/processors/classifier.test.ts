import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { validateShape, crossCheckProcessors } from '../../src/config/processors/validate.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { REPO_ROOT } from '../support/processor-bundles.js';

const conf = path.join(REPO_ROOT, 'examples', 'production', 'conf');
const exampleLogs = JSON.parse(readFileSync(path.join(conf, 'logs.json'), 'utf8'));
const fixture = (name: string) =>
  JSON.parse(
    readFileSync(
      path.join(REPO_ROOT, 'examples', 'production', 'tests', 'rules', `${name}.json`),
      'utf8',
    ),
  ).records;

// Extra logs a real deployment might carry, to cover the csv and kv parsers too.
const extraLogs = {
  'pan:traffic': {
    parser: 'csv',
    schema: {
      receive_time: 'string',
      serial: 'string',
      type: 'string',
      subtype: 'string',
      src: 'string',
      dst: 'string',
      sport: 'integer',
      dport: 'integer',
      bytes: 'integer',
      action: 'string',
    },
    configuration: { log_patterns: { type: ['TRAFFIC'] } },
  },
  'auditd:user': {
    parser: 'kv',
    schema: {
      type: 'string',
      pid: 'integer',
      uid: 'integer',
      auid: 'integer',
      ses: 'integer',
      msg: 'string',
      res: 'boolean',
    },
  },
  'app:pipe': {
    parser: 'csv',
    schema: { time: 'integer', user: 'string', ok: 'boolean', ratio: 'float' },
    configuration: { delimiter: '|' },
  },
  'okta:export': {
    parser: 'csv',
    schema: { actor: 'string', event: 'string', outcome: 'string' },
    configuration: { header: true },
  },
};
const logs = { ...exampleLogs, ...extraLogs };
const sources = {
  kinesis: {
    stream: { logs: ['cloudwatch', 'cloudtrail', 'osquery', 'syslog', 'pan', 'auditd', 'app'] },
  },
  s3: { exports: { logs: ['okta'] } },
};
const classifier = createClassifier({ logs: toLogs(logs), sources: toSources(sources) });
const candidates = classifier.candidates('kinesis', 'stream')!;
const classify = (data: unknown) =>
  classifier.classify(typeof data === 'string' ? data : JSON.stringify(data), candidates);

describe('classifier on real-shaped logs', () => {
  it('classifies a CloudTrail event delivered by CloudWatch Events', () => {
    const [rec] = fixture('cloudtrail_root_account_use');
    const c = classify(rec.data)!;
    expect(c.log.name).toBe('cloudwatch:events');
    expect(c.records).toHaveLength(1);
    expect((c.records[0]!.detail as { userIdentity: { type: string } }).userIdentity.type).toBe(
      'Root',
    );
  });

  it('pulls every CloudTrail record out of a trail file (json_path) and fills optional keys with defaults', () => {
    const [, fromS3] = fixture('cloudtrail_stopped');
    const c = classify(fromS3.data)!;
    expect(c.log.name).toBe('cloudtrail:events');
    expect(c.records.map((r) => r.eventName)).toEqual(['StopLogging', 'DescribeTrails']);
    expect(c.records[0]!.errorCode).toBe('');
    expect(c.records[0]!.tlsDetails).toEqual({});
    expect(c.rejected).toEqual([]);
  });

  it('reports the CloudTrail records that do not fit instead of dropping them', () => {
    const [, fromS3] = fixture('cloudtrail_stopped');
    const broken = { ...fromS3.data.Records[1], surprise: true };
    const c = classify({ Records: [fromS3.data.Records[0], broken] })!;
    expect(c.records).toHaveLength(1);
    expect(c.rejected).toEqual([
      { value: broken, reason: 'keys differ from the schema: unexpected surprise' },
    ]);
  });

  it('types VPC flow log fields from a CloudWatch Logs subscription and attaches the envelope', () => {
    const [batch] = fixture('vpc_flow_ssh_from_internet');
    const c = classify(batch.data)!;
    expect(c.log.name).toBe('cloudwatch:flow_logs');
    expect(c.records).toHaveLength(3);
    expect(c.records[0]).toMatchObject({
      source: '203.0.113.7',
      destport: 22,
      protocol: 6,
      bytes: 840,
      action: 'ACCEPT',
    });
    expect(c.records[0]!['streamalert:envelope_keys']).toEqual({
      logGroup: 'acme_production_streamalert_flow_logs',
      logStream: 'eni-0123456789abcdef0-all',
      owner: '123456789012',
    });
  });

  it('rejects a NODATA flow log record whose ports are "-" (not integers)', () => {
    const [batch] = fixture('vpc_flow_ssh_from_internet');
    const nodata = structuredClone(batch.data.logEvents[0]);
    Object.assign(nodata.extractedFields, {
      source: '-',
      destination: '-',
      srcport: '-',
      destport: '-',
      protocol: '-',
      action: '-',
      flowlogstatus: 'NODATA',
    });
    const c = classify({ ...batch.data, logEvents: [batch.data.logEvents[0], nodata] })!;
    expect(c.records).toHaveLength(1);
    expect(c.rejected).toHaveLength(1);
    expect(c.rejected[0]!.value).toMatchObject(nodata.extractedFields);
    expect(c.rejected[0]!.reason).toBe(
      'cloudwatch:flow_logs matched by its keys, but /srcport: "-" is not an integer',
    );
  });

  it('parses syslog lines into timestamp, host, application and message', () => {
    const c = classify(
      'Jan 12 06:21:11 bastion-1 sshd[2817]: Failed password for invalid user admin from 203.0.113.9 port 40122 ssh2',
    )!;
    expect(c.log.name).toBe('syslog:log');
    expect(c.records[0]).toEqual({
      timestamp: 'Jan 12 06:21:11',
      host: 'bastion-1',
      application: 'sshd',
      message: 'Failed password for invalid user admin from 203.0.113.9 port 40122 ssh2',
    });
    expect(
      classify('Jan 09 04:05:01 web-1 CRON[1123]: (root) CMD (run-parts /etc/cron.hourly)')!
        .records[0]!.application,
    ).toBe('CRON');
    // StreamAlert's pattern: a two-digit day, a host of word characters and dashes.
    expect(
      classify('Jan  9 04:05:01 web-1 CRON[1123]: (root) CMD (run-parts /etc/cron.hourly)'),
    ).toBeUndefined();
  });

  it('classifies osquery differential results and uses log_patterns on action', () => {
    const [added] = fixture('osquery_authorized_keys_added');
    expect(classify(added.data)!.log.name).toBe('osquery:differential');
    expect(classify({ ...added.data, action: 'snapshot' })).toBeUndefined();
    const minimal = { ...added.data };
    delete minimal.epoch;
    delete minimal.counter;
    expect(classify(minimal)!.records[0]).toMatchObject({ epoch: 0, counter: 0 });
  });

  it('parses CSV by position, converts types, and tells logs apart with log_patterns', () => {
    const c = classify(
      '2024/05/01 10:00:00,001801000001,TRAFFIC,end,203.0.113.7,10.0.1.12,51234,443,1840,allow',
    )!;
    expect(c.log.name).toBe('pan:traffic');
    expect(c.records[0]).toMatchObject({ type: 'TRAFFIC', sport: 51234, dport: 443, bytes: 1840 });
    expect(
      classify(
        '2024/05/01 10:00:00,001801000001,THREAT,end,203.0.113.7,10.0.1.12,51234,443,1840,allow',
      ),
    ).toBeUndefined();
    // header: true — the header sets the column order, also when it comes alone (S3 line by line).
    const okta = classifier.candidates('s3', 'exports')!;
    const header = classifier.classify('outcome,actor,event', okta)!;
    expect(header.records).toEqual([]);
    expect(header.rejected).toEqual([]);
    const row = classifier.classify('FAILURE,alice@acme.com,user.session.start', okta)!;
    expect(row.records).toEqual([
      { actor: 'alice@acme.com', event: 'user.session.start', outcome: 'FAILURE' },
    ]);
    const whole = classifier.classify(
      'actor,event,outcome\nbob@acme.com,user.mfa.reset,SUCCESS',
      okta,
    )!;
    expect(whole.records).toEqual([
      { actor: 'bob@acme.com', event: 'user.mfa.reset', outcome: 'SUCCESS' },
    ]);
    // As StreamAlert: one row that does not fit fails the whole payload (reported, not dropped).
    expect(
      classifier.classify(
        'actor,event,outcome\nbob@acme.com,user.mfa.reset,SUCCESS\nnot,enough',
        okta,
      ),
    ).toBeUndefined();

    const piped = classify('1714557600|alice|true|0.25')!;
    expect(piped.log.name).toBe('app:pipe');
    expect(piped.records[0]).toEqual({ time: 1714557600, user: 'alice', ok: true, ratio: 0.25 });
  });

  it('parses key=value logs as StreamAlert: quotes kept, only the field count checked', () => {
    const c = classify('type=USER_LOGIN pid=4120 uid=0 auid=1000 ses=7 msg="op=login" res=false')!;
    expect(c.log.name).toBe('auditd:user');
    expect(c.records[0]).toEqual({
      type: 'USER_LOGIN',
      pid: 4120,
      uid: 0,
      auid: 1000,
      ses: 7,
      msg: '"op=login"',
      res: false,
    });
    // A quoted value with spaces is several fields to StreamAlert: the count no longer fits.
    expect(
      classify(
        'type=USER_LOGIN pid=4120 uid=0 auid=1000 ses=7 msg="op=login acct=alice" res=false',
      ),
    ).toBeUndefined();
  });

  it('keeps a record whose values do not convert unclassified, with the reason, and never tries the next log', () => {
    const failed = (data: unknown) => {
      const c = classify(data)!;
      expect(c.records).toEqual([]);
      return c.rejected.map((r) => r.reason);
    };
    expect(failed('type=USER_LOGIN pid=abc uid=0 auid=1000 ses=7 msg=x res=false')).toEqual([
      'auditd:user matched by its keys, but /pid: "abc" is not an integer',
    ]);
    expect(failed('1714557600|alice|true|a quarter')).toEqual([
      'app:pipe matched by its keys, but /ratio: "a quarter" is not a float',
    ]);
    const [added] = fixture('osquery_authorized_keys_added');
    expect(failed({ ...added.data, unixTime: '17.5' })).toEqual([
      'osquery:differential matched by its keys, but /unixTime: "17.5" is not an integer',
    ]);
    // A JSON null is named as the JSON it was, not as Python's None.
    expect(failed({ ...added.data, unixTime: null })).toEqual([
      'osquery:differential matched by its keys, but /unixTime: null is not an integer',
    ]);
    expect(classify({ ...added.data, unexpected: 1 })).toBeUndefined(); // unknown key: no log matches
    expect(classify('not a log at all')).toBeUndefined();
  });

  it('converts as Python would: booleans never fail, strings take any value, {} and [] only need the key', () => {
    expect(classify('1714557600|alice|maybe|0.25')!.records[0]!.ok).toBe(false);
    const [added] = fixture('osquery_authorized_keys_added');
    expect(classify({ ...added.data, hostIdentifier: true })!.records[0]!.hostIdentifier).toBe(
      'True',
    );
    expect(classify({ ...added.data, columns: ['not', 'a', 'map'] })!.records[0]!.columns).toEqual([
      'not',
      'a',
      'map',
    ]);
  });

  it('converts numeric strings in JSON to the schema type without touching the input', () => {
    const [added] = fixture('osquery_authorized_keys_added');
    const text = JSON.stringify({ ...added.data, unixTime: '1714557600' });
    expect(classify(text)!.records[0]!.unixTime).toBe(1714557600);
  });
});

describe('logs.json and sources.json validation', () => {
  it('names the file, the JSON pointer and the problem', () => {
    const bad = {
      'cloudwatch:events': { parser: 'xml', schema: { a: 'str' } },
      syslog: {
        parser: 'syslog',
        schema: { message: 'string' },
        configuration: { json_path: 'x' },
      },
    };
    const problems = validateShape('logs', bad, 'conf/logs.json');
    expect(problems).toContainEqual({
      file: 'conf/logs.json',
      pointer: '/cloudwatch:events/parser',
      message: 'must be one of "json", "csv", "kv", "syslog", got "xml"',
    });
    expect(
      problems.some(
        (p) =>
          p.pointer === '/cloudwatch:events/schema/a' &&
          p.message.startsWith('must be "string", "integer"'),
      ),
    ).toBe(true);
    const cross = crossCheckProcessors(
      { syslog: bad.syslog },
      { kinesis: { s: { logs: ['nope'] } } },
      { logs: 'conf/logs.json', sources: 'conf/sources.json' },
    );
    expect(cross.map((p) => `${p.file}: ${p.pointer}: ${p.message}`)).toEqual([
      'conf/logs.json: /syslog/configuration/json_path: the syslog parser does not take json_path (only json, csv)',
      'conf/sources.json: /kinesis/s/logs/0: "nope" names no log in conf/logs.json (known categories: syslog)',
    ]);
  });

  it('accepts the production example', () => {
    expect(validateShape('logs', exampleLogs, 'logs.json')).toEqual([]);
  });
});
