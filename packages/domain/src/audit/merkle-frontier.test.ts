import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from './bytes.js';
import { leafHash, type HashFn } from './hash.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';

const sha256: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());
const leaves = Array.from({ length: 300 }, (_, i) =>
  leafHash(sha256, new TextEncoder().encode(`entry ${i}`)),
);

describe('MerkleFrontier', () => {
  it('gives the same root as rootFromLeafHashes for every size 0 … 300', () => {
    let frontier = MerkleFrontier.empty(sha256);
    for (let n = 0; n <= leaves.length; n++) {
      expect(frontier.size).toBe(n);
      expect(toHex(frontier.root())).toBe(toHex(rootFromLeafHashes(sha256, leaves.slice(0, n))));
      // one peak per set bit of the size: O(log n) state
      expect(frontier.peaks).toHaveLength(n.toString(2).replaceAll('0', '').length);
      if (n < leaves.length) frontier = frontier.append(leaves[n] as Uint8Array);
    }
  });

  it('is immutable: append returns a new frontier', () => {
    const a = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, 5));
    const rootBefore = toHex(a.root());
    const b = a.append(leaves[5] as Uint8Array);
    expect(a.size).toBe(5);
    expect(toHex(a.root())).toBe(rootBefore);
    expect(b.size).toBe(6);
    expect(toHex(a.appendAll(leaves.slice(5, 77)).root())).toBe(
      toHex(rootFromLeafHashes(sha256, leaves.slice(0, 77))),
    );
  });

  it('round-trips through its persisted state and JSON', () => {
    const f = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, 211));
    const state = JSON.parse(JSON.stringify(f));
    expect(state).toEqual(f.toState());
    expect(state.size).toBe(211);
    const restored = MerkleFrontier.fromState(sha256, state);
    expect(toHex(restored.root())).toBe(toHex(f.root()));
    const next = restored.appendAll(leaves.slice(211));
    expect(toHex(next.root())).toBe(toHex(rootFromLeafHashes(sha256, leaves)));
  });

  it('refuses a persisted state whose peaks do not fit its size', () => {
    const state = MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, 6)).toState();
    expect(() => MerkleFrontier.fromState(sha256, { size: 7, peaks: state.peaks })).toThrow(
      /number of peaks/,
    );
    expect(() => MerkleFrontier.fromState(sha256, { size: 6, peaks: ['zz', 'aa'] })).toThrow(/hex/);
    expect(() => MerkleFrontier.fromState(sha256, { size: -1, peaks: [] })).toThrow(/non-negative/);
    expect(MerkleFrontier.fromState(sha256, { size: 0, peaks: [] }).root()).toEqual(
      sha256(new Uint8Array(0)),
    );
  });
});
