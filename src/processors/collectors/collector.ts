/**
 * One collector invocation: take the checkpoint's lease, read the credential, read the
 * source from the watermark minus the overlap window up to now, send what was not sent
 * before to Kinesis, and move the checkpoint forward after every batch, until the source has
 * nothing more or the time budget ends.
 *
 * What "nothing lost, nothing twice" rests on:
 * - The source returns events oldest first. The watermark only moves to the last event of
 *   the longest prefix Kinesis accepted, so every event older than the watermark was sent.
 * - Each read starts `overlapMs` before the watermark, so an event the API shows late (its
 *   time already behind the watermark) is still read when it is at most that late; the ids
 *   sent inside the window are kept with the checkpoint and skipped when read again.
 * - A stop anywhere (time budget, a 429 longer than the budget, a failure, a restart in the
 *   middle of a page) leaves the checkpoint at the last batch Kinesis accepted; the next
 *   invocation reads from there and skips what it already sent.
 * - The one window this cannot close: the process killed after PutRecords succeeded and
 *   before the checkpoint write (milliseconds). Those records are sent again; Kinesis has no
 *   idempotent write (docs/collectors.md#delivery-guarantees).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../shared/logger.js';
import {
  type Checkpoint,
  type CheckpointStore,
  LeaseLostError,
  pruneSeen,
  seenKey,
} from './checkpoint.js';
import {
  createHttpClient,
  type HttpOptions,
  type HttpStats,
  OutOfTimeError,
  UnauthorizedError,
} from './http.js';
import type { RecordSink } from './kinesis.js';
import { type CollectedEvent, type CollectorSource, PermanentError } from './source.js';

export interface CollectorOptions {
  /** The collector's name: its checkpoint key and its log lines' `collector`. */
  readonly name: string;
  readonly source: CollectorSource;
  readonly settings: Readonly<Record<string, string>>;
  readonly store: CheckpointStore;
  readonly sink: RecordSink;
  /** Reads the credential (SSM or Secrets Manager) afresh: each invocation, and after a 401. */
  readonly readCredential: () => Promise<string>;
  readonly logger: Logger;
  /** How far before the watermark each read starts (late events, de-duplicated). */
  readonly overlapMs: number;
  /** How far back the very first read goes. */
  readonly initialLookbackMs: number;
  /** How long the lease holds: longer than the function's timeout. */
  readonly leaseMs: number;
  /** Records per Kinesis write and checkpoint (default 500). */
  readonly batchSize?: number;
  readonly now?: () => number;
  readonly http?: Omit<HttpOptions, 'deadline' | 'now' | 'stats'>;
}

export type RunStatus = 'done' | 'out-of-time' | 'busy';

export interface RunResult {
  readonly status: RunStatus;
  readonly delivered: number;
  readonly duplicatesSkipped: number;
  /** Events read whose time was already behind the watermark (caught by the overlap). */
  readonly lateEvents: number;
  /** How far behind now the collected data is, ms. */
  readonly lagMs: number;
  readonly watermark?: number;
}

/** Runs one invocation; `deadline` is the epoch ms by which it must have stopped. */
export async function runCollector(o: CollectorOptions, deadline: number): Promise<RunResult> {
  const now = o.now ?? Date.now;
  const log = (m: string, f?: Record<string, unknown>) =>
    o.logger.info(m, { collector: o.name, ...f });
  for (const s of o.source.requiredSettings)
    if (!o.settings[s])
      throw new PermanentError(`collector ${o.name} (${o.source.type}) has no setting "${s}"`);

  const owner = randomUUID();
  const cp = await o.store.acquire(owner, o.leaseMs);
  if (!cp) {
    log('another invocation holds the checkpoint lease; nothing to do');
    return { status: 'busy', delivered: 0, duplicatesSkipped: 0, lateEvents: 0, lagMs: 0 };
  }
  const stats: HttpStats = { requests: 0, rateLimited: 0, retries: 0 };
  const http = createHttpClient({ ...o.http, deadline, now, stats });
  const batchSize = o.batchSize ?? 500;
  let delivered = 0;
  let duplicates = 0;
  let late = 0;
  let seenDropped = 0;
  let status: RunStatus = 'done';
  let until = 0;
  try {
    let credential = await o.readCredential();
    let reread = false;
    for (;;) {
      const start = now();
      until = start - (o.source.delayMs ?? 0);
      const since =
        cp.watermark === undefined ? start - o.initialLookbackMs : cp.watermark - o.overlapMs;
      try {
        for await (const page of o.source.pages({
          since,
          until,
          credential,
          settings: o.settings,
          http,
        })) {
          const fresh: CollectedEvent[] = [];
          const inPage = new Set<string>();
          for (const e of page.events) {
            const key = seenKey(e.id);
            if (cp.seen.has(key) || inPage.has(key)) {
              duplicates++;
              continue;
            }
            inPage.add(key);
            if (cp.watermark !== undefined && e.time < cp.watermark) late++;
            fresh.push(e);
          }
          for (let i = 0; i < fresh.length; i += batchSize) {
            // The checkpoint write after the batch needs time too: stop while there is some.
            if (now() >= deadline) throw new OutOfTimeError('the time budget ended mid-page');
            const batch = fresh.slice(i, i + batchSize);
            let sent: number;
            try {
              sent = await deliver(o.sink, batch, cp);
            } catch (err) {
              // What Kinesis took is recorded before the failure goes up.
              if (err instanceof PartialDeliveryError && err.accepted > 0) {
                delivered += err.accepted;
                pruneSeen(cp.seen, cp.watermark ?? since, o.overlapMs);
                await o.store.save(owner, cp);
              }
              throw err;
            }
            delivered += sent;
            seenDropped += pruneSeen(cp.seen, cp.watermark ?? since, o.overlapMs);
            await o.store.save(owner, cp);
          }
        }
        break;
      } catch (err) {
        if (err instanceof UnauthorizedError && !reread) {
          // Rotated mid-run: read it again once and read the window again from the checkpoint.
          reread = true;
          log('credential refused; reading it again (rotation?)');
          credential = await o.readCredential();
          continue;
        }
        throw err;
      }
    }
  } catch (err) {
    if (!(err instanceof OutOfTimeError)) {
      o.logger.metric('CollectorErrors', 1);
      throw err;
    }
    status = 'out-of-time';
    log('stopping at the last checkpoint: the time budget ends', { reason: err.message });
  } finally {
    o.logger.metric('CollectorRecords', delivered);
    o.logger.metric('CollectorDuplicatesSkipped', duplicates);
    o.logger.metric('CollectorLateEvents', late);
    o.logger.metric('CollectorRateLimited', stats.rateLimited);
    if (seenDropped > 0) {
      o.logger.metric('CollectorSeenDropped', seenDropped);
      o.logger.warn('the overlap window holds more ids than the checkpoint keeps', {
        collector: o.name,
        dropped: seenDropped,
      });
    }
    await o.store.release(owner).catch((e: unknown) =>
      o.logger.warn('could not release the lease (it expires by itself)', {
        collector: o.name,
        error: (e as Error)?.message,
      }),
    );
  }
  // Done: collected through `until`; stopped early: through the watermark.
  const through = status === 'done' ? until : (cp.watermark ?? until);
  const lagMs = Math.max(0, now() - through);
  o.logger.metric('CollectorLagSeconds', Math.round(lagMs / 1000));
  o.logger.metric('CollectorSuccessfulPoll', 1);
  log('poll finished', {
    status,
    delivered,
    duplicates_skipped: duplicates,
    late_events: late,
    requests: stats.requests,
    rate_limited: stats.rateLimited,
    retries: stats.retries,
  });
  return {
    status,
    delivered,
    duplicatesSkipped: duplicates,
    lateEvents: late,
    lagMs,
    watermark: cp.watermark,
  };
}

/**
 * Sends one batch and records in `cp` what Kinesis accepted, also when the send fails part
 * way: every accepted id joins the seen set; the watermark moves to the last event of the
 * accepted prefix only. Returns how many were accepted, or rethrows after recording.
 */
async function deliver(
  sink: RecordSink,
  batch: readonly CollectedEvent[],
  cp: Checkpoint,
): Promise<number> {
  const accepted = new Set<CollectedEvent>();
  let failure: unknown;
  try {
    await sink.put(batch, (e) => accepted.add(e));
  } catch (err) {
    failure = err;
  }
  for (const e of batch) {
    if (!accepted.has(e)) break;
    cp.watermark = Math.max(cp.watermark ?? e.time, e.time);
  }
  for (const e of accepted) cp.seen.set(seenKey(e.id), e.time);
  if (failure !== undefined) {
    // The caller's save must still happen: surface the failure after it.
    throw new PartialDeliveryError(failure, accepted.size);
  }
  return accepted.size;
}

/** A batch Kinesis took only part of: what it took is in the checkpoint object. */
export class PartialDeliveryError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly accepted: number,
  ) {
    super(
      `Kinesis took ${accepted} record(s) of a batch, then failed: ${(cause as Error)?.message ?? String(cause)}`,
    );
  }
}

export { LeaseLostError };
