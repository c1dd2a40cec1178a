import { base64urlEncode } from './base64url.js';
import { jwkThumbprint } from './jwk-thumbprint.js';
import { KeyHandle } from './key-handle.js';
import type { EcPublicJwk, Signer, Verifier } from './signer.js';
import {
  SM2_DEFAULT_ID,
  sm2Coordinates,
  sm2PublicKeyFromPrivate,
  sm2Sign,
  sm2Verify,
  type Sm2PublicKey,
} from './sm2.js';
import { sm2PrivateKeyToPkcs8Pem, sm2PublicKeyToSpkiPem } from './sm2-key-encoding.js';

/*
 * The JWS algorithm SM2SM3 is SM2 with SM3 and the default user ID 1234567812345678 (GM/T 0009):
 * a JWK has no member for a user ID, so a key bound to another ID could not be described, and
 * verifiers elsewhere could not reproduce Z. The low-level functions in sm2.ts take any ID.
 */

/** Verifies SM2SM3 signatures (r‖s, 64 bytes) with the default user ID. */
export class Sm2Verifier extends KeyHandle implements Verifier {
  readonly alg = 'SM2SM3';
  readonly kid: string;
  readonly #key: Sm2PublicKey;
  readonly #jwk: EcPublicJwk;

  constructor(publicKey: Sm2PublicKey) {
    super();
    this.#key = publicKey;
    const { x, y } = sm2Coordinates(publicKey);
    const base = { kty: 'EC', crv: 'SM2', x: base64urlEncode(x), y: base64urlEncode(y) } as const;
    this.kid = jwkThumbprint(base);
    this.#jwk = { ...base, kid: this.kid, alg: 'SM2SM3', use: 'sig' };
  }

  verify(data: Uint8Array, signature: Uint8Array): boolean {
    return sm2Verify(this.#key, data, signature, SM2_DEFAULT_ID);
  }

  publicJwk(): EcPublicJwk {
    return { ...this.#jwk };
  }

  /** SubjectPublicKeyInfo PEM (id-ecPublicKey, curve SM2), as `openssl pkey -pubout` writes it. */
  publicKeyPem(): string {
    return sm2PublicKeyToSpkiPem(this.#key);
  }
}

/** Signs SM2SM3 with a software private key. */
export class Sm2Signer extends KeyHandle implements Signer {
  readonly alg = 'SM2SM3';
  readonly kid: string;
  readonly #d: bigint;
  readonly #publicKey: Sm2PublicKey;
  readonly #verifier: Sm2Verifier;

  constructor(privateScalar: bigint) {
    super();
    this.#publicKey = sm2PublicKeyFromPrivate(privateScalar); // validates the range
    this.#d = privateScalar;
    this.#verifier = new Sm2Verifier(this.#publicKey);
    this.kid = this.#verifier.kid;
  }

  sign(data: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(sm2Sign(this.#d, data, { id: SM2_DEFAULT_ID, publicKey: this.#publicKey }));
  }

  publicJwk(): EcPublicJwk {
    return this.#verifier.publicJwk();
  }

  /** The matching verifier. */
  verifier(): Sm2Verifier {
    return this.#verifier;
  }

  /** PKCS#8 PEM of the private key (OpenSSL's layout): for key stores only. */
  exportPkcs8Pem(): string {
    return sm2PrivateKeyToPkcs8Pem(this.#d);
  }
}
