/**
 * StreamAlert's dynamic_outputs: a rule adds outputs computed from the record. Known ones
 * join the alert after the rule's own; unknown, undeclared or malformed ones and functions
 * that throw are logged with the rule's name and left out, never thrown, so the alert still
 * goes out. What `dynamicOutput` declares is checked against conf/outputs.json by `build`,
 * through the rule sandbox as a pull request's rules are.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectRuleSet, RulesError } from '../../src/build/rule-set.js';
import { toOutputs } from '../../src/processors/config/outputs-convert.js';
import type { LogDefinition, ProcessorsConfig } from '../../src/processors/config/types.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { dynamicOutput, rule, type LogRecord } from '../../src/rules-api/index.js';
import { processorBundles } from '../support/processor-bundles.js';

const OUTPUTS = toOutputs({
  'aws-s3': { archive: 'acme.streamalerts' },
  slack: ['prod-oncall', 'dev-oncall'],
  'aws-sqs': { triage: 'security-triage' },
});

const log: LogDefinition = {
  name: 'cloudtrail:events',
  category: 'cloudtrail',
  parser: 'json',
  schema: { account: 'string', eventName: 'string' },
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

const onCall = (r: LogRecord) => `slack:${String(r.account)}-oncall`;

const rules = [
  rule({
    name: 'console_login',
    logs: ['cloudtrail:events'],
    outputs: ['aws-s3:archive'],
    dynamic_outputs: [
      onCall,
      // Returns the static output again and a list: each output is kept once.
      () => ['aws-s3:archive', 'aws-sqs:triage'],
      () => {
        throw new Error('lookup table missing');
      },
      () => 42 as never,
      () => 'no-colon',
      dynamicOutput(['slack:prod-oncall'], function declaredOnly() {
        return ['slack:prod-oncall', 'slack:dev-oncall'];
      }),
    ],
    rule: (r) => r.eventName === 'ConsoleLogin',
  }),
];

function run(known: ReadonlySet<string> | undefined, record: Record<string, unknown>) {
  const lines: { level: string; message: string; [k: string]: unknown }[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) });
  const engine = createRulesEngine(rules, logger, new Map(), known);
  const alerts = engine.run({ log, records: [record], rejected: [] }, 'kinesis', 'stream');
  return { alerts, lines };
}

describe('dynamic outputs at run time', () => {
  it('adds the known outputs a rule computes, after its own, each once', () => {
    const { alerts } = run(new Set(OUTPUTS.keys()), { account: 'prod', eventName: 'ConsoleLogin' });
    expect(alerts.map((a) => a.outputs)).toEqual([
      ['aws-s3:archive', 'slack:prod-oncall', 'aws-sqs:triage'],
    ]);
  });

  it('logs and leaves out what it cannot send to, and never throws', () => {
    const { alerts, lines } = run(new Set(OUTPUTS.keys()), {
      account: 'staging',
      eventName: 'ConsoleLogin',
    });
    // The alert still goes to the rule's own output and the valid dynamic ones.
    expect(alerts.map((a) => a.outputs)).toEqual([
      ['aws-s3:archive', 'aws-sqs:triage', 'slack:prod-oncall'],
    ]);
    const left = lines
      .filter((l) => l.message === 'dynamic output left out')
      .map((l) => [l.rule, l.function, l.output, l.reason]);
    expect(left).toEqual([
      ['console_login', 'onCall', 'slack:staging-oncall', 'not in conf/outputs.json'],
      [
        'console_login',
        '(anonymous)',
        'number',
        'a dynamic output function must return a string, a list of strings or nothing',
      ],
      ['console_login', '(anonymous)', 'no-colon', 'not a "service:descriptor" string'],
      [
        'console_login',
        'declaredOnly',
        'slack:dev-oncall',
        'not among the outputs its dynamicOutput declares',
      ],
    ]);
    expect(lines.find((l) => l.message.startsWith('dynamic output function threw'))).toMatchObject({
      level: 'error',
      rule: 'console_login',
      error: 'lookup table missing',
    });
  });

  it('without conf/outputs.json at hand (rule fixtures) only the shape and declarations are checked', () => {
    const { alerts } = run(undefined, { account: 'staging', eventName: 'ConsoleLogin' });
    expect(alerts[0]!.outputs).toContain('slack:staging-oncall');
  });

  it('a record the rule does not fire on calls no dynamic output function', () => {
    let called = 0;
    const quiet = rule({
      name: 'quiet',
      logs: ['cloudtrail:events'],
      outputs: [],
      dynamic_outputs: [() => (called++, 'slack:prod-oncall')],
      rule: () => false,
    });
    const engine = createRulesEngine([quiet], createLogger({ write: () => {} }), new Map());
    engine.run({ log, records: [{ account: 'prod', eventName: 'x' }], rejected: [] }, 's3', 'b');
    expect(called).toBe(0);
  });
});

describe('dynamic outputs at build time (rule sandbox)', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'dynamic-outputs-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  function rulesDir(name: string, source: string): string {
    const dir = path.join(temp, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'login.ts'), source);
    return dir;
  }
  const config: ProcessorsConfig = {
    logs: [log],
    sources: { kinesis: new Map(), s3: new Map(), sns: new Map(), stream_alert_app: new Map() },
    outputs: OUTPUTS,
    types: new Map(),
  };
  const source = (declared: string, shape = '') => `
import { dynamicOutput, rule } from 'streamalert-action/rules';
export default rule({
  name: 'console_login',
  logs: ['cloudtrail:events'],
  outputs: ['aws-s3:archive'],
  dynamic_outputs: [
    dynamicOutput(${declared}, (r: { account: string }) => \`slack:\${r.account}-oncall\`),
    (r) => (r.account === 'prod' ? 'aws-sqs:triage' : undefined),${shape}
  ],
  rule: (r) => r.eventName === 'ConsoleLogin',
});
`;

  it(
    'accepts declared outputs that conf/outputs.json has, and names the rule file for those it lacks',
    // The first test file to need the processor bundles builds them (ncc), then they are cached.
    { timeout: 1_200_000 },
    async () => {
      const bundles = processorBundles();
      const ok = await inspectRuleSet(
        rulesDir('ok', source(`['slack:prod-oncall', 'slack:dev-oncall']`)),
        bundles,
        config,
      );
      expect(ok.rules[0]).toMatchObject({
        name: 'console_login',
        dynamicOutputs: ['slack:prod-oncall', 'slack:dev-oncall'],
      });

      const badDir = rulesDir('bad', source(`['slack:prod-oncall', 'slack:qa-oncall']`, ' 7,'));
      const err = await inspectRuleSet(badDir, bundles, config).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RulesError);
      expect((err as RulesError).problems).toEqual([
        `${path.join(badDir, 'login.ts')}: rule "console_login": dynamic_outputs must be a list of functions of the record (or dynamicOutput(...) calls)`,
        `${path.join(badDir, 'login.ts')}: rule "console_login": dynamic output "slack:qa-oncall" is not in conf/outputs.json (known: aws-s3:archive, slack:prod-oncall, slack:dev-oncall, aws-sqs:triage)`,
      ]);
    },
  );
});
