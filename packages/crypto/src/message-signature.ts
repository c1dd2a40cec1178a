import { randomBytes } from 'node:crypto';
import { serializeDictionary, type BareItem, type Parameters } from 'structured-headers';
import { findAlgByHttpName, httpSignatureAlgNames } from './algorithms.js';
import { base64urlEncode } from './base64url.js';
import { toBytes } from './bytes.js';
import { sha256 } from './hashes.js';
import { signatureBase, signatureParamsValue, type SignableMessage } from './signature-base.js';
import { parseSignatureFields, type ParsedSignature } from './signature-fields.js';
import type { Signer, Verifier } from './signer.js';

/**
 * The machinery shared by request and response signatures: building and signing the base, and
 * the checks every verification makes (fields, coverage, time, key, algorithm, signature).
 */

/** The default signature label. */
export const DEFAULT_SIGNATURE_LABEL = 'sig1';

/** Finds the verifier for a keyid (from a key store, a peer's JWKS, a directory). */
export type KeyLookup = (keyid: string) => Verifier | undefined | Promise<Verifier | undefined>;

/** Why an HTTP message signature was refused. Stable: peers and logs key on these. */
export type HttpSignatureFailureCode =
  | 'SIGNATURE_MISSING'
  | 'SIGNATURE_INVALID'
  | 'UNKNOWN_KEY'
  | 'DIGEST_MISMATCH'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'REPLAYED'
  | 'MALFORMED_SIGNATURE';

/** A refusal: the stable code, and a short safe detail for logs (no values from the message). */
export interface HttpSignatureFailure<C extends string = HttpSignatureFailureCode> {
  ok: false;
  code: C;
  detail: string;
}

/** Builds a refusal. */
export const fail = <C extends string>(code: C, detail: string): HttpSignatureFailure<C> => ({
  ok: false,
  code,
  detail,
});

/** A fresh nonce: 128 bits from the CSPRNG, base64url. */
export function newNonce(): string {
  return base64urlEncode(randomBytes(16));
}

/** What {@link signMessage} needs besides the message. */
export interface SignMessageOptions {
  readonly components: readonly string[];
  readonly now: Date;
  readonly ttlSeconds: number;
  readonly nonce?: string;
  readonly label?: string;
}

/** The two fields that carry a signature. */
export interface SignatureFields {
  'signature-input': string;
  signature: string;
}

/** Signs the covered components; the message must already carry every covered header. */
export async function signMessage(
  message: SignableMessage,
  signer: Signer,
  options: SignMessageOptions,
): Promise<SignatureFields & { base: string }> {
  if (!Number.isSafeInteger(options.ttlSeconds) || options.ttlSeconds <= 0)
    throw new RangeError('ttlSeconds must be a positive integer');
  const created = Math.floor(options.now.getTime() / 1000);
  const params: Parameters = new Map<string, BareItem>([
    ['created', created],
    ['expires', created + options.ttlSeconds],
    ['nonce', options.nonce ?? newNonce()],
    ['keyid', signer.kid],
    ['alg', httpSignatureAlgNames[signer.alg]],
  ]);
  const base = signatureBase(message, options.components, params);
  if (base === undefined) throw new TypeError('a covered component is missing from the message');
  const signature = await signer.sign(toBytes(base));
  const label = options.label ?? DEFAULT_SIGNATURE_LABEL;
  return {
    'signature-input': `${label}=${signatureParamsValue(options.components, params)}`,
    signature: serializeDictionary(new Map([[label, [signature, new Map()]]])),
    base,
  };
}

/** The checks shared by requests and responses. */
export interface VerifyMessageOptions {
  readonly keyLookup: KeyLookup;
  readonly now: Date;
  readonly maxAgeSeconds: number;
  readonly clockSkewSeconds: number;
  readonly label: string;
  /** Refuse signatures without a nonce (requests need one for replay protection). */
  readonly requireNonce: boolean;
  /** Returns a detail naming what is not covered but must be, or undefined when coverage suffices. */
  readonly coverageProblem: (covered: ReadonlySet<string>) => string | undefined;
}

/** A signature that passed every shared check. */
export interface VerifiedMessage {
  ok: true;
  signature: ParsedSignature;
  verifier: Verifier;
  /** The signature base, as signed. */
  base: string;
  /** Until when this signature could be accepted: the nonce must be remembered that long. */
  acceptableUntil: Date;
}

/** Checks the signature of a message; never throws on hostile input (a throwing keyLookup propagates). */
export async function verifyMessage(
  message: SignableMessage,
  options: VerifyMessageOptions,
): Promise<VerifiedMessage | HttpSignatureFailure> {
  const parsed = parseSignatureFields(message.headers, options.label);
  if ('code' in parsed) return fail(parsed.code, parsed.detail);
  if (options.requireNonce && parsed.nonce === undefined) return fail('MALFORMED_SIGNATURE', 'nonce missing');
  const alg = findAlgByHttpName(parsed.alg);
  if (alg === undefined) return fail('MALFORMED_SIGNATURE', 'unsupported alg');

  const problem = options.coverageProblem(new Set(parsed.components));
  if (problem !== undefined) return fail('SIGNATURE_INVALID', problem);

  const now = options.now.getTime() / 1000;
  if (parsed.created > now + options.clockSkewSeconds)
    return fail('NOT_YET_VALID', 'created is in the future');
  if (now - parsed.created > options.maxAgeSeconds + options.clockSkewSeconds)
    return fail('EXPIRED', 'older than the maximum age');
  if (parsed.expires !== undefined && now > parsed.expires + options.clockSkewSeconds)
    return fail('EXPIRED', 'past expires');

  const verifier = await options.keyLookup(parsed.keyid);
  if (!verifier) return fail('UNKNOWN_KEY', 'keyid not known');
  // The key decides the algorithm; the alg parameter must agree, never choose (RFC 9421 §3.2).
  if (verifier.alg !== alg) return fail('SIGNATURE_INVALID', 'alg does not match the key');

  let base: string | undefined;
  try {
    base = signatureBase(message, parsed.components, parsed.params);
  } catch {
    // Parameters that parsed but do not re-serialise; not expected, but never an exception.
    return fail('MALFORMED_SIGNATURE', 'signature parameters cannot be serialised');
  }
  if (base === undefined) return fail('SIGNATURE_INVALID', 'a covered component is missing');
  if (!verifier.verify(toBytes(base), parsed.signature))
    return fail('SIGNATURE_INVALID', 'signature does not verify');

  const until =
    Math.min(parsed.expires ?? Number.POSITIVE_INFINITY, parsed.created + options.maxAgeSeconds) +
    options.clockSkewSeconds;
  return { ok: true, signature: parsed, verifier, base, acceptableUntil: new Date(until * 1000) };
}

/**
 * The digest that binds a response to its request: SHA-256 over the request's signature base,
 * as an RFC 9530-style field value (`sha-256=:…:`). The base covers method, target URI, content
 * digest and the signature parameters with their nonce, so the digest names this one request.
 */
export function digestOfBase(base: string): string {
  return serializeDictionary(new Map([['sha-256', [sha256(base), new Map()]]]));
}
