import { createHash } from 'node:crypto';
import {
  consistencyProofRanges,
  hashToHex,
  inclusionPathRanges,
  leafHash,
  rootFromLeafHashes,
  type HashFn,
  type SubtreeRange,
} from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { appendLeaves } from './merkle-tip.js';
import { nodeKey, subtreeHashFrom, subtreeNeeds } from './subtree-plan.js';

const sha256: HashFn = (d) => new Uint8Array(createHash('sha256').update(d).digest());
const N = 5000;
const leaves = Array.from({ length: N }, (_, i) => leafHash(sha256, new TextEncoder().encode(`entry ${i}`)));
const { nodes } = appendLeaves(sha256, 0, [], leaves);
const storedNodes = new Map(nodes.map((n) => [nodeKey(n.level, n.start), n.hash]));

/** Hashes the ranges from only what the plan asked for, and counts the leaves it needed. */
function check(ranges: readonly SubtreeRange[], treeSize: number): number {
  const needs = subtreeNeeds(ranges);
  const fetched = new Map<number, Uint8Array>();
  for (const r of needs.leafRanges)
    for (let i = r.start; i < r.end; i++) fetched.set(i, leaves[i] as Uint8Array);
  const needed = new Map(
    needs.nodes.map((n) => [nodeKey(n.level, n.start), storedNodes.get(nodeKey(n.level, n.start))]),
  );
  for (const [key, value] of needed) expect(value, key).toBeDefined();
  const subtree = subtreeHashFrom(
    sha256,
    { nodes: needed as Map<string, Uint8Array>, leaves: fetched },
    treeSize,
  );
  for (const r of ranges)
    expect(hashToHex(subtree(r.start, r.end))).toBe(
      hashToHex(rootFromLeafHashes(sha256, leaves.slice(r.start, r.end))),
    );
  return fetched.size;
}

describe('subtree plans for proofs', () => {
  it('answer every inclusion path from stored nodes and a few hundred leaves', () => {
    let most = 0;
    for (const size of [1, 2, 255, 256, 257, 1000, 1024, 1025, 4095, 4096, 4097, N])
      for (const index of [0, 1, 255, 256, 511, 512, 1000, size - 1])
        if (index < size) most = Math.max(most, check(inclusionPathRanges(index, size), size));
    expect(most).toBeLessThanOrEqual(512);
  });

  it('answer every consistency proof the same way', () => {
    let most = 0;
    const sizes = [1, 3, 255, 256, 257, 700, 1024, 1500, 2048, 4097, N];
    for (const m of sizes)
      for (const n of sizes) if (m <= n) most = Math.max(most, check(consistencyProofRanges(m, n), n));
    expect(most).toBeLessThanOrEqual(768);
  });

  it('falls back to leaves for an unaligned range, and fails loudly on a missing node', () => {
    expect(check([{ start: 3, end: 700 }], N)).toBe(697);
    const subtree = subtreeHashFrom(sha256, { nodes: new Map(), leaves: new Map() }, N);
    expect(() => subtree(0, 256)).toThrow(/subtree is missing/);
    expect(() => subtree(0, 2)).toThrow(/leaf hash is missing/);
  });
});
