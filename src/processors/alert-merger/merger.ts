/**
 * The alert merger (StreamAlert v2's alert_merger), run every minute by EventBridge: reads
 * the merge table, and for every rule and merge key whose window has closed, publishes
 * ONE merged alert to the alerts topic (when the window reached the rule's threshold) and
 * then deletes that window's matches. Windows still open are left for a later run.
 *
 * Order matters for "nothing lost": matches are deleted only after their merged alert was
 * published, the window's first match last. A run that stops between the two re-sends the
 * rest of the window next time with the same id (mergedId: rule, key, first match), which
 * receivers can deduplicate; a throttled read, publish or delete is retried, counted, and
 * otherwise left to the next run.
 *
 * Bounded work whatever the table holds:
 * - memory: the first read keeps a rank (created time, id) per match, never its record; the
 *   second read, done only when a window has closed, folds each closed window's records
 *   into a WindowMerge (bounded, see ../shared/merge-window.ts) one page at a time;
 * - time: linear in the matches; the run watches the Lambda's remaining time and stops
 *   before it runs out, leaving what it did not reach in the table for the next run;
 * - trust: windows are cut with the deployed rules' settings (`rules`), and an item that is
 *   unreadable or out of bounds (./items.ts) is set aside (dead-letter queue, metric
 *   MergeItemsSetAside, a log line naming its rule and key) while its window goes on.
 */
import type { Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import { cutWindows, type MergeSettings } from '../shared/merge.js';
import { before, WindowMerge, type Rank } from '../shared/merge-window.js';
import {
  DEFAULT_THROTTLE_POLICY,
  lazyDynamo,
  withThrottleRetries,
  type DynamoSource,
  type Item,
  type ThrottlePolicy,
} from '../shared/merge-table.js';
import type { DeadLetter, DeadLetterSink } from '../rule-processor/dead-letters.js';
import { readItem } from './items.js';

/** Publishes alerts; returns those not delivered (the rule processor's SNS publisher fits). */
export interface Publisher {
  publish(alerts: readonly Alert[]): Promise<Alert[]>;
}

/** What the merger reads of the Lambda context. */
export interface RunContext {
  getRemainingTimeInMillis(): number;
}

export interface MergerDeps {
  dynamo: DynamoSource;
  table: string;
  publisher: Publisher;
  logger: Logger;
  /** The deployed merging rules (name → settings): windows are cut by these, never by what an item says. */
  rules: ReadonlyMap<string, MergeSettings>;
  /** Where items that cannot be merged go; without one they are logged, counted and left in the table. */
  deadLetters?: DeadLetterSink;
  now?: () => number;
  policy?: ThrottlePolicy;
  /** A window is merged this long after it ends (default 30 s): a match written as it closed is still in it. */
  graceMs?: number;
}

export interface MergeReport {
  /** Matches read from the table (set-aside items not included). */
  matches: number;
  /** Merged alerts published. */
  sent: Alert[];
  /** Closed windows below their rule's threshold: deleted, nothing sent. */
  belowThreshold: number;
  /** Windows whose alert or delete failed: left in the table for the next run. */
  retryLater: number;
  /** Closed windows the run had no time for: left in the table for the next run. */
  leftForNextRun: number;
  /** Items without a rule name and alert id (not written by a rule processor): left to TTL. */
  unreadable: number;
  /** Items set aside as poison (unreadable alert, out of bounds, rule not deployed). */
  setAside: number;
  throttles: number;
}

/** DynamoDB's BatchWriteItem limit. */
const DELETE_CHUNK = 25;
/** BatchWriteItem calls in flight while a window's matches are deleted. */
const DELETE_CONCURRENCY = 8;
/** Poison items set aside together (bounds what a page of them holds). */
const SET_ASIDE_CHUNK = 10;
/** Reading stops with this much time left: enough to publish and delete what was read. */
const READ_RESERVE_MS = 15_000;
/** A window is started only with this much time left (publish, then deletes). */
const SEND_RESERVE_MS = 8_000;
/** Deletes stop with this much left: the run must end before Lambda stops it. */
const DELETE_RESERVE_MS = 2_000;

interface Group {
  rule: string;
  key: string;
  settings: MergeSettings;
  ranks: Rank[];
}

/** A closed window: its matches' ranks (sorted) and, after the second read, its merged alert so far. */
interface Window {
  group: Group;
  ranks: Rank[];
  merge: WindowMerge;
}

/** A group's closed windows: `starts[i]` is where window i begins in the group's ranks, `end` where they stop. */
interface Closed {
  group: Group;
  windows: Window[];
  starts: number[];
  end: number;
}

interface Poison {
  rule: string;
  alertId: string;
  key?: string;
  reason: string;
  text: string;
}

const groupOf = (rule: string, key: string) => `${rule}\n${key}`;

/** Index of `r` in ranks sorted by `before`, or -1. */
function indexOf(ranks: readonly Rank[], r: Rank): number {
  let lo = 0;
  let hi = ranks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = ranks[mid]!;
    if (m.created === r.created && m.id === r.id) return mid;
    if (before(m, r)) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The last index i with sorted[i] <= n (sorted ascending, sorted[0] <= n). */
function lastAtMost(sorted: readonly number[], n: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= n) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function createAlertMerger(deps: MergerDeps) {
  const { table, publisher, logger, rules } = deps;
  const now = deps.now ?? Date.now;
  const policy = deps.policy ?? DEFAULT_THROTTLE_POLICY;
  const graceMs = deps.graceMs ?? 30_000;
  const connect = lazyDynamo(deps.dynamo);

  /** Reads the table page by page; false when the time ran out before the end. */
  async function scan(
    counts: { throttles: number },
    remaining: () => number,
    onPage: (items: Item[]) => Promise<void>,
  ): Promise<boolean> {
    const { client, sdk } = await connect();
    let start: Item | undefined;
    do {
      if (remaining() < READ_RESERVE_MS) return false;
      const page = await withThrottleRetries(
        policy,
        counts,
        logger,
        'reading the merge table',
        () =>
          client.send(
            new sdk.ScanCommand({
              TableName: table,
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
      );
      await onPage((page.Items ?? []) as Item[]);
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    return true;
  }

  /**
   * Deletes `count` items of `rule`, the i-th with AlertID `idAt(i)`, BATCH_WRITE at a time and a
   * few calls in flight; throws when some are still there after the retries or the time ran out.
   */
  async function remove(
    rule: string,
    count: number,
    idAt: (i: number) => string,
    counts: { throttles: number },
    remaining: () => number,
  ): Promise<void> {
    const { client, sdk } = await connect();
    const one = async (from: number) => {
      let pending: { DeleteRequest: { Key: Item } }[] = [];
      for (let i = from; i < Math.min(count, from + DELETE_CHUNK); i++)
        pending.push({
          DeleteRequest: { Key: { RuleName: { S: rule }, AlertID: { S: idAt(i) } } },
        });
      await withThrottleRetries(policy, counts, logger, 'deleting merged matches', async () => {
        const res = await client.send(
          new sdk.BatchWriteItemCommand({ RequestItems: { [table]: pending } }),
        );
        const left = res.UnprocessedItems?.[table] ?? [];
        if (left.length > 0) {
          // DynamoDB hands back what it throttled: retried like a throttled call.
          pending = left as typeof pending;
          throw Object.assign(new Error(`${left.length} deletes unprocessed`), {
            name: 'ProvisionedThroughputExceededException',
          });
        }
      });
    };
    const step = DELETE_CHUNK * DELETE_CONCURRENCY;
    for (let from = 0; from < count; from += step) {
      if (remaining() < DELETE_RESERVE_MS) throw new Error('out of time while deleting');
      const calls: Promise<void>[] = [];
      for (let f = from; f < Math.min(count, from + step); f += DELETE_CHUNK) calls.push(one(f));
      await Promise.all(calls);
    }
  }

  return {
    async run(context?: RunContext): Promise<MergeReport> {
      const remaining = () => context?.getRemainingTimeInMillis() ?? Infinity;
      const counts = { throttles: 0 };
      const report: MergeReport = {
        matches: 0,
        sent: [],
        belowThreshold: 0,
        retryLater: 0,
        leftForNextRun: 0,
        unreadable: 0,
        setAside: 0,
        throttles: 0,
      };
      const at = now();
      const finish = () => {
        report.throttles = counts.throttles;
        logger.metric('MergedAlerts', report.sent.length);
        if (counts.throttles > 0) logger.metric('MergeThrottles', counts.throttles);
        if (report.retryLater > 0) logger.metric('MergeRetries', report.retryLater);
        if (report.setAside > 0) logger.metric('MergeItemsSetAside', report.setAside);
        if (report.leftForNextRun > 0) logger.metric('MergeWindowsLeft', report.leftForNextRun);
        logger.info('merge run', {
          matches: report.matches,
          sent: report.sent.length,
          below_threshold: report.belowThreshold,
          retry_later: report.retryLater,
          left_for_next_run: report.leftForNextRun,
          unreadable: report.unreadable,
          set_aside: report.setAside,
        });
        return report;
      };

      /** Poison items: dead-lettered, then deleted; without a queue (or when it fails) left where they are. */
      const setAside = async (poison: Poison[]) => {
        for (const p of poison) {
          report.setAside++;
          logger.error('merge table item set aside; its window goes on without it', {
            rule: p.rule,
            key: p.key,
            alert_id: p.alertId,
            reason: p.reason,
            dead_letter_queue: deps.deadLetters !== undefined,
          });
        }
        if (!deps.deadLetters) return;
        const letters = poison.map((p): DeadLetter => ({
          service: 'dynamodb',
          entity: table,
          origin: `${p.rule}/${p.alertId}`,
          reason: `merge table item set aside: ${p.reason}`,
          data: Buffer.from(p.text),
        }));
        let unsent: DeadLetter[];
        try {
          unsent = await deps.deadLetters.send(letters);
        } catch (err) {
          unsent = letters;
          logger.error('writing to the dead-letter queue failed', {
            error: (err as Error)?.message ?? String(err),
          });
        }
        const kept = new Set(unsent);
        const written = poison.filter((_, i) => !kept.has(letters[i]!));
        try {
          const byRule = new Map<string, string[]>();
          for (const p of written) byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), p.alertId]);
          for (const [rule, ids] of byRule)
            await remove(rule, ids.length, (i) => ids[i]!, counts, remaining);
        } catch (err) {
          // Dead-lettered but still in the table: set aside again next run (a duplicate letter, nothing lost).
          logger.warn('set-aside items not deleted; the next run sets them aside again', {
            error: (err as Error)?.message ?? String(err),
          });
        }
      };

      // First read: every readable match's rank, per rule and merge key; poison set aside.
      const groups = new Map<string, Group>();
      const read = await scan(counts, remaining, async (items) => {
        let poison: Poison[] = [];
        for (const item of items) {
          const r = readItem(item, rules, at);
          if (r.kind === 'unreadable') report.unreadable++;
          else if (r.kind === 'poison') {
            poison.push({ ...r, text: item.Alert?.S ?? JSON.stringify(item).slice(0, 300_000) });
            if (poison.length >= SET_ASIDE_CHUNK) {
              await setAside(poison);
              poison = [];
            }
          } else {
            const { match } = r;
            report.matches++;
            const id = groupOf(match.rule, match.key);
            let group = groups.get(id);
            if (!group)
              groups.set(
                id,
                (group = { rule: match.rule, key: match.key, settings: match.settings, ranks: [] }),
              );
            group.ranks.push({ created: match.created, id: match.alert.id });
          }
        }
        if (poison.length > 0) await setAside(poison);
      });
      if (!read) {
        // A window read in part could be sent without matches it has: nothing is sent.
        report.leftForNextRun = groups.size;
        logger.warn('the merge table was not read in time; every window is left for the next run', {
          matches_read: report.matches,
        });
        return finish();
      }

      // Windows, cut with the deployed rule's settings.
      const windows: Window[] = [];
      const closedOf = new Map<string, Closed>();
      for (const [id, group] of groups) {
        group.ranks.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
        const { closed } = cutWindows(group.ranks, group.settings.windowMs, at, graceMs);
        if (closed.length === 0) continue;
        const entry: Closed = { group, windows: [], starts: [], end: 0 };
        for (const ranks of closed) {
          entry.starts.push(entry.end);
          entry.end += ranks.length;
          entry.windows.push({ group, ranks, merge: new WindowMerge(group.settings.keys) });
        }
        closedOf.set(id, entry);
        windows.push(...entry.windows);
      }
      if (windows.length === 0) return finish();

      // Second read: each closed window's records folded into its merged alert, a page at a time.
      const folded = await scan(counts, remaining, (items) => {
        for (const item of items) {
          const r = readItem(item, rules, at);
          if (r.kind !== 'match') continue; // set aside (or logged) by the first read
          const closed = closedOf.get(groupOf(r.match.rule, r.match.key));
          if (!closed) continue;
          // Closed windows are consecutive ranges from the start of the group's sorted ranks.
          const pos = indexOf(closed.group.ranks, {
            created: r.match.created,
            id: r.match.alert.id,
          });
          if (pos < 0 || pos >= closed.end) continue; // an open window's match, or one written since
          closed.windows[lastAtMost(closed.starts, pos)]!.merge.add(r.match);
        }
        return Promise.resolve();
      });
      if (!folded) {
        report.leftForNextRun = windows.length;
        logger.warn('the closed windows were not read in time; they are left for the next run', {
          windows: windows.length,
        });
        return finish();
      }

      // Oldest windows first: if time runs short, the newest wait.
      windows.sort((a, b) => a.ranks[0]!.created - b.ranks[0]!.created);
      for (let i = 0; i < windows.length; i++) {
        const { group, ranks, merge } = windows[i]!;
        if (remaining() < SEND_RESERVE_MS) {
          report.leftForNextRun = windows.length - i;
          logger.warn('out of time: closed windows left for the next run', {
            windows: windows.length - i,
          });
          break;
        }
        // The first match is deleted last: a window cut short re-sends under the same id.
        const deleteOrder = (i: number) => ranks[(i + 1) % ranks.length]!.id;
        try {
          if (merge.count === 0) {
            // Every match went between the reads (another run sent it): nothing to do.
          } else if (merge.count >= group.settings.threshold) {
            const alert = merge.finish();
            await withThrottleRetries(
              policy,
              counts,
              logger,
              'publishing a merged alert',
              async () => {
                const undelivered = await publisher.publish([alert]);
                if (undelivered.length > 0) throw new Error('the merged alert was not published');
              },
            );
            report.sent.push(alert);
            logger.info('merged alert sent', {
              rule: alert.rule_name,
              id: alert.id,
              count: merge.count,
            });
          } else {
            report.belowThreshold++;
            logger.info('window closed below the threshold; nothing sent', {
              rule: group.rule,
              key: group.key.slice(0, 200),
              count: merge.count,
              threshold: group.settings.threshold,
            });
          }
          await remove(group.rule, ranks.length, deleteOrder, counts, remaining);
        } catch (err) {
          report.retryLater++;
          logger.error('merge window not finished; the next run tries again', {
            rule: group.rule,
            key: group.key.slice(0, 200),
            error: (err as Error)?.message ?? String(err),
          });
        }
      }
      return finish();
    },
  };
}
