import { DomainError } from '../errors.js';
import type { HashFn } from './hash.js';
import { rootOfRange } from './root-from-leaf-hashes.js';

/** A half-open range of leaf indices [start, end) whose Merkle Tree Hash a proof needs. */
export interface SubtreeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Answers MTH(D[start:end]) for 0 ≤ start < end ≤ tree size. A store can answer it from stored
 * leaf hashes (or from cached interior nodes for power-of-two aligned ranges) without loading the
 * whole log; callers with asynchronous storage fetch the ranges listed by `inclusionPathRanges` /
 * `consistencyProofRanges` first and answer from those.
 */
export type SubtreeHashFn = (start: number, end: number) => Uint8Array;

/** Leaf hashes given as an array, or read one at a time through a getter. */
export type LeafHashSource = readonly Uint8Array[] | ((index: number) => Uint8Array);

/**
 * A {@link SubtreeHashFn} computing each range from the leaf hashes (O(end − start) hashes), for
 * trees of `treeSize` leaves. Throws VALIDATION_FAILED if an array holds fewer than `treeSize`.
 */
export function subtreeHashFromLeaves(hash: HashFn, leaves: LeafHashSource, treeSize: number): SubtreeHashFn {
  if (typeof leaves !== 'function' && leaves.length < treeSize)
    throw new DomainError('VALIDATION_FAILED', 'fewer leaf hashes than the tree size', {
      field: 'leafHashes',
    });
  const leafAt = typeof leaves === 'function' ? leaves : (i: number) => leaves[i] as Uint8Array;
  return (start, end) => rootOfRange(hash, leafAt, start, end);
}
