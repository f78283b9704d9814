/**
 * Correlation rules inside the rule processor (processor.ts), with the in-memory window
 * state: the events of an S3 object are counted per line, so equal lines of one object are
 * separate events, and a retry of the same object counts none twice. Records written for
 * this test; the table itself is exercised through the handler in
 * test/processors/correlation-moto.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { toLogs, toSources } from '../../src/processors/config/convert.js';
import { createClassifier } from '../../src/processors/rule-processor/classifier.js';
import { createRuleProcessor } from '../../src/processors/rule-processor/processor.js';
import { createRulesEngine } from '../../src/processors/rule-processor/rules-engine.js';
import {
  createCorrelator,
  memoryWindowState,
  RESEND_AFTER_MS,
} from '../../src/processors/sigma/correlate.js';
import type { CompiledCorrelation } from '../../src/processors/sigma/correlation.js';
import { sigmaRule } from '../../src/processors/sigma/rule.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { createLogger } from '../../src/processors/shared/logger.js';

const FAILED_LOGIN = JSON.stringify({
  format: 1,
  name: 'failed_login',
  file: 'rules/failed_login.yml',
  title: 'Failed login',
  logs: ['auth'],
  outputs: ['slack:soc'],
  detection: { field: 'outcome', tests: [{ t: 'glob', p: ['failure'] }] },
});

const CORRELATION: CompiledCorrelation = {
  format: 1,
  kind: 'correlation',
  name: 'many_failed_logins',
  file: 'rules/many_failed_logins.yml',
  title: 'Many failed logins',
  type: 'event_count',
  rules: ['failed_login'],
  group_by: ['user'],
  timespan_s: 600,
  condition: { gte: 3 },
  generate: false,
  outputs: ['slack:soc'],
};

const line = JSON.stringify({
  user: 'alice',
  outcome: 'failure',
  eventTime: '2026-12-07T09:00:00Z',
});

describe('correlations in the rule processor', () => {
  it('counts equal lines of one S3 object as separate events, and a retried object once', async () => {
    const logger = createLogger({ level: 'error', write: () => {} });
    const sent: Alert[] = [];
    const processor = createRuleProcessor({
      classifier: createClassifier({
        logs: toLogs({
          auth: {
            parser: 'json',
            schema: { user: 'string', outcome: 'string', eventTime: 'string' },
          },
        }),
        sources: toSources({ s3: { auth_bucket: { logs: ['auth'] } } }),
      }),
      engine: createRulesEngine([sigmaRule(FAILED_LOGIN, 'failed_login.sigma.json')], logger),
      publisher: {
        publish: async (alerts) => {
          sent.push(...alerts);
          return [];
        },
      },
      objects: { open: async () => [Buffer.from(`${line}\n${line}\n`)] },
      logger,
      correlator: createCorrelator([CORRELATION], memoryWindowState()),
    });
    const object = (key: string) => ({
      Records: [
        {
          awsRegion: 'us-east-1',
          s3: { bucket: { name: 'auth_bucket' }, object: { key, size: 1 } },
        },
      ],
    });
    // Two equal lines: two events, below the threshold; the same object again adds none.
    await processor.handle(object('day1.log'));
    await processor.handle(object('day1.log'));
    expect(sent).toEqual([]);
    // Another object's lines complete the window.
    await processor.handle(object('day2.log'));
    expect(sent.map((a) => a.rule_name)).toEqual(['many_failed_logins']);
  });

  it('tick: sends due absence alerts; one not delivered fails the tick and goes again later', async () => {
    const logger = createLogger({ level: 'error', write: () => {} });
    const sent: Alert[] = [];
    let down = true;
    const absence: CompiledCorrelation = {
      ...CORRELATION,
      name: 'login_failures_stopped',
      type: 'absence',
      timespan_s: 300,
      condition: {},
    };
    const processor = createRuleProcessor({
      classifier: createClassifier({
        logs: toLogs({
          auth: {
            parser: 'json',
            schema: { user: 'string', outcome: 'string', eventTime: 'string' },
          },
        }),
        sources: toSources({ s3: { auth_bucket: { logs: ['auth'] } } }),
      }),
      engine: createRulesEngine([sigmaRule(FAILED_LOGIN, 'failed_login.sigma.json')], logger),
      publisher: {
        publish: async (alerts) => {
          if (down) return [...alerts];
          sent.push(...alerts);
          return [];
        },
      },
      objects: { open: async () => [Buffer.from(`${line}\n`)] },
      logger,
      correlator: createCorrelator([absence], memoryWindowState()),
    });
    await processor.process({
      Records: [
        {
          awsRegion: 'us-east-1',
          s3: { bucket: { name: 'auth_bucket' }, object: { key: 'a', size: 1 } },
        },
      ],
    });
    const t0 = Date.parse('2026-12-07T09:00:00Z');
    expect(await processor.tick(t0 + 60_000)).toEqual({ alerts: 0 });
    await expect(processor.tick(t0 + 301_000)).rejects.toThrow('1 absence alert(s) not delivered');
    down = false;
    // Not before the resend delay; then the same alert, once.
    expect(await processor.tick(t0 + 302_000)).toEqual({ alerts: 0 });
    expect(await processor.tick(t0 + 301_000 + RESEND_AFTER_MS + 1)).toEqual({ alerts: 1 });
    expect(await processor.tick(t0 + 3_600_000)).toEqual({ alerts: 0 });
    expect(
      sent.map((a) => [a.rule_name, (a.record.correlation as { group: unknown }).group]),
    ).toEqual([['login_failures_stopped', { user: 'alice' }]]);
  });
});
