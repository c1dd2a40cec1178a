import type { TreeHead } from './tree-head.js';

/** One entry of an exported log: the sequence number read from it, and its exact bytes as logged. */
export interface ExportedEntry {
  /** The entry's own `index` field, as read from `bytes` (its sequence number in the log, from 0). */
  readonly index: number;
  /** The canonical JSON bytes of the entry, exactly as they were hashed into the leaf. */
  readonly bytes: Uint8Array;
}

/**
 * What {@link locateTampering} found. Indices are sequence numbers in the log (the position an
 * entry was signed at); positions are places in the exported list, from 0.
 */
export type TamperFinding =
  /** The entry standing for `index` is not the one the heads (or stored leaf hashes) commit to. */
  | { readonly kind: 'altered'; readonly index: number; readonly position: number }
  /**
   * At least one entry with an index in [fromIndex, toIndex) differs from what was signed; which
   * one cannot be told from the tree heads alone (supply the stored leaf hashes to narrow it).
   */
  | { readonly kind: 'altered-within'; readonly fromIndex: number; readonly toIndex: number }
  /** No exported entry stands for the indices [fromIndex, toIndex), which were logged. */
  | { readonly kind: 'removed'; readonly fromIndex: number; readonly toIndex: number }
  /** An entry that is not part of the log: a forged or replayed copy of an index already present. */
  | { readonly kind: 'inserted'; readonly position: number; readonly index: number }
  /** Several entries claim `index` and the heads could not decide which (if any) is genuine. */
  | { readonly kind: 'duplicated'; readonly index: number; readonly positions: readonly number[] }
  /**
   * The entry is out of sequence relative to its neighbours; `verified` says whether its content
   * was confirmed against the heads (true: moved, not changed; false: could also be an insertion).
   */
  | {
      readonly kind: 'reordered';
      readonly position: number;
      readonly index: number;
      readonly verified: boolean;
    }
  /** Two signed heads of the same size disagree: the log was forked or its key misused. */
  | { readonly kind: 'conflicting-heads'; readonly treeSize: number };

/** How one tree head compares with the exported entries. */
export interface HeadCheck {
  readonly head: TreeHead;
  /** The first `treeSize` entries, in exported order, hash to this head's root. */
  readonly matchesExported: boolean;
  /**
   * The entries put back at their sequence numbers (duplicates resolved, and verified stored leaf
   * hashes standing in for any removed below `leafHashesVerifiedSize`) hash to this root;
   * undefined when that could not be checked (an index is missing, too many duplicate choices, or
   * an earlier head already failed: later heads commit to the same prefix).
   */
  readonly matchesRealigned: boolean | undefined;
}

/** The result of {@link locateTampering}. */
export interface TamperReport {
  /** No findings and every head matches the entries as exported. */
  readonly intact: boolean;
  readonly entryCount: number;
  /** The largest signed tree size: entries from this index on are covered by no head yet. */
  readonly signedSize: number;
  /** The smallest head whose root the exported entries (in exported order) no longer give. */
  readonly firstMismatchingHead: TreeHead | undefined;
  /** Exported positions [0, n) are exactly the signed entries 0 … n − 1. */
  readonly exportedVerifiedSize: number;
  /**
   * Indices [0, n) are authentic once entries are put back at their sequence numbers: each has
   * exactly the bytes that were signed (though perhaps exported out of place).
   */
  readonly realignedVerifiedSize: number;
  /** The stored leaf hashes (if supplied) reproduce every head up to this size; 0 if none. */
  readonly leafHashesVerifiedSize: number;
  /** Every head, ordered by tree size. */
  readonly heads: readonly HeadCheck[];
  /** Ordered by index (or position), then kind. */
  readonly findings: readonly TamperFinding[];
}
