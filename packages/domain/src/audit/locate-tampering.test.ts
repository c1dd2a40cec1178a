import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../catalog/canonical-json.js';
import { toHex } from './bytes.js';
import { leafHash, type HashFn } from './hash.js';
import { locateTampering } from './locate-tampering.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';
import type { ExportedEntry } from './tamper-report.js';
import type { TreeHead } from './tree-head.js';

const sha256: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());

/** A fictional audit entry, canonical JSON as the log writes it. */
const entry = (index: number, requestId = `req-${index}`): ExportedEntry => ({
  index,
  bytes: new TextEncoder().encode(
    canonicalJson({
      index,
      time: `2025-03-01T09:${String(index % 60).padStart(2, '0')}:00+08:00`,
      operation: 'consult.granted',
      actor: 'clerk:scjg-0007',
      subject: 'holder:demo-0042',
      outcome: 'granted',
      requestId,
    }),
  ),
});

const N = 40;
const log = Array.from({ length: N }, (_, i) => entry(i));
const leafHashes = log.map((e) => leafHash(sha256, e.bytes));
const headAt = (treeSize: number, leaves = leafHashes): TreeHead => ({
  treeSize,
  rootHash: toHex(rootFromLeafHashes(sha256, leaves.slice(0, treeSize))),
  timestamp: `2025-03-01T10:00:${String(treeSize % 60).padStart(2, '0')}.000+08:00`,
  hashAlg: 'sha-256',
});
/** A signed head every 4 entries: 4, 8, …, 40. */
const heads = Array.from({ length: N / 4 }, (_, i) => headAt(4 * (i + 1)));

const without = (position: number): ExportedEntry[] => log.filter((_, i) => i !== position);
const insertedAt = (position: number, e: ExportedEntry): ExportedEntry[] => [
  ...log.slice(0, position),
  e,
  ...log.slice(position),
];
const replaced = (position: number, e: ExportedEntry): ExportedEntry[] =>
  log.map((x, i) => (i === position ? e : x));

describe('locateTampering', () => {
  it('finds nothing in an intact log', () => {
    const report = locateTampering(sha256, log, heads);
    expect(report).toMatchObject({
      intact: true,
      entryCount: N,
      signedSize: N,
      firstMismatchingHead: undefined,
      exportedVerifiedSize: N,
      realignedVerifiedSize: N,
      findings: [],
    });
    expect(report.heads.every((h) => h.matchesExported && h.matchesRealigned === true)).toBe(true);
  });

  it('places an altered entry between two signed sizes, or exactly with the stored leaf hashes', () => {
    const altered = replaced(13, entry(13, 'req-forged'));
    const report = locateTampering(sha256, altered, heads);
    expect(report.intact).toBe(false);
    expect(report.firstMismatchingHead?.treeSize).toBe(16);
    expect(report.exportedVerifiedSize).toBe(12);
    expect(report.realignedVerifiedSize).toBe(12);
    expect(report.findings).toEqual([{ kind: 'altered-within', fromIndex: 12, toIndex: 16 }]);
    expect(report.heads.map((h) => h.matchesRealigned)).toEqual([
      true,
      true,
      true,
      false,
      ...Array(6).fill(undefined),
    ]);

    const exact = locateTampering(sha256, altered, heads, { leafHashes });
    expect(exact.leafHashesVerifiedSize).toBe(N);
    expect(exact.findings).toEqual([{ kind: 'altered', index: 13, position: 13 }]);
    expect(exact.realignedVerifiedSize).toBe(13);
  });

  it('locates an altered entry exactly when a head was signed after every entry', () => {
    const everyEntry = Array.from({ length: N }, (_, i) => headAt(i + 1));
    const report = locateTampering(sha256, replaced(13, entry(13, 'req-forged')), everyEntry);
    expect(report.findings).toEqual([{ kind: 'altered', index: 13, position: 13 }]);
  });

  it('does not trust stored leaf hashes that were rewritten along with the entry', () => {
    const altered = replaced(13, entry(13, 'req-forged'));
    const rewritten = altered.map((e) => leafHash(sha256, e.bytes));
    const report = locateTampering(sha256, altered, heads, { leafHashes: rewritten });
    expect(report.leafHashesVerifiedSize).toBe(12);
    expect(report.findings).toEqual([{ kind: 'altered-within', fromIndex: 12, toIndex: 16 }]);
  });

  it('finds a removed entry by the gap in the sequence numbers', () => {
    const report = locateTampering(sha256, without(13), heads);
    expect(report.findings).toEqual([{ kind: 'removed', fromIndex: 13, toIndex: 14 }]);
    expect(report.firstMismatchingHead?.treeSize).toBe(16);
    expect(report.realignedVerifiedSize).toBe(12);
    // The stored leaf hashes stand in for the missing entry, so the later heads can be checked too.
    const withStored = locateTampering(sha256, without(13), heads, { leafHashes });
    expect(withStored.findings).toEqual([{ kind: 'removed', fromIndex: 13, toIndex: 14 }]);
    expect(withStored.realignedVerifiedSize).toBe(13);
    expect(withStored.heads.every((h) => h.matchesRealigned === true)).toBe(true);
  });

  it('finds a cut tail as removed entries', () => {
    const report = locateTampering(sha256, log.slice(0, 34), heads);
    expect(report.findings).toEqual([{ kind: 'removed', fromIndex: 34, toIndex: 40 }]);
    expect(report.firstMismatchingHead?.treeSize).toBe(36);
    expect(report.exportedVerifiedSize).toBe(32);
  });

  it('finds two swapped entries as reordered, their content confirmed by the heads', () => {
    const swapped = log.map((e, i) => (i === 5 ? log[22] : i === 22 ? log[5] : e) as ExportedEntry);
    const report = locateTampering(sha256, swapped, heads);
    expect(report.findings).toEqual([
      { kind: 'reordered', position: 22, index: 5, verified: true },
      { kind: 'reordered', position: 5, index: 22, verified: true },
    ]);
    expect(report.firstMismatchingHead?.treeSize).toBe(8);
    expect(report.exportedVerifiedSize).toBe(4);
    expect(report.realignedVerifiedSize).toBe(N);
  });

  it('finds a forged entry that reuses an index as inserted, and keeps the genuine one', () => {
    const report = locateTampering(sha256, insertedAt(13, entry(13, 'req-forged')), heads);
    expect(report.findings).toEqual([{ kind: 'inserted', position: 13, index: 13 }]);
    expect(report.firstMismatchingHead?.treeSize).toBe(16);
    expect(report.realignedVerifiedSize).toBe(N);
    // The same, placed after the genuine entry.
    const after = locateTampering(sha256, insertedAt(14, entry(13, 'req-forged')), heads);
    expect(after.findings).toEqual([{ kind: 'inserted', position: 14, index: 13 }]);
  });

  it('finds a replayed copy of an entry as inserted', () => {
    const report = locateTampering(sha256, insertedAt(30, log[7] as ExportedEntry), heads);
    expect(report.findings).toEqual([{ kind: 'inserted', position: 30, index: 7 }]);
  });

  it('sees an insertion that renumbers every later entry as an alteration from that point on', () => {
    const renumbered = [
      ...log.slice(0, 13),
      entry(13, 'req-forged'),
      ...log.slice(13).map((e) => entry(e.index + 1, `req-${e.index}`)),
    ];
    const report = locateTampering(sha256, renumbered, heads);
    expect(report.findings).toEqual([{ kind: 'altered-within', fromIndex: 12, toIndex: 16 }]);
    const exact = locateTampering(sha256, renumbered, heads, { leafHashes });
    expect(exact.findings).toEqual(
      Array.from({ length: N - 13 }, (_, j) => ({ kind: 'altered', index: 13 + j, position: 13 + j })),
    );
  });

  it('reports duplicates the heads cannot settle, and entries with unusable indices', () => {
    // Both claimants of 38 are forged, so no choice matches the head of size 40.
    const entries = [
      ...replaced(38, entry(38, 'req-forged-a')),
      entry(38, 'req-forged-b'),
      { index: -3, bytes: new Uint8Array(1) },
    ];
    const report = locateTampering(sha256, entries, heads);
    expect(report.findings).toEqual([
      { kind: 'altered-within', fromIndex: 36, toIndex: 40 },
      { kind: 'duplicated', index: 38, positions: [38, 40] },
      { kind: 'inserted', position: 41, index: -3 },
    ]);
  });

  it('reports conflicting heads of the same size', () => {
    const forked = {
      ...headAt(
        8,
        leafHashes.map((l, i) => (i === 6 ? (leafHashes[0] as Uint8Array) : l)),
      ),
    };
    const report = locateTampering(sha256, log, [...heads, forked]);
    expect(report.findings).toEqual([{ kind: 'conflicting-heads', treeSize: 8 }]);
    expect(report.intact).toBe(false);
  });

  it('judges only the sequence of entries beyond the last signed head', () => {
    const report = locateTampering(sha256, log, heads.slice(0, 5));
    expect(report).toMatchObject({ intact: true, signedSize: 20, exportedVerifiedSize: 20 });
    const tail = locateTampering(sha256, without(30), heads.slice(0, 5));
    expect(tail.findings).toEqual([{ kind: 'removed', fromIndex: 30, toIndex: 31 }]);
  });

  it('refuses malformed heads and heads of different algorithms', () => {
    expect(() => locateTampering(sha256, log, [{ ...heads[0], rootHash: 'x' } as TreeHead])).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'heads[0].rootHash' } }),
    );
    expect(() =>
      locateTampering(sha256, log, [heads[0] as TreeHead, { ...(heads[1] as TreeHead), hashAlg: 'sm3' }]),
    ).toThrow(/different hash algorithms/);
  });

  it('copes with 100,000 entries', () => {
    const n = 100_000;
    const big = Array.from({ length: n }, (_, i) => ({
      index: i,
      bytes: new TextEncoder().encode(`{"index":${i}}`),
    }));
    const leaves = big.map((e) => leafHash(sha256, e.bytes));
    let frontier = MerkleFrontier.empty(sha256);
    const bigHeads: TreeHead[] = [];
    for (let size = 1000; size <= n; size += 1000) {
      frontier = frontier.appendAll(leaves.slice(size - 1000, size));
      bigHeads.push({ ...headAt(0), treeSize: size, rootHash: toHex(frontier.root()) });
    }
    const report = locateTampering(sha256, [...big.slice(0, 54_321), ...big.slice(54_322)], bigHeads);
    expect(report.findings).toEqual([{ kind: 'removed', fromIndex: 54_321, toIndex: 54_322 }]);
    expect(report.realignedVerifiedSize).toBe(54_000);
  }, 60_000); // no time assertion: only that it works at this size
});
