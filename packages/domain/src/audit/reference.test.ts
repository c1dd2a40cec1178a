import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import {
  consistencyProof,
  consistencyProofFromSubtrees,
  consistencyProofRanges,
} from './consistency-proof.js';
import { emptyRoot, leafHash, type HashFn } from './hash.js';
import { inclusionPathRanges, inclusionProof, inclusionProofFromSubtrees } from './inclusion-proof.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';
import { subtreeHashFromLeaves } from './subtree.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const sha256: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());

// An independent reference, written straight from the recursive definitions of RFC 9162 §2.1,
// with its own hashing (Buffer.concat) and nothing shared with the code under test.
const H = (...parts: Uint8Array[]): Uint8Array => sha256(Buffer.concat(parts));
const k = (n: number): number => 2 ** Math.ceil(Math.log2(n) - 1); // largest power of 2 < n, n ≥ 2
const mthCache = new Map<string, Uint8Array>(); // by first entry and length: entries are distinct
const refMth = (d: readonly Uint8Array[]): Uint8Array => {
  if (d.length === 0) return H();
  if (d.length === 1) return H(Uint8Array.of(0), d[0] as Uint8Array);
  const key = `${entries.indexOf(d[0] as Uint8Array)}+${d.length}`;
  const cached = mthCache.get(key);
  if (cached !== undefined) return cached;
  const out = H(Uint8Array.of(1), refMth(d.slice(0, k(d.length))), refMth(d.slice(k(d.length))));
  mthCache.set(key, out);
  return out;
};
const refPath = (m: number, d: readonly Uint8Array[]): Uint8Array[] => {
  if (d.length === 1) return [];
  const s = k(d.length);
  return m < s
    ? [...refPath(m, d.slice(0, s)), refMth(d.slice(s))]
    : [...refPath(m - s, d.slice(s)), refMth(d.slice(0, s))];
};
const refSubproof = (m: number, d: readonly Uint8Array[], b: boolean): Uint8Array[] => {
  if (m === d.length) return b ? [] : [refMth(d)];
  const s = k(d.length);
  return m <= s
    ? [...refSubproof(m, d.slice(0, s), b), refMth(d.slice(s))]
    : [...refSubproof(m - s, d.slice(s), false), refMth(d.slice(0, s))];
};
const refProof = (m: number, d: readonly Uint8Array[]): Uint8Array[] => refSubproof(m, d, true);

const MAX = 64;
const sizes = Array.from({ length: MAX }, (_, i) => i + 1);
const entries: Uint8Array[] = Array.from({ length: MAX }, (_, i) =>
  new TextEncoder().encode(`{"index":${i}}`),
);
const leaves = entries.map((e) => leafHash(sha256, e));
const roots = Array.from({ length: MAX + 1 }, (_, n) => rootFromLeafHashes(sha256, leaves.slice(0, n)));

/** A copy with one bit flipped, a different bit for each `salt`. */
const flip = (bytes: Uint8Array, salt: number): Uint8Array => {
  const out = Uint8Array.from(bytes);
  const bit = (salt * 37 + 11) % (out.length * 8);
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  return out;
};

describe('against a reference written from the RFC 9162 definitions', () => {
  it('roots agree with MTH for sizes 0 … 64', () => {
    for (let n = 0; n <= MAX; n++)
      expect(toHex(roots[n] as Uint8Array)).toBe(toHex(refMth(entries.slice(0, n))));
    expect(toHex(roots[0] as Uint8Array)).toBe(toHex(emptyRoot(sha256)));
  });

  it.each(sizes)('size %i: inclusion proofs equal PATH, verify, and fail when anything changes', (n) => {
    let checked = 0;
    const root = roots[n] as Uint8Array;
    const subtree = subtreeHashFromLeaves(sha256, leaves, n);
    for (let m = 0; m < n; m++) {
      const leaf = leaves[m] as Uint8Array;
      const proof = inclusionProof(sha256, m, n, leaves);
      expect(proof.map(toHex)).toEqual(refPath(m, entries.slice(0, n)).map(toHex));
      const hexes = proof.map(toHex);
      expect(inclusionProof(sha256, m, n, (i) => leaves[i] as Uint8Array).map(toHex)).toEqual(hexes);
      expect(inclusionProofFromSubtrees(m, n, subtree).map(toHex)).toEqual(hexes);
      expect(inclusionPathRanges(m, n)).toHaveLength(proof.length);
      expect(verifyInclusion(sha256, m, n, leaf, proof, root)).toBe(true);

      // Any flipped bit in the proof, the root or the leaf.
      proof.forEach((_, j) => {
        const bad = proof.map((p, i) => (i === j ? flip(p, m + n + j) : p));
        expect(verifyInclusion(sha256, m, n, leaf, bad, root)).toBe(false);
      });
      expect(verifyInclusion(sha256, m, n, leaf, proof, flip(root, m))).toBe(false);
      expect(verifyInclusion(sha256, m, n, flip(leaf, n), proof, root)).toBe(false);
      // Wrong index or size, each with the root a signed head of that size would carry; a
      // proof too short or too long; someone else's leaf.
      for (const [i2, n2] of [
        [m - 1, n],
        [m + 1, n],
        [m, n - 1],
        [m, n + 1],
        [m, 2 * n],
        [n, n],
        [-1, n],
        [m, 0],
      ] as const)
        expect(verifyInclusion(sha256, i2, n2, leaf, proof, roots[n2] ?? root)).toBe(false);
      if (proof.length > 0) expect(verifyInclusion(sha256, m, n, leaf, proof.slice(1), root)).toBe(false);
      expect(verifyInclusion(sha256, m, n, leaf, [...proof, root], root)).toBe(false);
      if (n > 1) {
        const other = leaves[(m + 1) % n] as Uint8Array;
        expect(verifyInclusion(sha256, m, n, other, proof, root)).toBe(false);
      }
      checked++;
    }
    expect(checked).toBe(n);
  });

  it.each(sizes)('size %i: consistency proofs equal PROOF, verify, and fail when anything changes', (n) => {
    let checked = 0;
    const newRoot = roots[n] as Uint8Array;
    const subtree = subtreeHashFromLeaves(sha256, leaves, n);
    for (let m = 1; m <= n; m++) {
      const oldRoot = roots[m] as Uint8Array;
      const proof = consistencyProof(sha256, m, n, leaves);
      expect(proof.map(toHex)).toEqual(refProof(m, entries.slice(0, n)).map(toHex));
      expect(consistencyProofFromSubtrees(m, n, subtree).map(toHex)).toEqual(proof.map(toHex));
      expect(consistencyProofRanges(m, n)).toHaveLength(proof.length);
      expect(verifyConsistency(sha256, m, n, oldRoot, newRoot, proof)).toBe(true);

      proof.forEach((_, j) => {
        const bad = proof.map((p, i) => (i === j ? flip(p, m + n + j) : p));
        expect(verifyConsistency(sha256, m, n, oldRoot, newRoot, bad)).toBe(false);
      });
      expect(verifyConsistency(sha256, m, n, flip(oldRoot, n), newRoot, proof)).toBe(false);
      expect(verifyConsistency(sha256, m, n, oldRoot, flip(newRoot, m), proof)).toBe(false);
      for (const [m2, n2] of [
        [m - 1, n],
        [m + 1, n],
        [m, n - 1],
        [m, n + 1],
        [n, m - 1],
        [m, 2 * n],
      ] as const) {
        if (m2 === m && n2 === n) continue;
        if (m2 === 0 && proof.length === 0) continue; // the empty tree is a prefix of every tree
        const [oldRoot2, newRoot2] = [roots[m2] ?? oldRoot, roots[n2] ?? newRoot];
        expect(verifyConsistency(sha256, m2, n2, oldRoot2, newRoot2, proof)).toBe(false);
      }
      if (proof.length > 0) {
        expect(verifyConsistency(sha256, m, n, oldRoot, newRoot, proof.slice(1))).toBe(false);
        expect(verifyConsistency(sha256, m, n, oldRoot, newRoot, proof.slice(0, -1))).toBe(false);
      }
      expect(verifyConsistency(sha256, m, n, oldRoot, newRoot, [...proof, newRoot])).toBe(false);
      if (m < n) expect(verifyConsistency(sha256, m, n, newRoot, oldRoot, proof)).toBe(false);
      checked++;
    }
    expect(checked).toBe(n);
  });

  // A known property of the RFC 9162 algorithms (shared by the CT reference code): the proof
  // elements do not say whether they are leaves or subtrees, so a tree size is bound only through
  // its root. A proof for size 3 also passes for size 4 when handed the size-3 root: a pair that no
  // correctly signed tree head carries. Hence sizes and roots must come together from one head.
  it('binds the tree size only through the root it is paired with', () => {
    const [r1, r3, r4] = [roots[1], roots[3], roots[4]] as Uint8Array[] as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    const incl = inclusionProof(sha256, 0, 3, leaves);
    expect(verifyInclusion(sha256, 0, 4, leaves[0] as Uint8Array, incl, r3)).toBe(true);
    expect(verifyInclusion(sha256, 0, 4, leaves[0] as Uint8Array, incl, r4)).toBe(false);
    const cons = consistencyProof(sha256, 1, 3, leaves);
    expect(verifyConsistency(sha256, 1, 4, r1, r3, cons)).toBe(true);
    expect(verifyConsistency(sha256, 1, 4, r1, r4, cons)).toBe(false);
  });

  it('an empty old tree needs an empty proof and the empty root', () => {
    const empty = roots[0] as Uint8Array;
    expect(consistencyProof(sha256, 0, 5, leaves)).toEqual([]);
    expect(verifyConsistency(sha256, 0, 5, empty, roots[5] as Uint8Array, [])).toBe(true);
    expect(verifyConsistency(sha256, 0, 0, empty, empty, [])).toBe(true);
    expect(verifyConsistency(sha256, 0, 5, roots[1] as Uint8Array, roots[5] as Uint8Array, [])).toBe(false);
    expect(verifyConsistency(sha256, 0, 5, empty, roots[5] as Uint8Array, [empty])).toBe(false);
  });

  it('refuses to build proofs for impossible indices and sizes', () => {
    expect(() => inclusionProof(sha256, 3, 3, leaves)).toThrow(/leaf index/);
    expect(() => inclusionProof(sha256, 0, 0, leaves)).toThrow(/leaf index/);
    expect(() => inclusionProof(sha256, -1, 3, leaves)).toThrow(/non-negative/);
    expect(() => inclusionProof(sha256, 0, MAX + 1, leaves)).toThrow(/fewer leaf hashes/);
    expect(() => consistencyProof(sha256, 4, 3, leaves)).toThrow(/exceeds/);
    expect(() => consistencyProof(sha256, 1.5, 3, leaves)).toThrow(/non-negative/);
  });
});
