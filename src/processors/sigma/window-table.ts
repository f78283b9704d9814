/**
 * The window state of correlation rules in the stream (correlate.ts's WindowState): the
 * cluster's correlation table (modules/stream_alert/correlation.tf), one partition per
 * correlation and group, one item per counted event; for absence correlations, one item per
 * group (sort key ABSENCE_EVENT) holding its wait as JSON, written whole on condition of its
 * Version, and listed in the sparse global index Due (Waits, Due = nextLook) while the tick
 * must look at it.
 *
 * - Exactly-once: the event's item is put on condition that its key is not there, so a
 *   retried Kinesis batch (or the same record twice) counts once; the retry reads the item
 *   back instead (a Query on its key: the grant has no GetItem) and correlate.ts judges it.
 * - Live events: the attribute `Live` (the event time) is on an item until an alert uses
 *   it; the sparse local index Live therefore holds only the events a window may still
 *   count, and the Query of a group reads those, from the new event's time minus the
 *   timespan, newest first, paginated, at most MAX_EVENTS_PER_GROUP. A burst past the
 *   threshold never reads back what it already alerted on.
 * - An alert whose publish fails after its events were marked used: the event that
 *   completed the window carries `Fired` (the match and the window's ids), written BEFORE
 *   the others are marked used, and `Sent` only once the processor has delivered the alert.
 *   A retry of that event finds Fired without Sent and sends the same alert again (same
 *   alert id: the alert is a hash of its content), finishing the used-marking on the way.
 *   The price: an alert delivered whose Sent mark then fails is sent twice on a retry.
 * - TTL: ExpiresAt is the event time (or its arrival, when later: a replay of old records
 *   must still be recognised when retried) plus the timespan plus a day.
 * - Every call goes through withThrottleRetries (as the merge table's); what still fails
 *   throws, and the processor retries the record.
 */
import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Logger } from '../shared/logger.js';
import {
  DEFAULT_THROTTLE_POLICY,
  lazyDynamo,
  withThrottleRetries,
  type DynamoSource,
  type ThrottlePolicy,
} from '../shared/merge-table.js';
import {
  MAX_EVENTS_PER_GROUP,
  nextLook,
  type AbsenceGroup,
  type DueWait,
  type VersionedAbsence,
  type FiredWindow,
  type SeenEvent,
  type WindowEvent,
  type WindowState,
} from './correlate.js';

/** Kept past the window so a late retry is still recognised; then TTL removes the item. */
export const WINDOW_TTL_MARGIN_MS = 24 * 3600_000;
/** The local index of live events (correlation.tf). */
export const LIVE_INDEX = 'Live';
/** A fired window's record beyond this is kept without its ids (DynamoDB items stop at 400 KB). */
const MAX_FIRED_BYTES = 300_000;
/** The sort key of a group's absence item (event ids are base64url: never this). */
export const ABSENCE_EVENT = '~absence';
/** The global index of absence waits by the time to look at them (correlation.tf). */
export const DUE_INDEX = 'Due';
/** The index's one partition: every wait is listed under it, by Due. */
const WAITS = 'waits';
/** An absence item's starting record beyond this is kept without it (items stop at 400 KB). */
const MAX_SOURCE_BYTES = 200_000;
/** Used-marks in flight at once. */
const CONCURRENCY = 10;

type Item = Record<string, AttributeValue>;

export interface WindowTableOptions {
  logger: Logger;
  /** Wall clock (ms): the TTL of a record older than now counts from now. */
  now?: () => number;
  policy?: ThrottlePolicy;
}

/** The partition of a correlation's group: hashed, so any group value fits the key. */
export function groupKey(correlation: string, group: string): string {
  return createHash('sha256').update(`${correlation}\n${group}`).digest('base64url');
}

const isConditionFailed = (err: unknown) =>
  (err as { name?: string })?.name === 'ConditionalCheckFailedException';

function eventOf(item: Item): WindowEvent | undefined {
  const id = item.Event?.S;
  const rule = item.Rule?.S;
  const t = Number(item.Live?.N);
  if (id === undefined || rule === undefined || !Number.isFinite(t)) return undefined;
  return { id, rule, t, ...(item.V?.S !== undefined ? { v: item.V.S } : {}) };
}

function absenceOf(item: Item): VersionedAbsence {
  let value: AbsenceGroup;
  try {
    value = JSON.parse(item.State?.S ?? '{}') as AbsenceGroup;
  } catch {
    value = {};
  }
  return { value, version: Number(item.Version?.N ?? 0) || 0 };
}

/** The group as stored: the starting record dropped (noted) when it would not fit an item. */
function absenceText(value: AbsenceGroup, logger: Logger, correlation: string): string {
  const text = JSON.stringify(value);
  if (text.length <= MAX_SOURCE_BYTES || !value.source) return text;
  logger.warn('absence wait: its starting record is too large to keep; the alert omits it', {
    correlation,
    bytes: text.length,
  });
  const without = JSON.stringify({
    ...value,
    source: { ...value.source, record: { omitted: `record of ${text.length} bytes` } },
  });
  if (without.length <= MAX_SOURCE_BYTES) return without;
  // The group's values themselves are that large: the alert names them by their size.
  return JSON.stringify({
    ...JSON.parse(without),
    group: { omitted: `group values of ${JSON.stringify(value.group).length} bytes` },
  });
}

function seenOf(item: Item | undefined): SeenEvent {
  // Gone (TTL) between the put and the read: as good as used.
  if (!item) return { used: true };
  let fired: FiredWindow | undefined;
  if (item.Fired?.S) {
    try {
      fired = JSON.parse(item.Fired.S) as FiredWindow;
    } catch {
      fired = undefined;
    }
  }
  return {
    used: item.Live === undefined,
    ...(fired ? { fired } : {}),
    ...(item.Sent?.BOOL ? { sent: true } : {}),
  };
}

export function dynamoWindowState(
  source: DynamoSource,
  table: string,
  options: WindowTableOptions,
): WindowState {
  const connect = lazyDynamo(source);
  const policy = options.policy ?? DEFAULT_THROTTLE_POLICY;
  const now = options.now ?? Date.now;
  const counts = { throttles: 0 };
  const call = <T>(what: string, fn: () => Promise<T>) =>
    withThrottleRetries(policy, counts, options.logger, what, fn);
  const names = { '#l': 'Live', '#f': 'Fired', '#s': 'Sent' };

  /** Updates an event's item if it is still there (an update would otherwise create it). */
  async function updateEvent(
    group: string,
    id: string,
    expression: string,
    values?: Item,
  ): Promise<void> {
    const { client, sdk } = await connect();
    await call('updating a correlation event', async () => {
      try {
        await client.send(
          new sdk.UpdateItemCommand({
            TableName: table,
            Key: { Group: { S: group }, Event: { S: id } },
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(#e)',
            ExpressionAttributeNames: { '#e': 'Event', ...namesIn(expression) },
            ...(values ? { ExpressionAttributeValues: values } : {}),
          }),
        );
      } catch (err) {
        if (!isConditionFailed(err)) throw err;
      }
    });
  }

  /** The group's live events from `from` (ms), newest first, up to MAX_EVENTS_PER_GROUP. */
  async function liveEvents(group: string, from: number): Promise<WindowEvent[]> {
    const { client, sdk } = await connect();
    const out: WindowEvent[] = [];
    let start: Item | undefined;
    do {
      const page = await call('reading a correlation group', () =>
        client.send(
          new sdk.QueryCommand({
            TableName: table,
            IndexName: LIVE_INDEX,
            KeyConditionExpression: '#g = :g AND #l >= :from',
            ExpressionAttributeNames: { '#g': 'Group', '#l': 'Live' },
            ExpressionAttributeValues: { ':g': { S: group }, ':from': { N: String(from) } },
            ScanIndexForward: false,
            // The put just before must be seen.
            ConsistentRead: true,
            Limit: MAX_EVENTS_PER_GROUP - out.length,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        ),
      );
      for (const item of page.Items ?? []) {
        const e = eventOf(item);
        if (e) out.push(e);
      }
      start = page.LastEvaluatedKey;
    } while (start && out.length < MAX_EVENTS_PER_GROUP);
    return out.reverse();
  }

  async function readEvent(group: string, id: string): Promise<Item | undefined> {
    const { client, sdk } = await connect();
    const page = await call('reading a correlation event', () =>
      client.send(
        new sdk.QueryCommand({
          TableName: table,
          KeyConditionExpression: '#g = :g AND #e = :e',
          ExpressionAttributeNames: { '#g': 'Group', '#e': 'Event' },
          ExpressionAttributeValues: { ':g': { S: group }, ':e': { S: id } },
          ConsistentRead: true,
        }),
      ),
    );
    return page.Items?.[0];
  }

  return {
    async add(correlation, groupText, event, span) {
      const group = groupKey(correlation, groupText);
      const { client, sdk } = await connect();
      const expires = Math.ceil((Math.max(event.t, now()) + span + WINDOW_TTL_MARGIN_MS) / 1000);
      const added = await call('counting a correlation event', async () => {
        try {
          await client.send(
            new sdk.PutItemCommand({
              TableName: table,
              Item: {
                Group: { S: group },
                Event: { S: event.id },
                Rule: { S: event.rule },
                Live: { N: String(event.t) },
                ...(event.v !== undefined ? { V: { S: event.v } } : {}),
                ExpiresAt: { N: String(expires) },
              },
              ConditionExpression: 'attribute_not_exists(#e)',
              ExpressionAttributeNames: { '#e': 'Event' },
            }),
          );
          return true;
        } catch (err) {
          if (isConditionFailed(err)) return false;
          throw err;
        }
      });
      if (added) return { events: await liveEvents(group, event.t - span) };
      const item = await readEvent(group, event.id);
      const seen = seenOf(item);
      const t = item ? Number(item.Live?.N ?? event.t) : event.t;
      return { events: seen.used ? [] : await liveEvents(group, t - span), seen };
    },

    async fire(correlation, groupText, trigger, fired) {
      const group = groupKey(correlation, groupText);
      let text = JSON.stringify(fired);
      if (text.length > MAX_FIRED_BYTES) {
        // Still re-sent on a retry; only the used-marking is not finished then.
        text = JSON.stringify({ match: fired.match, window: [trigger] });
        options.logger.warn('correlation window too large to keep its event ids', {
          correlation,
          events: fired.window.length,
        });
      }
      // The trigger first: once it says Fired, a retry sends the alert whatever happens next.
      // (temporal_ordered may complete a window with an earlier chain: then the trigger stays live.)
      const used = fired.window.includes(trigger);
      await updateEvent(group, trigger, used ? 'SET #f = :f REMOVE #l' : 'SET #f = :f', {
        ':f': { S: text },
      });
      const rest = fired.window.filter((id) => id !== trigger);
      for (let i = 0; i < rest.length; i += CONCURRENCY)
        await Promise.all(
          rest.slice(i, i + CONCURRENCY).map((id) => updateEvent(group, id, 'REMOVE #l')),
        );
    },

    async drop(correlation, groupText, ids) {
      const group = groupKey(correlation, groupText);
      for (const id of ids) await updateEvent(group, id, 'REMOVE #l');
    },

    async sent(correlation, groupText, trigger) {
      await updateEvent(groupKey(correlation, groupText), trigger, 'SET #s = :s', {
        ':s': { BOOL: true },
      });
    },

    async absence(correlation, groupText) {
      const item = await readEvent(groupKey(correlation, groupText), ABSENCE_EVENT);
      return item ? absenceOf(item) : { value: {}, version: 0 };
    },

    async setAbsence(correlation, groupText, value, version) {
      const { client, sdk } = await connect();
      const look = nextLook(value);
      const last = Math.max(value.due ?? 0, value.latest ?? 0, now());
      const item: Item = {
        Group: { S: groupKey(correlation, groupText) },
        Event: { S: ABSENCE_EVENT },
        Correlation: { S: correlation },
        GroupText: { S: groupText },
        Version: { N: String(version + 1) },
        State: { S: absenceText(value, options.logger, correlation) },
        // Kept a day past the deadline (or the newest event): then the group starts afresh.
        ExpiresAt: { N: String(Math.ceil((last + WINDOW_TTL_MARGIN_MS) / 1000)) },
        ...(look !== undefined ? { Waits: { S: WAITS }, Due: { N: String(look) } } : {}),
      };
      return call('writing an absence wait', async () => {
        try {
          await client.send(
            new sdk.PutItemCommand({
              TableName: table,
              Item: item,
              ...(version === 0
                ? {
                    ConditionExpression: 'attribute_not_exists(#e)',
                    ExpressionAttributeNames: { '#e': 'Event' },
                  }
                : {
                    ConditionExpression: '#v = :v',
                    ExpressionAttributeNames: { '#v': 'Version' },
                    ExpressionAttributeValues: { ':v': { N: String(version) } },
                  }),
            }),
          );
          return true;
        } catch (err) {
          if (isConditionFailed(err)) return false;
          throw err;
        }
      });
    },

    async dueWaits(at, limit) {
      const { client, sdk } = await connect();
      const out: DueWait[] = [];
      let start: Item | undefined;
      do {
        const page = await call('reading due absence waits', () =>
          client.send(
            new sdk.QueryCommand({
              TableName: table,
              IndexName: DUE_INDEX,
              KeyConditionExpression: '#w = :w AND #d < :now',
              ExpressionAttributeNames: { '#w': 'Waits', '#d': 'Due' },
              ExpressionAttributeValues: { ':w': { S: WAITS }, ':now': { N: String(at) } },
              Limit: limit - out.length,
              ...(start ? { ExclusiveStartKey: start } : {}),
            }),
          ),
        );
        for (const item of page.Items ?? []) {
          const a = absenceOf(item);
          const correlation = item.Correlation?.S;
          const group = item.GroupText?.S;
          if (correlation !== undefined && group !== undefined && a.version > 0)
            out.push({ correlation, group, ...a });
        }
        start = page.LastEvaluatedKey;
      } while (start && out.length < limit);
      return out;
    },
  };

  /** The #names an expression uses, from the table's attribute names. */
  function namesIn(expression: string): Record<string, string> {
    return Object.fromEntries(Object.entries(names).filter(([k]) => expression.includes(k)));
  }
}
