/**
 * Size accounting for the comment. GitHub caps a comment at 65,536 characters and a job
 * summary at 1 MiB of bytes, so the renderer measures with a function it is given: string
 * length for comments, UTF-8 bytes for the summary.
 */

export type Measure = (text: string) => number;

/** JS string length (UTF-16 code units): never less than the characters GitHub counts. */
export const utf16Length: Measure = (text) => text.length;

/** UTF-8 bytes: what the job summary's 1 MiB limit counts. */
export const utf8Bytes: Measure = (text) => Buffer.byteLength(text, 'utf8');

export interface Demand {
  /** The smallest rendering of the item (its one-line form). */
  min: number;
  /** The item rendered in full. */
  full: number;
}

/**
 * Splits `budget` among items: every item first gets its minimum, then the spare is
 * water-filled — items are visited from the smallest extra need up, and each takes what it
 * needs or an equal share of what is left, whichever is less. Small plans (no-change
 * clusters, short errors) are therefore always shown whole, and the rest is split evenly
 * among the big ones, so one huge cluster cannot starve the others: every reviewer sees
 * the start of every plan. Returns undefined when not even the minimums fit.
 */
export function shareBudget(demands: readonly Demand[], budget: number): number[] | undefined {
  const minTotal = demands.reduce((sum, d) => sum + d.min, 0);
  if (minTotal > budget) return undefined;
  const alloc = demands.map((d) => d.min);
  const extra = (i: number): number => Math.max(0, demands[i]!.full - demands[i]!.min);
  // Ties keep input order, so the same report always gets the same split.
  const order = demands.map((_, i) => i).sort((a, b) => extra(a) - extra(b) || a - b);
  let spare = budget - minTotal;
  let left = order.length;
  for (const i of order) {
    const give = Math.min(extra(i), Math.floor(spare / left));
    alloc[i]! += give;
    spare -= give;
    left -= 1;
  }
  return alloc;
}

/** How many leading lines (each followed by a newline) fit in `budget`. */
export function fitLines(lines: readonly string[], budget: number, measure: Measure): number {
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    used += measure(lines[i]!) + 1;
    if (used > budget) return i;
  }
  return lines.length;
}
