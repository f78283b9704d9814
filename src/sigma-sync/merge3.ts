/**
 * A three-way merge of text by lines (diff3): the changes from `base` to `ours` and from
 * `base` to `theirs` are combined where they touch different lines; where both changed
 * the same lines differently, it is a conflict and no text is made — a rule file with
 * conflict markers would not parse, so the caller keeps its own version and lists it.
 */

/** Past this many line pairs (base × side) the merge is not tried: it reports a conflict. */
export const MAX_MERGE_CELLS = 16_000_000;

export type MergeResult = { clean: true; text: string } | { clean: false; reason: string };

/** For each line of `a`, the index of its matched line in `b` (a longest common subsequence), or -1. */
function matches(a: readonly string[], b: readonly string[]): Int32Array {
  const n = a.length;
  const m = b.length;
  // lengths[i][j]: LCS length of a[i..] and b[j..], one row at a time from the end.
  const table = new Uint32Array((n + 1) * (m + 1));
  const w = m + 1;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i * w + j] =
        a[i] === b[j]
          ? table[(i + 1) * w + j + 1]! + 1
          : Math.max(table[(i + 1) * w + j]!, table[i * w + j + 1]!);
  const out = new Int32Array(n).fill(-1);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out[i++] = j++;
    } else if (table[(i + 1) * w + j]! >= table[i * w + j + 1]!) i++;
    else j++;
  }
  return out;
}

const same = (x: readonly string[], y: readonly string[]): boolean =>
  x.length === y.length && x.every((line, k) => line === y[k]);

export function merge3(base: string, ours: string, theirs: string): MergeResult {
  if (ours === theirs) return { clean: true, text: ours };
  if (ours === base) return { clean: true, text: theirs };
  if (theirs === base) return { clean: true, text: ours };
  const b = base.split('\n');
  const o = ours.split('\n');
  const t = theirs.split('\n');
  if (b.length * Math.max(o.length, t.length) > MAX_MERGE_CELLS)
    return { clean: false, reason: 'too large to merge line by line' };
  const mo = matches(b, o);
  const mt = matches(b, t);
  const out: string[] = [];
  let bi = 0;
  let oi = 0;
  let ti = 0;
  for (;;) {
    // The next base line both sides kept: everything before it is one chunk.
    let k = bi;
    while (k < b.length && (mo[k]! < 0 || mt[k]! < 0)) k++;
    const oEnd = k < b.length ? mo[k]! : o.length;
    const tEnd = k < b.length ? mt[k]! : t.length;
    const bc = b.slice(bi, k);
    const oc = o.slice(oi, oEnd);
    const tc = t.slice(ti, tEnd);
    if (same(oc, bc)) out.push(...tc);
    else if (same(tc, bc) || same(oc, tc)) out.push(...oc);
    else
      return {
        clean: false,
        reason: `both sides changed line ${bi + 1}${k - bi > 1 ? `-${k}` : ''} of the last synced version`,
      };
    if (k >= b.length) break;
    out.push(b[k]!);
    bi = k + 1;
    oi = oEnd + 1;
    ti = tEnd + 1;
  }
  return { clean: true, text: out.join('\n') };
}
