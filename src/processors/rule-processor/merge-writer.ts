/**
 * Where the rule processor puts the matches of merging rules (merge_window_mins): one
 * conditional PutItem per match into the merge state table (see ../shared/merge-table.ts
 * for why that counts each record once and how throttles are handled). The merger Lambda
 * sends the merged alert when the window closes.
 *
 * A match the table does not take is never left to close its window short of the threshold
 * in silence:
 * - a permanent refusal (the item is over DynamoDB's 400 KB, ValidationException) is poison
 *   at once: no retry can change it;
 * - a transient failure (throttling, network) is retried; once the retries are spent the
 *   match goes to the dead-letter queue with the reason, and the MergeMatchesDeadLettered
 *   metric counts it (a Kinesis retry would hit the same throttled table, and after the
 *   stream's own retries the record is gone).
 * Only a match whose dead letter could not be written either is handed back: its record is
 * retried. Without a dead-letter queue, every unwritten match is handed back (as before).
 */
import type { Alert } from '../shared/alert.js';
import type { Logger } from '../shared/logger.js';
import type { MergeSettings } from '../shared/merge.js';
import {
  DEFAULT_THROTTLE_POLICY,
  lazyDynamo,
  PermanentError,
  toItem,
  withThrottleRetries,
  type DynamoSource,
  type Item,
  type ThrottlePolicy,
} from '../shared/merge-table.js';
import { alertMessage } from './alert.js';
import type { DeadLetter, DeadLetterSink } from './dead-letters.js';

export interface MergeWriter {
  /** Writes the matches; returns the alerts that could not be written nor dead-lettered (their records are retried). */
  write(matches: readonly { alert: Alert; settings: MergeSettings }[]): Promise<Alert[]>;
}

/** Writes in flight at once: enough to hide latency, few enough not to throttle a fresh on-demand table. */
const CONCURRENCY = 10;
/** DynamoDB's item limit (names and values in UTF-8). */
export const MAX_ITEM_BYTES = 400 * 1024;
/** Errors no retry can fix: the request itself is refused. */
const PERMANENT = new Set([
  'ValidationException',
  'SerializationException',
  'ItemCollectionSizeLimitExceededException',
]);

/** An item's size as DynamoDB counts it: attribute names plus values (numbers counted as their text). */
export function itemBytes(item: Item): number {
  let n = 0;
  for (const [name, v] of Object.entries(item))
    n += Buffer.byteLength(name) + Buffer.byteLength(v.S ?? v.N ?? '');
  return n;
}

export function createMergeWriter(
  dynamo: DynamoSource,
  table: string,
  logger: Logger,
  policy: ThrottlePolicy = DEFAULT_THROTTLE_POLICY,
  now: () => number = Date.now,
  deadLetters?: DeadLetterSink,
): MergeWriter {
  const connect = lazyDynamo(dynamo);
  return {
    async write(matches) {
      if (matches.length === 0) return [];
      const { client, sdk } = await connect();
      const counts = { throttles: 0 };
      const unwritten: { alert: Alert; reason: string; text: string }[] = [];
      let duplicates = 0;
      let poison = 0;
      const one = async ({ alert, settings }: { alert: Alert; settings: MergeSettings }) => {
        const text = alertMessage(alert);
        const item = toItem({ alert, created: now() }, settings, text);
        try {
          const size = itemBytes(item);
          if (size > MAX_ITEM_BYTES)
            throw new PermanentError(
              `the match is ${size} bytes, over DynamoDB's item limit of ${MAX_ITEM_BYTES}`,
            );
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
                const name = (err as Error)?.name ?? '';
                // Already there: a retried batch or the same record twice. Counted once.
                if (name === 'ConditionalCheckFailedException') duplicates++;
                else if (PERMANENT.has(name))
                  throw new PermanentError(
                    `DynamoDB refused the match: ${name}: ${(err as Error).message}`,
                  );
                else throw err;
              }),
          );
        } catch (err) {
          const permanent = err instanceof PermanentError;
          if (permanent) poison++;
          const reason = permanent
            ? err.message
            : `not written after ${policy.attempts} attempts: ${(err as Error)?.name ?? String(err)}`;
          logger.error('match not written to the merge table', {
            rule: alert.rule_name,
            alert_id: alert.id,
            reason,
            dead_letter_queue: deadLetters !== undefined,
          });
          unwritten.push({ alert, reason, text });
        }
      };
      for (let i = 0; i < matches.length; i += CONCURRENCY)
        await Promise.all(matches.slice(i, i + CONCURRENCY).map(one));
      logger.metric('MergeMatchesWritten', matches.length - unwritten.length - duplicates);
      if (counts.throttles > 0) logger.metric('MergeThrottles', counts.throttles);
      if (unwritten.length > 0) logger.metric('MergeWriteFailures', unwritten.length);
      if (poison > 0) logger.metric('MergePoisonMatches', poison);
      if (duplicates > 0) logger.debug('matches already in the merge table', { duplicates });
      if (unwritten.length === 0) return [];
      if (!deadLetters) return unwritten.map((u) => u.alert);

      const letters = unwritten.map((u): DeadLetter => ({
        service: u.alert.source_service,
        entity: u.alert.source_entity,
        origin: `merge table ${table}: rule ${u.alert.rule_name}, alert ${u.alert.id}`,
        reason: `match of a merging rule not counted in its window: ${u.reason}`,
        data: Buffer.from(u.text),
      }));
      let unsent: DeadLetter[];
      try {
        unsent = await deadLetters.send(letters);
      } catch (err) {
        unsent = letters;
        logger.error('writing to the dead-letter queue failed', {
          error: (err as Error)?.message ?? String(err),
        });
      }
      const retry = new Set(unsent);
      const dead = letters.length - unsent.length;
      if (dead > 0) logger.metric('MergeMatchesDeadLettered', dead);
      if (unsent.length > 0)
        logger.error('unwritten matches not dead-lettered either; their records will be retried', {
          matches: unsent.length,
        });
      return unwritten.filter((_, i) => retry.has(letters[i]!)).map((u) => u.alert);
    },
  };
}
