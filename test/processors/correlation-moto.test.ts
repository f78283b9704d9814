/**
 * Sigma correlation rules in the stream, through the rule processor's real handler against
 * moto: the window table as modules/stream_alert/correlation.tf makes it (keys, sparse index
 * Live, TTL attribute), the alerts topic delivering to a queue. A burst crossing the
 * threshold alerts once; a retried batch is counted once; an out-of-order event inside the
 * window counts, events further apart than the timespan do not; an alert whose publish failed
 * after the window was marked used is sent on the retry, once. Absence (our extension): the
 * minute's tick event alerts once for a wait past its deadline, a second tick does not, and
 * the expected event arriving in time ends the wait. Rules and records written for this test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { DeleteTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadProcessorsConfig } from '../../src/config/processors/load.js';
import type { Alert } from '../../src/processors/shared/alert.js';
import { clientConfig } from '../support/aws.js';
import { tempDir } from '../support/conf.js';
import { startMoto, type Moto } from '../support/moto.js';
import {
  alertQueue,
  kinesisEvents,
  writeRulePackage,
  type AlertQueue,
} from '../support/rule-processor-moto.js';

const REGION = 'us-east-1';
const TABLE = 'acme_prod_streamalert_correlation';
const NAMES = { topic: 'acme_prod_streamalerts', queue: 'correlation-alerts' };

let moto: Moto;
let alerts: AlertQueue;
let dynamo: DynamoDBClient;
const kinesisEvent = kinesisEvents(REGION, 'auth_stream');
type Handler = (event: unknown) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;
let handler: Handler;
const now = Date.parse('2026-12-07T09:30:00Z');
const saved: Record<string, string | undefined> = {};
const stdout: string[] = [];

/** A Sigma rule as `build` compiles it: failed logins of the auth log. */
const FAILED_LOGIN = {
  format: 1,
  name: 'failed_login',
  file: 'rules/failed_login.yml',
  title: 'Failed login',
  logs: ['auth'],
  outputs: ['slack:soc'],
  detection: { field: 'outcome', tests: [{ t: 'glob', p: ['failure'] }] },
};

/** A correlation as `build` compiles it: three failed logins of one user within 10 minutes. */
const MANY_FAILED_LOGINS = {
  format: 1,
  kind: 'correlation',
  name: 'many_failed_logins',
  file: 'rules/many_failed_logins.yml',
  title: 'Many failed logins',
  level: 'high',
  type: 'event_count',
  rules: ['failed_login'],
  group_by: ['user'],
  timespan_s: 600,
  condition: { gte: 3 },
  generate: false,
  outputs: ['slack:soc'],
};

/** Absence: a login challenge that no success follows within 5 minutes, per user. */
const outcomeRule = (name: string, outcome: string) => ({
  ...FAILED_LOGIN,
  name,
  file: `rules/${name}.yml`,
  title: name,
  detection: { field: 'outcome', tests: [{ t: 'glob', p: [outcome] }] },
});
const MFA_NOT_COMPLETED = {
  ...MANY_FAILED_LOGINS,
  name: 'mfa_not_completed',
  file: 'rules/mfa_not_completed.yml',
  title: 'MFA challenge not completed',
  type: 'absence',
  after: ['mfa_challenge'],
  rules: ['mfa_success'],
  timespan_s: 300,
  condition: {},
};

const at = (hhmm: string) => `2026-12-07T${hhmm}:00Z`;
const failure = (user: string, hhmm: string) => ({
  user,
  outcome: 'failure',
  eventTime: at(hhmm),
});

async function lambdaPackage(): Promise<string> {
  const repo = tempDir('correlation-moto');
  const conf = path.join(repo, 'conf');
  mkdirSync(conf, { recursive: true });
  const write = (name: string, doc: unknown) =>
    writeFileSync(path.join(conf, name), JSON.stringify(doc));
  write('logs.json', {
    auth: {
      parser: 'json',
      schema: { user: 'string', outcome: 'string', eventTime: 'string' },
    },
  });
  write('sources.json', { kinesis: { auth_stream: { logs: ['auth'] } } });
  const { texts } = await loadProcessorsConfig(conf);
  return writeRulePackage(
    path.join(repo, 'package'),
    { 'logs.json': texts.logs, 'sources.json': texts.sources },
    {
      'failed_login.sigma.json': JSON.stringify(FAILED_LOGIN),
      'many_failed_logins.correlation.json': JSON.stringify(MANY_FAILED_LOGINS),
      'mfa_challenge.sigma.json': JSON.stringify(outcomeRule('mfa_challenge', 'challenge')),
      'mfa_success.sigma.json': JSON.stringify(outcomeRule('mfa_success', 'success')),
      'mfa_not_completed.correlation.json': JSON.stringify(MFA_NOT_COMPLETED),
    },
  );
}

/** Runs the handler on `event`; the alerts delivered, and the batch's failures. */
async function invoke(
  event: unknown,
  expected: number,
): Promise<{ alerts: Alert[]; failures: string[] }> {
  const result = await handler(event);
  const got = await alerts.received(expected);
  return { alerts: got, failures: result.batchItemFailures.map((f) => f.itemIdentifier) };
}

/** What a correlation alert says of its window (its record). */
const correlationOf = (a: Alert) =>
  (a.record as { correlation: Record<string, unknown> }).correlation;

const items = async (): Promise<Record<string, AttributeValue>[]> =>
  (await dynamo.send(new ScanCommand({ TableName: TABLE }))).Items ?? [];

beforeAll(async () => {
  moto = await startMoto();
  dynamo = new DynamoDBClient(clientConfig(moto, REGION));
  // As correlation.tf declares it.
  await dynamo.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'Group', AttributeType: 'S' },
        { AttributeName: 'Event', AttributeType: 'S' },
        { AttributeName: 'Live', AttributeType: 'N' },
        { AttributeName: 'Waits', AttributeType: 'S' },
        { AttributeName: 'Due', AttributeType: 'N' },
      ],
      KeySchema: [
        { AttributeName: 'Group', KeyType: 'HASH' },
        { AttributeName: 'Event', KeyType: 'RANGE' },
      ],
      LocalSecondaryIndexes: [
        {
          IndexName: 'Live',
          KeySchema: [
            { AttributeName: 'Group', KeyType: 'HASH' },
            { AttributeName: 'Live', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'Due',
          KeySchema: [
            { AttributeName: 'Waits', KeyType: 'HASH' },
            { AttributeName: 'Due', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  alerts = await alertQueue(moto, REGION, NAMES);
  const env = {
    ...moto.env,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    STREAMALERT_PACKAGE_DIR: await lambdaPackage(),
    ALERTS_TOPIC_ARN: alerts.topicArn,
    CORRELATION_TABLE: TABLE,
    LOGGER_LEVEL: 'info',
  };
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout.push(String(chunk));
    return true;
  });
  const lambda = await import('../../src/processors/rule-processor/lambda.js');
  handler = lambda.createHandler({ now: () => now }) as Handler;
}, 600_000);

afterAll(async () => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await moto?.stop();
});

describe('correlation rules in the stream, against moto', () => {
  it('a burst crossing the threshold alerts once; the referenced rule does not alert alone', async () => {
    const { alerts: got, failures } = await invoke(
      kinesisEvent([
        failure('alice', '09:00'),
        failure('alice', '09:01'),
        failure('alice', '09:02'),
        failure('alice', '09:03'),
      ]),
      1,
    );
    expect(failures).toEqual([]);
    expect(got.map((a) => a.rule_name)).toEqual(['many_failed_logins']);
    expect(got[0]!.outputs).toEqual(['slack:soc']);
    expect(correlationOf(got[0]!)).toMatchObject({
      type: 'event_count',
      group: { user: 'alice' },
      count: 3,
      first_event_time: '2026-12-07T09:00:00.000Z',
      last_event_time: '2026-12-07T09:02:00.000Z',
    });
    // The window's three events are used: the fourth waits for two more.
    const left = await invoke(kinesisEvent([failure('alice', '09:04')]), 0);
    expect(left.alerts).toEqual([]);
    // Every counted event is in the table with its TTL: its time plus the timespan plus a day.
    const stored = await items();
    expect(stored).toHaveLength(5);
    for (const item of stored) {
      const expires = Number(item.ExpiresAt!.N) * 1000;
      expect(expires).toBeGreaterThanOrEqual(now + 600_000 + 24 * 3600_000);
    }
  });

  it('a retried batch is counted once', async () => {
    const batch = kinesisEvent([failure('bob', '09:00'), failure('bob', '09:01')]);
    expect((await invoke(batch, 0)).alerts).toEqual([]);
    // Lambda retries the same records (same sequence numbers): counted twice they would fire.
    expect((await invoke(batch, 0)).alerts).toEqual([]);
    const third = await invoke(kinesisEvent([failure('bob', '09:02')]), 1);
    expect(third.alerts.map((a) => correlationOf(a).count)).toEqual([3]);
  });

  it('counts an out-of-order event inside the window; not events further apart than the timespan', async () => {
    expect((await invoke(kinesisEvent([failure('carol', '09:09')]), 0)).alerts).toEqual([]);
    expect((await invoke(kinesisEvent([failure('carol', '09:01')]), 0)).alerts).toEqual([]);
    const fired = await invoke(kinesisEvent([failure('carol', '09:05')]), 1);
    expect(fired.alerts.map((a) => correlationOf(a))).toEqual([
      expect.objectContaining({
        count: 3,
        first_event_time: '2026-12-07T09:01:00.000Z',
        last_event_time: '2026-12-07T09:09:00.000Z',
      }),
    ]);
    const apart = await invoke(
      kinesisEvent([failure('dave', '08:40'), failure('dave', '08:51'), failure('dave', '09:02')]),
      0,
    );
    expect(apart.alerts).toEqual([]);
  });

  it('an alert whose publish failed after the window was marked used is sent on the retry, once', async () => {
    expect(
      (await invoke(kinesisEvent([failure('erin', '09:00'), failure('erin', '09:01')]), 0)).alerts,
    ).toEqual([]);
    // The alerts topic is gone: the publish of the window's alert fails.
    const sns = new SNSClient(clientConfig(moto, REGION));
    await sns.send(new DeleteTopicCommand({ TopicArn: alerts.topicArn }));
    const completing = kinesisEvent([failure('erin', '09:02')]);
    const failed = await handler(completing);
    expect(failed.batchItemFailures).toHaveLength(1);
    // The topic is back (same name, same ARN); Lambda retries the record.
    alerts = await alertQueue(moto, REGION, NAMES);
    const retried = await invoke(completing, 1);
    expect(retried.failures).toEqual([]);
    expect(retried.alerts.map((a) => [a.rule_name, correlationOf(a).count])).toEqual([
      ['many_failed_logins', 3],
    ]);
    // Delivered and marked sent: a further retry sends nothing, and the events stay used.
    expect((await invoke(completing, 0)).alerts).toEqual([]);
    expect((await invoke(kinesisEvent([failure('erin', '09:03')]), 0)).alerts).toEqual([]);
  });

  it('absence: the tick after the deadline alerts once; an expected event in time ends the wait', async () => {
    let clock = Date.parse(at('10:00'));
    const lambda = await import('../../src/processors/rule-processor/lambda.js');
    const ticking = lambda.createHandler({ now: () => clock }) as Handler;
    const tick = async (hhmm: string, expected: number) => {
      clock = Date.parse(at(hhmm));
      expect((await ticking(lambda.CORRELATION_TICK)).batchItemFailures).toEqual([]);
      return alerts.received(expected);
    };
    const mfa = (user: string, outcome: string, hhmm: string) => ({
      user,
      outcome,
      eventTime: at(hhmm),
    });
    const batch = await ticking(
      kinesisEvent([
        mfa('gina', 'challenge', '10:00'),
        mfa('hank', 'challenge', '10:00'),
        mfa('hank', 'success', '10:03'),
      ]),
    );
    expect(batch.batchItemFailures).toEqual([]);
    // Neither rule alerts on its own (generate: false), and nothing is due yet.
    expect(await alerts.received(0)).toEqual([]);
    expect(await tick('10:04', 0)).toEqual([]);
    // Past gina's deadline (10:05): one alert, from two ticks running at once.
    clock = Date.parse(at('10:06'));
    const both = await Promise.all([
      ticking(lambda.CORRELATION_TICK),
      ticking(lambda.CORRELATION_TICK),
    ]);
    expect(both.flatMap((r) => r.batchItemFailures)).toEqual([]);
    const fired = await alerts.received(1);
    expect(fired.map((a) => [a.rule_name, correlationOf(a)])).toEqual([
      [
        'mfa_not_completed',
        expect.objectContaining({
          type: 'absence',
          group: { user: 'gina' },
          started_by: 'mfa_challenge',
          deadline_time: '2026-12-07T10:05:00.000Z',
        }),
      ],
    ]);
    expect(fired[0]!.outputs).toEqual(['slack:soc']);
    // Delivered and marked sent: later ticks, past the resend delay too, send nothing.
    expect(await tick('10:07', 0)).toEqual([]);
    expect(await tick('10:30', 0)).toEqual([]);
    // The wait is off the due index once sent; hank's ended with his success.
    const waits = (await items()).filter((i) => i.Event!.S === '~absence');
    expect(waits).toHaveLength(2);
    expect(waits.filter((i) => i.Due !== undefined)).toEqual([]);
  });

  it('without CORRELATION_TABLE: a clear error at cold start, and the referenced rule alerts on its own', async () => {
    delete process.env.CORRELATION_TABLE;
    const lambda = await import('../../src/processors/rule-processor/lambda.js');
    const untabled = lambda.createHandler({ now: () => now }) as Handler;
    stdout.length = 0;
    const result = await untabled(kinesisEvent([failure('frank', '09:00')]));
    expect(result.batchItemFailures).toEqual([]);
    const got = await alerts.received(1);
    expect(got.map((a) => a.rule_name)).toEqual(['failed_login']);
    const errors = stdout
      .flatMap((chunk) => chunk.split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.level === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('CORRELATION_TABLE is not set'),
        correlations: ['many_failed_logins', 'mfa_not_completed'],
      }),
    ]);
  });
});
