import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import type { SignatureAlg } from './algorithms.js';
import { parseBase64url } from './base64url.js';
import { CryptoError } from './crypto-error.js';
import { NodeKeySigner } from './node-key.js';
import { fromPem } from './pem.js';
import { importPublicJwk } from './public-jwk.js';
import type { Signer, Verifier } from './signer.js';
import { Sm2Signer } from './sm2-key.js';
import { isSm2Pkcs8, sm2PrivateKeyFromPkcs8Der } from './sm2-key-encoding.js';
import { sm2GeneratePrivateKey } from './sm2.js';

/** A signer whose private key lives in this process, and can therefore be written to a key store. */
export type SoftwareSigner = NodeKeySigner | Sm2Signer;

/** A new key pair for the algorithm, from the system CSPRNG. */
export function generateSigner(alg: SignatureAlg): SoftwareSigner {
  switch (alg) {
    case 'EdDSA':
      return new NodeKeySigner('EdDSA', generateKeyPairSync('ed25519').privateKey);
    case 'ES256':
      return new NodeKeySigner('ES256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    case 'SM2SM3':
      return new Sm2Signer(sm2GeneratePrivateKey());
  }
}

function fromNodeKey(key: KeyObject): NodeKeySigner {
  if (key.asymmetricKeyType === 'ed25519') return new NodeKeySigner('EdDSA', key);
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return new NodeKeySigner('ES256', key);
  throw new CryptoError('KEY_UNSUPPORTED', `unsupported private key type ${String(key.asymmetricKeyType)}`);
}

/**
 * A signer from a PKCS#8 PEM private key: Ed25519, P-256, or SM2 (id-ecPublicKey with the SM2
 * curve, as OpenSSL writes it). Errors name the problem, never the key.
 */
export function importPrivateKeyPem(pem: string): SoftwareSigner {
  const der = fromPem(pem, 'PRIVATE KEY');
  if (!der) throw new CryptoError('KEY_INVALID', 'no PKCS#8 PRIVATE KEY block');
  // SM2 first: Node would load it as an OpenSSL key it can neither describe nor export.
  if (isSm2Pkcs8(der)) {
    try {
      return new Sm2Signer(sm2PrivateKeyFromPkcs8Der(der));
    } catch {
      throw new CryptoError('KEY_INVALID', 'damaged SM2 private key');
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CryptoError('KEY_INVALID', 'unreadable PKCS#8 private key');
  }
  return fromNodeKey(key);
}

/**
 * A signer from a private JWK (with `d`), for test vectors and imports. The public members, when
 * present, must belong to `d`.
 */
export function importPrivateJwk(input: Record<string, unknown>): SoftwareSigner {
  const { d, kty, crv } = input;
  if (typeof d !== 'string') throw new CryptoError('KEY_INVALID', 'private JWK without d');
  let signer: SoftwareSigner;
  if (kty === 'EC' && crv === 'SM2') {
    const scalar = parseBase64url(d);
    if (scalar?.length !== 32) throw new CryptoError('KEY_INVALID', 'SM2 d is not 32 bytes');
    try {
      signer = new Sm2Signer(bytesToNumberBE(scalar));
    } catch {
      throw new CryptoError('KEY_INVALID', 'SM2 d out of range');
    }
  } else {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: { ...input, d }, format: 'jwk' });
    } catch {
      throw new CryptoError('KEY_INVALID', 'unreadable private JWK');
    }
    signer = fromNodeKey(key);
  }
  const { d: _d, ...publicPart } = input;
  const expected = signer.publicJwk();
  for (const member of ['x', 'y'] as const)
    if (
      publicPart[member] !== undefined &&
      publicPart[member] !== (expected as Record<string, unknown>)[member]
    )
      throw new CryptoError('KEY_INVALID', 'JWK public members do not match d');
  return signer;
}

/** A verifier for any signer's public key (works for hardware signers too: it needs only the JWK). */
export function verifierFor(signer: Signer): Verifier {
  return importPublicJwk(signer.publicJwk());
}
