import { verifyRequest, type KeyLookup, type NonceStore } from '@tongban/crypto';
import { signatureProblemCode, targetUriOf } from '@tongban/contracts';
import { DomainError, type AuditLog } from '@tongban/domain';
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
    if (!result.ok) throw new DomainError(signatureProblemCode(result.code), result.detail);
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
