/**
 * The positions (into `values`) of one longest strictly increasing subsequence, in O(n log n).
 * Used to tell the few entries that were moved from the many that merely shifted: after a removal
 * every later entry sits one place early, but they are still in order; a moved entry is not.
 */
export function longestIncreasingSubsequence(values: readonly number[]): Set<number> {
  // tails[l] = position of the smallest tail value of an increasing run of length l + 1.
  const tails: number[] = [];
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((v, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((values[tails[mid] as number] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out = new Set<number>();
  for (
    let i = tails.length > 0 ? (tails[tails.length - 1] as number) : -1;
    i !== -1;
    i = previous[i] as number
  )
    out.add(i);
  return out;
}
