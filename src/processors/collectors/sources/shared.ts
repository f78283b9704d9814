/** What the source adapters share: reading ids and times from events, the base URL. */
import { HttpError } from '../http.js';

/**
 * The API's base URL from a `hostname` setting: a bare host means https; a full URL is
 * taken as it is (the HTTP client refuses anything but https, and http to loopback).
 */
export function baseUrl(hostname: string): string {
  return /^[a-z]+:\/\//i.test(hostname) ? hostname : `https://${hostname}`;
}

export function stringField(source: string, event: unknown, field: string): string {
  const v = (event as Record<string, unknown> | null)?.[field];
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  throw new HttpError(`${source}: an event has no "${field}"`);
}

/** An event time (ISO text, or epoch ms / s when `unit` says so) as epoch ms. */
export function eventTime(
  source: string,
  event: unknown,
  field: string,
  unit: 'iso' | 'ms' | 's' = 'iso',
): number {
  const v = (event as Record<string, unknown> | null)?.[field];
  const t =
    unit === 'iso'
      ? typeof v === 'string'
        ? Date.parse(v)
        : NaN
      : typeof v === 'number'
        ? v * (unit === 's' ? 1000 : 1)
        : NaN;
  if (!Number.isFinite(t)) throw new HttpError(`${source}: an event's "${field}" is not a time`);
  return t;
}
