import { parseDictionary, serializeDictionary, type Dictionary } from 'structured-headers';
import { bytesEqual, toBytes } from './bytes.js';
import { sha256, sha512 } from './hashes.js';

/** The RFC 9530 digest algorithms we produce and check. */
export type DigestAlgorithm = 'sha-256' | 'sha-512';

const digestFunctions: Record<DigestAlgorithm, (d: Uint8Array) => Uint8Array> = {
  'sha-256': sha256,
  'sha-512': sha512,
};

const isDigestAlgorithm = (name: string): name is DigestAlgorithm => name === 'sha-256' || name === 'sha-512';

/**
 * The `Content-Digest` field value (RFC 9530 §2) of a body: a structured dictionary such as
 * `sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:`. An absent body is the empty content.
 */
export function contentDigest(
  body: Uint8Array | string | undefined,
  algorithms: readonly DigestAlgorithm[] = ['sha-256'],
): string {
  if (algorithms.length === 0) throw new RangeError('at least one digest algorithm');
  const bytes = toBytes(body ?? new Uint8Array(0));
  const dict: Dictionary = new Map();
  for (const alg of algorithms) dict.set(alg, [digestFunctions[alg](bytes), new Map()]);
  return serializeDictionary(dict);
}

/** Outcome of {@link checkContentDigest}. */
export type DigestCheck = 'ok' | 'mismatch' | 'malformed' | 'unsupported';

// Ten algorithms' worth of base64 is far below this; anything bigger is not a digest field.
const MAX_DIGEST_FIELD_LENGTH = 1024;

/**
 * Checks a `Content-Digest` (or any RFC 9530-shaped) field against the body: every algorithm we
 * know must match, and at least one must be present; algorithms we do not know are ignored, as
 * RFC 9530 §2 allows.
 */
export function checkContentDigest(
  field: string | undefined,
  body: Uint8Array | string | undefined,
): DigestCheck {
  if (field === undefined || field.length > MAX_DIGEST_FIELD_LENGTH) return 'malformed';
  let dict: Dictionary;
  try {
    dict = parseDictionary(field);
  } catch {
    return 'malformed';
  }
  const bytes = toBytes(body ?? new Uint8Array(0));
  let checked = 0;
  for (const [name, member] of dict) {
    if (!isDigestAlgorithm(name)) continue;
    const value: unknown = member[0];
    if (!(value instanceof ArrayBuffer)) return 'malformed';
    if (!bytesEqual(new Uint8Array(value), digestFunctions[name](bytes))) return 'mismatch';
    checked++;
  }
  return checked > 0 ? 'ok' : 'unsupported';
}

/** The sha-256 value of an RFC 9530-shaped field, or undefined when it has none or is malformed. */
export function findSha256Digest(field: string | undefined): Uint8Array | undefined {
  if (field === undefined || field.length > MAX_DIGEST_FIELD_LENGTH) return undefined;
  try {
    const value: unknown = parseDictionary(field).get('sha-256')?.[0];
    return value instanceof ArrayBuffer ? new Uint8Array(value) : undefined;
  } catch {
    return undefined;
  }
}
