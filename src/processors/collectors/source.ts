/**
 * What a collector source is: an adapter that turns one time window of a SaaS API into
 * pages of events, each with its id and time. The collector core (collector.ts) owns
 * everything the APIs share: the checkpoint, the overlap window and de-duplication, rate
 * limits, retries, the time budget and the writes to Kinesis. An adapter only knows its API's
 * URLs, authentication and paging.
 */
import type { HttpClient } from './http.js';

/** One event as collected: `record` goes to Kinesis as JSON. */
export interface CollectedEvent {
  /** The API's own event id (de-duplication key). */
  readonly id: string;
  /** The event's time in epoch milliseconds (the checkpoint's watermark follows it). */
  readonly time: number;
  readonly record: unknown;
}

export interface Page {
  readonly events: readonly CollectedEvent[];
}

export interface PageQuery {
  /** Inclusive start of the window, epoch ms (the watermark minus the overlap). */
  readonly since: number;
  /** End of the window, epoch ms (now, less the source's own delay). */
  readonly until: number;
  /** The secret as stored in SSM or Secrets Manager; the adapter parses it. */
  readonly credential: string;
  /** The collector's non-secret settings (base URL, organization, ...). */
  readonly settings: Readonly<Record<string, string>>;
  readonly http: HttpClient;
}

export interface CollectorSource {
  /** The `type` of a collector in the cluster file, e.g. "okta". */
  readonly type: string;
  /** The log type (conf/logs.json) its records classify as; `logTypeOf` when several. */
  readonly logTypes: readonly string[];
  /** How far behind now the API's data is complete (Duo: two minutes), in ms. */
  readonly delayMs?: number;
  /** Settings the collector needs, each checked at start (never secrets). */
  readonly requiredSettings: readonly string[];
  /**
   * Settings with a known shape (a JSON schema `pattern` and what to say when it fails):
   * checked in the cluster file, so a typo is named there rather than failing every poll.
   */
  readonly settingPatterns?: Readonly<Record<string, { pattern: string; message: string }>>;
  /**
   * The events from `since` to `until`, oldest first (the checkpoint relies on that order),
   * one page at a time. Pages are fetched lazily: the core stops asking when its budget ends.
   */
  pages(q: PageQuery): AsyncIterable<Page>;
}

/** A problem a retry cannot fix (bad credential format, missing setting): fail loudly. */
export class PermanentError extends Error {}

/** Parses the credential as JSON with the named string fields, never echoing its value. */
export function credentialFields<K extends string>(
  source: string,
  raw: string,
  fields: readonly K[],
): Record<K, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new PermanentError(
      `${source}: the credential is not JSON (expected fields ${fields.join(', ')})`,
    );
  }
  const out = {} as Record<K, string>;
  for (const f of fields) {
    const v = (parsed as Record<string, unknown> | null)?.[f];
    if (typeof v !== 'string' || v === '')
      throw new PermanentError(`${source}: the credential has no string field "${f}"`);
    out[f] = v;
  }
  return out;
}
