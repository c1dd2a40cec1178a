import { DomainError } from '../errors.js';

const HEX = /^(?:[0-9a-f]{2})*$/;

/** Lowercase hex of bytes, the form in which hashes travel in JSON (tree heads, proofs, frontiers). */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Bytes of a lowercase hex string. Uppercase is refused on purpose: a hash has one spelling, so
 * that signed JSON carrying it is canonical. `field` names the input in the error.
 */
export function fromHex(hex: string, field = 'hex'): Uint8Array {
  if (!HEX.test(hex)) throw new DomainError('VALIDATION_FAILED', 'not a lowercase hex string', { field });
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Byte-wise equality. Not constant-time: everything compared here (hashes of a public log) is public. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
