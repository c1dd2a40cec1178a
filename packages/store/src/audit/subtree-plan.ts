import {
  DomainError,
  nodeHash,
  subtreeHashFromLeaves,
  type HashFn,
  type SubtreeRange,
} from '@tongban/domain';
import { TILE_LEVEL } from './merkle-tip.js';

const TILE = 2 ** TILE_LEVEL;

/** What the hash of a range is made of: a stored node, leaf hashes, or two halves. */
type Shape =
  | { readonly kind: 'node'; readonly level: number }
  | { readonly kind: 'leaves' }
  | { readonly kind: 'split'; readonly at: number };

const isPowerOfTwo = (n: number): boolean => n >= 1 && Number.isInteger(Math.log2(n));

/**
 * How MTH(D[start:end]) is obtained. An aligned power-of-two range of a tile or more is one stored
 * node; a range of a tile or less comes from its leaf hashes; anything larger splits where RFC 9162
 * splits (the largest power of two below its length), which stays aligned for every range that
 * `inclusionPathRanges` and `consistencyProofRanges` produce. An unaligned large range (never
 * asked for by a proof) falls back to its leaves, which is slower but still right.
 */
function shape(start: number, end: number): Shape {
  const length = end - start;
  if (length >= TILE && isPowerOfTwo(length) && start % length === 0)
    return { kind: 'node', level: Math.log2(length) };
  if (length <= TILE) return { kind: 'leaves' };
  let k = 1;
  while (k * 2 < length) k *= 2;
  return start % k === 0 ? { kind: 'split', at: start + k } : { kind: 'leaves' };
}

/** The stored nodes and leaf ranges needed for the hashes of `ranges`. */
export interface SubtreeNeeds {
  readonly nodes: { readonly level: number; readonly start: number }[];
  /** Disjoint, ascending. */
  readonly leafRanges: SubtreeRange[];
}

/** Lists what to fetch for the given ranges (a proof's `*Ranges`), before any hashing. */
export function subtreeNeeds(ranges: readonly SubtreeRange[]): SubtreeNeeds {
  const nodes: { level: number; start: number }[] = [];
  const leafRanges: SubtreeRange[] = [];
  const visit = (start: number, end: number): void => {
    const s = shape(start, end);
    if (s.kind === 'node') nodes.push({ level: s.level, start });
    else if (s.kind === 'leaves') leafRanges.push({ start, end });
    else {
      visit(start, s.at);
      visit(s.at, end);
    }
  };
  for (const r of ranges) visit(r.start, r.end);
  return { nodes, leafRanges: mergeRanges(leafRanges) };
}

function mergeRanges(ranges: readonly SubtreeRange[]): SubtreeRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/** The fetched material: stored nodes by `level:start`, leaf hashes by index. */
export interface SubtreeMaterial {
  readonly nodes: ReadonlyMap<string, Uint8Array>;
  readonly leaves: ReadonlyMap<number, Uint8Array>;
}

/** The map key of a stored subtree. */
export const nodeKey = (level: number, start: number): string => `${level}:${start}`;

/**
 * A SubtreeHashFn over fetched material, for the domain's `*FromSubtrees` proof builders. Throws
 * INTERNAL when something the plan named is missing: the stored tree is damaged, and a proof built
 * around the gap would be wrong.
 */
export function subtreeHashFrom(
  hash: HashFn,
  material: SubtreeMaterial,
  treeSize: number,
): (start: number, end: number) => Uint8Array {
  const leafAt = (i: number): Uint8Array => {
    const leaf = material.leaves.get(i);
    if (leaf === undefined) throw new DomainError('INTERNAL', 'a stored audit leaf hash is missing');
    return leaf;
  };
  const fromLeaves = subtreeHashFromLeaves(hash, leafAt, treeSize);
  const compute = (start: number, end: number): Uint8Array => {
    const s = shape(start, end);
    if (s.kind === 'leaves') return fromLeaves(start, end);
    if (s.kind === 'split') return nodeHash(hash, compute(start, s.at), compute(s.at, end));
    const node = material.nodes.get(nodeKey(s.level, start));
    if (node === undefined) throw new DomainError('INTERNAL', 'a stored audit subtree is missing');
    return node;
  };
  return compute;
}
