import { canonicalJson } from '@tongban/domain';
import { base64urlEncode } from './base64url.js';
import { sha256 } from './hashes.js';

/** The members of a JWK that RFC 7638 hashes; everything else (kid, alg, use) is left out. */
export interface ThumbprintInput {
  readonly kty: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
}

/**
 * RFC 7638 JWK thumbprint with SHA-256, base64url: the hash of the required members in
 * lexicographic order without white space, which is exactly RFC 8785 canonical JSON of those
 * members (all strings). Used as every key id, so a kid names one key and nothing else.
 */
export function jwkThumbprint(jwk: ThumbprintInput): string {
  let members: Record<string, string | undefined>;
  if (jwk.kty === 'OKP') members = { crv: jwk.crv, kty: jwk.kty, x: jwk.x };
  else if (jwk.kty === 'EC') members = { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  else throw new TypeError(`no thumbprint for key type ${String(jwk.kty)}`);
  for (const [name, value] of Object.entries(members))
    if (typeof value !== 'string') throw new TypeError(`JWK member ${name} missing`);
  return base64urlEncode(sha256(canonicalJson(members)));
}
