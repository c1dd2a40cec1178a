import type { JsonWebKey } from 'node:crypto';
import type { SignatureAlg } from './algorithms.js';

/** A public Ed25519 key as a JWK (RFC 8037), with our key id and algorithm. */
export interface OkpPublicJwk extends JsonWebKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
}

/**
 * A public elliptic-curve key as a JWK (RFC 7518 §6.2). `crv: 'SM2'` is our extension for the
 * sm2p256v1 curve (x and y 32 bytes each, as for P-256); it is not in the IANA JOSE registry.
 */
export interface EcPublicJwk extends JsonWebKey {
  kty: 'EC';
  crv: 'P-256' | 'SM2';
  x: string;
  y: string;
  kid: string;
  alg: 'ES256' | 'SM2SM3';
  use: 'sig';
}

/** Any public key this package can verify with. Never carries private members. */
export type PublicJwk = OkpPublicJwk | EcPublicJwk;

/**
 * Something that signs. The private key stays behind this interface: a file key store today, a
 * hardware module (PKCS#11, SKF) later, which is why `sign` is asynchronous.
 */
export interface Signer {
  readonly alg: SignatureAlg;
  /** RFC 7638 thumbprint of the public key (base64url SHA-256). */
  readonly kid: string;
  /** The raw signature over `data`: 64 bytes r‖s for ES256 and SM2SM3, 64 bytes for EdDSA. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  publicJwk(): PublicJwk;
}

/**
 * Something that checks signatures of one public key. Synchronous: verification needs only the
 * public key, which never has to live in a hardware module.
 */
export interface Verifier {
  readonly alg: SignatureAlg;
  readonly kid: string;
  /** True only for a valid signature; malformed input is false, never an exception. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
  publicJwk(): PublicJwk;
}
