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

/** The alert of a correlation that fired; `trigger` is the match that completed it. */
export function correlationAlert(m: CorrelationMatch, trigger: Alert): Alert {
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
      correlation: {
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
    });
    for (const m of matches) {
      const alert = correlationAlert(m, a);
      fired?.(alert, m);
      out.push(alert);
    }
  }
  return out;
}
