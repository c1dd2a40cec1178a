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
 * The subtrees whose hashes make up the audit path PATH(m, D[n]) of RFC 9162 §2.1.3.1, in proof
 * order (from the leaf's sibling up to the root's other child). Pure arithmetic: no hashing.
 * Throws VALIDATION_FAILED unless 0 ≤ leafIndex < treeSize.
 */
export function inclusionPathRanges(leafIndex: number, treeSize: number): SubtreeRange[] {
  assertTreeCount(leafIndex, 'leafIndex');
  assertTreeCount(treeSize, 'treeSize');
  if (leafIndex >= treeSize)
    throw new DomainError('VALIDATION_FAILED', 'the leaf index is not below the tree size', {
      field: 'leafIndex',
    });
  // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])   if m < k
  //               = PATH(m − k, D[k:n]) : MTH(D[0:k]) otherwise
  // Walking down from the root collects the siblings top first; the proof lists them bottom first.
  const ranges: SubtreeRange[] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const split = start + largestPowerOfTwoBelow(end - start);
    if (leafIndex < split) {
      ranges.push({ start: split, end });
      end = split;
    } else {
      ranges.push({ start, end: split });
      start = split;
    }
  }
  return ranges.reverse();
}

/** The audit path of RFC 9162 §2.1.3.1, asking `subtreeHash` for each of its (⌈log2 n⌉ at most) nodes. */
export function inclusionProofFromSubtrees(
  leafIndex: number,
  treeSize: number,
  subtreeHash: SubtreeHashFn,
): Uint8Array[] {
  return inclusionPathRanges(leafIndex, treeSize).map((r) => subtreeHash(r.start, r.end));
}

/**
 * The inclusion proof (audit path) of leaf `leafIndex` in the tree of the first `treeSize` leaves
 * (RFC 9162 §2.1.3.1). O(treeSize) hashes, computing each sibling subtree from the leaf hashes.
 */
export function inclusionProof(
  hash: HashFn,
  leafIndex: number,
  treeSize: number,
  leafHashes: LeafHashSource,
): Uint8Array[] {
  return inclusionProofFromSubtrees(leafIndex, treeSize, subtreeHashFromLeaves(hash, leafHashes, treeSize));
}
