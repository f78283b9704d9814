/** The alert a rule raises, as the alert processor receives it (StreamAlert 1.5's flat shape plus an id). */
import { createHash } from 'node:crypto';
import type { Service } from '../config/types.js';

export interface Alert {
  /** Same rule + record + source → same id, so a retried batch can be deduplicated downstream. */
  id: string;
  rule_name: string;
  rule_description: string;
  log_source: string;
  log_type: string;
  source_service: Service;
  source_entity: string;
  outputs: string[];
  record: Record<string, unknown>;
}

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

const KEYS = [
  'id',
  'rule_name',
  'rule_description',
  'log_source',
  'log_type',
  'source_service',
  'source_entity',
  'outputs',
  'record',
];

/** Checks a message claims to be an alert before the alert processor acts on it. */
export function isAlert(v: unknown): v is Alert {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const a = v as Record<string, unknown>;
  return (
    KEYS.every((k) => k in a) &&
    typeof a.rule_name === 'string' &&
    typeof a.id === 'string' &&
    Array.isArray(a.outputs) &&
    a.outputs.every((o) => typeof o === 'string') &&
    typeof a.record === 'object' &&
    a.record !== null
  );
}
