/** Making the alert a rule raises: its id and its JSON text (the shape is ../shared/alert.ts). */
import { createHash } from 'node:crypto';
import type { Service } from '../config/types.js';
import type { Alert, AlertRuleMeta } from '../shared/alert.js';
import { jsonPrefixLength } from './json-bytes.js';

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
  meta?: AlertRuleMeta,
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
    ...meta,
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

/** What SNS takes per message, and per PublishBatch call: bytes of UTF-8. */
export const SNS_MAX_BYTES = 256 * 1024;
/** Room is left for the Subject and the request's framing. */
export const MAX_MESSAGE_BYTES = SNS_MAX_BYTES - 2048;
/** Below this much room, a cut record says too little to be worth sending: it is reduced. */
const MIN_CUT_BYTES = 1024;
/** The rule description's length in a reduced alert (the rest of the alert is bounded already). */
const REDUCED_DESCRIPTION = 1000;

/** Where a record came from: enough for a person to find it again when its alert cannot carry it. */
export interface RecordLocation {
  /** Kinesis sequence number, `s3://bucket/key`, SNS message id. */
  origin: string;
  /** The line of an S3 object. */
  line?: number;
}

const locations = new WeakMap<Alert, RecordLocation>();

/** Notes where the alert's record came from (the rule processor does, before publishing). */
export function locateAlert(alert: Alert, location: RecordLocation): void {
  locations.set(alert, location);
}

/**
 * How an alert went out: whole; `cut` (the record replaced by the start of its JSON text);
 * `reduced` (the record replaced by a size note and its location, as it did not fit even
 * cut); `reduced+context` (the rule's context too, and the description cut, when the rest of
 * the alert alone was over the limit).
 */
export type AlertFit = 'whole' | 'cut' | 'reduced' | 'reduced+context';

export interface AlertMessage {
  text: string;
  fit: AlertFit;
  /** UTF-8 bytes of the record's JSON when the alert was not sent whole. */
  recordBytes?: number;
}

const fits = (text: string) =>
  // Bytes are at most 3 per UTF-16 unit: only a long text needs counting.
  text.length * 3 <= MAX_MESSAGE_BYTES || Buffer.byteLength(text) <= MAX_MESSAGE_BYTES;

const fitted = new WeakMap<Alert, AlertMessage>();

/**
 * The alert as SNS message text, always within SNS's limit in bytes (JSON escapes and UTF-8
 * included): an alert SNS refuses would be retried on every try and never delivered.
 * Throws only when the record cannot be serialized at all.
 */
export function alertMessage(alert: Alert): string {
  return fitAlertMessage(alert).text;
}

/** `alertMessage` and how much of the alert it carries. */
export function fitAlertMessage(alert: Alert): AlertMessage {
  const text = alertJson(alert);
  if (fits(text)) return { text, fit: 'whole' };
  // Kept: the processor checks each alert when it is made, the publisher sends it later.
  let result = fitted.get(alert);
  if (!result) fitted.set(alert, (result = shrink(alert)));
  return result;
}

function shrink(alert: Alert): AlertMessage {
  const recordJson = JSON.stringify(alert.record);
  const recordBytes = Buffer.byteLength(recordJson);
  // 1. The start of the record's JSON text, cut to the room the rest of the alert leaves.
  const cut = (prefix: string) => ({
    'streamalert:truncated': prefix,
    'streamalert:record_bytes': recordBytes,
  });
  const room = MAX_MESSAGE_BYTES - Buffer.byteLength(JSON.stringify({ ...alert, record: cut('') }));
  if (room >= MIN_CUT_BYTES) {
    const text = JSON.stringify({
      ...alert,
      record: cut(recordJson.slice(0, jsonPrefixLength(recordJson, room))),
    });
    if (fits(text)) return { text, fit: 'cut', recordBytes };
  }
  // 2. The rest of the alert leaves no room: the record is replaced by a note saying where it is.
  return reducedAlertMessage(alert, recordBytes);
}

/**
 * The alert with its record replaced by a size note and the record's location; when that is
 * still too large, the rule's context (filled from the record) is replaced by its size too
 * and the description is cut. What remains is bounded: names, outputs (at most 50 dynamic
 * ones), the entity, the origin. Also what the publisher sends when SNS refuses a message
 * as too large.
 */
export function reducedAlertMessage(
  alert: Alert,
  recordBytes = Buffer.byteLength(JSON.stringify(alert.record)),
): AlertMessage {
  const note = {
    'streamalert:record_too_large': {
      record_bytes: recordBytes,
      limit_bytes: MAX_MESSAGE_BYTES,
      note: 'the record does not fit in an SNS message with this alert; read it at its location',
      location: {
        service: alert.source_service,
        entity: alert.source_entity,
        ...locations.get(alert),
      },
    },
  };
  const reduced = JSON.stringify({ ...alert, record: note });
  if (fits(reduced)) return { text: reduced, fit: 'reduced', recordBytes };
  const contextBytes = Buffer.byteLength(JSON.stringify(alert.context ?? null));
  const text = JSON.stringify({
    ...alert,
    rule_description: alert.rule_description.slice(0, REDUCED_DESCRIPTION),
    ...(alert.context === undefined
      ? {}
      : { context: { 'streamalert:context_too_large': { context_bytes: contextBytes } } }),
    record: note,
  });
  return { text, fit: 'reduced+context', recordBytes };
}
