import { DomainError } from '../errors.js';
import { fromHex, toHex } from './bytes.js';
import type { HashFn } from './hash.js';
import { foldPeaks, peakCount, pushPeak } from './peaks.js';
import { assertTreeCount } from './tree-size.js';

/** The persisted form of a {@link MerkleFrontier}: the tree size and its peaks in lowercase hex. */
export interface MerkleFrontierState {
  readonly size: number;
  /** Right-edge peaks, largest (leftmost) subtree first; one per set bit of `size`. */
  readonly peaks: readonly string[];
}

/**
 * The compact state of an append-only Merkle tree: its size and the hashes of the perfect subtrees
 * along its right edge (O(log n) of them), which is all that is needed to append further leaves
 * and to compute the current root, without keeping the leaves in memory. Known elsewhere as a
 * compact range [0, size) or a Merkle mountain range.
 *
 * Immutable: `append` returns a new frontier, so a store can compute the next state, persist it
 * in the same transaction as the entry, and keep the old one if that transaction fails.
 */
export class MerkleFrontier {
  private constructor(
    private readonly hash: HashFn,
    /** Number of leaves in the tree. */
    readonly size: number,
    private readonly peakHashes: readonly Uint8Array[],
  ) {}

  /** The frontier of the empty tree. */
  static empty(hash: HashFn): MerkleFrontier {
    return new MerkleFrontier(hash, 0, []);
  }

  /** The frontier of the tree over these leaf hashes (O(n) hashes). */
  static fromLeafHashes(hash: HashFn, leafHashes: readonly Uint8Array[]): MerkleFrontier {
    const peaks: Uint8Array[] = [];
    leafHashes.forEach((leaf, i) => pushPeak(hash, peaks, i, leaf));
    return new MerkleFrontier(hash, leafHashes.length, peaks);
  }

  /**
   * Restores a persisted frontier. Throws VALIDATION_FAILED when the number of peaks does not
   * match the size (one per set bit) or a peak is not lowercase hex; it cannot tell a well-formed
   * but wrong peak, which will show as a root that no longer matches the signed tree heads.
   */
  static fromState(hash: HashFn, state: MerkleFrontierState): MerkleFrontier {
    assertTreeCount(state.size, 'size');
    if (state.peaks.length !== peakCount(state.size))
      throw new DomainError('VALIDATION_FAILED', 'the number of peaks does not match the tree size', {
        field: 'peaks',
      });
    const peaks = state.peaks.map((p, i) => fromHex(p, `peaks[${i}]`));
    return new MerkleFrontier(hash, state.size, peaks);
  }

  /** The right-edge peaks, largest (leftmost) subtree first. */
  get peaks(): readonly Uint8Array[] {
    return this.peakHashes;
  }

  /** The frontier after appending one leaf hash (amortised O(1) hashes, O(log n) copy). */
  append(leafHash: Uint8Array): MerkleFrontier {
    const peaks = [...this.peakHashes];
    pushPeak(this.hash, peaks, this.size, leafHash);
    return new MerkleFrontier(this.hash, this.size + 1, peaks);
  }

  /** The frontier after appending several leaf hashes in order. */
  appendAll(leafHashes: readonly Uint8Array[]): MerkleFrontier {
    const peaks = [...this.peakHashes];
    leafHashes.forEach((leaf, i) => pushPeak(this.hash, peaks, this.size + i, leaf));
    return new MerkleFrontier(this.hash, this.size + leafHashes.length, peaks);
  }

  /** The Merkle Tree Hash of the tree, equal to `rootFromLeafHashes` over all its leaves. */
  root(): Uint8Array {
    return foldPeaks(this.hash, this.peakHashes);
  }

  /** The persistable form (peaks in lowercase hex). */
  toState(): MerkleFrontierState {
    return { size: this.size, peaks: this.peakHashes.map(toHex) };
  }

  /** JSON.stringify support: the same as {@link MerkleFrontier.toState}. */
  toJSON(): MerkleFrontierState {
    return this.toState();
  }
}
