/**
 * StreamAlert's classification semantics (v1.5 to v2.0), one case per item of
 * shared/reference/streamalert-parity.md, with logs and records written for this test.
 * Each `it` names the StreamAlert behaviour it pins down.
 */
import { describe, expect, it } from 'vitest';
import { rule, fetchValuesByDatatype, type LogRecord } from '../../src/rules-api/index.js';
import { toLogs, toSources, toTypes } from '../../src/processors/config/convert.js';
import { crossCheckProcessors, validateShape } from '../../src/config/processors/validate.js';
import {
  createClassifier,
  type Classified,
} from '../../src/processors/rule-processor/classifier.js';
import { createRuleProcessor } from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { fnmatchToRegExp } from '../../src/processors/rule-processor/log-patterns.js';
import { pyStr } from '../../src/processors/rule-processor/schema.js';
import { createLogger } from '../../src/processors/shared/logger.js';

const LOGS = {
  // 1. dots after the colon
  'edr:process.start.v2': {
    parser: 'json',
    schema: { pid: 'integer', path: 'string', host: 'ipaddress' },
  },
  // 2. json_regex_key + optional_envelope_keys
  'vendor:wrapped': {
    parser: 'json',
    schema: { user: 'string', action: 'string' },
    configuration: {
      json_regex_key: 'message',
      envelope_keys: { source: 'string', received: 'integer' },
      optional_envelope_keys: ['received'],
    },
  },
  // 2. embedded_json: the json_path values are JSON text
  'stream:embedded': {
    parser: 'json',
    schema: { event: 'string', count: 'integer' },
    configuration: { json_path: 'items[*]', embedded_json: true },
  },
  // 2. csv lines carried in a json envelope (CloudWatch Logs), with quotechar
  'dbaudit:rds.query': {
    parser: 'csv',
    schema: { ts: 'integer', user: 'string', query: 'string' },
    configuration: {
      json_path: 'logEvents[*].message',
      envelope_keys: { logGroup: 'string' },
      quotechar: "'",
    },
  },
  // 2. nested csv + escapechar
  'proxy:access': {
    parser: 'csv',
    schema: { time: 'string', client: { ip: 'string', port: 'integer' }, url: 'string' },
    configuration: { delimiter: ';', escapechar: '\\' },
  },
  // 3. [] and {} only need the key
  'loose:any': {
    parser: 'json',
    schema: { kind: 'string', tags: [], meta: {} },
    configuration: { log_patterns: { kind: ['loose'] } },
  },
  // 5. first match: both have the same keys, the first one is the answer
  'first:a': { parser: 'json', schema: { id: 'integer', name: 'string', flag: 'boolean' } },
  'first:b': { parser: 'json', schema: { id: 'string', name: 'string', flag: 'string' } },
  // 6. kv
  'audit:kv': { parser: 'kv', schema: { type: 'string', msg: 'string', uid: 'integer' } },
  // 7. syslog
  'host:syslog': {
    parser: 'syslog',
    schema: { timestamp: 'string', host: 'string', application: 'string', message: 'string' },
  },
  // 8. csv, one bad line sinks the payload
  'fw:csv': {
    parser: 'csv',
    schema: { action: 'string', src: 'string', dport: 'integer' },
    configuration: { log_patterns: { action: ['[AD][LE]*'] } },
  },
  // 10. fnmatch classes
  'app:level': {
    parser: 'json',
    schema: { level: 'string', code: 'integer' },
    configuration: { log_patterns: { level: ['[!d]*'], code: ['[45]??'] } },
  },
  // 11. json_path extraction, some parts fitting
  'batch:records': {
    parser: 'json',
    schema: { eventName: 'string', ok: 'boolean' },
    configuration: { json_path: 'Records[*]' },
  },
};
const SOURCES = {
  kinesis: {
    stream: {
      logs: [
        'edr',
        'vendor',
        'stream',
        'dbaudit',
        'proxy',
        'loose',
        'first',
        'audit',
        'host',
        'fw',
        'app',
        'batch',
      ],
    },
  },
  stream_alert_app: { acme_prod_box_app: { logs: ['edr'] } },
};
const TYPES = {
  edr: { sourceAddress: ['host'], processPath: ['path'] },
  vendor: { userName: ['user'] },
};

const config = { logs: toLogs(LOGS), sources: toSources(SOURCES), types: toTypes(TYPES) };
const classifier = createClassifier(config);
const candidates = classifier.candidates('kinesis', 'stream')!;
const classify = (data: unknown): Classified | undefined =>
  classifier.classify(typeof data === 'string' ? data : JSON.stringify(data), candidates);
const only = (data: unknown) => {
  const c = classify(data);
  expect(c, `did not classify: ${JSON.stringify(data)}`).toBeDefined();
  return c!;
};

describe('StreamAlert logs.json accepted as written', () => {
  it('validates names with dots, every StreamAlert option, ipaddress, and stream_alert_app sources', () => {
    expect(validateShape('logs', LOGS, 'conf/logs.json')).toEqual([]);
    expect(validateShape('sources', SOURCES, 'conf/sources.json')).toEqual([]);
    expect(validateShape('types', TYPES, 'conf/types.json')).toEqual([]);
    expect(
      crossCheckProcessors(LOGS, SOURCES, { logs: 'conf/logs.json', sources: 'conf/sources.json' }),
    ).toEqual([]);
  });

  it('refuses options on parsers that never read them, naming the place', () => {
    const bad = {
      'k:v': {
        parser: 'kv',
        schema: { a: 'string' },
        configuration: { json_regex_key: 'x', quotechar: "''" },
      },
    };
    expect(validateShape('logs', bad, 'conf/logs.json')).toEqual([
      {
        file: 'conf/logs.json',
        pointer: '/k:v/configuration/quotechar',
        message: `must be a single character, got "''"`,
      },
    ]);
    expect(
      crossCheckProcessors(bad, {}, { logs: 'conf/logs.json', sources: 'conf/sources.json' }).map(
        (p) => `${p.pointer}: ${p.message}`,
      ),
    ).toEqual([
      '/k:v/configuration/json_regex_key: the kv parser does not take json_regex_key (only json)',
      '/k:v/configuration/quotechar: the kv parser does not take quotechar (only csv)',
    ]);
  });
});

describe('StreamAlert classification semantics', () => {
  it('1. classifies a dotted log name and runs the rules that name it verbatim', () => {
    const c = only({ pid: '42', path: '/bin/sh', host: '10.0.0.1' });
    expect(c.log.name).toBe('edr:process.start.v2');
    const engine = createRulesEngine(
      [
        rule({
          name: 'shell',
          logs: ['edr:process.start.v2'],
          outputs: [],
          rule: (r) => r.path === '/bin/sh',
        }),
      ],
      createLogger({ write: () => undefined }),
    );
    expect(engine.run(c, 'kinesis', 'stream').map((a) => a.log_source)).toEqual([
      'edr:process.start.v2',
    ]);
  });

  it('2. json_regex_key pulls the JSON object out of a string field; optional envelope keys are filled in', () => {
    const c = only({
      source: 'gateway',
      message: 'audit: {"user": "alice", "action": "login"} (forwarded)',
    });
    expect(c.log.name).toBe('vendor:wrapped');
    expect(c.records).toEqual([
      {
        user: 'alice',
        action: 'login',
        'streamalert:envelope_keys': { source: 'gateway', received: 0 },
      },
    ]);
    // A message without a JSON object: the regex finds nothing and the log does not match.
    expect(classify({ source: 'gateway', message: 'no-object-here' })).toBeUndefined();
    // A payload without the field is its own record (here: not this log's keys).
    expect(classify({ source: 'gateway', user: 'bob', action: 'x' })).toBeUndefined();
  });

  it('2. embedded_json parses the selected values; the ones that are not JSON objects are reported', () => {
    const c = only({
      items: ['{"event": "a", "count": "3"}', 'not json', '{"event": "b", "count": 4}'],
    });
    expect(c.log.name).toBe('stream:embedded');
    expect(c.records).toEqual([
      { event: 'a', count: 3 },
      { event: 'b', count: 4 },
    ]);
    expect(c.rejected.map((r) => r.value)).toEqual(['not json']);
  });

  it('2. csv lines inside a JSON envelope (json_path + envelope_keys), with a custom quotechar', () => {
    const c = only({
      logGroup: '/aws/rds/audit',
      logEvents: [
        { message: "1700000000,admin,'SELECT a, b FROM t'" },
        { message: '1700000001,app,DROP TABLE t' },
      ],
    });
    expect(c.log.name).toBe('dbaudit:rds.query');
    expect(c.records).toEqual([
      {
        ts: 1700000000,
        user: 'admin',
        query: 'SELECT a, b FROM t',
        'streamalert:envelope_keys': { logGroup: '/aws/rds/audit' },
      },
      {
        ts: 1700000001,
        user: 'app',
        query: 'DROP TABLE t',
        'streamalert:envelope_keys': { logGroup: '/aws/rds/audit' },
      },
    ]);
  });

  it('2. a nested csv column, and the escape character', () => {
    // The nested row is read with the same dialect (here `;`), so it is quoted in the outer row.
    const c = only('2024-05-01T10:00:00;"203.0.113.9;51234";https://example.com/a\\;b');
    expect(c.log.name).toBe('proxy:access');
    expect(c.records).toEqual([
      {
        time: '2024-05-01T10:00:00',
        client: { ip: '203.0.113.9', port: 51234 },
        url: 'https://example.com/a;b',
      },
    ]);
    expect(classify('2024-05-01T10:00:00;"203.0.113.9";https://example.com/')).toBeUndefined(); // nested row too short
  });

  it('3. [] and {} only require the key: any value passes and is left as it is', () => {
    for (const [tags, meta] of [
      [{ a: 1 }, []],
      ['text', null],
      [null, 7],
    ]) {
      expect(only({ kind: 'loose', tags, meta }).records).toEqual([{ kind: 'loose', tags, meta }]);
    }
  });

  it('4. converts scalars as Python: str(), int(), float(), str().lower() == "true"', () => {
    const cases: [unknown, string][] = [
      [null, 'None'],
      [true, 'True'],
      [false, 'False'],
      [1.5, '1.5'],
      [1e-7, '1e-07'],
      [12, '12'],
    ];
    for (const [value, text] of cases) expect(pyStr(value)).toBe(text);
    const typed = (id: unknown, flag: unknown) => classify({ id, name: 'n', flag });
    expect(typed(3.7, 'TRUE')!.records[0]).toEqual({ id: 3, name: 'n', flag: true }); // int(3.7) == 3
    expect(typed(' 12 ', 'yes')!.records[0]).toEqual({ id: 12, name: 'n', flag: false }); // int(" 12 "); "yes" is not "true"
    expect(typed(true, null)!.records[0]).toEqual({ id: 1, name: 'n', flag: false }); // int(True); str(None)
    // Digit strings, short (read by a character loop) and long (the regex path) alike.
    for (const [text, id] of [
      ['007', 7],
      ['+42', 42],
      ['-12', -12],
      ['123456789012345', 123456789012345],
      ['-1234567890123456', -1234567890123456],
    ] as const)
      expect(typed(text, 'true')!.records[0]).toEqual({ id, name: 'n', flag: true });
    for (const text of ['+', '-', '1e3', '12a', '٣', '1_000'])
      expect(typed(text, 'true')!.rejected[0]!.reason).toContain('id');
    const nestedPort = (port: string) => classify(`time;"1.2.3.4;${port}";u`);
    expect(nestedPort('8080')!.records[0]!.client).toEqual({ ip: '1.2.3.4', port: 8080 });
  });

  it('5. the first log whose keys match is the answer, even when its conversion then fails', () => {
    // first:a types id as integer: "abc" fails there, and first:b (strings) is NOT tried.
    const c = only({ id: 'abc', name: 'n', flag: 'x' });
    expect(c.log.name).toBe('first:a');
    expect(c.records).toEqual([]);
    expect(c.rejected.map((r) => r.reason)).toEqual([
      'first:a matched by its keys, but /id: "abc" is not an integer',
    ]);
  });

  it("6. kv: blank fields dropped, quotes kept, a repeated key renamed to the schema's key at that position", () => {
    expect(only('type=LOGIN  msg="a"   uid=7').records).toEqual([
      { type: 'LOGIN', msg: '"a"', uid: 7 },
    ]);
    // `type` appears twice: the second takes the schema key at its position (msg).
    expect(only('type=LOGIN type=hello uid=7').records).toEqual([
      { type: 'LOGIN', msg: 'hello', uid: 7 },
    ]);
    // Only the count is checked to pick the log; other keys then fail conversion.
    expect(only('type=LOGIN other=x uid=7').rejected[0]!.reason).toBe(
      'audit:kv matched by its keys, but /msg: missing (a required key)',
    );
    expect(classify('type=LOGIN uid=7')).toBeUndefined();
  });

  it("7. syslog: StreamAlert's pattern (two-digit day, word-and-dash host, word application)", () => {
    expect(only('Mar 03 11:22:33 web-01 sshd[991]: Accepted publickey for deploy').records).toEqual(
      [
        {
          timestamp: 'Mar 03 11:22:33',
          host: 'web-01',
          application: 'sshd',
          message: 'Accepted publickey for deploy',
        },
      ],
    );
    expect(classify('Mar  3 11:22:33 web-01 sshd[991]: padded day')).toBeUndefined();
    expect(classify('Mar 03 11:22:33 web-01.corp sshd[991]: dotted host')).toBeUndefined();
    expect(classify('Mar 03 11:22:33 web-01 /usr/sbin/cron[12]: slash in app')).toBeUndefined();
  });

  it('8. csv: every row must fit, or the payload does not classify (and is reported, not dropped)', async () => {
    expect(only('ALLOW,203.0.113.1,443\nDENY,203.0.113.2,22').records).toHaveLength(2);
    expect(classify('ALLOW,203.0.113.1,443\nDENY,203.0.113.2')).toBeUndefined();
    const processor = createRuleProcessor({
      classifier,
      engine: createRulesEngine([], createLogger({ write: () => undefined })),
      publisher: { publish: async () => [] },
      objects: { open: async () => [] },
      logger: createLogger({ write: () => undefined }),
    });
    const data = Buffer.from('ALLOW,203.0.113.1,443\nDENY,203.0.113.2').toString('base64');
    const report = await processor.process({
      Records: [
        {
          eventSourceARN: 'arn:aws:kinesis:us-east-1:1:stream/stream',
          kinesis: { data, sequenceNumber: '7' },
        },
      ],
    });
    expect(report.unclassifiedCount).toBe(1);
    expect(report.unclassified[0]).toMatchObject({ origin: '7', service: 'kinesis' });
  });

  it('9. sources.json names categories: every log of the category is a candidate, in logs.json order', () => {
    expect(candidates.filter((c) => c.def.category === 'first').map((c) => c.def.name)).toEqual([
      'first:a',
      'first:b',
    ]);
    expect(
      classifier.candidates('stream_alert_app', 'acme_prod_box_app')!.map((c) => c.def.name),
    ).toEqual(['edr:process.start.v2']);
  });

  it('10. log_patterns are fnmatch patterns, with [seq] and [!seq] classes', () => {
    expect(only({ level: 'error', code: 503 }).log.name).toBe('app:level');
    expect(classify({ level: 'debug', code: 503 })).toBeUndefined(); // [!d]*
    expect(classify({ level: 'error', code: 200 })).toBeUndefined(); // [45]??
    expect(fnmatchToRegExp('a[]]b').test('a]b')).toBe(true);
    expect(fnmatchToRegExp('[a-c]?x*').test('bqx.log')).toBe(true);
    expect(fnmatchToRegExp('unclosed[').test('unclosed[')).toBe(true);
    expect(fnmatchToRegExp('CASE').test('case')).toBe(false);
  });

  it('11. json_path: the parts that fit classify; the others are reported with the reason, not dropped', () => {
    const c = only({
      Records: [
        { eventName: 'A', ok: 'true' },
        { eventName: 'B' },
        { eventName: 'C', ok: false, extra: 1 },
      ],
    });
    expect(c.records).toEqual([{ eventName: 'A', ok: true }]);
    expect(c.rejected.map((r) => r.reason)).toEqual([
      'keys differ from the schema: missing ok',
      'keys differ from the schema: unexpected extra',
    ]);
    // StreamAlert 1.6 to 2: a json_path that finds nothing means the payload is not this log,
    // even when the payload itself has the schema's keys.
    expect(classify({ eventName: 'bare', ok: true })).toBeUndefined();
  });

  it('12. types.json + rule datatypes: values fetched by normalized type, rules without logs run on every log', () => {
    const seen: unknown[][] = [];
    const rules = [
      rule({
        name: 'by_address',
        datatypes: ['sourceAddress'],
        outputs: [],
        rule: (r: LogRecord) => {
          seen.push(fetchValuesByDatatype(r, 'sourceAddress'));
          return fetchValuesByDatatype(r, 'sourceAddress').includes('10.0.0.1');
        },
      }),
    ];
    const engine = createRulesEngine(rules, createLogger({ write: () => undefined }), config.types);
    const edr = only({ pid: 1, path: '/x', host: '10.0.0.1' });
    const alerts = engine.run(edr, 'kinesis', 'stream');
    expect(alerts.map((a) => a.rule_name)).toEqual(['by_address']);
    // The normalized types never reach the alert.
    expect(JSON.parse(JSON.stringify(alerts[0]!.record))).toEqual({
      pid: 1,
      path: '/x',
      host: '10.0.0.1',
    });
    // A category without the type: the rule still runs, and finds nothing (as StreamAlert).
    expect(engine.run(only({ level: 'error', code: 500 }), 'kinesis', 'stream')).toEqual([]);
    expect(seen).toEqual([['10.0.0.1'], []]);
  });

  it("12. types.json keys may carry StreamAlert 2's threat-intel suffix; the datatype is the part before it", () => {
    const withIoc = {
      edr: {
        'sourceAddress:ioc_ip': ['host'],
        sourceAddress: ['peer'],
        'fileHash:ioc_md5': ['md5'],
      },
    };
    expect(validateShape('types', withIoc, 'conf/types.json')).toEqual([]);
    expect(
      validateShape('types', { edr: { 'bad name': ['x'] } }, 'conf/types.json')[0]!.pointer,
    ).toBe('/edr/bad name');
    const types = toTypes(withIoc).get('edr')!;
    expect([...types.keys()]).toEqual(['sourceAddress', 'fileHash']);
    expect(types.get('sourceAddress')).toEqual(['host', 'peer']);
  });
});
