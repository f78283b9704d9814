/**
 * Reading one merge-table item for the merger, trusting nothing in it: an item is data a
 * rule processor wrote, or anyone who could write the table. How a match merges (window,
 * keys, threshold) comes from the deployed rule, never from the item, so one item cannot
 * stretch or split its neighbours' window. An item that cannot be read, or is out of
 * bounds, is poison: the merger sets it aside (dead-letter queue, metric, log line) and the
 * window it claimed to be in goes on without it.
 */
import { isAlert, type Alert } from '../shared/alert.js';
import { mergeKeyOf, type Match, type MergeSettings } from '../shared/merge.js';
import { TTL_GRACE_MS, type Item } from '../shared/merge-table.js';
import { jsonDepth, MAX_NESTING_DEPTH } from '../rule-processor/limits.js';
import { MAX_MERGE_WINDOW_MINS } from '../rules/load.js';

/** The record's nesting (the rule processor refuses deeper ones) plus the alert around it. */
export const MAX_ITEM_DEPTH = MAX_NESTING_DEPTH + 8;
/** A match is written with the rule processor's clock: this much ahead is clock skew, more is out of bounds. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** The longest window a rule may have. */
const MAX_WINDOW_MS = MAX_MERGE_WINDOW_MINS * 60_000;
/** Older than any window plus TTL's day and the two days TTL may take to remove an item. */
const MAX_AGE_MS = MAX_WINDOW_MS + TTL_GRACE_MS + 2 * TTL_GRACE_MS;

export interface ReadMatch extends Match {
  rule: string;
  /** The merge key values as JSON text, from the record and the deployed rule's keys. */
  key: string;
  settings: MergeSettings;
}

export type ReadItem =
  | { kind: 'match'; match: ReadMatch }
  | {
      kind: 'poison';
      rule: string;
      alertId: string;
      /** The merge key the item claims, when it has one (for the log line). */
      key?: string;
      reason: string;
    }
  /** Without a rule name and alert id it cannot even be deleted: counted, left to TTL. */
  | { kind: 'unreadable' };

/**
 * The item as a match of a deployed merging rule, or why it is poison. Linear in the item's
 * size: its depth is counted on the text before it is parsed.
 */
export function readItem(
  item: Item,
  rules: ReadonlyMap<string, MergeSettings>,
  now: number,
): ReadItem {
  const rule = item.RuleName?.S;
  const alertId = item.AlertID?.S;
  if (typeof rule !== 'string' || typeof alertId !== 'string') return { kind: 'unreadable' };
  const claimedKey =
    typeof item.MergeKey?.S === 'string' ? item.MergeKey.S.slice(0, 200) : undefined;
  const poison = (reason: string): ReadItem => ({
    kind: 'poison',
    rule,
    alertId,
    ...(claimedKey === undefined ? {} : { key: claimedKey }),
    reason,
  });
  const settings = rules.get(rule);
  if (!settings)
    return poison(`rule "${rule.slice(0, 200)}" is not deployed with merge_window_mins`);

  const created = Number(item.Created?.N);
  if (!Number.isSafeInteger(created)) return poison('Created is not a whole number of ms');
  if (created > now + MAX_CLOCK_SKEW_MS)
    return poison(`Created is ${new Date(created).toISOString()}, in the future`);
  if (created < now - MAX_AGE_MS)
    return poison(`Created is ${new Date(created).toISOString()}, older than any window kept`);
  // The item's own settings are not used, but values no rule could have mark a forged or broken item.
  const windowMs = Number(item.WindowMs?.N ?? settings.windowMs);
  if (!(windowMs > 0 && windowMs <= MAX_WINDOW_MS))
    return poison(`WindowMs ${String(item.WindowMs?.N).slice(0, 40)} is out of bounds`);
  const threshold = Number(item.Threshold?.N ?? settings.threshold);
  if (!(Number.isSafeInteger(threshold) && threshold >= 1))
    return poison(`Threshold ${String(item.Threshold?.N).slice(0, 40)} is out of bounds`);

  const text = item.Alert?.S;
  if (typeof text !== 'string') return poison('no Alert text');
  const depth = jsonDepth(text, MAX_ITEM_DEPTH);
  if (depth > MAX_ITEM_DEPTH) return poison(`Alert is nested deeper than ${MAX_ITEM_DEPTH} levels`);
  let alert: unknown;
  try {
    alert = JSON.parse(text);
  } catch (err) {
    return poison(`Alert is not JSON: ${(err as Error).message.slice(0, 200)}`);
  }
  if (!isAlert(alert) || Array.isArray(alert.record)) return poison('Alert is not an alert');
  if (alert.rule_name !== rule || alert.id !== alertId)
    return poison('Alert names another rule or id than the item');
  return {
    kind: 'match',
    match: {
      rule,
      alert: alert as Alert,
      created,
      key: mergeKeyOf(alert.record, settings.keys),
      settings,
    },
  };
}
