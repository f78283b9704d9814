/**
 * The alert merger (StreamAlert v2's alert_merger), run every minute by EventBridge: reads
 * the merge table, and for every rule and merge key whose window has closed, publishes
 * ONE merged alert to the alerts topic (when the window reached the rule's threshold) and
 * then deletes that window's matches. Windows still open are left for a later run.
 *
 * Order matters for "nothing lost": matches are deleted only after their merged alert was
 * published. A run that fails between the two re-sends the same merged alert next time
 * with the same id (mergedId), which receivers can deduplicate; a throttled read, publish
 * or delete is retried, counted, and otherwise left to the next run.
 *
 * The table is scanned: it holds only the matches of open windows (each is deleted once
 * sent, TTL removes anything older than its window plus a day), so it stays small.
 */
import type { Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import { mergeMatches, windowsOf } from '../shared/merge.js';
import {
  DEFAULT_THROTTLE_POLICY,
  fromItem,
  lazyDynamo,
  withThrottleRetries,
  type DynamoSource,
  type Item,
  type StoredMatch,
  type ThrottlePolicy,
} from '../shared/merge-table.js';

/** Publishes alerts; returns those not delivered (the rule processor's SNS publisher fits). */
export interface Publisher {
  publish(alerts: readonly Alert[]): Promise<Alert[]>;
}

export interface MergerDeps {
  dynamo: DynamoSource;
  table: string;
  publisher: Publisher;
  logger: Logger;
  now?: () => number;
  policy?: ThrottlePolicy;
  /** A window is merged this long after it ends (default 30 s): a match written as it closed is still in it. */
  graceMs?: number;
}

export interface MergeReport {
  /** Matches read from the table. */
  matches: number;
  /** Merged alerts published. */
  sent: Alert[];
  /** Closed windows below their rule's threshold: deleted, nothing sent. */
  belowThreshold: number;
  /** Windows whose alert or delete failed: left in the table for the next run. */
  retryLater: number;
  /** Items this code did not write: left alone (TTL removes them). */
  unreadable: number;
  throttles: number;
}

/** DynamoDB's BatchWriteItem limit. */
const DELETE_CHUNK = 25;

export function createAlertMerger(deps: MergerDeps) {
  const { table, publisher, logger } = deps;
  const now = deps.now ?? Date.now;
  const policy = deps.policy ?? DEFAULT_THROTTLE_POLICY;
  const connect = lazyDynamo(deps.dynamo);

  async function scanAll(counts: { throttles: number }): Promise<Item[]> {
    const { client, sdk } = await connect();
    const items: Item[] = [];
    let start: Item | undefined;
    do {
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
      items.push(...((page.Items ?? []) as Item[]));
      start = page.LastEvaluatedKey as Item | undefined;
    } while (start);
    return items;
  }

  /** Deletes the matches; throws when some are still there after the retries. */
  async function remove(matches: readonly StoredMatch[], counts: { throttles: number }) {
    const { client, sdk } = await connect();
    for (let i = 0; i < matches.length; i += DELETE_CHUNK) {
      let pending = matches.slice(i, i + DELETE_CHUNK).map((m) => ({
        DeleteRequest: { Key: { RuleName: { S: m.alert.rule_name }, AlertID: { S: m.alert.id } } },
      }));
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
    }
  }

  return {
    async run(): Promise<MergeReport> {
      const counts = { throttles: 0 };
      const report: MergeReport = {
        matches: 0,
        sent: [],
        belowThreshold: 0,
        retryLater: 0,
        unreadable: 0,
        throttles: 0,
      };
      const at = now();
      const groups = new Map<string, StoredMatch[]>();
      for (const item of await scanAll(counts)) {
        const m = fromItem(item);
        if (!m) {
          report.unreadable++;
          continue;
        }
        report.matches++;
        const group = `${m.alert.rule_name}\n${m.key}`;
        groups.set(group, [...(groups.get(group) ?? []), m]);
      }
      for (const matches of groups.values()) {
        // The latest match's settings: a rule whose window changed uses the new one.
        const settings = matches.reduce((a, b) => (b.created > a.created ? b : a)).settings;
        const { closed } = windowsOf(matches, settings.windowMs, at, deps.graceMs ?? 30_000);
        for (const window of closed) {
          try {
            if (window.length >= settings.threshold) {
              const alert = mergeMatches(window, settings.keys);
              const failed = await withThrottleRetries(
                policy,
                counts,
                logger,
                'publishing a merged alert',
                async () => {
                  const undelivered = await publisher.publish([alert]);
                  if (undelivered.length > 0) throw new Error('the merged alert was not published');
                  return undelivered;
                },
              );
              if (failed.length === 0) report.sent.push(alert);
              logger.info('merged alert sent', {
                rule: alert.rule_name,
                id: alert.id,
                count: window.length,
              });
            } else {
              report.belowThreshold++;
              logger.info('window closed below the threshold; nothing sent', {
                rule: window[0]!.alert.rule_name,
                count: window.length,
                threshold: settings.threshold,
              });
            }
            await remove(window, counts);
          } catch (err) {
            report.retryLater++;
            logger.error('merge window not finished; the next run tries again', {
              rule: window[0]!.alert.rule_name,
              error: (err as Error)?.message ?? String(err),
            });
          }
        }
      }
      report.throttles = counts.throttles;
      logger.metric('MergedAlerts', report.sent.length);
      if (counts.throttles > 0) logger.metric('MergeThrottles', counts.throttles);
      if (report.retryLater > 0) logger.metric('MergeRetries', report.retryLater);
      logger.info('merge run', {
        matches: report.matches,
        sent: report.sent.length,
        below_threshold: report.belowThreshold,
        retry_later: report.retryLater,
        unreadable: report.unreadable,
      });
      return report;
    },
  };
}
