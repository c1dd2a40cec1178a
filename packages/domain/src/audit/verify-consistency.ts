import { bytesEqual } from './bytes.js';
import { emptyRoot, nodeHash, type HashFn } from './hash.js';
import { half, isPowerOfTwo, isTreeCount, lsb } from './tree-size.js';

/**
 * Verifies a consistency proof: true only when the tree of `newSize` leaves with root `newRoot`
 * is an append-only extension of the tree of `oldSize` leaves with root `oldRoot`.
 *
 * For 0 < oldSize < newSize this is exactly the algorithm of RFC 9162 §2.1.4.2. The RFC leaves
 * two cases outside it, decided here as the CT reference implementations do: equal sizes are
 * consistent iff the proof is empty and the roots are equal; an empty old tree is consistent with
 * anything iff the proof is empty and `oldRoot` is the empty tree's hash. Never throws.
 *
 * Take each size together with its root from one verified signed tree head: the algorithm binds a
 * size only through its root (see `verifyInclusion`).
 */
export function verifyConsistency(
  hash: HashFn,
  oldSize: number,
  newSize: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isTreeCount(oldSize) || !isTreeCount(newSize) || oldSize > newSize) return false;
  if (oldSize === newSize) return proof.length === 0 && bytesEqual(oldRoot, newRoot);
  if (oldSize === 0) return proof.length === 0 && bytesEqual(oldRoot, emptyRoot(hash));

  // 1. An empty consistency_path fails.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3. fn = first − 1, sn = second − 1.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4. If LSB(fn), shift both right until LSB(fn) is not set.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5. fr = sr = the first value of the path.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // 6. For each subsequent value c:
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    // a. sn = 0 with path left over: fail.
    if (sn === 0) return false;
    // b. c is a left sibling for both trees…
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(hash, c, fr);
      sr = nodeHash(hash, c, sr);
      // iii. Skip the levels where the old tree's node has no right sibling.
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      // … or a right sibling in the new tree only.
      sr = nodeHash(hash, sr, c);
    }
    // c. Up one level.
    fn = half(fn);
    sn = half(sn);
  }
  // 7. fr = first_hash, sr = second_hash, and sn = 0.
  return bytesEqual(fr, oldRoot) && bytesEqual(sr, newRoot) && sn === 0;
}
