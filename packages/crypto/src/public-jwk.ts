import { createPublicKey } from 'node:crypto';
import { parseBase64url } from './base64url.js';
import { CryptoError } from './crypto-error.js';
import { NodeKeyVerifier } from './node-key.js';
import type { PublicJwk, Verifier } from './signer.js';
import { Sm2Verifier } from './sm2-key.js';
import { sm2PublicKeyFromCoordinates } from './sm2.js';

/** A JWK Set (RFC 7517 §5) of public keys. */
export interface Jwks {
  keys: PublicJwk[];
}

/** The verifiers this package builds from JWKs; each can also print its SPKI PEM for openssl. */
export type PublicKeyVerifier = NodeKeyVerifier | Sm2Verifier;

const privateMembers = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];

function coordinate(jwk: Record<string, unknown>, name: 'x' | 'y'): Uint8Array {
  const value = jwk[name];
  const bytes = typeof value === 'string' ? parseBase64url(value) : undefined;
  if (bytes?.length !== 32)
    throw new CryptoError('KEY_INVALID', `JWK member ${name} is not 32 bytes of base64url`);
  return bytes;
}

/**
 * A verifier for a public JWK: Ed25519 (`OKP`), P-256 or SM2 (`EC`). Throws `KEY_INVALID` for a
 * malformed key, a point off the curve, a private member (a leaked private key must not be
 * published, let alone trusted), or a `kid` or `alg` that does not match the key, and
 * `KEY_UNSUPPORTED` for other key types. The verifier's kid is always the RFC 7638 thumbprint.
 */
export function importPublicJwk(input: unknown): PublicKeyVerifier {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new CryptoError('KEY_INVALID', 'a JWK is a JSON object');
  const jwk = input as Record<string, unknown>;
  if (privateMembers.some((m) => m in jwk)) throw new CryptoError('KEY_INVALID', 'JWK has private members');
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig')
    throw new CryptoError('KEY_INVALID', 'JWK use is not sig');
  let verifier: PublicKeyVerifier;
  if (jwk['kty'] === 'OKP' && jwk['crv'] === 'Ed25519') {
    coordinate(jwk, 'x');
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: jwk['x'] as string },
      format: 'jwk',
    });
    verifier = new NodeKeyVerifier('EdDSA', key);
  } else if (jwk['kty'] === 'EC' && jwk['crv'] === 'P-256') {
    coordinate(jwk, 'x');
    coordinate(jwk, 'y');
    try {
      // OpenSSL refuses points that are not on the curve here.
      const key = createPublicKey({
        key: { kty: 'EC', crv: 'P-256', x: jwk['x'] as string, y: jwk['y'] as string },
        format: 'jwk',
      });
      verifier = new NodeKeyVerifier('ES256', key);
    } catch {
      throw new CryptoError('KEY_INVALID', 'P-256 point is not on the curve');
    }
  } else if (jwk['kty'] === 'EC' && jwk['crv'] === 'SM2') {
    try {
      verifier = new Sm2Verifier(sm2PublicKeyFromCoordinates(coordinate(jwk, 'x'), coordinate(jwk, 'y')));
    } catch (e) {
      if (e instanceof CryptoError) throw e;
      throw new CryptoError('KEY_INVALID', 'SM2 point is not on the curve');
    }
  } else {
    throw new CryptoError(
      'KEY_UNSUPPORTED',
      `unsupported JWK kty/crv ${String(jwk['kty'])}/${String(jwk['crv'])}`,
    );
  }
  if (jwk['alg'] !== undefined && jwk['alg'] !== verifier.alg)
    throw new CryptoError('KEY_INVALID', `JWK alg does not fit a ${verifier.alg} key`);
  if (jwk['kid'] !== undefined && jwk['kid'] !== verifier.kid)
    throw new CryptoError('KEY_INVALID', 'JWK kid is not its RFC 7638 thumbprint');
  return verifier;
}

/** The JWK Set of some verifiers (public keys only, by construction). */
export function toJwks(verifiers: Iterable<Verifier>): Jwks {
  return { keys: [...verifiers].map((v) => v.publicJwk()) };
}

/** Verifiers for every key of a JWK Set; throws on the first bad key (a set is trusted whole or not). */
export function importJwks(input: unknown): PublicKeyVerifier[] {
  const keys = (input as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new CryptoError('KEY_INVALID', 'a JWK Set has a keys array');
  return keys.map((k) => importPublicJwk(k));
}
