export { emptyRoot, leafHash, nodeHash, type HashFn } from './hash.js';
// Renamed on export: @tongban/crypto has general-purpose bytesEqual/toHex/fromHex of its own.
export { bytesEqual as hashesEqual, fromHex as hashFromHex, toHex as hashToHex } from './bytes.js';
export { rootFromLeafHashes } from './root-from-leaf-hashes.js';
export { MerkleFrontier, type MerkleFrontierState } from './merkle-frontier.js';
export {
  subtreeHashFromLeaves,
  type LeafHashSource,
  type SubtreeHashFn,
  type SubtreeRange,
} from './subtree.js';
export { inclusionPathRanges, inclusionProof, inclusionProofFromSubtrees } from './inclusion-proof.js';
export { rootFromInclusionProof, verifyInclusion } from './verify-inclusion.js';
export {
  consistencyProof,
  consistencyProofFromSubtrees,
  consistencyProofRanges,
} from './consistency-proof.js';
export { verifyConsistency } from './verify-consistency.js';
export {
  assertTreeHead,
  treeHeadHashAlgs,
  treeHeadSigningInput,
  type TreeHead,
  type TreeHeadHashAlg,
} from './tree-head.js';
export { locateTampering, type LocateTamperingOptions } from './locate-tampering.js';
export type { ExportedEntry, HeadCheck, TamperFinding, TamperReport } from './tamper-report.js';
export * from './audit-log.js';
