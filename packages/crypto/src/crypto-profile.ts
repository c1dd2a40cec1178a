import type { SignatureAlg } from './algorithms.js';
import { sha256, sm3 } from './hashes.js';

/**
 * A deployment's algorithm family: `international` (Ed25519 + SHA-256) or `guomi` 国密
 * (SM2 + SM3). Seals, node responses and audit tree heads of one deployment use one profile.
 */
export const cryptoProfiles = ['international', 'guomi'] as const;

/** One of {@link cryptoProfiles}. */
export type CryptoProfile = (typeof cryptoProfiles)[number];

/** A named hash function, as the profile's Merkle tree and digests use it. */
export interface HashFunction {
  readonly name: 'sha-256' | 'sm3';
  /** Output length in bytes (32 for both). */
  readonly size: number;
  digest(data: Uint8Array): Uint8Array;
}

const hashes = {
  international: { name: 'sha-256', size: 32, digest: (d: Uint8Array) => sha256(d) },
  guomi: { name: 'sm3', size: 32, digest: (d: Uint8Array) => sm3(d) },
} as const satisfies Record<CryptoProfile, HashFunction>;

/** The hash function of a profile: SHA-256 for `international`, SM3 for `guomi`. */
export function hashFor(profile: CryptoProfile): HashFunction {
  return hashes[profile];
}

/** The signature algorithm of a profile: EdDSA (Ed25519) for `international`, SM2SM3 for `guomi`. */
export function signatureAlgFor(profile: CryptoProfile): SignatureAlg {
  return profile === 'guomi' ? 'SM2SM3' : 'EdDSA';
}

/** Narrows an unknown value (a config string, a manifest field) to a {@link CryptoProfile}. */
export function isCryptoProfile(value: unknown): value is CryptoProfile {
  return typeof value === 'string' && (cryptoProfiles as readonly string[]).includes(value);
}
