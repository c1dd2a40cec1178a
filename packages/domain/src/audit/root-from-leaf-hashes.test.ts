import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { leafHash, type HashFn } from './hash.js';
import { inclusionProof } from './inclusion-proof.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';
import { verifyInclusion } from './verify-inclusion.js';

const sha256: HashFn = (data) => new Uint8Array(createHash('sha256').update(data).digest());

describe('a log of 100,000 entries', () => {
  it('computes its root iteratively, and proves an entry in it', () => {
    const n = 100_000;
    const leaves = Array.from({ length: n }, (_, i) =>
      leafHash(sha256, new TextEncoder().encode(`{"index":${i}}`)),
    );
    const root = rootFromLeafHashes(sha256, leaves);
    expect(root).toHaveLength(32);
    expect(MerkleFrontier.fromLeafHashes(sha256, leaves).root()).toEqual(root);
    const proof = inclusionProof(sha256, 54_321, n, leaves);
    expect(proof).toHaveLength(17); // ⌈log2 100,000⌉
    expect(verifyInclusion(sha256, 54_321, n, leaves[54_321] as Uint8Array, proof, root)).toBe(true);
  }, 60_000); // no time assertion: only that it works at this size
});
