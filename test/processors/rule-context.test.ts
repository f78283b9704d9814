/**
 * StreamAlert's rule `context`: settings for the outputs (e.g. what Carbon Black should ban,
 * whom PagerDuty should page) travel in the alert. A rule without one sends alerts without
 * the key, so their JSON (and the alert processor's payloads) stay as they were; a context
 * that is not plain JSON is refused when the rules are loaded, naming the file and rule.
 */
import { describe, expect, it } from 'vitest';
import type { LogDefinition } from '../../src/processors/config/types.js';
import { alertJson, alertMessage } from '../../src/processors/rule-processor/alert.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import { checkRuleShapes } from '../../src/processors/rules/load.js';
import { createLogger } from '../../src/processors/shared/logger.js';
import { rule } from '../../src/rules-api/index.js';

const log: LogDefinition = {
  name: 'carbonblack:binarystore.file.added',
  category: 'carbonblack',
  parser: 'json',
  schema: { md5: 'string', file_path: 'string' },
  optionalTopLevelKeys: [],
  embeddedJson: false,
  optionalEnvelopeKeys: [],
  header: false,
};

const banned = rule({
  name: 'cb_known_bad',
  logs: [log.name],
  outputs: ['carbonblack:server'],
  context: { carbonblack: { action: 'ban' } },
  // As in StreamAlert, the rule fills in its copy of the context from the record.
  rule: (r, context) => {
    context!.carbonblack.value = r.md5;
    return String(r.file_path).startsWith('/tmp/');
  },
});
const plain = rule({
  name: 'cb_any_tmp',
  logs: [log.name],
  outputs: ['slack:security'],
  rule: (r) => String(r.file_path).startsWith('/tmp/'),
});

const logger = createLogger({ level: 'error', write: () => undefined });
const record = { md5: '0123456789abcdef0123456789abcdef', file_path: '/tmp/x' };
const other = { md5: 'fedcba9876543210fedcba9876543210', file_path: '/tmp/y' };

describe('rule context', () => {
  const alerts = createRulesEngine([banned, plain], logger).run(
    { log, records: [record, other], rejected: [] },
    'kinesis',
    'stream',
  );
  // The first alert of each rule: the one for `record`.
  const byRule = new Map([...alerts].reverse().map((a) => [a.rule_name, a]));

  it('travels in the alert as the rule filled it in for that record, in its SNS message too', () => {
    const alert = byRule.get('cb_known_bad')!;
    expect(alert.context).toEqual({ carbonblack: { action: 'ban', value: record.md5 } });
    const sent = JSON.parse(alertMessage(alert));
    expect(sent.context).toEqual({ carbonblack: { action: 'ban', value: record.md5 } });
    expect(sent.record).toEqual(record);
    // The message text is JSON.stringify of the alert, key for key.
    expect(alertJson(alert)).toBe(JSON.stringify(alert));
  });

  it('is a fresh copy per record: one record never sees what the rule wrote for another', () => {
    const values = alerts
      .filter((a) => a.rule_name === 'cb_known_bad')
      .map((a) => (a.context as { carbonblack: { value: string } }).carbonblack.value);
    expect(values).toEqual([record.md5, other.md5]);
    expect(banned.context).toEqual({ carbonblack: { action: 'ban' } });
  });

  it('is absent from alerts of rules without one', () => {
    const alert = byRule.get('cb_any_tmp')!;
    expect('context' in alert).toBe(false);
    expect(alertJson(alert)).toBe(JSON.stringify(alert));
  });

  it('gives the same alert id with or without a context', () => {
    const [withContext] = createRulesEngine([banned], logger).run(
      { log, records: [record], rejected: [] },
      'kinesis',
      'stream',
    );
    const [without] = createRulesEngine(
      [{ ...banned, context: undefined, rule: () => true }],
      logger,
    ).run({ log, records: [record], rejected: [] }, 'kinesis', 'stream');
    expect(withContext!.id).toBe(without!.id);
  });

  it('is refused when it is not plain JSON, naming the file and rule', () => {
    const problems = checkRuleShapes([
      { file: 'rules/cb.ts', rule: { ...banned, context: ['ban'] as never } },
      { file: 'rules/cb2.ts', rule: { ...plain, name: 'cb_fn', context: { x: () => 1 } } },
      { file: 'rules/cb3.ts', rule: { ...plain, name: 'cb_ok', context: { slack: { a: [1] } } } },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^rules\/cb\.ts: rule "cb_known_bad": context must be an object/),
      expect.stringMatching(/^rules\/cb2\.ts: rule "cb_fn": context must be an object/),
    ]);
  });
});
