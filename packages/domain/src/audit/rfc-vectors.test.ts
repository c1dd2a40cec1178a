import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { consistencyProof } from './consistency-proof.js';
import { emptyRoot, leafHash } from './hash.js';
import { inclusionProof } from './inclusion-proof.js';
import { MerkleFrontier } from './merkle-frontier.js';
import { rootFromLeafHashes } from './root-from-leaf-hashes.js';
import { verifyConsistency } from './verify-consistency.js';
import { verifyInclusion } from './verify-inclusion.js';

const sha256 = (data: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(data).digest());

// The 8-leaf test tree of the Certificate Transparency reference implementations (CT's C++
// merkle_tree_test.cc, certificate-transparency-go and transparency-dev/merkle testonly).
const inputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => fromHex(h));
const leaves = inputs.map((d) => leafHash(sha256, d));

const publishedLeafHashes = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
  '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
  '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
  'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
  '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
  'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
  '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
];

/** Published roots of the first n leaves, n = 1 … 8. */
const publishedRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Published audit paths (leaf index from 0, tree size, path). */
const publishedInclusionProofs: [number, number, string[]][] = [
  [0, 1, []],
  [
    0,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    8,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [
    1,
    5,
    [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

/** Published consistency proofs (old size, new size, proof). */
const publishedConsistencyProofs: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

describe('the CT reference test tree (RFC 6962 / RFC 9162 vectors)', () => {
  it('hashes the empty tree to SHA-256 of nothing', () => {
    expect(toHex(emptyRoot(sha256))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(rootFromLeafHashes(sha256, []))).toBe(toHex(emptyRoot(sha256)));
  });

  it('hashes the leaves with the 0x00 prefix', () => {
    expect(leaves.map(toHex)).toEqual(publishedLeafHashes);
  });

  it.each(publishedRoots.map((root, i) => [i + 1, root] as const))('root of size %i', (size, root) => {
    expect(toHex(rootFromLeafHashes(sha256, leaves.slice(0, size)))).toBe(root);
    expect(toHex(MerkleFrontier.fromLeafHashes(sha256, leaves.slice(0, size)).root())).toBe(root);
  });

  it.each(publishedInclusionProofs)('inclusion proof of leaf %i in size %i', (index, size, path) => {
    const proof = inclusionProof(sha256, index, size, leaves);
    expect(proof.map(toHex)).toEqual(path);
    const root = fromHex(publishedRoots[size - 1] as string);
    expect(verifyInclusion(sha256, index, size, leaves[index] as Uint8Array, proof, root)).toBe(true);
  });

  it.each(publishedConsistencyProofs)('consistency proof from size %i to %i', (oldSize, newSize, path) => {
    const proof = consistencyProof(sha256, oldSize, newSize, leaves);
    expect(proof.map(toHex)).toEqual(path);
    const oldRoot = fromHex(publishedRoots[oldSize - 1] as string);
    const newRoot = fromHex(publishedRoots[newSize - 1] as string);
    expect(verifyConsistency(sha256, oldSize, newSize, oldRoot, newRoot, proof)).toBe(true);
  });
});
