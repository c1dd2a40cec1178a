import { createHash, getHashes } from 'node:crypto';
import { toBytes } from './bytes.js';
import { CryptoError } from './crypto-error.js';

function digest(name: string, data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash(name).update(toBytes(data)).digest());
}

/** SHA-256 (FIPS 180-4). */
export function sha256(data: Uint8Array | string): Uint8Array {
  return digest('sha256', data);
}

/** SHA-512 (FIPS 180-4). */
export function sha512(data: Uint8Array | string): Uint8Array {
  return digest('sha512', data);
}

// OpenSSL may be built without SM3 (FIPS builds are); say so clearly instead of a bare
// "Digest method not supported".
const hasSm3 = getHashes().includes('sm3');

/**
 * SM3 (GB/T 32905-2016), from the OpenSSL inside Node: exact, and pinned to the standard's
 * vectors by the tests. Throws `ALGORITHM_UNAVAILABLE` when this Node's OpenSSL lacks SM3.
 */
export function sm3(data: Uint8Array | string): Uint8Array {
  if (!hasSm3) throw new CryptoError('ALGORITHM_UNAVAILABLE', 'this Node.js build has no SM3 digest');
  return digest('sm3', data);
}
