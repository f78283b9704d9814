/**
 * Where the rule processor puts the matches of merging rules (merge_window_mins): one
 * conditional PutItem per match into the merge state table (see ../shared/merge-table.ts
 * for why that counts each record once and how throttles are handled). The merger Lambda
 * sends the merged alert when the window closes.
 */
import type { Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import type { MergeSettings } from '../shared/merge.js';
import {
  DEFAULT_THROTTLE_POLICY,
  lazyDynamo,
  toItem,
  withThrottleRetries,
  type DynamoSource,
  type ThrottlePolicy,
} from '../shared/merge-table.js';
import { alertMessage } from './alert.js';

export interface MergeWriter {
  /** Writes the matches; returns the alerts that could not be written (their records are retried). */
  write(matches: readonly { alert: Alert; settings: MergeSettings }[]): Promise<Alert[]>;
}

/** Writes in flight at once: enough to hide latency, few enough not to throttle a fresh on-demand table. */
const CONCURRENCY = 10;

export function createMergeWriter(
  dynamo: DynamoSource,
  table: string,
  logger: Logger,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  now: () => number = Date.now,
): MergeWriter {
  const connect = lazyDynamo(dynamo);
  return {
    async write(matches) {
      if (matches.length === 0) return [];
      const { client, sdk } = await connect();
      const counts = { throttles: 0 };
      const failed: Alert[] = [];
      let duplicates = 0;
      const one = async ({ alert, settings }: { alert: Alert; settings: MergeSettings }) => {
        const item = toItem({ alert, created: now() }, settings, alertMessage(alert));
        try {
          await withThrottleRetries(policy, counts, logger, 'writing a match', () =>
            client
              .send(
                new sdk.PutItemCommand({
                  TableName: table,
                  Item: item,
                  ConditionExpression: 'attribute_not_exists(AlertID)',
                }),
              )
              .catch((err: unknown) => {
                // Already there: a retried batch or the same record twice. Counted once.
                if ((err as Error)?.name === 'ConditionalCheckFailedException') duplicates++;
                else throw err;
              }),
          );
        } catch (err) {
          logger.error('match not written to the merge table; its record will be retried', {
            rule: alert.rule_name,
            error: (err as Error)?.name ?? String(err),
          });
          failed.push(alert);
        }
      };
      for (let i = 0; i < matches.length; i += CONCURRENCY)
        await Promise.all(matches.slice(i, i + CONCURRENCY).map(one));
      logger.metric('MergeMatchesWritten', matches.length - failed.length - duplicates);
      if (counts.throttles > 0) logger.metric('MergeThrottles', counts.throttles);
      if (failed.length > 0) logger.metric('MergeWriteFailures', failed.length);
      if (duplicates > 0) logger.debug('matches already in the merge table', { duplicates });
      return failed;
    },
  };
}
