/**
 * The signature algorithms this package implements, named as in a JWS `alg` header.
 *
 * - `EdDSA`: Ed25519 (RFC 8032, JWS per RFC 8037).
 * - `ES256`: ECDSA on P-256 with SHA-256; signatures are r‖s, 64 bytes (RFC 7518 §3.4).
 * - `SM2SM3`: SM2 with SM3 per GB/T 32918.2, Z computed with the default user ID
 *   `1234567812345678`; signatures are r‖s, 64 bytes. Not an IANA-registered JWS name: see README.
 */
export const signatureAlgs = ['EdDSA', 'ES256', 'SM2SM3'] as const;

/** One of {@link signatureAlgs}. */
export type SignatureAlg = (typeof signatureAlgs)[number];

/** Narrows an unknown value (for example a parsed JWS header member) to a {@link SignatureAlg}. */
export function isSignatureAlg(value: unknown): value is SignatureAlg {
  return typeof value === 'string' && (signatureAlgs as readonly string[]).includes(value);
}

/**
 * RFC 9421 `alg` parameter for each algorithm. `sm2-sm3` is not in the IANA HTTP Signature
 * Algorithms registry; peers that speak 国密 agree on it out of band (see README).
 */
export const httpSignatureAlgNames = {
  EdDSA: 'ed25519',
  ES256: 'ecdsa-p256-sha256',
  SM2SM3: 'sm2-sm3',
} as const satisfies Record<SignatureAlg, string>;

/** The RFC 9421 `alg` parameter values we accept. */
export type HttpSignatureAlgName = (typeof httpSignatureAlgNames)[SignatureAlg];

/** Maps an RFC 9421 `alg` parameter back to our algorithm; undefined when we do not implement it. */
export function findAlgByHttpName(name: string): SignatureAlg | undefined {
  for (const alg of signatureAlgs) if (httpSignatureAlgNames[alg] === name) return alg;
  return undefined;
}
