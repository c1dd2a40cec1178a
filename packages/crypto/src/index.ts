export * from './algorithms.js';
export * from './crypto-error.js';
export * from './crypto-profile.js';
export { sha256, sha512, sm3 } from './hashes.js';
export { base64urlEncode, parseBase64url, decodeBase64url } from './base64url.js';
export type { Signer, Verifier, PublicJwk, OkpPublicJwk, EcPublicJwk } from './signer.js';
export { jwkThumbprint, type ThumbprintInput } from './jwk-thumbprint.js';
export { NodeKeySigner, NodeKeyVerifier, type NodeAlg } from './node-key.js';
export { Sm2Signer, Sm2Verifier } from './sm2-key.js';
export { importPublicJwk, importJwks, toJwks, type Jwks, type PublicKeyVerifier } from './public-jwk.js';
export {
  generateSigner,
  importPrivateKeyPem,
  importPrivateJwk,
  verifierFor,
  type SoftwareSigner,
} from './software-key.js';
export {
  SM2_DEFAULT_ID,
  sm2Sign,
  sm2Verify,
  sm2Z,
  sm2PublicKeyFromCoordinates,
  sm2Coordinates,
  type Sm2PublicKey,
  type Sm2Options,
} from './sm2.js';
export {
  sm2PublicKeyToSpkiPem,
  sm2PublicKeyFromSpkiDer,
  sm2PrivateKeyToPkcs8Pem,
  sm2PrivateKeyFromPkcs8Pem,
} from './sm2-key-encoding.js';
export { rawSignatureToDer, derSignatureToRaw } from './der.js';
export * from './jws.js';
export * from './seal.js';
export * from './key-ring.js';
export * from './key-store.js';
export { FileKeyStore, openFileKeyStore, type FileKeyStoreOptions } from './file-key-store.js';
export type { HeaderSource } from './http-headers.js';
export {
  contentDigest,
  checkContentDigest,
  type DigestAlgorithm,
  type DigestCheck,
} from './content-digest.js';
export { signatureBase, componentValue, type SignableMessage } from './signature-base.js';
export {
  DEFAULT_SIGNATURE_LABEL,
  type KeyLookup,
  type HttpSignatureFailure,
  type HttpSignatureFailureCode,
} from './message-signature.js';
export * from './nonce-store.js';
export * from './sign-request.js';
export * from './verify-request.js';
export * from './response-binding.js';
export * from './signed-json.js';
