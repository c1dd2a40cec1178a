import type { ErrorCode } from '@tongban/domain';
import type { FastifyRequest } from 'fastify';

/** RFC 9421 refusal codes (from @tongban/crypto) mapped onto our error table. */
const SIGNATURE_CODES: Readonly<Record<string, ErrorCode>> = {
  SIGNATURE_MISSING: 'SIGNATURE_MISSING',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  DIGEST_MISMATCH: 'DIGEST_MISMATCH',
  EXPIRED: 'SIGNATURE_EXPIRED',
  NOT_YET_VALID: 'SIGNATURE_NOT_YET_VALID',
  REPLAYED: 'REPLAYED',
  MALFORMED_SIGNATURE: 'MALFORMED_SIGNATURE',
};

/** The stable error code for a refused message signature (SIGNATURE_INVALID for anything unknown). */
export function signatureProblemCode(code: string): ErrorCode {
  return SIGNATURE_CODES[code] ?? 'SIGNATURE_INVALID';
}

/** The absolute URL of a request as the signer addressed it (`@target-uri`). */
export function targetUriOf(req: FastifyRequest, publicUrl: string | undefined): string {
  const base = publicUrl ?? `${req.protocol}://${req.host}`;
  return `${base.replace(/\/$/, '')}${req.url}`;
}
