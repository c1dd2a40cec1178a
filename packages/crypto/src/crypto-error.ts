/** Stable codes for the failures this package throws (verification results are returned, not thrown). */
export const cryptoErrorCodes = [
  'KEY_INVALID',
  'KEY_UNSUPPORTED',
  'KEY_FILE_PERMISSIONS',
  'KEY_STORE_CORRUPT',
  'KEY_STORE_PROFILE_MISMATCH',
  'NO_SIGNING_KEY',
  'NONCE_STORE_FULL',
  'ALGORITHM_UNAVAILABLE',
  'SIGNING_FAILED',
] as const;

/** One of {@link cryptoErrorCodes}. */
export type CryptoErrorCode = (typeof cryptoErrorCodes)[number];

/**
 * A failure with a stable code. Messages name files, kids and algorithms, never key material:
 * they may end up in a log line.
 */
export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `e` is a {@link CryptoError}, optionally with the given code. */
export function isCryptoError(e: unknown, code?: CryptoErrorCode): e is CryptoError {
  return e instanceof CryptoError && (code === undefined || e.code === code);
}
