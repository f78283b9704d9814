/**
 * Reading an API that only answers newest first (Google Workspace Reports, Slack audit logs)
 * for a core that needs oldest first.
 *
 * Why not simply reverse each page: the first page of a newest-first read is the newest end of
 * the window. Sent as it comes, the checkpoint's watermark would jump to the window's newest
 * event before the older pages were read, and a poll stopped by its time budget (or a crash)
 * between pages would lose everything older than the watermark and outside the overlap. So a
 * window is read whole, sorted oldest first, and only then handed to the core.
 *
 * What bounds memory: a read holds at most `maxEvents` events. A window with more is split:
 * its first half is tried instead (the read so far is dropped), and so on until a slice fits;
 * after a slice that fits, the next one starts where it ended, as wide as the last one (twice
 * as wide when it held under a quarter of the limit). A quiet stretch costs one request a
 * slice; a backlog costs about one dropped read per halving on top of reading it once.
 *
 * The contract kept: every event the core receives is older than or as old as every event it
 * receives after it, so the watermark never passes an event that was not yet sent.
 */
import { HttpError } from '../http.js';
import type { CollectedEvent, Page } from '../source.js';

export interface NewestFirstOptions {
  /** Inclusive start of the window, epoch ms. */
  readonly since: number;
  /** Inclusive end of the window, epoch ms. */
  readonly until: number;
  /** The API's time resolution in ms (Slack: 1000, Google: 1): slices start on a multiple of it. */
  readonly granularityMs: number;
  /** Most events one slice may hold. */
  readonly maxEvents: number;
  /** Events handed to the core at a time. */
  readonly pageSize: number;
  /**
   * Every event with `from <= time <= to` (any order), or `undefined` as soon as there are
   * more than `max` of them. `max` is Infinity for a slice that cannot be split further.
   */
  readSlice(from: number, to: number, max: number): Promise<CollectedEvent[] | undefined>;
}

const byTimeThenId = (a: CollectedEvent, b: CollectedEvent) =>
  a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function* oldestFirst(o: NewestFirstOptions): AsyncIterable<Page> {
  const g = o.granularityMs;
  let from = Math.floor(o.since / g) * g;
  const end = Math.floor(o.until / g) * g;
  // The first try is the whole window: one request a poll when it is quiet.
  let width = end - from + g;
  while (from <= end) {
    const to = Math.min(end, from + width - g);
    const splittable = to > from;
    const events = await o.readSlice(from, to, splittable ? o.maxEvents : Infinity);
    if (events === undefined) {
      if (!splittable) throw new HttpError('a slice of one time unit answered over its limit');
      width = Math.max(g, Math.floor((to - from + g) / 2 / g) * g);
      continue;
    }
    const inSlice = events.filter((e) => e.time >= from && e.time <= to).sort(byTimeThenId);
    for (let i = 0; i < inSlice.length; i += o.pageSize)
      yield { events: inSlice.slice(i, i + o.pageSize) };
    const used = to - from + g;
    from = to + g;
    width = inSlice.length < o.maxEvents / 4 ? used * 2 : used;
  }
}
