/**
 * Correlation rules between the rules engine and the publisher: the alerts of one record go
 * in, the alerts to send come out: the referenced rules' own alerts dropped unless a
 * correlation naming them has `generate: true`, and one alert per correlation that fired.
 * `test`, the backtest and the rule processor all call this, with their window state.
 */
import { createAlert } from '../rule-processor/alert.js';
import type { Alert, AlertRuleMeta } from '../shared/alert.js';
import type { CorrelationMatch, Correlator } from './correlate.js';

export interface CorrelationContext {
  /** Stable per record across retries (the Kinesis sequence number, an S3 object and line, a fixture's place). */
  origin: string;
  /** Arrival time (ms): the event time of a record that carries none. */
  arrival: number;
  /** An event time given outright (a fixture's `time`). */
  time?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The source and record of the match an alert is made from. */
type Trigger = Pick<
  Alert,
  'log_source' | 'log_type' | 'source_service' | 'source_entity' | 'record'
>;

/**
 * The alert of a correlation that fired; `trigger` is the match that completed it (for
 * absence, the match that started the wait that went unanswered).
 */
export function correlationAlert(m: CorrelationMatch, trigger: Trigger): Alert {
  const c = m.correlation;
  const meta: AlertRuleMeta = {
    ...(c.level !== undefined ? { severity: c.level } : {}),
    ...(c.id !== undefined ? { rule_id: c.id } : {}),
    ...(c.tags && c.tags.length > 0 ? { rule_tags: [...c.tags] } : {}),
    ...(c.references && c.references.length > 0 ? { rule_references: [...c.references] } : {}),
  };
  return createAlert(
    c.name,
    c.description ? `${c.title}: ${c.description}` : c.title,
    trigger.log_source,
    trigger.log_type,
    trigger.source_service,
    trigger.source_entity,
    [...c.outputs],
    {
      correlation: m.absence
        ? {
            type: c.type,
            // The expected rules that did not match; `after` or, without it, the last seen.
            rules: [...c.rules],
            ...(c.after ? { after: [...c.after] } : {}),
            group: m.group,
            started_by: m.absence.source.rule,
            timespan_seconds: c.timespan_s,
            start_event_time: iso(m.first),
            deadline_time: iso(m.absence.due),
          }
        : {
            type: c.type,
            rules: m.rules,
            group: m.group,
            count: m.count,
            events: m.events,
            timespan_seconds: c.timespan_s,
            first_event_time: iso(m.first),
            last_event_time: iso(m.last),
            ...(m.values ? { values: m.values } : {}),
          },
      last_event: trigger.record,
    },
    undefined,
    c.staged === true,
    meta,
  );
}

/**
 * The alerts to send for one record's `alerts`: each match of a referenced rule is counted
 * (in order), its own alert kept only when not suppressed, and correlation alerts added.
 * `fired` is told each correlation alert with its match: the stream calls the match's
 * `sent` once the alert is delivered.
 */
export async function correlateAlerts(
  alerts: readonly Alert[],
  correlator: Correlator,
  where: CorrelationContext,
  fired?: (alert: Alert, match: CorrelationMatch) => void,
): Promise<Alert[]> {
  if (!alerts.some((a) => correlator.referenced.has(a.rule_name))) return [...alerts];
  const out: Alert[] = [];
  for (const a of alerts) {
    if (!correlator.referenced.has(a.rule_name)) {
      out.push(a);
      continue;
    }
    if (!correlator.suppressed(a.rule_name)) out.push(a);
    const matches = await correlator.observe({
      rule: a.rule_name,
      record: a.record,
      id: `${where.origin}\n${a.id}`,
      arrival: where.arrival,
      ...(where.time !== undefined ? { time: where.time } : {}),
      source: {
        log_source: a.log_source,
        log_type: a.log_type,
        source_service: a.source_service,
        source_entity: a.source_entity,
        record: a.record,
      },
    });
    for (const m of matches) {
      const alert = correlationAlert(m, a);
      fired?.(alert, m);
      out.push(alert);
    }
  }
  return out;
}

/**
 * The alerts of absence correlations whose deadline is before `now` (ms): offline, the
 * fixture clock; in the stream, a scheduled tick's wall clock. Each wait alerts once.
 */
export async function absenceAlerts(
  correlator: Correlator,
  now: number,
  fired?: (alert: Alert, match: CorrelationMatch) => void,
): Promise<Alert[]> {
  const out: Alert[] = [];
  for (const m of await correlator.due(now)) {
    const alert = correlationAlert(m, m.absence!.source);
    fired?.(alert, m);
    out.push(alert);
  }
  return out;
}
