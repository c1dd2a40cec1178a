import { canonicalJson } from '../catalog/canonical-json.js';
import { DomainError } from '../errors.js';
import { assertTreeCount } from './tree-size.js';

/** The hash algorithms a log may use: SHA-256 (international profile) or SM3 (国密 profile). */
export const treeHeadHashAlgs = ['sha-256', 'sm3'] as const;
export type TreeHeadHashAlg = (typeof treeHeadHashAlgs)[number];

/**
 * What a signed tree head commits to: the log had `treeSize` entries whose Merkle Tree Hash was
 * `rootHash` at `timestamp`. The signature (and the witness's cosignature) travel beside it, over
 * the bytes of {@link treeHeadSigningInput}.
 */
export interface TreeHead {
  readonly treeSize: number;
  /** The root, 32 bytes in lowercase hex. */
  readonly rootHash: string;
  /** ISO 8601 with an offset, e.g. 2025-03-01T09:30:00.000+08:00 or …Z. Signed exactly as written. */
  readonly timestamp: string;
  readonly hashAlg: TreeHeadHashAlg;
}

const ROOT_HASH = /^[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** Throws VALIDATION_FAILED (with the field at fault) unless `head` is a well-formed tree head. */
export function assertTreeHead(head: TreeHead, field = 'treeHead'): void {
  assertTreeCount(head.treeSize, `${field}.treeSize`);
  if (typeof head.rootHash !== 'string' || !ROOT_HASH.test(head.rootHash))
    throw new DomainError('VALIDATION_FAILED', 'the root hash must be 64 lowercase hex digits', {
      field: `${field}.rootHash`,
    });
  if (
    typeof head.timestamp !== 'string' ||
    !TIMESTAMP.test(head.timestamp) ||
    Number.isNaN(Date.parse(head.timestamp))
  )
    throw new DomainError('VALIDATION_FAILED', 'the timestamp must be ISO 8601 with an offset', {
      field: `${field}.timestamp`,
    });
  if (!(treeHeadHashAlgs as readonly string[]).includes(head.hashAlg))
    throw new DomainError('VALIDATION_FAILED', 'unknown hash algorithm', { field: `${field}.hashAlg` });
}

/**
 * The bytes to sign for a tree head: the UTF-8 of its RFC 8785-style canonical JSON, with exactly
 * the four fields of {@link TreeHead} (anything else on the object, such as a signature, is left
 * out), so that any JSON tool can rebuild and check them. Throws VALIDATION_FAILED on a bad head.
 */
export function treeHeadSigningInput(head: TreeHead): Uint8Array {
  assertTreeHead(head);
  const { treeSize, rootHash, timestamp, hashAlg } = head;
  return new TextEncoder().encode(canonicalJson({ hashAlg, rootHash, timestamp, treeSize }));
}
