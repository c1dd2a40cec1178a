/**
 * Every error the system reports has a stable code from this list. The platform maps each code to an
 * HTTP status and an RFC 9457 problem+json document in one table (packages/contracts/src/problem.ts);
 * the CLI maps them to exit codes. Messages never carry ID numbers, tokens or SQL parameters.
 */
export const errorCodes = [
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'AUDIT_ENTRY_NOT_FOUND',
  'TREE_HEAD_NOT_FOUND',
  'AUDIT_UNAVAILABLE',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'MALFORMED_INPUT',
  'IMPORT_REJECTED',
  'CATALOG_VERSION_NOT_FOUND',
  'ITEM_NOT_FOUND',
  'DEPARTMENT_NOT_FOUND',
  'CERTIFICATE_TYPE_NOT_FOUND',
  'NOT_READY',
  'CERTIFICATE_NOT_FOUND',
  'STATUS_TRANSITION_NOT_ALLOWED',
  'LOOKUP_DENIED',
  'SIGNATURE_MISSING',
  'SIGNATURE_INVALID',
  'UNKNOWN_KEY',
  'DIGEST_MISMATCH',
  'SIGNATURE_EXPIRED',
  'SIGNATURE_NOT_YET_VALID',
  'REPLAYED',
  'MALFORMED_SIGNATURE',
  'CASE_NOT_FOUND',
  'CASE_STATUS_CONFLICT',
  'AGREEMENT_NOT_FOUND',
  'NODE_NOT_FOUND',
  'STAFF_NOT_FOUND',
  'ACCOUNT_LOCKED',
  'SEAL_MALFORMED',
  'UPSTREAM_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** A failure the caller can act on: a stable code, a safe message, and optional safe typed details. */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
