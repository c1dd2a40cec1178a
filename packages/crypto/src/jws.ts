import { canonicalJson } from '@tongban/domain';
import { isSignatureAlg, type SignatureAlg } from './algorithms.js';
import { base64urlEncode, parseBase64url } from './base64url.js';
import { toBytes, utf8Decode } from './bytes.js';
import type { Signer, Verifier } from './signer.js';

/**
 * JWS Compact Serialization (RFC 7515 §7.1) with our signers. The protected header is itself
 * RFC 8785 canonical JSON, so the same header always encodes the same way. Detached content
 * (RFC 7515 Appendix F) is a compact JWS whose payload part is empty; RFC 7797 (`b64: false`)
 * is not supported and is refused on input.
 */

/** The protected header we write and accept. */
export interface JwsHeader {
  alg: SignatureAlg;
  kid?: string;
  typ?: string;
  cty?: string;
  [member: string]: unknown;
}

/** Options for {@link signJws}. */
export interface SignJwsOptions {
  /** `typ` header member, such as `tongban-seal+jws`. */
  readonly typ?: string;
  /** Leave out the `kid` header (true by default to include it). */
  readonly kid?: boolean;
  /** Omit the payload from the output: the verifier must supply it. */
  readonly detached?: boolean;
  /** Further protected header members; `alg` and `kid` are always ours. */
  readonly header?: Readonly<Record<string, unknown>>;
}

/** Signs arbitrary payload bytes; returns `header.payload.signature` (payload empty when detached). */
export async function signJws(
  payload: Uint8Array | string,
  signer: Signer,
  options: SignJwsOptions = {},
): Promise<string> {
  const header: JwsHeader = { ...options.header, alg: signer.alg };
  if (options.kid !== false) header.kid = signer.kid;
  if (options.typ !== undefined) header.typ = options.typ;
  const encodedHeader = base64urlEncode(toBytes(canonicalJson(header)));
  const encodedPayload = base64urlEncode(toBytes(payload));
  const signature = await signer.sign(toBytes(`${encodedHeader}.${encodedPayload}`));
  return `${encodedHeader}.${options.detached ? '' : encodedPayload}.${base64urlEncode(signature)}`;
}

/** Signs a JSON value as its RFC 8785 canonical form: what seals and signed tree heads are. */
export function signCanonicalJws(
  value: unknown,
  signer: Signer,
  options: SignJwsOptions = {},
): Promise<string> {
  return signJws(canonicalJson(value), signer, options);
}

/** Why a JWS was refused. */
export type JwsFailureCode =
  'JWS_MALFORMED' | 'UNKNOWN_KEY' | 'ALG_NOT_ALLOWED' | 'SIGNATURE_INVALID' | 'PAYLOAD_NOT_CANONICAL';

/** Outcome of {@link verifyJws}. */
export type JwsVerification =
  { ok: true; header: JwsHeader; payload: Uint8Array; kid: string } | { ok: false; code: JwsFailureCode };

/** Which key checks a JWS: one verifier, a list to pick from by kid, or a lookup function. */
export type JwsKeys = Verifier | readonly Verifier[] | ((kid: string) => Verifier | undefined);

/** Options for {@link verifyJws}. */
export interface VerifyJwsOptions {
  /** The payload of a detached JWS. */
  readonly payload?: Uint8Array | string;
  /** Algorithms accepted; all three by default. */
  readonly algorithms?: readonly SignatureAlg[];
  /** Required `typ`, when set. */
  readonly typ?: string;
}

// A JWS that large is not one of ours; refusing early bounds the work an attacker can cause.
const MAX_JWS_LENGTH = 16 * 1024 * 1024;

function pickVerifier(keys: JwsKeys, kid: string | undefined): Verifier | undefined {
  if (typeof keys === 'function') return kid === undefined ? undefined : keys(kid);
  if (Array.isArray(keys))
    return kid === undefined ? undefined : (keys as readonly Verifier[]).find((k) => k.kid === kid);
  const single = keys as Verifier;
  return kid === undefined || kid === single.kid ? single : undefined;
}

function parseHeader(encoded: string): JwsHeader | undefined {
  const bytes = parseBase64url(encoded);
  const text = bytes && utf8Decode(bytes);
  if (text === undefined) return undefined;
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
  const h = header as Record<string, unknown>;
  if (!isSignatureAlg(h['alg'])) return undefined;
  if (h['kid'] !== undefined && typeof h['kid'] !== 'string') return undefined;
  // We implement no header extension, so any critical one must be refused (RFC 7515 §4.1.11),
  // and b64 (RFC 7797) would change what the signature covers.
  if ('crit' in h || 'b64' in h) return undefined;
  return h as JwsHeader;
}

/**
 * Verifies a compact JWS. Never throws on hostile input: every refusal is a stable code. The
 * header's `alg` must equal the key's algorithm, so a key is never used with another algorithm.
 */
export function verifyJws(jws: string, keys: JwsKeys, options: VerifyJwsOptions = {}): JwsVerification {
  if (typeof jws !== 'string' || jws.length > MAX_JWS_LENGTH) return { ok: false, code: 'JWS_MALFORMED' };
  const parts = jws.split('.');
  if (parts.length !== 3) return { ok: false, code: 'JWS_MALFORMED' };
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
  const header = parseHeader(encodedHeader);
  const signature = parseBase64url(encodedSignature);
  if (!header || !signature) return { ok: false, code: 'JWS_MALFORMED' };
  if (options.typ !== undefined && header.typ !== options.typ) return { ok: false, code: 'JWS_MALFORMED' };

  let payload: Uint8Array | undefined;
  if (options.payload !== undefined) {
    if (encodedPayload !== '') return { ok: false, code: 'JWS_MALFORMED' };
    payload = toBytes(options.payload);
  } else {
    payload = parseBase64url(encodedPayload);
    if (!payload) return { ok: false, code: 'JWS_MALFORMED' };
  }

  if (options.algorithms && !options.algorithms.includes(header.alg))
    return { ok: false, code: 'ALG_NOT_ALLOWED' };
  const verifier = pickVerifier(keys, header.kid);
  if (!verifier) return { ok: false, code: 'UNKNOWN_KEY' };
  if (verifier.alg !== header.alg) return { ok: false, code: 'ALG_NOT_ALLOWED' };
  const signingInput = toBytes(`${encodedHeader}.${base64urlEncode(payload)}`);
  if (!verifier.verify(signingInput, signature)) return { ok: false, code: 'SIGNATURE_INVALID' };
  return { ok: true, header, payload, kid: verifier.kid };
}

/** Outcome of {@link verifyCanonicalJws}. */
export type CanonicalJwsVerification =
  { ok: true; header: JwsHeader; value: unknown; kid: string } | { ok: false; code: JwsFailureCode };

/**
 * Verifies a JWS whose payload must be RFC 8785 canonical JSON, and returns the parsed value.
 * A payload that parses but is not in canonical form is refused: two encodings of one seal
 * would defeat comparing seals by their bytes.
 */
export function verifyCanonicalJws(
  jws: string,
  keys: JwsKeys,
  options: VerifyJwsOptions = {},
): CanonicalJwsVerification {
  const result = verifyJws(jws, keys, options);
  if (!result.ok) return result;
  const text = utf8Decode(result.payload);
  if (text === undefined) return { ok: false, code: 'PAYLOAD_NOT_CANONICAL' };
  let value: unknown;
  try {
    value = JSON.parse(text);
    if (canonicalJson(value) !== text) return { ok: false, code: 'PAYLOAD_NOT_CANONICAL' };
  } catch {
    return { ok: false, code: 'PAYLOAD_NOT_CANONICAL' };
  }
  return { ok: true, header: result.header, value, kid: result.kid };
}
