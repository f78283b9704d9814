/**
 * Sigma rules and rule files in sub-folders, end to end without the processor bundles: the
 * build finds rules/**, compiles Sigma files into the JSON the rule processor loads with
 * the same loader as the Lambda, the alert carries the Sigma metadata, and `validate`
 * reports a broken Sigma rule with its file and line.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transform } from 'sucrase';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleFileNames, ruleModules, writeFiles } from '../../src/build/rules.js';
import { validateCommand } from '../../src/commands/validate.js';
import { ConfigError, formatProblem } from '../../src/config/problems.js';
import { DEFAULT_SIGMA_CONFIG, type LogDefinition } from '../../src/processors/config/types.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { importRules } from '../../src/processors/rules/load.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { copyExample, REPO_ROOT } from '../support/conf.js';

const temp = mkdtempSync(path.join(tmpdir(), 'streamalert-sigma-files-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const API = Buffer.from(
  transform(readFileSync(path.join(REPO_ROOT, 'src/rules-api/index.ts'), 'utf8'), {
    transforms: ['typescript'],
    disableESTransforms: true,
  }).code,
);

const SIGMA = `title: CloudTrail logging stopped by a user
id: 0d3c2a1b-1111-4222-8333-444455556666
status: experimental
description: A trail was stopped or deleted outside the automation role
level: critical
tags:
  - attack.defense-evasion
  - attack.t1562.008
references:
  - https://example.com/runbooks/cloudtrail
logsource:
  product: aws
  service: cloudtrail
detection:
  selection:
    eventSource: cloudtrail.amazonaws.com
    eventName:
      - StopLogging
      - DeleteTrail
  filter_automation:
    userIdentity.arn|endswith: ':role/terraform'
  condition: selection and not filter_automation
`;

const TS_RULE = `import { rule } from 'streamalert-action/rules';
import { isRoot } from './helpers/identity.js';
export default rule({ name: 'nested_root_use', logs: ['cloudtrail:events'], outputs: [], rule: (r) => isRoot(r) });
`;

/** A repository with rules in sub-folders, StreamAlert 3 style. */
function repository(name: string): string {
  const root = path.join(temp, name);
  const rules = path.join(root, 'rules');
  mkdirSync(path.join(root, '.git'), { recursive: true });
  mkdirSync(path.join(rules, 'community', 'cloudtrail', 'helpers'), { recursive: true });
  mkdirSync(path.join(rules, 'sigma', 'aws'), { recursive: true });
  writeFileSync(path.join(rules, 'sigma', 'aws', 'cloudtrail_stopped_sigma.yml'), SIGMA);
  writeFileSync(path.join(rules, 'community', 'cloudtrail', 'nested_root_use.ts'), TS_RULE);
  writeFileSync(
    path.join(rules, 'community', 'cloudtrail', 'helpers', 'identity.ts'),
    "export const isRoot = (r: any) => r.userIdentity?.type === 'Root';\n",
  );
  // StreamAlert 3 keeps test events beside rules: not rules.
  writeFileSync(path.join(rules, 'community', 'cloudtrail', 'nested_root_use.json'), '[]\n');
  return rules;
}

const LOG: LogDefinition = {
  name: 'cloudtrail:events',
  category: 'cloudtrail',
  parser: 'json',
  schema: {},
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

describe('rule files in sub-folders and Sigma rules', () => {
  it('finds rules in sub-folders, skips test events and links to folders', async () => {
    const rules = repository('walk');
    const outside = path.join(temp, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'planted.yml'), SIGMA);
    symlinkSync(outside, path.join(rules, 'linked'));
    expect(await ruleFileNames(rules)).toEqual([
      'community/cloudtrail/helpers/identity.ts',
      'community/cloudtrail/nested_root_use.ts',
      'sigma/aws/cloudtrail_stopped_sigma.yml',
    ]);
  });

  it('refuses rules nested deeper than the bound rather than leaving them out', async () => {
    const rules = repository('deep');
    const deep = path.join(rules, ...'abcdefghij'.split(''));
    mkdirSync(deep, { recursive: true });
    writeFileSync(path.join(deep, 'x.ts'), 'export {};\n');
    await expect(ruleFileNames(rules)).rejects.toThrow(/rules folders nest deeper than 8/);
  });

  it('compiles and loads them as the Lambda does; the alert carries level, id, tags, references', async () => {
    const rules = repository('load');
    const files = await ruleModules(rules, API, {
      logs: ['cloudtrail:events'],
      conf: {
        ...DEFAULT_SIGMA_CONFIG,
        tags: { 'attack.t1562*': { outputs: ['slack:security'] } },
      },
    });
    expect([...files.keys()].filter((k) => k.startsWith('rules/'))).toEqual([
      'rules/community/cloudtrail/helpers/identity.mjs',
      'rules/community/cloudtrail/nested_root_use.mjs',
      'rules/sigma/aws/cloudtrail_stopped_sigma.sigma.json',
    ]);
    const dir = path.join(temp, 'load-compiled');
    await writeFiles(dir, files);
    const loaded = await importRules(path.join(dir, 'rules'));
    expect(loaded.map((l) => [l.rule.name, l.file])).toEqual([
      ['nested_root_use', 'community/cloudtrail/nested_root_use.mjs'],
      ['cloudtrail_stopped_sigma', 'sigma/aws/cloudtrail_stopped_sigma.sigma.json'],
    ]);
    const engine = createRulesEngine(
      loaded.map((l) => l.rule),
      createLogger({ write: () => {} }),
    );
    const stopped = {
      eventSource: 'cloudtrail.amazonaws.com',
      eventName: 'StopLogging',
      userIdentity: { type: 'Root', arn: 'arn:aws:iam::123456789012:root' },
    };
    const alerts = engine.runRecord(LOG, stopped, 's3', 'acme.cloudtrail');
    expect(alerts.map((a) => a.rule_name)).toEqual(['nested_root_use', 'cloudtrail_stopped_sigma']);
    expect(alerts[1]).toMatchObject({
      rule_description:
        'CloudTrail logging stopped by a user: A trail was stopped or deleted outside the automation role',
      outputs: ['slack:security'],
      severity: 'critical',
      rule_id: '0d3c2a1b-1111-4222-8333-444455556666',
      rule_tags: ['attack.defense-evasion', 'attack.t1562.008'],
      rule_references: ['https://example.com/runbooks/cloudtrail'],
    });
    expect(alerts[0]).not.toHaveProperty('severity');
    const byAutomation = {
      ...stopped,
      userIdentity: { type: 'AssumedRole', arn: 'arn:aws:iam::123456789012:role/terraform' },
    };
    expect(engine.runRecord(LOG, byAutomation, 's3', 'acme.cloudtrail')).toEqual([]);
  });

  it('build refuses a broken Sigma rule with every problem, file and line', async () => {
    const rules = repository('broken-build');
    writeFileSync(
      path.join(rules, 'sigma', 'aws', 'bad_modifier.yml'),
      SIGMA.replace('userIdentity.arn|endswith', 'userIdentity.arn|ends_with'),
    );
    writeFileSync(
      path.join(rules, 'sigma', 'windows.yaml'),
      SIGMA.replace(
        'product: aws\n  service: cloudtrail',
        'product: windows\n  category: process_creation',
      ),
    );
    const err = await ruleModules(rules, API, {
      logs: ['cloudtrail:events'],
      conf: DEFAULT_SIGMA_CONFIG,
    }).then(
      () => undefined,
      (e: unknown) => e as Error & { problems: string[] },
    );
    expect(err?.problems).toEqual([
      expect.stringMatching(
        /sigma\/aws\/bad_modifier\.yml: line 21, column 5: userIdentity\.arn: unsupported modifier "ends_with"/,
      ),
      expect.stringMatching(
        /sigma\/windows\.yaml: line 11, column 1: logsource \(product: windows, category: process_creation\) maps to no log/,
      ),
    ]);
  });
});

describe('validate and Sigma rules', () => {
  it('reports a Sigma rule that does not parse, an unsupported modifier, an unmapped logsource', async () => {
    const conf = copyExample('production');
    const rules = path.join(path.dirname(conf), 'rules');
    mkdirSync(path.join(rules, 'aws'), { recursive: true });
    writeFileSync(path.join(rules, 'aws', 'good.yml'), SIGMA);
    writeFileSync(path.join(rules, 'aws', 'broken.yml'), 'title: x\ndetection:\n  s: [a, b\n');
    writeFileSync(
      path.join(rules, 'aws', 'modifier.yml'),
      SIGMA.replace('eventSource: cloudtrail', 'eventSource|fuzzy: cloudtrail'),
    );
    writeFileSync(
      path.join(rules, 'okta.yml'),
      SIGMA.replace('product: aws\n  service: cloudtrail', 'product: okta\n  service: okta'),
    );
    const err = await validateCommand(conf, rules).catch((e: unknown) => e as ConfigError);
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as ConfigError).problems.map(formatProblem);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(`^${path.join(rules, 'aws', 'broken.yml')}: line 4, column \\d+: YAML: `),
    );
    expect(lines[1]).toBe(
      `${path.join(rules, 'aws', 'modifier.yml')}: line 16, column 5: eventSource: unsupported modifier "fuzzy" (supported: contains, startswith, endswith, all, cased, neq, exists, re, cidr, base64, base64offset, utf16le, utf16be, utf16, wide, windash, expand, fieldref, gt, gte, lt, lte, minute, hour, day, week, month, year; re takes i, m, s)`,
    );
    expect(lines[2]).toBe(
      `${path.join(rules, 'okta.yml')}: line 11, column 1: logsource (product: okta, service: okta) maps to okta:logevents, okta:system_log, none of which is in conf/logs.json: add the log, or map the logsource to yours in conf/sigma.json "logsources"`,
    );
  });

  it('reports a correlation rule that names no rule, at the reference; builds one that does', async () => {
    const conf = copyExample('production');
    const rules = path.join(path.dirname(conf), 'rules');
    mkdirSync(path.join(rules, 'aws'), { recursive: true });
    writeFileSync(path.join(rules, 'aws', 'trail_stopped.yml'), SIGMA);
    const correlation = (ref: string) => `title: trails stopped in a row
correlation:
  type: event_count
  rules:
    - ${ref}
  group-by: [userIdentity.arn]
  timespan: 1h
  condition:
    gte: 2
`;
    writeFileSync(path.join(rules, 'mr_trails.yml'), correlation('trail_stoped'));
    const err = await validateCommand(conf, rules).catch((e: unknown) => e as ConfigError);
    expect((err as ConfigError).problems.map(formatProblem)).toEqual([
      `${path.join(rules, 'mr_trails.yml')}: line 5, column 7: trail_stoped names no Sigma rule under the rules folder (by file name without .yml, id or name)`,
    ]);

    // By the rule's id: valid, and compiled beside the rule it counts.
    writeFileSync(
      path.join(rules, 'mr_trails.yml'),
      correlation('0d3c2a1b-1111-4222-8333-444455556666'),
    );
    await expect(validateCommand(conf, rules)).resolves.toMatchObject({
      clusters: ['production'],
    });
    const files = await ruleModules(rules, API, {
      logs: ['cloudtrail:events'],
      conf: DEFAULT_SIGMA_CONFIG,
    });
    expect(JSON.parse(files.get('rules/mr_trails.correlation.json')!.toString())).toMatchObject({
      kind: 'correlation',
      name: 'mr_trails',
      rules: ['trail_stopped'],
      timespan_s: 3600,
    });
  });

  it('passes when the Sigma rules compile, and conf/sigma.json maps a logsource to a log of the conf', async () => {
    const conf = copyExample('production');
    const rules = path.join(path.dirname(conf), 'rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(
      path.join(rules, 'okta.yml'),
      SIGMA.replace('product: aws\n  service: cloudtrail', 'product: okta\n  service: okta'),
    );
    writeFileSync(
      path.join(conf, 'sigma.json'),
      JSON.stringify({ logsources: [{ product: 'okta', logs: ['cloudwatch:events'] }] }),
    );
    await expect(validateCommand(conf, rules)).resolves.toMatchObject({
      clusters: ['production'],
    });
  });

  it('checks conf/sigma.json against its schema and conf/outputs.json', async () => {
    const conf = copyExample('production');
    writeFileSync(
      path.join(conf, 'sigma.json'),
      JSON.stringify(
        {
          defaults: { outputs: ['slack:nowhere'] },
          rules: { x: { merge_window_mins: 0 } },
          logsources: [{ logs: ['cloudtrail:events'] }],
        },
        null,
        2,
      ),
    );
    const err = await validateCommand(conf).catch((e: unknown) => e as ConfigError);
    const lines = (err as ConfigError).problems.map(formatProblem).join('\n');
    expect(lines).toContain('sigma.json: /rules/x/merge_window_mins: must be >= 1');
    expect(lines).toContain('sigma.json: /logsources/0');
  });
});
