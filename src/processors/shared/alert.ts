/**
 * The alert a rule raises, as the alert processor receives it (StreamAlert 1.5's flat
 * shape plus an id): the contract between the two Lambdas, so it lives with neither.
 */
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
  /**
   * The rule's `context` (settings per output service), when the rule sets one; and under
   * `lookup_tables`, the lookup-table rows the rule read (table, key, found, value); under
   * `threat_intel`, the record's indicators found in a feed (type, value, field, feed,
   * feed_version, the feed's row) — see src/processors/threat-intel/match.ts.
   */
  context?: Record<string, unknown>;
  /**
   * Set (true) only when the rule is staged: the alert processor then writes it to the
   * staging destination instead of `outputs`.
   */
  staged?: true;
  /** The rule's severity (a Sigma rule's `level`), id, tags and references, when it has them. */
  severity?: string;
  rule_id?: string;
  rule_tags?: string[];
  rule_references?: string[];
  /** The version (SHA-256) of the detection bundle whose rules raised it, when it came from one. */
  detection_version?: string;
  record: Record<string, unknown>;
}

/** What a rule tells about itself in its alerts (see RuleOptions in src/rules-api). */
export interface AlertRuleMeta {
  severity?: string;
  rule_id?: string;
  rule_tags?: string[];
  rule_references?: string[];
  detection_version?: string;
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
