import { DomainError } from '@tongban/domain';

/**
 * Cursors are the last key of the previous page, base64url-encoded so clients treat them as opaque.
 * A cursor that does not decode is the caller's error, never a database error.
 */
export const encodeCursor = (key: string): string => Buffer.from(key, 'utf8').toString('base64url');

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw new DomainError('VALIDATION_FAILED', 'cursor is not one this API handed out', { field: 'cursor' });
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

/** Splits one extra fetched row off into the next cursor. */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  key: (r: R) => string,
  map: (r: R) => T,
): { entries: T[]; nextCursor?: string } {
  const entries = rows.slice(0, limit).map(map);
  const last = rows[limit - 1];
  return rows.length > limit && last !== undefined
    ? { entries, nextCursor: encodeCursor(key(last)) }
    : { entries };
}
