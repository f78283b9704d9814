/**
 * Sigma correlation rules compiled (src/sigma/correlation.ts): each type with its group-by,
 * timespan and condition, references by file name, id or `name` resolved against the other
 * Sigma rules, aliases and `generate`; and every mistake reported with file, line, column.
 * Rules written for these tests from the specification.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGMA_CONFIG } from '../../src/processors/config/types.js';
import type { CompiledSigma } from '../../src/processors/sigma/compiled.js';
import { compileSigma, type SigmaContext } from '../../src/sigma/compile.js';
import { resolveCorrelations } from '../../src/sigma/correlation.js';

const CTX: SigmaContext = {
  logs: ['okta:logevents', 'cloudtrail:events'],
  conf: {
    ...DEFAULT_SIGMA_CONFIG,
    rules: { mr_console_guessing: { outputs: ['slack:soc'] } },
  },
};

const base = (name: string, extra = '') => `title: ${name}
${extra}logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventName: ConsoleLogin
  condition: selection
`;

const RULES: CompiledSigma[] = [
  compileSigma(base('failed'), 'rules/failed_console_login.yml', 'failed_console_login', CTX).rule!,
  compileSigma(
    base('ok', 'id: 7b0e8e8e-1111-4aaa-8bbb-000000000002\n'),
    'rules/console_login_ok.yml',
    'console_login_ok',
    CTX,
  ).rule!,
  compileSigma(base('key', 'name: access_key_made\n'), 'rules/iam/new_key.yml', 'new_key', CTX)
    .rule!,
];

function correlation(text: string, name = 'mr_console_guessing') {
  const compiled = compileSigma(text, `rules/${name}.yml`, name, CTX);
  if (compiled.problems.length > 0) return { problems: compiled.problems, correlations: [] };
  expect(compiled.rule).toBeUndefined();
  return resolveCorrelations([compiled.correlation!], RULES);
}

describe('Sigma correlation rules compile', () => {
  it('event_count: rules by file name, group-by, timespan, condition; settings from conf', () => {
    const { problems, correlations } = correlation(`title: Console password guessing
id: 0a0a0a0a-2222-4333-8444-555566667777
level: high
tags: [attack.credential-access]
correlation:
  type: event_count
  rules:
    - failed_console_login
  group-by:
    - sourceIPAddress
    - userIdentity.arn
  timespan: 10m
  condition:
    gte: 5
`);
    expect(problems).toEqual([]);
    expect(correlations).toEqual([
      {
        format: 1,
        kind: 'correlation',
        name: 'mr_console_guessing',
        file: 'rules/mr_console_guessing.yml',
        title: 'Console password guessing',
        id: '0a0a0a0a-2222-4333-8444-555566667777',
        level: 'high',
        tags: ['attack.credential-access'],
        outputs: ['slack:soc'],
        type: 'event_count',
        rules: ['failed_console_login'],
        group_by: ['sourceIPAddress', 'userIdentity.arn'],
        timespan_s: 600,
        condition: { gte: 5 },
        generate: false,
      },
    ]);
  });

  it('value_count with field; temporal by id and name with aliases; temporal_ordered; generate', () => {
    const vc = correlation(`title: spray
correlation:
  type: value_count
  rules: [failed_console_login]
  group-by: [sourceIPAddress]
  timespan: 1h
  condition:
    field: userIdentity.userName
    gt: 10
    lte: 500
`).correlations[0]!;
    expect(vc).toMatchObject({
      type: 'value_count',
      field: 'userIdentity.userName',
      condition: { gt: 10, lte: 500 },
      timespan_s: 3600,
    });
    const temporal = correlation(`title: login then key
generate: true
correlation:
  type: temporal
  rules:
    - 7b0e8e8e-1111-4aaa-8bbb-000000000002
    - access_key_made
  group-by: [who]
  timespan: 2d
  aliases:
    who:
      console_login_ok: userIdentity.arn
      access_key_made: requestParameters.userName
`).correlations[0]!;
    expect(temporal).toMatchObject({
      type: 'temporal',
      rules: ['console_login_ok', 'new_key'],
      aliases: {
        who: { console_login_ok: 'userIdentity.arn', new_key: 'requestParameters.userName' },
      },
      condition: { gte: 2 },
      timespan_s: 172800,
      generate: true,
    });
    const ordered = correlation(`title: guessed then in
correlation:
  type: temporal_ordered
  rules: [failed_console_login, console_login_ok]
  group-by: [sourceIPAddress]
  timespan: 30s
`).correlations[0]!;
    expect(ordered).toMatchObject({
      type: 'temporal_ordered',
      rules: ['failed_console_login', 'console_login_ok'],
      condition: { gte: 2 },
      timespan_s: 30,
    });
  });

  const head =
    'title: t\ncorrelation:\n  rules: [failed_console_login]\n  group-by: [sourceIPAddress]\n';
  it.each([
    ['  type: event_sum\n  timespan: 5m\n', 5, 9, 'correlation `type` must be one of'],
    ['  type: event_count\n  timespan: 1w\n', 6, 13, 'must be a number and s, m, h or d'],
    ['  type: event_count\n  timespan: 8d\n', 6, 13, 'timespan longer than 7 days'],
    [
      '  type: event_count\n  timespan: 5m\n  condition:\n    lt: 5\n',
      8,
      5,
      'a single event satisfies',
    ],
    [
      '  type: event_count\n  timespan: 5m\n  condition: {gte: 9, lte: 3}\n',
      7,
      14,
      'no count satisfies',
    ],
    [
      '  type: event_count\n  timespan: 5m\n  condition:\n    gte: many\n',
      8,
      10,
      'gte must be a whole number',
    ],
    [
      '  type: event_count\n  timespan: 5m\n  condition: {field: x, gte: 2}\n',
      7,
      14,
      '`field` is for value_count',
    ],
    [
      '  type: event_count\n  timespan: 5m\n  windows: 2\n',
      7,
      3,
      'unknown correlation key "windows"',
    ],
  ])('%j is refused at its line and column', (body, line, column, message) => {
    const { problems } = correlation(`${head}${body}`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'rules/mr_console_guessing.yml', line, column });
    expect(problems[0]!.message).toContain(message);
  });

  it('a reference to no rule, or to a correlation, is reported at the reference', () => {
    const text = `title: t
correlation:
  type: temporal
  rules:
    - failed_console_login
    - no_such_rule
  timespan: 5m
`;
    const d = compileSigma(text, 'rules/c1.yml', 'c1', CTX).correlation!;
    const other = compileSigma(
      text.replace('no_such_rule', 'c1').replace('failed', 'failed'),
      'rules/c2.yml',
      'c2',
      CTX,
    ).correlation!;
    const { problems, correlations } = resolveCorrelations([d, other], RULES);
    expect(correlations).toEqual([]);
    expect(problems).toEqual([
      {
        file: 'rules/c1.yml',
        line: 6,
        column: 7,
        message:
          'no_such_rule names no Sigma rule under the rules folder (by file name without .yml, id or name)',
      },
      {
        file: 'rules/c2.yml',
        line: 6,
        column: 7,
        message:
          'c1 is a correlation rule: chaining correlations is not supported; reference its Sigma rules',
      },
    ]);
  });

  it('refuses a correlation named like a rule (alerts are told apart by name)', () => {
    const { problems } = correlation(
      'title: t\ncorrelation:\n  type: temporal\n  rules: [console_login_ok, new_key]\n  timespan: 5m\n',
      'failed_console_login',
    );
    expect(problems).toEqual([
      {
        file: 'rules/failed_console_login.yml',
        line: 1,
        column: 1,
        message:
          "the rule name failed_console_login is also rules/failed_console_login.yml's: rename one file",
      },
    ]);
  });

  it('refuses a temporal correlation of one rule, value_count without field, a file with both', () => {
    const one = correlation(
      'title: t\ncorrelation:\n  type: temporal\n  rules: [failed_console_login]\n  timespan: 5m\n',
    ).problems[0]!;
    expect(one).toMatchObject({ line: 4, column: 10 });
    expect(one.message).toContain('needs at least two rules');
    const vc = correlation(
      'title: t\ncorrelation:\n  type: value_count\n  rules: [failed_console_login]\n  timespan: 5m\n  condition:\n    gte: 3\n',
    ).problems[0]!;
    expect(vc.message).toContain('needs `field` in its condition');
    const both = correlation(
      `${base('x')}correlation:\n  type: temporal\n  rules: [a, b]\n  timespan: 5m\n`,
    ).problems[0]!;
    expect(both.message).toContain('not both');
  });
  it('absence (our extension): `after` starts the wait, or each expected event starts the next', () => {
    const mfa = correlation(`title: Console login without MFA
correlation:
  type: absence
  after: failed_console_login
  rules:
    - 7b0e8e8e-1111-4aaa-8bbb-000000000002
  group-by: [user]
  aliases:
    user:
      failed_console_login: userIdentity.arn
      console_login_ok: userIdentity.principalId
  timespan: 5m
`);
    expect(mfa.problems).toEqual([]);
    expect(mfa.correlations[0]).toMatchObject({
      type: 'absence',
      after: ['failed_console_login'],
      rules: ['console_login_ok'],
      group_by: ['user'],
      aliases: {
        user: {
          failed_console_login: 'userIdentity.arn',
          console_login_ok: 'userIdentity.principalId',
        },
      },
      timespan_s: 300,
      condition: {},
    });
    const silent = correlation(
      'title: t\ncorrelation:\n  type: absence\n  rules: [new_key]\n  group-by: [recipientAccountId]\n  timespan: 1h\n',
    );
    expect(silent.problems).toEqual([]);
    expect(silent.correlations[0]).toMatchObject({ type: 'absence', rules: ['new_key'] });
    expect(silent.correlations[0]!.after).toBeUndefined();
  });

  it('refuses a malformed absence correlation at its place', () => {
    const cases: [string, number, number, string][] = [
      [
        'title: t\ncorrelation:\n  type: absence\n  rules: [new_key]\n  timespan: 5m\n  condition:\n    gte: 1\n',
        7,
        5,
        'an absence correlation takes no condition',
      ],
      [
        'title: t\ncorrelation:\n  type: event_count\n  rules: [new_key]\n  after: failed_console_login\n  timespan: 5m\n  condition:\n    gte: 2\n',
        5,
        3,
        '`after` is for absence correlations, not event_count',
      ],
      [
        'title: t\ncorrelation:\n  type: absence\n  after: [new_key]\n  rules: [new_key]\n  timespan: 5m\n',
        4,
        11,
        'new_key is in both `after` and `rules`',
      ],
      [
        'title: t\ncorrelation:\n  type: absence\n  after: []\n  rules: [new_key]\n  timespan: 5m\n',
        4,
        10,
        '`after` names the Sigma rules',
      ],
      [
        'title: t\ncorrelation:\n  type: absence\n  rules: [new_key]\n  timespan: 5m\n  before: x\n',
        6,
        3,
        'unknown correlation key "before"',
      ],
      [
        'title: t\ncorrelation:\n  type: absence\n  rules: [new_key]\n  timespan: 8d\n',
        5,
        13,
        'timespan longer than 7 days',
      ],
    ];
    for (const [text, line, column, message] of cases) {
      const problems = correlation(text).problems;
      expect(problems[0], message).toMatchObject({
        file: 'rules/mr_console_guessing.yml',
        line,
        column,
      });
      expect(problems[0]!.message).toContain(message);
    }
    // Two references to one rule (by file name and by name), and a reference to nothing.
    const same = correlation(
      'title: t\ncorrelation:\n  type: absence\n  after: access_key_made\n  rules: [new_key]\n  timespan: 5m\n',
    ).problems;
    expect(same).toEqual([
      {
        file: 'rules/mr_console_guessing.yml',
        line: 4,
        column: 10,
        message:
          'access_key_made is new_key, also in `rules`: a rule either starts the wait or ends it',
      },
    ]);
    const nothing = correlation(
      'title: t\ncorrelation:\n  type: absence\n  after: nope\n  rules: [new_key]\n  timespan: 5m\n',
    ).problems;
    expect(nothing[0]).toMatchObject({ line: 4, column: 10 });
    expect(nothing[0]!.message).toContain('nope names no Sigma rule');
  });
});
