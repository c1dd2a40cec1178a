import { SourceUnavailableError } from '@tongban/domain';

/**
 * A {@link SourceUnavailableError} for `source` (`sql:tax`). Its message reaches the operator's log
 * (never the caller), so it is built only from the adapter's own words and safe codes: no URL (it
 * may hold a holder's ID number), no SQL parameter, no driver message (PostgreSQL quotes the value
 * it could not parse), no password.
 */
export function unavailable(source: string, what: string): SourceUnavailableError {
  return new SourceUnavailableError(`${source}: ${what}`);
}

/** A safe short code for a driver or network error: `ECONNREFUSED`, `ER_NO_SUCH_TABLE`, `SQLSTATE 42P01`. */
export function errorCodeOf(error: unknown): string {
  let e: unknown = error;
  // fetch wraps the socket error in `cause`; net wraps per-address attempts in an AggregateError.
  for (let depth = 0; depth < 4 && typeof e === 'object' && e !== null; depth++) {
    const { code, errno, errors, cause } = e as {
      code?: unknown;
      errno?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code)) return `SQLSTATE ${code}`;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,48}$/.test(code)) return code;
    if (typeof errno === 'number' && Number.isInteger(errno) && errno > 0) return `errno ${errno}`;
    e = Array.isArray(errors) && errors.length > 0 ? errors[0] : cause;
  }
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
    return error.name;
  return 'no error code';
}
