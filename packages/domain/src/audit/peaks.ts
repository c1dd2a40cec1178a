import { emptyRoot, nodeHash, type HashFn } from './hash.js';

// The right edge of a Merkle tree of `size` leaves is a list of perfect subtrees ("peaks"), one per
// set bit of `size`, largest (leftmost) first. Appending a leaf merges equal-sized peaks, like a
// binary counter carrying; folding the peaks right to left gives exactly MTH (RFC 9162 §2.1.1),
// because MTH splits at the largest power of two below n, which is the leftmost peak.

/** Appends `leaf` to the peaks of a tree of `size` leaves, in place. Amortised O(1) hashes. */
export function pushPeak(hash: HashFn, peaks: Uint8Array[], size: number, leaf: Uint8Array): void {
  let node = leaf;
  let carry = size;
  while (carry % 2 === 1) {
    const left = peaks.pop();
    if (left === undefined) throw new Error('peaks do not match the tree size');
    node = nodeHash(hash, left, node);
    carry = (carry - 1) / 2;
  }
  peaks.push(node);
}

/** The Merkle Tree Hash of the tree whose right-edge peaks these are. */
export function foldPeaks(hash: HashFn, peaks: readonly Uint8Array[]): Uint8Array {
  let root = peaks[peaks.length - 1];
  if (root === undefined) return emptyRoot(hash);
  for (let i = peaks.length - 2; i >= 0; i--) root = nodeHash(hash, peaks[i] as Uint8Array, root);
  return root;
}

/** How many peaks a tree of `size` leaves has: the number of set bits of `size`. */
export function peakCount(size: number): number {
  let count = 0;
  for (let s = size; s > 0; s = Math.floor(s / 2)) count += s % 2;
  return count;
}
