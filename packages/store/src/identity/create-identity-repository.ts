import { DomainError, type IdentityRepository, type NewStaffAccount } from '@tongban/domain';
import { sql, type Kysely } from 'kysely';
import { decodeCursor, toPage } from '../cursor.js';
import type { PlatformDatabase } from '../schema.js';
import { sha256Hex } from '../sha256.js';
import {
  isUniqueViolation,
  publicApiToken,
  rolesOf,
  textArray,
  toApiToken,
  toStaffAccount,
} from './identity-rows.js';

/**
 * Staff accounts, sessions, API tokens and pending OIDC sign-ins on PGlite or PostgreSQL (tables of
 * migration 0201). Every statement is a single round trip; the failure count is updated atomically
 * in SQL, so concurrent failed sign-ins cannot slip past the lockout.
 */
export function createIdentityRepository(db: Kysely<PlatformDatabase>): IdentityRepository {
  const staffById = (id: string) =>
    db.selectFrom('staff_account').selectAll().where('id', '=', id).executeTakeFirst();

  return {
    createStaff: async (account: NewStaffAccount) => {
      try {
        const row = await db
          .insertInto('staff_account')
          .values({
            id: account.id,
            username: account.username,
            name: account.name,
            dept_code: account.deptCode,
            roles: textArray(account.roles),
            password_hash: account.passwordHash ?? null,
            oidc_issuer: account.external?.issuer ?? null,
            oidc_subject: account.external?.subject ?? null,
            created_by: account.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toStaffAccount(row);
      } catch (e) {
        if (isUniqueViolation(e))
          throw new DomainError('CONFLICT', 'an account with this username or sign-on identity exists', {
            field: 'username',
          });
        throw e;
      }
    },

    findStaffById: async (id) => {
      const row = await staffById(id);
      return row && toStaffAccount(row);
    },

    findStaffByUsername: async (username) => {
      const row = await db
        .selectFrom('staff_account')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      return row && toStaffAccount(row);
    },

    findStaffByExternalId: async (issuer, subject) => {
      const row = await db
        .selectFrom('staff_account')
        .selectAll()
        .where('oidc_issuer', '=', issuer)
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
      return row && toStaffAccount(row);
    },

    listStaff: async (filter, page) => {
      const after = decodeCursor(page.cursor);
      const rows = await db
        .selectFrom('staff_account')
        .selectAll()
        .$if(filter.deptCode !== undefined, (q) => q.where('dept_code', '=', filter.deptCode!))
        .$if(after !== undefined, (q) => q.where('username', '>', after!))
        .orderBy('username')
        .limit(page.limit + 1)
        .execute();
      return toPage(rows, page.limit, (r) => r.username, toStaffAccount);
    },

    countStaff: async () => {
      const row = await db
        .selectFrom('staff_account')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    recordFailedSignIn: async (id, now, policy) => {
      const until = new Date(now.getTime() + policy.lockMinutes * 60_000);
      // A lock that has run out starts a fresh count; a live lock is never extended by this.
      const count = sql<number>`(case when locked_until <= ${now}::timestamptz then 1 else failed_attempts + 1 end)`;
      const row = await db
        .updateTable('staff_account')
        .set({
          failed_attempts: count,
          locked_until: sql<Date | null>`case
            when locked_until > ${now}::timestamptz then locked_until
            when ${count} >= ${policy.maxAttempts}::integer then ${until}::timestamptz
            else null end`,
          updated_at: now,
        })
        .where('id', '=', id)
        .returning(['failed_attempts', 'locked_until'])
        .executeTakeFirst();
      if (!row) return { failedAttempts: 0, lockedNow: false };
      const lockedUntil = row.locked_until === null ? undefined : new Date(row.locked_until);
      return {
        failedAttempts: row.failed_attempts,
        lockedUntil,
        lockedNow: lockedUntil !== undefined && row.failed_attempts === policy.maxAttempts,
      };
    },

    recordSignIn: async (id, now, passwordHash) => {
      await db
        .updateTable('staff_account')
        .set({
          failed_attempts: 0,
          locked_until: null,
          last_sign_in_at: now,
          updated_at: now,
          ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    unlockStaff: async (id) => {
      const row = await db
        .updateTable('staff_account')
        .set({ failed_attempts: 0, locked_until: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toStaffAccount(row);
    },

    updateStaff: async (id, change) => {
      try {
        const row = await db
          .updateTable('staff_account')
          .set({
            updated_at: sql`now()`,
            ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
            ...(change.external !== undefined
              ? {
                  oidc_issuer: change.external?.issuer ?? null,
                  oidc_subject: change.external?.subject ?? null,
                }
              : {}),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        return row && toStaffAccount(row);
      } catch (e) {
        if (isUniqueViolation(e))
          throw new DomainError('CONFLICT', 'another account is linked to this sign-on identity', {
            field: 'oidc',
          });
        throw e;
      }
    },

    createSession: async ({ tokenHash, staffId, expiresAt }) => {
      await db
        .insertInto('staff_session')
        .values({ token_hash: tokenHash, staff_id: staffId, expires_at: expiresAt })
        .execute();
    },

    findSession: async (tokenHash, now) => {
      const row = await db
        .selectFrom('staff_session as s')
        .innerJoin('staff_account as a', 'a.id', 's.staff_id')
        .select(['s.expires_at', 'a.id', 'a.dept_code', 'a.roles', 'a.name'])
        .where('s.token_hash', '=', tokenHash)
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', now)
        .where('a.disabled', '=', false)
        .executeTakeFirst();
      return (
        row && {
          principal: {
            kind: 'staff',
            id: row.id,
            deptCode: row.dept_code,
            roles: rolesOf(row.roles),
            name: row.name,
          },
          expiresAt: new Date(row.expires_at),
        }
      );
    },

    revokeSession: async (tokenHash, now) => {
      await db
        .updateTable('staff_session')
        .set({ revoked_at: now })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .execute();
    },

    revokeStaffSessions: async (staffId, now) => {
      const rows = await db
        .updateTable('staff_session')
        .set({ revoked_at: now })
        .where('staff_id', '=', staffId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('token_hash')
        .execute();
      return rows.map((r) => r.token_hash);
    },

    deleteEndedSessions: async (before) => {
      const result = await db.deleteFrom('staff_session').where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    createApiToken: async (token) => {
      try {
        const row = await db
          .insertInto('api_token')
          .values({
            id: token.id,
            token_hash: token.tokenHash,
            name: token.name,
            dept_code: token.deptCode,
            roles: textArray(token.roles),
            created_by: token.createdBy,
            expires_at: token.expiresAt ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return publicApiToken(toApiToken(row));
      } catch (e) {
        if (isUniqueViolation(e)) throw new DomainError('CONFLICT', 'an API token with this id exists');
        throw e;
      }
    },

    findApiTokenById: async (id) => {
      const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toApiToken(row);
    },

    findApiToken: async (tokenHash, now) => {
      const row = await db
        .selectFrom('api_token')
        .select(['id', 'dept_code', 'roles', 'name', 'expires_at'])
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return (
        row && {
          principal: {
            kind: 'system',
            id: row.id,
            deptCode: row.dept_code,
            roles: rolesOf(row.roles),
            name: row.name,
          },
          expiresAt: row.expires_at === null ? undefined : new Date(row.expires_at),
        }
      );
    },

    listApiTokens: async (filter, page) => {
      const after = decodeCursor(page.cursor);
      const rows = await db
        .selectFrom('api_token')
        .selectAll()
        .$if(filter.deptCode !== undefined, (q) => q.where('dept_code', '=', filter.deptCode!))
        .$if(after !== undefined, (q) => q.where('id', '>', after!))
        .orderBy('id')
        .limit(page.limit + 1)
        .execute();
      return toPage(
        rows,
        page.limit,
        (r) => r.id,
        (r) => publicApiToken(toApiToken(r)),
      );
    },

    revokeApiToken: async (id, now, by) => {
      await db
        .updateTable('api_token')
        .set({ revoked_at: now, revoked_by: by })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toApiToken(row);
    },

    savePendingSignIn: async (pending, expiresAt) => {
      await db
        .deleteFrom('oidc_sign_in')
        .where('expires_at', '<', sql<Date>`now()`)
        .execute();
      await db
        .insertInto('oidc_sign_in')
        .values({
          state_hash: sha256Hex(pending.state),
          code_verifier: pending.codeVerifier,
          nonce: pending.nonce,
          expires_at: expiresAt,
        })
        .execute();
    },

    takePendingSignIn: async (state, now) => {
      const row = await db
        .deleteFrom('oidc_sign_in')
        .where('state_hash', '=', sha256Hex(state))
        .returning(['code_verifier', 'nonce', 'expires_at'])
        .executeTakeFirst();
      if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return undefined;
      return { state, codeVerifier: row.code_verifier, nonce: row.nonce };
    },
  };
}
