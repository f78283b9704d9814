/** Making the alert a rule raises: its id and its JSON text (the shape is ../shared/alert.ts). */
import { createHash } from 'node:crypto';
import type { Service } from '../config/types.js';
import type { Alert } from '../shared/alert.js';

/** Re-exported for files written before the type moved; import it from ../shared/alert.js. */
export type { Alert };

export function alertId(
  rule: string,
  log: string,
  service: string,
  entity: string,
  record: unknown,
): string {
  return idOf(rule, log, service, entity, JSON.stringify(record));
}

function idOf(
  rule: string,
  log: string,
  service: string,
  entity: string,
  recordJson: string,
): string {
  return createHash('sha256')
    .update(`${rule}\n${log}\n${service}\n${entity}\n${recordJson}`)
    .digest('hex')
    .slice(0, 32);
}

/** Each alert's JSON text, made when the alert is: the record is serialized once, for the id and the message. */
const texts = new WeakMap<Alert, string>();

/**
 * A new alert and its JSON text (what JSON.stringify(alert) gives), from one serialization
 * of the record. Throws when the record cannot be serialized (the processor makes that record poison).
 */
export function createAlert(
  rule: string,
  description: string,
  log: string,
  logType: string,
  service: Service,
  entity: string,
  outputs: string[],
  record: Record<string, unknown>,
  context?: Readonly<Record<string, unknown>>,
  staged?: boolean,
): Alert {
  const recordJson = JSON.stringify(record);
  const alert: Alert = {
    id: idOf(rule, log, service, entity, recordJson),
    rule_name: rule,
    rule_description: description,
    log_source: log,
    log_type: logType,
    source_service: service,
    source_entity: entity,
    outputs,
    // Before the record: the text below is made by putting the record's JSON last.
    ...(context === undefined ? {} : { context: { ...context } }),
    ...(staged === true ? { staged: true as const } : {}),
    record,
  };
  const head = JSON.stringify({ ...alert, record: 0 });
  texts.set(alert, `${head.slice(0, -2)}${recordJson}}`);
  return alert;
}

/**
 * The alert as JSON: the text made with it when the alert came from `createAlert` (the
 * record as it was when its rule fired), JSON.stringify otherwise.
 */
export function alertJson(alert: Alert): string {
  return texts.get(alert) ?? JSON.stringify(alert);
}

/** What SNS takes per message, and per PublishBatch call. */
export const SNS_MAX_BYTES = 256 * 1024;
/** Room is left for the Subject and the request's framing. */
const MAX_MESSAGE = SNS_MAX_BYTES - 2048;

/** The alert as SNS message text; a record too big for SNS is cut down and says so. */
export function alertMessage(alert: Alert): string {
  const text = alertJson(alert);
  // Bytes are at most 3 per UTF-16 unit: only a long text needs counting.
  if (text.length * 3 <= MAX_MESSAGE || Buffer.byteLength(text) <= MAX_MESSAGE) return text;
  const record = JSON.stringify(alert.record);
  const keep = MAX_MESSAGE - (Buffer.byteLength(text) - Buffer.byteLength(record)) - 200;
  return JSON.stringify({
    ...alert,
    record: { 'streamalert:truncated': record.slice(0, Math.max(0, keep)) },
  });
}
