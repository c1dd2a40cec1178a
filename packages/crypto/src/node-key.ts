import { createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from 'node:crypto';
import { CryptoError } from './crypto-error.js';
import { jwkThumbprint } from './jwk-thumbprint.js';
import { KeyHandle } from './key-handle.js';
import type { PublicJwk, Signer, Verifier } from './signer.js';

/** The algorithms Node's OpenSSL signs for us. */
export type NodeAlg = 'EdDSA' | 'ES256';

// EdDSA hashes internally (no digest name); ES256 is SHA-256 with the JWS r‖s encoding, which
// Node calls ieee-p1363, instead of OpenSSL's default DER.
const digestOf = (alg: NodeAlg): string | null => (alg === 'ES256' ? 'sha256' : null);

function publicJwkOf(alg: NodeAlg, publicKey: KeyObject): PublicJwk {
  const jwk = publicKey.export({ format: 'jwk' });
  if (alg === 'EdDSA') {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string')
      throw new CryptoError('KEY_INVALID', 'not an Ed25519 key');
    const base = { kty: 'OKP', crv: 'Ed25519', x: jwk.x } as const;
    return { ...base, kid: jwkThumbprint(base), alg, use: 'sig' };
  }
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.x !== 'string' || typeof jwk.y !== 'string')
    throw new CryptoError('KEY_INVALID', 'not a P-256 key');
  const base = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } as const;
  return { ...base, kid: jwkThumbprint(base), alg, use: 'sig' };
}

/** Verifies Ed25519 or ECDSA P-256 signatures with a Node public key. */
export class NodeKeyVerifier extends KeyHandle implements Verifier {
  readonly kid: string;
  readonly #key: KeyObject;
  readonly #jwk: PublicJwk;

  constructor(
    readonly alg: NodeAlg,
    publicKey: KeyObject,
  ) {
    super();
    this.#key = publicKey;
    this.#jwk = publicJwkOf(alg, publicKey);
    this.kid = this.#jwk.kid;
  }

  verify(data: Uint8Array, signature: Uint8Array): boolean {
    if (signature.length !== 64) return false;
    try {
      return nodeVerify(digestOf(this.alg), data, { key: this.#key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      return false;
    }
  }

  publicJwk(): PublicJwk {
    return { ...this.#jwk };
  }

  /** SubjectPublicKeyInfo PEM, for openssl and other outside tools. */
  publicKeyPem(): string {
    return this.#key.export({ type: 'spki', format: 'pem' }).toString();
  }
}

/** Signs with an Ed25519 or P-256 private key held by Node (OpenSSL). */
export class NodeKeySigner extends KeyHandle implements Signer {
  readonly kid: string;
  readonly #key: KeyObject;
  readonly #verifier: NodeKeyVerifier;

  constructor(
    readonly alg: NodeAlg,
    privateKey: KeyObject,
  ) {
    super();
    if (privateKey.type !== 'private') throw new CryptoError('KEY_INVALID', 'not a private key');
    this.#key = privateKey;
    this.#verifier = new NodeKeyVerifier(alg, createPublicKey(privateKey));
    this.kid = this.#verifier.kid;
  }

  sign(data: Uint8Array): Promise<Uint8Array> {
    // The callback form runs on libuv's thread pool, keeping the event loop free under load.
    return new Promise((resolve, reject) => {
      nodeSign(
        digestOf(this.alg),
        data,
        { key: this.#key, dsaEncoding: 'ieee-p1363' },
        (error, signature) => {
          if (error) reject(new CryptoError('SIGNING_FAILED', `${this.alg} signing failed`));
          else resolve(new Uint8Array(signature));
        },
      );
    });
  }

  publicJwk(): PublicJwk {
    return this.#verifier.publicJwk();
  }

  /** The matching verifier. */
  verifier(): NodeKeyVerifier {
    return this.#verifier;
  }

  /** PKCS#8 PEM of the private key: for key stores only, never for logs or responses. */
  exportPkcs8Pem(): string {
    return this.#key.export({ type: 'pkcs8', format: 'pem' }).toString();
  }
}
