import { createHash, randomBytes } from 'node:crypto';

/** `tbs_` a staff session, `tbt_` a system's API token: 256 random bits, base64url. */
export type TokenKind = 'session' | 'api';

const PREFIX: Record<TokenKind, string> = { session: 'tbs_', api: 'tbt_' };
const SHAPE = /^tb([st])_[A-Za-z0-9_-]{43}$/;

/** A fresh opaque token; only its {@link tokenHash} is ever stored. */
export const newToken = (kind: TokenKind): string => PREFIX[kind] + randomBytes(32).toString('base64url');

/** SHA-256 (hex) of the whole token: the key it is stored and cached under. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The kind of a token this platform could have issued, or undefined for anything else. */
export function tokenKindOf(token: string): TokenKind | undefined {
  const m = SHAPE.exec(token);
  return m ? (m[1] === 's' ? 'session' : 'api') : undefined;
}

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined || header.length > 4096) return undefined;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m?.[1];
}
