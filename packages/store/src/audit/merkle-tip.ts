import { DomainError, hashToHex, MerkleFrontier, nodeHash, type HashFn } from '@tongban/domain';

/**
 * Subtrees of 2^TILE_LEVEL = 256 leaves and up are stored once complete (`audit_node`), so that a
 * proof reads O(log n) node rows plus at most a few hundred leaf hashes, never the whole log.
 */
export const TILE_LEVEL = 8;

/** A complete subtree over leaves [start, start + 2^level), aligned to its own size. */
export interface SubtreeNode {
  readonly level: number;
  readonly start: number;
  readonly hash: Uint8Array;
}

/** The durable tip of the log: its size, the right-edge peaks, and the time of its last entry. */
export interface AuditTip {
  readonly size: number;
  /** Largest (leftmost) subtree first, one per set bit of `size`, as in MerkleFrontier. */
  readonly peaks: readonly Uint8Array[];
  readonly lastTime: Date | undefined;
}

/** The tip of a log with no entries. */
export const emptyTip: AuditTip = { size: 0, peaks: [], lastTime: undefined };

/**
 * The peaks after appending `leaves` to a tree of `size` leaves with the given peaks, and every
 * aligned subtree of at least 2^minLevel leaves that the appends completed. The merging is that of
 * MerkleFrontier (a binary counter carrying: equal peaks merge); it is spelled out here only to
 * catch the interior nodes on the way, and the tests hold it to MerkleFrontier's roots.
 */
export function appendLeaves(
  hash: HashFn,
  size: number,
  peaks: readonly Uint8Array[],
  leaves: readonly Uint8Array[],
  minLevel = TILE_LEVEL,
): { peaks: Uint8Array[]; nodes: SubtreeNode[] } {
  const out = [...peaks];
  const nodes: SubtreeNode[] = [];
  leaves.forEach((leaf, i) => {
    const end = size + i + 1; // the tree size once this leaf is in
    let node = leaf;
    let carry = size + i;
    let level = 0;
    while (carry % 2 === 1) {
      const left = out.pop();
      if (left === undefined) throw new Error('the peaks do not match the tree size');
      node = nodeHash(hash, left, node);
      carry = (carry - 1) / 2;
      level++;
      if (level >= minLevel) nodes.push({ level, start: end - 2 ** level, hash: node });
    }
    out.push(node);
  });
  return { peaks: out, nodes };
}

/** The Merkle Tree Hash of the tip (the domain's MerkleFrontier folds the peaks). */
export function tipRoot(hash: HashFn, tip: AuditTip): Uint8Array {
  return MerkleFrontier.fromState(hash, { size: tip.size, peaks: tip.peaks.map(hashToHex) }).root();
}

/** The peaks as stored: concatenated, largest first. */
export function encodePeaks(peaks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(peaks.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of peaks) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The stored peaks back as a list, checked against the size (one peak per set bit, `hashSize`
 * bytes each); a mismatch means the frontier row was damaged, and the log refuses to go on.
 */
export function decodePeaks(bytes: Uint8Array, size: number, hashSize: number): Uint8Array[] {
  const peaks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += hashSize) peaks.push(bytes.slice(at, at + hashSize));
  let expected = 0;
  for (let s = size; s > 0; s = Math.floor(s / 2)) expected += s % 2;
  if (bytes.length !== peaks.length * hashSize || peaks.length !== expected)
    throw new DomainError('INTERNAL', 'the stored audit frontier does not match its size');
  return peaks;
}
