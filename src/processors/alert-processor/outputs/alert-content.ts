/**
 * What every credential output sends about an alert: the rule, its description, the record
 * and the rule's context (StreamAlert's `context`, keyed by service, e.g.
 * `{"pagerduty-incident": {"assigned_user": ...}, "carbonblack": {"action": "ban", ...}}`).
 */
import type { Alert } from '../../shared/alert.js';

type Context = Record<string, unknown>;

/** The alert's whole context, when the alert carries one (rules that set none send none). */
export function alertContext(alert: Alert): Context | undefined {
  const context = (alert as Alert & { context?: unknown }).context;
  return context && typeof context === 'object' && !Array.isArray(context)
    ? (context as Context)
    : undefined;
}

/** The part of the context meant for one service (`context[service]`), or {}. */
export function serviceContext(alert: Alert, service: string): Context {
  const part = alertContext(alert)?.[service];
  return part && typeof part === 'object' && !Array.isArray(part) ? (part as Context) : {};
}

/** The record (and context, when there is one) as indented JSON, with keys sorted so the text is stable. */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys, 2);
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value as object)
      .sort()
      .map((k) => [k, (value as Record<string, unknown>)[k]]),
  );
}

/** `text` cut to `max` characters, saying so at the end. */
export function cut(text: string, max: number): string {
  const note = '\n... (cut)';
  return text.length <= max ? text : `${text.slice(0, max - note.length)}${note}`;
}
