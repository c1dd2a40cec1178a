/**
 * The hash function of the log, injected by the caller: SHA-256 in the international profile, SM3
 * in the 国密 profile. The domain has no crypto of its own. Both produce 32 bytes.
 */
export type HashFn = (data: Uint8Array) => Uint8Array;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * The hash of a leaf, HASH(0x00 || entry) (RFC 9162 §2.1.1). The prefix byte keeps a leaf from ever
 * being taken for an interior node (second-preimage resistance of the tree).
 */
export function leafHash(hash: HashFn, entryBytes: Uint8Array): Uint8Array {
  const data = new Uint8Array(1 + entryBytes.length);
  data[0] = LEAF_PREFIX;
  data.set(entryBytes, 1);
  return hash(data);
}

/** The hash of an interior node, HASH(0x01 || left || right) (RFC 9162 §2.1.1). */
export function nodeHash(hash: HashFn, left: Uint8Array, right: Uint8Array): Uint8Array {
  const data = new Uint8Array(1 + left.length + right.length);
  data[0] = NODE_PREFIX;
  data.set(left, 1);
  data.set(right, 1 + left.length);
  return hash(data);
}

/** The Merkle Tree Hash of the empty tree, HASH() of no bytes at all (RFC 9162 §2.1.1). */
export function emptyRoot(hash: HashFn): Uint8Array {
  return hash(new Uint8Array(0));
}
