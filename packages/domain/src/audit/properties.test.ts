import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { consistencyProof } from './consistency-proof.js';
import { leafHash, type HashFn } from './hash.js';
import { inclusionProof } from './inclusion-proof.js';
import { locateTampering } from './locate-tampering.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';
import type { ExportedEntry } from './tamper-report.js';
import type { TreeHead } from './tree-head.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const sha256: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());
const settings = { seed: 42, numRuns: 300 };

/** A copy with one bit flipped. */
const flip = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = Uint8Array.from(bytes);
  const b = bit % (out.length * 8);
  out[b >> 3] = (out[b >> 3] as number) ^ (1 << (b & 7));
  return out;
};

const leavesArb = fc
  .array(fc.uint8Array({ maxLength: 24 }), { minLength: 1, maxLength: 200 })
  .map((data) => data.map((d) => leafHash(sha256, d)));

describe('Merkle properties (fast-check, seed 42)', () => {
  it('an inclusion proof verifies for its leaf and fails for any flipped bit', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, bit) => {
        const size = 1 + (a % leaves.length);
        const index = b % size;
        const root = rootFromLeafHashes(sha256, leaves.slice(0, size));
        const proof = inclusionProof(sha256, index, size, leaves);
        const leaf = leaves[index] as Uint8Array;
        expect(verifyInclusion(sha256, index, size, leaf, proof, root)).toBe(true);
        expect(verifyInclusion(sha256, index, size, flip(leaf, bit), proof, root)).toBe(false);
        expect(verifyInclusion(sha256, index, size, leaf, proof, flip(root, bit))).toBe(false);
        if (proof.length > 0) {
          const j = bit % proof.length;
          const bad = proof.map((p, i) => (i === j ? flip(p, bit) : p));
          expect(verifyInclusion(sha256, index, size, leaf, bad, root)).toBe(false);
        }
      }),
      settings,
    );
  });

  it('a consistency proof verifies between any two sizes and fails for any flipped bit', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), fc.nat(), fc.nat(), (leaves, a, b, bit) => {
        const newSize = 1 + (a % leaves.length);
        const oldSize = 1 + (b % newSize);
        const oldRoot = rootFromLeafHashes(sha256, leaves.slice(0, oldSize));
        const newRoot = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, newSize)).root();
        const proof = consistencyProof(sha256, oldSize, newSize, leaves);
        expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
        expect(verifyConsistency(sha256, oldSize, newSize, flip(oldRoot, bit), newRoot, proof)).toBe(false);
        expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, flip(newRoot, bit), proof)).toBe(false);
        if (proof.length > 0) {
          const j = bit % proof.length;
          const bad = proof.map((p, i) => (i === j ? flip(p, bit) : p));
          expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, newRoot, bad)).toBe(false);
        }
      }),
      settings,
    );
  });

  it('the frontier, appended leaf by leaf or restored from its state, gives the root', () => {
    fc.assert(
      fc.property(leavesArb, fc.nat(), (leaves, cut) => {
        const at = cut % (leaves.length + 1);
        const first = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, at));
        const restored = MerkleFrontier.fromState(sha256, JSON.parse(JSON.stringify(first)));
        const whole = leaves.slice(at).reduce((f, l) => f.append(l), restored);
        expect(toHex(whole.root())).toBe(toHex(rootFromLeafHashes(sha256, leaves)));
      }),
      settings,
    );
  });

  const logEntry = (index: number, note = ''): ExportedEntry => ({
    index,
    bytes: new TextEncoder().encode(`{"index":${index},"note":"${note}"}`),
  });
  const tamperArb = fc.record({
    size: fc.integer({ min: 2, max: 120 }),
    headEvery: fc.integer({ min: 1, max: 30 }),
    op: fc.constantFrom('alter', 'remove', 'swap', 'insert'),
    p: fc.nat(),
    q: fc.nat(),
  });

  it('locateTampering catches and places one alteration, removal, swap or insertion', () => {
    fc.assert(
      fc.property(tamperArb, ({ size, headEvery, op, p: pRaw, q: qRaw }) => {
        const log = Array.from({ length: size }, (_, i) => logEntry(i));
        const leaves = log.map((e) => leafHash(sha256, e.bytes));
        const sizes = [
          ...new Set([
            ...Array.from({ length: Math.floor(size / headEvery) }, (_, i) => (i + 1) * headEvery),
            size,
          ]),
        ];
        const heads: TreeHead[] = sizes.map((s) => ({
          treeSize: s,
          rootHash: toHex(rootFromLeafHashes(sha256, leaves.slice(0, s))),
          timestamp: '2025-03-01T10:00:00Z',
          hashAlg: 'sha-256',
        }));
        const p = pRaw % size;
        let q = qRaw % size;
        if (q === p) q = (p + 1) % size;
        const entries =
          op === 'alter'
            ? log.map((e, i) => (i === p ? logEntry(p, 'forged') : e))
            : op === 'remove'
              ? log.filter((_, i) => i !== p)
              : op === 'swap'
                ? log.map((e, i) => (i === p ? log[q] : i === q ? log[p] : e) as ExportedEntry)
                : [...log.slice(0, p), logEntry(p, 'forged'), ...log.slice(p)];
        const report = locateTampering(sha256, entries, heads);
        const exact = locateTampering(sha256, entries, heads, { leafHashes: leaves });
        expect(report.intact).toBe(false);
        expect(exact.intact).toBe(false);
        const first = Math.min(p, q);
        // The first head to fail is the first one covering the first changed position.
        expect(report.firstMismatchingHead?.treeSize).toBe(
          sizes.find((s) => s > (op === 'swap' ? first : p)),
        );
        switch (op) {
          case 'alter': {
            const [f] = report.findings;
            expect(report.findings).toHaveLength(1);
            if (f?.kind === 'altered') expect(f.index).toBe(p);
            else expect(f).toMatchObject({ kind: 'altered-within' });
            if (f?.kind === 'altered-within') expect(f.fromIndex <= p && p < f.toIndex).toBe(true);
            expect(exact.findings).toEqual([{ kind: 'altered', index: p, position: p }]);
            break;
          }
          case 'remove':
            expect(report.findings).toEqual([{ kind: 'removed', fromIndex: p, toIndex: p + 1 }]);
            expect(exact.findings).toEqual(report.findings);
            expect(exact.realignedVerifiedSize).toBe(p);
            break;
          case 'swap':
            expect(report.findings.length).toBeGreaterThan(0);
            for (const f of report.findings) expect(f).toMatchObject({ kind: 'reordered', verified: true });
            expect(report.findings.map((f) => (f.kind === 'reordered' ? f.position : -1))).toEqual(
              expect.arrayContaining([expect.toBeOneOf([p, q])]),
            );
            expect(report.realignedVerifiedSize).toBe(size);
            break;
          case 'insert':
            expect(report.findings).toEqual([{ kind: 'inserted', position: p, index: p }]);
            expect(exact.findings).toEqual(report.findings);
            break;
        }
      }),
      settings,
    );
    // Several hundred logs rehashed: seconds on a loaded 2-core machine, so more than the default 5 s.
  }, 60_000);
});
