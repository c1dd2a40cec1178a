import { createHash } from 'node:crypto';
import { hashToHex, leafHash, MerkleFrontier, rootFromLeafHashes, type HashFn } from '@tongban/domain';
import { describe, expect, it } from 'vitest';
import { appendLeaves, decodePeaks, emptyTip, encodePeaks, tipRoot } from './merkle-tip.js';

const sha256: HashFn = (d) => new Uint8Array(createHash('sha256').update(d).digest());
const leaves = Array.from({ length: 300 }, (_, i) =>
  leafHash(sha256, new TextEncoder().encode(`entry ${i}`)),
);

describe('appendLeaves', () => {
  it('agrees with MerkleFrontier for any split into batches', () => {
    for (const step of [1, 2, 3, 7, 16, 64, 100, 300]) {
      let size = 0;
      let peaks: Uint8Array[] = [];
      while (size < leaves.length) {
        const batch = leaves.slice(size, size + step);
        ({ peaks } = appendLeaves(sha256, size, peaks, batch));
        size += batch.length;
        const expected = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, size));
        expect(peaks.map(hashToHex)).toEqual(expected.peaks.map(hashToHex));
        expect(hashToHex(tipRoot(sha256, { size, peaks, lastTime: undefined }))).toBe(
          hashToHex(rootFromLeafHashes(sha256, leaves.slice(0, size))),
        );
      }
    }
  });

  it('reports every complete aligned subtree of the minimum level or more, once, with its hash', () => {
    const minLevel = 2;
    const seen = new Map<string, string>();
    let size = 0;
    let peaks: Uint8Array[] = [];
    for (const step of [3, 5, 1, 8, 13, 21, 34, 55, 89, 71]) {
      const result = appendLeaves(sha256, size, peaks, leaves.slice(size, size + step), minLevel);
      for (const n of result.nodes) {
        const key = `${n.level}:${n.start}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, hashToHex(n.hash));
      }
      peaks = result.peaks;
      size += step;
    }
    expect(size).toBe(300);
    let expected = 0;
    for (let level = minLevel; 2 ** level <= size; level++)
      for (let start = 0; start + 2 ** level <= size; start += 2 ** level) {
        expected++;
        expect(seen.get(`${level}:${start}`)).toBe(
          hashToHex(rootFromLeafHashes(sha256, leaves.slice(start, start + 2 ** level))),
        );
      }
    expect(seen.size).toBe(expected);
  });

  it('reports nothing below the tile level by default', () => {
    expect(appendLeaves(sha256, 0, [], leaves.slice(0, 255)).nodes).toEqual([]);
    const { nodes } = appendLeaves(sha256, 0, [], leaves.slice(0, 256));
    expect(nodes.map((n) => [n.level, n.start])).toEqual([[8, 0]]);
  });
});

describe('stored peaks', () => {
  it('round-trip and refuse a count that does not match the size', () => {
    const frontier = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, 13)); // 8 + 4 + 1
    const bytes = encodePeaks(frontier.peaks);
    expect(bytes).toHaveLength(3 * 32);
    expect(decodePeaks(bytes, 13, 32).map(hashToHex)).toEqual(frontier.peaks.map(hashToHex));
    expect(() => decodePeaks(bytes, 12, 32)).toThrow(/frontier/);
    expect(() => decodePeaks(bytes.slice(1), 13, 32)).toThrow(/frontier/);
    expect(decodePeaks(new Uint8Array(0), 0, 32)).toEqual([]);
    expect(hashToHex(tipRoot(sha256, emptyTip))).toBe(hashToHex(sha256(new Uint8Array(0))));
  });
});
