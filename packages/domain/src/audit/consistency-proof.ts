import { DomainError } from '../errors.js';
import type { HashFn } from './hash.js';
import {
  subtreeHashFromLeaves,
  type LeafHashSource,
  type SubtreeHashFn,
  type SubtreeRange,
} from './subtree.js';
import { assertTreeCount, largestPowerOfTwoBelow } from './tree-size.js';

/**
 * The subtrees whose hashes make up the consistency proof PROOF(m, D[n]) of RFC 9162 §2.1.4.1, in
 * proof order. Pure arithmetic: no hashing. For m = n and for m = 0 the proof is empty (the RFC
 * defines PROOF for 0 < m < n only; an empty tree and an unchanged tree need no proof).
 * Throws VALIDATION_FAILED unless 0 ≤ oldSize ≤ newSize.
 */
export function consistencyProofRanges(oldSize: number, newSize: number): SubtreeRange[] {
  assertTreeCount(oldSize, 'oldSize');
  assertTreeCount(newSize, 'newSize');
  if (oldSize > newSize)
    throw new DomainError('VALIDATION_FAILED', 'the old tree size exceeds the new one', { field: 'oldSize' });
  if (oldSize === 0) return [];
  // SUBPROOF(m, D[n], b):
  //   m = n: [] if b, else [MTH(D[n])]
  //   m ≤ k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
  //   m > k: SUBPROOF(m − k, D[k:n], false) : MTH(D[0:k])
  // Walking down collects the top nodes first; the proof lists them bottom first.
  const ranges: SubtreeRange[] = [];
  let start = 0;
  let end = newSize;
  let m = oldSize;
  let oldRootIsKnown = true; // the b of SUBPROOF: the old tree's root is the verifier's own hash
  while (m !== end - start) {
    const k = largestPowerOfTwoBelow(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      oldRootIsKnown = false;
    }
  }
  if (!oldRootIsKnown) ranges.push({ start, end });
  return ranges.reverse();
}

/** The consistency proof of RFC 9162 §2.1.4.1, asking `subtreeHash` for each of its nodes. */
export function consistencyProofFromSubtrees(
  oldSize: number,
  newSize: number,
  subtreeHash: SubtreeHashFn,
): Uint8Array[] {
  return consistencyProofRanges(oldSize, newSize).map((r) => subtreeHash(r.start, r.end));
}

/**
 * The consistency proof between the trees of the first `oldSize` and the first `newSize` leaves
 * (RFC 9162 §2.1.4.1). O(newSize) hashes, computing each subtree from the leaf hashes.
 */
export function consistencyProof(
  hash: HashFn,
  oldSize: number,
  newSize: number,
  leafHashes: LeafHashSource,
): Uint8Array[] {
  return consistencyProofFromSubtrees(oldSize, newSize, subtreeHashFromLeaves(hash, leafHashes, newSize));
}
