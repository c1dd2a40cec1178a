import { isStaffRole, type ApiTokenRecord, type StaffAccount, type StaffRole } from '@tongban/domain';
import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { ApiTokenTable, StaffAccountTable } from '../schema.js';

/**
 * A text[] value built in SQL from a comma-joined list, so PGlite and `pg` bind it the same way
 * (their array parameter serialisers differ). Roles never contain a comma.
 */
export const textArray = (values: readonly string[]): RawBuilder<string[]> =>
  sql<string[]>`string_to_array(${values.join(',')}, ',')`;

/** Roles as stored; anything not a known role (a role since withdrawn) is dropped, never granted. */
export const rolesOf = (stored: readonly string[] | null): StaffRole[] => (stored ?? []).filter(isStaffRole);

const dateOf = (value: Date | string | null): Date | undefined =>
  value === null ? undefined : value instanceof Date ? value : new Date(value);

export function toStaffAccount(row: Selectable<StaffAccountTable>): StaffAccount {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    deptCode: row.dept_code,
    roles: rolesOf(row.roles),
    passwordHash: row.password_hash ?? undefined,
    external:
      row.oidc_issuer !== null && row.oidc_subject !== null
        ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
        : undefined,
    failedAttempts: row.failed_attempts,
    lockedUntil: dateOf(row.locked_until),
    disabled: row.disabled,
    createdAt: dateOf(row.created_at)!,
    createdBy: row.created_by,
    lastSignInAt: dateOf(row.last_sign_in_at),
  };
}

export function toApiToken(row: Selectable<ApiTokenTable>): ApiTokenRecord & { readonly tokenHash: string } {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    name: row.name,
    deptCode: row.dept_code,
    roles: rolesOf(row.roles),
    createdBy: row.created_by,
    createdAt: dateOf(row.created_at)!,
    expiresAt: dateOf(row.expires_at),
    revokedAt: dateOf(row.revoked_at),
  };
}

/** Without the hash: what listings and answers carry. */
export const publicApiToken = ({
  tokenHash: _tokenHash,
  ...token
}: ApiTokenRecord & { readonly tokenHash: string }): ApiTokenRecord => token;

/** PostgreSQL's unique_violation, as both `pg` and PGlite report it. */
export const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === '23505';
