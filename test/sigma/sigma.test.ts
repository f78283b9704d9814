/**
 * Sigma rules compiled (src/sigma) and run (src/processors/sigma) as the rule processor
 * runs them: every modifier, condition form and matching rule of the specification, on
 * rules and records written for these tests.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGMA_CONFIG, type SigmaConfig } from '../../src/processors/config/types.js';
import { sigmaRule } from '../../src/processors/sigma/rule.js';
import { compileSigma, type SigmaContext } from '../../src/sigma/compile.js';
import { checkRegex } from '../../src/sigma/regex.js';

const CTX: SigmaContext = {
  logs: ['cloudtrail:events', 'okta:logevents', 'gcp:audit', 'azure:signinlogs', 'custom:log'],
  conf: DEFAULT_SIGMA_CONFIG,
};

const header = `title: Test rule
id: 5f1a2b3c-0000-4000-8000-000000000001
level: high
tags:
  - attack.persistence
  - attack.t1098
references:
  - https://example.com/detection
logsource:
  product: aws
  service: cloudtrail
`;

function compile(detection: string, ctx: SigmaContext = CTX, head = header) {
  return compileSigma(`${head}detection:\n${detection}`, 'rules/t.yml', 't', ctx);
}

/** The rule's predicate for a detection block (indented by two spaces). */
function predicate(detection: string, ctx: SigmaContext = CTX) {
  const { rule, problems } = compile(detection, ctx);
  expect(problems).toEqual([]);
  const r = sigmaRule(JSON.stringify(rule), 'rules/t.sigma.json');
  return (record: Record<string, unknown>) => r.rule(record);
}

function problemOf(detection: string, ctx: SigmaContext = CTX, head = header) {
  const { rule, problems } = compile(detection, ctx, head);
  expect(rule).toBeUndefined();
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('Sigma values and matching', () => {
  it('matches a map (AND) of fields, each with a list (OR), case-insensitively', () => {
    const p = predicate(`  selection:
    eventSource: iam.amazonaws.com
    eventName:
      - CreateUser
      - CreateAccessKey
  condition: selection
`);
    expect(p({ eventSource: 'IAM.amazonaws.com', eventName: 'createuser' })).toBe(true);
    expect(p({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey' })).toBe(true);
    expect(p({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteUser' })).toBe(false);
    expect(p({ eventSource: 's3.amazonaws.com', eventName: 'CreateUser' })).toBe(false);
    expect(p({ eventName: 'CreateUser' })).toBe(false);
  });

  it('matches a list of maps as OR', () => {
    const p = predicate(`  selection:
    - eventName: StopLogging
    - eventName: DeleteTrail
      eventSource: cloudtrail.amazonaws.com
  condition: selection
`);
    expect(p({ eventName: 'StopLogging' })).toBe(true);
    expect(p({ eventName: 'DeleteTrail', eventSource: 'cloudtrail.amazonaws.com' })).toBe(true);
    expect(p({ eventName: 'DeleteTrail', eventSource: 'other' })).toBe(false);
  });

  it('reads dotted paths into nested records, lists on the way, and keys that hold dots', () => {
    const p = predicate(`  selection:
    userIdentity.sessionContext.sessionIssuer.type: Role
    resources.type: AWS::S3::Bucket
    requestParameters.policy.name: open
  condition: selection
`);
    const record = {
      userIdentity: { sessionContext: { sessionIssuer: { type: 'Role' } } },
      resources: [{ type: 'AWS::IAM::Role' }, { type: 'AWS::S3::Bucket' }],
      requestParameters: { 'policy.name': 'open' },
    };
    expect(p(record)).toBe(true);
    expect(p({ ...record, resources: [{ type: 'AWS::IAM::Role' }] })).toBe(false);
  });

  it('applies * and ? wildcards, with \\ escapes for literal * ? and backslash', () => {
    const p = predicate(`  a:
    f: 'adm?n*'
  b:
    g: 'star\\*lit'
  c:
    h: 'C:\\Windows\\\\*'
  d:
    k: 'tail\\\\*'
  condition: 1 of them
`);
    expect(p({ f: 'ADMIN-console' })).toBe(true);
    expect(p({ f: 'admn' })).toBe(false);
    expect(p({ g: 'star*lit' })).toBe(true);
    expect(p({ g: 'starXlit' })).toBe(false);
    expect(p({ h: 'C:\\Windows\\system32' })).toBe(true);
    expect(p({ k: 'tail\\anything' })).toBe(true);
    expect(p({ k: 'tail' })).toBe(false);
  });

  it('keeps many wildcards linear (no regular expression backtracking)', () => {
    const p = predicate(`  selection:
    f: '*a*a*a*a*a*a*a*a*a*a*b'
  condition: selection
`);
    const started = Date.now();
    expect(p({ f: 'a'.repeat(20_000) })).toBe(false);
    expect(p({ f: `${'a'.repeat(11)}b` })).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('compares numbers and booleans as their text, both ways', () => {
    const p = predicate(`  selection:
    code: 403
    flag: true
    text: '12'
  condition: selection
`);
    expect(p({ code: '403', flag: 'True', text: 12 })).toBe(true);
    expect(p({ code: 403, flag: true, text: '12' })).toBe(true);
    expect(p({ code: 4030, flag: true, text: '12' })).toBe(false);
    expect(p({ code: 403, flag: false, text: '12' })).toBe(false);
  });

  it('null matches a missing or null field; an empty string only an empty one', () => {
    const p = predicate(`  sel_null:
    errorCode: null
  condition: sel_null
`);
    expect(p({})).toBe(true);
    expect(p({ errorCode: null })).toBe(true);
    expect(p({ errorCode: '' })).toBe(false);
    expect(p({ errorCode: 'AccessDenied' })).toBe(false);
    const e = predicate(`  sel_empty:
    errorCode: ''
  condition: sel_empty
`);
    expect(e({ errorCode: '' })).toBe(true);
    expect(e({})).toBe(false);
  });

  it('contains, startswith, endswith; all; cased', () => {
    const p = predicate(`  c:
    a|contains: evil
  s:
    b|startswith: 'arn:aws:iam::'
  e:
    c|endswith: .exe
  al:
    d|contains|all:
      - -enc
      - hidden
  ca:
    x|cased: MixedCase
  condition: 1 of them
`);
    expect(p({ a: 'very EVIL thing' })).toBe(true);
    expect(p({ b: 'ARN:AWS:IAM::1:root' })).toBe(true);
    expect(p({ b: 'x arn:aws:iam::' })).toBe(false);
    expect(p({ c: 'cmd.EXE' })).toBe(true);
    expect(p({ d: 'x -ENC y -windowstyle hidden' })).toBe(true);
    expect(p({ d: 'x -enc y' })).toBe(false);
    expect(p({ x: 'MixedCase' })).toBe(true);
    expect(p({ x: 'mixedcase' })).toBe(false);
  });

  it('re with its flags i, m, s; case-sensitive by default', () => {
    const p = predicate(`  plain:
    a|re: '^Admin[0-9]+$'
  insensitive:
    b|re|i: '^admin'
  multi:
    c|re|m: '^second$'
  dotall:
    d|re|s: 'one.two'
  condition: 1 of them
`);
    expect(p({ a: 'Admin42' })).toBe(true);
    expect(p({ a: 'admin42' })).toBe(false);
    expect(p({ b: 'ADMIN' })).toBe(true);
    expect(p({ c: 'first\nsecond\nthird' })).toBe(true);
    expect(p({ d: 'one\ntwo' })).toBe(true);
    const noFlag = predicate(`  multi:
    c|re: '^second$'
  condition: multi
`);
    expect(noFlag({ c: 'first\nsecond\nthird' })).toBe(false);
  });

  it('cidr for IPv4 and IPv6', () => {
    const p = predicate(`  selection:
    sourceIPAddress|cidr:
      - 10.0.0.0/8
      - 192.168.1.0/24
      - 2001:db8::/32
  condition: selection
`);
    expect(p({ sourceIPAddress: '10.200.3.4' })).toBe(true);
    expect(p({ sourceIPAddress: '192.168.1.77' })).toBe(true);
    expect(p({ sourceIPAddress: '192.168.2.1' })).toBe(false);
    expect(p({ sourceIPAddress: '2001:db8:1::5' })).toBe(true);
    expect(p({ sourceIPAddress: '2001:db9::1' })).toBe(false);
    expect(p({ sourceIPAddress: 'cloudtrail.amazonaws.com' })).toBe(false);
  });

  it('base64 and base64offset (with contains), utf16 variants before them', () => {
    const text = 'prefix-Invoke-Mimikatz-suffix';
    const p = predicate(`  b:
    a|base64: secret
  o:
    b|base64offset|contains: Invoke-Mimikatz
  w:
    c|wide|base64offset|contains: whoami
  condition: 1 of them
`);
    expect(p({ a: Buffer.from('secret').toString('base64') })).toBe(true);
    expect(p({ a: Buffer.from('Secret').toString('base64') })).toBe(false);
    for (const shift of ['', 'x', 'xy'])
      expect(p({ b: Buffer.from(shift + text).toString('base64') })).toBe(true);
    expect(p({ b: Buffer.from('nothing to see').toString('base64') })).toBe(false);
    for (const shift of ['', 'x', 'xy'])
      expect(p({ c: Buffer.from(`${shift}run whoami now`, 'utf16le').toString('base64') })).toBe(
        true,
      );
  });

  it('windash: a flag with -, / or the Unicode dashes', () => {
    const p = predicate(`  selection:
    CommandLine|windash|contains: ' -exec bypass'
  condition: selection
`);
    expect(p({ CommandLine: 'powershell -exec bypass' })).toBe(true);
    expect(p({ CommandLine: 'powershell /exec bypass' })).toBe(true);
    expect(p({ CommandLine: 'powershell \u2013exec bypass' })).toBe(true);
    expect(p({ CommandLine: 'powershell exec bypass' })).toBe(false);
  });

  it('exists true and false, also for null values', () => {
    const p = predicate(`  there:
    errorCode|exists: true
  condition: there
`);
    expect(p({ errorCode: null })).toBe(true);
    expect(p({ errorCode: '' })).toBe(true);
    expect(p({})).toBe(false);
    const q = predicate(`  absent:
    errorCode|exists: false
  condition: absent
`);
    expect(q({})).toBe(true);
    expect(q({ errorCode: 'x' })).toBe(false);
  });

  it('fieldref, alone and with neq or startswith', () => {
    const p = predicate(`  same:
    userName|fieldref: targetUser
  condition: same
`);
    expect(p({ userName: 'Alice', targetUser: 'alice' })).toBe(true);
    expect(p({ userName: 'alice', targetUser: 'bob' })).toBe(false);
    expect(p({ userName: 'alice' })).toBe(false);
    const q = predicate(`  other:
    userName|fieldref|neq: targetUser
  condition: other
`);
    expect(q({ userName: 'alice', targetUser: 'bob' })).toBe(true);
    expect(q({ userName: 'alice', targetUser: 'ALICE' })).toBe(false);
    const s = predicate(`  prefix:
    path|fieldref|startswith: home
  condition: prefix
`);
    expect(s({ path: '/home/alice/.ssh', home: '/home/alice' })).toBe(true);
    expect(s({ path: '/tmp/x', home: '/home/alice' })).toBe(false);
  });

  it('gt, gte, lt, lte on numbers and numeric strings', () => {
    const p = predicate(`  big:
    bytes|gt: 1000
  small:
    count|lte: 2
  condition: big and small
`);
    expect(p({ bytes: 1001, count: 2 })).toBe(true);
    expect(p({ bytes: '5000', count: '1' })).toBe(true);
    expect(p({ bytes: 1000, count: 2 })).toBe(false);
    expect(p({ bytes: 2000, count: 3 })).toBe(false);
    expect(p({ bytes: 'lots', count: 1 })).toBe(false);
    const q = predicate(`  s:
    n|gte: 5
  t:
    n|lt: 7
  condition: s and t
`);
    expect(q({ n: 5 })).toBe(true);
    expect(q({ n: 6.5 })).toBe(true);
    expect(q({ n: 7 })).toBe(false);
  });

  it('neq: the field differs from every value (and a missing field does)', () => {
    const p = predicate(`  selection:
    eventName: ConsoleLogin
    responseElements.ConsoleLogin|neq:
      - Success
      - Pending
  condition: selection
`);
    expect(p({ eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'Failure' } })).toBe(
      true,
    );
    expect(p({ eventName: 'ConsoleLogin', responseElements: { ConsoleLogin: 'success' } })).toBe(
      false,
    );
    expect(p({ eventName: 'ConsoleLogin' })).toBe(true);
  });

  it('time modifiers read a part of a date (UTC)', () => {
    const p = predicate(`  night:
    eventTime|hour|lt: 6
  condition: night
`);
    expect(p({ eventTime: '2026-03-04T03:15:00Z' })).toBe(true);
    expect(p({ eventTime: '2026-03-04T13:15:00Z' })).toBe(false);
    expect(p({ eventTime: 'not a date' })).toBe(false);
    const m = predicate(`  march:
    eventTime|month: 3
  condition: march
`);
    expect(m({ eventTime: '2026-03-04T03:15:00Z' })).toBe(true);
    expect(m({ eventTime: 1_780_000_000 })).toBe(false); // 2026-05-28
  });

  it('expand: placeholders from conf/sigma.json; refused without values', () => {
    const conf: SigmaConfig = {
      ...DEFAULT_SIGMA_CONFIG,
      placeholders: { Administrators: ['root', 'admin-*'] },
    };
    const p = predicate(
      `  selection:
    userName|expand: '%Administrators%'
  condition: selection
`,
      { ...CTX, conf },
    );
    expect(p({ userName: 'root' })).toBe(true);
    expect(p({ userName: 'admin-eu' })).toBe(true);
    expect(p({ userName: 'alice' })).toBe(false);
    const problem = problemOf(`  selection:
    userName|expand: '%Servers%'
  condition: selection
`);
    expect(problem.message).toContain('placeholder %Servers% has no values');
    expect(problem.line).toBe(14);
  });

  it('keywords: a list searched in every value of the record, |all for AND', () => {
    const p = predicate(`  keywords:
    - mimikatz
    - 'sekurlsa::'
  condition: keywords
`);
    expect(p({ a: { b: ['x', 'run MIMIKATZ now'] } })).toBe(true);
    expect(p({ a: 'sekurlsa::logonpasswords' })).toBe(true);
    expect(p({ a: 'nothing' })).toBe(false);
    const q = predicate(`  keywords:
    '|all':
      - OabVirtualDirectory
      - ' -ExternalUrl '
  condition: keywords
`);
    expect(q({ cmd: 'Set-OabVirtualDirectory -ExternalUrl http://x' })).toBe(true);
    expect(q({ cmd: 'Set-OabVirtualDirectory' })).toBe(false);
  });
});

describe('Sigma conditions', () => {
  const detection = `  sel_user:
    userName: alice
  sel_event:
    eventName: CreateUser
  filter_admin:
    userAgent|contains: admin-console
  _private:
    region: eu-west-1
`;
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['sel_user and sel_event', { userName: 'alice', eventName: 'CreateUser' }, true],
    ['sel_user and sel_event', { userName: 'alice' }, false],
    ['sel_user or sel_event', { eventName: 'CreateUser' }, true],
    ['sel_event and not filter_admin', { eventName: 'CreateUser', userAgent: 'cli' }, true],
    [
      'sel_event and not filter_admin',
      { eventName: 'CreateUser', userAgent: 'admin-console/1' },
      false,
    ],
    ['not sel_user and not sel_event', {}, true],
    [
      'sel_user and (sel_event or filter_admin)',
      { userName: 'alice', userAgent: 'admin-console' },
      true,
    ],
    ['(sel_user and sel_event) or filter_admin', { userAgent: 'admin-console' }, true],
    ['sel_user and sel_event or filter_admin', { userAgent: 'admin-console' }, true],
    ['not sel_user or sel_event', { userName: 'alice' }, false],
    ['1 of sel_*', { eventName: 'CreateUser' }, true],
    ['all of sel_*', { eventName: 'CreateUser' }, false],
    ['all of sel_*', { userName: 'alice', eventName: 'CreateUser' }, true],
    ['1 of sel_* and not 1 of filter_*', { userName: 'alice', userAgent: 'admin-console' }, false],
    ['1 of them', { region: 'eu-west-1' }, false],
    [
      'all of them',
      { userName: 'alice', eventName: 'CreateUser', userAgent: 'admin-console' },
      true,
    ],
    ['_private', { region: 'EU-WEST-1' }, true],
    ['2 of sel_* ', { userName: 'alice', eventName: 'CreateUser' }, true],
    ['any of sel_*', { userName: 'alice' }, true],
  ];
  for (const [condition, record, expected] of cases)
    it(`${condition} on ${JSON.stringify(record)} is ${expected}`, () => {
      expect(predicate(`${detection}  condition: '${condition}'\n`)(record)).toBe(expected);
    });

  it('a list of conditions is their OR', () => {
    const p = predicate(`${detection}  condition:
    - sel_user
    - sel_event
`);
    expect(p({ eventName: 'CreateUser' })).toBe(true);
    expect(p({ region: 'x' })).toBe(false);
  });
});

describe('Sigma rule metadata and settings', () => {
  it('maps the logsource, and carries level, id, tags and references', () => {
    const { rule } = compile(`  selection:
    eventName: CreateUser
  condition: selection
`);
    expect(rule).toMatchObject({
      name: 't',
      logs: ['cloudtrail:events'],
      level: 'high',
      id: '5f1a2b3c-0000-4000-8000-000000000001',
      tags: ['attack.persistence', 'attack.t1098'],
      references: ['https://example.com/detection'],
    });
    const r = sigmaRule(JSON.stringify(rule), 'x');
    expect(r).toMatchObject({ name: 't', severity: 'high', logs: ['cloudtrail:events'] });
  });

  it("runs vendor rules on the collectors' log types with no conf/sigma.json entry", () => {
    // A repository whose logs are those the collectors write (COLLECTOR_LOGS).
    const collected: SigmaContext = {
      logs: ['okta:system_log', 'm365:management_activity', 'google_workspace:activity'],
      conf: DEFAULT_SIGMA_CONFIG,
    };
    const logsOf = (logsource: string) =>
      compileSigma(
        `title: x\nlogsource:\n${logsource}detection:\n  s:\n    a: b\n  condition: s\n`,
        'x.yml',
        'x',
        collected,
      ).rule?.logs;
    expect(logsOf('  product: okta\n  service: okta\n')).toEqual(['okta:system_log']);
    expect(logsOf('  product: m365\n  service: audit\n')).toEqual(['m365:management_activity']);
    expect(logsOf('  product: gcp\n  service: google_workspace.admin\n')).toEqual([
      'google_workspace:activity',
    ]);
  });

  it('takes outputs, merging, threshold and staging from conf/sigma.json by default, tag and rule', () => {
    const conf: SigmaConfig = {
      ...DEFAULT_SIGMA_CONFIG,
      defaults: { outputs: ['aws-s3:archive'] },
      tags: { 'attack.t1098*': { outputs: ['slack:security'], merge_window_mins: 30 } },
      rules: { t: { merge_by_keys: ['userIdentity.arn'], threshold: 3, staged: true } },
    };
    const { rule } = compile(
      `  selection:
    eventName: CreateUser
  condition: selection
`,
      { ...CTX, conf },
    );
    expect(rule).toMatchObject({
      outputs: ['aws-s3:archive', 'slack:security'],
      merge_window_mins: 30,
      merge_by_keys: ['userIdentity.arn'],
      threshold: 3,
      staged: true,
    });
  });

  it('conf logsources extend and override the built-in table; {service} stands for the service', () => {
    const own = `title: x
logsource:
  product: azure
  service: signinlogs
detection:
  s:
    a: b
  condition: s
`;
    expect(compileSigma(own, 'f.yml', 'f', CTX).rule?.logs).toEqual(['azure:signinlogs']);
    const conf: SigmaConfig = {
      ...DEFAULT_SIGMA_CONFIG,
      logsources: [
        { product: 'aws', service: 'cloudtrail', logs: ['custom:log'] },
        { product: 'acme', logs: ['custom:log'] },
      ],
    };
    expect(compile('  s:\n    a: b\n  condition: s\n', { ...CTX, conf }).rule?.logs).toEqual([
      'custom:log',
    ]);
    const acme = own.replace('product: azure', 'product: acme');
    expect(compileSigma(acme, 'f.yml', 'f', { ...CTX, conf }).rule?.logs).toEqual(['custom:log']);
    const noBuiltin = { ...CTX, conf: { ...conf, builtin_logsources: false } };
    expect(compileSigma(own, 'f.yml', 'f', noBuiltin).problems[0]?.message).toContain(
      'maps to no log',
    );
  });
});

describe('Sigma problems name the file, line and column', () => {
  it('an unsupported modifier', () => {
    const p = problemOf(`  selection:
    eventName|sounds_like: CreateUser
  condition: selection
`);
    expect(p).toMatchObject({ file: 'rules/t.yml', line: 14, column: 5 });
    expect(p.message).toContain('unsupported modifier "sounds_like"');
  });

  it('an unmapped logsource, and one whose logs are not in logs.json', () => {
    const head = 'title: x\nlogsource:\n  product: windows\n  category: process_creation\n';
    const p = problemOf('  s:\n    a: b\n  condition: s\n', CTX, head);
    expect(p).toMatchObject({ line: 2, column: 1 });
    expect(p.message).toContain(
      'logsource (product: windows, category: process_creation) maps to no log',
    );
    const q = problemOf('  s:\n    a: b\n  condition: s\n', { ...CTX, logs: ['syslog:log'] });
    expect(q.message).toContain(
      'maps to cloudtrail:events, cloudwatch:cloudtrail, none of which is in conf/logs.json',
    );
  });

  it('YAML that does not parse', () => {
    const { problems } = compileSigma('title: x\ndetection:\n  s: [a, b\n', 'bad.yml', 'bad', CTX);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.file).toBe('bad.yml');
    expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
    expect(problems[0]!.message).toMatch(/^YAML: /);
  });

  it('a condition naming an unknown identifier, at its column', () => {
    const p = problemOf(`  selection:
    a: b
  condition: selection and not filter
`);
    expect(p).toMatchObject({ line: 15, column: 32 });
    expect(p.message).toContain('"filter" is not a search identifier');
  });

  it('a condition with a v1 aggregation, a dangling operator, a pattern without `of`', () => {
    for (const [cond, text] of [
      ['selection | count() > 5', 'aggregations'],
      ['selection and', 'ends too early'],
      ['sel*', 'needs `1 of` or `all of`'],
      ['1 of nothing_*', 'no search identifier matches'],
      ['(selection', 'missing `)`'],
      [`${'('.repeat(100)}selection${')'.repeat(100)}`, 'parentheses nested deeper than 64'],
      [`${'not '.repeat(100)}selection`, 'more than 64 nested operators'],
    ])
      expect(problemOf(`  selection:\n    a: b\n  condition: '${cond}'\n`).message).toContain(text);
  });

  it('a missing title, detection or condition; a bad level; a correlation without timespan', () => {
    expect(
      compileSigma('logsource:\n  product: aws\n', 'x.yml', 'x', CTX).problems[0]!.message,
    ).toContain('needs a `title`');
    expect(problemOf('  s:\n    a: b\n').message).toContain('needs a `condition`');
    expect(
      problemOf(
        '  s:\n    a: b\n  condition: s\n',
        CTX,
        header.replace('level: high', 'level: severe'),
      ).message,
    ).toContain('`level` must be one of informational, low, medium, high, critical');
    const correlation = compileSigma(
      'title: c\ncorrelation:\n  type: event_count\n  rules: [a]\n',
      'c.yml',
      'c',
      CTX,
    ).problems[0]!;
    expect(correlation).toMatchObject({ line: 3, column: 3 });
    expect(correlation.message).toContain('correlation `timespan` must be');
  });

  it('modifier misuse: all on one value, null in a list, re flag without re, combinations', () => {
    for (const [d, text] of [
      ['a|contains|all: x', '"all" needs a list'],
      ['a:\n      - x\n      - null', 'null cannot be part of a list'],
      ['a|i: x', 'is a flag of "re"'],
      ['a|re|cidr: x', 'do not combine'],
      ['a|gt: many', 'gt takes a number'],
      ['a|exists: maybe', 'exists takes true or false'],
      ['a|cidr: 10.0.0.0/33', 'is not an IPv4 or IPv6 network'],
      ['a|base64: x*', 'base64 of a value with wildcards'],
      ['a|wide: x', 'must be followed by base64'],
    ])
      expect(problemOf(`  s:\n    ${d}\n  condition: s\n`).message).toContain(text);
  });

  it('a re that can backtrack for long is refused', () => {
    expect(problemOf("  s:\n    a|re: '(a+)+$'\n  condition: s\n").message).toContain(
      'nested repetition',
    );
  });
});

describe('the re backtracking check', () => {
  it.each([
    ['(a+)+b', false],
    ['(a|aa)*c', false],
    ['((ab)*c)+', false],
    ['x.*y.*z.*w', false],
    ['^(ab|cd)$', true],
    ['.*evil.*', true],
    ['^arn:aws:iam::[0-9]{12}:role/.+$', true],
    ['a.*b.*c', true],
    ['(ab)?c', true],
    ['[(+*]+x', true],
    ['(?=x)y', false],
    ['(x)\\1', false],
    ['(^0oa.*|[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,10})', true],
    ['(a+b+|c)d+', false],
  ])('%s accepted: %s', (pattern, ok) => {
    expect('source' in checkRegex(pattern, '')).toBe(ok);
  });

  it('drops a leading and trailing .* that change nothing', () => {
    expect(checkRegex('.*evil.*', '')).toEqual({ source: 'evil' });
  });
});
