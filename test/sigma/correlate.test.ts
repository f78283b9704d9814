/**
 * Correlation rules evaluated (src/processors/sigma/correlate.ts) over the matches of their
 * rules, with the in-memory window state `test` and the backtest use: counts per group
 * within the timespan, late and out-of-order events, a retried event counted once, each
 * type's condition, aliases, and the alert a correlation sends. Events written for these tests.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../src/rule-test/fixtures.js';
import {
  createCorrelator,
  eventTimeOf,
  MAX_EVENTS_PER_GROUP,
  memoryWindowState,
  RESEND_AFTER_MS,
  type CorrelationInput,
} from '../../src/processors/sigma/correlate.js';
import { absenceAlerts, correlateAlerts } from '../../src/processors/sigma/correlation-alerts.js';
import type { CompiledCorrelation } from '../../src/processors/sigma/correlation.js';
import { createAlert } from '../../src/processors/rule-processor/alert.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const min = (n: number) => T0 + n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

function correlation(c: Partial<CompiledCorrelation>): CompiledCorrelation {
  return {
    format: 1,
    kind: 'correlation',
    name: 'mr_test',
    file: 'rules/mr_test.yml',
    title: 'test correlation',
    type: 'event_count',
    rules: ['failed_login'],
    group_by: ['user'],
    timespan_s: 600,
    condition: { gte: 3 },
    generate: false,
    outputs: ['slack:soc'],
    ...c,
  };
}

let seq = 0;
const login = (
  user: string,
  at: number,
  extra: Record<string, unknown> = {},
): CorrelationInput => ({
  rule: 'failed_login',
  record: { user, eventTime: iso(at), ...extra },
  id: `seq-${++seq}`,
  arrival: T0 + 3_600_000,
});

describe('correlation windows', () => {
  it('event_count: alerts once when a group reaches the count within the timespan', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    expect(await c.observe(login('alice', min(0)))).toEqual([]);
    expect(await c.observe(login('bob', min(1)))).toEqual([]);
    expect(await c.observe(login('alice', min(4)))).toEqual([]);
    const fired = await c.observe(login('alice', min(9)));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({
      group: { user: 'alice' },
      count: 3,
      events: 3,
      rules: ['failed_login'],
      first: min(0),
      last: min(9),
    });
    // Its events are used up: the burst goes on without another alert until three more.
    expect(await c.observe(login('alice', min(9.5)))).toEqual([]);
    expect(await c.observe(login('alice', min(9.7)))).toEqual([]);
    expect(await c.observe(login('alice', min(9.9)))).toHaveLength(1);
  });

  it('does not count events further apart than the timespan', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    for (const m of [0, 6, 12, 18]) expect(await c.observe(login('alice', min(m)))).toEqual([]);
  });

  it('counts late and out-of-order events inside the window; not one older than the window', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    expect(await c.observe(login('alice', min(30)))).toEqual([]);
    // 25 minutes before the newest: outside every window that holds it.
    expect(await c.observe(login('alice', min(5)))).toEqual([]);
    expect(await c.observe(login('alice', min(22)))).toEqual([]);
    const fired = await c.observe(login('alice', min(25)));
    expect(fired.map((m) => [m.count, m.first, m.last])).toEqual([[3, min(22), min(30)]]);
  });

  it('counts an event seen again (a retried batch) once', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    const first = login('alice', min(1));
    expect(await c.observe(first)).toEqual([]);
    expect(await c.observe({ ...first })).toEqual([]);
    expect(await c.observe(login('alice', min(2)))).toEqual([]);
    const third = login('alice', min(3));
    const fired = await c.observe(third);
    expect(fired).toHaveLength(1);
    // Its alert delivered (the stream marks it sent): the retry of the batch that fired
    // sends no second alert and counts nothing.
    await fired[0]!.sent!();
    expect(await c.observe({ ...third })).toEqual([]);
    expect(await c.observe(login('alice', min(4)))).toEqual([]);
  });

  it('sends the same alert again on a retry when it was not marked sent (its publish failed)', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    await c.observe(login('alice', min(1)));
    await c.observe(login('alice', min(2)));
    const third = login('alice', min(3));
    const [fired] = await c.observe(third);
    const match = { ...fired! };
    delete match.sent;
    // The publish failed: the batch is retried, the alert fires again with the same content.
    const [again] = await c.observe({ ...third });
    expect(again).toMatchObject(match);
    await again!.sent!();
    expect(await c.observe({ ...third })).toEqual([]);
    // Its events stay used: one more event is no new alert.
    expect(await c.observe(login('alice', min(4)))).toEqual([]);
  });

  it('checks a retried event that was counted but in no alert again', async () => {
    // As if the invocation stopped between counting the event and marking its window.
    const state = memoryWindowState();
    const stopped = createCorrelator([correlation({})], {
      ...state,
      fire: () => Promise.reject(new Error('timed out')),
    });
    for (const e of [login('bob', min(1)), login('bob', min(2))]) await stopped.observe(e);
    const bob = login('bob', min(3));
    await expect(stopped.observe(bob)).rejects.toThrow('timed out');
    const retried = createCorrelator([correlation({})], state);
    expect(await retried.observe({ ...bob })).toHaveLength(1);
  });

  it('takes a long burst in one group: one alert per fresh set, never the used events again', async () => {
    const c = createCorrelator([correlation({ timespan_s: 3600 })], memoryWindowState());
    let fired = 0;
    const n = 2 * MAX_EVENTS_PER_GROUP + 1;
    for (let i = 0; i < n; i++) fired += (await c.observe(login('alice', min(i / 1000)))).length;
    expect(fired).toBe(Math.floor(n / 3));
  });

  it('skips an event without a group-by field', async () => {
    const c = createCorrelator([correlation({ group_by: ['host'] })], memoryWindowState());
    for (const m of [1, 2, 3]) expect(await c.observe(login('alice', min(m)))).toEqual([]);
  });

  it('uses the record time, then the arrival time', () => {
    expect(eventTimeOf({ eventTime: '2026-03-02T09:00:00Z' })).toBe(T0);
    expect(eventTimeOf({ published: '2026-03-02T09:00:00.000Z' })).toBe(T0);
    expect(eventTimeOf({ id: { time: '2026-03-02T09:00:00Z' } })).toBe(T0);
    expect(eventTimeOf({ timestamp: T0 / 1000 })).toBe(T0);
    expect(eventTimeOf({ time: String(T0) })).toBe(T0);
    expect(eventTimeOf({ time: 'yesterday', count: 5 })).toBeUndefined();
    expect(eventTimeOf({ timestamp: 42 })).toBeUndefined();
  });

  it('falls back to arrival time for records without one', async () => {
    const c = createCorrelator([correlation({})], memoryWindowState());
    const bare = (at: number) => ({
      rule: 'failed_login',
      record: { user: 'alice' },
      id: `bare-${at}`,
      arrival: at,
    });
    expect(await c.observe(bare(min(0)))).toEqual([]);
    expect(await c.observe(bare(min(20)))).toEqual([]);
    expect(await c.observe(bare(min(21)))).toEqual([]);
    expect((await c.observe(bare(min(22))))[0]).toMatchObject({ first: min(20), last: min(22) });
  });

  it('value_count: distinct values of the field per group', async () => {
    const c = createCorrelator(
      [
        correlation({
          type: 'value_count',
          group_by: ['ip'],
          field: 'user',
          condition: { gt: 2 },
        }),
      ],
      memoryWindowState(),
    );
    const from = (user: string, m: number) => login(user, min(m), { ip: '198.51.100.9' });
    expect(await c.observe(from('alice', 0))).toEqual([]);
    expect(await c.observe(from('alice', 1))).toEqual([]);
    expect(await c.observe(from('bob', 2))).toEqual([]);
    expect(await c.observe(from('bob', 3))).toEqual([]);
    const fired = await c.observe(from('carol', 4));
    expect(fired[0]).toMatchObject({
      group: { ip: '198.51.100.9' },
      count: 3,
      events: 5,
      values: ['alice', 'bob', 'carol'],
    });
  });

  it('temporal: every rule within the timespan, in any order, fields joined by aliases', async () => {
    const c = createCorrelator(
      [
        correlation({
          type: 'temporal',
          rules: ['console_login', 'key_created'],
          group_by: ['who'],
          aliases: {
            who: { console_login: 'userIdentity.arn', key_created: 'requestParameters.userArn' },
          },
          condition: { gte: 2 },
        }),
      ],
      memoryWindowState(),
    );
    const key = (arn: string, m: number): CorrelationInput => ({
      rule: 'key_created',
      record: { requestParameters: { userArn: arn }, eventTime: iso(min(m)) },
      id: `k-${m}`,
      arrival: 0,
    });
    const console_ = (arn: string, m: number): CorrelationInput => ({
      rule: 'console_login',
      record: { userIdentity: { arn }, eventTime: iso(min(m)) },
      id: `c-${m}`,
      arrival: 0,
    });
    expect(await c.observe(key('arn:a', 5))).toEqual([]);
    expect(await c.observe(console_('arn:b', 6))).toEqual([]);
    const fired = await c.observe(console_('arn:a', 2));
    expect(fired[0]).toMatchObject({
      group: { who: 'arn:a' },
      count: 2,
      rules: ['console_login', 'key_created'],
    });
  });

  it('temporal_ordered: the rules in their order of event time, whatever the arrival order', async () => {
    const ordered = correlation({
      type: 'temporal_ordered',
      rules: ['failed_login', 'login_ok'],
      condition: { gte: 2 },
    });
    const ok = (user: string, m: number): CorrelationInput => ({
      rule: 'login_ok',
      record: { user, eventTime: iso(min(m)) },
      id: `ok-${user}-${m}`,
      arrival: 0,
    });
    const c = createCorrelator([ordered], memoryWindowState());
    // Success before the failure: not the order.
    expect(await c.observe(ok('alice', 1))).toEqual([]);
    expect(await c.observe(login('alice', min(2)))).toEqual([]);
    // A failure that arrives after the success but happened before it: the order holds.
    expect(await c.observe(ok('bob', 8))).toEqual([]);
    const fired = await c.observe(login('bob', min(7)));
    expect(fired[0]).toMatchObject({ group: { user: 'bob' }, first: min(7), last: min(8) });
  });
});

describe('correlation alerts', () => {
  const alertOf = (rule: string, record: Record<string, unknown>) =>
    createAlert(
      rule,
      'd',
      'cloudtrail:events',
      'json',
      'kinesis',
      'stream',
      ['slack:other'],
      record,
    );

  it('drops the referenced rules own alerts unless generate, and sends the correlation', async () => {
    const c = createCorrelator(
      [
        correlation({
          condition: { gte: 2 },
          level: 'high',
          id: 'c0ffee00-0000-4000-8000-000000000001',
          tags: ['attack.t1110'],
        }),
      ],
      memoryWindowState(),
    );
    const where = (n: number) => ({ origin: `o${n}`, arrival: min(n) });
    const other = alertOf('unrelated', { user: 'alice' });
    expect(
      await correlateAlerts([alertOf('failed_login', { user: 'alice' }), other], c, where(1)),
    ).toEqual([other]);
    const out = await correlateAlerts(
      [alertOf('failed_login', { user: 'alice', n: 2 })],
      c,
      where(2),
    );
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      rule_name: 'mr_test',
      rule_description: 'test correlation',
      outputs: ['slack:soc'],
      severity: 'high',
      rule_id: 'c0ffee00-0000-4000-8000-000000000001',
      rule_tags: ['attack.t1110'],
      log_source: 'cloudtrail:events',
      record: {
        correlation: {
          type: 'event_count',
          rules: ['failed_login'],
          group: { user: 'alice' },
          count: 2,
          events: 2,
          timespan_seconds: 600,
          first_event_time: iso(min(1)),
          last_event_time: iso(min(2)),
        },
        last_event: { user: 'alice', n: 2 },
      },
    });

    const generating = createCorrelator(
      [correlation({ generate: true, condition: { gte: 2 } })],
      memoryWindowState(),
    );
    const own = alertOf('failed_login', { user: 'alice' });
    expect(await correlateAlerts([own], generating, where(1))).toEqual([own]);
  });
});

describe('absence correlations (our extension)', () => {
  const alertOf = (rule: string, user: string, at: number) =>
    createAlert(rule, 'd', 'cloudtrail:events', 'json', 'kinesis', 'stream', ['slack:x'], {
      user,
      eventTime: iso(at),
    });
  const mfa = correlation({
    name: 'mr_no_mfa',
    type: 'absence',
    after: ['console_login'],
    rules: ['mfa_passed'],
    group_by: ['user'],
    timespan_s: 300,
    condition: {},
  });
  const silent = correlation({
    name: 'mr_silent',
    type: 'absence',
    rules: ['trail_event'],
    group_by: ['user'],
    timespan_s: 600,
    condition: {},
  });
  let n = 0;
  const feed = async (
    c: ReturnType<typeof createCorrelator>,
    rule: string,
    user: string,
    at: number,
  ) => correlateAlerts([alertOf(rule, user, at)], c, { origin: `o${++n}`, arrival: at });
  const names = (alerts: { rule_name: string }[]) => alerts.map((a) => a.rule_name);
  /** The absence alerts due at `now`, delivered: each marked sent. */
  const tick = async (c: ReturnType<typeof createCorrelator>, now: number) => {
    const marks: (() => Promise<void>)[] = [];
    const out = await absenceAlerts(c, now, (_a, m) => void (m.sent && marks.push(m.sent)));
    for (const mark of marks) await mark();
    return out;
  };

  it('after: alerts once when the expected event does not follow within the timespan', async () => {
    const c = createCorrelator([mfa], memoryWindowState());
    expect(await feed(c, 'console_login', 'alice', min(0))).toEqual([]);
    expect(await tick(c, min(5))).toEqual([]); // the deadline itself: still in time
    const out = await tick(c, min(5) + 1);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      rule_name: 'mr_no_mfa',
      outputs: ['slack:soc'],
      log_source: 'cloudtrail:events',
      record: {
        correlation: {
          type: 'absence',
          rules: ['mfa_passed'],
          after: ['console_login'],
          group: { user: 'alice' },
          started_by: 'console_login',
          timespan_seconds: 300,
          start_event_time: iso(min(0)),
          deadline_time: iso(min(5)),
        },
        last_event: { user: 'alice', eventTime: iso(min(0)) },
      },
    });
    expect(await tick(c, min(60))).toEqual([]);
    // The expected event after the alert changes nothing; a new login starts a new wait.
    await feed(c, 'mfa_passed', 'alice', min(6));
    await feed(c, 'console_login', 'alice', min(10));
    expect(names(await tick(c, min(16)))).toEqual(['mr_no_mfa']);
  });

  it('after: the expected event in time, even at the deadline, ends the wait; per group', async () => {
    const c = createCorrelator([mfa], memoryWindowState());
    await feed(c, 'console_login', 'alice', min(0));
    await feed(c, 'console_login', 'bob', min(1));
    await feed(c, 'console_login', 'alice', min(2)); // joins alice's open wait
    expect(await feed(c, 'mfa_passed', 'alice', min(5))).toEqual([]);
    const out = await tick(c, min(30));
    expect(out.map((a) => a.record.correlation)).toEqual([
      expect.objectContaining({ group: { user: 'bob' } }),
    ]);
  });

  it('after: late and retried events', async () => {
    const c = createCorrelator([mfa], memoryWindowState());
    // The expected event is counted before the login it answers (out of order): no wait.
    await feed(c, 'mfa_passed', 'carol', min(3));
    await feed(c, 'console_login', 'carol', min(1));
    expect(await tick(c, min(30))).toEqual([]);
    // A login retried (the same match twice) waits once; an expected event before it does not end it.
    const login = alertOf('console_login', 'dave', min(10));
    await feed(c, 'mfa_passed', 'dave', min(9));
    await correlateAlerts([login], c, { origin: 'same', arrival: min(10) });
    await correlateAlerts([login], c, { origin: 'same', arrival: min(10) });
    expect((await tick(c, min(16))).map((a) => a.record.correlation)).toEqual([
      expect.objectContaining({ group: { user: 'dave' } }),
    ]);
    // Its retry after the alert starts nothing again.
    await correlateAlerts([login], c, { origin: 'same', arrival: min(10) });
    expect(await tick(c, min(60))).toEqual([]);
  });

  it('without after: a group seen and then silent for the timespan alerts once', async () => {
    const c = createCorrelator([silent], memoryWindowState());
    for (const at of [0, 4, 9, 13]) await feed(c, 'trail_event', 'acct-1', min(at));
    await feed(c, 'trail_event', 'acct-2', min(0));
    // acct-2 went silent at 0 (due 10); acct-1 was seen at 13 (due 23).
    const first = await tick(c, min(20));
    expect(first.map((a) => a.record.correlation)).toEqual([
      expect.objectContaining({
        group: { user: 'acct-2' },
        started_by: 'trail_event',
        start_event_time: iso(min(0)),
        deadline_time: iso(min(10)),
      }),
    ]);
    // A late event inside acct-1's silence (older than the last seen) changes nothing.
    await feed(c, 'trail_event', 'acct-1', min(12));
    expect(names(await tick(c, min(23) + 1))).toEqual(['mr_silent']);
    expect(await tick(c, min(200))).toEqual([]);
    // Seen again: silent again alerts again.
    await feed(c, 'trail_event', 'acct-1', min(300));
    expect(names(await tick(c, min(311)))).toEqual(['mr_silent']);
  });

  it('the after rules are referenced: their own alerts are dropped unless generate', async () => {
    const c = createCorrelator([mfa], memoryWindowState());
    expect(c.suppressed('console_login')).toBe(true);
    expect(c.suppressed('mfa_passed')).toBe(true);
    const g = createCorrelator([{ ...mfa, generate: true }], memoryWindowState());
    expect(names(await feed(g, 'console_login', 'alice', min(0)))).toEqual(['console_login']);
  });

  it('fires a due wait once however many callers check it', async () => {
    const state = memoryWindowState();
    const a = createCorrelator([mfa], state);
    const b = createCorrelator([mfa], state);
    await feed(a, 'console_login', 'alice', min(0));
    const [x, y] = await Promise.all([absenceAlerts(a, min(9)), absenceAlerts(b, min(9))]);
    expect(x.length + y.length).toBe(1);
  });

  it('sends an alert not marked sent again, the same one, after RESEND_AFTER_MS; once sent, never', async () => {
    const c = createCorrelator([mfa], memoryWindowState());
    await feed(c, 'console_login', 'alice', min(0));
    const [first] = await absenceAlerts(c, min(6)); // delivery failed: never marked sent
    expect(await absenceAlerts(c, min(6) + RESEND_AFTER_MS - 1)).toEqual([]);
    const again = await absenceAlerts(c, min(6) + RESEND_AFTER_MS + 1);
    expect(again.map((a) => a.id)).toEqual([first!.id]);
    expect(await tick(c, min(6) + 2 * RESEND_AFTER_MS + 2)).toHaveLength(1);
    expect(await tick(c, min(600))).toEqual([]);
  });
});

describe('fixture timestamps', () => {
  it('reads `time` as ISO 8601 or Unix time; anything else is a problem at its place', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'streamalert-fixture-time-'));
    mkdirSync(path.join(root, '.git'));
    const dir = path.join(root, 'tests');
    mkdirSync(dir);
    const rec = (time: unknown) => ({
      description: 'd',
      service: 'kinesis',
      source: 's',
      data: {},
      trigger_rules: [],
      time,
    });
    writeFileSync(
      path.join(dir, 'timed.json'),
      JSON.stringify({
        records: [rec('2026-03-02T09:00:00Z'), rec(T0 / 1000), rec(T0), rec('soon'), rec(12)],
      }),
    );
    const loaded = await loadFixtures(dir);
    expect(loaded.records.slice(0, 3).map((r) => r.time)).toEqual([T0, T0, T0]);
    expect(loaded.problems).toEqual([
      expect.stringMatching(/timed\.json: \/records\/3\/time: must be an ISO 8601 date and time/),
      expect.stringMatching(/timed\.json: \/records\/4\/time: must be an ISO 8601 date and time/),
    ]);
  });
});
