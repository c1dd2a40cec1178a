import type { HashFn } from './hash.js';
import { foldPeaks, pushPeak } from './peaks.js';

/**
 * The Merkle Tree Hash MTH(D[n]) over the given leaf hashes (RFC 9162 §2.1.1); the empty tree
 * hashes to HASH(). Iterative, n − 1 node hashes and O(log n) memory, so 100,000+ leaves are fine.
 */
export function rootFromLeafHashes(hash: HashFn, leafHashes: readonly Uint8Array[]): Uint8Array {
  return rootOfRange(hash, (i) => leafHashes[i] as Uint8Array, 0, leafHashes.length);
}

/** MTH(D[start:end]) over leaves read through `leafAt`; the caller guarantees the range exists. */
export function rootOfRange(
  hash: HashFn,
  leafAt: (index: number) => Uint8Array,
  start: number,
  end: number,
): Uint8Array {
  const peaks: Uint8Array[] = [];
  for (let i = start; i < end; i++) pushPeak(hash, peaks, i - start, leafAt(i));
  return foldPeaks(hash, peaks);
}
