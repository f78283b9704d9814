/**
 * Classification by StreamAlert generation (docs/streamalert-migration.md#classification-by-generation):
 * each difference, with this test's own logs and records, asserting what a user sees for the
 * same payload under each generation — the log it classifies as, its typed values, and what
 * is left unclassified.
 */
import { describe, expect, it } from 'vitest';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import type { Generation } from '../../src/processors/config/types.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { objectLines } from '../../src/processors/rule-processor/object-lines.js';
import { DEFAULT_LIMITS } from '../../src/processors/rule-processor/limits.js';
import { compileJmesPath } from '../../src/processors/rule-processor/parsers/jmespath.js';
import { createRuleProcessor } from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A classifier for `logs`, all carried by the Kinesis stream "feed", in the given generation. */
function classifierOf(logs: Record<string, unknown>, generation?: Generation) {
  const classifier = createClassifier({
    logs: toLogs(logs),
    sources: toSources({ kinesis: { feed: { logs: Object.keys(logs) } } }),
    ...(generation ? { generation } : {}),
  });
  const candidates = classifier.candidates('kinesis', 'feed')!;
  return (payload: unknown) => {
    const out = classifier.classify(
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      candidates,
      {},
    );
    return out
      ? { log: out.log.name, records: out.records, rejected: out.rejected.length }
      : undefined;
  };
}

const ALL: Generation[] = ['1.5', '1.6-2.x', '3.x'];

describe('json_path finding nothing', () => {
  const logs = {
    'vault:audit': {
      parser: 'json',
      schema: { op: 'string', who: 'string' },
      configuration: { json_path: 'entries[*]' },
    },
  };
  const bare = { op: 'unseal', who: 'ops' };

  it('1.5: the whole payload is the record', () => {
    expect(classifierOf(logs, '1.5')(bare)).toEqual({
      log: 'vault:audit',
      records: [bare],
      rejected: 0,
    });
  });

  it('1.5: a payload that does not fit the schema either stays unclassified', () => {
    expect(classifierOf(logs, '1.5')({ op: 'unseal' })).toBeUndefined();
  });

  it.each(['1.6-2.x', '3.x'] as Generation[])('%s: not this log', (g) => {
    expect(classifierOf(logs, g)(bare)).toBeUndefined();
  });

  it.each(ALL)('%s: records the path finds classify', (g) => {
    expect(classifierOf(logs, g)({ entries: [bare] })?.records).toEqual([bare]);
  });
});

describe('a JSON array payload with json_path "[*]"', () => {
  const logs = {
    'scanner:finding': {
      parser: 'json',
      schema: { host: 'string', severity: 'integer' },
      configuration: { json_path: '[*]' },
    },
  };
  const payload = [
    { host: 'web-1', severity: 3 },
    { host: 'web-2', severity: '5' },
  ];

  it('3.x: each element is a record', () => {
    expect(classifierOf(logs, '3.x')(payload)).toEqual({
      log: 'scanner:finding',
      records: [
        { host: 'web-1', severity: 3 },
        { host: 'web-2', severity: 5 },
      ],
      rejected: 0,
    });
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: not classified', (g) => {
    expect(classifierOf(logs, g)(payload)).toBeUndefined();
  });
});

describe('json_path language', () => {
  const logs = {
    'audit:control': {
      parser: 'json',
      schema: { id: 'string', passed: 'boolean' },
      configuration: { json_path: 'profiles[].controls[]' },
    },
  };
  const payload = {
    profiles: [
      { controls: [{ id: 'c1', passed: 'true' }] },
      {
        controls: [
          { id: 'c2', passed: false },
          { id: 'c3', passed: 'false' },
        ],
      },
    ],
  };

  it("3.x: JMESPath flattens each profile's controls into one list of records", () => {
    expect(classifierOf(logs, '3.x')(payload)?.records.map((r) => r.id)).toEqual([
      'c1',
      'c2',
      'c3',
    ]);
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])(
    '%s: the same text read as JSONPath selects no control records',
    (g) => {
      expect(classifierOf(logs, g)(payload)).toBeUndefined();
    },
  );

  it('the JMESPath subset keeps projection rules: [*] nests, [] flattens, nulls are dropped', () => {
    const doc = { a: [{ b: [1, 2] }, { b: [3] }, { c: 1 }], m: { x: { v: 1 }, y: { v: 2 } } };
    expect(compileJmesPath('a[*].b[*]')(doc)).toEqual([[1, 2], [3]]);
    expect(compileJmesPath('a[].b[]')(doc)).toEqual([1, 2, 3]);
    expect(compileJmesPath('a[0].b')(doc)).toEqual([1, 2]);
    expect(compileJmesPath('m.*.v')(doc)).toEqual([1, 2]);
    expect(compileJmesPath('a[-1]')(doc)).toEqual([{ c: 1 }]);
    expect(compileJmesPath('missing[*]')(doc)).toEqual([]);
    expect(() => compileJmesPath('a[?b > `1`]')).toThrow(
      /unsupported bracket expression \(a filter or slice\) at character 2 of "a\[\?b > `1`\]"/,
    );
  });
});

describe('values Python finds false', () => {
  const logs = {
    'host:proc': {
      parser: 'json',
      schema: { name: 'string', pid: 'string', parent: 'string', count: 'integer', tags: [] },
    },
  };
  const payload = { name: 'sshd', pid: 0, parent: null, count: '', tags: [] };

  it('3.x: are left as they are', () => {
    expect(classifierOf(logs, '3.x')(payload)?.records).toEqual([
      { name: 'sshd', pid: 0, parent: null, count: '', tags: [] },
    ]);
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])(
    '%s: are converted: 0 is "0", null is "None", and "" is not an integer',
    (g) => {
      const out = classifierOf(logs, g)(payload);
      expect(out).toMatchObject({ log: 'host:proc', records: [], rejected: 1 });
      const ok = classifierOf(logs, g)({ ...payload, count: 0 });
      expect(ok?.records).toEqual([{ name: 'sshd', pid: '0', parent: 'None', count: 0, tags: [] }]);
    },
  );
});

describe('a [] field', () => {
  const logs = { 'ci:job': { parser: 'json', schema: { job: 'string', steps: [] } } };
  const payload = { job: 'build', steps: 'checkout' };

  it('3.x: must hold a list: the record does not convert', () => {
    expect(classifierOf(logs, '3.x')(payload)).toBeUndefined();
    expect(classifierOf(logs, '3.x')({ job: 'build', steps: ['checkout'] })?.records).toHaveLength(
      1,
    );
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: holds any value', (g) => {
    expect(classifierOf(logs, g)(payload)?.records).toEqual([payload]);
  });
});

describe('a missing optional key whose type is a nested schema', () => {
  const logs = {
    'idp:login': {
      parser: 'json',
      schema: { user: 'string', device: { os: 'string' } },
      configuration: { optional_top_level_keys: ['device'] },
    },
  };

  it('3.x: fails the key check (StreamAlert 3 checked it against {})', () => {
    expect(classifierOf(logs, '3.x')({ user: 'kim' })).toBeUndefined();
    expect(classifierOf(logs, '3.x')({ user: 'kim', device: { os: 'ios' } })?.log).toBe(
      'idp:login',
    );
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: is filled with {}', (g) => {
    expect(classifierOf(logs, g)({ user: 'kim' })?.records).toEqual([{ user: 'kim', device: {} }]);
  });
});

describe('a csv payload with a row that does not fit', () => {
  const logs = {
    'fw:deny': { parser: 'csv', schema: { time: 'integer', src: 'string', port: 'integer' } },
  };
  const text = '1700000000,10.0.0.1,22\nthis row has, two columns\n1700000001,10.0.0.2,443';

  it('3.x: the rows that fit classify, the other is unclassified', () => {
    const out = classifierOf(logs, '3.x')(text);
    expect(out?.log).toBe('fw:deny');
    expect(out?.records.map((r) => r.port)).toEqual([22, 443]);
    expect(out?.rejected).toBe(1);
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: the payload fails whole', (g) => {
    expect(classifierOf(logs, g)(text)).toBeUndefined();
  });
});

describe('records of one payload', () => {
  // Two logs of the same shape told apart by log_patterns and types: the first takes
  // numeric codes only.
  const logs = {
    'app:numeric': {
      parser: 'json',
      schema: { code: 'integer', msg: 'string' },
      configuration: { json_path: 'events[*]' },
    },
    'app:any': {
      parser: 'json',
      schema: { code: 'string', msg: 'string' },
      configuration: { json_path: 'events[*]' },
    },
  };
  const payload = {
    events: [
      { code: '12', msg: 'ok' },
      { code: 'E42', msg: 'failed' },
    ],
  };

  it('3.x: a record that does not convert is unclassified, the others classify', () => {
    expect(classifierOf(logs, '3.x')(payload)).toEqual({
      log: 'app:numeric',
      records: [{ code: 12, msg: 'ok' }],
      rejected: 1,
    });
  });

  it('3.x: a log none of whose records convert is passed over for the next', () => {
    expect(classifierOf(logs, '3.x')({ events: [{ code: 'E42', msg: 'failed' }] })).toEqual({
      log: 'app:any',
      records: [{ code: 'E42', msg: 'failed' }],
      rejected: 0,
    });
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])(
    '%s: the first log whose keys match keeps the payload, records that do not convert stay unclassified',
    (g) => {
      expect(classifierOf(logs, g)({ events: [{ code: 'E42', msg: 'failed' }] })).toEqual({
        log: 'app:numeric',
        records: [],
        rejected: 1,
      });
    },
  );
});

describe('a payload without its json_regex_key field', () => {
  const logs = {
    'ghe:audit': {
      parser: 'json',
      schema: { action: 'string', actor: 'string', message: 'string' },
      configuration: { json_regex_key: 'message' },
    },
  };
  const payload = { action: 'login', actor: 'kim', message: '' };

  it('3.x: is not this log', () => {
    expect(classifierOf(logs, '3.x')(payload)).toBeUndefined();
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: is taken whole as the record', (g) => {
    expect(classifierOf(logs, g)(payload)?.log).toBe('ghe:audit');
  });
});

describe('a payload without a required envelope key', () => {
  const logs = {
    'lb:request': {
      parser: 'json',
      schema: { path: 'string', status: 'integer' },
      configuration: { json_path: 'requests[*]', envelope_keys: { lb: 'string' } },
    },
  };
  // One request sent on its own, without the batch around it.
  const payload = { path: '/', status: '200' };

  it('3.x: is not this log', () => {
    expect(classifierOf(logs, '3.x')(payload)).toBeUndefined();
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: is taken whole as the record', (g) => {
    expect(classifierOf(logs, g)(payload)).toEqual({
      log: 'lb:request',
      records: [{ path: '/', status: 200 }],
      rejected: 0,
    });
  });

  it.each(ALL)('%s: a batch with its envelope classifies each request', (g) => {
    expect(classifierOf(logs, g)({ lb: 'edge', requests: [payload] })?.records).toEqual([
      { path: '/', status: 200, 'streamalert:envelope_keys': { lb: 'edge' } },
    ]);
  });
});

describe('log_patterns', () => {
  const logs = {
    'edr:alert': {
      parser: 'json',
      schema: { detail: { kind: 'string' }, level: 'string' },
      configuration: { log_patterns: { detail: { kind: ['malware'] }, level: ['high'] } },
    },
  };
  const lowMalware = { detail: { kind: 'malware' }, level: 'low' };

  it('3.x: stop at the first nested pattern (the level is never checked)', () => {
    expect(classifierOf(logs, '3.x')(lowMalware)?.log).toBe('edr:alert');
  });

  it.each(['1.5', '1.6-2.x'] as Generation[])('%s: every pattern must hold', (g) => {
    expect(classifierOf(logs, g)(lowMalware)).toBeUndefined();
  });

  it('3.x: a pattern field the record lacks fails it; 1.x skipped it', () => {
    const flat = {
      'svc:event': {
        parser: 'json',
        schema: { kind: 'string', note: 'string' },
        configuration: { optional_top_level_keys: ['kind'], log_patterns: { kind: ['deploy'] } },
      },
    };
    expect(classifierOf(flat, '3.x')({ note: 'x' })).toBeUndefined();
    expect(classifierOf(flat, '1.6-2.x')({ note: 'x' })?.log).toBe('svc:event');
  });
});

describe('an S3 object holding one pretty-printed JSON document', () => {
  const doc = JSON.stringify({ Records: [{ a: 1 }, { a: 2 }] }, null, 2);
  const linesOf = async (wholeJson: boolean) => {
    const out: string[] = [];
    const source = { open: async () => [Buffer.from(doc)] };
    for await (const line of objectLines(
      source,
      'b',
      'k',
      undefined,
      DEFAULT_LIMITS,
      undefined,
      wholeJson,
    ))
      out.push(line);
    return out;
  };

  it('3.x: is one record', async () => {
    const lines = await linesOf(true);
    expect(lines).toHaveLength(1);
    const logs = {
      'trail:event': {
        parser: 'json',
        schema: { a: 'integer' },
        configuration: { json_path: 'Records[*]' },
      },
    };
    expect(classifierOf(logs, '3.x')(lines[0]!)?.records).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('1.x: is one record per line', async () => {
    expect((await linesOf(false)).length).toBe(doc.split('\n').length);
  });

  it('3.x: an object of JSON lines is still one record per line', async () => {
    const out: string[] = [];
    const source = { open: async () => [Buffer.from('{"a":1}\n{"a":2}\n')] };
    for await (const line of objectLines(
      source,
      'b',
      'k',
      undefined,
      DEFAULT_LIMITS,
      undefined,
      true,
    ))
      out.push(line);
    expect(out).toEqual(['{"a":1}', '{"a":2}']);
  });
});

describe('the rule processor reading an S3 object of one pretty-printed document', () => {
  const logs = {
    'inventory:host': {
      parser: 'json',
      schema: { name: 'string', os: 'string' },
      configuration: { json_path: 'hosts[*]' },
    },
  };
  const body = JSON.stringify({ hosts: [{ name: 'db-1', os: 'linux' }] }, null, 2);

  async function processed(generation: Generation) {
    const logger = createLogger({ level: 'error', write: () => undefined });
    const processor = createRuleProcessor({
      classifier: createClassifier({
        logs: toLogs(logs),
        sources: toSources({ s3: { 'acme-inventory': { logs: ['inventory'] } } }),
        generation,
      }),
      engine: createRulesEngine([], logger, new Map()),
      logger,
      collectAlerts: true,
      publisher: { publish: async () => [] },
      objects: { open: async () => [Buffer.from(body)] },
    });
    return processor.process({
      Records: [
        {
          eventSource: 'aws:s3',
          awsRegion: 'us-east-1',
          s3: { bucket: { name: 'acme-inventory' }, object: { key: 'hosts.json', size: 1 } },
        },
      ],
    } as any);
  }

  it('3.x: classifies the document as one record', async () => {
    const report = await processed('3.x');
    expect(report.classified).toBe(1);
    expect(report.unclassifiedCount).toBe(0);
  });

  it('1.6-2.x: reads it line by line, none of which is a record', async () => {
    const report = await processed('1.6-2.x');
    expect(report.classified).toBe(0);
    expect(report.unclassifiedCount).toBe(body.split('\n').length);
  });
});

describe('the default generation', () => {
  it('is 1.6-2.x: a classifier without one converts as 1.6-2.x does', () => {
    const logs = { 'x:y': { parser: 'json', schema: { n: 'string' } } };
    expect(classifierOf(logs)({ n: 0 })?.records).toEqual([{ n: '0' }]);
    expect(classifierOf(logs, '1.6-2.x')({ n: 0 })?.records).toEqual([{ n: '0' }]);
  });
});
