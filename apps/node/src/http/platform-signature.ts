import { verifyRequest, type KeyLookup, type NonceStore } from '@tongban/crypto';
import { DomainError, type AuditLog, type ErrorCode } from '@tongban/domain';
import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the platform's signature verified: its key id and the digest to echo back. */
    platform?: { readonly kid: string; readonly requestDigest: string };
  }
}

export interface PlatformSignatureOptions {
  readonly keyLookup: KeyLookup;
  readonly nonceStore: NonceStore;
  readonly maxAgeSeconds: number;
  readonly clock: () => Date;
  /** The base URL the platform signed (`@target-uri`), or undefined to take it from the Host header. */
  readonly publicUrl: string | undefined;
}

const CODES: Record<string, ErrorCode> = {
  SIGNATURE_MISSING: 'SIGNATURE_MISSING',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  UNKNOWN_KEY: 'UNKNOWN_KEY',
  DIGEST_MISMATCH: 'DIGEST_MISMATCH',
  EXPIRED: 'SIGNATURE_EXPIRED',
  NOT_YET_VALID: 'SIGNATURE_NOT_YET_VALID',
  REPLAYED: 'REPLAYED',
  MALFORMED_SIGNATURE: 'MALFORMED_SIGNATURE',
};

/** The absolute URL of a request as the platform addressed it. */
export function targetUriOf(req: FastifyRequest, publicUrl: string | undefined): string {
  const base = publicUrl ?? `${req.protocol}://${req.host}`;
  return `${base.replace(/\/$/, '')}${req.url}`;
}

/**
 * A preValidation hook: accepts only requests signed (RFC 9421, with Content-Digest, a fresh
 * `created` and an unseen nonce) by a registered platform key. It runs before schema validation,
 * so an unsigned request learns nothing about what a valid body looks like.
 */
export function requirePlatformSignature(options: PlatformSignatureOptions) {
  return async (req: FastifyRequest): Promise<void> => {
    const result = await verifyRequest(
      {
        method: req.method,
        url: targetUriOf(req, options.publicUrl),
        headers: req.headers,
        body: req.rawBody ?? new Uint8Array(0),
      },
      {
        keyLookup: options.keyLookup,
        now: options.clock(),
        maxAgeSeconds: options.maxAgeSeconds,
        nonceStore: options.nonceStore,
      },
    );
    if (!result.ok) throw new DomainError(CODES[result.code] ?? 'SIGNATURE_INVALID', result.detail);
    req.platform = { kid: result.keyid, requestDigest: result.requestDigest };
  };
}

/**
 * Logs a refused request to the node's audit log before the refusal leaves: every lookup, granted
 * or refused, is on record. The entry names the operation, the key (if any) and the code only.
 */
export async function auditRefusal(
  log: AuditLog,
  operation: string,
  req: FastifyRequest,
  code: string,
): Promise<void> {
  await log.append({
    operation,
    actor: req.platform ? `platform:${req.platform.kid}` : 'unauthenticated',
    outcome: 'refused',
    requestId: String(req.id),
    details: { code },
  });
}
