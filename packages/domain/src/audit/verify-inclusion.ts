import { bytesEqual } from './bytes.js';
import { nodeHash, type HashFn } from './hash.js';
import { half, isTreeCount, lsb } from './tree-size.js';

/**
 * The root an inclusion proof leads to, by the algorithm of RFC 9162 §2.1.3.2 (steps 1 to 4 and
 * the check that sn reaches 0), or undefined when the proof is malformed for these index and size.
 * Useful to compare one proof against several tree heads; otherwise use {@link verifyInclusion}.
 */
export function rootFromInclusionProof(
  hash: HashFn,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  // 1. leaf_index must be below tree_size.
  if (!isTreeCount(leafIndex) || !isTreeCount(treeSize) || leafIndex >= treeSize) return undefined;
  // 2. fn = leaf_index, sn = tree_size − 1.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // 3. r = hash.
  let r = leafHash;
  // 4. For each p in inclusion_path:
  for (const p of proof) {
    // a. sn = 0 with path left over: fail.
    if (sn === 0) return undefined;
    // b. A right child (LSB(fn)) or the last node of its level (fn = sn): p is on the left.
    if (lsb(fn) || fn === sn) {
      r = nodeHash(hash, p, r);
      // ii. Skip the levels where this node has no right sibling.
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0)) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(hash, r, p);
    }
    // c. Up one level.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. (first half) sn must be 0: the path was exactly long enough.
  return sn === 0 ? r : undefined;
}

/**
 * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2 prescribes: true only when the proof
 * leads from `leafHash` at `leafIndex` to `root` for a tree of `treeSize` leaves. Never throws:
 * malformed input (sizes, index out of range, wrong path length) is simply `false`.
 *
 * Take `treeSize` and `root` together from one verified signed tree head: proof elements do not
 * say whether they are leaves or subtrees, so the algorithm binds the size only through the root
 * (a proof for size 3 also passes as size 4 if handed the size-3 root, a pair no honest head has).
 */
export function verifyInclusion(
  hash: HashFn,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(hash, leafIndex, treeSize, leafHash, proof);
  // 5. (second half) r must equal root_hash.
  return computed !== undefined && bytesEqual(computed, root);
}
