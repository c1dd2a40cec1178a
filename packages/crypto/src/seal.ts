import { isSealPayload, SEAL_TYP, type SealFailureReason, type SealPayload } from '@tongban/domain';
import type { SignatureAlg } from './algorithms.js';
import { parseBase64url } from './base64url.js';
import { utf8Decode } from './bytes.js';
import { signCanonicalJws, verifyCanonicalJws, type JwsFailureCode, type JwsKeys } from './jws.js';
import type { Signer } from './signer.js';

/**
 * Electronic seals (电子印章): a compact JWS (header `alg`, `kid`, `typ: tongban-seal+jws`) over the
 * RFC 8785 canonical JSON of a {@link SealPayload}. Anyone with the platform's published JWKS can
 * check one offline; see docs/SEALS.md for doing it with openssl or another JOSE library.
 */

/** Outcome of {@link verifySeal}. A refusal after a good signature still carries the payload. */
export type SealVerification =
  | { ok: true; payload: SealPayload; kid: string; alg: SignatureAlg }
  | { ok: false; reason: SealFailureReason; detail: string; payload?: SealPayload };

/**
 * How far a seal's `issuedAt` may lie ahead of the checker's clock before it is refused: clocks of
 * the platform and of whoever checks drift apart, but a seal from well in the future is a forgery
 * or a broken clock.
 */
export const SEAL_CLOCK_SKEW_MS = 5 * 60_000;

/** Signs a seal payload with the platform's key: JWS over its canonical JSON, `typ` {@link SEAL_TYP}. */
export function signSeal(payload: SealPayload, signer: Signer): Promise<string> {
  return signCanonicalJws(payload, signer, { typ: SEAL_TYP });
}

// What each JWS refusal means for a seal. A key used with another algorithm is a bad signature:
// the seal does not verify under the key it names.
const reasonFor = {
  JWS_MALFORMED: ['MALFORMED', 'not a compact JWS with a header this verifier accepts'],
  UNKNOWN_KEY: ['UNKNOWN_KEY', 'the key id is not in the key set'],
  ALG_NOT_ALLOWED: ['BAD_SIGNATURE', 'the header names an algorithm the key is not for'],
  SIGNATURE_INVALID: ['BAD_SIGNATURE', 'the signature does not verify'],
  PAYLOAD_NOT_CANONICAL: ['MALFORMED', 'the payload is not RFC 8785 canonical JSON'],
} as const satisfies Record<JwsFailureCode, readonly [SealFailureReason, string]>;

/** The protected header's `typ` and `kid`, read without trusting anything else in the JWS. */
function peekHeader(jws: string): { typ: unknown; kid: unknown } | undefined {
  const dot = jws.indexOf('.');
  const bytes = dot > 0 ? parseBase64url(jws.slice(0, dot)) : undefined;
  const text = bytes && utf8Decode(bytes);
  if (text === undefined) return undefined;
  try {
    const header: unknown = JSON.parse(text);
    if (typeof header !== 'object' || header === null) return undefined;
    const h = header as Record<string, unknown>;
    return { typ: h['typ'], kid: h['kid'] };
  } catch {
    return undefined;
  }
}

// Header members go into the detail a CLI prints: quoted (so control characters are escaped) and
// cut, so hostile input cannot flood a terminal. Key ids are 43-character thumbprints.
const quoted = (value: unknown): string =>
  value === undefined
    ? 'missing'
    : typeof value === 'string'
      ? JSON.stringify(value.slice(0, 64))
      : `a ${typeof value === 'object' ? 'non-string value' : typeof value}`;

/**
 * Checks a seal offline, against the given keys and at the time `now`: the JWS and its signature,
 * the `typ`, that the payload is canonical JSON and a seal payload, then the validity window
 * (refused from `expiresAt` on, and when `issuedAt` is more than {@link SEAL_CLOCK_SKEW_MS} after
 * `now`). Never throws on hostile input (only on an invalid `now`, a caller's bug).
 *
 * Offline only: whether the certificate is still valid at its source (`REVOKED_AT_SOURCE`) is for
 * the platform to say, which asks the source node (`POST /api/v1/seals/verify`); callers who can go
 * online add that check on top of a good result here.
 */
export function verifySeal(jws: string, keys: JwsKeys, now: Date): SealVerification {
  // The clock is the caller's, not the input's: a broken one must not make every seal look current.
  if (Number.isNaN(now.getTime())) throw new RangeError('verifySeal needs a valid time');
  if (typeof jws !== 'string') return { ok: false, reason: 'MALFORMED', detail: 'a seal is text' };
  const header = peekHeader(jws);
  // The typ goes first: a JWS of another kind is not a seal, however well it is signed.
  if (header && header.typ !== SEAL_TYP)
    return {
      ok: false,
      reason: 'MALFORMED',
      detail: `typ is ${quoted(header.typ)}, not ${SEAL_TYP}`,
    };
  // An empty payload part would read as a detached JWS; a seal always carries its payload.
  const firstDot = jws.indexOf('.');
  if (firstDot >= 0 && jws.indexOf('.', firstDot + 1) === firstDot + 1)
    return { ok: false, reason: 'MALFORMED', detail: 'the payload part is empty' };
  const result = verifyCanonicalJws(jws, keys, { typ: SEAL_TYP });
  if (!result.ok) {
    const [reason, detail] = reasonFor[result.code];
    return {
      ok: false,
      reason,
      detail: result.code === 'UNKNOWN_KEY' && header ? `${detail}: kid ${quoted(header.kid)}` : detail,
    };
  }
  if (!isSealPayload(result.value))
    return { ok: false, reason: 'MALFORMED', detail: 'the payload is signed but is not a seal payload' };
  const payload = result.value;
  if (now.getTime() >= Date.parse(payload.expiresAt))
    return {
      ok: false,
      reason: 'EXPIRED',
      detail: `the sealed copy expired at ${payload.expiresAt}`,
      payload,
    };
  if (Date.parse(payload.issuedAt) - now.getTime() > SEAL_CLOCK_SKEW_MS)
    return {
      ok: false,
      reason: 'NOT_YET_VALID',
      detail: `issued at ${payload.issuedAt}, after the time of checking ${now.toISOString()}`,
      payload,
    };
  return { ok: true, payload, kid: result.kid, alg: result.header.alg };
}
